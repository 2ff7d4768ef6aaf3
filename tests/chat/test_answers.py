"""Answers cite computed numbers: each checked against the engine or an independent calculation."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from explainer import default_scenario
from explainer.chat import TOPIC_GUIDE, answer, parse_quantities
from explainer.chat.measure import explanation_for
from explainer.chat.replies.blowup import POST_X, POST_Y, post_experiment
from explainer.linear.data import make_data
from explainer.text.formatting import count, number, power_of_ten

FIGURE_KEYS = {"ravine", "loss", "gradients", "sweep"}
DEFAULT = explanation_for(default_scenario())


@pytest.mark.parametrize("topic", sorted(TOPIC_GUIDE))
def test_every_topic_gives_a_short_answer_with_topic_confidence_and_follow_ups(topic):
    result = answer(TOPIC_GUIDE[topic].question)
    assert result.topic == topic and result.answered
    assert 0.4 <= result.confidence <= 1
    assert 2 <= len(result.follow_ups) <= 3 and TOPIC_GUIDE[topic].question not in result.follow_ups
    assert 300 < len(result.markdown) < 3500  # a few paragraphs, not the whole explanation
    assert {figure.key for figure in result.figures} <= FIGURE_KEYS
    assert result.scenario is not None and result.explore_params
    data = json.loads(json.dumps(result.to_dict()))
    assert {"topic", "confidence", "ranges", "lr", "optimizer", "answer_markdown", "follow_ups"} <= set(data)


def test_why_normalize_gives_the_key_figures_of_the_scenario():
    result = answer("why does normalizing the inputs speed up learning?")
    raw, normalized = DEFAULT.raw, DEFAULT.normalized
    for figure in (
        number(raw.condition_number),
        number(normalized.condition_number),
        number(raw.max_stable_lr),
        count(raw.best_lr_iterations),
        count(normalized.best_lr_iterations),
        number(DEFAULT.speedup_at_best_lr),
    ):
        assert figure in result.markdown
    assert [figure.key for figure in result.figures] == ["ravine"]
    assert "Each iteration costs the same" in result.markdown


def test_the_condition_number_quoted_is_numpys():
    data = make_data(default_scenario())
    design = np.column_stack([data.features, np.ones(data.samples)])
    assert number(np.linalg.cond(design) ** 2) in answer("what is the condition number?").markdown


def test_the_key_doubt_same_cost_per_iteration_is_answered_with_counts():
    result = answer("how can it be faster if every iteration does the same computations?")
    assert result.topic == "speed_per_iteration"
    samples, features = 1000, 2
    assert f"about {2 * samples * (features + 1):,} multiply-adds raw or normalized" in result.markdown
    assert (
        f"| {count(DEFAULT.raw.best_lr_iterations)} | {count(DEFAULT.normalized.best_lr_iterations)} |"
        in result.markdown
    )
    assert [f.key for f in result.figures] == ["loss"]
    assert result.measured_live and "One gradient step takes" in result.measured_live[0]


def test_the_same_question_gets_the_same_answer_text():
    question = "how can it be faster if every iteration does the same computations?"
    first, second = answer(question), answer(question)
    assert first.markdown == second.markdown  # wall-clock lives in measured_live, outside the text
    assert " µs" not in first.markdown and " ms" not in first.markdown


def _posts_loop(x: np.ndarray, learning_rate: float, steps: int) -> tuple[float, float]:
    """The Stack Exchange answer's own loop, written plainly: θ ← θ − η·2·X̃ᵀ(X̃θ − y); returns log10 of its cost and the cost."""
    design = np.column_stack([x, np.ones(len(x))])
    parameters = np.zeros(2)
    target = np.array(POST_Y)
    for _ in range(steps):
        parameters = parameters - learning_rate * 2 * design.T @ (design @ parameters - target)
    cost = float(np.sum((design @ parameters - target) ** 2))
    return math.log10(cost), cost


def test_the_blown_up_cost_reproduces_the_posts_experiment():
    result = answer("my cost explodes to huge numbers, is my code wrong?")
    assert result.scenario == post_experiment()
    x = np.array(POST_X)
    raw_log10, _ = _posts_loop(x, 0.01, 50)
    _, scaled_cost = _posts_loop((x - x.mean()) / (x.max() - x.min()), 0.01, 50)
    assert raw_log10 > 100
    assert f"reaches about {power_of_ten(round(raw_log10))} after 50 iterations" in result.markdown
    assert f"after 50 iterations the cost is {number(scaled_cost)}" in result.markdown
    assert "sum* of squared errors" in result.markdown


