"""Explore's model section in a real headless Chromium: a share link with model= opens the fitted comparison."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from explainer import ModelSettings, bundled_scenario, compare_models

pytestmark = pytest.mark.browser

FIT_SECONDS = 60  # a cold server imports scikit-learn's estimators and fits both sides; generous on 2 busy cores


def metric(page: Page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label)


def test_a_knn_link_shows_the_accuracy_gain_and_the_distance_chart(page: Page, app_server: str, output_dir):
    expected = compare_models(bundled_scenario("wine", ModelSettings("knn")))
    page.goto(f"{app_server}/Explore?dataset=wine&model=knn")
    normalized = metric(page, "Test accuracy (normalized)")
    expect(normalized.get_by_test_id("stMetricValue")).to_have_text(
        f"{expected.normalized.score:.1%}", timeout=FIT_SECONDS * 1000
    )
    expect(normalized.get_by_test_id("stMetricDelta")).to_contain_text(f"{expected.score_gain * 100:+.1f} points")
    expect(page.get_by_text("Each feature's share of the squared distances").first).to_be_visible()
    page.screenshot(path=str(output_dir / "knn-wine.png"), full_page=True)
