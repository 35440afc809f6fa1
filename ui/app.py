"""Wiring of the NiceGUI app: static assets, guard, pages, and the options for `ui.run`."""

import logging
import multiprocessing
import os
from pathlib import Path
from typing import Any

from nicegui import app, ui

from domain.bootstrap import Services

from . import home, login, protected
from .guard import install_guard
from .layout import APP_TITLE
from .services import install

log = logging.getLogger(__name__)
ASSETS_DIR = Path(__file__).resolve().parent.parent / 'assets'
NATIVE_WINDOW_SIZE = (1100, 780)
WINDOW_CLOSE_SECONDS = 5.0


def create_app(services: Services) -> None:
    """Register assets, the guard and every page for these services."""
    install(services)
    app.add_static_files('/assets', ASSETS_DIR)
    ui.add_head_html('<link rel="stylesheet" href="/assets/app.css">', shared=True)
    install_guard()
    home.create()
    login.create()
    app.include_router(protected.router)
    app.on_shutdown(lambda: _shut_down(services))


def _shut_down(services: Services) -> None:
    if services.settings.native:
        _close_native_window()
    if services.local_cognito is not None:
        services.local_cognito.save()
    log.info('shut down cleanly; sessions and the embedded Cognito state are saved')


def run_options(services: Services) -> dict[str, Any]:
    """Keyword arguments for `ui.run`, for the browser or for a native window."""
    settings = services.settings
    options: dict[str, Any] = {
        'title': APP_TITLE, 'favicon': ASSETS_DIR / 'logo.svg', 'storage_secret': services.storage_secret,
        'reload': False, 'show': False, 'language': 'en-US', 'show_welcome_message': True,
    }
    if not settings.native:
        return {**options, 'host': settings.host, 'port': settings.port}
    _configure_native_window(services.data_dir)
    explicit_port = settings.port if 'port' in settings.model_fields_set else None
    return {**options, 'native': True, 'host': '127.0.0.1', 'port': explicit_port or None,
            'window_size': NATIVE_WINDOW_SIZE}


def _close_native_window() -> None:
    """On SIGTERM, close the window the way its close button would, so Qt writes its cookies to disk."""
    window_processes = [child for child in multiprocessing.active_children() if child.daemon]
    if not window_processes or app.native.main_window is None:
        return
    app.native.main_window.destroy()
    for process in window_processes:
        process.join(timeout=WINDOW_CLOSE_SECONDS)


def _configure_native_window(data_dir: Path) -> None:
    os.environ.setdefault('PYWEBVIEW_GUI', 'qt')
    if os.geteuid() == 0:
        # QtWebEngine refuses to start its sandbox as root; only then is it turned off.
        os.environ.setdefault('QTWEBENGINE_DISABLE_SANDBOX', '1')
    webview_dir = data_dir / 'webview'
    webview_dir.mkdir(parents=True, exist_ok=True)
    app.native.start_args.update(gui='qt', private_mode=False, storage_path=str(webview_dir))