def test_the_experiment_is_credited_to_where_it_was_published_not_to_a_post_the_learner_never_saw():
    told = answer("why does my loss go to infinity after a few steps?").markdown
    typed = answer("x = 10, 20, 30, 40 and y = 1.01, 2.02, 2.88, 4.1 with lr 0.01: cost goes to 1e100, why?").markdown
    assert "Data Science Stack Exchange, 2018" in told and "blog post" not in told
    assert "An experiment shows it exactly" in told
    assert (
        typed.startswith("A cost that explodes is most often gradient descent")
        and "Your four points show it exactly" in typed
    )


def test_a_learning_rate_above_the_bound_is_shown_diverging():
    result = answer("my loss blows up to NaN with lr 0.01, features 0 to 1 and 1 to 1000")
    explanation = explanation_for(result.scenario)
    assert result.topic == "cost_blowup" and explanation.raw.diverged
    assert f"{number(0.01 / explanation.raw.max_stable_lr)} times above its stable bound" in result.markdown


def test_the_mean_matters_with_numbers_computed_independently():
    result = answer("what do the mean and standard deviation have to do with normalizing?")
    data = make_data(default_scenario())
    scaled = data.features / data.features.std(axis=0)
    design = np.column_stack([scaled, np.ones(data.samples)])
    assert f"{number(np.linalg.cond(design) ** 2)} after dividing by the standard deviation only" in result.markdown
    assert result.figures[0].pair == ("b", "bias")


def test_trees_give_the_same_predictions_after_scaling():
    result = answer("do random forests need feature scaling?")
    assert "gives identical predictions (on a target drawn for the check, whose predictions span" in result.markdown


def test_distance_shares_add_up_and_favour_the_wide_feature():
    result = answer("why does knn need scaling?")
    data = make_data(default_scenario())
    variances = data.features.var(axis=0)
    share_a = 100 * variances[0] / variances.sum()
    assert f"| **a** | {number(share_a)}% | 50% |" in result.markdown


def test_weights_mapped_back_match_least_squares_on_the_raw_data():
    result = answer("how do I interpret the coefficients after standardizing?")
    data = make_data(default_scenario())
    design = np.column_stack([data.features, np.ones(data.samples)])
    weights, *_ = np.linalg.lstsq(design, data.target, rcond=None)
    assert f"{number(weights[0])} | {number(weights[0])} |" in result.markdown


def test_target_scaling_leaves_the_curvature_alone():
    result = answer("should I scale the target variable too?")
    kappa = number(DEFAULT.raw.condition_number)
    assert f"| condition number κ | {kappa} | {kappa} |" in result.markdown


def test_correlation_is_illustrated_and_whitening_brings_kappa_to_one():
    result = answer("what if my features are correlated?")
    assert result.scenario.correlation == 0.9 and "(for illustration)" in result.markdown
    whitened = explanation_for(result.scenario.with_changes(normalization="whiten"))
    assert f"κ = {number(whitened.normalized.condition_number)}" in result.markdown


def test_adam_answer_compares_with_plain_gradient_descent():
    result = answer("does Adam make feature scaling unnecessary?")
    adam = explanation_for(result.scenario)
    assert result.scenario.optimizer.name == "adam"
    assert f"raw converged in {count(adam.raw.simulated_iterations)} iterations" in result.markdown
    assert (
        f"{count(DEFAULT.raw.best_lr_iterations)} vs {count(DEFAULT.normalized.best_lr_iterations)}" in result.markdown
    )


def test_batch_norm_is_kept_apart_from_input_normalization():
    result = answer("how is batch norm different from normalizing the inputs?")
    assert "**Input normalization** is preprocessing" in result.markdown
    assert "**Batch normalization**" in result.markdown and "internal covariate shift" in result.markdown


def test_the_answer_says_why_a_constant_pasted_column_is_missing_from_its_features():
    text = (
        "Why is my model slow to train?\nspeed = [12, 40, 33, 27]\nlane = [4, 4, 4, 4]\nload = [900, 1500, 1200, 1000]"
    )
    markdown = answer(text).markdown
    assert "lane is 4 in every row you pasted" in markdown.replace("\\", "")
    assert "**speed** from 12 to 40" in markdown and "**lane**" not in markdown


def test_the_mean_and_std_answer_rebuts_no_claim_the_learner_did_not_make():
    markdown = answer("Why subtract the mean and divide by the standard deviation? My feature goes 0 to 255.").markdown
    assert "have little to do with" not in markdown
    assert markdown.split("\n\n")[1].startswith("The mean and the standard deviation are exactly what z-scoring uses")


