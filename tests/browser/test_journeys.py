"""The whole journey in a real headless Chromium, with real tabs of one browser."""

import base64
import json
import time
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import JWT, TOKEN_SECONDS, RunningApp, WireTap, screenshot
from tests.conftest import DEMO_EMAIL, DEMO_PASSWORD

pytestmark = pytest.mark.browser


def sign_in(page: Any, email: str = DEMO_EMAIL, password: str = DEMO_PASSWORD) -> None:
    page.get_by_label('Email').fill(email)
    page.get_by_label('Password', exact=True).fill(password)
    page.get_by_role('button', name='Sign in').click()


def path_of(page: Any) -> str:
    parts = urlsplit(str(page.url))
    return parts.path + (f'?{parts.query}' if parts.query else '')


def test_an_anonymous_visit_lands_on_the_login_page(context: Any) -> None:
    page = context.new_page()
    page.goto('/app/account')
    page.wait_for_url('**/auth/login?redirect_to=/app/account')
    assert page.evaluate('document.activeElement.getAttribute("aria-label") || document.activeElement.name') in {
        'Email', 'email'}, 'focus starts in Email'
    screenshot(page, 'login')


def test_wrong_password_and_unknown_user_show_the_same_generic_message(context: Any) -> None:
    page = context.new_page()
    page.goto('/auth/login')
    sign_in(page, password='Wrong-Passw0rd!')
    alert = page.get_by_role('alert')
    alert.filter(has_text='Incorrect email or password.').wait_for()
    page.get_by_role('button', name='Sign in').and_(page.locator(':enabled')).wait_for()
    screenshot(page, 'login-error')
    page.get_by_label('Email').fill('nobody@example.com')
    page.get_by_label('Password', exact=True).fill(DEMO_PASSWORD)
    page.get_by_label('Password', exact=True).press('Enter')  # Enter submits, like the button
    expect(page.get_by_label('Password', exact=True)).to_have_value('')  # cleared only by a refused attempt
    alert.filter(has_text='Incorrect email or password.').wait_for()
    assert path_of(page) == '/auth/login'


def test_the_whole_journey_across_tabs_with_refresh_and_sign_out(context: Any, wiretap: WireTap,
                                                                 running_app: RunningApp) -> None:
    first = wiretap.attach(context.new_page())
    first.goto('/app/account')
    sign_in(first)
    first.wait_for_url('**/app/account')
    first.get_by_text(DEMO_EMAIL).wait_for()
    first.get_by_text('Family name').wait_for()
    first.get_by_text('Hello Demo User').wait_for()
    first.get_by_role('button', name='Sign out').wait_for()
    screenshot(first, 'account')

    second = wiretap.attach(context.new_page())
    second.goto('/')
    second.get_by_text('Hello Demo User').wait_for()

    dashboard = wiretap.attach(context.new_page())
    dashboard.goto('/app')
    dashboard.get_by_role('heading', name='Dashboard').wait_for()
    screenshot(dashboard, 'dashboard')
    time.sleep(3 * TOKEN_SECONDS + 1)  # several token lifetimes: only refreshed tokens keep this session alive
    dashboard.goto('/app/account')
    dashboard.get_by_text(DEMO_EMAIL).wait_for()
    assert path_of(dashboard) == '/app/account'

    protected = wiretap.attach(context.new_page())
    protected.goto('/app/account')
    protected.get_by_text(DEMO_EMAIL).wait_for()

    first.get_by_role('button', name='Sign out').click()
    started = time.monotonic()
    second.get_by_role('link', name='Sign in').wait_for(timeout=2500)
    assert time.monotonic() - started < 2.5
    protected.wait_for_url('**/auth/login?redirect_to=/app/account', timeout=3000)

    after = context.new_page()
    after.goto('/app')
    after.wait_for_url('**/auth/login?redirect_to=/app')
    assert wiretap.received, 'the tap saw traffic'
    assert wiretap.jwts() == [], 'no JWT ever reaches the browser'
    session_cookie = next(cookie['value'] for cookie in context.cookies() if cookie['name'] == 'session')
    assert not JWT.search(session_cookie)
    assert json.loads(base64.b64decode(session_cookie.split('.')[0])).keys() == {'id'}, 'the cookie holds only an id'


@pytest.mark.parametrize('payload', [
    'https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)',
    '%2F%2Fevil.example', 'https%3A%2F%2Fevil.example', '%2F%5Cevil.example', 'javascript%3Aalert(1)',
])
def test_open_redirect_payloads_never_take_the_browser_off_site(context: Any, running_app: RunningApp,
                                                                payload: str) -> None:
    page = context.new_page()
    page.goto(f'/auth/login?redirect_to={payload}')
    sign_in(page)
    page.wait_for_url('**/app')
    assert page.url == f'{running_app.base_url}/app'
