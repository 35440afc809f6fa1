"""`frame()`: the one layout every page opens with: header, live greeting, and the session watcher."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from nicegui import ui

from domain.errors import AuthError

from .guard import SessionWatch, fresh_session, watch_session
from .routes import ACCOUNT, DASHBOARD, HOME, login_url
from .services import services
from .session import SessionStore

log = logging.getLogger('auth')

APP_TITLE = 'NiceGUI Cognito'
PRIMARY_COLOR = '#1e3a8a'  # white text on it has a contrast ratio of 10:1


@contextmanager
def frame(title: str, *, protected: bool = False) -> Iterator[ui.column]:
    """Build the header and yield the page's main column."""
    page_path = ui.context.client.request.url.path if ui.context.client.request else HOME
    ui.page_title(f'{title} · {APP_TITLE}')
    ui.colors(primary=PRIMARY_COLOR)

    with ui.header().classes('app-header items-center justify-between px-4 py-2'):
        with ui.link(target=HOME).classes('app-brand flex items-center gap-2 no-underline'):
            ui.element('img').props('src=/assets/logo.svg alt="" width=28 height=28')
            ui.label(APP_TITLE).classes('text-lg font-semibold')
        with ui.row().classes('items-center gap-4'):
            greeting = ui.refreshable(lambda: _account_area(page_path, watch))
            watch = watch_session(page_path, protected=protected, on_change=greeting.refresh)
            greeting()

    with ui.element('main').classes('w-full'):
        with ui.column().classes('app-main w-full max-w-3xl mx-auto p-6 gap-4') as main:
            yield main


def tagged(tag: str, text: str) -> ui.label:
    """A text element with a semantic tag (`h1`, `dt`, ...), for headings and landmarks."""
    label = ui.label(text)
    label.tag = tag
    return label


def _account_area(page_path: str, watch: SessionWatch) -> None:
    session = SessionStore.current().load()
    if session is None:
        ui.link('Sign in', login_url(redirect_to=None if page_path == HOME else page_path)).classes('app-nav-link')
        return
    ui.link('Dashboard', DASHBOARD).classes('app-nav-link')
    ui.link('Account', ACCOUNT).classes('app-nav-link')
    ui.label(f'Hello {session.identity.display_name}').classes('app-greeting')
    ui.button('Sign out', on_click=lambda: _sign_out(watch)).props('flat no-caps color=white').classes('app-sign-out')


async def _sign_out(watch: SessionWatch) -> None:
    watch.leave()
    store = SessionStore.current()
    try:
        session = await fresh_session(store)
    except AuthError:
        session = store.load()
    store.end()
    if session is not None:
        try:
            await services().identity.sign_out(session.tokens)
            log.info('signed out sub=%s; tokens revoked at Cognito', session.identity.sub)
        except AuthError as error:
            log.warning('signed out sub=%s locally; revoking at Cognito failed: %s', session.identity.sub, error.code)
    ui.navigate.to(HOME)
