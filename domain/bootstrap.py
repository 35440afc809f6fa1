"""Composition: turn `Settings` into the services the UI uses, starting the embedded Cognito if needed."""

import logging
import secrets
from dataclasses import dataclass
from pathlib import Path

from .cognito import CognitoConfig, CognitoIdentityProvider
from .identity import IdentityProvider
from .local_cognito import LocalCognito, LocalCognitoOptions
from .refresh import SessionRefresher
from .settings import Settings
from .tokens import TokenVerifier, http_jwks_fetcher

log = logging.getLogger(__name__)

APP_NAME = 'nicegui-cognito'
# The embedded Cognito verifies SRP in this same process, so its sign-ins compete for the GIL too.
EMBEDDED_PARALLEL_SIGN_INS = 1
_local_cognitos: dict[Path, LocalCognito] = {}


@dataclass(frozen=True)
class Services:
    """Everything the UI needs, built once per start."""

    settings: Settings
    identity: IdentityProvider
    refresher: SessionRefresher
    storage_secret: str
    data_dir: Path
    local_cognito: LocalCognito | None


def data_dir_for(settings: Settings) -> Path:
    """DATA_DIR if set; in native mode a per-user data folder; otherwise `.data` in the working directory."""
    if settings.data_dir is not None:
        return settings.data_dir.resolve()
    if settings.native:
        import platformdirs  # noqa: PLC0415 (only desktop mode needs it)

        return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)).resolve()
    return Path('.data').resolve()


def build_services(settings: Settings) -> Services:
    """Wire the identity provider, token verifier and refresher for a real pool or the embedded one."""
    data_dir = data_dir_for(settings)
    data_dir.mkdir(parents=True, exist_ok=True)
    local = None
    if settings.embedded:
        local = local_cognito_for(settings, data_dir)
        config = CognitoConfig(user_pool_id=local.user_pool_id, client_id=local.client_id, region='us-east-1',
                               endpoint_url=local.endpoint, timeout_seconds=settings.cognito_timeout_seconds,
                               max_parallel_sign_ins=EMBEDDED_PARALLEL_SIGN_INS)
        verifier = TokenVerifier(issuer=local.issuer, client_id=local.client_id,
                                 fetch_jwks=http_jwks_fetcher(local.jwks_url, settings.cognito_timeout_seconds))
    else:
        assert settings.cognito_user_pool_id and settings.cognito_client_id
        secret = settings.cognito_client_secret.get_secret_value() if settings.cognito_client_secret else None
        config = CognitoConfig(user_pool_id=settings.cognito_user_pool_id, client_id=settings.cognito_client_id,
                               region=settings.region, client_secret=secret,
                               timeout_seconds=settings.cognito_timeout_seconds)
        issuer = f'https://cognito-idp.{settings.region}.amazonaws.com/{settings.cognito_user_pool_id}'
        verifier = TokenVerifier(issuer=issuer, client_id=settings.cognito_client_id,
                                 fetch_jwks=http_jwks_fetcher(f'{issuer}/.well-known/jwks.json',
                                                              settings.cognito_timeout_seconds))
    identity = CognitoIdentityProvider(config, verifier)
    return Services(settings=settings, identity=identity, refresher=SessionRefresher(identity),
                    storage_secret=storage_secret_for(settings, data_dir), data_dir=data_dir, local_cognito=local)


def local_cognito_options(settings: Settings, data_dir: Path, port: int | None = None) -> LocalCognitoOptions:
    """The embedded Cognito's options from the DEMO_USER_* and LOCAL_COGNITO_* settings."""
    return LocalCognitoOptions(
        data_dir=data_dir, demo_email=settings.demo_user_email.strip().lower(),
        demo_password=settings.demo_user_password.get_secret_value(),
        token_seconds=settings.local_cognito_token_seconds,
        port=settings.local_cognito_port if port is None else port,
    )


def local_cognito_for(settings: Settings, data_dir: Path) -> LocalCognito:
    """The process's embedded Cognito for `data_dir`, started once and reconfigured on later calls."""
    local = _local_cognitos.get(data_dir)
    if local is None:
        local = LocalCognito(local_cognito_options(settings, data_dir))
        _local_cognitos[data_dir] = local
    local.start()
    local.set_token_seconds(settings.local_cognito_token_seconds)
    return local


def storage_secret_for(settings: Settings, data_dir: Path) -> str:
    """AUTH_SECRET when given; in embedded mode a random secret kept in the data folder, stable across restarts."""
    if settings.auth_secret is not None:
        return settings.auth_secret.get_secret_value()
    path = data_dir / 'storage-secret'
    if not path.exists():
        path.write_text(secrets.token_urlsafe(32), encoding='utf-8')
        path.chmod(0o600)
    return path.read_text(encoding='utf-8').strip()
