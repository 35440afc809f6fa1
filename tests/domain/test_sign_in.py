"""Signing in, refreshing and signing out against the embedded Cognito, over HTTP."""

import asyncio
import logging
import socket
import threading
import time
from typing import Any

import boto3
import pytest

from domain.cognito import CognitoIdentityProvider
from domain.errors import ChallengeRequired, InvalidCredentials, ServiceUnavailable, SessionExpired
from domain.local_cognito import LocalCognito
from domain.models import parse_credentials
from tests.conftest import DEMO_EMAIL, DEMO_PASSWORD, free_port
from tests.domain.conftest import make_provider

DEMO = parse_credentials(DEMO_EMAIL, DEMO_PASSWORD)


async def test_the_demo_user_signs_in_with_srp(provider: CognitoIdentityProvider, local_cognito: LocalCognito) -> None:
    before = local_cognito.auth_flow_count('USER_SRP_AUTH')
    session = await provider.sign_in(DEMO)
    assert session.identity.email == DEMO_EMAIL
    assert (session.identity.given_name, session.identity.family_name) == ('Demo', 'User')
    assert session.tokens.expires_at > time.time()
    assert local_cognito.auth_flow_count('USER_SRP_AUTH') == before + 1


async def test_a_wrong_password_fails_srp(provider: CognitoIdentityProvider) -> None:
    with pytest.raises(InvalidCredentials):
        await provider.sign_in(parse_credentials(DEMO_EMAIL, DEMO_PASSWORD + 'x'))


async def test_an_unknown_user_fails_like_a_wrong_password(provider: CognitoIdentityProvider) -> None:
    with pytest.raises(InvalidCredentials) as unknown:
        await provider.sign_in(parse_credentials('nobody@example.com', DEMO_PASSWORD))
    with pytest.raises(InvalidCredentials) as wrong:
        await provider.sign_in(parse_credentials(DEMO_EMAIL, 'not-the-password'))
    assert unknown.value.user_message == wrong.value.user_message == 'Incorrect email or password.'


async def test_the_account_comes_from_get_user(provider: CognitoIdentityProvider) -> None:
    session = await provider.sign_in(DEMO)
    account = await provider.get_account(session.tokens)
    assert account.email == DEMO_EMAIL
    assert account.sub == session.identity.sub
    assert (account.given_name, account.family_name) == ('Demo', 'User')


async def test_token_lifetimes_are_honoured(token_lifetime: LocalCognito, provider: CognitoIdentityProvider) -> None:
    token_lifetime.set_token_seconds(7)
    session = await provider.sign_in(DEMO)
    assert session.tokens.expires_at - session.tokens.issued_at == 7


async def test_get_user_refuses_an_expired_access_token(token_lifetime: LocalCognito,
                                                        provider: CognitoIdentityProvider) -> None:
    token_lifetime.set_token_seconds(1)
    session = await provider.sign_in(DEMO)
    await asyncio.sleep(1.2)
    with pytest.raises(SessionExpired, match='Access Token has expired'):
        await provider.get_account(session.tokens)


async def test_refresh_gives_new_tokens_that_work(token_lifetime: LocalCognito,
                                                  provider: CognitoIdentityProvider) -> None:
    token_lifetime.set_token_seconds(1)
    session = await provider.sign_in(DEMO)
    await asyncio.sleep(1.2)
    token_lifetime.set_token_seconds(3600)
    refreshed = await provider.refresh(session.tokens)
    assert refreshed.tokens.access_token != session.tokens.access_token
    assert refreshed.tokens.refresh_token == session.tokens.refresh_token
    assert (await provider.get_account(refreshed.tokens)).sub == session.identity.sub


async def test_global_sign_out_revokes_the_refresh_token(provider: CognitoIdentityProvider) -> None:
    session = await provider.sign_in(DEMO)
    provider.client.global_sign_out(AccessToken=session.tokens.access_token)
    with pytest.raises(SessionExpired, match='revoked'):
        await provider.refresh(session.tokens)
    with pytest.raises(SessionExpired):
        await provider.get_account(session.tokens)


