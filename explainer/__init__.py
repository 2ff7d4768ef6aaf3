"""Why does normalizing input features speed up learning? Exact, computed answers.

from explainer import Scenario, explain
result = explain(Scenario.from_ranges({"a": (0, 1), "b": (1, 1000)}))
result.raw.condition_number      # ≈ 5 × 10⁶
result.normalized.condition_number  # ≈ 1
"""

from explainer.explain import Explanation, Headline, Step, explain
from explainer.link import LinkState, scenario_from_params, scenario_to_params, share_url
from explainer.scenario import (
    Dataset,
    Feature,
    OptimizerSettings,
    Scenario,
    ScenarioError,
    default_scenario,
)
from explainer.schema import scenario_from_dict, scenario_to_dict
from explainer.table import parse_csv, read_csv_file

__all__ = [
    "Dataset",
    "Explanation",
    "Feature",
    "Headline",
    "LinkState",
    "OptimizerSettings",
    "Scenario",
    "ScenarioError",
    "Step",
    "default_scenario",
    "explain",
    "parse_csv",
    "read_csv_file",
    "scenario_from_dict",
    "scenario_from_params",
    "scenario_to_dict",
    "scenario_to_params",
    "share_url",
]
