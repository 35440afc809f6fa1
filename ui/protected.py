"""The authenticated page group under `/app`, declared once.

The guard middleware keeps anonymous visitors out. Like the tutorial's group layout, every page of the
group first loads the account from Cognito (GetUser with a fresh access token).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from nicegui import APIRouter, ui
from starlette.responses import RedirectResponse

from domain.errors import AuthError, ErrorCode, SessionExpired
from domain.models import Account, AuthSession

from .guard import fresh_session
from .layout import frame, tagged
from .routes import ACCOUNT, APP_PREFIX, DASHBOARD, login_url
from .services import services
from .session import SessionStore

log = logging.getLogger('auth')
router = APIRouter(prefix=APP_PREFIX)


@dataclass(frozen=True)
class GroupContext:
    """What every page of the group gets: the session, and the account or why it could not be loaded."""

    session: AuthSession
    account: Account | None
    problem: str | None


async def load_group_context(path: str) -> GroupContext | RedirectResponse:
    """Refresh the tokens if due and load the account; a dead session redirects to the login page."""
    store = SessionStore.current()
    expired = RedirectResponse(login_url(redirect_to=path, error=ErrorCode.SESSION_EXPIRED.value), status_code=303)
    try:
        session = await fresh_session(store)
    except AuthError as error:
        session, problem = store.load(), error.user_message
        return GroupContext(session, None, problem) if session else expired
    if session is None:
        return expired
    try:
        account = await services().identity.get_account(session.tokens)
    except SessionExpired:
        log.warning('account load refused by Cognito; ending session sub=%s', session.identity.sub)
        store.end(ErrorCode.SESSION_EXPIRED)
        return expired
    except AuthError as error:
        log.warning('account load failed: %s', error.code)
        return GroupContext(session, None, error.user_message)
    return GroupContext(session, account, None)


def group_page(path: str, title: str) -> Callable[[Callable[[GroupContext], None]], Callable[..., object]]:
    """Declare a page of the group: its body runs inside `frame()` with the loaded `GroupContext`."""

    def decorator(body: Callable[[GroupContext], None]) -> Callable[..., object]:
        @router.page(path)
        async def page() -> RedirectResponse | None:
            context = await load_group_context(APP_PREFIX + path)
            if isinstance(context, RedirectResponse):
                return context
            with frame(title, protected=True):
                if context.problem:
                    ui.label(context.problem).props('role=alert').classes('app-alert')
                body(context)
            return None

        return page  # type: ignore[no-any-return]

    return decorator


@group_page('', 'Dashboard')
def dashboard(context: GroupContext) -> None:
    tagged('h1', 'Dashboard').classes('text-3xl font-bold')
    ui.label(f'Welcome back, {context.session.identity.given_name or context.session.identity.display_name}.')
    expires = datetime.fromtimestamp(context.session.tokens.expires_at, tz=UTC)
    ui.label(f'Your access token is valid until {expires:%H:%M:%S} UTC and is renewed automatically.') \
        .classes('text-sm app-muted')
    ui.link('View your account', ACCOUNT).classes('app-cta')


@group_page('/account', 'Account')
def account(context: GroupContext) -> None:
    tagged('h1', 'Account').classes('text-3xl font-bold')
    if context.account is None:
        return
    rows = [('Email', context.account.email), ('Given name', context.account.given_name),
            ('Family name', context.account.family_name), ('sub', context.account.sub)]
    with ui.element('dl').classes('app-account grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2'):
        for label, value in rows:
            tagged('dt', label).classes('font-semibold')
            tagged('dd', value).classes('break-all')
    ui.link('Back to the dashboard', DASHBOARD).classes('app-cta')