async def test_sign_out_revokes_this_session_and_not_the_users_others(provider: CognitoIdentityProvider) -> None:
    this_browser = await provider.sign_in(DEMO)
    other_device = await provider.sign_in(DEMO)
    await provider.sign_out(this_browser.tokens)
    with pytest.raises(SessionExpired, match='revoked'):
        await provider.refresh(this_browser.tokens)
    with pytest.raises(SessionExpired):
        await provider.get_account(this_browser.tokens)
    assert (await provider.get_account(other_device.tokens)).email == DEMO_EMAIL
    assert (await provider.refresh(other_device.tokens)).identity.sub == other_device.identity.sub


async def test_a_disabled_users_refresh_token_stops_working(provider: CognitoIdentityProvider,
                                                            local_cognito: LocalCognito) -> None:
    admin = local_cognito.admin_client()
    admin.admin_create_user(UserPoolId=local_cognito.user_pool_id, Username='ex@example.com', MessageAction='SUPPRESS',
                            UserAttributes=[{'Name': 'email', 'Value': 'ex@example.com'}])
    admin.admin_set_user_password(UserPoolId=local_cognito.user_pool_id, Username='ex@example.com',
                                  Password='Ex-Passw0rd!', Permanent=True)
    session = await provider.sign_in(parse_credentials('ex@example.com', 'Ex-Passw0rd!'))
    admin.admin_disable_user(UserPoolId=local_cognito.user_pool_id, Username='ex@example.com')
    with pytest.raises(SessionExpired, match='disabled'):
        await provider.refresh(session.tokens)


def test_the_local_cognito_listens_on_loopback_only(local_cognito: LocalCognito) -> None:
    assert local_cognito.endpoint.startswith('http://127.0.0.1:')


async def test_cognito_down_is_reported_as_unreachable(local_cognito: LocalCognito) -> None:
    provider = make_provider(local_cognito, endpoint=f'http://127.0.0.1:{free_port()}', timeout=1)
    with pytest.raises(ServiceUnavailable):
        await provider.sign_in(DEMO)


async def test_a_slow_cognito_times_out_as_unreachable(local_cognito: LocalCognito) -> None:
    listener = socket.create_server(('127.0.0.1', 0))
    accepted: list[socket.socket] = []
    threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True).start()
    provider = make_provider(local_cognito, endpoint=f'http://127.0.0.1:{listener.getsockname()[1]}', timeout=0.5)
    started = time.perf_counter()
    try:
        with pytest.raises(ServiceUnavailable):
            await provider.sign_in(DEMO)
    finally:
        listener.close()
        for connection in accepted:
            connection.close()
    assert time.perf_counter() - started < 3


async def test_logs_never_contain_the_password_or_a_token(provider: CognitoIdentityProvider,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    session = await provider.sign_in(DEMO)
    with pytest.raises(InvalidCredentials):
        await provider.sign_in(parse_credentials(DEMO_EMAIL, 'Wrong-Secret-123'))
    await provider.refresh(session.tokens)
    text = caplog.text
    assert 'sign-in succeeded' in text and 'sign-in failed' in text
    for secret in (DEMO_PASSWORD, 'Wrong-Secret-123', session.tokens.access_token, session.tokens.id_token,
                   session.tokens.refresh_token, 'eyJ'):
        assert secret not in text
    failures = [record for record in caplog.records if 'sign-in failed' in record.getMessage()]
    assert failures and all(record.levelno == logging.WARNING for record in failures)


async def test_a_new_password_challenge_gets_a_clear_message(provider: CognitoIdentityProvider,
                                                             local_cognito: LocalCognito) -> None:
    local_cognito.admin_client().admin_create_user(
        UserPoolId=local_cognito.user_pool_id, Username='new@example.com', TemporaryPassword='Temp-Passw0rd!',
        MessageAction='SUPPRESS', UserAttributes=[{'Name': 'email', 'Value': 'new@example.com'}])
    with pytest.raises(ChallengeRequired) as challenge:
        await provider.sign_in(parse_credentials('new@example.com', 'Temp-Passw0rd!'))
    assert challenge.value.user_message.startswith('You must choose a new password')


async def test_sign_ins_reuse_one_boto3_client(provider: CognitoIdentityProvider,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    created: list[object] = []
    original = boto3.session.Session.client

    def counting_client(self: boto3.session.Session, *args: Any, **kwargs: Any) -> Any:
        created.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(boto3.session.Session, 'client', counting_client)
    client = provider.client
    for _ in range(3):
        await provider.sign_in(DEMO)
    assert created == [], 'no boto3 client (or Session) is made per sign-in'
    assert provider.client is client
