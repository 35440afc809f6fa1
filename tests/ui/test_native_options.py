"""Desktop-mode options: the Qt backend, a persistent profile in the data dir, and the sandbox only off for root."""

import os
from pathlib import Path

import pytest
from nicegui import app

from ui.app import _configure_native_window


@pytest.mark.parametrize(('uid', 'sandbox_off'), [(0, True), (1000, False)])
def test_the_qt_sandbox_is_turned_off_only_for_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, uid: int,
                                                     sandbox_off: bool) -> None:
    for name in ('QTWEBENGINE_DISABLE_SANDBOX', 'PYWEBVIEW_GUI'):
        monkeypatch.setenv(name, 'recorded')  # so that monkeypatch restores the original state afterwards
        monkeypatch.delenv(name)
    monkeypatch.setattr(os, 'geteuid', lambda: uid)
    _configure_native_window(tmp_path)
    assert (os.environ.get('QTWEBENGINE_DISABLE_SANDBOX') == '1') is sandbox_off
    assert app.native.start_args['gui'] == 'qt'
    assert app.native.start_args['private_mode'] is False
    assert app.native.start_args['storage_path'] == str(tmp_path / 'webview')
