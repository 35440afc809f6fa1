"""One error hierarchy for authentication, and the one table of messages a user may see."""

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable codes: used in `?error=` query strings and mapped to user messages below."""

    INVALID_CREDENTIALS = 'invalid_credentials'
    USER_NOT_CONFIRMED = 'user_not_confirmed'
    PASSWORD_RESET_REQUIRED = 'password_reset_required'
    NEW_PASSWORD_REQUIRED = 'new_password_required'
    MFA_REQUIRED = 'mfa_required'
    TOO_MANY_ATTEMPTS = 'too_many_attempts'
    SERVICE_UNAVAILABLE = 'service_unavailable'
    SESSION_EXPIRED = 'session_expired'
    INVALID_INPUT = 'invalid_input'
    UNEXPECTED = 'unexpected'


USER_MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.INVALID_CREDENTIALS: 'Incorrect email or password.',
    ErrorCode.USER_NOT_CONFIRMED: 'Your account is not confirmed yet. Please confirm it, then sign in.',
    ErrorCode.PASSWORD_RESET_REQUIRED: 'You need to reset your password before you can sign in.',
    ErrorCode.NEW_PASSWORD_REQUIRED: 'You must choose a new password before signing in, which is not supported yet.',
    ErrorCode.MFA_REQUIRED: 'This account needs multi-factor authentication, which is not supported here yet.',
    ErrorCode.TOO_MANY_ATTEMPTS: 'Too many attempts. Please wait a moment and try again.',
    ErrorCode.SERVICE_UNAVAILABLE: 'The sign-in service is unreachable. Please try again.',
    ErrorCode.SESSION_EXPIRED: 'Your session has expired. Please sign in again.',
    ErrorCode.INVALID_INPUT: 'Please correct the highlighted fields.',
    ErrorCode.UNEXPECTED: 'Something went wrong. Please try again.',
}


def user_message(code: str | None) -> str | None:
    """The message for a code from a query string; None for a missing or unknown code."""
    try:
        return USER_MESSAGES[ErrorCode(code)] if code else None
    except ValueError:
        return None


class AuthError(Exception):
    """Base of every expected authentication failure. `str()` is for logs only, never for users."""

    code: ErrorCode = ErrorCode.UNEXPECTED

    @property
    def user_message(self) -> str:
        """What the user may be shown."""
        return USER_MESSAGES[self.code]


class InvalidCredentials(AuthError):
    code = ErrorCode.INVALID_CREDENTIALS


class UserNotConfirmed(AuthError):
    code = ErrorCode.USER_NOT_CONFIRMED


class PasswordResetRequired(AuthError):
    code = ErrorCode.PASSWORD_RESET_REQUIRED


class ChallengeRequired(AuthError):
    """Cognito asked for a challenge this app does not answer yet."""

    def __init__(self, challenge: str) -> None:
        super().__init__(f'challenge {challenge} required')
        self.challenge = challenge
        self.code = ErrorCode.NEW_PASSWORD_REQUIRED if challenge == 'NEW_PASSWORD_REQUIRED' else ErrorCode.MFA_REQUIRED


class TooManyAttempts(AuthError):
    code = ErrorCode.TOO_MANY_ATTEMPTS


class ServiceUnavailable(AuthError):
    code = ErrorCode.SERVICE_UNAVAILABLE


class UnexpectedProviderError(AuthError):
    """Cognito answered with an error this app does not expect: usually a misconfigured pool or client."""


class SessionExpired(AuthError):
    code = ErrorCode.SESSION_EXPIRED


class InvalidToken(SessionExpired):
    """A token failed verification; to the user this is an ended session."""


class InvalidInput(AuthError):
    """Form input was refused before any Cognito call; `field_errors` maps field name to message."""

    code = ErrorCode.INVALID_INPUT

    def __init__(self, field_errors: dict[str, str]) -> None:
        super().__init__(f'invalid fields: {sorted(field_errors)}')
        self.field_errors = field_errors
