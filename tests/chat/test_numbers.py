"""The chat's number parser: ranges, learning rates, optimizers and counts as people type them."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from explainer.chat import answer
from explainer.chat.reading.numbers import MAX_RANGES, MAX_TEXT, clean_text, parse_number, parse_quantities


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
        ("x = 10, 20, 30, 40", [[10, 40]]),  # one list of values: the column's range
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
        ("SGDRegressor(eta0=0.001)", 0.001),
        ("MLPRegressor(learning_rate_init=0.003)", 0.003),
        ("optim.Adam(model.parameters(), 1e-4)", 0.0001),
        ("tf.keras.optimizers.RMSprop(1e-3)", 0.001),
        ("torch.optim.SGD(net.parameters(), 0.05, momentum=0.9)", 0.05),
        ("Adamax(model.parameters(), 0.002)", 0.002),
        ("with SGD (3 layers) it diverges", None),
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
        # the second half of a pair is no count: php-ml's "decbin to get zero/one inputs" was read as one input
        ("run them through decbin to get zero/one inputs?", None),
        ("binary 0/1 inputs", None),
        # a setting's value above a label: TensorFlow Playground's "percTrainData=50" over "inputs: x=true"
        ("noise=50\n  percTrainData=50\n  inputs: x=true, y=true", None),
        ("with 8\npredictors in the frame", 8),  # a count wrapped onto the next line is still one
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
@example(1000.0, 0.984375)  # "0.984375-1000.0" was once taken for the phone number 984375-1000
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
    cleaned = clean_text("\u202e\u200bwhy\x00 normalize" + "x" * (MAX_TEXT + 10_000))
    assert cleaned.startswith(" why  normalize") or cleaned.startswith("why")
    assert "\u202e" not in cleaned and "\u200b" not in cleaned and "\x00" not in cleaned
    assert len(cleaned) == MAX_TEXT


# --- numbers as people paste them ---------------------------------------------------------------

REALSTYLE = tomllib.loads(Path(__file__).with_name("ranges_realstyle.toml").read_text(encoding="utf-8"))["case"]


def test_the_real_style_snippets_are_enough_to_judge_by():
    assert len(REALSTYLE) >= 40


@pytest.mark.parametrize("case", REALSTYLE, ids=lambda case: case["text"][:50])
def test_real_style_snippets_give_exactly_their_ranges(case):
    found = parse_quantities(case["text"]).ranges
    assert [[item.low, item.high] for item in found] == case["ranges"]
    if "names" in case:
        assert [item.name or "" for item in found] == case["names"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("np.random.randint(5, 500, 2000)", [[5, 500]]),
        ("randint(low=5, high=500, size=2000)", [[5, 500]]),
        ("np.random.randint(10, size=300)", [[0, 10]]),
        ("np.random.uniform(-2.5, 7, 100)", [[-2.5, 7]]),
        ("np.random.uniform(size=100)", [[0, 1]]),
        ("x = np.random.sample(500) * 1000", [[0, 1000]]),
        ("idx = random.sample(range(100), 10)", []),
        ("np.arange(50)", [[0, 49]]),
        ("np.arange(10, 20, 2)", [[10, 18]]),
        ("np.arange(0, 1, 0.1)", [[0, 0.9]]),
        ("np.linspace(0, 100, 7)", [[0, 100]]),
        ("np.logspace(0, 3, 4)", [[1, 1000]]),
        ("X = 2 * np.random.rand(100, 1)", [[0, 2]]),
        ("X = 6 * np.random.rand(200, 1) - 3", [[-3, 3]]),
        ("torch.randint(256, (8, 3, 32, 32))", [[0, 256]]),
        ("np.arange(10).reshape(5, 2)", [[0, 8], [1, 9]]),
        ("x1 ~ U(0, 1), x2 ~ U(-5, 5)", [[0, 1], [-5, 5]]),
        ("np.random.uniform([0, 0], [1, 1000], size=(100, 2))", [[0, 1], [0, 1000]]),
        ("x ~ N(0, 1)", []),
        ("np.random.normal(0, 1, 500)", []),
        ("np.random.randn(500, 3)", []),
        ("for i in range(1000): w -= lr * grad", []),
    ],
)
def test_numpy_calls_give_the_range_they_draw_from_never_their_size(text, expected):
    assert ranges(text) == expected


def test_a_normal_draw_is_kept_as_its_mean_and_spread():
    quantities = parse_quantities("income = np.random.normal(50000, 15000, size=1000)")
    assert quantities.ranges == ()
    assert [(d.kind, d.mean, d.std, d.name) for d in quantities.distributions] == [("normal", 50000, 15000, "income")]
    assert quantities.samples == 1000


def test_feature_and_target_lists_are_a_table_to_fit_with_the_features_ranges():
    quantities = parse_quantities("X = [3, 6, 9, 250, 400], Y = [7, 13, 19, 501, 801]")
    assert quantities.range_pairs == [[3, 400]]
    assert quantities.table is not None
    assert quantities.table.columns == ((3, 6, 9, 250, 400),)
    assert quantities.table.target == (7, 13, 19, 501, 801)
    assert (quantities.data_x, quantities.data_y) == ((3, 6, 9, 250, 400), (7, 13, 19, 501, 801))


def test_octave_displayed_matrices_are_the_data_to_fit_and_the_update_line_gives_the_learning_rate():
    """`X = 1 98` over rows, then `y = 97` over rows, as Octave prints them: the bias column of ones adds no feature,
    y is the target, and `theta - 0.001 * (1 / m) * (X' * …)` sets η."""
    text = (
        "X = 1 98\n    1 94\n    1 93\n    1 88\n\ny = 97\n    94\n    94\n    78\n\n"
        "theta = theta - 0.001 * (1 / 4) * (X' * (X * theta - y))"
    )
    quantities = parse_quantities(text)
    assert quantities.range_pairs == [[88, 98]]
    assert quantities.table is not None
    assert quantities.table.columns == ((98, 94, 93, 88),)
    assert quantities.table.target == (97, 94, 94, 78)
    assert quantities.learning_rate == 0.001


def test_a_two_dimensional_list_gives_one_column_per_feature():
    quantities = parse_quantities("X = np.array([[1, 200], [2, 300], [3, 250]]); y = np.array([10, 14, 13])")
    assert quantities.range_pairs == [[1, 3], [200, 300]]
    assert quantities.table is not None
    assert quantities.table.columns == ((1, 2, 3), (200, 300, 250))
    assert quantities.table.range_pairs == [[1, 3], [200, 300]]
    assert quantities.table.target == (10, 14, 13)
    assert quantities.data_x is None  # two features: data_x is only the one-feature case


def test_a_pasted_csv_is_a_table_with_named_columns_and_its_target():
    quantities = parse_quantities("sqft,bedrooms,target\n1400,3,245000\n2100,4,389000\n900,2,150000")
    assert quantities.range_pairs == [[900, 2100], [2, 4]]
    assert quantities.table is not None
    assert quantities.table.names == ("sqft", "bedrooms")
    assert quantities.table.target == (245000, 389000, 150000)
    assert quantities.table.target_name == "target"


def test_a_printed_table_behind_output_marks_is_read_once_though_printed_again_scaled():
    text = (
        "head(df)\n#        age      income\n# 1  23.0  31000\n# 2  61.5  88000\n# 3  40.2  52000\n"
        "head(scaled)\n#>        age      income\n#> 1 -1.10 -1.21\n#> 2  1.31  1.24\n#> 3 -0.21 -0.03\n"
        "How do I get back to the original units?"
    )
    quantities = parse_quantities(text)
    assert quantities.range_pairs == [[23.0, 61.5], [31000, 88000]]
    assert [item.name for item in quantities.ranges] == ["age", "income"]


def test_rows_named_by_two_lists_above_them_with_the_predicted_column_and_its_range_in_words():
    text = (
        "From columns 1-3 (height, weight, age) I want to predict column 4 (score):\n"
        "    150  40.0  12   3.5\n    165  55.5  15   5.0\n    180  72.0  18   9.5\n"
        "The inputs get scaled to roughly -0.5..0.6 but the score column is still 3.5..9.5."
    )
    quantities = parse_quantities(text)
    assert quantities.range_pairs == [[150, 180], [40.0, 72.0], [12, 18]]
    assert quantities.table is not None and quantities.table.target_name == "score"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In MATLAB: x = -100000:10000:200000; y = f(x); polyfit(x, y, 2) warns it is badly conditioned",
            [[-100000, 200000]],
        ),
        ("x = 0:1:1000 ; y = x.^2 + 1; net = train(net, x, y) and the gradient grows to NaN", [[0, 1000]]),
        ("m = [541.3; 0.44; -3.68; -10.7; -10.7]; [r, s] = mapminmax(m) gives the same numbers back", [[-10.7, 541.3]]),
        ("pixels are roughly in [-128, 127]; shouldn't they be brought to about [-1, 1] first?", [[-128, 127]]),
    ],
)
def test_ranges_written_the_matlab_way_and_a_target_range_after_brought_to(text, expected):
    assert parse_quantities(text).range_pairs == expected


def test_a_loops_counter_and_a_settings_stepped_range_are_not_data():
    assert parse_quantities("for i = 1:100\n  net = train(net, X, T);\nend").range_pairs == []
    assert parse_quantities("lr = 0.001:0.001:0.01 and epochs = 10:10:100").range_pairs == []


def test_a_table_with_pipes_between_cells_and_a_date_column_gives_the_measured_columns_ranges():
    text = (
        "The column I want to predict is the measured windspeed:\n"
        "   | date            | station-ws | station-wd | windspeed\n"
        "  2022/5/17 0:00  | 9.3260 | 270.6 | 6.14\n"
        "  2022/5/17 1:00  | 8.8101 | 278.7 | 6.73\n"
        "  2022/5/17 2:00  | 7.9184 | 287.3 | 5.74\n"
    )
    quantities = parse_quantities(text)
    assert quantities.range_pairs == [[7.9184, 9.326], [270.6, 287.3]]
    assert quantities.table is not None and quantities.table.target_name == "windspeed"


def test_r_glimpse_gives_each_columns_range_and_leaves_out_the_target_and_constants():
    text = (
        "glimpse(dat)\n# Observations: 6887\n# $ y        <dbl> 1, 0, 1, 1, 0\n"
        "# $ gold_15  <dbl> 23.641, 24.707, 22.736\n# $ kills_15 <int> 3, 3, 0, 3, 1\n# $ flag <int> 1, 1, 1\n"
    )
    assert parse_quantities(text).range_pairs == [[22.736, 24.707], [0, 3]]


def test_pixels_not_divided_by_255_leave_the_range_the_post_states():
    text = "The luma channel goes from 16 to 235 and isn't divided by 255 anywhere. Should it be?"
    assert parse_quantities(text).range_pairs == [[16, 235]]
    assert parse_quantities("I just divide by 255 before training. Enough?").range_pairs == [[0, 255]]


def test_a_list_with_its_middle_elided_is_one_list_and_a_power_minus_one_is_one_number():
    text = "Near 2**32-1 it fails:\nx1 = [4155915305, 4155915503, 4155915996, 4155916186, ...,\n      4155919637, 4155919839]"
    quantities = parse_quantities(text)
    assert quantities.range_pairs == [[4155915305, 4155919839]]
    assert [item.name for item in quantities.ranges] == ["x1"]


def test_lists_that_are_hyperparameters_are_not_data():
    quantities = parse_quantities("hidden_layer_sizes = [64, 32, 16]; alphas = [0.1, 1, 10]; lrs = [1e-3, 1e-2, 1e-1]")
    assert quantities.ranges == () and quantities.table is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0,25-0,75", [[0.25, 0.75]]),
        ("-12,5 to 48,0", [[-12.5, 48]]),
        ("0,001 to 0,5", [[0.001, 0.5]]),
        ("1,200–5,600", [[1200, 5600]]),
        ("1,000 to 3,000", [[1000, 3000]]),
        ("[0,5]", [[0, 5]]),
        ("€2,5k to €80k", [[2500, 80000]]),
        ("(1200-5600),(95000-870000)", [[1200, 5600], [95000, 870000]]),
        ("-4.2e-07 to 3.1E+05", [[-4.2e-07, 310000]]),
        ("$50k–$200k", [[50000, 200000]]),
        ("1.5M to 3M", [[1_500_000, 3_000_000]]),
        ("12% to 40%", [[12, 40]]),
        ("2%-12%", [[2, 12]]),
        ("spanning 0.25–0.75, −12.5–48 and 1,200–5,600", [[0.25, 0.75], [-12.5, 48], [1200, 5600]]),
        ("values of ±3", [[-3, 3]]),
        ("min = 0.5, max = 3200", [[0.5, 3200]]),
        ("rating 1-10, is_electric 0/1", [[1, 10], [0, 1]]),
        ("four questions, each answered on a 1 to 5 scale", [[1, 5]] * 4),
        ("salaries 30-120k", [[30_000, 120_000]]),
        ("between 1 and 5 million", [[1e6, 5e6]]),
        ("0 <= x1 <= 1 and 100 < x2 < 1e4", [[0, 1], [100, 10_000]]),
        ("max value is 5000, min value is 1", [[1, 5000]]),
        ("age(18-90) and income(0-1M)", [[18, 90], [0, 1e6]]),
        ("salaries 20.000 - 90.000", [[20_000, 90_000]]),
        ("1.000.000 to 5.000.000", [[1e6, 5e6]]),
        ("values like 0.001, 0.05, 0.3", [[0.001, 0.3]]),
        ("each row holds values like 0 123 212 242 123 45 and so on", [[0, 242]]),
        ("values like 3 5 and 7", []),
        ("x_data = np.arange(100).astype(np.float32) makes W nan: why does using 0..99 fail?", [[0, 99]]),
        ("x_data = np.random.rand(100) works, but after I change it to x_data = np.arange(100) W is nan", [[0, 99]]),
        ("x_data = np.random.rand(100) and z_data = np.arange(100)", [[0, 1], [0, 99]]),
        ("EEG lies between -0.1 and 0.1 mV; they divide by 0.1 to keep values mostly between -1 and 1", [[-0.1, 0.1]]),
        ("the ground truth sits around 0 to 1, while my inputs go from 0 to 255", [[0, 255]]),
        ("Is it fine to keep age between 18 and 90 and income between 20000 and 200000?", [[18, 90], [20000, 200000]]),
        (
            "model.fit(np.arange(100).reshape(-1, 1), y) diverges: my age is 0 to 99. Scaling age 0 to 99 helps?",
            [[0, 99]],
        ),
        (
            "x_data = np.random.rand(100), then x_data = np.arange(100): W is nan. The other input is between 0 and 1.",
            [[0, 99], [0, 1]],
        ),
        ("I tried values like 0.1 0.01 0.001 0.0001 for the learning rate", []),
    ],
)
def test_pasted_number_formats(text, expected):
    assert ranges(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "learning_rate=1e-3, epochs=50, batch_size=64",
        "Dense(64, activation='relu')",
        "nn.Linear(3, 64)",
        "X.shape is (2000, 3)",
        "sklearn 1.2.3 and python 3.11",
        "upgraded scikit-learn from 0.24 to 1.2",
        "from 2019-01-01 to 2023-12-31",
        "train_test_split(X, y, test_size=0.3, random_state=42)",
        "loss: 0.6931 - accuracy: 0.5010",
        "accuracy went from 60% to 85%",
        "layers 128-64-32",
        'File "train.py", line 42, in <module>',
        "MinMaxScaler(feature_range=(-1, 1))",
        "mean 3 ± 0.5",
        "do binary 0/1 features need scaling?",
        "min_lr = 1e-5 and max_lr = 0.1 for the cyclic schedule",
        "MAX_ITER = 500; MIN_ITER = 10",
        "(3 + 4) / 8 is not a feature",
    ],
)
def test_numbers_in_pasted_code_that_are_not_feature_ranges(text):
    assert ranges(text) == []


def test_a_describe_printout_gives_named_ranges_from_its_min_and_max_rows():
    text = """
              age        income
