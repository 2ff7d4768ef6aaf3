"""What the extremes look like in a real browser: headline metrics that fit, formulas drawn in reports."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from explainer import Scenario, explain, load_gallery
from explainer.lessons.report import write_report

pytestmark = pytest.mark.browser

PAGES = {
    "explore-default": "/Explore",
    "explore-mean-offset": "/Explore?f=a%2C10000%2C10001%2Cuniform&f=b%2C0%2C1%2Cuniform",  # κ = 1.17 × 10¹⁷
    "explore-diverging": "/Explore?f=a%2C0%2C1%2Cuniform&f=b%2C1%2C1000%2Cuniform&lr=0.001",
    "lesson-step": "/Scenarios?lesson=post-experiment&step=1",
}
FIRST_PAINT_MS = 60_000  # a cold server on a busy two-core machine
# Streamlit cuts a metric's label or value with an ellipsis on its .stMarkdownEllipsis box
CUT_METRIC_TEXT = """() => [...document.querySelectorAll('[data-testid="stMetric"] .stMarkdownEllipsis')]
    .filter((box) => box.scrollWidth > box.clientWidth + 1)
    .map((box) => box.innerText)"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_metric_label_or_value_is_cut(app_server, browser, output_dir, name, width):
    context = browser.new_context(viewport={"width": width, "height": 1400})
    context.set_default_timeout(60_000)
    page = context.new_page()
    try:
        page.goto(app_server + PAGES[name])
        metrics = page.get_by_test_id("stMetric")
        expect(metrics.filter(has_text="Speed-up")).to_be_visible(timeout=FIRST_PAINT_MS)
        expect(metrics).to_have_count(7)
        page.wait_for_function("document.fonts.status === 'loaded'")
        cut = page.evaluate(CUT_METRIC_TEXT)
        page.screenshot(path=output_dir / f"{name}-{width}.png", full_page=True)
        assert cut == [], f"cut at {width} px: {cut}"
        if name == "explore-mean-offset":
            expect(metrics.filter(has_text="Iterations (raw)").get_by_test_id("stMetricValue")).to_have_text(
                explain(Scenario.from_ranges({"a": (10000, 10001), "b": (0, 1)})).raw.iterations_value
            )
    finally:
        context.close()


def test_html_report_draws_formulas_as_mathml_not_latex_source(tmp_path, page, output_dir):
    path = tmp_path / "why-normalize.html"
    write_report(load_gallery("why-normalize"), path, steps=[1])
    page.goto(path.as_uri())
    formulas = page.locator("math.formula")
    expect(formulas.first).to_be_visible()
    shown = page.locator("main").inner_text()
    assert "\\frac" not in shown and "\\kappa" not in shown  # no LaTeX source on the page
    assert formulas.count() >= 4
    fraction = page.locator("math.formula mfrac").first
    box = fraction.bounding_box()
    assert box is not None and box["height"] > 20  # drawn as a stacked fraction, not a line of text
    page.screenshot(path=output_dir / "report-formulas.png", full_page=True)
