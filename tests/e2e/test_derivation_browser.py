"""Derivation in a real browser: reached from Explore with the same scenario, formulas typeset, the toggle in the URL."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from explainer import Scenario, explain
from explainer.text.formatting import number
from tests.support.browser import FIRST_PAINT_SECONDS, metric, open_explore

pytestmark = pytest.mark.browser


def test_derivation_opens_from_explore_with_the_same_scenario_and_toggles_symbols(app_server, page, output_dir):
    open_explore(page, f"{app_server}/Explore?f=size,0,2000&f=rooms,1,5")
    page.get_by_role("link", name="The derivation, with these numbers").click()
    expect(page.get_by_role("heading", name="1. The loss")).to_be_visible(timeout=FIRST_PAINT_SECONDS * 1000)
    assert urlsplit(page.url).path.endswith("/Derivation")
    assert parse_qs(urlsplit(page.url).query)["f"] == ["size,0,2000,uniform", "rooms,1,5,uniform"]

    expected = explain(Scenario.from_ranges({"size": (0, 2000), "rooms": (1, 5)}))
    formulas = page.locator(".katex-display")
    # the formulas are typeset as their runs arrive: on a busy machine the last ones come after the heading
    expect(formulas).to_have_count(len(expected.derivation), timeout=FIRST_PAINT_SECONDS * 1000)
    with_numbers = formulas.first.inner_text()
    assert "size" in with_numbers and "1000" in with_numbers.replace(",", "")  # m = 1,000 samples substituted

    page.get_by_test_id("stButtonGroup").get_by_text("In general symbols").click()
    expect(page).to_have_url(re.compile(r"[?&]symbols=general"))
    expect(formulas.first).not_to_have_text(with_numbers)
    expect(formulas).to_have_count(len(expected.derivation))
    page.screenshot(path=output_dir / "derivation-general.png", full_page=True)

    page.get_by_test_id("stSidebar").get_by_role("link", name="Explore").click()
    expect(metric(page, "Condition number κ (raw)")).to_have_text(
        number(expected.raw.condition_number), timeout=FIRST_PAINT_SECONDS * 1000
    )
    assert parse_qs(urlsplit(page.url).query)["f"] == ["size,0,2000,uniform", "rooms,1,5,uniform"]
