"""Reports: each format carries the explanation's own numbers, charts, and nothing from the network."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from explainer import Explanation, Scenario, explain, load_gallery, scenario_from_params
from explainer.lessons.lesson import Lesson, LessonStep
from explainer.lessons.report import (
    report_charts,
    report_format,
    report_html,
    report_markdown,
    sections,
    write_report,
)
from explainer.text.formatting import number
from explainer.text.markup import math_html, safe_markdown, to_html

BASE = "https://normalize.example.org/app"


@cache
def four_points() -> Explanation:
    return explain(load_gallery("four-points").scenario)


def chart_specs(page: str) -> dict:
    match = re.search(r"const specs = (\{.*?\});\n", page, re.S)
    assert match, "no chart specs in the page"
    return json.loads(match[1])


def test_html_report_is_self_contained_with_every_chart(tmp_path):
    path = tmp_path / "four.html"
    assert write_report(load_gallery("four-points"), path) == [path]
    page = path.read_text(encoding="utf-8")
    bundle = re.search(r"<script>\n(.*?)\n</script>\n</head>", page, re.S)
    assert bundle and "window.vegaEmbed" in bundle[1]  # the Vega-Embed bundle is inline
    outside = page.replace(bundle[1], "")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", outside)  # nothing fetched from elsewhere
    specs = chart_specs(page)
    assert sorted(specs) == ["chart-1-gradients", "chart-1-loss", "chart-1-ravine", "chart-1-sweep"]
    assert all(spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6") for spec in specs.values())
    for chart_id in specs:
        assert f'id="{chart_id}"' in page
    explanation = four_points()
    assert f'<td class="raw">{number(explanation.raw.condition_number)}</td>' in page
    assert "{raw." not in page and "{normalized." not in page  # every narrative figure was filled


def test_html_report_escapes_user_text(tmp_path):
    hostile = "<script>alert(1)</script>"
    scenario = Scenario.from_ranges({"<b>x": (0, 1), "y": (1, 1000)}, title=hostile)
    write_report(scenario, tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    body = page.split("</script>\n</head>", 1)[1]
    assert hostile not in body and "<b>x" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "</script" not in json.dumps(chart_specs(page))  # specs cannot close the script element


def test_markdown_report_writes_png_charts_beside_it(tmp_path):
    path = tmp_path / "out" / "four.md"
    written = write_report(load_gallery("four-points"), path)
    assert written[0] == path
    text = path.read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert sorted(images) == sorted(p.name for p in written[1:])
    assert len(images) == 4
    for name in images:
        image = path.parent / name
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    explanation = four_points()
    assert f"| Condition number κ | {number(explanation.raw.condition_number)} |" in text
    assert "$$\n" in text  # the formulas, as Markdown maths
    assert "diverged at step 2" in text


def test_json_report_has_the_explanations_numbers(tmp_path):
    path = tmp_path / "four.json"
    write_report(load_gallery("four-points"), path, base_url=BASE)
    data = json.loads(path.read_text(encoding="utf-8"))  # strict JSON: no NaN or Infinity
    explanation = four_points()
    (step,) = data["steps"]
    assert data["kind"] == "scenario"
    assert step["explanation"]["raw"]["condition_number"] == explanation.raw.condition_number
    assert step["explanation"]["normalized"]["max_stable_lr"] == explanation.normalized.max_stable_lr
    runs = step["explanation"]["runs"]
    assert runs["raw"]["steps"][-1] == 50 and runs["raw"]["log10_loss"][-1] > 100
    assert "1.75" in step["narrative"] and "{" not in step["narrative"]
    query = parse_qs(urlsplit(step["link"]).query)
    assert urlsplit(step["link"]).path == "/app/" and parse_qs(urlsplit(step["link"]).query)["page"] == ["Explore"]
    assert scenario_from_params(query).scenario == explanation.scenario


def test_lesson_report_has_every_step_or_the_chosen_ones(tmp_path):
    lesson = load_gallery("why-normalize")
    write_report(lesson, tmp_path / "all.json", base_url=BASE)
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert [step["title"] for step in data["steps"]] == [step.title for step in lesson.steps]
    assert [step["questions"] for step in data["steps"]] == [list(step.questions) for step in lesson.steps]
    assert parse_qs(urlsplit(data["steps"][2]["link"]).query)["step"] == ["3"]
    messages: list[str] = []
    write_report(lesson, tmp_path / "two.html", steps=[2, 5], progress=messages.append)
    page = (tmp_path / "two.html").read_text(encoding="utf-8")
    assert "Step 2 of 5: One learning rate for every weight" in page
    assert "Step 5 of 5: Whitening removes the diagonal" in page
    assert "Step 1 of 5" not in page
    assert messages[0] == "[1/2] explaining: One learning rate for every weight"
    assert any("drawing" in message for message in messages)


def test_report_format_comes_from_the_suffix():
    assert [report_format(name) for name in ("a.html", "b.MD", "c.json")] == ["html", "md", "json"]
    with pytest.raises(ValueError, match=r"use \.html, \.md or \.json"):
        report_format("report.pdf")


def test_report_charts_follow_the_steps_order():
    charts = report_charts(four_points())
    assert list(charts) == ["gradients", "ravine", "sweep", "loss"]
    assert charts["loss"].to_dict()["title"]["text"] == "Loss vs iteration"


def test_markup_never_lets_text_become_html():
    rendered = to_html("**b** <img src=x onerror=alert(1)> [x](javascript:alert(1)) ![p](https://e.org/p.png)")
    assert "<strong>b</strong>" in rendered
    assert "<img" not in rendered and 'href="javascript' not in rendered
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered
    assert "[image: p]" in rendered


def test_written_report_paths_are_returned(tmp_path: Path):
    written = write_report(load_gallery("post-experiment"), tmp_path / "post.md", steps=[1])
    assert [path.name for path in written][:2] == ["post.md", "post-step1-gradients.png"]
    assert all(path.exists() for path in written)


def test_markdown_report_escapes_lesson_text_and_a_crafted_base_url():
    scenario = Scenario.from_ranges({"a": (0, 1), "b": (1, 1000)})
    narrative = (
        "Look: <script>alert(1)</script> [x](javascript:alert(1)) [docs](https://e.org) **κ = {raw.condition_number}**"
    )
    lesson = Lesson("T", (LessonStep("Step", scenario, narrative=narrative),), description="<b>hi</b>", id="t")
    crafted = "https://e.org/app) [evil](javascript:alert(1)"
    text = report_markdown(lesson, sections(lesson), lambda section, key: f"{key}.png", crafted)
    assert not re.search(r"(?<!\\)<(script|b)\b", text) and "\\<script>" in text  # shown as text
    assert not re.search(r"(?<!\\)\]\(javascript:", text)  # neither the lesson's link nor the base URL makes one
    assert "[docs](https://e.org)" in text and "**κ = " in text  # authored formatting and safe links stay
    html_page = to_html(text)
    assert "<script" not in html_page and 'href="javascript' not in html_page
    assert "Open this in the app" not in text  # a base URL with spaces is not made into a link at all
    scripted = report_markdown(lesson, sections(lesson), lambda section, key: f"{key}.png", "javascript:alert(1)//")
    assert "Open this in the app" not in scripted
    normal = report_markdown(lesson, sections(lesson), lambda section, key: f"{key}.png", BASE)
    assert f"[Open this in the app]({BASE}/?page=Scenarios&" in normal


def test_formulas_become_mathml_with_user_text_escaped():
    rendered = math_html(r"\text{<b>x</b> & y} < \frac{1}{2}")
    assert rendered.startswith("<math") and "<mfrac>" in rendered
    assert "<b>" not in rendered and "&lt;b&gt;x&lt;/b&gt;" in rendered
    assert "<mo>&lt;</mo>" in rendered


REFERENCE_TRICKS = (
    "> [k]: javascript:alert(1)\n\n"
    "- [m]: https://tracker.example/pixel.png\n\n"
    "1. > [n]: javascript:alert(2)\n\n"
    "| a |\n|---|\n| [t]: javascript:x |\n\n"
    "[click][k] ![logo][m] ![pixel] [n] ![p](https://tracker.example/p.png) www.evil.example\n\n"
    "[pixel]: https://tracker.example/other.png\n"
)


def test_reference_style_links_definitions_and_images_stay_text_in_every_report():
    """Definitions inside quotes, lists and tables, and reference-style images, never become links or images."""
    scenario = Scenario.from_ranges({"a": (0, 1), "b": (1, 1000)})
    lesson = Lesson("T", (LessonStep("Step", scenario, narrative=REFERENCE_TRICKS),), description=REFERENCE_TRICKS)
    markdown = report_markdown(lesson, sections(lesson), lambda section, key: f"{key}.png", None)
    assert not re.search(r"(?<!\\)\[[^\]\n]*(?<!\\)\]:", markdown)  # no live reference definition anywhere
    rendered = to_html(markdown)  # how another Markdown tool would draw the report
    body = report_html(lesson, sections(lesson)).split("<main>")[1].split("</main>")[0]  # the scripts aside
    for html_text in (rendered, body):
        assert not re.search(r"<img|src=|href=\"(javascript|https://tracker)", html_text)
        assert "[k]: javascript:alert(1)" in html_text and "![logo][m]" in html_text  # shown literally


def test_safe_markdown_keeps_formatting_and_an_authored_https_link_only_when_links_are_allowed():
    text = "**bold** `code` [docs](https://e.org/x) [mail](mailto:a@b.org) \\[escaped]: x"
    kept = safe_markdown(text)
    assert "**bold**" in kept and "`code`" in kept and "[docs](https://e.org/x)" in kept
    assert "[mail](mailto" not in kept  # only http(s) targets survive
    assert "\\[escaped\\]: x" in kept  # an escaped bracket stays escaped, never doubled into a live one
    assert "[docs](" not in safe_markdown(text, links=False)
    assert to_html(safe_markdown(text, links=False)).count("<a ") == 0


class _ScanCounter:
    """Stands in for a compiled pattern and counts the characters it is asked to scan."""

    def __init__(self, pattern) -> None:
        self.pattern, self.scanned = pattern, 0

    def sub(self, replacement, text: str) -> str:
        self.scanned += len(text)
        return self.pattern.sub(replacement, text)


def test_safe_markdown_scans_its_input_at_most_twice_and_only_with_linear_patterns(monkeypatch):
    """Linear in its input by construction: RE2 (no backtracking) over the text once, and once more over a
    link's label and target, which are disjoint parts of it. (Timings of the doubling are in
    `benchmarks/linear_text.py`, not here.)"""
    from explainer.text import markup, patterns

    assert isinstance(markup._AUTHORED_TOKEN, patterns.Pattern)
    for fragment in ("[", "![a](", "[a](" + " " * 50, "\\", "> [k]: ", "www.", "[x](https://e.org/[y](z))"):
        text = fragment * 20_000
        counter = _ScanCounter(markup._AUTHORED_TOKEN)
        monkeypatch.setattr(markup, "_AUTHORED_TOKEN", counter)
        safe_markdown(text)
        monkeypatch.undo()
        assert counter.scanned <= 2 * len(text), fragment
