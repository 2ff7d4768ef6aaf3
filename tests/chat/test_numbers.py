"""The chat's number parser: ranges, learning rates, optimizers and counts as people type them."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainer.chat.numbers import clean_text, parse_number, parse_quantities


def ranges(text: str) -> list[list[float]]:
    return parse_quantities(text).range_pairs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0 to 1", [[0, 1]]),
        ("1-1000", [[1, 1000]]),
        ("between 10 and 40", [[10, 40]]),
        ("[0, 1]", [[0, 1]]),
        ("from 0–1 and some from 1 to 1000", [[0, 1], [1, 1000]]),
        ("from 0 to 1e3", [[0, 1000]]),
        ("0 to 1k", [[0, 1000]]),
        ("0 - 2,000", [[0, 2000]]),
        ("0.001..0.01", [[0.001, 0.01]]),
        ("-5 to 5", [[-5, 5]]),
        ("from -10 to -1", [[-10, -1]]),
        ("-1-1", [[-1, 1]]),
        ("values 1 -1000", [[1, 1000]]),
        ("between -3 and 3", [[-3, 3]]),
        ("[-1, 1] and (0, 100)", [[-1, 1], [0, 100]]),
        ("[1,100]", [[1, 100]]),
        ("[0, 1,000]", [[0, 1000]]),
        ("$0 to $1,000,000", [[0, 1_000_000]]),
        ("0% to 100%", [[0, 100]]),
        ("10^-3 to 10^3", [[0.001, 1000]]),
        ("0 to 10⁶", [[0, 1_000_000]]),
        ("1 x 10^2 to 5×10^3", [[100, 5000]]),
        ("one from zero to one and the other from one to a million", [[0, 1], [1, 1_000_000]]),
        ("between 1.5 million and 2 million", [[1_500_000, 2_000_000]]),
        ("1000 to 1", [[1, 1000]]),
        ("0 ~ 5", [[0, 5]]),
        ("0...1 and 0…100", [[0, 1], [0, 100]]),
        ("0 through 9", [[0, 9]]),
        ("0 m to 2 m", [[0, 2]]),
        ("𝟎 to 𝟏 and １ to １０００", [[0, 1], [1, 1000]]),
        ("features 0-1, 0-100 and 0-10000", [[0, 1], [0, 100], [0, 10000]]),
    ],
)
def test_feature_ranges_are_read_as_typed(text, expected):
    assert ranges(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "lr 0.01",
        "learning rates from 0.001 to 0.1",
        "scale the features to [0, 1]",
        "normalize them into -1 to 1",
        "should I use 0-1 normalization or z-scores?",
        "it took 10 to 20 iterations",
        "2-3 features",
        "x = 10, 20, 30, 40",
        "10-fold cross validation",
        "values 5 to 5",
        "k from 1 to 10 neighbours",
        "batch size 32-64",
    ],
)
def test_numbers_that_are_not_feature_ranges_are_left_out(text):
    assert ranges(text) == []


def test_a_name_written_before_a_range_becomes_the_feature_name():
    found = parse_quantities("age from 18 to 90, salary between 20k and 200k and rooms (1-5)").ranges
    assert [(item.name, item.low, item.high) for item in found] == [
        ("age", 18, 90),
        ("salary", 20_000, 200_000),
        ("rooms", 1, 5),
    ]


def test_words_around_a_range_that_are_not_names_are_not_used_as_names():
    found = parse_quantities("why do we normalize when one feature goes from 0 to 1 and another from 1 to 1000").ranges
    assert [item.name for item in found] == [None, None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lr 0.01", 0.01),
        ("lr=1e-3", 0.001),
        ("learning rate of 1e-3", 0.001),
        ("learning rate is set to 0.5", 0.5),
        ("a 0.05 learning rate", 0.05),
        ("step size 10^-4", 0.0001),
        ("η = 0.2", 0.2),
        ("alpha = 0.03 in gradient descent", 0.03),
        ("learning rates from 0.001 to 0.1", 0.001),
        ("ridge with alpha 10", None),
        ("momentum 0.9", None),
        ("features 0 to 1", None),
    ],
)
def test_learning_rates(text, expected):
    assert parse_quantities(text).learning_rate == expected


def test_an_impossible_learning_rate_is_reported_not_used():
    quantities = parse_quantities("lr -0.5")
    assert quantities.learning_rate is None
    assert quantities.problems == ("learning rate: expected a positive number (got -0.5)",)


@pytest.mark.parametrize(
    ("text", "name", "written"),
    [
        ("what about Adam?", "adam", "Adam"),
        ("AdamW with weight decay", "adam", "AdamW"),
        ("would RMSprop help", "adam", "RMSprop"),
        ("SGD with momentum 0.9", "momentum", "momentum"),
        ("plain gradient descent", "gd", "plain gradient descent"),
        ("Adam vs SGD", "adam", "Adam"),
        ("why normalize", None, None),
    ],
)
def test_optimizers_map_to_the_engines_names(text, name, written):
    quantities = parse_quantities(text)
    assert (quantities.optimizer, quantities.optimizer_text) == (name, written)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("I have 3 features", 3),
        ("two input features", 2),
        ("20 numeric variables", 20),
        ("one feature goes from 0 to 1", None),
        ("500 columns", 500),
    ],
)
def test_feature_counts(text, count):
    assert parse_quantities(text).feature_count == count


def test_steps_samples_correlation_methods_and_loss():
    quantities = parse_quantities(
        "50 iterations on 200 samples, correlation 0.9, min-max scaling, sum of squared errors"
    )
    assert quantities.steps == 50
    assert quantities.samples == 200
    assert quantities.correlation == 0.9
    assert quantities.normalizations == ("minmax",)
    assert quantities.loss == "sse"


def test_the_posts_data_points_become_lists():
    quantities = parse_quantities("x = 10, 20, 30, 40 and y = 1.01, 2.02, 2.88, 4.1 with lr 0.01")
    assert quantities.data_x == (10, 20, 30, 40)
    assert quantities.data_y == (1.01, 2.02, 2.88, 4.1)
    assert quantities.learning_rate == 0.01
    assert quantities.ranges == ()


@pytest.mark.parametrize(
    ("text", "value"),
    [("1e3", 1000), ("1k", 1000), ("2,000", 2000), ("10^6", 1e6), ("1 million", 1e6), ("a thousand", 1000)],
)
def test_single_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["abc", "1e400", "1 2", "", "1.2.3"])
def test_text_that_is_not_one_number_gives_none(text):
    assert parse_number(text) is None


finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@given(finite, finite)
def test_any_two_numbers_joined_by_to_are_read_back_exactly(first, second):
    low, high = sorted((first, second))
    if low == high:
        return
    assert ranges(f"a feature from {low!r} to {high!r}") == [[low, high]]


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False), st.floats(min_value=0, max_value=1e9, allow_nan=False))
def test_a_hyphen_between_two_non_negative_numbers_is_a_range(first, second):
    low, high = sorted((first, second))
    if low == high:
        return
    assert ranges(f"values {low!r}-{high!r}") == [[low, high]]


@given(st.floats(min_value=1e-9, max_value=1e9, allow_nan=False))
def test_a_hyphen_before_a_number_after_to_is_a_minus_sign(value):
    assert ranges(f"from -{value!r} to -{value / 2!r}") == [[-value, -value / 2]]


@given(st.text(max_size=300))
def test_any_text_parses_without_error(text):
    quantities = parse_quantities(text)
    for low, high in quantities.range_pairs:
        assert math.isfinite(low) and math.isfinite(high) and low < high


def test_cleaning_caps_length_and_drops_invisible_characters():
    cleaned = clean_text("\u202e\u200bwhy\x00 normalize" + "x" * 10_000)
    assert cleaned.startswith(" why  normalize") or cleaned.startswith("why")
    assert "\u202e" not in cleaned and "\u200b" not in cleaned and "\x00" not in cleaned
    assert len(cleaned) == 2000
