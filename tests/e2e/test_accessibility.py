"""WCAG 2.1 AA in real Chromium (issue 20): axe-core finds no serious or critical violation on any page
or state, every chart has a text alternative with its numbers and a data table the keyboard reaches,
the chat, the feature table and the lesson controls work from the keyboard alone, and the HTML
report has MathML alternatives, chart descriptions and headings in order.

axe-core comes from `axe-playwright-python` (it ships axe.min.js; nothing is downloaded at run time).
No rule is excluded: every finding of impact serious or critical fails the test, with its elements.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from explainer import Scenario, default_scenario, explain
from explainer.explanation.text_alternatives import gradient_text, ravine_side_text
from explainer.lessons.report import write_report
from explainer.text.formatting import number
from tests.support.browser import KEY_INTERVAL_MS
from ui.first_paint import PENDING_TEXT
from ui.render import CHART_WORDS_LABEL

BLOCKING = ("serious", "critical")
PAINT_SECONDS = 60  # a cold server on a busy two-core machine; charts come last
ANSWER_SECONDS = 60
QUESTION = "My features go from 0 to 1 and from 1 to 1000. Why does normalizing speed up learning?"
ACTIVE = """() => {
  const e = document.activeElement;
  return {tag: e.tagName, testid: e.getAttribute('data-testid') || '', text: (e.innerText || '').trim().slice(0, 80),
          label: e.getAttribute('aria-label') || ''};
}"""


def axe_findings(page: Page) -> list[str]:
    """Every serious or critical axe-core violation on the page as it is now, one line per element."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} {node['html'][:160]}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
        for node in violation["nodes"]
    ]


def settled(page: Page) -> None:
    """Wait until the script has finished (no running-man widget), the charts a first paint defers have
    come (ui/first_paint.py), and every chart is drawn."""
    page.wait_for_function(
        "!document.querySelector('[data-testid=stStatusWidget]')", timeout=PAINT_SECONDS * 1000, polling=250
    )
    expect(page.get_by_text(PENDING_TEXT)).to_have_count(0, timeout=PAINT_SECONDS * 1000)
    page.wait_for_function(
        "!document.querySelector('[data-testid=stStatusWidget]')", timeout=PAINT_SECONDS * 1000, polling=250
    )
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=stVegaLiteChart]')].every(c => c.querySelector('svg, canvas'))",
        timeout=PAINT_SECONDS * 1000,
    )


def wait_for_focus_on(page: Page, text: str) -> None:
    """The grid moves its focus to the selected cell a moment after the key press."""
    page.wait_for_function("text => (document.activeElement.innerText || '').trim() === text", arg=text, timeout=10_000)


def edit_b_high_by_keyboard(page: Page, value: str) -> None:
    """Tab into the feature table, arrow to b's high end, Enter to edit, select all, type, Enter to commit."""
    tab_until(page, "data-grid-canvas")
    page.keyboard.press("ArrowDown")  # the grid selects a cell: the second feature's name (b)
    wait_for_focus_on(page, "b")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    wait_for_focus_on(page, "1000")  # b's high end
    page.keyboard.press("Enter")
    editor = page.get_by_test_id("portal").locator("input, textarea").first
    expect(editor).to_be_focused()
    page.keyboard.press("ControlOrMeta+a")  # the editor opens with the old value: replace it
    page.keyboard.type(value, delay=KEY_INTERVAL_MS)
    expect(editor).to_have_value(value)
    page.wait_for_timeout(KEY_INTERVAL_MS)  # Enter is a keystroke like the others, as fast as a quick typist's
    page.keyboard.press("Enter")
    expect(editor).to_have_count(0)  # committed: the editor closed


