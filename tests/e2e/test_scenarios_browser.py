"""In real Chromium: an HTML report opened from disk draws its charts offline, and links from
`explainer link` open the app on the same figures `explainer run` reports."""

from __future__ import annotations

import json
import re

import pytest

from explainer.cli import main
from explainer.text.formatting import number

pytestmark = pytest.mark.browser


def cli(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0, argv
    return capsys.readouterr().out.strip()


def report_figures(capsys, tmp_path, *argv: str) -> dict:
    path = tmp_path / "report.json"
    cli(capsys, "run", *argv, "--out", str(path), "--quiet")
    return json.loads(path.read_text(encoding="utf-8"))["steps"][0]["explanation"]


HEADLINE = ("Condition number κ (raw)", "Condition number κ (normalized)", "Largest stable η (normalized)")


def shown_metrics(page, waiting_for: tuple[str, ...] = HEADLINE) -> dict[str, str]:
    """The metrics on screen once every one the test reads has arrived (a page draws them in turn, and a test that
    waited for the first read the second before it was drawn)."""
    for label in waiting_for:
        page.get_by_test_id("stMetricLabel").filter(has_text=label).first.wait_for()
    labels = page.get_by_test_id("stMetricLabel").all_inner_texts()
    values = page.get_by_test_id("stMetricValue").all_inner_texts()
    return {label.strip(): value.strip() for label, value in zip(labels, values)}


def test_html_report_opens_from_disk_and_draws_every_chart_offline(capsys, page, output_dir):
    report = output_dir / "four-points.html"
    cli(capsys, "run", "gallery:four-points", "--out", str(report), "--quiet")
    outside, errors = [], []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith("file:") else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(report.as_uri())
    charts = page.locator(".chart")
    assert charts.count() == 4
    page.wait_for_function("[...document.querySelectorAll('.chart')].every(c => c.querySelector('svg.marks'))")
    for title in ("Gradient size per weight", "Learning-rate sweep (plain gradient descent)", "Loss vs iteration"):
        assert page.locator(".chart svg.marks").get_by_text(title, exact=True).count() == 1, title
    assert page.get_by_text("Raw features: the descent path").count() == 1  # the ravine's raw panel
    assert page.get_by_role("heading", name="The post's four-point regression").is_visible()
    page.screenshot(path=str(output_dir / "report.png"))
    assert outside == [] and errors == []


def test_lesson_link_opens_the_step_with_the_same_figures_as_the_report(
    capsys, tmp_path, fresh_server, page, output_dir
):
    url = cli(capsys, "link", "gallery:why-normalize", "--step", "3", "--base-url", fresh_server)
    figures = report_figures(capsys, tmp_path, "gallery:why-normalize", "--step", "3")
    page.goto(url)  # a fresh server's first visit, as a shared link is
    page.get_by_text("Step 3 of 5: The mean matters too").wait_for()
    shown = shown_metrics(page)
    assert shown["Condition number κ (raw)"] == number(figures["raw"]["condition_number"])
    assert shown["Condition number κ (normalized)"] == number(figures["normalized"]["condition_number"])
    assert shown["Largest stable η (normalized)"] == number(figures["normalized"]["max_stable_lr"])
    page.get_by_test_id("stVegaLiteChart").first.wait_for()
    assert page.get_by_test_id("stException").count() == 0
    page.get_by_role("button", name="Next").click()
    page.get_by_text("Step 4 of 5: Correlated features: z-scoring is not enough").wait_for()
    page.wait_for_url(re.compile(r"step=4"))
    page.get_by_text("Why doesn't standardizing fix correlated features?").wait_for()  # the new step's questions
    page.screenshot(path=str(output_dir / "lesson-step.png"))


def test_scenario_link_opens_explore_with_the_same_figures_as_the_report(capsys, tmp_path, app_server, page):
    url = cli(capsys, "link", "gallery:four-points", "--base-url", app_server)
    figures = report_figures(capsys, tmp_path, "gallery:four-points")
    page.goto(url)
    read = ("Condition number κ (raw)", "Largest stable η (raw)", "Largest stable η (normalized)", "Iterations (raw)")
    shown = shown_metrics(page, read)
    assert shown["Condition number κ (raw)"] == number(figures["raw"]["condition_number"])
    assert shown["Largest stable η (raw)"] == number(figures["raw"]["max_stable_lr"])
    assert shown["Largest stable η (normalized)"] == number(figures["normalized"]["max_stable_lr"])
    assert shown["Iterations (raw)"].startswith("diverged")
    assert page.get_by_test_id("stException").count() == 0
