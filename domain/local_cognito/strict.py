"""Patches that make moto's Cognito as strict as the real service (see shared notes, "Gaps").

- the SRP proof is verified, and SECRET_BLOCK is real base64 (Amplify-compatible);
- PASSWORD_VERIFIER accepts USERNAME = USER_ID_FOR_SRP, as Cognito does;
- id and access tokens honour the client's AccessTokenValidity / IdTokenValidity;
- calls taking an access token refuse an expired one;
- a disabled user's refresh token stops working;
- AdminUserGlobalSignOut by email alias revokes that user's tokens;
- RevokeToken (missing in moto) revokes one refresh token and the access tokens issued from it.

Every patched call also feeds per-client counters and change listeners (used for persistence).
"""

import functools
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from jose import jwt
from moto.cognitoidp.exceptions import NotAuthorizedError
from moto.cognitoidp.models import CognitoIdpBackend, CognitoIdpUserPool
from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.responses import ActionResult, EmptyResult

from .srp import SrpChallenge, SrpError, signature_matches, start_challenge

F = TypeVar('F', bound=Callable[..., Any])

UNIT_SECONDS = {'seconds': 1, 'minutes': 60, 'hours': 3600, 'days': 86400}
ACCESS_TOKEN_CALLS = ('get_user', 'global_sign_out', 'change_password', 'update_user_attributes',
                      'set_user_mfa_preference')
MUTATING_CALLS = ('initiate_auth', 'respond_to_auth_challenge', 'global_sign_out', 'admin_user_global_sign_out',
                  'admin_create_user', 'admin_set_user_password', 'sign_up', 'confirm_sign_up',
                  'admin_confirm_sign_up', 'change_password', 'update_user_attributes',
                  'admin_update_user_attributes', 'admin_disable_user', 'admin_enable_user', 'admin_delete_user',
                  'confirm_forgot_password', 'revoke_token')

MAX_PENDING_CHALLENGES = 10_000

auth_flow_times: dict[tuple[str, str], list[float]] = {}
change_listeners: list[Callable[[], None]] = []
_srp_challenges: dict[str, tuple[str, SrpChallenge]] = {}
_install_lock = threading.Lock()
_installed = False


def install() -> None:
    """Apply the patches once per process; safe to call again."""
    global _installed  # noqa: PLW0603
    with _install_lock:
        if _installed:
            return
        _patch_token_lifetimes()
        _patch_access_token_expiry()
        _patch_initiate_auth()
        _patch_respond_to_auth_challenge()
        _patch_admin_global_sign_out()
        _add_revoke_token()
        _patch_change_notifications()
        _installed = True


def _patch_token_lifetimes() -> None:
    original = CognitoIdpUserPool.create_jwt

    @functools.wraps(original)
    def create_jwt(self: CognitoIdpUserPool, client_id: str, username: str, token_use: str,  # noqa: PLR0917
                   expires_in: int = 3600, extra_data: dict[str, Any] | None = None) -> tuple[str, int]:
        client = self.clients.get(client_id)
        if client is not None and token_use in {'id', 'access'}:
            expires_in = _validity_seconds(client.extended_config, token_use, expires_in)
        return original(self, client_id, username, token_use, expires_in, extra_data)

    CognitoIdpUserPool.create_jwt = create_jwt  # type: ignore[method-assign]


def _validity_seconds(config: dict[str, Any], token_use: str, default: int) -> int:
    name = 'AccessToken' if token_use == 'access' else 'IdToken'
    value = config.get(f'{name}Validity')
    if value is None:
        return default
    unit = (config.get('TokenValidityUnits') or {}).get(name, 'hours')
    return int(value) * UNIT_SECONDS.get(unit, 3600)


def _patch_access_token_expiry() -> None:
    for name in ACCESS_TOKEN_CALLS:
        original = getattr(CognitoIdpBackend, name)
        setattr(CognitoIdpBackend, name, _refusing_expired_tokens(original))


def _refusing_expired_tokens(original: F) -> F:
    @functools.wraps(original)
    def call(self: CognitoIdpBackend, access_token: str, *args: Any, **kwargs: Any) -> Any:
        if access_token:
            expires_at = unverified_claim(access_token, 'exp')
            if expires_at is None:
                raise NotAuthorizedError('Invalid Access Token')
            if float(expires_at) <= time.time():
                raise NotAuthorizedError('Access Token has expired')
        return original(self, access_token, *args, **kwargs)

    return cast(F, call)


def _patch_initiate_auth() -> None:
    original = CognitoIdpBackend.initiate_auth

    @functools.wraps(original)
    def initiate_auth(self: CognitoIdpBackend, client_id: str, auth_flow: str,
                      auth_parameters: dict[str, str]) -> dict[str, Any]:
        auth_flow_times.setdefault((client_id, auth_flow), []).append(time.monotonic())
        if auth_flow in {'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN'}:
            _refuse_disabled_refresh(self, auth_parameters.get('REFRESH_TOKEN', ''))
        response = original(self, client_id, auth_flow, auth_parameters)
        if response.get('ChallengeName') == 'PASSWORD_VERIFIER':
            _make_real_srp_challenge(self, response, auth_parameters)
        return response

    CognitoIdpBackend.initiate_auth = initiate_auth  # type: ignore[method-assign]


