"""Using what the message names: say it back in the first sentence, and let it steer the reply.

"For your k-means on three features spanning 0.25–0.75, −12.5–48 and 1,200–5,600:" — the model
family, activation, scaler and kind of data the learner named (recognised by `entities`), with
their own numbers. Where the model changes the story (a tree ignores scale, k-means is decided by
distances, tanh saturates), one short paragraph says so, with a number computed for their data.
Everything echoed from the message is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from explainer.chat.measure import explanation_for
from explainer.chat.replies.models import distance_shares
from explainer.chat.replies.networks import saturation
from explainer.chat.topics import TOPIC_GUIDE
from explainer.chat.wording import NETWORK_WORDS, SATURATING_WORDS, Context, name, percent, signed
from explainer.scenario.spec import Feature, Scenario, default_scenario
from explainer.scenario.vocabulary import METHODS
from explainer.text import patterns
from explainer.text.formatting import escape_markdown, number

_COUNT_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
_LEAD = patterns.compile(r"^(?:Now .*?\. )?(?:For |On the classic example|Computed for )")
_AUTOMATIC_NAME = patterns.compile(r"^(?:x\d+′*|[ab])$")
SHOWN_FEATURES = 4

# Families by the words in an entity's id or label, so the steering does not depend on exact ids.
_TREES = ("tree", "forest", "boost", "xgb", "lightgbm", "gbm", "catboost")
_DISTANCES = ("means", "knn", "neighbo", "svm", "svc", "support vector", "pca")
_PENALTIES = ("lasso", "ridge", "elastic")
_NETWORKS = NETWORK_WORDS
_SATURATING = SATURATING_WORDS


def is_lead(paragraph: str) -> bool:
    """The reply's opening line that says which numbers it was computed for."""
    return bool(_LEAD.match(paragraph)) and paragraph.rstrip().endswith(":") and len(paragraph) < 600


def labels(entities: Any) -> dict[str, str]:
    """{"model": "k-means", "activation": "tanh", …} for what was recognised; {} for nothing."""
    found = getattr(entities, "labels", None)
    if not callable(found):
        return {}
    return {key: str(value) for key, value in dict(found()).items() if value}


def spans(features: Sequence[Feature]) -> str:
    """ "three features spanning 0.25–0.75, −12.5–48 and 1,200–5,600"; with their names when the learner named all."""
    named = all(not _AUTOMATIC_NAME.match(f.name) for f in features)
    shown = [f"{signed(f.low)}–{signed(f.high)}" for f in features[:SHOWN_FEATURES]]
    if named:
        shown = [f"{name(f.name)} {span}" for f, span in zip(features, shown)]
    if len(features) > SHOWN_FEATURES:
        shown.append(f"{len(features) - SHOWN_FEATURES} more")
    listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
    if len(features) == 1:
        return f"one feature, {listed}" if named else f"one feature spanning {listed}"
    count = _COUNT_WORDS.get(len(features), f"{len(features):,}")
    return f"{count} features: {listed}" if named else f"{count} features spanning {listed}"


def say_back(entities: Any, scenario: Scenario, own_numbers: bool) -> str | None:
    """The first sentence: what the learner named and their numbers; None when nothing was named."""
    named = labels(entities)
    if not named:
        return None
    model = escape_markdown(named.get("model", "model"))
    parts = [f"For your {model}"]
    if "activation" in named:
        parts.append(f" with {escape_markdown(named['activation'])}")
    if "scaler" in named:
        parts.append(f" after {escape_markdown(named['scaler'])}{_unless_run(entities, scenario)}")
    if scenario.data is not None and not own_numbers and scenario.title:
        numbers = f"example: {scenario.title[0].lower()}{scenario.title[1:]}"  # a built-in example's data
    elif scenario.data is not None:
        numbers = f"your {scenario.data.samples:,} data points"
    elif own_numbers:
        numbers = spans(scenario.features)
    elif scenario.features == default_scenario().features:
        numbers = f"example: the classic {spans(scenario.features)}"
    else:  # a topic's own example (a long-tailed feature for logs): not the learner's, and said so
        numbers = f"example: {spans(scenario.features)}"
    if "data_kind" in named:
        parts.append(f" on {escape_markdown(named['data_kind'])} ({numbers})")
    else:
        parts.append(f" ({numbers})" if numbers.startswith("example:") else f" on {numbers}")
    sentence = "".join(parts)
    if scenario.data is None and not numbers.startswith("example:"):
        sentence += f" ({scenario.samples:,} samples drawn from those ranges)"
    return sentence + ":"


