"""Explore and its share links in a real headless Chromium against a real `streamlit run` server.

These tests do what a learner does: open the page, edit a cell, read a number, copy the link,
open it elsewhere. Expected numbers come from the engine, formatted as the app formats them.
"""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlsplit, urlunsplit

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from explainer import Scenario, default_scenario, explain, scenario_from_params
from explainer.text.formatting import number
from tests.support.browser import FIRST_PAINT_SECONDS, KEY_INTERVAL_MS, metric, open_explore
from ui.explore_inputs import COLUMN_WIDTHS, ROW_COLUMNS
from ui.first_paint import PENDING_TEXT

pytestmark = pytest.mark.browser

ROW_MARKER_PX, ROW_HEIGHT_PX = 30, 35  # Streamlit's data grid: the row-marker column and a row's height
RAVINE_TITLES = ("Raw features: the descent path", "Normalized features: the descent path")


def edit_cell(page: Page, row: int, column: str, text: str) -> None:
    """Select a feature-table cell (row 1 is the first feature), open its editor, type, commit."""
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid.locator("canvas").first).to_be_visible()
    before = ROW_COLUMNS[: ROW_COLUMNS.index(column)]
    x = ROW_MARKER_PX + sum(COLUMN_WIDTHS[name] for name in before) + COLUMN_WIDTHS[column] / 2
    grid.click(position={"x": x, "y": ROW_HEIGHT_PX * row + ROW_HEIGHT_PX / 2})
    page.keyboard.press("Enter")
    editor = page.get_by_test_id("portal").locator("input, textarea").first
    expect(editor).to_be_visible()
    editor.fill(text)
    # Enter as a person presses it, a moment after the last key (tests/support/browser.py says why)
    page.wait_for_timeout(KEY_INTERVAL_MS)
    page.keyboard.press("Enter")


def share_link(page: Page) -> str:
    page.get_by_role("button", name="Share this view").click()
    code = page.get_by_test_id("stPopoverBody").get_by_test_id("stCode")
    expect(code).to_contain_text("/?page=Explore&")  # the app's root, which shows sooner than /Explore
    link = code.inner_text().strip()
    page.keyboard.press("Escape")
    return link


def chart_markup(page: Page) -> list[str]:
    """Each chart's SVG, without what differs between two pages drawing the same chart (gradient ids, the URL)."""
    charts = page.get_by_test_id("stVegaLiteChart")
    markup = [charts.nth(index).locator("svg").first.inner_html() for index in range(charts.count())]
    return [re.sub(r'url\([^)]*#gradient_\d+\)|id="gradient_\d+"', "gradient", svg) for svg in markup]


def wait_for_charts(page: Page, count: int = 6) -> None:
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(count, timeout=FIRST_PAINT_SECONDS * 1000)
    for title in RAVINE_TITLES:
        expect(page.get_by_text(title, exact=True).first).to_be_visible(timeout=FIRST_PAINT_SECONDS * 1000)


def test_default_scenario_and_its_ravine_appear_within_seconds(fresh_server, page, output_dir):
    expected = explain(default_scenario())
    started = time.perf_counter()
    page.goto(f"{fresh_server}/Explore")
    expect(metric(page, "Condition number κ (raw)")).to_have_text(
        number(expected.raw.condition_number), timeout=FIRST_PAINT_SECONDS * 1000
    )
    for title in RAVINE_TITLES:
        expect(page.get_by_text(title, exact=True).first).to_be_visible(timeout=FIRST_PAINT_SECONDS * 1000)
    print(f"fresh server: headline and ravine visible {time.perf_counter() - started:.1f} s after opening /Explore")
    grid = page.get_by_test_id("stDataFrame").first  # drawn on a canvas; its accessible copy holds the cells
    cells = [grid.locator(f"#glide-cell-{column}-{row}").inner_text() for row in (0, 1) for column in (1, 2, 3)]
    assert cells == ["a", "0", "1", "b", "1", "1000"]
    expect(metric(page, "Condition number κ (normalized)")).to_have_text(number(expected.normalized.condition_number))
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.screenshot(path=output_dir / "explore-default.png", full_page=True)


