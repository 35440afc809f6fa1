"""Refresh is single-flight: many concurrent callers, one Cognito call per expiry."""

import asyncio

import pytest

from domain.cognito import CognitoIdentityProvider
from domain.errors import SessionExpired
from domain.local_cognito import LocalCognito
from domain.models import AuthSession, parse_credentials
from domain.refresh import SessionRefresher
from tests.conftest import DEMO_EMAIL, DEMO_PASSWORD


class Slot:
    """Stands in for one browser's server-side storage."""

    def __init__(self, session: AuthSession | None) -> None:
        self.session = session
        self.saves = 0

    def load(self) -> AuthSession | None:
        return self.session

    def save(self, session: AuthSession | None) -> None:
        self.session = session
        self.saves += 1


async def due_session(local: LocalCognito, provider: CognitoIdentityProvider) -> AuthSession:
    local.set_token_seconds(2)
    session = await provider.sign_in(parse_credentials(DEMO_EMAIL, DEMO_PASSWORD))
    local.set_token_seconds(3600)
    await asyncio.sleep(1.1)
    assert session.tokens.refresh_due()
    return session


async def test_five_concurrent_callers_make_exactly_one_refresh_call(
        token_lifetime: LocalCognito, provider: CognitoIdentityProvider) -> None:
    slot = Slot(await due_session(token_lifetime, provider))
    refresher = SessionRefresher(provider)
    before = token_lifetime.auth_flow_count('REFRESH_TOKEN_AUTH')
    results = await asyncio.gather(*(refresher.ensure_fresh('browser-1', slot.load, slot.save) for _ in range(5)))
    assert token_lifetime.auth_flow_count('REFRESH_TOKEN_AUTH') - before == 1
    assert slot.saves == 1
    assert len({result.tokens.access_token for result in results if result}) == 1


async def test_a_fresh_session_is_not_refreshed(provider: CognitoIdentityProvider, local_cognito: LocalCognito) -> None:
    slot = Slot(await provider.sign_in(parse_credentials(DEMO_EMAIL, DEMO_PASSWORD)))
    before = local_cognito.auth_flow_count('REFRESH_TOKEN_AUTH')
    await SessionRefresher(provider).ensure_fresh('browser-2', slot.load, slot.save)
    assert local_cognito.auth_flow_count('REFRESH_TOKEN_AUTH') == before
    assert slot.saves == 0


async def test_a_revoked_refresh_token_ends_the_session(token_lifetime: LocalCognito,
                                                        provider: CognitoIdentityProvider) -> None:
    session = await due_session(token_lifetime, provider)
    token_lifetime.admin_client().admin_user_global_sign_out(UserPoolId=token_lifetime.user_pool_id,
                                                             Username=DEMO_EMAIL)
    slot = Slot(session)
    with pytest.raises(SessionExpired):
        await SessionRefresher(provider).ensure_fresh('browser-3', slot.load, slot.save)
    assert slot.session is None
