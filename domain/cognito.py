"""The Cognito adapter: SRP sign-in, refresh, GetUser and sign-out, off the event loop.

botocore errors are translated into the `AuthError` hierarchy here and nowhere else.
"""

import asyncio
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from pycognito.aws_srp import AWSSRP
from pycognito.exceptions import ForceChangePasswordException, MFAChallengeException

from .errors import (
    AuthError,
    ChallengeRequired,
    InvalidCredentials,
    PasswordResetRequired,
    ServiceUnavailable,
    SessionExpired,
    TooManyAttempts,
    UnexpectedProviderError,
    UserNotConfirmed,
)
from .models import Account, AuthSession, Credentials, Identity, TokenSet
from .tokens import TokenVerifier

log = logging.getLogger('auth')
T = TypeVar('T')
WIRE_LOGGERS = ('botocore', 'boto3', 'urllib3', 's3transfer')

_SIGN_IN_ERRORS: dict[str, type[AuthError]] = {
    'NotAuthorizedException': InvalidCredentials,
    'UserNotFoundException': InvalidCredentials,
    'UserNotConfirmedException': UserNotConfirmed,
    'PasswordResetRequiredException': PasswordResetRequired,
    'TooManyRequestsException': TooManyAttempts,
    'TooManyFailedAttemptsException': TooManyAttempts,
    'LimitExceededException': TooManyAttempts,
}
_SESSION_ERRORS: dict[str, type[AuthError]] = {
    'NotAuthorizedException': SessionExpired,
    'UserNotFoundException': SessionExpired,
    'TooManyRequestsException': TooManyAttempts,
}


@dataclass(frozen=True)
class CognitoConfig:
    """Where the user pool is and how to reach it."""

    user_pool_id: str
    client_id: str
    region: str
    client_secret: str | None = None
    endpoint_url: str | None = None
    timeout_seconds: float = 5.0
    max_parallel_sign_ins: int = 4


def mask_email(email: str) -> str:
    """`demo@example.com` -> `d***@example.com`, for logs."""
    name, _, domain = email.partition('@')
    return f'{name[:1]}***@{domain}' if domain else '***'


def quiet_wire_loggers() -> None:
    """botocore and urllib3 log request and response bodies (tokens included) at DEBUG: keep them at WARNING."""
    for name in WIRE_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def make_cognito_client(config: CognitoConfig) -> Any:
    """One boto3 client for the whole app. The calls used need no AWS credentials, so requests are unsigned."""
    quiet_wire_loggers()
    boto_config = Config(
        signature_version=botocore.UNSIGNED,
        connect_timeout=config.timeout_seconds,
        read_timeout=config.timeout_seconds,
        retries={'max_attempts': 1, 'mode': 'standard'},
        max_pool_connections=32,
    )
    session = boto3.session.Session()
    return session.client('cognito-idp', region_name=config.region, endpoint_url=config.endpoint_url,
                          config=boto_config)