count  100.000000    100.000000
mean    40.000000  50000.000000
std     10.000000  12000.000000
min     18.000000  12000.000000
25%     30.000000  40000.000000
50%     40.000000  50000.000000
75%     50.000000  60000.000000
max     70.000000  99000.000000
"""
    found = parse_quantities(text).ranges
    assert [(item.name, item.low, item.high, item.source) for item in found] == [
        ("age", 18, 70, "describe"),
        ("income", 12000, 99000, "describe"),
    ]


@pytest.mark.parametrize(
    "text", ["features from 1e-300 to 1e-299", "one is ±1e12, another from −5 to −4", "0 to 1e308", "-1e308 to 1e308"]
)
def test_ranges_the_engine_cannot_solve_still_parse_to_values(text):
    for low, high in ranges(text):
        assert math.isfinite(low) and math.isfinite(high) and low < high


code_like = st.text(alphabet="0123456789.,-+eE ()[]{}=*/:%±$kKM\nabxyminaxcountdtypenp.random(randint)", max_size=400)


@given(code_like)
def test_any_code_like_text_parses_without_error(text):
    quantities = parse_quantities(text)
    for low, high in quantities.range_pairs:
        assert math.isfinite(low) and math.isfinite(high) and low < high
    assert len(quantities.ranges) <= MAX_RANGES


PIECES = (
    "np.arange(", "np.random.randint(", "uniform(", "linspace(", ".reshape(", "U(", "N(", "1e308", "-1e308", "1e-308",
    "1e400", "0", "-1", "255", "0,5", "1,000", ",", ", ", "(", ")", "[", "]", "{", "}", "=", "step=", "size=", "-",
    "–", " to ", "±", "k", "M", "min ", "max ", "count ", "\n", "dtype: float64\n", "<=", "|", "*", "/", "~", "x",
    "y = ", "X = ", "'a': ", "nan", "inf", "age", " ",
)  # fmt: skip


@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join))
def test_any_arrangement_of_code_pieces_parses_without_error(text):
    for low, high in parse_quantities(text).range_pairs:
        assert math.isfinite(low) and math.isfinite(high) and low < high


def test_a_describe_header_with_a_repeated_name_does_not_break_the_reader():
    text = "      count  mean  max  std  min  max\nsqft  5.0  1.0  9.0  1.0  0.5  9.0\nrooms 5.0 2.0 6.0 1.0 1.0"
    assert parse_quantities(text).range_pairs == [[0.5, 9]]


@settings(max_examples=20, deadline=None)
@given(st.text(min_size=1, max_size=50), st.integers(min_value=1_000, max_value=200_000))
def test_a_long_message_parses_without_error(piece, size):
    parse_quantities((piece * (size // len(piece) + 1))[:size])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("inputs are not normalized (values 150:900 for one column)", [[150, 900]]),
        ("xs = [float(i) for i in range(300)] and ys = 2 * xs + 1, why so slow?", [[0, 299]]),
        ("w = 0\nfor i in range(1000): w -= 0.001 * grad(w)\nwhy does it diverge?", []),
        ("MNIST MLP stuck at 30% until I did x_train /= 255, why?", [[0, 255]]),
        ("pixels go 0-255 and I divided them by 255", [[0, 255]]),
        ("two columns: 0,75-1,25 and 150 to 900", [[0.75, 1.25], [150, 900]]),
        ("the batch code divides by 256, shouldn't that be 255?", [[0, 255]]),
        ("tensor += [(df['aX'] + 4) / 8, (df['gX'] + 2000) / 4000]", [[-4, 4], [-2000, 2000]]),
        ("we compute (speed - 10) / 5 before training", [[10, 15]]),
        ("maximus = 23.0  # the largest value\nminimus = 1.0\nreturn (v - minimus) / (maximus - minimus)", [[1, 23]]),
        ("MIN_PIXEL=0 and MAX_PIXEL=255 at start, so it is really dividing by 255", [[0, 255]]),
        ("x = np.divide(images, 255.0) is in every example; why not feed the images raw?", [[0, 255]]),
        ("my fork drops the division by 255 in the loader and accuracy fell", [[0, 255]]),
        ("norm = lambda t: (t - 127.5) / 128.0 runs after the loader", [[0, 255]]),
        ("the loader rescales them into the range [0,1], but the next step expects 0-255", [[0, 255]]),
        ("every flag column holds values of 0 and 1, yet the counter goes from 0 to 99", [[0, 1], [0, 99]]),
        ("the label is either 0 or 1 and the only input spans 5 to 500", [[5, 500]]),
        # the tenth blind group: a range the first one becomes, a range said again after a verb
        ("x/127.5 - 1 makes the intensities go from 0..255 to -1..1 before the first conv", [[0, 255]]),
        ("my features range from 0-1 to 0-1000", [[0, 1], [0, 1000]]),
        (
            "Ages run 17 to 90 and the dummies are 0/1. Should the dummies be left as 0/1, or scaled?",
            [[17, 90], [0, 1]],
        ),
        # a metric's change is not a feature; tables and arrays pasted with rows left out or labelled
        ("The heights go from 150 to 200 cm, and normalizing took my model from 40% to 92% accuracy.", [[150, 200]]),
        (
            "My rows:\n\n      | height | income\n  P1  | 150    | 20000\n  P2  | 181    | 95000\n  ... | ...    | ...\n"
            "  P40 | 201    | 31000\n\nShould I scale?",
            [[150, 201], [20000, 95000]],
        ),
        (
            "```\n         before   after\nRun 1    0.12     310.5\nRun 2    0.48     122.0\nRun 3    0.33     87.25\n```",
            [[0.12, 0.48], [87.25, 310.5]],
        ),
        ("print(X) shows\n[[12]\n [40]\n ...\n [7]\n [95]]\nand the cost is nan", [[7, 95]]),
        # the eleventh blind group: a feature matrix named above its bare rows, one range said again after a verb
        (
            "X_train (4 rows, 3 columns):\n\n  1.0  200  -0.5\n  2.0  340  0.7\n  1.5  260  0.1\n  3.0  410  0.9\n\nwhy NaN?",
            [[1, 3], [200, 410], [-0.5, 0.9]],
        ),
        (
            "The frames arrive in [0, 1]. Couldn't the network deal with [0, 1] inputs? Why prefer [-1, 1] over [0, 1]?",
            [[0, 1]],
        ),
        # a review's: the spread of features, a rating chosen by users, a slash between ranges, a table then its prose
        ("My features go from 0-1 to 0-10000 depending on the column. Do I need scaling?", [[0, 1], [0, 10000]]),
        ("My users choose 1-5 stars for rating, and price ranges 10 to 1000.", [[1, 5], [10, 1000]]),
        ("height/weight: 150-200 / 40-120.", [[150, 200], [40, 120]]),
        ("*age* 0-100, *income* 20k-200k", [[0, 100], [20000, 200000]]),
        ("Why prefer [-1, 1] over [0, 1] when my age feature is 0 to 100?", [[0, 100]]),
        (
            "X_train (4 rows, 2 columns):\n1 200\n2 300\n3 250\n4 210\nSo age is 1 to 4 and the other is 200 to 300.",
            [[1, 4], [200, 300]],
        ),
    ],
)
def test_ranges_written_the_way_people_write_them(text, expected):
    assert parse_quantities(text).range_pairs == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a goes from 1 to 1040 and b runs from 1040 down to 1", [[1, 1040], [1, 1040]]),
        ("the first one is -600 to 200 and the coefficients are -20 to 20 for the rest", [[-600, 200], [-20, 20]]),
        ("size 0-2000 and rooms 1-5; we divide them by 2000 and 5 so both are 0..1", [[0, 2000], [1, 5]]),
        ("it only learns if I scale the pixels by 255 first", [[0, 255]]),
        ("x / 255.0 makes it fail: with inputs in 0..1 instead of 0-255 is the lr too small?", [[0, 255]]),
        ("my pixels are already in [0, 1] after dividing by 255; why subtract the mean too?", [[0, 1]]),
    ],
)
def test_ranges_said_backwards_for_the_rest_or_as_a_division(text, expected):
    assert ranges(text) == expected


def test_rows_of_numbers_take_their_names_from_the_list_above_and_the_price_is_the_target():
    text = "Rows like this (area, rooms, age, price):\n\n  80 3 31 310000\n  120 4 12 455000\n  60 2 45 199000\n\nWhy?"
    found = parse_quantities(text)
    assert [(item.name, item.low, item.high) for item in found.ranges] == [
        ("area", 60, 120),
        ("rooms", 2, 4),
        ("age", 12, 45),
    ]
    assert found.table is not None and found.table.target_name == "price"


def test_a_column_the_post_says_it_predicts_is_the_target_whatever_its_name():
    text = "I predict weight from these:\n\nheight  age  weight\n150  20  50\n180  40  80\n170  30  70\n"
    found = parse_quantities(text)
    assert [item.name for item in found.ranges] == ["height", "age"]
    assert found.table is not None and found.table.target_name == "weight"


def test_rows_pasted_as_objects_give_one_range_per_key_and_leave_the_output_out():
    text = (
        "net.train([\n  { input: { rooms: 2, sqft: 1421 }, output: { cost: 1692 } },\n"
        "  { input: { rooms: 3, sqft: 1545 }, output: { cost: 1809 } },\n]);\n"
        "It prints { cost: 0 } almost every time, once { cost: 1809.9 }."
    )
    assert [(item.name, item.low, item.high) for item in parse_quantities(text).ranges] == [
        ("rooms", 2, 3),
        ("sqft", 1421, 1545),
    ]


def test_brace_rows_and_input_lists_are_columns():
    assert ranges("readings like\n{540,131,48},\n{624,167,63},\n{736,224,96}, ...\nWhy?") == [
        [540, 736],
        [131, 224],
        [48, 96],
    ]
    assert ranges("{ input: [1], output: [1] }, { input: [2], output: [4] }, { input: [3], output: [6] }") == [[1, 3]]


def test_a_statistics_table_gives_each_rows_min_and_max_and_the_choices_after_it_are_not_features():
    text = (
        "Stats:\n\nVariable  Min   Max    Mean\nspeed     -36.2  38.6   0.7\npressure  91957  107592 101449\n\n"
        "Should I map each one to a fixed range with min/max, [-1, 1] or [0, 1]?"
    )
    found = parse_quantities(text)
    assert [(item.name, item.low, item.high) for item in found.ranges] == [
        ("speed", -36.2, 38.6),
        ("pressure", 91957, 107592),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("input = torch.tensor([x for x in range(1, 4000)])", [[1, 3999]]),
        ("the data is x_i = i for i = 0, 1, ..., 999", [[0, 999]]),
        ("const input = parseInt(random(0, 300));   // somewhere from 0 to 300", [[0, 300]]),
        ("x = torch.rand(100, 1) * 10      # values between 0 and 10", [[0, 10]]),
        ("color_mean = [0.4404, 0.4440, 0.4327]\nso they end up roughly in [-0.44, 0.56]?", []),
    ],
)
def test_ranges_in_code_sequences_and_comments(text, expected):
    assert ranges(text) == expected


@pytest.mark.parametrize(
    "table",
    [
        "| Feature | Min | Max |\n|---|---|---|\n| age | 18 | 60 |\n| income | 20000 | 200000 |\n",
        "feature,minimum,maximum,mean\nage,18,60,40\nincome,20000,200000,50000\n",
    ],
)
def test_a_statistics_table_in_markdown_or_csv_gives_each_rows_range(table):
    found = parse_quantities(f"My columns:\n\n{table}\nWhy scale?")
    assert [(item.name, item.low, item.high) for item in found.ranges] == [("age", 18, 60), ("income", 20000, 200000)]


def test_a_numpy_target_beside_the_inputs_is_not_a_feature():
    text = (
        "a = np.arange(1, 11)\n"
        "b = np.arange(1000, 10001, 1000)\n"
        "target = np.arange(1001, 10002, 1000)\n"
        "Do the inputs need scaling before my LSTM?"
    )
    assert parse_quantities(text).range_pairs == [[1, 10], [1000, 10000]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the target's clause has its own range; the clause after ", and" is the input's
        ("There are 200 readings of y, from 1.5 to about 9, and 200 readings from 40 to 700 in X. NaN?", [[40, 700]]),
        # with no range of its own before ", and", the target still claims the values that follow
        ("I predict rents, and the values go from 300 to 4000; must I scale them?", []),
        ("x goes from 2 to 8, and the target from 0 to 10", [[2, 8]]),
    ],
)
def test_a_clause_joined_by_and_after_the_targets_range_keeps_its_own_range(text, expected):
    assert parse_quantities(text).range_pairs == expected


def test_a_target_named_range_alone_is_still_read():
    assert parse_quantities("y = np.linspace(0, 500, 100), should I scale it?").range_pairs == [[0, 500]]


@pytest.mark.parametrize("name", ["ty", "train_y", "y_train", "labels"])
def test_pasted_targets_by_their_usual_names_are_not_features(name):
    text = f"tx = np.array([[2, 10], [3, 40], [5, 70]])\n{name} = np.array([[-1], [-4], [-9]])\nwhy no convergence?"
    assert parse_quantities(text).range_pairs == [[2, 5], [10, 70]]


def test_values_of_a_target_written_as_a_formula_are_not_a_feature():
    text = "My inputs are x = 0, 1, ..., 49 and the outputs y = 3x (0, 3, ..., 147). Why does it diverge?"
    assert parse_quantities(text).range_pairs == [[0, 49]]


@pytest.mark.parametrize(
    "target",
    [
        "labels = 2 * a + np.random.rand(200)",
        "y_train = (0.5 * np.stack([a, b]).sum(axis=0) + np.random.uniform(-1, 1, 200))",
        "target = 4 - b * 0.01 + np.random.normal(0, 0.1, 200)",
    ],
)
def test_a_random_term_in_the_targets_expression_is_its_noise_not_a_feature(target):
    text = f"a = np.random.uniform(0, 5, 200)\nb = np.random.uniform(0, 500, 200)\n{target}\nwhy is SGD so slow here?"
    quantities = parse_quantities(text)
    assert quantities.range_pairs == [[0, 5], [0, 500]]
    assert quantities.distributions == ()


def test_a_random_feature_whose_name_is_not_a_target_is_still_read_in_an_expression():
    text = "x1 = np.random.rand(100)\nx2 = 1000 * np.random.rand(100)\ny = x1 + x2 + np.random.randn(100)\nscale?"
    assert parse_quantities(text).range_pairs == [[0, 1], [0, 1000]]


def test_bare_rows_after_the_post_says_inputs_and_response_end_with_the_target():
    text = (
        "My file has three features plus the target, no header:\n\n"
        "    2,40,0.5,10\n    4,10,0.1,12\n    6,90,0.3,30\n    3,20,0.9,11\n\n"
        "and the rows I want predictions for:\n\n    5,50,0.2\n    7,60,0.4\n    1,30,0.6\n\nWhy is it stuck?"
    )
    quantities = parse_quantities(text)
    assert quantities.range_pairs == [[2, 6], [10, 90], [0.1, 0.9]]  # the rows to predict are not data
    assert quantities.table.target == (10, 12, 30, 11)


def test_bare_rows_without_a_response_named_are_not_a_table():
    text = "epoch times:\n    1,20,33\n    2,21,35\n    3,19,36\nis this slow?"
    assert parse_quantities(text).table is None


def test_a_column_the_post_builds_from_the_others_is_the_target():
    text = "p,q,r\n1,10,23\n2,30,67\n3,20,48\n4,50,111\nI generated r as 2*q + p + 2, so why is the fit off?"
    quantities = parse_quantities(text)
    assert quantities.range_pairs == [[1, 4], [10, 50]]
    assert quantities.table.target_name == "r"


def test_a_column_set_to_a_plain_number_stays_a_feature():
    text = "p,q,r\n1,10,23\n2,30,67\n3,20,48\nr is 2 + 3 on average; should I scale?"
    assert parse_quantities(text).range_pairs == [[1, 3], [10, 30], [23, 67]]


def test_a_range_in_the_prose_and_again_in_the_code_below_is_one_feature():
    text = "x goes 0, 1, ..., 99 and I build it like this:\n\n    xs = list(range(100))\n\nSlow training, why?"
    assert parse_quantities(text).range_pairs == [[0, 99]]


def test_the_first_terms_of_a_written_sequence_are_not_a_list_of_their_own():
    assert parse_quantities("x = 0, 0.5, 1.0, ..., 20, one input only; should I scale?").range_pairs == [[0, 20]]


def test_the_range_values_are_normalized_to_is_not_a_feature_range_even_far_after_the_verb():
    text = (
        "Did you normalize the pixel values of the training data to 0-1, rather than keeping the pixel values of 0-255?"
    )
    assert parse_quantities(text).range_pairs == [[0.0, 255.0]]


def test_a_range_scaled_from_another_range_is_what_it_was_and_a_summarys_min_and_max_are_one():
    libsvm = "the first attribute was scaled from [-10, +10] to [-1, +1], and the test attribute lies in [-11, +8]"
    assert parse_quantities(libsvm).range_pairs == [[-10.0, 10.0], [-11.0, 8.0]]
    summary = "mean x = 119.94\nmin x = 0\nQ1 x = 16.45\nmax x = 27840\nHow do I get this input into a 0 - 1 range?"
    assert parse_quantities(summary).range_pairs == [[0.0, 27840.0]]


def test_a_list_after_a_colon_that_names_the_outputs_is_the_targets_ranges():
    text = (
        "All seven inputs vary within a small range 0-0.3, and I'm happy to normalise those. The 3 outputs are the"
        " trouble: one varies over 200-20000, the second over 100-300 and the\nthird over 20-70."
    )
    assert parse_quantities(text).range_pairs == [[0.0, 0.3]]


def test_scaled_to_does_not_reach_across_a_sentence_end():
    """ "…I'd expect scale to matter. My data has columns between 0-100": the "to" belongs to another sentence."""
    text = "Boosting penalizes large errors, so I'd expect scale to matter. My data has columns between 0-100 and some between 1000 and 9999."
    assert parse_quantities(text).range_pairs == [[0.0, 100.0], [1000.0, 9999.0]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "smoker and married are both binary, income runs 0-200000",
            [("smoker", 0, 1), ("married", 0, 1), ("income", 0, 200000)],
        ),
        (
            "is_new, has_pool and garage are 0/1; price 50000 to 900000",
            [("is_new", 0, 1), ("has_pool", 0, 1), ("garage", 0, 1), ("price", 50000, 900000)],
        ),
        (
            "two binary features (smoker, married) and an income of 0-200000",
            [("smoker", 0, 1), ("married", 0, 1), ("income", 0, 200000)],
        ),
        ("x1 and x2 are 0/1 while x3 is 0 to 1e6", [("x1", 0, 1), ("x2", 0, 1), ("x3", 0, 1e6)]),
        # a plural's "s" and an article are no names: "binary inputs and a price" once gave features "s" and "a"
        ("binary inputs and a price from 0 to 1000", [("price", 0, 1000)]),
        ("binary features x and z, and a price 0 to 10", [("x", 0, 1), ("z", 0, 1), ("price", 0, 10)]),
        # the list ends at a target: the flags before it stay
        (
            "smoker, married and target are binary; income 0 to 9000",
            [("smoker", 0, 1), ("married", 0, 1), ("income", 0, 9000)],
        ),
    ],
)
def test_flags_named_together_are_each_a_zero_one_feature(text, expected):
    ranges = parse_quantities(text).ranges
    assert [(item.name, item.low, item.high) for item in ranges] == expected


def test_targets_called_binary_are_not_features():
    ranges = parse_quantities("the labels and predictions are both binary; rooms go from 1 to 9").ranges
    assert all(item.name not in ("labels", "predictions") for item in ranges)


def test_a_pasted_column_that_never_changes_is_named_in_a_note_and_left_out():
    text = "Should I scale these?\nspeed = [12, 40, 33, 27]\nlane = [4, 4, 4, 4]\nload = [900, 1500, 1200, 1000]"
    quantities = parse_quantities(text)
    assert [item.name for item in quantities.ranges] == ["speed", "load"]
    assert [(item.name, item.low) for item in quantities.constant_columns] == [("lane", 4)]
    assert any(problem.startswith("lane is 4 in every row you pasted") for problem in quantities.problems)


def test_a_column_of_ones_is_the_bias_the_learner_added_and_draws_no_note():
    quantities = parse_quantities("X = [[1, 5, 200], [1, 7, 450], [1, 2, 300]] should I normalize?")
    assert quantities.constant_columns == () and quantities.problems == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x_1 ∈ [0, 1], x_2 ∈ [0, 1000]", [("x_1", 0, 1), ("x_2", 0, 1000)]),
        ("feature A ranges 0.001 to 0.01 and feature B 100 to 1000", [("A", 0.001, 0.01), ("B", 100, 1000)]),
        ("col A: 0.1-0.9 | col B: 10-90", [("A", 0.1, 0.9), ("B", 10, 90)]),
        (
            "temperature from -30°C to 45°C and pressure from 950 to 1050",
            [("temperature", -30, 45), ("pressure", 950, 1050)],
        ),
        ("temperature between -5 °C and 40 °C, humidity 10-90%", [("temperature", -5, 40), ("humidity", 10, 90)]),
        ("age (years): 0 to 100; salary (USD): 0 to 1M", [("age", 0, 100), ("salary", 0, 1e6)]),
    ],
)
def test_names_and_units_as_people_write_them(text, expected):
    ranges = parse_quantities(text).ranges
    assert [(item.name, item.low, item.high) for item in ranges] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "# domain\nx_lo, x_hi = 0.0, 0.5\ntime_start, time_end = 0, 60\nrho, cp = 7800, 450",
            [(None, 0, 0.5), ("time", 0, 60)],
        ),
        ("income_low, income_high = (0, 2e5) and lr_min, lr_max = 1e-5, 1e-1", [("income", 0, 2e5)]),
        (
            "heart_rate_lo, heart_rate_hi = 40, 180\ngrade_min, grade_max = 0, 100",
            [("heart_rate", 40, 180), ("grade", 0, 100)],
        ),
        ("bmi goes from 18 to 40; the other predictors have odds ratios between 0.5 and 5", [("bmi", 18, 40)]),
    ],
)
def test_bounds_assigned_in_pairs_are_a_range_and_ratios_of_a_fitted_model_are_not(text, expected):
    ranges = parse_quantities(text).ranges
    assert [(item.name, item.low, item.high) for item in ranges] == expected


def test_rows_wrapped_in_calls_with_row_numbers_give_one_range_per_column():
    text = (
        "points = session.table([(0, Vec.dense([2.0, 40.0, -3.0]),),\n"
        "                        (1, Vec.dense([4.0, 90.0, -1.0]),),\n"
        "                        (2, Vec.dense([3.0, 60.0, -2.0]),)], ['id', 'x'])"
    )
    assert parse_quantities(text).range_pairs == [[2, 4], [40, 90], [-3, -1]]
    assert parse_quantities("rows = [np.array([1, 200]), np.array([5, 800])]").range_pairs == [[1, 5], [200, 800]]


def test_a_columns_values_on_its_own_line_give_its_range_under_its_name():
    quantities = parse_quantities("My inputs:\n  pressure >> 870 905 880 ...\n  ratio >> 0.3 0.35 0.41 ...\n")
    assert [(item.name, item.low, item.high) for item in quantities.ranges] == [
        ("pressure", 870, 905),
        ("ratio", 0.3, 0.41),
    ]
    assert parse_quantities("age: 23, 41, 35, 62\nincome: 1200 5400 3100").range_pairs == [[23, 62], [1200, 5400]]


def test_printed_losses_settings_and_the_target_on_their_own_lines_are_not_features():
    text = "loss: 0.91 0.72 0.55\nacc: 0.4 0.6 0.7\nepochs: 10 20 30\ny: 3 5 9"
    assert parse_quantities(text).range_pairs == []


def test_a_range_in_degrees_written_with_a_hyphen_keeps_both_ends():
    quantities = parse_quantities("angle 0°-360° and depth 5-300")
    assert quantities.range_pairs == [[0, 360], [5, 300]]
    assert quantities.ranges[0].name == "angle"
    assert parse_quantities("temperatures -10°-40° then").range_pairs == [[-10, 40]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the thirteenth blind group's shapes, in our words: R's seq(), a range written as a call in prose, floats
        # with a bare point in a search space's bounds
        ("dose <- seq(5, 250, by = 5); X <- cbind(1, dose, dose^2) is singular in solve()", [[5, 250]]),
        ("pressure is searched within range(-5, -1) and flow over range(2, 12); rescale both?", [[-5, -1], [2, 12]]),
        ("space = {'a': (-5., 5.), 'b': (0., 2000.)} for the optimizer: normalize the domains?", [[-5, 5], [0, 2000]]),
        ("for k in range(3, 9): print(k)", []),
        ("then squash both to range(-1, 1)", []),
    ],
)
def test_ranges_written_as_calls_and_tuples_in_code_and_prose(text, expected):
    assert parse_quantities(text).range_pairs == expected


@pytest.mark.parametrize(
    "text",
    [
        # a review's: settings searched, counted runs, tests and loops written with range() or seq() are not features
        "I tried k in range(2, 11) for KNN; should I scale the features first?",
        "I grid-searched n_estimators in range(10, 200) and max_depth in range(2, 8); scale?",
        "I averaged over range(0, 10) random seeds; does scaling matter?",
        "x not in range(0, 10) should be clipped",
        "for each value in range(0, 10) do",
        "for (k in seq(1, 20)) { knn(k = k) }",
    ],
)
def test_settings_counts_tests_and_loops_written_as_ranges_are_not_features(text):
    assert parse_quantities(text).range_pairs == []


def test_an_r_sequence_with_a_step_ends_at_the_last_value_it_reaches():
    assert parse_quantities("x <- seq(0, 1, by = 0.3)").range_pairs == [[0, 0.9]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # angles in radians, written with π or pi (the fifteenth blind group's heading angle, in our words)
        (
            "The yaw feature runs from -π to π and speed from 0 to 30. Scale the angle too?",
            [[-3.1416, 3.1416], [0, 30]],
        ),
        ("phase in [0, 2*pi], amplitude 0-5: encode phase as sin and cos?", [[0, 6.2832], [0, 5]]),
        ("the pitch goes -pi/2 .. pi/2", [[-1.5708, 1.5708]]),
        ("my target is sin(2πx) for x from 0 to 1", [[0, 1]]),
        # a network's size, with a word between the numbers and "units", is not a feature
        ("two hidden layers of 32-64 relu units, inputs 0-1 and 0-1000", [[0, 1], [0, 1000]]),
        # ranges to scale to, one after another, and the range a learner asks for, are not what the data holds
        ("My readings go from 0 to 4095. Should they be normalized to [0,1] or [-1,1]?", [[0, 4095]]),
        ("The samples are int16, -32768 to 32767. Shouldn't they be float32 in [-1, 1]?", [[-32768, 32767]]),
        ("x = [2, 4, 6, 8] and I use x/8, and everything sits in [0, 1]. Fine?", [[2, 8]]),
        # one feature said twice, the second time with a longer name
        ("but the pixels are 0 to 255? Image pixels go from 0 to 255, so the mean should be 127.5.", [[0, 255]]),
        # … but not two features, and the new rules leave real features alone (a review's probes)
        ("Age is 0 to 100. Parent age is 0 to 100.", [[0, 100], [0, 100]]),
        ("The city has 200-3000 housing units and patients take 2-20 insulin units per day", [[200, 3000], [2, 20]]),
        (
            "Should these be treated differently, since age is in 0 to 100 and income is in 0 to 1e6?",
            [[0, 100], [0, 1e6]],
        ),
        ("I log-transformed income, but the other two I left alone and they range from 0 to 500.", [[0, 500]]),
        ("The angle takes the values 0, π/2, π and 3π/2 only.", []),
        ("values from 10 to 2pi", []),
        ("the joint angle is between 0 and pi, the torque between -5 and 5", [[0, 3.1416], [-5, 5]]),
    ],
)
def test_angles_sizes_chosen_ranges_and_a_feature_said_twice(text, expected):
    assert ranges(text) == expected


def test_bare_rows_whose_first_columns_the_post_calls_the_inputs():
    """A wide gap before a minus sign separates columns (it is no range's dash), and "the first two columns are
    the inputs" makes the rest targets."""
    text = (
        "Rows from my log (the first two columns are inputs, the other three are the synth settings):\n\n"
        "    0.51    -0.20   40  0.5  7\n"
        "    -0.03   -0.98   40  0.5  9\n"
        "    0.77    0.12    81  0    4\n"
    )
    quantities = parse_quantities(text)
    assert quantities.range_pairs == [[-0.03, 0.77], [-0.98, 0.12]]
    assert quantities.table is not None and quantities.table.target == (40.0, 40.0, 81.0)


def test_a_squared_column_a_named_target_and_a_difference_in_a_formula():
    """A quiz's table: midterm, its square, and the final "as target"; "(5184 - 6675.5) / …" is arithmetic."""
    text = (
        "Midterm and its square as features, final score as target:\n\n"
        "    midterm  midterm^2  final\n"
        "    89       7921       96\n"
        "    72       5184       74\n"
        "    69       4761       78\n\n"
        "The notes give (5184 - 6675.5) / (8836 - 4761). Where does 6675.5 come from?"
    )
    quantities = parse_quantities(text)
    assert quantities.range_pairs == [[69, 89], [4761, 7921]]
    assert quantities.table is not None and quantities.table.target_name == "final"


def test_a_list_of_true_coefficients_is_not_a_feature():
    """`true_coeffs = np.array([2.5, 3.7, -1.2])` beside the data it generates: the model's weights, not an input."""
    text = "true_coeffs = np.array([2.5, 3.7, -1.2])\nX = np.random.rand(1000, 3)\ny = X @ true_coeffs"
    assert parse_quantities(text).range_pairs == [[0, 1], [0, 1], [0, 1]]


@pytest.mark.parametrize(
    ("code", "columns"),
    [
        ("X = np.random.rand(500, 2)", [[0, 1], [0, 1]]),
        ("features = torch.rand(32, 3) * torch.tensor([2.0, 40.0, 900.0])", [[0, 2], [0, 40], [0, 900]]),
        ("X = np.random.random((200, 2)) * np.array([1, 5000]) + 10", [[10, 11], [10, 5010]]),
        ("X = rng.uniform(-1, 1, size=(300, 2)) * 3", [[-3, 3], [-3, 3]]),
        ("data = np.random.randint(1, 7, (60, 3))", [[1, 7], [1, 7], [1, 7]]),
        ("W = np.random.rand(784, 256)", [[0, 1]]),  # a weight matrix's 256 columns are not features to list
    ],
)
def test_a_drawn_matrix_gives_one_range_per_column(code: str, columns: list[list[float]]) -> None:
    """A draw shaped (rows, columns) describes that many features; a list of factors after it scales each one."""
    assert parse_quantities(code).range_pairs == columns


def test_a_table_with_row_names_grouped_thousands_and_percentages_gives_its_columns():
    """Rows named by a letter or a word, header names with spaces, "12,500" and "4.5%" as people print them."""
    text = (
        "My shop's data, one row per store:\n\n"
        "    store     visitors  rent (usd)  yearly revenue  return rate\n"
        "    north     1,250     3,400       1,905,000       4.5%\n"
        "    harbor    310       9,800       640,000         11.25%\n"
        "    mall      5,020     12,000      7,310,500       2.0%\n\n"
        "Does revenue swamp the return rate in the model? If revenue doubles from 1 million to 2 million, the gap is huge."
    )
    found = parse_quantities(text)
    assert [(item.name, item.low, item.high) for item in found.ranges] == [
        ("visitors", 310, 5020),
        ("rent (usd)", 3400, 12000),
        ("yearly revenue", 640000, 7310500),
        ("return rate", 2.0, 11.25),
    ]


def test_a_range_to_rescale_to_is_not_a_feature_even_when_hedged():
    text = "Age runs 18 to 90 and income 0.5 to 3. Do we rescale both to something like [-1, 1], and why?"
    assert ranges(text) == [[18, 90], [0.5, 3]]


def test_a_range_said_again_after_a_conversion_is_the_result_not_a_feature():
    text = "Rates go from 0 to 100, and the counts I turned into shares with value/max, so all of them now run from 0 to 100%."
    assert ranges(text) == [[0, 100]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a drawn target's columns are not features; a 1-D draw times a list is one range
        ("X = np.random.rand(200) * 40\ny = np.random.rand(200, 2) * 900", [[0, 40]]),
        ("x = np.arange(0, 3) * [1, 10, 100]", [[0, 2]]),
        # factors that cannot be read, or more arithmetic after them: the columns are unknown, not equal
        ("X = np.random.rand(50, 3) * [1, 2, k]", []),
        ("X = np.random.rand(50, 3) * [1, 10]", []),
        ("X = np.random.rand(50, 3) * [1, 10, 100] / 2", []),
        ("X = np.random.rand(50, 3) * np.array([[1, 10, 100]])", [[0, 1], [0, 10], [0, 100]]),
        ("X = torch.rand(8, 2) * torch.tensor([3, 30], dtype=torch.float32) + 1", [[1, 4], [1, 31]]),
        ("X = np.random.rand(8, 2) * [-2, 2]", [[-2, 0], [0, 2]]),
        ("X = torch.randint(100, (16, 2))", [[0, 100], [0, 100]]),
        ("keep = np.random.rand(16, 4) > 0.5", [[0, 1]]),  # a mask, not four features
        # a toy matrix of many equal columns does not crowd out the post's own features
        (
            "X = np.random.rand(300, 12)\nMy real data: age 18 to 90 and income 0 to 500000.",
            [[0, 1], [18, 90], [0, 500000]],
        ),
        # a Markdown bullet's `*` is not a multiplication
        ("Two features:\n* [2, 4, 6, 8]\n* [100, 900, 4000]", [[2, 8], [100, 4000]]),
        # tables whose rows are runs or features, not samples
        ("run        accuracy  f1\nraw        0.71      0.66\nscaled     0.92      0.90", []),
        # hedges and negations around a feature's own range
        ("Honestly my features are in like 0 to 800 and 0 to 2.", [[0, 800], [0, 2]]),
        ("Nothing is scaled yet, so the price runs from 0 to 90000 and rooms from 1 to 8.", [[0, 90000], [1, 8]]),
        ("The columns are doubles ranging from 0 to 1e5 and ints from 1 to 7.", [[0, 100000], [1, 7]]),
    ],
)
def test_code_tables_and_context_read_as_a_reviewer_expects(text: str, expected: list[list[float]]) -> None:
    """Shapes a review of the per-column and table readers found misread, each in our own words."""
    assert parse_quantities(text).range_pairs == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("X = np.random.rand(500, 2)\nX[:, 1] *= 2000", [[0, 1], [0, 2000]]),
        ("X = np.random.rand(500, 3)\nX[:, 0] = X[:, 0] * 4\nX[:, -1] += 10", [[0, 4], [0, 1], [10, 11]]),
        ("X = np.random.rand(500, 2)\nX[:, 1] = W[:, 1] * 2000", [[0, 1], [0, 1]]),  # another array's column
        ("A = np.random.rand(500, 2)\nB[:, 1] *= 2000", [[0, 1], [0, 1]]),  # a variable no draw assigned
    ],
)
def test_a_column_edited_after_the_draw_takes_its_new_range(code: str, expected: list[list[float]]) -> None:
    """The tutorial's way to make one feature large: draw equal columns, then multiply one of them."""
    assert parse_quantities(code).range_pairs == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("depth = (double(raw) - 400) / (1500 - 400) * 255", [[400, 1500]]),
        ('df["age"] = (df["age"] - 18) / (90 - 18)', [[18, 90]]),
        ("(x - 5) / (3 - 5)", []),  # not a minimum below a maximum
        ("The key gives (5184 - 6675.5) / (8836 - 4761) as the answer.", []),  # arithmetic, no variable
    ],
)
def test_min_max_scaling_written_with_its_constants_gives_the_range(code: str, expected: list[list[float]]) -> None:
    assert parse_quantities(code).range_pairs == expected


