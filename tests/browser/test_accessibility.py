"""axe-core on every page, signed out and signed in: no serious or critical violation."""

from typing import Any

import pytest

from tests.browser.test_journeys import sign_in
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser
BLOCKING = {'serious', 'critical'}


def blocking_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state('networkidle')
    page.wait_for_timeout(300)
    violations = Axe().run(page).response['violations']
    return [f'{item["id"]} ({item["impact"]}): {[(node["target"], node["failureSummary"]) for node in item["nodes"]]}'
            for item in violations if item['impact'] in BLOCKING]


def test_public_pages_have_no_serious_violations(context: Any) -> None:
    page = context.new_page()
    page.goto('/')
    assert blocking_violations(page) == []
    page.goto('/auth/login')
    assert blocking_violations(page) == []


def test_the_login_page_with_an_error_has_no_serious_violations(context: Any) -> None:
    page = context.new_page()
    page.goto('/auth/login')
    sign_in(page, password=DEMO_PASSWORD + 'x')
    page.get_by_role('alert').filter(has_text='Incorrect email or password.').wait_for()
    assert blocking_violations(page) == []
    page.goto('/auth/login')
    page.get_by_role('button', name='Sign in').click()
    page.get_by_text('Enter your email address.').wait_for()
    assert page.get_by_label('Email').get_attribute('aria-invalid') == 'true'
    assert blocking_violations(page) == []


def test_protected_pages_have_no_serious_violations(context: Any) -> None:
    page = context.new_page()
    page.goto('/auth/login?redirect_to=/app')
    sign_in(page)
    page.wait_for_url('**/app')
    assert blocking_violations(page) == []
    page.goto('/app/account')
    page.get_by_text('Family name').wait_for()
    assert blocking_violations(page) == []
