"""Real Chromium (Debian's) against the real app started as `python main.py`, in embedded mode."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

CHROMIUM = os.environ.get('CHROMIUM_PATH', '/usr/bin/chromium')
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
SCREENSHOTS = REPO / 'artifacts' / 'screenshots'
TOKEN_SECONDS = 4
JWT = re.compile(r'eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.')


def require_or_skip(reason: str) -> None:
    if os.environ.get('REQUIRE_BROWSER') == '1':
        pytest.fail(f'REQUIRE_BROWSER=1 but {reason}', pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return int(probe.getsockname()[1])


@dataclass
class RunningApp:
    """`python main.py` in a subprocess, and how to reach it."""

    base_url: str
    data_dir: Path
    port: int
    env: dict[str, str]
    process: subprocess.Popen[str] | None = None
    output: list[str] = field(default_factory=list)

    def start(self) -> None:
        with (self.data_dir / 'app.log').open('a') as log:
            self.process = subprocess.Popen([sys.executable, 'main.py'], cwd=REPO, env=self.env, stdout=log,
                                            stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f'{self.base_url}/', timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f'the app did not start: {self.log_text()}')

    def stop(self) -> int:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=30)
        self.process = None
        return code

    def log_text(self) -> str:
        path = self.data_dir / 'app.log'
        return path.read_text() if path.exists() else ''


@pytest.fixture(scope='session')
def running_app() -> Iterator[RunningApp]:
    port = free_port()
    data_dir = Path(tempfile.mkdtemp(prefix='browser-app-'))
    env = {key: value for key, value in os.environ.items() if not key.startswith(('COGNITO_', 'AUTH_', 'PYTEST'))}
    env.update(PORT=str(port), DATA_DIR=str(data_dir), LOCAL_COGNITO_TOKEN_SECONDS=str(TOKEN_SECONDS),
               NICEGUI_STORAGE_PATH=str(data_dir / 'nicegui'))
    app = RunningApp(base_url=f'http://127.0.0.1:{port}', data_dir=data_dir, port=port, env=env)
    app.start()
    yield app
    if app.process is not None:
        app.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope='module')
def chromium() -> Iterator[Any]:
    """Per module: Playwright's sync API holds an event loop open, which async tests after it must not see."""
    if not Path(CHROMIUM).exists():
        require_or_skip(f'no Chromium at {CHROMIUM} (apt-get install chromium chromium-driver)')
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_or_skip('playwright is not installed (python3 dev.py test installs it)')
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class WireTap:
    """Everything the browser receives over HTTP and websockets, to prove that no JWT ever arrives."""

    def __init__(self) -> None:
        self.received: list[str] = []

    def attach(self, page: Any) -> Any:
        def on_response(response: Any) -> None:
            try:
                self.received.append(response.text())
            except Exception:
                pass

        def on_websocket(websocket: Any) -> None:
            websocket.on('framereceived', lambda payload: self.received.append(str(payload)))

        page.on('response', on_response)
        page.on('websocket', on_websocket)
        return page

    def jwts(self) -> list[str]:
        return [match.group(0)[:20] for text in self.received for match in JWT.finditer(text)]


@pytest.fixture
def context(chromium: Any, running_app: RunningApp) -> Iterator[Any]:
    """A fresh browser profile (its own cookies) for each test."""
    browser_context = chromium.new_context(base_url=running_app.base_url, viewport={'width': 1100, 'height': 800})
    browser_context.set_default_timeout(10_000)
    yield browser_context
    browser_context.close()


@pytest.fixture
def wiretap() -> WireTap:
    return WireTap()


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f'{name}.png'), full_page=True)
