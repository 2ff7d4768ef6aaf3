"""The chat's computed run: on the learner's numbers when the model can take them, else a named bundled dataset."""

from __future__ import annotations

from explainer import Scenario, default_scenario, model_answer
from explainer.formats.datasets import bundled_scenario
from explainer.models.fit import compare_models


def test_a_regression_model_runs_on_data_drawn_from_the_learners_ranges():
    answer = model_answer("knn", default_scenario())
    assert answer.on_learners_data and answer.which == "Computed on data drawn from your ranges."
    direct = compare_models(default_scenario().with_changes(model=answer.scenario.model))
    assert (answer.comparison.raw.score, answer.comparison.normalized.score) == (
        direct.raw.score,
        direct.normalized.score,
    )


def test_a_model_needing_labels_runs_on_the_closest_bundled_dataset_and_says_so():
    answer = model_answer("logistic_regression", Scenario.from_ranges({f"x{i}": (0, 10**i) for i in range(12)}))
    assert not answer.on_learners_data and answer.scenario.dataset == "wine"  # 13 features, the nearest to 12
    assert answer.which.startswith("Computed on scikit-learn's wine dataset, the closest bundled one to your 12")
    assert "needs class labels" in answer.which


def test_without_a_scenario_the_answer_uses_wine():
    answer = model_answer("mlp")
    assert answer.scenario == bundled_scenario("wine", answer.scenario.model)
    assert "| test accuracy |" in answer.markdown
