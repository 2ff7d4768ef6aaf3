"""Explanations stay right at the extremes: κ up to 10¹⁸, learning rates from 10⁻³⁰⁰ to 10³,
runs that diverge, stop at the step cap or converge, every optimizer, 1 to 20 features.

Every step's text and every headline is checked for what a learner must never read: "n/a",
"nan", "inf", "None", "1 iterations"; and every predicted count must be finite where κ is.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from explainer import Scenario, explain
from explainer.scenario.spec import NORMALIZATIONS, OptimizerSettings, ScenarioError
from tests.conftest import ROOT

FORBIDDEN = re.compile(r"n/a|\bnan\b|\binf\b|\bNone\b|(?<![\d,.])1 (iterations|steps|updates)\b", re.IGNORECASE)


@st.composite
def scenarios(draw) -> Scenario:
    count = draw(st.integers(1, 20))
    ranges = {}
    for index in range(count):
        # a mean far from 0 against a small spread drives κ to ~10¹⁸; wide ranges give ratios of spreads
        low = draw(st.sampled_from([0.0, -5.0, 1.0, 1e3, 1e4, 1e6])) * draw(st.sampled_from([1, -1]))
        width = draw(st.sampled_from([1e-3, 1.0, 10.0, 1e3, 1e5]))
        width = max(width, abs(low) * 1e-5)  # narrower, and the column is constant to float precision
        ranges[f"x{index}"] = (low, low + width)
    optimizer = draw(st.sampled_from(["gd", "momentum", "adam"]))
    learning_rate = draw(st.one_of(st.just("auto"), st.builds(lambda exponent: 10.0**exponent, st.integers(-300, 3))))
    options = dict(
        samples=draw(st.sampled_from([50, 200])),
        correlation=draw(st.sampled_from([0.0, 0.0, 0.5, 0.99])) if count > 1 else 0.0,
        optimizer=OptimizerSettings(optimizer),
        learning_rate=learning_rate,
        # momentum simulates up to 2·10⁶ steps (seconds); plain GD's closed form takes any cap at once
        max_steps=draw(st.sampled_from([10, 1000, 10**9 if optimizer == "gd" else 20_000])),
        normalization=draw(st.sampled_from(NORMALIZATIONS)),
        seed=draw(st.integers(0, 3)),
    )
    try:
        return Scenario.from_ranges(ranges, **options)
    except ScenarioError:
        reject()  # the input boundary refuses it (not computable in double precision): nothing to explain


def readable(text: str) -> None:
    found = FORBIDDEN.search(text)
    assert found is None, f"{found[0]!r} in: …{text[max(found.start() - 80, 0) : found.end() + 80]}…"


EXTREMES = [
    Scenario.from_ranges({"a": (10000, 10001), "b": (0, 1)}, learning_rate=1e-300),  # κ 10¹⁷, a crawl past 10³⁰⁰
    Scenario.from_ranges({"a": (10000, 10001), "b": (0, 1)}, learning_rate=1e3),  # both diverge
    Scenario.from_ranges({"a": (1e5, 1e5 + 1)}, optimizer=OptimizerSettings("momentum"), max_steps=1000),
    Scenario.from_ranges({"a": (0, 1), "b": (1, 1000)}, optimizer=OptimizerSettings("adam"), max_steps=10),
    Scenario.from_ranges({f"x{i}": (0, 10.0 ** (i % 12)) for i in range(20)}, samples=200, normalization="none"),
]


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(scenarios())
def test_every_step_and_headline_reads_right_and_every_count_is_finite(scenario):
    check_readable_and_finite(scenario)


@pytest.mark.parametrize("scenario", EXTREMES, ids=["tiny-lr", "huge-lr", "momentum-capped", "adam-capped", "twenty"])
def test_the_named_extremes_read_right(scenario):
    check_readable_and_finite(scenario)


def check_readable_and_finite(scenario: Scenario) -> None:
    try:
        explanation = explain(scenario)
    except ScenarioError:  # a near-constant column drawn at 10⁶ ± 10⁻³: a plain error, not this test's subject
        reject()
    for step in explanation.steps:
        readable(step.markdown)
        if step.latex:
            readable(step.latex)
    readable(explanation.summary)
    readable(explanation.speedup_text)
    readable(explanation.speedup_note)
    for headline in (explanation.raw, explanation.normalized):
        for text in (headline.outcome, headline.iterations_value, headline.iterations_note):
            readable(text)
        if math.isfinite(headline.condition_number):
            assert headline.best_lr_iterations is not None and headline.best_lr_iterations >= 1
        if scenario.optimizer.name != "adam" and not headline.diverged:
            assert headline.predicted_iterations is not None, headline
        if headline.simulated_iterations is None and not headline.diverged and headline.stop_reason == "step cap":
            assert "not reached" not in headline.outcome or headline.steps_run >= 1
    if explanation.speedup is not None:
        assert math.isfinite(explanation.speedup) and explanation.speedup > 0
    json.dumps(explanation.to_dict(), allow_nan=False, default=str)  # the CLI's --json output is valid JSON


def test_a_mean_offset_gives_finite_counts_and_is_named_as_the_cause():
    result = subprocess.run(
        [sys.executable, "-m", "explainer", "explain", "--feature", "a=10000:10001", "--feature", "b=0:1", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    data = json.loads(result.stdout)
    predicted = data["raw"]["predicted_iterations"]
    assert 1e17 <= predicted < 1e19
    assert data["speedup"] > 1e15 and math.isfinite(data["speedup"])
    assert data["cause"] == ["mean"]
    features_step = data["steps"][0]["text"]
    assert "The mean is the cause here" in features_step and "varies 1.03 times more" not in features_step
    assert "mean offset" in data["summary"]
    crawl = next(step["text"] for step in data["steps"] if step["key"] == "iterations")
    assert "1 − 1.7 × 10⁻¹⁷" in crawl and "about 26 years" in crawl


def test_the_explore_example_labels_simulated_and_bound_counts():
    explanation = explain(Scenario.from_ranges({"a": (0, 1), "b": (1, 1000)}))
    raw = explanation.raw
    assert raw.iterations_note == (
        f"simulated: exactly {raw.simulated_iterations:,}; the worst-case bound at the best step,"
        f" ln(1/ε)/ln((κ+1)/(κ−1)), predicts {raw.best_lr_iterations:,}"
    )
    assert explanation.cause == ("spread",)
    assert explanation.speedup_basis == "simulated"


def test_one_iteration_is_singular():
    explanation = explain(Scenario.from_ranges({"a": (10000, 10001), "b": (0, 1)}))
    assert explanation.normalized.outcome == "reached the tolerance in 1 iteration"
