"""The plain-data form of a scenario: round trips, and every problem listed with its key path."""

from __future__ import annotations

import pytest

from explainer import Scenario, ScenarioError, default_scenario, scenario_from_dict, scenario_to_dict


def test_round_trip():
    scenario = default_scenario().with_changes(normalization="whiten", correlation=0.5, learning_rate=0.1)
    assert scenario_from_dict(scenario_to_dict(scenario)) == scenario


def test_every_error_is_listed_with_its_key_path():
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(
            {
                "features": [
                    {"name": "a", "low": 0, "high": 1},
                    {"name": "b", "low": 5, "high": "lots"},
                    {"name": "c", "low": 3, "high": 1},
                    {"low": 0, "high": 1, "colour": "red"},
                ],
                "learning_rate": "fast",
                "optimizer": {"name": "sgd", "momentum": 2},
                "speed": 11,
            }
        )
    paths = [path for path, _ in caught.value.problems]
    assert {
        "features[1].high",
        "features[2].high",
        "features[3].name",
        "features[3].colour",
        "learning_rate",
        "optimizer.name",
        "optimizer.momentum",
        "speed",
    } <= set(paths)


def test_keys_left_out_keep_the_base():
    base = default_scenario().with_changes(learning_rate=0.2)
    changed = scenario_from_dict({"normalization": "robust"}, base=base)
    assert changed.learning_rate == 0.2 and changed.normalization == "robust" and changed.features == base.features


def test_data_tables_read_columns_and_target():
    scenario = scenario_from_dict(
        {"data": {"columns": {"x": [10, 20, 30, 40], "y": [1.01, 2.02, 2.88, 4.1]}, "target": "y"}, "loss": "sse"}
    )
    assert scenario.data.feature_names == ("x",) and scenario.data.target == (1.01, 2.02, 2.88, 4.1)
    with pytest.raises(ScenarioError, match=r"data\.target"):
        scenario_from_dict({"data": {"columns": {"x": [1, 2, 3, 4]}, "target": "y"}})


def test_not_a_table_is_one_clear_error():
    with pytest.raises(ScenarioError, match="a scenario must be a table"):
        scenario_from_dict(["features"])
    assert isinstance(scenario_from_dict({"features": [{"name": "a", "low": 0, "high": 1}]}), Scenario)


def test_the_documented_keys_table_is_the_declarations():
    """docs/scenarios.md's "Keys" table is generated from explainer/scenario/fields.py; regenerate it with
    `python -m explainer.formats.schema` when a field changes."""
    from pathlib import Path

    from explainer.formats.schema import documentation_table

    docs = (Path(__file__).parent.parent / "docs" / "scenarios.md").read_text(encoding="utf-8")
    assert documentation_table() in docs


def test_a_seed_beside_a_bundled_dataset_is_read_and_a_synthetic_setting_is_refused():
    scenario = scenario_from_dict({"dataset": "wine", "model": "knn", "seed": 5})
    assert scenario.seed == 5
    assert scenario_to_dict(scenario)["seed"] == 5
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict({"dataset": "wine", "samples": 50, "noise": 1.0})
    assert [path for path, _ in caught.value.problems] == ["samples", "noise"]
    assert "not beside the bundled dataset" in str(caught.value)


@pytest.mark.parametrize(("key", "value", "bound"), [("seed", -1, "0 to 4,294,967,295"), ("max_steps", 0, "1 to")])
def test_a_file_refuses_a_whole_number_beyond_its_bound_naming_the_bound(key, value, bound):
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict({"features": [{"name": "a", "low": 0, "high": 1}], key: value})
    assert caught.value.problems[0][0] == key and bound in caught.value.problems[0][1]
