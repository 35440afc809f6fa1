"""Typed access to the server-side session in `app.storage.user`: the only place that touches its keys."""

from collections.abc import MutableMapping
from typing import Any

from nicegui import app
from pydantic import BaseModel

from domain.errors import ErrorCode
from domain.models import AuthSession

_KEY = 'auth'


class StoredAuth(BaseModel):
    """What one browser's server-side storage holds about sign-in."""

    session: AuthSession | None = None
    ended_because: ErrorCode | None = None


class SessionStore:
    """Reads and writes one browser's `StoredAuth`. Tokens stay on the server: never in `app.storage.browser`."""

    def __init__(self, storage: MutableMapping[str, Any], key: str) -> None:
        self._storage = storage
        self.key = key

    @classmethod
    def current(cls) -> 'SessionStore':
        """The store of the browser behind the current request or page."""
        return cls(app.storage.user, str(app.storage.browser.get('id', '')))

    def _read(self) -> StoredAuth:
        raw = self._storage.get(_KEY)
        try:
            return StoredAuth.model_validate(raw) if raw else StoredAuth()
        except ValueError:
            return StoredAuth()

    def load(self) -> AuthSession | None:
        """The signed-in session, or None."""
        return self._read().session

    def ended_because(self) -> ErrorCode | None:
        """Why the last session ended, when it did not end by a plain sign-out."""
        return self._read().ended_because

    def save(self, session: AuthSession | None) -> None:
        """Store a new or refreshed session (None clears it)."""
        self._storage[_KEY] = StoredAuth(session=session).model_dump(mode='json')

    def end(self, reason: ErrorCode | None = None) -> None:
        """Clear the session, remembering why, so that every tab can tell the user."""
        self._storage[_KEY] = StoredAuth(ended_because=reason).model_dump(mode='json')
