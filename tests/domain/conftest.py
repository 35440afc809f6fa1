"""Domain tests talk to the tests' embedded Cognito (`local_cognito`) over HTTP, like the app does."""

from collections.abc import Iterator

import pytest

from domain.bootstrap import EMBEDDED_PARALLEL_SIGN_INS
from domain.cognito import CognitoConfig, CognitoIdentityProvider
from domain.local_cognito import LocalCognito
from domain.tokens import TokenVerifier, http_jwks_fetcher


@pytest.fixture
def token_lifetime(local_cognito: LocalCognito) -> Iterator[LocalCognito]:
    """Lets a test shorten token lifetimes; restores one hour afterwards."""
    yield local_cognito
    local_cognito.set_token_seconds(3600)


def make_verifier(local: LocalCognito) -> TokenVerifier:
    return TokenVerifier(issuer=local.issuer, client_id=local.client_id,
                         fetch_jwks=http_jwks_fetcher(local.jwks_url, timeout=5))


def make_provider(local: LocalCognito, *, endpoint: str | None = None, timeout: float = 5.0) -> CognitoIdentityProvider:
    config = CognitoConfig(user_pool_id=local.user_pool_id, client_id=local.client_id, region='us-east-1',
                           endpoint_url=endpoint or local.endpoint, timeout_seconds=timeout,
                           max_parallel_sign_ins=EMBEDDED_PARALLEL_SIGN_INS)
    return CognitoIdentityProvider(config, make_verifier(local))


@pytest.fixture
def provider(local_cognito: LocalCognito) -> CognitoIdentityProvider:
    return make_provider(local_cognito)
