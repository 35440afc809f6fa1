"""Small steps shared by the page stories."""

import asyncio
import time
from collections.abc import Callable
from typing import Any

from nicegui import ui
from nicegui.testing import User

from domain.local_cognito import LocalCognito
from tests.conftest import DEMO_EMAIL, DEMO_PASSWORD
from ui.services import services


def local_cognito() -> LocalCognito:
    local = services().local_cognito
    assert local is not None, 'UI tests run on the embedded Cognito'
    return local


def new_tab(user: User) -> User:
    """Another tab of the same browser: it shares the session cookie."""
    navigation = user.navigate
    assert isinstance(navigation, PerTabNavigation), 'use the `tabs` fixture'
    return navigation.add(User(user.http_client))


async def sign_in(user: User, email: str = DEMO_EMAIL, password: str = DEMO_PASSWORD,
                  path: str = '/auth/login') -> None:
    await user.open(path)
    user.find('Email').type(email)
    user.find('Password').type(password)
    user.find(kind=ui.button, content='Sign in').click()


def current_path(user: User) -> str:
    return user.back_history[-1]


def input_error(user: User, label: str) -> str | None:
    element = user.find(label).elements.pop()
    assert isinstance(element, ui.input)
    return element.error


async def eventually(condition: Callable[[], bool], timeout: float = 5.0, message: str = '') -> float:
    """Wait until `condition()` holds; return the seconds it took."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            raise AssertionError(message or 'condition not met in time')
        await asyncio.sleep(0.05)
    return time.monotonic() - started


class PerTabNavigation:
    """The user simulation binds `ui.navigate` to whichever `User` was touched last. Real tabs navigate
    themselves, so this routes each `ui.navigate.to()` to the tab whose page made the call."""

    def __init__(self) -> None:
        self._tabs: list[tuple[User, Any]] = []

    def add(self, tab: User) -> User:
        self._tabs.append((tab, tab.navigate))
        object.__setattr__(tab, 'navigate', self)
        return tab

    def to(self, target: Any, new_tab: bool = False) -> None:
        client = ui.context.client
        for tab, navigate in self._tabs:
            if tab.client is client:
                navigate.to(target, new_tab)
                return
        raise AssertionError('navigation from a page no tab shows')
