"""The model and the dataset go everywhere the scenario goes: links, TOML files, plain data."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer import ScenarioError, scenario_from_dict, scenario_from_params, scenario_to_params, scenario_to_toml
from explainer.formats.datasets import bundled_scenario
from explainer.scenario.model_choice import ModelSettings
from explainer.scenario.spec import Scenario


def test_a_link_carries_the_model_and_the_dataset_by_name():
    scenario = bundled_scenario("wine", ModelSettings("logistic_regression", solver="saga", max_iter=500))
    params = scenario_to_params(scenario)
    assert params == {"dataset": "wine", "model": "logistic_regression", "solver": "saga", "maxiter": "500"}
    state = scenario_from_params(params)
    assert state.warnings == () and state.scenario == scenario


def test_a_link_with_features_and_a_model_keeps_both():
    scenario = Scenario.from_ranges({"a": (0, 1), "b": (1, 1000)}, model=ModelSettings("mlp", activation="relu"))
    state = scenario_from_params(scenario_to_params(scenario))
    assert state.scenario == scenario


def test_a_tampered_model_link_opens_with_warnings_naming_the_parameters():
    state = scenario_from_params({"dataset": "mnist", "model": "xgboost", "pca": "-3"})
    assert state.scenario.model.name == "linear_regression" and state.scenario.dataset == ""
    assert [warning.split(":")[0] for warning in state.warnings] == ["model", "pca", "dataset"]


def test_a_model_the_data_cannot_take_is_dropped_from_a_link_with_the_reason():
    state = scenario_from_params({"dataset": "diabetes", "model": "logistic_regression"})
    assert state.scenario.dataset == "diabetes" and state.scenario.model.name == "linear_regression"
    assert "needs class labels" in state.warnings[0]


def test_a_toml_file_carries_the_model_and_the_dataset():
    scenario = bundled_scenario("iris", ModelSettings("tree", tree_kind="tree"), normalization="minmax")
    text = scenario_to_toml(scenario)
    written = tomllib.loads(text)
    assert written["dataset"] == "iris" and written["model"] == {"name": "tree", "tree_kind": "tree"}
    assert "[data" not in text  # the values are scikit-learn's, not copied into the file
    assert scenario_from_dict(tomllib.loads(text)) == scenario


def test_a_model_table_with_wrong_keys_lists_every_problem():
    with pytest.raises(ScenarioError) as error:
        scenario_from_dict({"dataset": "wine", "model": {"name": "mlp", "layers": 3, "activation": "sigmoid"}})
    assert {path for path, _ in error.value.problems} == {"model.layers", "model.activation"}


def test_an_unknown_bundled_dataset_in_a_file_is_named():
    with pytest.raises(ScenarioError) as error:
        scenario_from_dict({"dataset": "titanic"})
    assert error.value.problems[0][0] == "dataset"


def test_reports_show_the_model_comparison(tmp_path):
    import json

    from explainer import write_report

    scenario = bundled_scenario("wine", ModelSettings("knn"), title="kNN on wine")
    write_report(scenario, tmp_path / "knn.json")
    comparison = json.loads((tmp_path / "knn.json").read_text())["steps"][0]["model_comparison"]
    assert comparison["model"]["name"] == "knn" and comparison["score_gain"] > 0.15
    write_report(scenario, tmp_path / "knn.md")
    markdown = (tmp_path / "knn.md").read_text()
    assert "| proline's share of squared distances |" in markdown and "proline carries" in markdown
    write_report(scenario, tmp_path / "knn.html")
    page = (tmp_path / "knn.html").read_text()
    assert 'data-figure="model-scores"' in page and 'data-figure="model-distances"' in page


@pytest.mark.parametrize("value", ["²", "1e3", "-1", "99999999999999999999", "", " 2 "])
def test_odd_model_numbers_in_a_link_never_raise(value):
    state = scenario_from_params({"model": "mlp", "maxiter": value, "pca": value})
    assert state.scenario.model.name == "mlp"
    assert value.strip() == "2" or len(state.warnings) == 2


@given(
    st.dictionaries(
        st.sampled_from(["model", "dataset", "solver", "act", "trees", "maxiter", "pca", "f"]),
        st.text(max_size=20),
        max_size=5,
    )
)
@settings(max_examples=60, deadline=None)
def test_no_model_link_raises(params):
    state = scenario_from_params(params)
    assert state.scenario == scenario_from_params(scenario_to_params(state.scenario)).scenario


def test_a_link_with_a_dataset_and_features_says_which_it_ignored():
    from explainer.formats.link import scenario_from_params

    state = scenario_from_params({"dataset": ["wine"], "f": ["a,0,1,uniform"]})
    assert state.scenario.dataset == "wine"
    assert state.warnings == ("f: ignored, the link names the bundled dataset wine",)