def test_inputs_already_small_are_not_said_to_starve_a_tanh_layer_of_gradient():
    markdown = answer(
        "My inputs are values between 0 and 1 with tanh units; how should I initialize the weights?"
    ).markdown
    assert "little gradient gets through" not in markdown
    assert "the raw inputs are already small enough" in markdown
    large = answer("My inputs go from 0 to 5000 with tanh units; how should I initialize the weights?").markdown
    assert "little gradient gets through" in large


def test_a_network_asking_about_its_target_hears_first_that_the_targets_scale_matters():
    network = answer("My MLP with tanh outputs can't learn 100*cos(x); should I scale the target?").markdown
    assert network.split("\n\n")[1].startswith("**For a neural network the target's scale does matter.**")
    linear = answer("Should I scale the target variable too for linear regression?").markdown
    assert "For a neural network" not in linear


def test_a_distance_table_is_followed_by_a_paragraph_of_its_own():
    """Markdown joins a line right after a table to the table as another row: a blank line keeps the text."""
    markdown = answer("k-means on one feature from 0 to 1, why scale?").markdown
    table_end = markdown.index("| **x1** | 100% | 100% |") + len("| **x1** | 100% | 100% |")
    assert markdown[table_end : table_end + 2] == "\n\n"


def test_a_cost_written_with_one_over_2m_is_a_halved_mean_and_its_bounds_are_given_for_the_learners_code():
    text = "X goes from 50 to 300. J = (1/(2*m)) * sum of squared errors, alpha = 0.01, theta becomes NaN. Why?"
    quantities = parse_quantities(text)
    assert quantities.loss == "mse" and quantities.halved_cost  # not the sum, for all its "sum of squared errors"
    reply = answer(text)
    raw = explanation_for(reply.scenario).raw
    assert f"for your code 2/λmax = {number(2 * raw.max_stable_lr)} raw" in reply.markdown
    assert "for your code" not in answer("X goes from 50 to 300, alpha = 0.01, theta becomes NaN. Why?").markdown


def test_a_built_in_example_is_not_called_the_learners_data():
    """Without numbers, a blow-up question is answered with a published four-point experiment: not "your" points."""
    markdown = answer("My linear regression's gradient descent sends the weights to infinity, then NaN. Why?").markdown
    assert "your 4 data points" not in markdown
    typed = answer(
        "my linear regression cost explodes with x = 10, 20, 30, 40 and y = 1.01, 2.02, 2.88, 4.1 at lr 0.01"
    )
    assert "your 4 data points" in typed.markdown


def test_features_filled_in_beyond_the_ranges_given_are_said_to_be_repeats():
    counted = answer("I have 22 inputs and 275 training patterns. What does scaling the inputs do to a BP net?")
    assert "so these repeat the classic example's 0 to 1 and 1 to 1,000" in counted.markdown
    repeated = answer("my features are 0 to 1 and 5 to 50 and I have 6 features; why normalize?")
    assert "You gave 2 ranges for 6 features, so the other 4 repeat them in turn" in repeated.markdown
    stated = answer("my six features go 0 to 1, 5 to 50, 0 to 9, 1 to 2, 3 to 4 and 0 to 100; why normalize?")
    assert "repeat" not in stated.markdown.split("\n\n")[0]


def test_the_words_for_the_ravine_follow_the_condition_number():
    mild = answer("why normalize? features 0 to 1 and 0 to 3")
    assert explanation_for(mild.scenario).raw.condition_number < 100
    assert "**A mildly stretched bowl.**" in mild.markdown and "crawls" not in mild.markdown
    steep = answer("why normalize? features 0 to 1 and 1 to 1000").markdown
    assert "**A ravine, not a bowl.**" in steep and "the flat direction crawls" in steep


def test_for_inputs_already_in_0_1_the_mean_and_std_answer_says_only_centring_lowers__kappa_with_bias():
    markdown = answer("Why subtract the mean and divide by the std? my inputs are already 0 to 1").markdown
    assert "Here the range needs no fixing: dividing by the standard deviation alone does not lower κ" in markdown


def test_an_opening_without_the_learners_numbers_promises_no_figures():
    markdown = answer("Should I use min-max or z-score for my MLP?").markdown
    assert "the figures use" not in markdown


def test_a_default_learning_rate_is_not_called_the_learners_setting():
    default = answer("why normalize? I use Adam, features 0 to 1 and 1 to 1000").markdown
    assert "With Adam at its default η = 0.001:" in default and "At your settings" not in default
    given = answer("why normalize? I use Adam with lr 0.01, features 0 to 1 and 1 to 1000").markdown
    assert "At your settings (Adam at η = 0.01):" in given


def test_a_plural_feature_name_takes_a_bare_apostrophe():
    markdown = answer("why normalize? rooms from 1 to 10 and price from 1000 to 900000").markdown
    assert "times **rooms**'," in markdown and "**rooms**'s" not in markdown
    assert "**price**'s standard deviation" in markdown