@pytest.mark.parametrize(
    "text",
    [
        "Why do the components of an input vector have to fall between 0 and 1?",
        "Should each connection provide a continuous value between 0 and 1?",
        "Out of range [0,1] MinMaxScaler for test data",
    ],
)
def test_a_verb_or_an_adjective_before_a_range_is_not_the_features_name(text):
    assert [(item.name, item.low, item.high) for item in parse_quantities(text).ranges] == [(None, 0, 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # MATLAB's start:step:stop ending at pi, or a multiple of it
        ("trained on X = 0:0.1:pi with d = cos(X)", [[0, math.pi]]),
        ("t = 0:0.01:2*pi; y = sin(t)", [[0, 2 * math.pi]]),
        # a colon range in brackets, transposed into a column, then the same input said again with a tilde
        ("X = (0:1023)'\npolyfit(X, Y, 5)\nnow X= 0~255", [[0, 1023], [0, 255]]),
        ("for k = (1:10)\n  disp(k)\nend", []),
        # a bracketed range rescaled at once is not the values the input holds; a ratio or a clock in brackets is none
        ("t = (0:999)*0.001; x = sin(t)", []),
        ("x = (0:1023)'/1023; y = sin(x)", []),
        ("x = [1:10]/10", []),
        ("x = [0:10]-5", []),
        # positions picked from a table are no values
        ("cols = [3:7]; X = data(:, cols)", []),
        ("mix the two with a = (1:2) ratio", []),
        ("the meeting is at t = (10:30) tomorrow", []),
        # a network's layer sizes are not a feature's values, nor is a course's lesson number a range
        ("MATLAB: layers j=[4,3,1], tanh units, inputs X = 0:0.5:10", [[0, 10]]),
        ("(Course Q&A, lesson 11-3) my features go from 0 to 1", [[0, 1]]),
    ],
)
def test_matlab_ranges_to_pi_and_numbers_that_only_identify_something(text, expected):
    found = parse_quantities(text).range_pairs
    assert [pair for pair in found] == [pytest.approx(pair) for pair in expected]


