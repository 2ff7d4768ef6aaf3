"""Why does normalizing input features speed up learning? Exact, computed answers.

from explainer import Scenario, explain
result = explain(Scenario.from_ranges({"a": (0, 1), "b": (1, 1000)}))
result.raw.condition_number      # ≈ 5 × 10⁶
result.normalized.condition_number  # ≈ 1
"""

from explainer.datasets import bundled_scenario
from explainer.explain import Explanation, Headline, Step, explain
from explainer.gallery import gallery_ids, load_gallery
from explainer.lesson import Lesson, LessonStep, lesson_url, scenario_url
from explainer.link import LinkState, scenario_from_params, scenario_to_params, share_url
from explainer.model_answer import ModelAnswer, model_answer
from explainer.model_choice import ModelSettings
from explainer.models import ModelComparison, compare_models, model_run
from explainer.report import report_charts, write_report
from explainer.scenario import (
    Dataset,
    Feature,
    OptimizerSettings,
    Scenario,
    ScenarioError,
    default_scenario,
)
from explainer.scenario_file import (
    ScenarioFileError,
    load,
    load_lesson,
    load_scenario,
    scenario_to_toml,
    validate_file,
)
from explainer.schema import scenario_from_dict, scenario_to_dict
from explainer.table import parse_csv, read_csv_file

__all__ = [
    "Dataset",
    "Explanation",
    "Feature",
    "Headline",
    "Lesson",
    "LessonStep",
    "LinkState",
    "ModelAnswer",
    "ModelComparison",
    "ModelSettings",
    "OptimizerSettings",
    "Scenario",
    "ScenarioError",
    "ScenarioFileError",
    "Step",
    "bundled_scenario",
    "compare_models",
    "default_scenario",
    "explain",
    "gallery_ids",
    "lesson_url",
    "load",
    "load_gallery",
    "load_lesson",
    "load_scenario",
    "model_answer",
    "model_run",
    "parse_csv",
    "read_csv_file",
    "report_charts",
    "scenario_from_dict",
    "scenario_from_params",
    "scenario_to_dict",
    "scenario_to_params",
    "scenario_to_toml",
    "scenario_url",
    "share_url",
    "validate_file",
    "write_report",
]
