"""Reading Explore in a real browser: its headline metrics, and opening a page until they show."""

from __future__ import annotations

from playwright.sync_api import Page, expect

FIRST_PAINT_SECONDS = 60  # a wait, not a timing check (benchmarks/first_visit.py times it): a cold server on busy cores
# A quick typist's pace (200 words a minute is about 60 ms a key). Streamlit's grid commits the value its editor
# had a moment before Enter: an Enter sent within a few milliseconds of the last key (as Playwright types by
# default) committed the old value in about half of our runs; with 50 ms or more before it, in none of 32.
KEY_INTERVAL_MS = 60


def metric(page: Page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def open_explore(page: Page, url: str) -> None:
    """Open a page and wait for the headline (a cold server takes a few seconds; expect's default is 5)."""
    page.goto(url)
    expect(metric(page, "Condition number κ (raw)")).to_be_visible(timeout=FIRST_PAINT_SECONDS * 1000)
