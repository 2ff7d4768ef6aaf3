"""The headline at the extremes, in AppTest: which count is predicted, which simulated, and plain values."""

from __future__ import annotations

from explainer import Scenario, explain
from explainer.text.formatting import plain
from tests.support.pages import open_page

EXPLORE = "pages/1_Explore.py"
MEAN_OFFSET = {"f": ["a,10000,10001,uniform", "b,0,1,uniform"]}


def test_a_capped_run_shows_its_predicted_count_and_says_so():
    app = open_page(EXPLORE, MEAN_OFFSET)
    expected = explain(Scenario.from_ranges({"a": (10000, 10001), "b": (0, 1)}))
    shown = {metric.label: metric for metric in app.metric}
    assert shown["Iterations (raw)"].value == expected.raw.iterations_value == "≈ 8.05 × 10¹⁷"
    assert shown["Iterations (normalized)"].value == "1"
    assert shown["Speed-up"].value == expected.speedup_text and "n/a" not in expected.speedup_text
    captions = " ".join(caption.value for caption in app.caption)
    assert "Raw: predicted from the contraction rate" in captions and "Normalized: simulated: exactly 1" in captions
    text = " ".join(block.value for block in app.markdown)
    assert "mean offset" in text and "n/a" not in text  # the summary names the cause


def test_each_metric_carries_its_plain_value_for_programs():
    app = open_page(EXPLORE, MEAN_OFFSET)
    expected = explain(Scenario.from_ranges({"a": (10000, 10001), "b": (0, 1)}))
    helps = {metric.label: metric.proto.help for metric in app.metric}
    assert f"condition_number_raw = {plain(expected.raw.condition_number)}" in helps["Condition number κ (raw)"]
    assert (
        f"max_stable_lr_normalized = {plain(expected.normalized.max_stable_lr)}"
        in helps["Largest stable η (normalized)"]
    )
    assert f"iterations_raw = {expected.raw.predicted_iterations} (predicted)" in helps["Iterations (raw)"]
    assert f"speedup = {plain(expected.speedup)}" in helps["Speed-up"]
