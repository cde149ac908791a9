"""The browser lane's shared Chromium and demo site, defined once (imported by
tests/conftest.py): a test module that imported them from another module got
its own session-scoped copies — a second Playwright started in the same worker
while the first was running, and every test of the other module then failed
(« using Playwright Sync API inside the asyncio loop »)."""

import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.browser_site import start_demo_site
from tests.conftest import require_service
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def chromium():
    require_service(
        bool(CHROMIUM), "Chromium is missing (apt-get install chromium)", "browser"
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def demo(chromium):
    """The demo, built and served once for the browser lane's demo_site group
    (the matrix, the map, the programme page, the results)."""
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        yield start_demo_site(stack, workdir, sys.executable)
