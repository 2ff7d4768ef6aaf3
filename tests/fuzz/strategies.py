"""Hypothesis strategies for every way in: the awkward numbers, names and texts an attacker would send."""

from __future__ import annotations

from hypothesis import strategies as st

from explainer.scenario.fields import FIELD, FIELDS, Bound


def _beyond(bound: Bound) -> list[str]:
    """A declared bound as text, and just past it on either side (a whole number one beyond)."""
    if bound.whole:
        low, high = int(bound.low), int(bound.high)
        return [str(low), str(high), str(low - 1), str(high + 1)]
    return [repr(bound.low), repr(bound.high), repr(bound.low * 1.0000001 - 1e-300), repr(bound.high * 1.0000001)]


# every declared bound (explainer.scenario.fields), at it and just past it
BOUND_TEXTS = sorted({text for item in FIELDS if item.bound is not None for text in _beyond(item.bound)})
OPTIONS = [option for item in FIELDS for option in item.options]  # every declared choice (and distribution)

# Numbers at the edges of float64 and of the Scenario's bounds, written as people (and attackers) write them.
EDGE_NUMBER_TEXTS = [
    "0",
    "-0",
    "1",
    "-1",
    "0.5",
    "0.8",
    "0.999999",
    "0.9999999999",
    "1e-6",
    "1e-100",
    "1e-101",
    "1e-300",
    "1e-310",
    "1e-320",
    "5e-324",
    "1e12",
    "1.0000001e12",
    "1e300",
    "1e308",
    "1.8e308",
    "inf",
    "-inf",
    "nan",
    "9" * 400,
    "-" + "9" * 400,
    "1" + "0" * 4000,
    "0x10",
    "1_000",
    "1,5",
    " 7 ",
    "",
    "auto",
    "AUTO",
    "fast",
    *BOUND_TEXTS,
]
number_texts = st.one_of(
    st.sampled_from(EDGE_NUMBER_TEXTS),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**20), 10**20).map(str),
)
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, 1e-320, 5e-324, 1e-300, 1e-100, 1e12, 1e300, 0.9999999999, -0.999999]),
    st.integers(-(10**400), 10**400),
)
# Names with the characters links split on, control characters, escapes, markup and very long ones.
names = st.one_of(
    st.sampled_from(
        [
            "a",
            "b",
            "x:y",
            "a;b",
            "a,b",
            "a\\b",
            "%3B",
            "<script>",
            "[x](javascript:alert(1))",
            "\x1b[31mred",
            "\x1b]0;title\x07",
            "a\x00b",
            "é",
            " ",
            "",
            "bias",
            "y" * 41,
        ]
    ),
    st.text(max_size=12),
)
choices = st.sampled_from([*OPTIONS, "", "none", "<b>", "ADAM"])


def field_values(path: str) -> st.SearchStrategy:
    """A declared field's valid value: one of its options, or at its bounds or anywhere between."""
    item = FIELD[path]
    if item.kind == "choice":
        return st.sampled_from(item.options)
    bound = item.bound
    assert bound is not None, f"{path} has no bound to draw from"
    if bound.whole:
        inside = st.one_of(
            st.sampled_from([int(bound.low), int(bound.high)]), st.integers(int(bound.low), int(bound.high))
        )
    else:
        inside = st.one_of(st.sampled_from([bound.low, bound.high]), st.floats(bound.low, bound.high))
    return st.one_of(st.just("auto"), inside) if item.kind == "rate" else inside


texts = st.one_of(names, number_texts, choices)
