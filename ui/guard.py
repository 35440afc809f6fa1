"""The guard, in one place: an HTTP middleware for page requests, and a per-tab watcher for live pages.

The middleware sees only HTTP requests. An open tab keeps talking over its websocket, so each page also
runs a short timer that refreshes tokens ahead of expiry (single-flight per browser), follows sign-in and
sign-out made in other tabs, and sends a protected tab to the login page once its session has ended.
"""

import logging
from collections.abc import Awaitable, Callable

from nicegui import app, ui
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from domain.errors import AuthError, ErrorCode, SessionExpired
from domain.models import AuthSession

from .routes import is_protected, login_url
from .services import services
from .session import SessionStore

log = logging.getLogger('auth')

WATCH_INTERVAL_SECONDS = 0.5


class AuthGuard(BaseHTTPMiddleware):
    """Redirects every anonymous request for the `/app` group to `/auth/login?redirect_to=<path>`."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if is_protected(request.url.path) and SessionStore.current().load() is None:
            target = request.url.path + (f'?{request.url.query}' if request.url.query else '')
            return RedirectResponse(login_url(redirect_to=target), status_code=303)
        return await call_next(request)


def install_guard() -> None:
    """Add the guard middleware to the app."""
    app.add_middleware(AuthGuard)


async def fresh_session(store: SessionStore) -> AuthSession | None:
    """The browser's session with tokens refreshed if due; None once it has ended (and then why is stored)."""
    try:
        return await services().refresher.ensure_fresh(store.key, store.load, store.save)
    except SessionExpired:
        store.end(ErrorCode.SESSION_EXPIRED)
        return None


class SessionWatch:
    """One tab's watcher; `leave()` stops it once the tab navigates away by itself."""

    def __init__(self) -> None:
        self.leaving = False

    def leave(self) -> None:
        self.leaving = True


def watch_session(page_path: str, *, protected: bool, on_change: Callable[[], Awaitable[None] | None]) -> SessionWatch:
    """Start this tab's watcher; `on_change` runs whenever who is signed in changes."""
    store = SessionStore.current()
    shown = _who(store.load())
    watch = SessionWatch()
    last_problem: ErrorCode | None = None

    async def tick() -> None:
        nonlocal shown, last_problem
        if watch.leaving:
            return
        try:
            session = await fresh_session(store)
            last_problem = None
        except AuthError as error:
            if error.code != last_problem:
                log.warning('session check failed: %s (this tab retries quietly)', error.code)
            last_problem = error.code
            session = store.load()
        who = _who(session)
        if who != shown:
            shown = who
            result = on_change()
            if result is not None:
                await result
        if protected and session is None:
            watch.leave()
            reason = store.ended_because()
            ui.navigate.to(login_url(redirect_to=page_path, error=reason.value if reason else None))

    ui.timer(WATCH_INTERVAL_SECONDS, tick)
    return watch


def _who(session: AuthSession | None) -> str | None:
    return session.identity.sub if session else None
