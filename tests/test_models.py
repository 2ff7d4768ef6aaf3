"""The model comparison against scikit-learn run directly here: the issue's figures, not hard-coded numbers."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn.datasets import load_wine
from sklearn.decomposition import PCA
from sklearn.ensemble import RandomForestClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from explainer.formats.datasets import bundled_dataset, bundled_scenario, labelled_data
from explainer.models.fit import MAX_FIT_ROWS, compare_models, model_run
from explainer.models.theory import distance_shares, logistic_hessian
from explainer.scenario.model_choice import ModelSettings, task_for_target
from explainer.scenario.spec import Dataset, Scenario, ScenarioError


@pytest.fixture(scope="module")
def wine_split():
    features, target = load_wine(return_X_y=True)
    return train_test_split(features, target, test_size=0.3, random_state=42)


@pytest.fixture(scope="module")
def wine_logistic():
    return compare_models(bundled_scenario("wine", ModelSettings("logistic_regression")))


def _fit_recording(estimator, features, target):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        estimator.fit(features, target)
    return [w for w in caught if issubclass(w.category, ConvergenceWarning)]


def test_raw_wine_logistic_hits_the_default_cap_and_the_app_says_so(wine_split, wine_logistic):
    train_x, _, train_y, _ = wine_split
    direct = LogisticRegression()
    caught = _fit_recording(direct, train_x, train_y)
    assert caught and int(direct.n_iter_.max()) == direct.max_iter == 100
    raw = wine_logistic.raw
    assert raw.hit_cap and raw.iterations == 100 and raw.iteration_cap == 100
    assert any(message.startswith("ConvergenceWarning: lbfgs failed to converge") for message in raw.warnings)
    said = " ".join(wine_logistic.notes)
    assert "stopped at max_iter = 100" in said and "lbfgs failed to converge" in said


def test_standardized_wine_logistic_converges_in_under_30_iterations(wine_split, wine_logistic):
    train_x, _, train_y, _ = wine_split
    direct = make_pipeline(StandardScaler(), LogisticRegression())
    assert not _fit_recording(direct, train_x, train_y)
    assert wine_logistic.normalized.iterations == int(direct[-1].n_iter_.max()) < 30
    assert not wine_logistic.normalized.hit_cap


def test_raw_wine_logistic_needs_thousands_of_iterations_once_the_cap_is_raised(wine_split, wine_logistic):
    train_x, _, train_y, _ = wine_split
    direct = LogisticRegression(max_iter=10_000)
    assert not _fit_recording(direct, train_x, train_y)
    needed = int(direct.n_iter_.max())
    assert wine_logistic.raised_cap_iterations == needed >= 1000
    assert f"converges after {needed:,} iterations" in " ".join(wine_logistic.notes)


def test_logistic_hessian_condition_number_falls_with_standardizing(wine_logistic):
    curvature = wine_logistic.theory.logistic
    assert curvature.start_raw > 1e4 * curvature.start_normalized
    assert curvature.solution_raw > 1e4 * curvature.solution_normalized


def test_logistic_hessian_matches_finite_differences_of_the_log_loss():
    features = np.random.default_rng(0).normal(size=(50, 3)) * [1.0, 10.0, 0.1]
    labels = (features[:, 0] + features[:, 2] * 5 > 0).astype(float)
    design = np.column_stack([np.ones(50), features])

    def gradient(weights):
        probabilities = 1 / (1 + np.exp(-design @ weights))
        return design.T @ (probabilities - labels) / 50

    weights = np.array([0.1, -0.2, 0.05, 0.3])
    step = 1e-6
    numeric = np.column_stack(
        [(gradient(weights + step * e) - gradient(weights - step * e)) / (2 * step) for e in np.eye(4)]
    )
    probabilities = 1 / (1 + np.exp(-design @ weights))
    assert np.allclose(logistic_hessian(features, probabilities), numeric, rtol=1e-5, atol=1e-8)


def test_pca_then_logistic_reproduces_scikit_learns_scaling_example(wine_split):
    train_x, test_x, train_y, test_y = wine_split
    unscaled = make_pipeline(PCA(2), LogisticRegression()).fit(train_x, train_y).score(test_x, test_y)
    scaled = make_pipeline(StandardScaler(), PCA(2), LogisticRegression()).fit(train_x, train_y).score(test_x, test_y)
    comparison = compare_models(bundled_scenario("wine", ModelSettings("logistic_regression", pca_components=2)))
    assert comparison.raw.score == pytest.approx(unscaled) and comparison.normalized.score == pytest.approx(scaled)
    assert comparison.raw.score < 0.75 and comparison.normalized.score > 0.9  # ≈ 69% against ≈ 96%


def test_knn_on_wine_gains_more_than_15_points_with_scaling(wine_split):
    train_x, test_x, train_y, test_y = wine_split
    raw = KNeighborsClassifier().fit(train_x, train_y).score(test_x, test_y)
    scaled = make_pipeline(StandardScaler(), KNeighborsClassifier()).fit(train_x, train_y).score(test_x, test_y)
    comparison = compare_models(bundled_scenario("wine", ModelSettings("knn")))
    assert (comparison.raw.score, comparison.normalized.score) == pytest.approx((raw, scaled))
    assert comparison.score_gain > 0.15
    shares = comparison.theory.distances
    assert shares.feature_names[int(np.argmax(shares.raw))] == "proline" and max(shares.raw) > 0.9
    assert np.allclose(shares.normalized, 1 / len(shares.normalized))


def test_random_forest_predictions_are_identical_raw_and_normalized(wine_split):
    train_x, test_x, train_y, _ = wine_split
    scaler = StandardScaler().fit(train_x)
    raw = RandomForestClassifier(random_state=0).fit(train_x, train_y).predict(test_x)
    scaled = RandomForestClassifier(random_state=0).fit(scaler.transform(train_x), train_y)
    assert np.array_equal(raw, scaled.predict(scaler.transform(test_x)))
    comparison = compare_models(bundled_scenario("wine", ModelSettings("tree", tree_kind="forest")))
    assert comparison.identical_predictions == 1.0
    assert "identical raw and normalized on 100%" in " ".join(comparison.notes)


def test_raw_inputs_saturate_tanh_units_at_initialization():
    comparison = compare_models(bundled_scenario("wine", ModelSettings("mlp", activation="tanh")))
    activations = comparison.theory.activations
    assert activations.preactivation_std_raw > 50 * activations.preactivation_std_normalized
    assert activations.stuck_raw > 0.5 > 0.1 > activations.stuck_normalized
    assert len(comparison.raw.curve_losses) == comparison.raw.iterations  # the estimator's loss_curve_


def test_no_warning_leaks_out_of_a_comparison():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = compare_models(bundled_scenario("diabetes", ModelSettings("sgd")))
    assert not caught
    assert result.task == "regression" and result.score_name == "R²"


def test_distance_shares_sum_to_one_and_even_out_under_z_scoring():
    features = np.random.default_rng(1).uniform(size=(200, 3)) * [1, 10, 1000]
    scaled = StandardScaler().fit_transform(features)
    shares = distance_shares(("a", "b", "c"), features, scaled)
    assert sum(shares.raw) == pytest.approx(1) and shares.raw[2] > 0.99
    assert shares.normalized == pytest.approx((1 / 3, 1 / 3, 1 / 3))


def test_linear_regression_is_routed_to_the_exact_engine():
    from explainer.explanation.explain import explain

    scenario = bundled_scenario("iris")
    assert model_run(scenario).raw.condition_number == explain(scenario).raw.condition_number


@pytest.mark.parametrize(
    ("name", "task"), [("wine", "classification"), ("iris", "classification"), ("diabetes", "regression")]
)
def test_the_task_is_read_from_the_target(name, task):
    assert labelled_data(bundled_scenario(name)).task == task


def test_four_distinct_targets_in_four_rows_are_a_regression():
    assert task_for_target((1.01, 2.02, 2.88, 4.1)) == "regression"
    assert task_for_target((0, 1) * 10) == "classification"


def test_logistic_regression_on_a_regression_target_is_refused_with_its_field():
    with pytest.raises(ScenarioError) as error:
        Scenario.from_ranges({"a": (0, 1), "b": (1, 1000)}, model=ModelSettings("logistic_regression"))
    assert error.value.problems[0][0] == "model.name" and "class labels" in error.value.problems[0][1]


def test_an_unknown_dataset_and_solver_are_named():
    with pytest.raises(ScenarioError) as error:
        Scenario(data=bundled_dataset("wine"), dataset="mnist", model=ModelSettings("logistic_regression", solver="x"))
    assert {path for path, _ in error.value.problems} == {"dataset", "model.solver"}


def test_a_large_table_is_subsampled_for_fitting_and_the_app_says_so():
    generator = np.random.default_rng(0)
    features = generator.uniform(size=(20_000, 20)) * np.geomspace(1, 1000, 20)
    target = features @ (1 / np.geomspace(1, 1000, 20)) + generator.normal(size=20_000)
    names = tuple(f"x{index}" for index in range(20))
    data = Dataset(names, tuple(tuple(column) for column in features.T), tuple(target))
    comparison = compare_models(Scenario(data=data, model=ModelSettings("mlp")))
    assert comparison.rows_fitted == MAX_FIT_ROWS < 14_000
    assert f"used {MAX_FIT_ROWS:,} of the 14,000 training rows" in " ".join(comparison.notes)


def test_labels_that_are_not_whole_numbers_still_make_a_classification():
    generator = np.random.default_rng(3)
    features = generator.normal(size=(120, 2)) * [1, 500]
    labels = np.where(features[:, 0] > 0, 2.5, 7.5)
    data = Dataset(("a", "b"), tuple(tuple(column) for column in features.T), tuple(labels))
    comparison = compare_models(Scenario(data=data, model=ModelSettings("knn")))
    assert comparison.task == "classification" and comparison.score_name == "accuracy"
    assert comparison.normalized.score > comparison.raw.score


@pytest.mark.parametrize("model", [ModelSettings("logistic_regression"), ModelSettings("mlp", activation="tanh")])
def test_a_comparison_writes_large_numbers_as_a_learner_reads_them(model):
    import re

    from explainer.models.summary import comparison_markdown, comparison_text

    comparison = compare_models(bundled_scenario("wine", model))
    shown = comparison_text(comparison) + comparison_markdown(comparison)
    assert re.search(r"\de[+-]?\d", shown) is None, shown  # "3.48 × 10⁸", never "3.48e+08"
    if model.name == "logistic_regression":
        assert "× 10⁸" in shown  # the raw Hessian's κ, about 3.5 × 10⁸