def test_a_run_stopped_by_the_learners_own_step_count_says_how_many_steps_that_was():
    markdown = answer("does adam make normalization unnecessary? features 0-1 and 1-1000, I trained 10 epochs").markdown
    assert "had not converged within its cap of 10 iterations" in markdown
    assert "within the step cap" not in markdown


SPARSE_WORDS, PRETRAINED_WORDS = "with_mean=False", "pretrained network expects the inputs it was trained on"


@pytest.mark.parametrize(
    ("question", "shown", "absent"),
    [
        # a sparse matrix must not be centred: whatever the topic, with a model named or not
        (
            "my tf-idf features are a scipy.sparse csr_matrix; should I standardize them for logistic regression?",
            [SPARSE_WORDS],
            [PRETRAINED_WORDS],
        ),
        ("my features are sparse, mostly zeros; why normalize?", [SPARSE_WORDS], [PRETRAINED_WORDS]),
        # a pretrained network keeps its own preprocessing
        (
            "I fine-tune a pretrained ResNet on X-ray images; normalize with my dataset's own mean and std?",
            [PRETRAINED_WORDS],
            [SPARSE_WORDS],
        ),
        # neither named: neither note
        ("my features go 0-1 and 1-1000, why normalize?", [], [SPARSE_WORDS, PRETRAINED_WORDS]),
    ],
)
def test_a_sparse_matrix_or_a_pretrained_network_changes_the_advice(question, shown, absent):
    reply = answer(question).markdown
    assert all(words in reply for words in shown)
    assert not any(words in reply for words in absent)


@pytest.mark.parametrize(
    ("question", "model", "alpha", "said"),
    [
        (
            "I use Ridge(alpha=10) on features 0-1 and 0-10000. Why standardize before ridge?",
            "ridge",
            10.0,
            "your α = 10",
        ),
        (
            "Why standardize before ridge regression? My features go 0-1 and 0-10000",
            "ridge",
            1000.0,
            "number of samples",
        ),
        ("Lasso(alpha=0.1) on 0-1 and 0-10000: why standardize before lasso?", "lasso", 0.1, "Lasso with your α = 0.1"),
    ],
)
def test_the_penalty_table_is_scikit_learns_at_the_learners_alpha(question, model, alpha, said):
    from sklearn.linear_model import Lasso, LinearRegression, Ridge

    result = answer(question)
    assert result.topic == "regularization" and said in result.markdown
    data = explanation_for(result.scenario).analysis.data
    standardized = (data.features - data.features.mean(axis=0)) / data.features.std(axis=0)
    penalized = Ridge(alpha=alpha) if model == "ridge" else Lasso(alpha=alpha, max_iter=100_000, tol=1e-10)
    rows = [line for line in result.markdown.splitlines() if line.startswith("| **")]
    for column, columns in ((2, data.features), (3, standardized)):
        plain = LinearRegression().fit(columns, data.target).coef_
        ratios = penalized.fit(columns, data.target).coef_ / plain
        shown = [float(row.split("|")[column].strip()) for row in rows]
        assert shown == pytest.approx(ratios, rel=0.01, abs=1e-3), column


def test_a_weak_ridge_penalty_says_its_pull_does_not_show_yet():
    result = answer("Ridge regression with alpha=0.001 on features 0-1 and 0-100: why standardize before ridge?")
    assert "your α = 0.001" in result.markdown
    assert "At this α the penalty barely moves any weight" in result.markdown
    strong = answer("Ridge regression with alpha=1000 on features 0-1 and 0-100: why standardize before ridge?")
    assert "barely moves" not in strong.markdown and "On raw features the penalty falls" in strong.markdown
    crushing = answer("Ridge regression with alpha=1e11 on features 0-1 and 0-100: why standardize before ridge?")
    assert "barely moves" not in crushing.markdown and "takes almost all of every raw weight" in crushing.markdown


@pytest.mark.parametrize(
    ("question", "shown", "absent"),
    [
        # the code to copy is in the learner's language: R's caret and recipes, the steps in words elsewhere
        ("In R with caret, should I scale before or after the train/test split?", "preProcess(train", "```python"),
        (
            "I use brain.js: should I normalize before or after splitting train and test?",
            "on the training rows only, store those numbers",
            "```python",
        ),
        ("Should I fit the StandardScaler before or after the train/test split?", "```python", "preProcess("),
    ],
)
def test_split_then_scale_code_is_in_the_learners_language(question, shown, absent):
    reply = answer(question)
    assert reply.topic == "data_leakage" and shown in reply.markdown and absent not in reply.markdown