def _refuse_disabled_refresh(backend: CognitoIdpBackend, refresh_token: str) -> None:
    for pool in backend.user_pools.values():
        entry = pool.refresh_tokens.get(refresh_token)
        if entry is not None:
            user = pool.users.get(entry[1])
            if user is not None and not user.enabled:
                raise NotAuthorizedError('User is disabled.')


def _make_real_srp_challenge(backend: CognitoIdpBackend, response: dict[str, Any],
                             auth_parameters: dict[str, str]) -> None:
    moto_session = response['Session']
    username, pool = backend.sessions.pop(moto_session)
    user = pool._get_user(username)
    try:
        challenge = start_challenge(pool.id, user.id, user.password or '', auth_parameters.get('SRP_A', ''))
    except (SrpError, ValueError) as error:
        raise NotAuthorizedError('Incorrect username or password.') from error
    backend.sessions[challenge.secret_block] = (username, pool)
    while len(_srp_challenges) >= MAX_PENDING_CHALLENGES:
        backend.sessions.pop(next(iter(_srp_challenges)), None)
        _srp_challenges.pop(next(iter(_srp_challenges)))
    _srp_challenges[challenge.secret_block] = (user.username, challenge)
    response['Session'] = challenge.secret_block
    response['ChallengeParameters'].update({
        'SALT': challenge.salt_hex, 'SRP_B': f'{challenge.big_b:x}', 'SECRET_BLOCK': challenge.secret_block,
        'USER_ID_FOR_SRP': user.id, 'USERNAME': user.username,
    })


def _patch_respond_to_auth_challenge() -> None:
    original = CognitoIdpBackend.respond_to_auth_challenge

    @functools.wraps(original)
    def respond_to_auth_challenge(self: CognitoIdpBackend, session: str, client_id: str, challenge_name: str,
                                  challenge_responses: dict[str, str]) -> dict[str, Any]:
        if challenge_name == 'PASSWORD_VERIFIER':
            challenge_responses = _verified_password_claim(self, challenge_responses)
        return original(self, session, client_id, challenge_name, challenge_responses)

    CognitoIdpBackend.respond_to_auth_challenge = respond_to_auth_challenge  # type: ignore[method-assign]


def _verified_password_claim(backend: CognitoIdpBackend, responses: dict[str, str]) -> dict[str, str]:
    secret_block = responses.get('PASSWORD_CLAIM_SECRET_BLOCK', '')
    remembered = _srp_challenges.pop(secret_block, None)
    if remembered is None:
        raise NotAuthorizedError('Invalid session for the user.')
    username, challenge = remembered
    claimed_user = responses.get('USERNAME', '')
    signature = responses.get('PASSWORD_CLAIM_SIGNATURE', '')
    timestamp = responses.get('TIMESTAMP', '')
    if claimed_user not in {username, challenge.user_id} or not signature_matches(challenge, timestamp, signature):
        backend.sessions.pop(secret_block, None)
        raise NotAuthorizedError('Incorrect username or password.')
    return {**responses, 'USERNAME': username}


def _patch_admin_global_sign_out() -> None:
    """moto compares the given name (maybe an email alias) with the stored username: resolve the alias first."""
    original = CognitoIdpBackend.admin_user_global_sign_out

    @functools.wraps(original)
    def admin_user_global_sign_out(self: CognitoIdpBackend, user_pool_id: str, username: str) -> None:
        user = self.admin_get_user(user_pool_id, username)
        original(self, user_pool_id, user.username)

    CognitoIdpBackend.admin_user_global_sign_out = admin_user_global_sign_out  # type: ignore[method-assign]


def _add_revoke_token() -> None:
    def revoke_token(self: CognitoIdpBackend, token: str, client_id: str) -> None:
        for pool in self.user_pools.values():
            entry = pool.refresh_tokens.get(token)
            if entry is None:
                continue
            if entry[0] != client_id:
                raise NotAuthorizedError('Token does not belong to this client')
            pool.refresh_tokens[token] = None
            for access_token in list(pool.access_tokens):
                if unverified_claim(access_token, 'origin_jti') == entry[2]:
                    pool.access_tokens.pop(access_token, None)

    def respond(self: CognitoIdpResponse) -> ActionResult:
        self.backend.revoke_token(self._get_param('Token'), self._get_param('ClientId'))  # type: ignore[attr-defined]
        return EmptyResult()

    CognitoIdpBackend.revoke_token = revoke_token  # type: ignore[attr-defined]
    CognitoIdpResponse.revoke_token = respond  # type: ignore[attr-defined]


def unverified_claim(token: str, name: str) -> Any:
    """A claim of a token this server issued, read without verification; None when absent or unreadable."""
    try:
        return jwt.get_unverified_claims(token).get(name)
    except Exception:
        return None


def _patch_change_notifications() -> None:
    for name in MUTATING_CALLS:
        setattr(CognitoIdpBackend, name, _notifying(getattr(CognitoIdpBackend, name)))


def _notifying(original: F) -> F:
    @functools.wraps(original)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return original(*args, **kwargs)
        finally:
            for listener in list(change_listeners):
                listener()

    return cast(F, call)
