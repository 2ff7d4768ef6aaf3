"""Scenarios in words: the one-line summary pages show, and the sentence that pins learning rates to the loss."""

from __future__ import annotations

from explainer.scenario.spec import Scenario
from explainer.scenario.vocabulary import METHODS, OPTIMIZER_CHOICES
from explainer.text.formatting import escape_markdown, number

SHOWN_FEATURES = 6


def describe(scenario: Scenario) -> str:
    """One Markdown line for captions: what is compared, with which method and optimizer (user text escaped)."""
    if scenario.data is not None:
        what = f"your table ({scenario.data.samples:,} rows, target {escape_markdown(scenario.data.target_name)})"
    else:
        shown = scenario.features[:SHOWN_FEATURES]
        what = ", ".join(f"{escape_markdown(f.name)} {number(f.low)}–{number(f.high)}" for f in shown)
        what += "…" if len(scenario.features) > SHOWN_FEATURES else ""
    rate = "auto" if scenario.learning_rate == "auto" else number(float(scenario.learning_rate))
    method = METHODS[scenario.normalization].label.split(":")[0]
    return f"{what} · {method} · {OPTIMIZER_CHOICES[scenario.optimizer.name].label}, η = {rate}"


def loss_convention(scenario: Scenario) -> str:
    """The sentence that pins every learning rate to its loss (MSE's and SSE's differ by a factor m)."""
    m = scenario.sample_count
    if scenario.loss == "sse":
        return (
            f"Learning rates here are for the loss L = Σᵢ (ŷᵢ − yᵢ)², the *sum* of squared errors over"
            f" m = {m:,} samples; with the mean (MSE) they would be {m:,} times larger."
        )
    return (
        "Learning rates here are for the loss L = (1/m) Σᵢ (ŷᵢ − yᵢ)², the *mean* of squared errors (MSE); with"
        f" the sum (SSE) they would be m = {m:,} times smaller."
    )