def tab_until(page: Page, wanted: str, backwards: bool = False, limit: int = 150) -> dict:
    """Press Tab (or Shift+Tab) until the focused element's test id, text or label contains `wanted`."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        active = page.evaluate(ACTIVE)
        if wanted in active["testid"] or wanted in active["text"] or wanted in active["label"]:
            return active
    raise AssertionError(f"{wanted!r} is not reachable with the keyboard within {limit} presses")


PAGES = {
    "home": ("", "Why does normalizing input features speed up learning?"),
    "explore": ("/Explore", "Condition number κ (raw)"),
    "explore-with-a-model": ("/Explore?dataset=wine&model=knn", "Condition number κ (raw)"),
    "derivation": ("/Derivation", "1. "),
    "lesson-step": ("/Scenarios?lesson=why-normalize&step=2", "Step 2 of 5"),
}


@pytest.mark.browser
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_axe_violation(name, app_server, page, output_dir):
    path, shown = PAGES[name]
    page.goto(app_server + path)
    expect(page.get_by_text(shown).first).to_be_visible(timeout=PAINT_SECONDS * 1000)
    settled(page)
    findings = axe_findings(page)
    page.screenshot(path=str(output_dir / f"{name}.png"), full_page=True)
    assert findings == [], "\n".join(findings)


@pytest.mark.browser
def test_chat_by_keyboard_alone_and_its_answer_passes_axe(app_server, page, output_dir):
    """Tab to the chat box, type, press Enter; the answer's chart has its words and data a keyboard opens."""
    expected = explain(Scenario.from_ranges({"x1": (0, 1), "x2": (1, 1000)}))
    page.goto(app_server)
    expect(page.get_by_test_id("stChatInputTextArea")).to_be_visible(timeout=PAINT_SECONDS * 1000)
    tab_until(page, "stChatInputTextArea")
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    answer = page.get_by_test_id("stChatMessage").nth(1)
    expect(answer).to_contain_text(
        f"κ = λmax/λmin = {number(expected.raw.condition_number)}", timeout=ANSWER_SECONDS * 1000
    )
    settled(page)
    raw_words = ravine_side_text(expected.figures.ravine.sides[0])
    assert "zig-zags" in raw_words
    expect(answer.locator(f'[aria-label="{raw_words}"]').first).to_be_attached()  # the chart's accessible name
    expect(answer.get_by_text(CHART_WORDS_LABEL).first).to_be_visible()
    assert axe_findings(page) == []

    tab_until(page, "stChatInputTextArea")
    tab_until(page, CHART_WORDS_LABEL, backwards=True)  # back from the chat box into the answer
    page.keyboard.press("Enter")
    words = answer.get_by_test_id("stExpander").filter(has_text=CHART_WORDS_LABEL).first
    expect(words).to_contain_text("The descent path zig-zags", timeout=ANSWER_SECONDS * 1000)
    expect(words.get_by_test_id("stDataFrame").first).to_be_visible(timeout=ANSWER_SECONDS * 1000)
    settled(page)
    findings = axe_findings(page)
    page.screenshot(path=str(output_dir / "answer-with-data.png"), full_page=True)
    assert findings == [], "\n".join(findings)


@pytest.mark.browser
def test_feature_table_edited_with_keys_alone(app_server, page, output_dir):
    """Tab into the feature table, move with the arrow keys, Enter to edit, select all, type, Enter: the
    numbers follow."""
    page.goto(f"{app_server}/Explore")
    kappa = page.get_by_test_id("stMetric").filter(has_text="Condition number κ (raw)").get_by_test_id("stMetricValue")
    expect(kappa).to_have_text(number(explain(default_scenario()).raw.condition_number), timeout=PAINT_SECONDS * 1000)
    settled(page)
    after = number(explain(Scenario.from_ranges({"a": (0, 1), "b": (1, 10)})).raw.condition_number)
    edit_b_high_by_keyboard(page, "10")
    expect(kappa).to_have_text(after, timeout=PAINT_SECONDS * 1000)
    page.screenshot(path=str(output_dir / "edited-by-keyboard.png"))


@pytest.mark.browser
def test_explore_charts_have_words_and_data_a_keyboard_opens(app_server, page, output_dir):
    expected = explain(default_scenario())
    page.goto(f"{app_server}/Explore")
    expect(page.get_by_text(CHART_WORDS_LABEL).first).to_be_visible(timeout=PAINT_SECONDS * 1000)
    settled(page)
    for side in expected.figures.ravine.sides:  # each ravine panel is named by its sentence
        expect(page.locator(f'[aria-label="{ravine_side_text(side)}"]').first).to_be_attached(
            timeout=PAINT_SECONDS * 1000
        )
    tab_until(page, CHART_WORDS_LABEL)  # the first chart's: the gradients, beside step 1
    page.keyboard.press("Enter")
    words = page.get_by_test_id("stExpander").filter(has_text=CHART_WORDS_LABEL).first
    expect(words).to_contain_text(gradient_text(expected.figures.gradients))
    expect(words.get_by_test_id("stDataFrame")).to_have_count(1, timeout=PAINT_SECONDS * 1000)
    settled(page)
    tab_until(page, "data-grid-canvas")  # the table itself takes the focus, and its arrow keys move in it
    page.keyboard.press("ArrowDown")
    page.wait_for_function("(document.activeElement.getAttribute('data-testid') || '').startsWith('glide-cell')")
    findings = axe_findings(page)
    page.screenshot(path=str(output_dir / "explore-data-open.png"), full_page=True)
    assert findings == [], "\n".join(findings)


