"""End-to-end tests: a real `streamlit run` server and Debian's headless Chromium via Playwright.

Never `playwright install`: browser downloads are impossible here; /usr/bin/chromium is
installed by scripts/test. Without it these tests fail (set EXPLAINER_SKIP_BROWSER=1 to skip
them knowingly on a machine that cannot have it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support.servers import streamlit_run

OUTPUT = ROOT / "test-output"


@pytest.fixture
def fresh_server() -> Iterator[str]:
    """A server started for this test alone: its first request is the test's (a share link's case)."""
    with streamlit_run() as server:
        yield server.url


@pytest.fixture(scope="session")
def app_server() -> Iterator[str]:
    with streamlit_run() as server:
        yield server.url


@pytest.fixture
def page(browser, request):
    """A new browser context per test, tall so full-page screenshots show everything."""
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    context.set_default_timeout(30_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def output_dir(request) -> Path:
    """test-output/<test name>/ for screenshots and saved pages."""
    folder = OUTPUT / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder
