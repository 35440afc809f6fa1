"""Verification of Cognito JWTs against the user pool's JWKS, with python-jose."""

import json
import logging
import threading
import time
import urllib.request
from collections.abc import Callable
from typing import Any

from jose import JWTError, jwk, jwt

from .errors import InvalidToken, ServiceUnavailable

log = logging.getLogger(__name__)

JwksFetcher = Callable[[], dict[str, Any]]
ALGORITHM = 'RS256'


def http_jwks_fetcher(url: str, timeout: float) -> JwksFetcher:
    """A fetcher that GETs the JWKS document at `url`."""

    def fetch() -> dict[str, Any]:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                document: dict[str, Any] = json.load(response)
        except (OSError, ValueError) as error:
            raise ServiceUnavailable(f'JWKS fetch failed: {type(error).__name__}') from error
        return document

    return fetch


class TokenVerifier:
    """Checks signature (RS256 only), `iss`, `exp`, `token_use`, and `aud` or `client_id`.

    The JWKS is fetched once and cached; an unknown `kid` triggers at most one new fetch per cooldown.
    """

    def __init__(self, *, issuer: str, client_id: str, fetch_jwks: JwksFetcher,
                 refetch_cooldown_seconds: float = 300.0) -> None:
        self.issuer = issuer
        self.client_id = client_id
        self._fetch_jwks = fetch_jwks
        self._cooldown = refetch_cooldown_seconds
        self._keys: dict[str, dict[str, Any]] = {}
        self._fetched_at: float | None = None
        self._lock = threading.Lock()
        self.fetch_count = 0

    def verify_id_token(self, token: str, access_token: str | None = None) -> dict[str, Any]:
        """Verified claims of an id token issued to our client."""
        return self._verify(token, token_use='id', access_token=access_token)

    def verify_access_token(self, token: str) -> dict[str, Any]:
        """Verified claims of an access token issued to our client."""
        claims = self._verify(token, token_use='access')
        if claims.get('client_id') != self.client_id:
            raise InvalidToken('access token client_id mismatch')
        return claims

    def _verify(self, token: str, *, token_use: str, access_token: str | None = None) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
        except JWTError as error:
            raise InvalidToken('malformed token') from error
        if header.get('alg') != ALGORITHM:
            raise InvalidToken(f'refused algorithm {header.get("alg")!r}')
        key = self._key_for(str(header.get('kid', '')))
        options = {'verify_aud': token_use == 'id', 'require_exp': True, 'require_iat': True,
                   'require_iss': True, 'require_sub': True, 'leeway': 0}
        try:
            claims: dict[str, Any] = jwt.decode(
                token, key, algorithms=[ALGORITHM], issuer=self.issuer,
                audience=self.client_id if token_use == 'id' else None,
                access_token=access_token, options=options,
            )
        except JWTError as error:
            raise InvalidToken(f'{token_use} token rejected: {type(error).__name__}') from error
        if claims.get('token_use') != token_use:
            raise InvalidToken(f'expected token_use {token_use!r}')
        return claims

    def _key_for(self, kid: str) -> dict[str, Any]:
        with self._lock:
            if kid not in self._keys and self._may_fetch():
                self._load_keys()
            key = self._keys.get(kid)
        if key is None:
            raise InvalidToken('unknown signing key')
        return key

    def _may_fetch(self) -> bool:
        return self._fetched_at is None or time.monotonic() - self._fetched_at >= self._cooldown

    def _load_keys(self) -> None:
        document = self._fetch_jwks()
        self.fetch_count += 1
        self._fetched_at = time.monotonic()
        keys: dict[str, dict[str, Any]] = {}
        for entry in document.get('keys', []):
            if entry.get('kty') == 'RSA' and entry.get('kid') and entry.get('alg', ALGORITHM) == ALGORITHM:
                jwk.construct(entry, ALGORITHM)  # refuses malformed keys early
                keys[str(entry['kid'])] = entry
        self._keys = keys
        log.info('loaded %d signing key(s) from the JWKS', len(keys))
