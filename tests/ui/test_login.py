"""Signing in through the login page, as a user would."""

from nicegui import ui
from nicegui.testing import User

from tests.conftest import DEMO_EMAIL
from tests.ui.helpers import current_path, eventually, input_error, local_cognito, sign_in


async def test_an_anonymous_visit_to_a_protected_page_redirects_to_the_login_page(user: User) -> None:
    response = await user.http_client.get('/app/account')
    assert response.status_code == 303
    assert response.headers['location'] == '/auth/login?redirect_to=/app/account'
    await user.open('/app/account')
    await user.should_see('Email')
    await user.should_see(kind=ui.button, content='Sign in')


async def test_signing_in_lands_on_the_page_asked_for(user: User) -> None:
    await sign_in(user, path='/auth/login?redirect_to=/app/account')
    await eventually(lambda: current_path(user) == '/app/account')
    await user.should_see('Hello Demo User')
    await user.should_see(DEMO_EMAIL)
    await user.should_see('Family name')


async def test_signing_in_without_a_target_lands_on_the_dashboard(user: User) -> None:
    await sign_in(user)
    await eventually(lambda: current_path(user) == '/app')
    await user.should_see('Dashboard')


async def test_a_wrong_password_and_an_unknown_user_get_the_same_message(user: User) -> None:
    await sign_in(user, password='Wrong-Passw0rd!')
    await user.should_see('Incorrect email or password.')
    await sign_in(user, email='nobody@example.com')
    await user.should_see('Incorrect email or password.')
    assert current_path(user) == '/auth/login'


async def test_empty_fields_get_inline_messages_and_no_cognito_call(user: User) -> None:
    before = local_cognito().auth_flow_count('USER_SRP_AUTH')
    await user.open('/auth/login')
    user.find(kind=ui.button, content='Sign in').click()
    await eventually(lambda: input_error(user, 'Email') == 'Enter your email address.')
    assert input_error(user, 'Password') == 'Enter your password.'
    assert local_cognito().auth_flow_count('USER_SRP_AUTH') == before


async def test_a_malformed_email_is_refused_before_cognito(user: User) -> None:
    before = local_cognito().auth_flow_count('USER_SRP_AUTH')
    await sign_in(user, email='demo-at-example.com')
    await eventually(lambda: input_error(user, 'Email') == 'Enter a valid email address, like name@example.com.')
    assert local_cognito().auth_flow_count('USER_SRP_AUTH') == before


async def test_a_5_kb_field_is_refused_cleanly_and_keeps_the_input(user: User) -> None:
    huge = 'p' * 5 * 1024
    await sign_in(user, password=huge)
    await eventually(lambda: input_error(user, 'Password') == 'A password has at most 256 characters.')
    element = user.find('Password').elements.pop()
    assert isinstance(element, ui.input) and element.value == huge
    await sign_in(user, email='e' * 5 * 1024 + '@example.com')
    await eventually(lambda: input_error(user, 'Email') == 'An email address has at most 254 characters.')


async def test_pressing_enter_in_the_password_field_submits(user: User) -> None:
    await user.open('/auth/login?redirect_to=/app/account')
    user.find('Email').type(DEMO_EMAIL)
    user.find('Password').type('Demo-Passw0rd!').trigger('keydown.enter')
    await eventually(lambda: current_path(user) == '/app/account')


async def test_the_email_field_has_focus_and_the_right_autocomplete(user: User) -> None:
    await user.open('/auth/login')
    email = user.find('Email').elements.pop()
    password = user.find('Password').elements.pop()
    assert 'autofocus' in email.props and email.props['autocomplete'] == 'username'
    assert password.props['autocomplete'] == 'current-password'


async def test_an_error_code_in_the_url_is_shown_as_a_human_message(user: User) -> None:
    await user.open('/auth/login?error=session_expired')
    await user.should_see('Your session has expired. Please sign in again.')
    await user.open('/auth/login?error=<script>alert(1)</script>')
    await user.should_not_see('<script>')


async def test_open_redirect_payloads_never_leave_the_site(user: User) -> None:
    payloads = ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)',
                '%2F%2Fevil.example', 'https%3A%2F%2Fevil.example', '%2F%5Cevil.example']
    for payload in payloads:
        await sign_in(user, path=f'/auth/login?redirect_to={payload}')
        await eventually(lambda: current_path(user) == '/app', message=f'payload {payload!r}')
        user.find(kind=ui.button, content='Sign out').click()
        await eventually(lambda: current_path(user) == '/', message=str(user.back_history))


async def test_when_cognito_is_down_the_user_is_told_and_the_app_keeps_serving(user: User) -> None:
    local = local_cognito()
    local.stop()
    try:
        await sign_in(user)
        await user.should_see('The sign-in service is unreachable. Please try again.')
        element = user.find('Email').elements.pop()
        assert isinstance(element, ui.input) and element.value == DEMO_EMAIL, 'nothing typed is lost'
        await user.open('/')
        await user.should_see('NiceGUI with AWS Cognito')
    finally:
        local.start()
    await sign_in(user)
    await eventually(lambda: current_path(user) == '/app')


async def test_a_signed_in_user_visiting_the_login_page_goes_on_to_the_target(user: User) -> None:
    await sign_in(user)
    await eventually(lambda: current_path(user) == '/app')
    response = await user.http_client.get('/auth/login?redirect_to=/app/account')
    assert response.status_code == 303 and response.headers['location'] == '/app/account'


async def test_the_button_spins_and_is_disabled_while_signing_in(user: User) -> None:
    await user.open('/auth/login')
    user.find('Email').type(DEMO_EMAIL)
    user.find('Password').type('Demo-Passw0rd!')
    button = user.find(kind=ui.button, content='Sign in').elements.pop()
    user.find(kind=ui.button, content='Sign in').click()
    await eventually(lambda: 'loading' in button.props, timeout=1)
    assert not button.enabled
    await eventually(lambda: current_path(user) == '/app')
