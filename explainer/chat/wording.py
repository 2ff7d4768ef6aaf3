"""The pieces every reply is built from: what it works from (Context), what it gives back (Reply),
and the phrases and tables the replies share (the lead line, the key figures, percentages).

User text that reaches a reply (feature names) is escaped here, in `name`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from explainer.chat.reading.numbers import Quantities
from explainer.chat.topics import TOPIC_GUIDE
from explainer.explanation.explain import Explanation
from explainer.scenario.spec import Scenario, default_scenario
from explainer.scenario.vocabulary import METHODS, OPTIMIZER_CHOICES
from explainer.text.formatting import apostrophe, count, escape_markdown, number


@dataclass(frozen=True)
class FigureRef:
    """A figure to draw from the answer's scenario: "ravine", "loss", "gradients" or "sweep".

    `pair` picks the two parameters of a ravine other than the default first two.
    """

    key: str
    pair: tuple[str, str] | None = None


@dataclass(frozen=True)
class Context:
    """What a reply works from: the conversation's scenario and what this message said."""

    scenario: Scenario
    quantities: Quantities
    own_numbers: bool  # the learner gave numbers in this conversation (not the default example)
    changed: str = ""  # what this message changed, already escaped ("**b** now from 1 to 10^6")
    entities: Any = None  # what the message names (model, activation, scaler, data kind), if recognised


NETWORK_WORDS = ("mlp", "cnn", "lstm", "rnn", "gru", "neural", "network", "perceptron", "transformer")
SATURATING_WORDS = ("tanh", "sigmoid", "logistic")


def names_a_network(entities: Any) -> bool:
    """Whether the message names a neural network or a network's activation (a model id or its shown label)."""
    if entities is None:
        return False
    shown = " ".join(label for _, label in getattr(entities, "shown", ()) or ())
    said = f"{getattr(entities, 'model', None) or ''} {getattr(entities, 'activation', None) or ''} {shown}".lower()
    return any(word in said for word in (*NETWORK_WORDS, *SATURATING_WORDS))


@dataclass(frozen=True)
class Reply:
    """One topic's answer before routing details are attached."""

    markdown: str
    figures: tuple[FigureRef, ...] = ()
    scenario: Scenario | None = None
    follow_ups: tuple[str, ...] = ()
    measured_live: tuple[str, ...] = ()  # wall-clock figures: they vary run to run, so kept out of `markdown`


# --- pieces of text every reply uses -----------------------------------------------------------


def name(text: str) -> str:
    return f"**{escape_markdown(text)}**"


def owner(text: str) -> str:
    """A feature's name in bold, possessive: "**age**'s", but "**pixels**'" (a plural's "s's" reads as a slip)."""
    return name(text) + apostrophe(text)


def signed(value: float) -> str:
    """A number with a true minus sign (−12.5), as in print."""
    text = number(value)
    return "−" + text[1:] if text.startswith("-") else text


def range_text(low: float, high: float) -> str:
    return f"{number(low)} to {number(high)}"


def is_default_example(scenario: Scenario) -> bool:
    return scenario.features == default_scenario().features and scenario.data is None


def describe(scenario: Scenario) -> str:
    """The features in words: "**a** from 0 to 1 and **b** from 1 to 1,000"."""
    if scenario.data is not None:
        data = scenario.data
        columns = ", ".join(name(n) for n in data.feature_names[:4])
        more = f" and {len(data.feature_names) - 4} more" if len(data.feature_names) > 4 else ""
        return f"your {data.samples:,} data points ({columns}{more})"
    parts = [f"{name(f.name)} from {range_text(f.low, f.high)}" for f in scenario.features[:4]]
    if len(scenario.features) > 4:
        parts.append(f"{len(scenario.features) - 4} more")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def halved_cost_note(context: Context, raw_bound: float, normalized_bound: float) -> str:
    """For a cost written with 1/(2m) (many courses' J): the bounds for the learner's own code, twice the MSE's."""
    if not context.quantities.halved_cost or context.scenario.loss != "mse":
        return ""
    return (
        f" Your cost is written with 1/(2m), half the mean squared error used here, so its curvature is half as large"
        f" and every learning-rate bound doubles: for your code 2/λmax = {number(2 * raw_bound)} raw and"
        f" {number(2 * normalized_bound)} normalized."
    )


def settings_text(scenario: Scenario) -> str:
    """ "Adam, η = 0.001" — only what differs from plain gradient descent at its best rate."""
    parts = []
    if scenario.optimizer.name != "gd":
        parts.append(OPTIMIZER_CHOICES[scenario.optimizer.name].noun)
    if scenario.learning_rate != "auto":
        parts.append(f"η = {number(scenario.learning_rate)}")
    if scenario.loss == "sse":
        parts.append("loss = sum of squared errors")
    return ", ".join(parts)