@pytest.mark.parametrize(
    ("text", "noted"),
    [
        ("The std is 0 for one column of my test sample, so the z-scores are NaN. Why?", True),
        ("I get a division by zero when I standardize a single sample at inference", True),
        ("my feature's std is 0.5 and its mean 3; should I standardize?", False),
    ],
)
def test_a_zero_standard_deviation_the_post_raises_gets_its_guard(text, noted):
    from explainer.chat.reading.numbers import ZERO_SPREAD_NOTE

    assert (ZERO_SPREAD_NOTE in parse_quantities(text).problems) is noted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a set written with braces is a column of values; what it becomes after scaling is not another feature
        ("Take A = {-4, -1, 0, 2, 5}. After z-scoring it becomes {-1.4, -0.5, -0.1, 0.5, 1.4}", [[-4, 5]]),
        # pixels divided by their bit depth's ceiling, or by half of it and shifted to -1..1: the raw span
        ("My scans are uint16 and I divide by 65535 before the CNN", [[0, 65535]]),
        ("the 12-bit frames go in as x / 4096", [[0, 4095]]),
        ("I scale with (pixel / 127.5) - 1 so the inputs sit in -1..1", [[0, 255]]),
        ("I changed the scaling from (pixel / 127.5) - 1 to (pixel / 32768) - 1 for the 16-bit TIFFs", [[0, 65535]]),
        ("Dividing by 65535 (the max) turns the plot black; the values range from 1 to 65535", [[1, 65535]]),
        ("is lr / 10 - 1 a sensible schedule?", []),
        ("img = tf.cast(img, tf.float32) / 127.5 - 1", [[0, 255]]),
        # where the values would land after a change is not what they hold; a change "from … to" says what they are now
        (
            "The model takes input in the range (0,256). If I change the input range to (-1,1) or (0,1), does PSNR move?",
            [[0, 256]],
        ),
        ("switch the inputs to [-1, 1] and age is 18 to 90", [[18, 90]]),
        ("I changed the ages from 0-10 to 0-100 and it broke", [[0, 100]]),
        ("my signal changes between -5 and 5 and the other from 0 to 1", [[-5, 5], [0, 1]]),
        ("lr / 127.5 - 1 and age 3 to 7", [[3, 7]]),
        # 4096 and 65536 are batch, vocabulary and FFT sizes too: their divisions are pixels only beside images
        ("For my 16-bit image model, lr = 0.1 / 4096 and age goes 3 to 70", [[3, 70]]),
        ("16-bit images; I divide the loss by 4096, and age goes 3 to 70", [[3, 70]]),
        ("I split audio into 8 frequency bands and divide the spectrum by 4096 (FFT size)", []),
        # … and a named division by 4096 away from images is the named input's own range
        ("To normalize the inputs I use voltage divided by 4096, and temperature goes 3 to 70", [[0, 4096], [3, 70]]),
        # an index's arithmetic, or more arithmetic after the shift, is not a pixel scaling
        ("mid = n / 2 - 1 and x ranges 5 to 10", [[5, 10]]),
        ("out = (x / 128 - 1) * 5 and x from 5 to 10", [[5, 10]]),
        ("hop = n_fft / 2048 - 1", []),
        # a range said of y in its own clause is the target's; x and y named together as inputs are both features
        ("My x values are the integers 1 to 24 and y is x + 2 (so 3 to 26). Why NaN?", [[1, 24]]),
        ("x goes from 1 to 24, y from 3 to 26", [[1, 24]]),
        ("x runs from 1 to 1040, y runs from 1040 down to 1, and z = x + y", [[1, 1040], [1, 1040]]),
        ("x and y coordinates go from 0 to 100 and 0 to 50", [[0, 100], [0, 50]]),
        # only a clause that opens on y; a word ending in y is not y; fit(X, y) names y the target
        ("y is continuous while x ranges from 0 to 1000 and z from 0 to 1", [[0, 1000], [0, 1]]),
        (
            # the 40 characters before the range start inside "salary" ("… salar|y is …")
            "Age goes from 18 to 90 years. Our monthly salary is typically what I'd have guessed so 500 to 9000",
            [[18, 90], [500, 9000]],
        ),
        # ("… |y is …": the 40 characters start on y itself, a whole word, which stays)
        ("My x goes from 1 to 24 and y is pretty much what we had guessed so 3 to 26", [[1, 24]]),
        ("points x, y range from 0 to 100 and z from 5 to 9", [[0, 100], [5, 9]]),
        ("X goes from 1 to 24 and y from 3 to 26. model.fit(X, y) gives NaN", [[1, 24]]),
        # a printed column after "->" is what the call returned (fitted weights), not more data
        ("x = np.array(range(1, 101))\nfit(x, y, theta, 1e-5, 2000) -> [[1.0168, 0.5], [0.8094, 0.7]]", [[1, 100]]),
        # … but a printed array after "->" is data
        ("print(X) -> [[1, 200], [2, 300], [3, 900]]", [[1, 3], [200, 900]]),
        ("train_test_split(X) -> [[1, 200], [2, 300], [3, 900]]", [[1, 3], [200, 900]]),
        ("x = np.array(range(1, 101))\nmodel.fit(np.array(x), y) -> [[1.0168, 0.5], [0.8094, 0.7]]", [[1, 100]]),
        ("x = np.array(range(1, 101))\nprint(theta) -> [[1.0168, 0.5], [0.8094, 0.7]]", [[1, 100]]),
        # two of a listed set's values named as a stretch ("10 to 12 bunch up") are part of that feature
        ("part lengths take values {10, 11, 12, 5000, 5001, 90000}; min-max puts 10 to 12 in one spot", [[10, 90000]]),
        # beside a one-hot vector, a bracketed pair is another vector, not a range
        ("age goes 18 to 90; colour is coded red = [1, 0] and blue = [0, 1]", [[18, 90]]),
        # two named flags are features of their own, even with nothing else beside them
        ("treated and smoker are both binary. Should I centre them before putting priors on them?", [[0, 1], [0, 1]]),
        # what dividing makes of the values, and the values after scaling that fall outside the fitted range
        ("The repo feeds scans in [-1, 1] by dividing by 127.5 and subtracting 1. Why not keep 0-255?", [[0, 255]]),
        (
            "Train rows span 5 to 50 and test rows 0 to 60; scaled, the test set lands outside that range, roughly"
            " [-0.11, 1.22]",
            [[5, 50], [0, 60]],
        ),
    ],
)
def test_sets_vectors_flags_and_what_a_transform_makes_of_the_values(text, expected):
    assert parse_quantities(text).range_pairs == [pytest.approx(pair) for pair in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I raised max_iter from the default 1000 to 2000 and it still warns. My features go 0-1 and 1-1000",
            [[0, 1], [1, 1000]],
        ),
        ("the 95% confidence interval is 0.2 to 0.9 for the age coefficient; age spans 18 to 90", [[18, 90]]),
        ("CI [0.12, 0.48] for the slope; income spans 10k-200k", [[10_000, 200_000]]),
    ],
)
def test_a_setting_changed_and_an_interval_are_not_features_but_the_next_clause_is(text, expected):
    assert parse_quantities(text).range_pairs == [pytest.approx(pair) for pair in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # R's and NumPy's π as a draw's bounds
        ("X <- runif(200, -pi, pi); Y <- sin(X) + rnorm(200, 0, .05)", [[-math.pi, math.pi]]),
        ("angles = np.random.uniform(0, 2*np.pi, 500)", [[0, 2 * math.pi]]),
        # lists named for their scaled values, and the test list after the training one, are the same feature
        ("train_x = [3, 9, 1, 15]\nscaled_train_x = [0.14, 0.57, 0.0, 1.0]\ntest_x = [4, 18, 2]", [[1, 15]]),
        # values after scaling, said in words; the raw range named before "to" stays
        ("the raw set comes out scaled from 0 to 1, but the scaled test X sits between 6.5 and 7", []),
        ("a column scaled from [-20, 40] to [0, 1] keeps its order", [[-20, 40]]),
    ],
)
def test_pi_bounds_scaled_lists_and_test_lists_are_read_as_one_feature(text, expected):
    assert parse_quantities(text).range_pairs == [pytest.approx(pair, abs=1e-3) for pair in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a colon range after a verb of extent; times of day and ratios are not ranges
        ("one scan goes -500:1500 and another -400:1200, in Hounsfield units", [[-500, 1500], [-400, 1200]]),
        ("the lab meeting goes 10:30 to 11:00 and the ratio goes 1:3", []),
        # a bracketed colon range the values are said to be in; a choice asked between two is not, nor a slice or loop
        ("Is it [0:1] or [0:255]? The depth values I get seem to be in [0:255].", [[0, 255]]),
        ("y = x[0:255]\nfor i in [0:10]: print(i)\nfor each sample in [0:100]: draw()", []),
        # the colon form goes through the comma form's checks: a range scaled to, a setting, labels and years are none
        ("I normalized the values to lie in [0:1].", []),
        ("My raw values are in [0:4000]; after MinMaxScaler they all sit in [0:1].", [[0, 4000]]),
        ("I searched the learning rate in [0:1] and the labels are in [0:9]", []),
        ("readings in [2019:2023]", []),
        # values obtained that "seem to be in" a range hold it; values wanted or made to are scaled to it
        ("The depth values I get seem to be in [0, 255].", [[0, 255]]),
        ("I scale them so they appear to be in [0, 1]", []),
        # a ceiling climbed from nothing, and pixels normalized with 255
        ("I normalize the RGB bands with the usual 255.0; the other bands go up to 10,000", [[0, 255], [0, 10_000]]),
        ("the learning rate goes up to 0.1 during warm-up", []),
        # a metric, a count of runs and memory climb too, but are no input's values
        ("my validation accuracy goes up to 92% and then drops", []),
        ("the accuracy went up to 85 after scaling", []),
        ("training runs up to 100 epochs", []),
        ("memory usage goes up to 16 GB during training", []),
    ],
)
def test_colon_ranges_after_a_verb_and_ceilings_reached_from_zero(text, expected):
    assert parse_quantities(text).range_pairs == [pytest.approx(pair) for pair in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a paper's summary row, each figure labelled after it: the minimum and maximum are the range
        ("Number of bus routes | 12.56 (avg) | 9.02 (Std) | 1 (min) | 53 (max)", [[1, 53]]),
        ("income 20 (min), 95 (max); age 18 [minimum], 70 [maximum]", [[20, 95], [18, 70]]),
        # the labels the other way round are no range
        ("the score went 53 (max) then 1 (min)", []),
    ],
)
def test_a_summary_rows_minimum_and_maximum_labelled_after_the_figures(text, expected):
    assert parse_quantities(text).range_pairs == [pytest.approx(pair) for pair in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a remark inside a pasted call is prose, and its ranges are the learner's
        ("cfg = Normalizer(\n    std=[0.5, 0.1],  # velocity: roughly in [-1, 1] m/s\n)", [[-1, 1]]),
        # R's printed output behind '#' marks is data, not a remark
        ("print(Cfg(\n    a=1,\n    # 1 -1.76  3.17\n    # 2  4.56 -5.06\n))", []),
    ],
)
def test_a_comment_inside_pasted_code_is_read_as_prose(text, expected):
    assert parse_quantities(text).range_pairs == [pytest.approx(pair) for pair in expected]