def personalize(
    markdown: str, topic: str, context: Context, scenario: Scenario, cited: frozenset[str] = frozenset()
) -> tuple[str, tuple[str, ...]]:
    """The reply with the say-back as its first sentence and the model-specific paragraphs after it.

    `cited` names figures a scikit-learn run in the same reply already gives ("distances", "saturation"),
    so one thing gets one number. Returns the Markdown and the follow-up questions the steering suggests.
    """
    sentence = say_back(context.entities, scenario, context.own_numbers)
    if sentence is None:
        note = situation_note(context.entities)
        if note is None:
            return markdown, ()
        first, _, rest = markdown.partition("\n\n")
        return "\n\n".join([first, note, rest] if rest else [first, note]), ()
    first, _, rest = markdown.partition("\n\n")
    body = rest if is_lead(first) and rest else markdown
    steering, follow_ups = steer(context.entities, topic, scenario, cited)
    return "\n\n".join([sentence, *steering, body]), follow_ups


NETWORKS = frozenset({"mlp", "cnn", "lstm", "rnn", "transformer"})


def with_linear_figures_note(markdown: str, composed: str, entities: Any) -> str:
    """For a network, one line before the topic's own prose saying whose κ and iteration counts it gives: linear
    regression's, where the theory is exact ("For your MLP … 4 iterations are enough" read as the MLP's own count).
    After a scikit-learn run of the network, whose own counts come first."""
    model = getattr(entities, "model", None)
    first, _, rest = composed.partition("\n\n")
    body = rest if is_lead(first) and rest else composed
    if model not in NETWORKS or "κ" not in body or "iteration" not in body or not markdown.endswith(body):
        return markdown
    label = escape_markdown(labels(entities).get("model", "network"))
    note = (
        f"*κ and the iteration counts from here on are linear regression's on these features, fitted by gradient"
        f" descent, where the theory is exact; your {label}'s first layer meets the same scales.*"
    )
    # right before the first paragraph that gives κ: what the body says of networks first stays first
    paragraphs = body.split("\n\n")
    at = next((index for index, paragraph in enumerate(paragraphs) if "κ" in paragraph), 0)
    body_with_note = "\n\n".join([*paragraphs[:at], note, *paragraphs[at:]])
    return markdown[: len(markdown) - len(body)] + body_with_note


SPARSE_NOTE = (
    "**Your data is sparse, so scale it without centring.** Subtracting each column's mean turns every zero into a"
    " non-zero and fills the matrix; dividing alone keeps zeros zero. Use `StandardScaler(with_mean=False)` or"
    " `MaxAbsScaler()`: scikit-learn refuses to centre a sparse matrix."
)
PRETRAINED_NOTE = (
    "**A pretrained network expects the inputs it was trained on.** Use its own preprocessing, with the statistics of"
    " its training data (the `preprocess_input` or transform published with the weights), not your data's: new"
    " statistics shift every input its first layer learned from. Your own statistics fit a network trained from"
    " scratch."
)


def situation_note(entities: Any) -> str | None:
    """A short paragraph for a situation that changes the advice whatever the topic (sparse data, a pretrained
    network); None when the message names none."""
    situation = getattr(entities, "situation", None)
    return {"sparse": SPARSE_NOTE, "pretrained": PRETRAINED_NOTE}.get(situation or "")


def _unless_run(entities: Any, scenario: Scenario) -> str:
    """What the figures use when it is not the scaler said back: the say-back never claims a run that did not happen.

    A scaler the engine runs is run as named (the conversation switches to it when it is the only one named);
    "÷ 255", a log transform, or two scalers named at once leave the scenario's own method in place.
    """
    if getattr(entities, "scaler", None) == scenario.normalization:
        return ""
    return f" (computed here with {METHODS[scenario.normalization].noun})"


