"""Shared test set-up: every test runs against the embedded Cognito, in throw-away data folders."""

import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.local_cognito import LocalCognito, LocalCognitoOptions
from domain.settings import Settings

# Tests never read a developer's .env (which may point at a real pool).
Settings.model_config['env_file'] = None
for _name in ('COGNITO_USER_POOL_ID', 'COGNITO_CLIENT_ID', 'COGNITO_CLIENT_SECRET', 'AUTH_SECRET', 'NATIVE'):
    os.environ.pop(_name, None)
os.environ['DATA_DIR'] = tempfile.mkdtemp(prefix='cognito-app-test-')
os.environ.setdefault('LOCAL_COGNITO_TOKEN_SECONDS', '3600')

DEMO_EMAIL = 'demo@example.com'
DEMO_PASSWORD = 'Demo-Passw0rd!'
REPO = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line('markers', 'token_seconds(n): lifetime of tokens the embedded Cognito issues')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return int(probe.getsockname()[1])


def require_or_skip(reason: str) -> None:
    """Skip on a laptop that lacks a browser, display or node; fail in CI, where REQUIRE_BROWSER=1."""
    if os.environ.get('REQUIRE_BROWSER') == '1':
        pytest.fail(f'REQUIRE_BROWSER=1 but {reason}', pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope='session')
def local_cognito() -> Iterator[LocalCognito]:
    """An embedded Cognito of the tests' own (not the app's), reached over HTTP like the app reaches its own."""
    options = LocalCognitoOptions(data_dir=Path(tempfile.mkdtemp(prefix='local-cognito-')), demo_email=DEMO_EMAIL,
                                  demo_password=DEMO_PASSWORD, pool_name='domain-tests')
    local = LocalCognito(options).start()
    yield local
    local.stop()


@pytest.fixture(autouse=True)
def _token_seconds(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    marker = request.node.get_closest_marker('token_seconds')
    monkeypatch.setenv('LOCAL_COGNITO_TOKEN_SECONDS', str(marker.args[0] if marker else 3600))
    yield


def record_measurement(name: str, value: float | int | str) -> None:
    """Keep a measured number in artifacts/measurements.json (git-ignored), for the README and closing notes."""
    import json

    path = REPO / 'artifacts' / 'measurements.json'
    path.parent.mkdir(exist_ok=True)
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = value
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + '\n')
