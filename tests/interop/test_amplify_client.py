"""The embedded Cognito is Cognito-compatible, not pycognito-compatible: Amplify's SRP client signs in too."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from domain.local_cognito import LocalCognito
from tests.conftest import DEMO_EMAIL, DEMO_PASSWORD, require_or_skip

JS = Path(__file__).parent / 'js'


@pytest.fixture(scope='module')
def js_client() -> Path:
    if shutil.which('node') is None or shutil.which('npm') is None:
        require_or_skip('node and npm are needed for the amazon-cognito-identity-js check')
    if not (JS / 'node_modules' / 'amazon-cognito-identity-js').exists():
        subprocess.run(['npm', 'ci', '--no-audit', '--no-fund', '--silent'], cwd=JS, check=True, timeout=300)
    return JS / 'signin.js'


def js_sign_in(script: Path, local: LocalCognito, password: str) -> dict[str, object]:
    result = subprocess.run(['node', str(script), local.endpoint, local.user_pool_id, local.client_id, DEMO_EMAIL,
                             password], capture_output=True, text=True, timeout=60, check=True)
    return dict(json.loads(result.stdout))


def test_amplify_signs_in_with_the_right_password(js_client: Path, local_cognito: LocalCognito) -> None:
    outcome = js_sign_in(js_client, local_cognito, DEMO_PASSWORD)
    assert outcome['ok'] is True and outcome['sub']


def test_amplify_is_refused_with_a_wrong_password(js_client: Path, local_cognito: LocalCognito) -> None:
    assert js_sign_in(js_client, local_cognito, DEMO_PASSWORD + 'x') == {'ok': False, 'code': 'NotAuthorizedException'}