def steer(
    entities: Any, topic: str, scenario: Scenario, cited: frozenset[str] = frozenset()
) -> tuple[list[str], tuple[str, ...]]:
    """Short paragraphs where the named model, activation, scaler or data changes the story (at most two)."""
    named = labels(entities)
    model = _words(entities, "model", named)
    activation = _words(entities, "activation", named)
    scaler = _words(entities, "scaler", named)
    data_kind = _words(entities, "data_kind", named)
    shown = escape_markdown(named.get("model", ""))
    paragraphs: list[str] = []
    topics: list[str] = []
    if _any(model, _TREES) and topic not in ("tree_models", "not_needed"):
        paragraphs.append(
            f"**Your {shown} itself ignores scale.** Its splits compare one feature with a threshold, and rescaling"
            " moves the threshold with the data: neither its speed nor its predictions change. What follows holds"
            " for models that do arithmetic on the raw values (linear models, neural networks, distances)."
        )
        topics.append("tree_models")
    elif _any(model, _DISTANCES) and topic != "distance_models" and scenario.data is None:
        if "distances" not in cited:
            paragraphs.append(_distance_paragraph(shown, scenario))
        topics.append("distance_models")
    elif _any(model, _PENALTIES) and topic != "regularization":
        paragraphs.append(
            f"**Your {shown} also penalizes the weights**, and a weight's size depends on its feature's units: on"
            " raw features the penalty falls on the small-scale ones and spares the large. Standardize first."
        )
        topics.append("regularization")
    # a question on the target: its own answer says what a bounded output unit does; the inputs' saturation is aside
    if _any(activation, _SATURATING) and topic not in ("weight_init", "vanishing_exploding", "target_scaling"):
        if "saturation" not in cited:
            paragraphs.append(_saturation_paragraph(named.get("activation", "tanh"), scenario))
        topics.append("vanishing_exploding")
    elif (
        _any(model, _NETWORKS) and not activation and topic not in ("weight_init", "vanishing_exploding", "batch_norm")
    ):
        topics.append("weight_init")
    if ("255" in scaler or _any(data_kind, ("image", "pixel"))) and _pixel_ranges(scenario) and len(paragraphs) < 2:
        paragraphs.append(
            "**Dividing pixels by 255** puts every one in [0, 1], one shared range: that alone takes most of what"
            " normalizing gains. What remains is each pixel's mean, positive (about 0.13 over MNIST's digits, 0.45"
            " over ImageNet's photos), which couples each weight to"
            " the bias; subtracting the mean (per channel) removes that too."
        )
    elif _any(data_kind, ("one_hot", "one-hot", "onehot", "dummy", "categor")) and len(paragraphs) < 2:
        paragraphs.append(
            "**One-hot columns** are already 0 or 1: scale the numeric columns; standardizing the 0/1 columns is"
            " harmless without a penalty but changes how a penalty treats them."
        )
        topics.append("not_needed")
    elif _any(data_kind, ("time", "series", "temporal")) and topic != "data_leakage" and len(paragraphs) < 2:
        paragraphs.append(
            "**For a time series**, fit the scaler on the training period only (the earliest part), never on the"
            " whole series: later values would leak into training."
        )
        topics.append("data_leakage")
    note = situation_note(entities)
    if note is not None and len(paragraphs) < 2:
        paragraphs.append(note)
    if "log" in scaler and topic != "skewed_log":
        topics.append("skewed_log")
    return paragraphs[:2], tuple(TOPIC_GUIDE[key].question for key in topics if key in TOPIC_GUIDE)


def _pixel_ranges(scenario: Scenario) -> bool:
    """Whether every feature could be a pixel's value (within 0..255): an image's own measurements, "area 100-5000"
    or a quality score's "50 to 300", are not pixels, and the note on dividing by 255 would be wrong for them."""
    if scenario.data is not None:
        return False
    return all(feature.low >= 0 and feature.high <= 255 for feature in scenario.features)


def _words(entities: Any, field: str, named: dict[str, str]) -> str:
    """The recognised id and label of one field, lower case, for matching families."""
    return f"{getattr(entities, field, None) or ''} {named.get(field, '')}".lower().strip()


def _any(text: str, words: Sequence[str]) -> bool:
    return bool(text) and any(word in text for word in words)


def _distance_paragraph(model: str, scenario: Scenario) -> str:
    analysis = explanation_for(scenario).analysis
    raw, _ = distance_shares(analysis)
    names = analysis.data.feature_names
    widest = int(np.argmax(raw))
    if len(names) == 1:
        return f"**For your {model}, distances decide the answer**, so the scale of each feature is part of the model."
    return (
        f"**For your {model}, scale changes the answer itself, not just the speed.** Distances add up squared"
        f" differences across features: raw, {name(names[widest])} makes {percent(float(raw[widest]))} of the"
        f" average squared distance between two samples; z-scored, each feature makes {percent(1 / len(names))}."
    )


def _saturation_paragraph(activation: str, scenario: Scenario) -> str:
    units = saturation(explanation_for(scenario).analysis, activation=activation.lower())
    if units.raw_saturated <= units.normalized_saturated:  # small raw inputs: z-scoring widens them
        return (
            f"**With {escape_markdown(activation)}, these raw inputs do not saturate the first layer**:"
            f" {percent(units.raw_saturated)} of its pre-activations lie beyond |z| > {number(units.threshold)} raw"
            f" and {percent(units.normalized_saturated)} z-scored. Scaling them is about the ravine here, not"
            " saturation."
        )
    return (
        f"**With {escape_markdown(activation)}, raw inputs saturate the first layer.** A layer initialized for"
        f" unit-variance inputs gets pre-activations with a standard deviation of {number(units.raw_spread)}:"
        f" {percent(units.raw_saturated)} of them beyond |z| > {number(units.threshold)}, where the curve is nearly"
        f" flat (its slope under 7% of its peak) and little gradient gets through; z-scored,"
        f" {percent(units.normalized_saturated)}."
    )