def test_a_ceiling_read_from_zero_is_said_so_in_the_answer_but_not_in_a_follow_up_that_moves_one_end():
    text = "My CNN's RGB bands are 0 to 255, but the other bands go up to 10,000. What should I divide them by?"
    assert "I read “up to 10,000” as 0 to 10,000" in answer(text).markdown
    first = answer("why normalize? my features go 0-1 and 1-1000")
    follow = answer("what if the bigger feature only went up to 10", first.conversation)
    assert "I read “up to" not in follow.markdown
    assert [(f.low, f.high) for f in follow.conversation.scenario.features] == [(0, 1), (1, 10)]


@pytest.mark.parametrize(
    ("text", "penalty", "kind"),
    [
        ("Ridge(alpha=10) on features 0-1 and 0-10000: why standardize?", 10.0, "ridge"),
        ("ridge with λ = 0.5", 0.5, "ridge"),
        ("learning rate alpha = 0.01 and L2 regularization with lambda = 1: why normalize before ridge?", 1.0, "ridge"),
        ("gradient descent with learning rate alpha = 0.01 for my ridge regression", None, "ridge"),
        ("Does ridge apply the same penalty to 2 features on different scales?", None, "ridge"),
        ("With ridge, lambda is 10 times more important for the small feature?", None, "ridge"),
        ("I compared Lasso(alpha=0.1) with Ridge on features 0-1 and 0-10000", 0.1, "lasso"),
        ("Ridge(alpha=3) beside a Lasso: why standardize?", 3.0, "ridge"),
        ("a regularized net with weight decay of 5e-4", 5e-4, "weight_decay"),
        ("alpha = 10 for my network's learning", None, "ridge"),  # no regularization named: alpha is not a penalty
    ],
)
def test_a_penalty_is_read_only_where_it_is_one(text, penalty, kind):
    quantities = parse_quantities(text)
    assert (quantities.penalty, quantities.penalty_kind) == (penalty, kind)


