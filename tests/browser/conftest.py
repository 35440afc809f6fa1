"""Real Chromium (Debian's) against the real app started as `python main.py`, in embedded mode."""

import os
import re
import shutil
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.app_process import AppProcess, app_environment
from tests.conftest import REPO, free_port, require_or_skip

CHROMIUM = os.environ.get('CHROMIUM_PATH', '/usr/bin/chromium')
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
SCREENSHOTS = REPO / 'artifacts' / 'screenshots'
TOKEN_SECONDS = 4
JWT = re.compile(r'eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.')


class RunningApp(AppProcess):
    """The app in browser mode, and how to reach it."""

    def __init__(self, folder: Path, env: dict[str, str], port: int) -> None:
        super().__init__(folder, env)
        self.port = port
        self.base_url = f'http://127.0.0.1:{port}'

    def start(self) -> None:
        self.launch()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f'{self.base_url}/', timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f'the app did not start: {self.log_text()}')


@pytest.fixture(scope='session')
def running_app() -> Iterator[RunningApp]:
    port = free_port()
    data_dir = Path(tempfile.mkdtemp(prefix='browser-app-'))
    env = app_environment(PORT=str(port), DATA_DIR=str(data_dir), LOCAL_COGNITO_TOKEN_SECONDS=str(TOKEN_SECONDS),
                          NICEGUI_STORAGE_PATH=str(data_dir / 'nicegui'))
    app = RunningApp(data_dir, env, port)
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
