"""Shared test settings: the repository root, a Hypothesis profile without wall-clock deadlines, the browser."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from deploy.local import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent

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
