"""Shared test settings: the repository root, a Hypothesis profile without wall-clock deadlines, the browser,
and the lanes.

Lanes (markers registered in pyproject.toml): `server` for tests that start a real app server or nginx,
`browser` for tests that drive headless Chromium, `slow` for anything else that takes more than about 10 s.
`./scripts/test` runs everything; `./scripts/test --fast` runs `-m "not server and not browser and not slow"`.
Whole folders are marked here (agent, hostile: a server each; e2e: a server and a browser), and so is any test
that asks for a server or browser fixture; a test elsewhere that starts a server itself carries the mark.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from deploy.local import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent

SERVER_FOLDERS = {"agent", "hostile", "e2e"}
SERVER_FIXTURES = {"agent_server", "app_server", "fresh_server", "server", "proxy", "cluster"}
BROWSER_FIXTURES = {"browser"}  # the e2e `page` fixture asks for it too

# Timing belongs in benchmarks/, not in assertions that flake on a busy two-core machine.
settings.register_profile("default", deadline=None)
settings.load_profile("default")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run (tests/e2e and tests/deploy): Playwright's sync API allows one."""
    if os.environ.get("EXPLAINER_SKIP_BROWSER") == "1":
        pytest.skip("EXPLAINER_SKIP_BROWSER=1: browser tests skipped on purpose")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run ./scripts/test, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def pytest_collection_modifyitems(config, items) -> None:
    """Mark the slow lanes by folder and by the fixtures a test asks for (see the module's docstring)."""
    tests = Path(__file__).resolve().parent
    for item in items:
        parts = item.path.resolve().relative_to(tests).parts
        fixtures = set(getattr(item, "fixturenames", ()))
        if parts[0] in SERVER_FOLDERS or fixtures & SERVER_FIXTURES:
            item.add_marker(pytest.mark.server)
        if parts[0] == "e2e" or fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