def test_the_mean_note_names_every_feature_whose_mean_is_as_far_out_not_one_of_them():
    # 0–1 and 1–1,000 both have their means 1.73 standard deviations from zero: naming b alone misled a reviewer
    classic = answer("What do the mean and standard deviation have to do with normalizing?").markdown
    assert "every feature's mean is about 1.73 standard deviations from zero" in classic
    offset = answer("What does the mean do? my features go 100 to 101 and 0 to 1").markdown
    assert "mean is 343 standard deviations from zero" in offset and "every feature" not in offset


@pytest.mark.parametrize(("activation", "threshold"), [("sigmoid", "4"), ("tanh", "2")])
def test_saturation_is_counted_where_each_activation_is_nearly_flat(activation, threshold):
    # σ′(2) is still 42% of its peak: the sigmoid's flat tails start near |z| = 4, where σ′ falls to tanh′(2)'s 7%
    markdown = answer(f"my {activation} network has inputs from 0 to 1000, why normalize?").markdown
    line = next(line for line in markdown.split("\n") if "saturate the first layer" in line)
    assert f"beyond |z| > {threshold}, where the curve is nearly flat" in line


def test_the_sigmoidsrelative_slope_at_four_equals_tanhs_at_two():
    from explainer.chat.replies.networks import relative_slope

    assert np.isclose(relative_slope(np.array([4.0]), "sigmoid")[0], relative_slope(np.array([2.0]), "tanh")[0])


def test_mapping_back_a_penalized_fit_is_not_called_the_same_model():
    # "same predictions, same model" holds for least squares, not for a lasso (a review of the thirtieth group)
    lasso = answer("How do I interpret the lasso coefficients after standardizing? features 0-1 and 1-1000").markdown
    assert "*not* the ridge or lasso fitted on the raw features" in lasso
    plain = answer("How do I interpret the coefficients after standardizing? features 0-1 and 1-1000").markdown
    assert "half the story" not in plain


def test_the_vanishing_gradient_answer_labels_the_z_scored_figures():
    # "(z-scored: 0.998, 4.65%, 0.61)" left the reader to guess which figure was which
    markdown = answer("Does normalizing prevent vanishing gradients? my inputs go 0 to 1 and 1 to 1000").markdown
    assert "(z-scored: a standard deviation of " in markdown and "% saturated, average slope " in markdown


def test_a_relu_network_hears_of_dead_units_and_oversized_activations_not_of_tanh_saturation():
    relu = answer("My ReLU network has vanishing gradients with features 0-1 and 1-1000, why?")
    assert relu.topic == "vanishing_exploding"
    assert "ReLU has no flat tail for large inputs" in relu.markdown and "tanh layer" not in relu.markdown
    assert "of its units (in 4,096 drawn) are ≤ 0 on every row" in relu.markdown
    tanh = answer("My tanh network: vanishing gradients? features 0-1 and 1-1000").markdown
    assert "a tanh layer initialized for unit-variance inputs" in tanh and "dead" not in tanh


def test_dead_relu_units_come_from_uncentred_inputs_and_centring_removes_them():
    from explainer.chat.measure import explanation_for
    from explainer.chat.replies.networks import dead_units
    from explainer.scenario.spec import Feature, Scenario

    def dead(*ranges):
        scenario = Scenario(features=tuple(Feature(f"x{i}", low, high) for i, (low, high) in enumerate(ranges)))
        return dead_units(explanation_for(scenario).analysis)

    offset = dead((0, 1), (1, 1000))  # every row's large positive b gives a unit the sign of its weight on b
    centred = dead((-1, 1), (-1000, 1000))  # the same scales about zero: rows of both signs reach every unit
    assert offset.raw_dead > 0.2 and offset.normalized_dead < 0.02
    assert centred.raw_dead < 0.02