@pytest.mark.parametrize(
    ("text", "expected", "constants"),
    [
        # a 1 × n array is one list of values to the learner who computed its mean over the row
        ("tfdata = np.array([[1,2,3,4,5]], dtype=float) has average 3.0 and variance 2.0", [[1, 5]], 0),
        # one new sample to predict has no column spread and no constant columns to warn about
        ("price = model.predict([[1650, 3]])", [], 0),
        ("x_new = np.array([[1650, 3, 2]])", [], 0),
        ("X = [[1, 200]]", [], 0),
        ("house = np.array([[1650, 3, 20]])", [], 0),
        ("A = np.array([[1650, 3, 20]])\nprint(model.predict(A))", [], 0),  # passed to the model: one sample
        ("x = tf.constant([[1.0, 2.0, 3.0]])\ny = model(x)", [], 0),
        # two rows keep their columns
        ("X = [[1, 200], [2, 300]]", [[1, 2], [200, 300]], 0),
    ],
)
def test_a_single_row_is_one_list_of_values_or_one_sample_to_predict(text, expected, constants):
    quantities = parse_quantities(text)
    assert quantities.range_pairs == [pytest.approx(pair) for pair in expected]
    assert len(quantities.constant_columns) == constants


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # z is a function of x and y, so y's domain is an input's range
        ("approximate z = sin(2PIx)sin(2PIy) for 0<=x<=1 and 0<=y<=1.", [[0, 1], [0, 1]]),
        ("f(x, y) on 0 <= x <= 1 and 0 <= y <= 5", [[0, 1], [0, 5]]),
        ("y = 2x for 0<=x<=1 and 0<=y<=2", [[0, 1]]),  # here y is what is predicted
        ("I standardize with z = (x - μ)/σ; my data has 0≤x≤1000 and the target 0≤y≤1", [[0, 1000]]),
        ("z = w*x + b, y = sigmoid(z), 0<=x<=1000 and 0<=y<=1", [[0, 1000]]),
        # an initial weight range, a unit's output range and a list mapped to another are no feature's values
        ("Is that +-0.1 starting range a sensible choice for inputs 0 to 5?", [[0, 5]]),
        ("inputs go 0 to 500 but the sigmoid only produces (0,1), so how can it output -1?", [[0, 500]]),
        ("shift them, e.g. -2,3,5,6 to 0,5,7,8, or scale age 20-60", [[20, 60]]),
        ("features in 0-1, 0-100, 0-1000", [[0, 1], [0, 100], [0, 1000]]),
        ("income 20,000 to 100,000, 18 to 65 for age", [[20000, 100000], [18, 65]]),  # thousands, not a list
        ("logistic regression returns nan for age 20-60", [[20, 60]]),
        ("the activation function maps inputs from -5 to 5", [[-5, 5]]),
        ("I draw -0.5 to 0.5 random initial weights", []),
    ],
)
def test_inputs_of_a_function_of_x_and_y_and_ranges_that_are_no_features(text, expected):
    assert parse_quantities(text).range_pairs == [pytest.approx(pair) for pair in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list given to the same name again is a variant of the one asked about
        (
            "x_train = [1, 2, 3, 4, 35]\ny_train = [0, -1, -2, -3, -34]\nIf I drop the last one, x_train = [1,2,3,4]",
            [[1, 35]],
        ),
        (
            "X = [1,2,3,4,5,100,200]\nY = [2,4,6,8,10,200,400]\nand with X = [100,200,300,400,500,600] it fails",
            [[1, 200]],
        ),
        # `train_label` is the target
        ("train_data = np.array([[1,2],[3,4],[5,6],[3,2]])\ntrain_label = np.array([5,11,17,7])", [[1, 5], [2, 6]]),
        # libsvm's svm-scale range file: an index, a minimum and a maximum a line
        (
            "range file:\n\n    x\n    0 1\n    1 626564 792386\n    2 -3 2042181\n    3 0 11\n",
            [[626564, 792386], [-3, 2042181], [0, 11]],
        ),
    ],
)
def test_a_list_given_again_a_label_list_and_an_svm_scale_range_file(text, expected):
    assert parse_quantities(text).range_pairs == [pytest.approx(pair) for pair in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a loop's values are settings tried one after another, and a draw named as noise is the target's
        ("for timeAdd in [0, 999]:\n    for L1_wtValue in [0, 1e-9]:\n        fit()", []),
        ("x = np.random.uniform(0, 10, 100)\nnoise = np.random.uniform(-1, 1, 100)", [[0, 10]]),
        ("errorData = numpy.random.normal(0, 1, n)\nage = np.random.uniform(20, 60, 50)", [[20, 60]]),
        ("errors_per_hour = np.random.uniform(0, 50, 100)", [[0, 50]]),  # a feature that counts errors
    ],
)
def test_a_loops_values_and_a_noise_draw_are_no_features(text, expected):
    quantities = parse_quantities(text)
    assert quantities.range_pairs == [pytest.approx(pair) for pair in expected]
    assert quantities.distributions == ()  # not even a normal draw standing for −3σ..3σ


