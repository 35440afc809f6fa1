"""Settings: embedded by default; a real pool needs a real AUTH_SECRET, or the start stops with one clear line."""

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

from domain.bootstrap import build_services
from domain.settings import Settings
from tests.app_process import app_environment
from tests.conftest import REPO


def start_main(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, 'main.py'], cwd=REPO, env=app_environment(**env), capture_output=True,
                          text=True, timeout=60, check=False)


def test_without_a_pool_id_the_app_is_in_embedded_mode() -> None:
    settings = Settings()
    assert settings.embedded
    assert (settings.host, settings.port) == ('127.0.0.1', 8080)


def test_a_real_pool_takes_its_region_from_the_pool_id() -> None:
    settings = Settings(cognito_user_pool_id='eu-west-1_AbC', cognito_client_id='c', auth_secret=SecretStr('x' * 32))
    assert not settings.embedded
    assert settings.region == 'eu-west-1'


@pytest.mark.parametrize('secret', [None, 'changeme', 'short'])
def test_a_real_pool_refuses_a_missing_or_placeholder_auth_secret(secret: str | None) -> None:
    auth_secret = SecretStr(secret) if secret else None
    with pytest.raises(ValueError, match='AUTH_SECRET'):
        Settings(cognito_user_pool_id='eu-west-1_AbC', cognito_client_id='c', auth_secret=auth_secret)


@pytest.mark.parametrize('secret', ['', 'changeme'])
def test_the_start_stops_with_one_line_when_auth_secret_is_missing(secret: str) -> None:
    result = start_main(COGNITO_USER_POOL_ID='eu-west-1_AbC', COGNITO_CLIENT_ID='client', AUTH_SECRET=secret)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith('configuration error:') and 'AUTH_SECRET' in lines[0]
    assert 'Traceback' not in result.stderr and 'local cognito' not in result.stdout


def test_a_real_pool_never_starts_the_embedded_cognito(tmp_path: Path) -> None:
    settings = Settings(cognito_user_pool_id='eu-west-1_AbC', cognito_client_id='client',
                        auth_secret=SecretStr('a-long-random-secret-value'), data_dir=tmp_path)
    services = build_services(settings)
    assert services.local_cognito is None
    assert services.storage_secret == 'a-long-random-secret-value'
    assert not (tmp_path / 'local-cognito').exists()