# Notes, from the page's first script onwards, when each thing first appears (ms since navigation).
FIRST_SEEN_JS = """
window.__firstSeen = {};
new MutationObserver(() => {
  const seen = window.__firstSeen, now = performance.now();
  const note = (name, present) => { if (present && !(name in seen)) seen[name] = now; };
  note("headline", document.querySelector("[data-testid=stMetricValue]"));
  note("chart", document.querySelector("[data-testid=stVegaLiteChart]"));
  note("inputs", document.querySelector("[data-testid=stDataFrame]"));
  note("pending", document.body && document.body.innerText.includes(%r));
}).observe(document, { childList: true, subtree: true, characterData: true });
"""


def test_the_numbers_come_first_and_the_charts_follow_by_themselves(app_server, page, output_dir):
    """A first visit paints the headline before the inputs and the inputs before any chart; the rest then
    arrives with no action from the learner, and later edits redraw the whole page at once, never the pending note."""
    page.add_init_script(FIRST_SEEN_JS % PENDING_TEXT)
    open_explore(page, f"{app_server}/Explore?f=a,0,1&f=b,1,5000")
    wait_for_charts(page)
    expect(page.get_by_text(PENDING_TEXT)).to_have_count(0)
    seen = page.evaluate("window.__firstSeen")
    assert {"headline", "pending", "inputs", "chart"} <= seen.keys(), seen
    assert seen["headline"] < seen["inputs"] < seen["chart"], seen
    page.evaluate("window.__firstSeen = {}")
    edit_cell(page, row=2, column="high", text="50")
    expect(metric(page, "Condition number κ (raw)")).to_have_text(
        number(explain(Scenario.from_ranges({"a": (0, 1), "b": (1, 50)})).raw.condition_number)
    )
    wait_for_charts(page)
    assert "pending" not in page.evaluate("window.__firstSeen")
    page.screenshot(path=output_dir / "explore-after-first-paint.png", full_page=True)


