"""Route names are a contract: they live here, once."""

from urllib.parse import quote, urlencode

HOME = '/'
LOGIN = '/auth/login'
APP_PREFIX = '/app'
DASHBOARD = APP_PREFIX
ACCOUNT = f'{APP_PREFIX}/account'


def is_protected(path: str) -> bool:
    """True for the authenticated page group: `/app` and everything below it."""
    return path == APP_PREFIX or path.startswith(f'{APP_PREFIX}/')


def login_url(redirect_to: str | None = None, error: str | None = None) -> str:
    """`/auth/login`, with `redirect_to` (kept readable: `/app/account`) and an optional error code."""
    query = {key: value for key, value in (('redirect_to', redirect_to), ('error', error)) if value}
    return f'{LOGIN}?{urlencode(query, quote_via=quote, safe="/")}' if query else LOGIN
