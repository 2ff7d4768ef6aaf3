"""Serving tests: nginx in front of app replicas on loopback; the headless Chromium is tests/conftest.py's."""
