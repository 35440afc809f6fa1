"""Form input is refused before any Cognito call, and return URLs never leave the site."""

import pytest

from domain.errors import InvalidInput
from domain.models import parse_credentials
from domain.redirects import safe_redirect_target


@pytest.mark.parametrize(('email', 'password', 'field', 'message'), [
    ('', 'pw', 'email', 'Enter your email address.'),
    ('   ', 'pw', 'email', 'Enter your email address.'),
    ('not-an-email', 'pw', 'email', 'Enter a valid email address, like name@example.com.'),
    ('a@b', 'pw', 'email', 'Enter a valid email address, like name@example.com.'),
    ('x' * 250 + '@example.com', 'pw', 'email', 'An email address has at most 254 characters.'),
    ('demo@example.com', '', 'password', 'Enter your password.'),
    ('demo@example.com', 'p' * 257, 'password', 'A password has at most 256 characters.'),
    ('demo@example.com', 'p' * 5 * 1024, 'password', 'A password has at most 256 characters.'),
    ('d' * 5 * 1024, 'pw', 'email', 'An email address has at most 254 characters.'),
])
def test_bad_input_gets_a_clear_message_per_field(email: str, password: str, field: str, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_credentials(email, password)
    assert refused.value.field_errors[field] == message


def test_both_fields_are_reported_at_once() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_credentials('', '')
    assert set(refused.value.field_errors) == {'email', 'password'}


def test_valid_input_is_normalised() -> None:
    credentials = parse_credentials('  Demo@Example.com ', 'Secret 1 ')
    assert credentials.email == 'demo@example.com'
    assert credentials.password.get_secret_value() == 'Secret 1 '
    assert 'Secret 1' not in repr(credentials)


@pytest.mark.parametrize('target', ['/app', '/app/account', '/app/account?tab=1', '/app/a%20b'])
def test_relative_paths_on_this_site_are_kept(target: str) -> None:
    assert safe_redirect_target(target) == target


@pytest.mark.parametrize('payload', [
    'https://evil.example', 'http://evil.example/app', '//evil.example', '///evil.example', '/\\evil.example',
    '\\\\evil.example', 'javascript:alert(1)', 'JavaScript:alert(1)', ' /app', 'app',
    '%2F%2Fevil.example', '/%2F/evil.example', '%2f%5cevil.example', '/%5Cevil.example',
    'https%3A%2F%2Fevil.example', '%252F%252Fevil.example', 'javascript%3Aalert(1)', '/\t/evil.example',
    '/app\r\nLocation: https://evil.example', '', None, '/' + 'a' * 5000,
])
def test_open_redirect_payloads_fall_back_to_the_dashboard(payload: str | None) -> None:
    assert safe_redirect_target(payload) == '/app'