@pytest.mark.parametrize(
    "text",
    [
        # a fitted tree's dump, per-channel means, printed predictions and the range min-max scales to
        '{ "nodeid": 7, "leaf": -0.00222015986 },\n{ "nodeid": 8, "leaf": 0.011970697 }',
        "subtract the mean_pixel from the input image first ([123.68,116.779,103.939]). Is that right?",
        "Iter: 0, Loss: 10469654.0, Prediction: [[-2025.9463] [-3036.1917] [-2600.907 ] ...]",
        "sklearn's Pipeline, e.g. min-max to [0,1] then Ridge",
    ],
)
def test_a_tree_dump_channel_means_predictions_and_a_scalers_target_are_no_features(text):
    assert parse_quantities(text).range_pairs == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what the loop, statistics, prediction and min-max rules above must leave alone (found in review)
        ("it works for x in [0, 1] but diverges for x in [0, 1000]", [[0, 1], [0, 1000]]),
        ("the average house in my data [120, 340, 560, 900] sq ft", [[120, 900]]),
        ("My features have different means, here is X: [[1, 200], [2, 400], [3, 900]]", [[1, 3], [200, 900]]),
        ("print(X_train)\nOutput:\n[[1, 200], [2, 400], [3, 900]]", [[1, 3], [200, 900]]),
        ("{ depth: 10, price: 300 },\n{ depth: 50, price: 900 }", [[10, 50], [300, 900]]),
        ("feature A has min-max between 3 and 900, feature B min-max between 0 and 1", [[3, 900], [0, 1]]),
        ("errors = np.random.randint(0, 50, 100)  # typing errors\ny = 2 * errors + 5", [[0, 50]]),
    ],
)
def test_data_beside_loops_statistics_records_and_min_max_words_is_still_read(text, expected):
    assert parse_quantities(text).range_pairs == [pytest.approx(pair) for pair in expected]


