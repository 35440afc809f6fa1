"""Persistence of one moto user pool's users and tokens in a JSON file, so restarts lose nothing."""

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

from moto.cognitoidp.models import CognitoIdpUser, CognitoIdpUserPool, UserStatus

from .strict import unverified_claim

STATE_VERSION = 1


class PoolStateFile:
    """Saves and restores users, refresh tokens and unexpired access tokens of one pool."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def save(self, pool: CognitoIdpUserPool) -> None:
        """Write the pool's state atomically (temporary file, then rename), readable by the owner only."""
        with self._lock:
            state = _snapshot(pool)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix('.tmp')
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, 'w', encoding='utf-8') as file:
                json.dump(state, file)
            os.replace(temporary, self.path)

    def restore(self, pool: CognitoIdpUserPool) -> bool:
        """Load the saved state into `pool`; False when there is none (or it is unreadable)."""
        try:
            state = json.loads(self.path.read_text(encoding='utf-8'))
        except (OSError, ValueError):
            return False
        if state.get('version') != STATE_VERSION:
            return False
        for saved in state.get('users', []):
            user = CognitoIdpUser(pool.id, saved['username'], saved['password'], UserStatus(saved['status']),
                                  saved['attributes'])
            user.id = saved['id']
            user.update_attributes([{'Name': 'sub', 'Value': user.id}])
            user.enabled = saved['enabled']
            pool.users[user.username] = user
        pool.refresh_tokens.update({token: tuple(entry) for token, entry in state.get('refresh_tokens', {}).items()})
        pool.access_tokens.update({token: tuple(entry) for token, entry in state.get('access_tokens', {}).items()})
        return True


def _snapshot(pool: CognitoIdpUserPool) -> dict[str, Any]:
    now = time.time()
    return {
        'version': STATE_VERSION,
        'users': [{
            'username': user.username, 'id': user.id, 'password': user.password,
            'status': UserStatus(user.status).value, 'enabled': user.enabled, 'attributes': user.attributes,
        } for user in list(pool.users.values())],
        'refresh_tokens': {token: list(entry) for token, entry in list(pool.refresh_tokens.items()) if entry},
        'access_tokens': {token: list(entry) for token, entry in list(pool.access_tokens.items())
                          if float(unverified_claim(token, 'exp') or 0) > now},
    }