class CognitoIdentityProvider:
    """`IdentityProvider` backed by a Cognito user pool (real, or the embedded one)."""

    def __init__(self, config: CognitoConfig, verifier: TokenVerifier, client: Any | None = None) -> None:
        self.config = config
        self.verifier = verifier
        self.client = client or make_cognito_client(config)
        # SRP is pure-Python big-number maths that holds the GIL: more parallel sign-ins add event-loop lag,
        # not throughput (measured in tests/domain/test_measurements.py).
        self._sign_in_pool = ThreadPoolExecutor(config.max_parallel_sign_ins, thread_name_prefix='srp')

    async def sign_in(self, credentials: Credentials) -> AuthSession:
        """SRP sign-in; raises `InvalidCredentials` alike for a wrong password and an unknown user."""
        started = time.perf_counter()
        try:
            loop = asyncio.get_running_loop()
            session = await loop.run_in_executor(self._sign_in_pool, self._sign_in_blocking, credentials)
        except UnexpectedProviderError as error:
            log.error('sign-in failed unexpectedly for %s: %s', mask_email(credentials.email), error)  # noqa: TRY400
            raise
        except AuthError as error:
            log.warning('sign-in failed for %s: %s (%s)', mask_email(credentials.email), error.code, error)
            raise
        log.info('sign-in succeeded for %s sub=%s in %.0f ms', mask_email(credentials.email),
                 session.identity.sub, (time.perf_counter() - started) * 1000)
        return session

    async def refresh(self, tokens: TokenSet) -> AuthSession:
        """REFRESH_TOKEN_AUTH; Cognito keeps the refresh token, so it is carried over."""
        return await asyncio.to_thread(self._refresh_blocking, tokens)

    async def get_account(self, tokens: TokenSet) -> Account:
        """Cognito GetUser with the access token."""
        response = await asyncio.to_thread(self._call, _SESSION_ERRORS, self.client.get_user,
                                           AccessToken=tokens.access_token)
        attributes = {item['Name']: item['Value'] for item in response.get('UserAttributes', [])}
        return Account(username=response['Username'], sub=attributes.get('sub', ''),
                       email=attributes.get('email', ''), given_name=attributes.get('given_name', ''),
                       family_name=attributes.get('family_name', ''),
                       email_verified=attributes.get('email_verified', '').lower() == 'true')

    async def sign_out(self, tokens: TokenSet) -> None:
        """RevokeToken: ends this session's refresh token and the access tokens issued from it.

        Other devices of the same user stay signed in (GlobalSignOut would end them all).
        """
        parameters: dict[str, Any] = {'Token': tokens.refresh_token, 'ClientId': self.config.client_id}
        if self.config.client_secret:
            parameters['ClientSecret'] = self.config.client_secret
        await asyncio.to_thread(lambda: self._call(_SESSION_ERRORS, self.client.revoke_token, **parameters))

    def _sign_in_blocking(self, credentials: Credentials) -> AuthSession:
        srp = AWSSRP(username=credentials.email, password=credentials.password.get_secret_value(),
                     pool_id=self.config.user_pool_id, client_id=self.config.client_id,
                     client=self.client, client_secret=self.config.client_secret)
        try:
            response = self._call(_SIGN_IN_ERRORS, srp.authenticate_user)
        except ForceChangePasswordException as error:
            raise ChallengeRequired('NEW_PASSWORD_REQUIRED') from error
        except MFAChallengeException as error:
            raise ChallengeRequired(type(error).__name__) from error
        except NotImplementedError as error:
            raise ChallengeRequired('UNSUPPORTED') from error
        result = response.get('AuthenticationResult')
        if not result:
            raise ChallengeRequired(str(response.get('ChallengeName', 'UNKNOWN')))
        return self._session_from(result, refresh_token=result['RefreshToken'])

    def _refresh_blocking(self, tokens: TokenSet) -> AuthSession:
        parameters = {'REFRESH_TOKEN': tokens.refresh_token}
        if self.config.client_secret:
            parameters['SECRET_HASH'] = AWSSRP.get_secret_hash(tokens.username, self.config.client_id,
                                                               self.config.client_secret)
        response = self._call(_SESSION_ERRORS, self.client.initiate_auth, ClientId=self.config.client_id,
                              AuthFlow='REFRESH_TOKEN_AUTH', AuthParameters=parameters)
        result = response['AuthenticationResult']
        return self._session_from(result, refresh_token=result.get('RefreshToken') or tokens.refresh_token)

    def _session_from(self, result: dict[str, Any], *, refresh_token: str) -> AuthSession:
        access_claims = self.verifier.verify_access_token(result['AccessToken'])
        id_claims = self.verifier.verify_id_token(result['IdToken'], access_token=result['AccessToken'])
        tokens = TokenSet(id_token=result['IdToken'], access_token=result['AccessToken'], refresh_token=refresh_token,
                          username=str(access_claims.get('username', '')),
                          issued_at=float(access_claims['iat']), expires_at=float(access_claims['exp']))
        identity = Identity(sub=str(id_claims['sub']), email=str(id_claims.get('email', '')),
                            given_name=str(id_claims.get('given_name', '')),
                            family_name=str(id_claims.get('family_name', '')))
        return AuthSession(tokens=tokens, identity=identity)

    @staticmethod
    def _call(errors: dict[str, type[AuthError]], function: Callable[..., T], **kwargs: Any) -> T:
        try:
            return function(**kwargs)
        except ClientError as error:
            code = error.response.get('Error', {}).get('Code', '')
            message = error.response.get('Error', {}).get('Message', '')
            raise errors.get(code, UnexpectedProviderError)(f'{code}: {message}') from error
        except BotoCoreError as error:
            raise ServiceUnavailable(type(error).__name__) from error