def test_other_axes_for_the_ravine_reach_the_address_and_the_share_link(app_server, page):
    """The axes are chosen inside the charts' fragment, whose own reruns leave the rest of the page as it was: a new
    pair must still rerun the whole page, so the address and the share link carry it, not only the chart."""
    open_explore(page, f"{app_server}/Explore?f=a,0,1&f=b,1,5000")
    wait_for_charts(page)
    axes, option = (
        page.get_by_role("combobox", name="Parameters on the axes"),
        page.get_by_role("option", name="weight of a × bias"),
    )
    for _ in range(5):  # the list can close again while the charts below finish drawing: open it until it stays
        axes.click()
        try:
            option.click(timeout=2000)
            break
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"[?&]pair=a(%2C|,)bias(&|$)"), timeout=FIRST_PAINT_SECONDS * 1000)
    assert parse_qs(urlsplit(share_link(page)).query)["pair"] == ["a,bias"]
    wait_for_charts(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_changing_a_range_changes_the_condition_number(app_server, page, output_dir):
    open_explore(page, f"{app_server}/Explore")
    before = number(explain(default_scenario()).raw.condition_number)
    expect(metric(page, "Condition number κ (raw)")).to_have_text(before)
    after = number(explain(Scenario.from_ranges({"a": (0, 1), "b": (1, 10)})).raw.condition_number)
    assert after != before
    edit_cell(page, row=2, column="high", text="10")
    started = time.perf_counter()
    expect(metric(page, "Condition number κ (raw)")).to_have_text(after)
    print(f"range edited: new condition number on screen after {time.perf_counter() - started:.2f} s")
    assert parse_qs(urlsplit(page.url).query)["f"] == ["a,0,1,uniform", "b,1,10,uniform"]  # the address follows
    page.screenshot(path=output_dir / "explore-range-changed.png", full_page=True)


def test_a_share_link_opens_the_same_view_on_a_fresh_server(app_server, fresh_server, browser, page, output_dir):
    open_explore(page, f"{app_server}/Explore?f=size,0,2000&f=rooms,1,5&norm=minmax")
    page.get_by_test_id("stSelectbox").filter(has_text="Optimizer").click()
    page.get_by_role("option", name="Momentum").click()
    expect(page.get_by_text("Momentum β")).to_be_visible()
    wait_for_charts(page)
    link = share_link(page)
    assert parse_qs(urlsplit(link).query)["opt"] == ["momentum"], link
    expected = explain(scenario_from_params(parse_qs(urlsplit(link).query)).scenario)
    # momentum's run is worked out by a worker: on a busy machine the metrics keep gradient descent's a moment
    # after the settings show momentum, so wait until they show the link's (and the page has finished its run)
    expect(metric(page, "Speed-up")).to_have_text(expected.speedup_text, timeout=FIRST_PAINT_SECONDS * 1000)
    page.wait_for_function(
        "!document.querySelector('[data-testid=stStatusWidget]')", timeout=FIRST_PAINT_SECONDS * 1000
    )
    shown = {label: metric(page, label).inner_text() for label in ("Condition number κ (raw)", "Speed-up")}
    assert shown["Condition number κ (raw)"] == number(expected.raw.condition_number)
    page.mouse.move(0, 0)
    figures = chart_markup(page)
    page.screenshot(path=output_dir / "shared-from.png", full_page=True)

    # someone else opens the link: a new browser context (no cookies, no session) on a server that just started
    parts = urlsplit(link)
    elsewhere = urlunsplit(parts._replace(netloc=urlsplit(fresh_server).netloc))
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    other = context.new_page()
    try:
        other.goto(elsewhere)
        for label, value in shown.items():
            expect(metric(other, label)).to_have_text(value, timeout=FIRST_PAINT_SECONDS * 1000)
        expect(other.get_by_text("Momentum β")).to_be_visible()
        assert urlsplit(other.url).path == "/Explore" and "page" not in parse_qs(urlsplit(other.url).query)
        wait_for_charts(other)
        other.mouse.move(0, 0)
        assert chart_markup(other) == figures
        expect(other.get_by_test_id("stAlert")).to_have_count(0)
        other.screenshot(path=output_dir / "shared-to.png", full_page=True)
        # Back passes the Ask page twice (the switch's two history entries) and then leaves, instead of looping
        for _ in range(2):
            other.go_back()
            expect(other.locator("h1").first).to_contain_text(
                "Why does normalizing", timeout=FIRST_PAINT_SECONDS * 1000
            )
        other.go_back()
        expect(other).to_have_url("about:blank")
    finally:
        context.close()


def test_the_page_works_at_phone_width(app_server, browser, output_dir):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    phone = context.new_page()
    try:
        open_explore(phone, f"{app_server}/Explore")
        wait_for_charts(phone)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the screen
        boxes = [metric(phone, label).bounding_box() for label in ("Condition number κ (raw)", "Speed-up")]
        assert boxes[0]["x"] == boxes[1]["x"] and boxes[1]["y"] > boxes[0]["y"]  # metrics stacked, not squeezed
        raw, normalized = (phone.get_by_text(title, exact=True).first.bounding_box() for title in RAVINE_TITLES)
        assert normalized["y"] > raw["y"] + 200  # the two ravine panels one above the other
        chart_width = phone.get_by_test_id("stVegaLiteChart").nth(1).bounding_box()["width"]
        assert 300 <= chart_width <= 390
        phone.screenshot(path=output_dir / "explore-phone.png", full_page=True)
    finally:
        context.close()


def test_a_tampered_link_shows_a_warning_not_a_traceback(app_server, page):
    open_explore(page, f"{app_server}/Explore?f=a,5,1&f=b,1,1000&lr=fast&steps=1e40&evil=%3Cscript%3E")
    warning = page.get_by_test_id("stAlert").filter(has_text="Parts of this link could not be used")
    expect(warning).to_contain_text("ignored unknown parameter 'evil'")
    expect(warning).to_contain_text("lr: ignored 'fast'")
    expect(warning).to_contain_text("features[0].high: must be greater than low")  # that feature is left out
    expect(metric(page, "Condition number κ (raw)")).to_have_text(
        number(explain(Scenario.from_ranges({"b": (1, 1000)})).raw.condition_number)
    )
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert "evil" not in page.url


def test_a_link_too_long_for_streamlit_is_reported(app_server, page):
    features = "&".join(f"f=x{index},0,1" for index in range(10_000))
    open_explore(page, f"{app_server}/Explore?{features}")
    warning = page.get_by_test_id("stAlert").filter(has_text="Parts of this link could not be used")
    expect(warning).to_contain_text("the link has 10,000 parameters")
    expect(metric(page, "Condition number κ (raw)")).to_have_text(
        number(explain(default_scenario()).raw.condition_number)
    )
    expect(page.get_by_test_id("stException")).to_have_count(0)