@pytest.mark.parametrize(
    ("text", "samples"),
    [
        ("In the weights output there are two rows, the first with raw weights", None),  # a printout's rows
        ("I trained on 500 samples and the weights output has 2 rows", 500),
        ("I have 200 rows and 3 features", 200),
    ],
)
def test_the_rows_of_a_printed_table_are_no_samples(text, samples):
    assert parse_quantities(text).samples == samples


def test_what_predict_printed_under_a_label_is_no_data():
    text = (
        'print("old method: ", old.predict(X))\n\n'
        "old method:  [  26.80677682    5.32421324  -17.52520599 -226.23820926 ...\n\nand the new one differs"
    )
    assert parse_quantities(text).range_pairs == []
    assert parse_quantities('print("X: ", X)\nX: [[1, 200], [2, 300], [3, 500]]').range_pairs == [[1, 3], [200, 500]]


@pytest.mark.parametrize(
    ("text", "rate", "optimizer"),
    [
        ("train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)", 0.01, "gd"),
        ("opt = tf.train.AdamOptimizer(0.001)", 0.001, "adam"),
        ("tf.train.MomentumOptimizer(0.01, 0.9)", 0.01, "momentum"),
        ("gradient descent(1000 iterations) with my optimizer", None, "gd"),  # a count, not a rate
    ],
)
def test_tensorflow_ones_optimizers_give_their_learning_rate(text, rate, optimizer):
    quantities = parse_quantities(text)
    assert (quantities.learning_rate, quantities.optimizer) == (rate, optimizer)


@pytest.mark.parametrize(
    ("text", "loss"),
    [
        ("loss = tf.reduce_sum(tf.square(model - y))", "sse"),
        ("loss = tf.reduce_mean(tf.square(model - y))", "mse"),
        ("criterion = nn.MSELoss(reduction='sum')", "sse"),
        ("The RSS keeps climbing every loop until it is inf.", "sse"),  # the residual sum of squares
        ("print(rss(df['area'], df['price'], W))", "sse"),
        ("peak RSS 396 MB while training", None),  # a process's memory
    ],
)
def test_a_loss_written_in_code_gives_its_convention(text, loss):
    assert parse_quantities(text).loss == loss


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("All of it, inputs and targets alike, sits between -5 and 5 already.", [[-5, 5]]),
        ("Features and labels are both in the range from 2 to 8 already.", [[2, 8]]),
        ("The data as well as the outputs lie within [0, 3].", [[0, 3]]),
        # the target named on its own after them keeps the range its own
        ("I have features and labels, and the labels run from 3 to 7.", []),
    ],
)
def test_a_range_said_of_the_data_and_the_target_together_is_the_features_range_too(text, expected):
    assert parse_quantities(text).range_pairs == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sensors T1, T2 and T4 each read from -20 to 60, and humidity goes from 0 to 100.",
            [("T1", -20, 60), ("T2", -20, 60), ("T4", -20, 60), ("humidity", 0, 100)],
        ),
        (
            "p1, p2 and p3 all lie in [0, 2] while p4 spans 10-90",
            [("p1", 0, 2), ("p2", 0, 2), ("p3", 0, 2), ("p4", 10, 90)],
        ),
        ("voltage and current each vary between 0 and 12", [("voltage", 0, 12), ("current", 0, 12)]),
        # a list of splits or of the data and its target is no list of features
        ("train, val and test all lie in [0, 3]", [("test", 0, 3)]),
        ("the data and labels all lie between 0 and 4", [(None, 0, 4)]),
    ],
)
def test_names_listed_before_each_or_all_share_the_range_one_feature_apiece(text, expected):
    ranges = parse_quantities(text).ranges
    assert [(item.name, item.low, item.high) for item in ranges] == expected


@pytest.mark.parametrize(
    ("text", "expected", "target"),
    [
        ("input  [12 18 25 40]\noutput [3.2 3.1 3.3 3.4]", [[12, 40]], (3.2, 3.1, 3.3, 3.4)),
        ("features [2 4 6 8 10]\ntarget   [0.5 0.7 0.2 0.9 0.4]", [[2, 10]], (0.5, 0.7, 0.2, 0.9, 0.4)),
        # "Output:" before a printed matrix is what a script printed, not a target
        ("print(X)\nOutput: [[1, 250], [3, 410], [2, 330]]", [[1, 3], [250, 410]], None),
    ],
)
def test_a_list_labelled_on_its_line_as_the_output_or_target_is_no_feature(text, expected, target):
    quantities = parse_quantities(text)
    assert quantities.range_pairs == [pytest.approx(pair) for pair in expected]
    assert (quantities.table.target if quantities.table is not None else None) == target


def test_a_table_with_the_target_after_a_bar_reads_the_columns_left_of_it():
    text = (
        "speed   load   | target: cost\n"
        "12      300    | 41(usd)\n"
        "18      300    | 55(usd)\n"
        "15      300    | 47(usd)\n"
        "How should I scale these?"
    )
    quantities = parse_quantities(text)
    assert quantities.range_pairs == [[12, 18]]
    assert [(item.name, item.low) for item in quantities.constant_columns] == [("load", 300)]  # named, in a note
    assert quantities.table is not None and quantities.table.names == ("speed", "load")
    assert (quantities.table.target, quantities.table.target_name) == ((41, 55, 47), "cost")
    # without the word "target", the names decide: y is predicted, the other column is a feature
    assert parse_quantities("x1 x2 | y\n1 10 | 3\n2 20 | 5\n4 15 | 6").range_pairs == [[1, 4], [10, 20]]


def test_a_constant_column_of_a_pasted_csv_is_named_in_a_note():
    quantities = parse_quantities("rooms,floor,price\n3,2,100\n4,2,150\n5,2,170")
    assert quantities.range_pairs == [[3, 5]]
    assert [(item.name, item.low) for item in quantities.constant_columns] == [("floor", 2)]


def test_bracketed_intervals_weighed_against_each_other_are_places_to_scale_to_not_features():
    """ "is [-1, 1] better than [0, 1]?" names two targets for min-max, beside the features the post gives."""
    text = "My inputs span 2 to 8 and 100 to 900. Is [-1, 1] better than [0, 1] for min-max, or [-0.5, 0.5]?"
    assert [list(pair) for pair in parse_quantities(text).range_pairs] == [[2, 8], [100, 900]]
    assert [list(pair) for pair in parse_quantities("x1 is in [0, 1] and x2 in [0, 500]").range_pairs] == [
        [0, 1],
        [0, 500],
    ]


def test_rows_that_carry_their_label_read_every_numeric_key_as_a_column_even_w():
    """`{ h: 6, w: 180, label: "adult" }`: data rows, whose `w` is a body weight, not a model's weights."""
    text = (
        "const rows = [\n  { h: 5, w: 140, label: 'adult' },\n  { h: 6, w: 200, label: 'adult' },\n"
        "  { h: 3, w: 40, label: 'child' },\n];"
    )
    assert [list(pair) for pair in parse_quantities(text).range_pairs] == [[3, 6], [40, 200]]
    weights = "config = [\n  { w: 0.5, b: 1 },\n  { w: 0.7, b: 2 },\n];"
    assert not parse_quantities(weights).range_pairs


def test_a_drawn_vector_used_as_coefficients_is_no_feature():
    """`b <- runif(p)` then `y <- X %*% b`: the coefficients a simulation draws; "a" and "b" as features stay."""
    simulated = "X <- matrix(runif(500 * 4, 0, 3), ncol = 4)\nb <- runif(4)\ny <- X %*% b"
    assert [list(pair) for pair in parse_quantities(simulated).range_pairs] == [[0, 3]]
    assert not parse_quantities("theta = np.random.randn(3)").range_pairs
    features = "a = np.random.uniform(0, 1, 200)\nb = np.random.uniform(1, 1000, 200)"
    assert [list(pair) for pair in parse_quantities(features).range_pairs] == [[0, 1], [1, 1000]]


def test_the_number_a_model_is_to_give_back_is_no_feature():
    """ "take the 43 features and give back a single number between 0 and 100": the output's range."""
    assert not parse_quantities("It takes 43 features and gives back a single number between 0 and 100.").range_pairs
    text = "The model returns a single value between 0 and 1 for my features from 5 to 50"
    assert [list(pair) for pair in parse_quantities(text).range_pairs] == [[5, 50]]
