"""The session across tabs: live header, sign-out everywhere, refresh, expiry and revocation."""

import asyncio
import itertools
import re

import pytest
from nicegui import app, ui
from nicegui.testing import User

from domain.models import AuthSession
from tests.conftest import DEMO_EMAIL, record_measurement
from tests.ui.helpers import current_path, eventually, local_cognito, new_tab, sign_in

JWT = re.compile(r'eyJ[\w-]+\.eyJ[\w-]+\.')


def stored_session() -> AuthSession | None:
    raw = next(iter(app.storage._users.values()))['auth']
    return AuthSession.model_validate(raw['session']) if raw.get('session') else None


async def test_the_header_follows_sign_in_in_another_tab(tabs: User) -> None:
    user = tabs
    await user.open('/')
    other = new_tab(user)
    await other.open('/')
    await other.should_see('Sign in')
    await sign_in(user)
    await eventually(lambda: current_path(user) == '/app')
    await other.should_see('Hello Demo User', retries=30)
    await other.should_see(kind=ui.button, content='Sign out')


async def test_sign_out_flips_every_tab_within_two_seconds(tabs: User) -> None:
    user = tabs
    await sign_in(user)
    await eventually(lambda: current_path(user) == '/app')
    home_tab, account_tab = new_tab(user), new_tab(user)
    await home_tab.open('/')
    await account_tab.open('/app/account')
    await home_tab.should_see('Hello Demo User')
    user.find(kind=ui.button, content='Sign out').click()
    await home_tab.should_see('Sign in', retries=20)
    took = await eventually(lambda: current_path(account_tab).startswith('/auth/login'), timeout=2.0)
    assert current_path(account_tab) == '/auth/login?redirect_to=/app/account'
    assert took < 2.0
    response = await user.http_client.get('/app')
    assert response.status_code == 303, 'after sign-out the group is guarded again'


async def test_sign_out_revokes_the_tokens_at_cognito(tabs: User) -> None:
    user = tabs
    await sign_in(user)
    await eventually(lambda: current_path(user) == '/app')
    session = stored_session()
    assert session is not None
    user.find(kind=ui.button, content='Sign out').click()
    await eventually(lambda: stored_session() is None)
    identity = local_cognito()
    admin = identity.admin_client()
    with pytest.raises(admin.exceptions.NotAuthorizedException):
        admin.initiate_auth(ClientId=identity.client_id, AuthFlow='REFRESH_TOKEN_AUTH',
                            AuthParameters={'REFRESH_TOKEN': session.tokens.refresh_token})


@pytest.mark.token_seconds(3)
async def test_five_tabs_share_one_refresh_per_expiry(tabs: User) -> None:
    user = tabs
    local = local_cognito()
    await sign_in(user)
    await eventually(lambda: current_path(user) == '/app')
    first = stored_session()
    assert first is not None and first.tokens.expires_at - first.tokens.issued_at == 3
    user.client.delete()  # type: ignore[union-attr]  # no tab open while the tokens become due
    await eventually(first.tokens.refresh_due, timeout=3)
    before = local.auth_flow_count('REFRESH_TOKEN_AUTH')
    open_tabs = [new_tab(user) for _ in range(5)]
    await asyncio.gather(*(tab.open('/app/account') for tab in open_tabs))
    refreshes = local.auth_flow_count('REFRESH_TOKEN_AUTH') - before
    record_measurement('refresh_calls_five_tabs_one_expiry', refreshes)
    assert refreshes == 1, 'five tabs opened at once: one refresh'
    for tab in open_tabs:
        await tab.should_see(DEMO_EMAIL)

    # Kept open for three more token lifetimes: still signed in, and never two refreshes for one expiry
    # (five tabs refreshing on their own would call Cognito in bursts a few milliseconds apart).
    before = len(local.auth_flow_times('REFRESH_TOKEN_AUTH'))
    await asyncio.sleep(9)
    calls = local.auth_flow_times('REFRESH_TOKEN_AUTH')[before:]
    gaps = [later - earlier for earlier, later in itertools.pairwise(calls)]
    assert len(calls) >= 3, f'only {len(calls)} refreshes in three lifetimes'
    assert min(gaps) > 0.3, f'refresh calls too close together: {gaps}'
    session = stored_session()
    assert session is not None and not session.tokens.expired()
    await open_tabs[0].open('/app/account')
    await open_tabs[0].should_see(DEMO_EMAIL)


@pytest.mark.token_seconds(2)
async def test_a_revoked_session_ends_with_a_message_on_the_login_page(tabs: User) -> None:
    user = tabs
    await sign_in(user, path='/auth/login?redirect_to=/app/account')
    await eventually(lambda: current_path(user) == '/app/account')
    local = local_cognito()
    local.admin_client().admin_user_global_sign_out(UserPoolId=local.user_pool_id, Username=DEMO_EMAIL)
    await eventually(lambda: current_path(user).startswith('/auth/login'), timeout=5)
    assert current_path(user) == '/auth/login?redirect_to=/app/account&error=session_expired'
    await user.should_see('Your session has expired. Please sign in again.')
    await user.should_see(kind=ui.button, content='Sign in')


async def test_no_token_ever_reaches_a_page(tabs: User) -> None:
    user = tabs
    await sign_in(user)
    await eventually(lambda: current_path(user) == '/app')
    for path in ('/', '/app', '/app/account', '/auth/login'):
        response = await user.http_client.get(path, follow_redirects=True)
        assert not JWT.search(response.text), path
    assert not any(JWT.search(str(value)) for value in app.storage.browser.values())


@pytest.mark.token_seconds(3)
async def test_cognito_down_on_a_protected_page_keeps_the_session(tabs: User) -> None:
    user = tabs
    await sign_in(user)
    await eventually(lambda: current_path(user) == '/app')
    local = local_cognito()
    local.stop()
    try:
        await asyncio.sleep(1.6)  # the refresh is due now, and cannot happen
        await user.open('/app/account')
        await user.should_see('The sign-in service is unreachable. Please try again.')
        assert stored_session() is not None, 'an outage does not sign anyone out'
    finally:
        local.start()
    await user.open('/app/account')
    await user.should_see(DEMO_EMAIL)
