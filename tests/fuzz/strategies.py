"""Hypothesis strategies for every way in: the awkward numbers, names and texts an attacker would send."""

from __future__ import annotations

from hypothesis import strategies as st

from explainer.scenario.spec import DISTRIBUTIONS, LOSSES, NORMALIZATIONS, OPTIMIZERS

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
choices = st.sampled_from([*NORMALIZATIONS, *OPTIMIZERS, *LOSSES, *DISTRIBUTIONS, "", "none", "<b>", "ADAM"])
texts = st.one_of(names, number_texts, choices)
