"""Nothing is lost on a restart: SIGTERM, start again, and the browser is still signed in."""

from typing import Any

import pytest

from tests.browser.conftest import RunningApp
from tests.browser.test_journeys import sign_in
from tests.conftest import DEMO_EMAIL

pytestmark = pytest.mark.browser


def test_a_signed_in_browser_stays_signed_in_across_a_restart(context: Any, running_app: RunningApp) -> None:
    page = context.new_page()
    page.goto('/auth/login?redirect_to=/app/account')
    sign_in(page)
    page.get_by_text(DEMO_EMAIL).wait_for()
    sub = page.locator('dd').nth(3).inner_text()

    assert running_app.stop() == 0, 'SIGTERM stops the app cleanly'
    running_app.start()

    page.goto('/app/account')
    page.get_by_text(DEMO_EMAIL).wait_for()
    assert page.url.endswith('/app/account')
    assert page.locator('dd').nth(3).inner_text() == sub
    page.get_by_text('Hello Demo User').wait_for()
    assert 'shut down cleanly' in running_app.log_text()
    assert 'Traceback' not in running_app.log_text()