@pytest.mark.browser
def test_lesson_stepped_through_with_the_keyboard(app_server, page, output_dir):
    page.goto(f"{app_server}/Scenarios?lesson=why-normalize&step=1")
    expect(page.get_by_text("Step 1 of 5").first).to_be_visible(timeout=PAINT_SECONDS * 1000)
    settled(page)
    for step in (2, 3):
        tab_until(page, "Next")
        page.keyboard.press("Enter")
        expect(page.get_by_text(f"Step {step} of 5").first).to_be_visible(timeout=PAINT_SECONDS * 1000)
        settled(page)
    tab_until(page, "Previous", backwards=True)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Step 2 of 5").first).to_be_visible(timeout=PAINT_SECONDS * 1000)
    page.screenshot(path=str(output_dir / "lesson-by-keyboard.png"), full_page=True)


# --- the HTML report -------------------------------------------------------------------------------


class _Outline(HTMLParser):
    """Headings, <math> elements, chart figures and their captions, as the report's HTML has them."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.maths: list[dict[str, str | None]] = []
        self.figures: list[dict] = []
        self._stack: list[str] = []
        self._caption: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        elif tag == "math":
            self.maths.append(values)
        elif tag == "figure":
            self.figures.append({"charts": 0, "caption": "", "tables": 0})
        elif tag == "div" and "chart" in (values.get("class") or "").split():
            assert "figure" in self._stack, "a chart outside a <figure>"
            self.figures[-1]["charts"] += 1
        elif tag == "figcaption":
            self._caption = []
        elif tag == "table" and "figure" in self._stack:
            self.figures[-1]["tables"] += 1
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "figcaption" and self._caption is not None:
            self.figures[-1]["caption"] = "".join(self._caption).strip()
            self._caption = None
        if tag in self._stack:
            del self._stack[len(self._stack) - 1 - self._stack[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self._caption is not None:
            self._caption.append(data)


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    """A lesson (with a model step) and a single scenario, written as the CLI writes them."""
    from explainer.lessons.gallery import load_gallery

    folder = tmp_path_factory.mktemp("reports")
    written = {}
    for item in ("why-normalize", "four-points", "wine-knn"):
        written[item] = write_report(load_gallery(item), folder / f"{item}.html")[0]
    return written


@pytest.mark.parametrize("item", ["why-normalize", "four-points", "wine-knn"])
def test_report_has_math_alternatives_chart_descriptions_and_headings_in_order(reports, item):
    outline = _Outline()
    outline.feed(reports[item].read_text(encoding="utf-8"))
    assert outline.headings[0] == 1
    for before, after in zip(outline.headings, outline.headings[1:]):
        assert after <= before + 1, f"heading h{after} after h{before}: a level is skipped"
    assert outline.maths, "the report has formulas"
    for math in outline.maths:
        assert (math.get("alttext") or "").strip(), math
    assert outline.figures
    for figure in outline.figures:
        assert figure["charts"] == 1 and figure["tables"] >= 1
        assert any(character.isdigit() for character in figure["caption"]), figure  # says it with the numbers


@pytest.mark.browser
@pytest.mark.parametrize("item", ["why-normalize", "four-points", "wine-knn"])
def test_report_opened_from_disk_passes_axe(reports, item, page, output_dir):
    page.goto(reports[item].as_uri())
    page.wait_for_function("[...document.querySelectorAll('.chart')].every(c => c.querySelector('svg.marks'))")
    # Vega-Embed names each drawn chart by its spec's description (the figcaption's words)
    labels = page.locator(".chart").evaluate_all(
        "charts => charts.map(c => c.querySelector('[role=graphics-document]')?.getAttribute('aria-label'))"
    )
    assert labels and all(label and any(character.isdigit() for character in label) for label in labels), labels
    findings = axe_findings(page)
    page.screenshot(path=str(output_dir / f"report-{item}.png"), full_page=True)
    assert findings == [], "\n".join(findings)
