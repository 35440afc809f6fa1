"""Every token the app accepts is verified against the pool's JWKS; forgeries are refused."""

import base64
import hashlib
import hmac
import json
import time
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jose import jwk, jwt
from moto.utilities.utils import load_resource

from domain.cognito import CognitoIdentityProvider
from domain.errors import InvalidToken
from domain.local_cognito import LocalCognito
from domain.models import parse_credentials
from domain.tokens import TokenVerifier
from tests.conftest import DEMO_EMAIL, DEMO_PASSWORD
from tests.domain.conftest import make_verifier

POOL_PRIVATE_KEY: dict[str, Any] = load_resource('cognitoidp/resources/jwks-private.json')


def claims_for(local: LocalCognito, token_use: str, **overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    claims: dict[str, Any] = {'iss': local.issuer, 'sub': 'user-1', 'token_use': token_use, 'iat': now,
                              'exp': now + 600, 'email': DEMO_EMAIL}
    claims['aud' if token_use == 'id' else 'client_id'] = local.client_id
    claims.update(overrides)
    return claims


def pool_signed(claims: dict[str, Any], kid: str = 'dummy') -> str:
    return str(jwt.encode(claims, POOL_PRIVATE_KEY, algorithm='RS256', headers={'kid': kid}))


def segment(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b'=').decode()


@pytest.fixture
def verifier(local_cognito: LocalCognito) -> TokenVerifier:
    return make_verifier(local_cognito)


def test_a_well_formed_pool_token_is_accepted(verifier: TokenVerifier, local_cognito: LocalCognito) -> None:
    assert verifier.verify_id_token(pool_signed(claims_for(local_cognito, 'id')))['sub'] == 'user-1'
    assert verifier.verify_access_token(pool_signed(claims_for(local_cognito, 'access')))['sub'] == 'user-1'


async def test_tokens_from_a_real_sign_in_verify(provider: CognitoIdentityProvider, verifier: TokenVerifier) -> None:
    session = await provider.sign_in(parse_credentials(DEMO_EMAIL, DEMO_PASSWORD))
    assert verifier.verify_access_token(session.tokens.access_token)['token_use'] == 'access'
    assert verifier.verify_id_token(session.tokens.id_token)['email'] == DEMO_EMAIL


def test_alg_none_is_refused(verifier: TokenVerifier, local_cognito: LocalCognito) -> None:
    token = f'{segment({"alg": "none", "kid": "dummy"})}.{segment(claims_for(local_cognito, "id"))}.'
    with pytest.raises(InvalidToken):
        verifier.verify_id_token(token)


def test_hs256_signed_with_the_public_key_is_refused(verifier: TokenVerifier, local_cognito: LocalCognito) -> None:
    public_pem = jwk.construct(POOL_PRIVATE_KEY, 'RS256').public_key().to_pem()
    header = segment({'alg': 'HS256', 'kid': 'dummy', 'typ': 'JWT'})
    body = segment(claims_for(local_cognito, 'id'))
    signature = base64.urlsafe_b64encode(
        hmac.new(public_pem, f'{header}.{body}'.encode(), hashlib.sha256).digest()).rstrip(b'=').decode()
    with pytest.raises(InvalidToken):
        verifier.verify_id_token(f'{header}.{body}.{signature}')


@pytest.mark.parametrize(('token_use', 'overrides'), [
    ('id', {'iss': 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other'}),
    ('id', {'aud': 'another-client'}),
    ('access', {'client_id': 'another-client'}),
    ('id', {'exp': int(time.time()) - 5}),
    ('access', {'exp': int(time.time()) - 5}),
], ids=['wrong-iss', 'wrong-aud', 'wrong-client-id', 'expired-id', 'expired-access'])
def test_wrong_claims_are_refused(verifier: TokenVerifier, local_cognito: LocalCognito, token_use: str,
                                  overrides: dict[str, Any]) -> None:
    token = pool_signed(claims_for(local_cognito, token_use, **overrides))
    with pytest.raises(InvalidToken):
        verifier.verify_id_token(token) if token_use == 'id' else verifier.verify_access_token(token)


def test_an_id_token_is_not_an_access_token(verifier: TokenVerifier, local_cognito: LocalCognito) -> None:
    with pytest.raises(InvalidToken):
        verifier.verify_access_token(pool_signed(claims_for(local_cognito, 'id', client_id=local_cognito.client_id)))
    with pytest.raises(InvalidToken):
        verifier.verify_id_token(pool_signed(claims_for(local_cognito, 'access', aud=local_cognito.client_id)))


def test_a_tampered_payload_is_refused(verifier: TokenVerifier, local_cognito: LocalCognito) -> None:
    header, _, signature = pool_signed(claims_for(local_cognito, 'id')).split('.')
    forged = segment(claims_for(local_cognito, 'id', sub='someone-else'))
    with pytest.raises(InvalidToken):
        verifier.verify_id_token(f'{header}.{forged}.{signature}')


def test_an_unknown_kid_is_refused_and_refetches_the_jwks_at_most_once(verifier: TokenVerifier,
                                                                       local_cognito: LocalCognito) -> None:
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = stranger.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption())
    token = jwt.encode(claims_for(local_cognito, 'id'), pem.decode(), algorithm='RS256', headers={'kid': 'stranger'})
    verifier.verify_id_token(pool_signed(claims_for(local_cognito, 'id')))
    assert verifier.fetch_count == 1
    for _ in range(3):
        with pytest.raises(InvalidToken, match='unknown signing key'):
            verifier.verify_id_token(token)
    assert verifier.fetch_count == 1, 'the cooldown allows no refetch right after the first fetch'


def test_an_unknown_kid_triggers_one_refetch_after_the_cooldown(local_cognito: LocalCognito) -> None:
    verifier = make_verifier(local_cognito)
    verifier._cooldown = 0.0
    verifier.verify_id_token(pool_signed(claims_for(local_cognito, 'id')))
    with pytest.raises(InvalidToken):
        verifier.verify_id_token(pool_signed(claims_for(local_cognito, 'id'), kid='rotated'))
    assert verifier.fetch_count == 2
    verifier.verify_id_token(pool_signed(claims_for(local_cognito, 'id')))
    assert verifier.fetch_count == 2, 'a known kid never refetches'
