"""Pydantic models shared by the domain and the UI."""

import re
import time

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from .errors import InvalidInput

MAX_EMAIL_LENGTH = 254
MAX_PASSWORD_LENGTH = 256
MAX_REFRESH_MARGIN_SECONDS = 120.0
_EMAIL = re.compile(r'^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$')


class Credentials(BaseModel):
    """Email and password that passed validation and may be sent to Cognito."""

    model_config = ConfigDict(frozen=True)

    email: str
    password: SecretStr


def parse_credentials(email: str | None, password: str | None) -> Credentials:
    """Validate a sign-in form before any Cognito call; raise `InvalidInput` with one message per bad field."""
    email = (email or '').strip()
    password = password or ''
    errors: dict[str, str] = {}
    if not email:
        errors['email'] = 'Enter your email address.'
    elif len(email) > MAX_EMAIL_LENGTH:
        errors['email'] = f'An email address has at most {MAX_EMAIL_LENGTH} characters.'
    elif not _EMAIL.match(email):
        errors['email'] = 'Enter a valid email address, like name@example.com.'
    if not password:
        errors['password'] = 'Enter your password.'
    elif len(password) > MAX_PASSWORD_LENGTH:
        errors['password'] = f'A password has at most {MAX_PASSWORD_LENGTH} characters.'
    if errors:
        raise InvalidInput(errors)
    return Credentials(email=email.lower(), password=SecretStr(password))


class Identity(BaseModel):
    """Who is signed in, from the verified id token."""

    sub: str
    email: str = ''
    given_name: str = ''
    family_name: str = ''

    @property
    def display_name(self) -> str:
        """"Given Family", falling back to the email."""
        return ' '.join(part for part in (self.given_name, self.family_name) if part) or self.email


class TokenSet(BaseModel):
    """Cognito tokens of one session. They never leave the server, and never appear in a repr."""

    id_token: str = Field(repr=False)
    access_token: str = Field(repr=False)
    refresh_token: str = Field(repr=False)
    username: str = ''
    issued_at: float
    expires_at: float

    def refresh_due(self, now: float | None = None) -> bool:
        """True once the access token is within its refresh margin: half its lifetime, at most two minutes."""
        now = time.time() if now is None else now
        margin = min(MAX_REFRESH_MARGIN_SECONDS, (self.expires_at - self.issued_at) / 2)
        return now >= self.expires_at - margin

    def expired(self, now: float | None = None) -> bool:
        """True once the access token is past its `exp`."""
        return (time.time() if now is None else now) >= self.expires_at


class AuthSession(BaseModel):
    """A signed-in session: verified tokens and the identity they carry."""

    tokens: TokenSet
    identity: Identity


class Account(BaseModel):
    """The account as Cognito's GetUser returns it."""

    username: str
    sub: str
    email: str = ''
    given_name: str = ''
    family_name: str = ''
    email_verified: bool = False
