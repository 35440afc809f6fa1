"""Native desktop mode in a real pywebview (Qt) window under Xvfb, driven over the DevTools protocol."""

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app_process import AppProcess, app_environment
from tests.browser.conftest import SCREENSHOTS
from tests.conftest import DEMO_EMAIL, DEMO_PASSWORD, free_port, require_or_skip
from tests.desktop.cdp import PageSession

pytestmark = pytest.mark.desktop


@pytest.fixture(scope='module')
def display() -> Iterator[str]:
    if shutil.which('Xvfb') is None:
        require_or_skip('no Xvfb (apt-get install xvfb xauth)')
    try:
        import webview  # noqa: F401
        from PyQt6 import QtWebEngineWidgets  # noqa: F401
    except ImportError as error:
        require_or_skip(f'the Qt backend is not installed ({error}); python3 dev.py test installs pywebview[qt]')
    number = 90 + os.getpid() % 100
    server = subprocess.Popen(['Xvfb', f':{number}', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    yield f':{number}'
    server.terminate()
    server.wait(timeout=10)


class DesktopApp(AppProcess):
    """`python main.py --native` with remote debugging, and a DevTools session on its window."""

    def __init__(self, display: str, home: Path) -> None:
        self.debug_port = free_port()
        env = app_environment(DISPLAY=display, XDG_DATA_HOME=str(home),
                              QTWEBENGINE_REMOTE_DEBUGGING=str(self.debug_port), QT_QPA_PLATFORM='xcb')
        super().__init__(home, env)

    def start(self) -> None:
        self.launch('--native')

    def window(self) -> PageSession:
        return PageSession(self.debug_port)


def test_sign_in_survives_closing_and_reopening_the_window(display: str, tmp_path: Path) -> None:
    desktop = DesktopApp(display, tmp_path)
    desktop.start()
    try:
        with desktop.window() as window:
            window.navigate('/auth/login')
            window.type_into('Email', DEMO_EMAIL)
            window.type_into('Password', DEMO_PASSWORD)
            window.click_button('Sign in')
            window.wait_for_text('Hello Demo')
            assert window.evaluate('document.title').endswith('NiceGUI Cognito')
    finally:
        assert desktop.stop() == 0, desktop.log_text()

    data_dir = tmp_path / 'nicegui-cognito'
    assert (data_dir / 'local-cognito' / 'nicegui-cognito.json').exists(), 'Cognito data in the user data dir'
    assert (data_dir / 'webview').is_dir(), 'the window profile lives in the user data dir'
    assert list((data_dir / 'nicegui').glob('storage-user-*.json')), 'sessions live in the user data dir'
    assert 'NiceGUI ready to go on http://127.0.0.1:' in desktop.log_text(), 'bound to 127.0.0.1 only'

    desktop.start()
    try:
        with desktop.window() as window:
            window.navigate('/app/account')
            window.wait_for_text(DEMO_EMAIL)
            window.wait_for_text('Family name')
            assert window.evaluate('location.pathname') == '/app/account', 'still signed in: no new sign-in'
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            subprocess.run(['import', '-window', 'root', str(SCREENSHOTS / 'desktop-account.png')],
                           env={**os.environ, 'DISPLAY': display}, check=True, timeout=30)
    finally:
        assert desktop.stop() == 0, desktop.log_text()
