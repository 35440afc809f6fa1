import pytest
from nicegui.testing import User

from tests.ui.helpers import PerTabNavigation


@pytest.fixture
def tabs(user: User) -> User:
    """The `user` fixture, ready to open more tabs of the same browser with `new_tab()`."""
    return PerTabNavigation().add(user)