def test_normalize_true_is_explained_and_checked_on_the_data_for_ridge_lasso_and_linear_regression():
    from explainer.chat.normalize_argument import section
    from explainer.scenario.spec import default_scenario

    ridge = answer("Why does Ridge(normalize=True) predict differently from make_pipeline(StandardScaler(), Ridge())?")
    assert "#### `normalize=True`" in ridge.markdown and "it matches with alpha × n = 1,000" in ridge.markdown
    agreed = (
        r"they agree (?:exactly|to a relative [\d.]+ × 10⁻¹[⁰¹²³⁴⁵⁶⁷⁸⁹])"  # to rounding, where alpha alone is far off
    )
    text = section("Lasso(alpha=0.01, normalize=True)", default_scenario(), 0.01)
    assert "alpha × √n = 0.316" in text and re.search(agreed, text)
    assert not re.search(r"by a relative [\d.]+ × 10⁻", text)
    # the old Lasso at alpha = 1 zeroes every weight, and so does the pipeline: only then do they coincide
    assert "both fits shrink every weight to zero" in section("Lasso(normalize=True)", default_scenario(), 1.0)
    net = section("ElasticNet(alpha=0.1, l1_ratio=0.7, normalize=True)", default_scenario(), 0.1)
    assert "alpha = 32.2 and l1_ratio = 0.0687" in net and re.search(
        r"agree (?:exactly|to a relative [\d.]+ × 10⁻¹)", net
    )
    plain = section("LinearRegression(normalize=True) does nothing!", default_scenario())
    assert "cannot change the predictions" in plain and re.search(r"predictions agree (?:exactly|to a relative)", plain)
    unused = section("Ridge(alpha=2, normalize=True, fit_intercept=False)", default_scenario(), 2.0)
    assert "ignored `normalize=True` altogether" in unused and "alpha × n" not in unused
    assert section("Ridge(alpha=1) with StandardScaler", default_scenario()) is None  # no normalize=True: no section


def test_the_ravine_answer_says_why_the_path_bounces_with_the_factor_computed_from_the_curvatures():
    markdown = answer("Why does gradient descent zig-zag in a ravine? why does it bounce back and forth?").markdown
    quadratic = explanation_for(default_scenario()).analysis.raw.quadratic
    largest, smallest = quadratic.largest_curvature, quadratic.smallest_curvature
    assert "the factor is −r across the ravine and +r along it" in markdown
    assert f"r = (κ − 1)/(κ + 1) = 1 − {number(2 * smallest / (largest + smallest))}" in markdown
    assert f"η = 2/(λmax + λmin) = {number(2 / (largest + smallest))} (just under the divergence bound" in markdown


TF_GETTING_STARTED = (
    "simple linear regression prints nan\n\n"
    "    loss = tf.reduce_sum(tf.square(model - y))\n"
    "    train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)\n\n"
    "    x_train = [1, 2, 3, 4, 35]\n    y_train = [0, -1, -2, -3, -34]\n\n"
    "what comes out: W: [ nan] b: [ nan] loss: nan"
)


def test_one_dominant_point_is_named_with_the_bound_with_and_without_it():
    result = answer(TF_GETTING_STARTED)
    assert result.topic == "cost_blowup" and "At η = 0.01" in result.markdown  # TensorFlow 1's optimizer's rate
    # the summed squared error's Hessian, 2·X̃ᵀX̃, without the point at 35: its bound 2/λmax, computed apart
    design = np.column_stack([[1.0, 2, 3, 4], np.ones(4)])
    without = 2 / np.linalg.eigvalsh(2 * design.T @ design).max()
    assert f"Your point at 35 holds {number(100 * 1225 / 1255)}% of Σx² (1,225 of 1,255)" in result.markdown
    assert (
        f"would be {number(without)} instead of" in result.markdown
        and "so your η = 0.01 would be stable" in result.markdown
    )
    assert "for your summed squared error each weight's is 2·Σ(ŷ − y)·x" in result.markdown
    assert "Your point at" not in answer("my x_train = [1, 2, 3, 4, 5] gives nan with lr 0.01").markdown


def _kappa_with_bias(values: np.ndarray) -> float:
    """κ of X̃ᵀX̃ for features with a column of ones: the engine's Hessian up to its factor, computed apart."""
    design = np.column_stack([values, np.ones(len(values))])
    eigenvalues = np.linalg.eigvalsh(design.T @ design)
    return float(eigenvalues.max() / eigenvalues.min())


def test_one_mean_for_the_whole_array_is_answered_first_with_the_condition_numbers_it_leaves():
    message = (
        "train_X = np.loadtxt(path)\nx_mean = train_X.mean()\nx_std = train_X.std()\n"
        "Shouldn't we pass axis=0 so each attribute is normalized on its own?"
    )
    markdown = answer(message).markdown
    assert markdown.startswith("#### One mean for the whole array\n\nYes. On a NumPy array")
    features = explanation_for(default_scenario()).analysis.data.features

    whole = _kappa_with_bias((features - features.mean()) / features.std())
    columns = _kappa_with_bias((features - features.mean(axis=0)) / features.std(axis=0))
    assert f"{number(whole)} with one mean and standard deviation for the whole array" in markdown
    assert f"{number(columns)} with each column's own (`axis=0`)" in markdown
    assert "One mean" not in answer("x_mean = train_X.mean(axis=0): why normalize?").markdown  # axis given