def lead(context: Context, scenario: Scenario | None = None, model: bool = True) -> str:
    """The opening line: which numbers this answer is computed for (and, if `model`, how they are fitted)."""
    scenario = scenario or context.scenario
    prefix = f"Now {context.changed}. " if context.changed else ""
    settings = settings_text(scenario)
    settings = f" ({settings})" if settings else ""
    if scenario.data is not None:
        return f"{prefix}Computed for {describe(scenario)}{settings}:"
    if not context.own_numbers and not is_default_example(scenario):  # a topic's own example, not the learner's
        return f"{prefix}On an example, {describe(scenario)}{settings}:"
    if context.own_numbers:
        if not model:
            return f"{prefix}For {describe(scenario)} ({scenario.samples:,} samples drawn from those ranges):"
        return (
            f"{prefix}For {describe(scenario)}{settings} — linear regression on {scenario.samples:,} samples drawn"
            " from those ranges, fitted by gradient descent:"
        )
    return f"{prefix}On the classic example, a feature {describe(scenario)}{settings}:"


def method(scenario: Scenario) -> str:
    """The scenario's normalization as a noun phrase: "z-scoring"."""
    return METHODS[scenario.normalization].noun


def iterations(value: int | None) -> str:
    """ "1 iteration", "34,836,189 iterations"."""
    return f"{count(value)} iteration{'' if value == 1 else 's'}"


def outcome(headline) -> str:
    """How one side's run at the scenario's settings ended: "converged in 687 iterations", "diverged at step 1"."""
    if headline.diverged:
        return f"diverged at step {headline.diverged_at:,}" if headline.diverged_at is not None else "diverged"
    if headline.simulated_iterations is not None:
        return f"converged in {iterations(headline.simulated_iterations)}"
    cap = getattr(headline, "step_cap", 0)
    within = f"within its cap of {iterations(cap)}" if cap else "within the step cap"  # "10 epochs" is a cap of 10
    if headline.predicted_iterations is not None:
        return f"had not converged {within} (it needs about {iterations(headline.predicted_iterations)})"
    return f"had not converged {within}"


def key_figures(explanation: Explanation, rows: tuple[str, ...] = ("kappa", "max_lr", "best_iterations")) -> str:
    """A small Markdown table, raw beside normalized."""
    raw, normalized = explanation.raw, explanation.normalized
    scenario = explanation.scenario
    available = {
        "kappa": ("condition number κ", number(raw.condition_number), number(normalized.condition_number)),
        "max_lr": ("largest stable learning rate 2/λmax", number(raw.max_stable_lr), number(normalized.max_stable_lr)),
        "best_lr": ("best constant learning rate", number(raw.best_lr), number(normalized.best_lr)),
        "best_iterations": (
            "iterations at its own best learning rate",
            count(raw.best_lr_iterations),
            count(normalized.best_lr_iterations),
        ),
        "run": (
            f"{OPTIMIZER_CHOICES[scenario.optimizer.name].noun} at η = {number(raw.learning_rate)}"
            if raw.learning_rate == normalized.learning_rate
            else f"{OPTIMIZER_CHOICES[scenario.optimizer.name].noun} at the chosen η",
            outcome(raw),
            outcome(normalized),
        ),
    }
    lines = [f"| | raw | normalized ({method(scenario)}) |", "|---|---:|---:|"]
    lines += [f"| {label} | {left} | {right} |" for label, left, right in (available[row] for row in rows)]
    return "\n".join(lines)


def speedup_text(explanation: Explanation) -> str:
    speedup = explanation.speedup_at_best_lr
    return f"{number(speedup)} times" if speedup is not None else "n/a"


def percent(share: float) -> str:
    """0.999999 → "99.9999%", 1e-7 → "0.00001%": enough digits to see it is not exactly 0 or 100."""
    value = 100 * share
    if value == 0 or value == 100:
        return f"{value:.0f}%"
    if value < 0.01:
        return f"{number(value)}%"
    if value > 100:
        return f"{number(value, 6)}%"
    if value >= 99.95:  # ".3g" would round these to "100%"
        digits = min(int(-math.floor(math.log10(100 - value))) + 1, 10)
        return f"{value:.{digits}f}%"
    return f"{value:.3g}%"


def duration(seconds: float) -> str:
    """Wall-clock time in the unit a person would use."""
    if seconds < 1e-3:
        return f"{number(seconds * 1e6)} µs"
    if seconds < 1:
        return f"{number(seconds * 1e3)} ms"
    for unit, size in (("years", 365.25 * 86400), ("days", 86400), ("hours", 3600), ("minutes", 60)):
        if seconds >= 2 * size:
            return f"{number(seconds / size)} {unit}"
    return f"{number(seconds)} s"


def follow_ups(topic: str, asked: tuple[str, ...], extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Two or three next questions: `extra` first, then related topics not asked yet."""
    questions = list(dict.fromkeys(extra))
    related = TOPIC_GUIDE[topic].related if topic in TOPIC_GUIDE else ()
    fresh = [t for t in related if t not in asked] + [t for t in related if t in asked]
    for key in fresh:
        question = TOPIC_GUIDE[key].question
        if question not in questions:
            questions.append(question)
    return tuple(questions[:3])
