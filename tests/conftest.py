"""Shared test set-up: every test runs against the embedded Cognito, in throw-away data folders."""

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

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