def test_a_dataframes_mean_is_per_column_already_and_an_unknown_x_gets_both_cases():
    """pandas reduces column by column by default: the same line is right on a DataFrame and wrong on an array."""
    frame = answer(
        "df = pd.read_csv(path)\nX = (df - df.mean()) / df.std()\nIs this normalizing each column separately?"
    )
    assert frame.markdown.startswith("#### One mean for the whole array\n\nNo change is needed for a DataFrame")
    unknown = answer("X = (X - X.mean()) / X.std()\nShould each column have its own mean?")
    assert unknown.markdown.startswith("#### One mean for the whole array\n\nIt depends on what X is.")
    assert "pandas DataFrame's `.mean()` and `.std()` already work column by column" in unknown.markdown


def test_each_feature_named_in_the_story_beside_a_no_axis_formula_asks_nothing_about_axes():
    story = "When I plot each feature the distribution is skewed. I did (X - X.mean()) / X.std(). Should I log first?"
    assert "One mean for the whole array" not in answer(story).markdown


def test_test_values_past_the_training_range_are_answered_first_as_expected_with_the_mapping_computed():
    message = (
        "mm = MinMaxScaler()\nx_train = mm.fit_transform(vals)\nx_test = mm.transform(test_vals)\n"
        "What if the maximum is higher in the test set? The value would come out more than 1, no?"
    )
    result = answer(message)
    assert result.markdown.startswith("#### Past the training range\n\nValues past the training range are expected")
    low, high = 1.0, 1000.0  # the example's widest feature, b; a test value a fifth of its range past the top
    assert f"a test value of {number(high + 0.2 * (high - low))} maps to {number(1.2)}" in result.markdown
    assert "Past the training range" not in answer("My features go 0 to 1 and 1 to 1000, why normalize?").markdown


def test_z_scoring_needs_no_normal_distribution_answered_first_with_kappa_for_a_skewed_feature():
    from explainer.chat.normality import SAMPLES, SEED

    markdown = answer("Does StandardScaler assume my data is normally distributed?").markdown
    assert markdown.startswith("#### Z-scoring and the normal distribution\n\nNo: z-scoring assumes nothing")
    rng = np.random.default_rng(SEED)
    features = np.column_stack([rng.lognormal(3.0, 1.0, SAMPLES), rng.uniform(0.0, 1.0, SAMPLES)])
    scored = (features - features.mean(axis=0)) / features.std(axis=0)
    # second moments only: after z-scoring, κ of [1 r 0; r 1 0; 0 0 1] is (1 + |r|)/(1 − |r|)
    r = abs(np.corrcoef(features.T)[0, 1])
    assert f"{number((1 + r) / (1 - r))} z-scored" in markdown
    design = np.column_stack([scored, np.ones(SAMPLES)])
    assert np.isclose(np.linalg.cond(design.T @ design), (1 + r) / (1 - r))
    assert "Z-scoring and the normal" not in answer("My features go 0 to 1 and 1 to 1000, why standardize?").markdown


def test_ranges_given_with_the_big_one_set_the_features_and_the_log_answer_uses_the_widest():
    """ "the big one" refers among the ranges of the same message, not to the example's features."""
    result = answer("my features go from 0 to 5 and 10 to 50000. should I log the big one?")
    assert "Take **x2** from 10 to 50,000 with a long tail" in result.markdown


def test_a_topics_own_example_is_never_said_back_as_the_learners_numbers():
    """No numbers given: the long-tailed feature the log answer computes with is called an example."""
    markdown = answer(
        "My features are skewed, I only did (X - X.mean()) / X.std(). Should I log-transform first?"
    ).markdown
    opening = markdown.split("\n\n")[0]
    assert "example" in opening and "samples drawn from those ranges" not in opening


def test_new_values_are_scaled_with_the_stated_training_statistics_first():
    """ "do I compute (5 − 1)/2 …?": yes, the learner's own arithmetic, done; min-max from stated extremes too."""
    stated = answer(
        "My regression was fitted on standardized inputs. The means of p, q were 1, 3 and the standard deviations"
        " were 2, 4. For new data p, q = 5, 11, do I compute (5-1)/2 and (11-3)/4 before plugging them in?"
    ).markdown
    assert stated.startswith("#### New values, scaled with the training statistics\n\nYes: each new value")
    assert "**p**: (5 − 1)/2 = 2; **q**: (11 − 3)/4 = 2." in stated
    extremes = answer(
        "I normalized the training set with min-max: the minimums were 0 and 10, the maximums were 40 and 60."
        " The new sample has u, v = 10, 35. How do I scale it?"
    ).markdown
    assert extremes.startswith("#### New values, scaled with the training statistics\n\nEach new value")
    assert "**u**: (10 − 0)/40 = 0.25; **v**: (35 − 10)/50 = 0.5." in extremes
    assert "New values, scaled" not in answer("How do I normalize a new sample before predict?").markdown


