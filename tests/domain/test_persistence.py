"""The embedded Cognito keeps users and issued tokens across a SIGTERM and a restart."""

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from domain.cognito import CognitoConfig, CognitoIdentityProvider
from domain.models import parse_credentials
from domain.tokens import TokenVerifier, http_jwks_fetcher
from tests.conftest import DEMO_EMAIL, DEMO_PASSWORD, REPO, free_port

LINE = re.compile(r'local cognito: endpoint=(\S+) user_pool_id=(\S+) client_id=(\S+)')


@contextmanager
def local_cognito_process(data_dir: Path, port: int) -> Iterator[CognitoIdentityProvider]:
    process = subprocess.Popen([sys.executable, '-m', 'domain.local_cognito', '--data-dir', str(data_dir),
                                '--port', str(port)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env={**os.environ, 'LOCAL_COGNITO_TOKEN_SECONDS': '3600'})
    try:
        assert process.stdout is not None
        match = LINE.search(process.stdout.readline())
        assert match, 'the embedded Cognito printed its start-up line'
        endpoint, pool_id, client_id = match.groups()
        verifier = TokenVerifier(issuer=f'https://cognito-idp.us-east-1.amazonaws.com/{pool_id}', client_id=client_id,
                                 fetch_jwks=http_jwks_fetcher(f'{endpoint}/{pool_id}/.well-known/jwks.json', 5))
        yield CognitoIdentityProvider(CognitoConfig(pool_id, client_id, 'us-east-1', endpoint_url=endpoint), verifier)
    finally:
        process.send_signal(signal.SIGTERM)
        exit_code = process.wait(timeout=20)
        if process.stdout is not None:
            process.stdout.close()
    assert exit_code == 0, 'SIGTERM stops the embedded Cognito cleanly'


async def test_users_and_tokens_survive_a_restart(tmp_path: Path) -> None:
    port = free_port()
    with local_cognito_process(tmp_path, port) as provider:
        session = await provider.sign_in(parse_credentials(DEMO_EMAIL, DEMO_PASSWORD))
    assert (tmp_path / 'local-cognito' / 'nicegui-cognito.json').stat().st_mode & 0o777 == 0o600
    with local_cognito_process(tmp_path, port) as provider:
        account = await provider.get_account(session.tokens)
        assert account.sub == session.identity.sub
        refreshed = await provider.refresh(session.tokens)
        assert refreshed.identity.sub == session.identity.sub
