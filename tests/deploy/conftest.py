"""Serving tests: nginx in front of app replicas on loopback; Chromium fixtures shared with tests/e2e."""

from tests.e2e.conftest import browser  # noqa: F401  (the session's headless Chromium)