def test_two_intervals_weighed_against_each_other_get_kappa_for_each_first():
    """ "[-0.5, 0.5] and not [0, 1]?": κ of the conversation's features min-max scaled into each, computed apart."""
    markdown = answer("why are the pixels rescaled to [-0.5,0.5] and not to [0,1]?").markdown
    features = explanation_for(default_scenario()).analysis.data.features
    unit = (features - features.min(axis=0)) / (features.max(axis=0) - features.min(axis=0))

    assert markdown.startswith("#### [−0.5, 0.5] against [0, 1]\n\nFor gradient descent, [−0.5, 0.5] conditions")
    assert (
        f"κ = {number(_kappa_with_bias(unit - 0.5))} in [−0.5, 0.5], κ = {number(_kappa_with_bias(unit))} in [0, 1]"
        in markdown
    )
    assert "against" not in answer("Should I min-max scale my inputs to [0, 1]?").markdown.split("\n\n")[0]


def test_inputs_already_within_zero_and_one_are_answered_first_with_their_own__kappa_with_bias():
    """ "already between 0 and 1: still normalize?": mostly no, with κ as given and z-scored, computed apart."""
    result = answer("My two inputs run from 0 to 1 and from 0 to 0.5 already. Do I still need to normalize them?")
    features = explanation_for(result.conversation.scenario).analysis.data.features

    z_scored = (features - features.mean(axis=0)) / features.std(axis=0)
    assert result.markdown.startswith("#### Inputs within [0, 1]\n\nMostly, no: inputs that already share")
    assert (
        f"κ = {number(_kappa_with_bias(features))} as they are, {number(_kappa_with_bias(z_scored))} z-scored"
        in result.markdown
    )
    poor = answer("My inputs go from 0 to 1 but the network's results are still bad. How can I improve it?")
    assert poor.markdown.startswith("#### Inputs within [0, 1]\n\nRescaling will not be what fixes it")
    assert "Inputs within" not in answer("My inputs go from 0 to 1 and 0 to 50. Do I need to normalize?").markdown


def test_small_raw_features_are_said_to_lower_the_cap_and_not_to_saturate_tanh():
    """Features of a hundredth: z-scoring steepens the sharpest direction, so the cap falls, and tanh units are far
    from saturated raw; the answers say so instead of the usual direction (a review of real answers)."""
    cap = answer("my features go from 0 to 0.01 and 0 to 0.05; what is the largest learning rate I can use?")
    assert "Here normalizing lowers the largest stable learning rate" in cap.markdown
    assert "Normalizing allows a learning rate" not in cap.markdown
    why = answer("my features go from 0 to 0.01 and 0 to 0.05, why normalize?")
    assert "the cap falls to" in why.markdown and "the cap rises to" not in why.markdown
    tanh = answer("I use tanh activations and my features go from 0 to 0.01 and 0 to 0.05. Why is learning slow?")
    assert "**With tanh, these raw inputs do not saturate the first layer**" in tanh.markdown
    wide = answer("I use tanh and my inputs go 0 to 1 and 0 to 5000. why is learning slow?")
    assert "**With tanh, raw inputs saturate the first layer.**" in wide.markdown


def test_a_tree_answer_says_float32_rounding_can_move_xgboost_predictions_after_a_shift():
    markdown = answer(
        "Do random forests need feature scaling? I shifted X by -8 in xgboost and predictions changed"
    ).markdown
    assert "XGBoost and LightGBM store features as 32-bit floats" in markdown


def test_a_librarys_data_transforms_are_no_transformer_network():
    """ML.NET calls its preprocessing steps transformers: no "no run for your transformer network" beside them."""
    text = (
        "With the NormalizeMeanVariance transform (Transformers and AutoML) my result is worse:"
        ' mlContext.Transforms.NormalizeMeanVariance("Features")'
    )
    assert "transformer network" not in answer(text).markdown
    assert "No run for your transformer network" in answer("Does my BERT transformer need feature scaling?").markdown


def test_a_hand_written_backprop_net_hears_first_that_the_targets_scale_matters():
    """20 hidden nodes and a backprop loop are a network: its target question leads with the bounded output unit."""
    text = (
        "My backpropagation code has 20 hidden nodes and one output node. The targets are numbers between 0 and"
        " 100 and every output goes to 1. Should I scale the targets?"
    )
    paragraphs = answer(text).markdown.split("\n\n")
    assert any(p.startswith("**For a neural network the target's scale does matter.**") for p in paragraphs[:3])
