"""Application settings, read from the environment and from `.env`."""

from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DEMO_PASSWORD = 'Demo-Passw0rd!'
PLACEHOLDER_SECRETS = frozenset({'changeme', 'change-me', 'change_me', 'secret', 'placeholder', 'todo', 'xxx'})
MIN_SECRET_LENGTH = 16


class Settings(BaseSettings):
    """Every setting the app reads. Names map to upper-case environment variables."""

    model_config = SettingsConfigDict(env_file='.env', env_ignore_empty=True, extra='ignore')

    host: str = '127.0.0.1'
    port: int = Field(default=8080, ge=0, le=65535)

    cognito_user_pool_id: str | None = None
    cognito_client_id: str | None = None
    cognito_client_secret: SecretStr | None = None
    cognito_region: str | None = None
    cognito_timeout_seconds: float = Field(default=5.0, gt=0, le=60)

    auth_secret: SecretStr | None = None

    demo_user_email: str = 'demo@example.com'
    demo_user_password: SecretStr = SecretStr(DEFAULT_DEMO_PASSWORD)
    local_cognito_token_seconds: int = Field(default=3600, ge=1, le=86400)
    local_cognito_port: int = Field(default=0, ge=0, le=65535)

    data_dir: Path | None = None
    native: bool = False

    @property
    def embedded(self) -> bool:
        """True when no real user pool is configured and the embedded local Cognito is used."""
        return self.cognito_user_pool_id is None

    @property
    def region(self) -> str:
        """The AWS region of the user pool: explicit, else the pool id's prefix, else us-east-1."""
        if self.cognito_region:
            return self.cognito_region
        if self.cognito_user_pool_id and '_' in self.cognito_user_pool_id:
            return self.cognito_user_pool_id.split('_', 1)[0]
        return 'us-east-1'

    @model_validator(mode='after')
    def _require_real_pool_settings(self) -> 'Settings':
        if self.embedded:
            return self
        if not self.cognito_client_id:
            raise ValueError('COGNITO_CLIENT_ID is required when COGNITO_USER_POOL_ID is set')
        secret = self.auth_secret.get_secret_value() if self.auth_secret else ''
        if not secret:
            raise ValueError('AUTH_SECRET is required when COGNITO_USER_POOL_ID is set')
        if secret.lower() in PLACEHOLDER_SECRETS or len(secret) < MIN_SECRET_LENGTH:
            raise ValueError(f'AUTH_SECRET looks like a placeholder: use {MIN_SECRET_LENGTH}+ random characters')
        return self


def settings_error_line(error: Exception) -> str:
    """Turn a settings validation error into one human line, without echoing any secret value."""
    errors = getattr(error, 'errors', None)
    if callable(errors):
        details = errors(include_input=False, include_url=False)
        parts = []
        for detail in details:
            location = '.'.join(str(part) for part in detail.get('loc', ())).upper()
            message = str(detail.get('msg', 'invalid value')).removeprefix('Value error, ')
            parts.append(f'{location}: {message}' if location else message)
        return 'configuration error: ' + '; '.join(parts)
    return f'configuration error: {error}'
