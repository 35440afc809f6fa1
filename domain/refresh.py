"""Single-flight token refresh: however many tabs or requests ask at once, one Cognito call per expiry."""

import asyncio
import logging
from collections.abc import Callable
from weakref import WeakValueDictionary

from .errors import ServiceUnavailable, SessionExpired
from .identity import IdentityProvider
from .models import AuthSession

log = logging.getLogger('auth')

LoadSession = Callable[[], AuthSession | None]
SaveSession = Callable[[AuthSession | None], None]


class SessionRefresher:
    """Refreshes a session's tokens ahead of expiry, at most once at a time per session key."""

    def __init__(self, identity: IdentityProvider) -> None:
        self._identity = identity
        self._locks: WeakValueDictionary[str, asyncio.Lock] = WeakValueDictionary()

    async def ensure_fresh(self, key: str, load: LoadSession, save: SaveSession) -> AuthSession | None:
        """Return the stored session, refreshed first if its refresh is due.

        `key` identifies the session (one per browser). A failed refresh ends the session: it is cleared
        with `save(None)` and `SessionExpired` is raised. When Cognito is unreachable but the access token
        is still valid, the old session is returned and the next call tries again.
        """
        session = load()
        if session is None or not session.tokens.refresh_due():
            return session
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        async with lock:
            session = load()
            if session is None or not session.tokens.refresh_due():
                return session
            try:
                refreshed = await self._identity.refresh(session.tokens)
            except ServiceUnavailable:
                if not session.tokens.expired():
                    log.warning('token refresh postponed: the sign-in service is unreachable')
                    return session
                raise
            except SessionExpired as error:
                log.warning('token refresh refused, ending session sub=%s: %s', session.identity.sub, error)
                save(None)
                raise
            save(refreshed)
            log.info('tokens refreshed for sub=%s', refreshed.identity.sub)
            return refreshed
