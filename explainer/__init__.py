"""Why does normalizing input features speed up learning? Exact, computed answers.

    from explainer import Scenario, explain
    result = explain(Scenario.from_ranges({"a": (0, 1), "b": (1, 1000)}))
    result.raw.condition_number         # ≈ 5 × 10⁶
    result.normalized.condition_number  # ≈ 1

The public names below are loaded on first use, so `import explainer` (and the command line's `--help`
and `validate`) never pays for scikit-learn, SymPy or Altair it does not need. The package is built in
floors, lowest first: text, scenario, budget, linear, formats, explanation, models, lessons, chat, cli
(tests/test_architecture.py keeps every import pointing down).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# public name -> the module that defines it
_HOMES = {
    "Explanation": "explainer.explanation.explain",
    "Headline": "explainer.explanation.explain",
    "Step": "explainer.explanation.explain",
    "explain": "explainer.explanation.explain",
    "bundled_scenario": "explainer.formats.datasets",
    "LinkState": "explainer.formats.link",
    "scenario_from_params": "explainer.formats.link",
    "scenario_to_params": "explainer.formats.link",
    "share_url": "explainer.formats.link",
    "scenario_from_dict": "explainer.formats.schema",
    "scenario_to_dict": "explainer.formats.schema",
    "parse_csv": "explainer.formats.table",
    "read_csv_file": "explainer.formats.table",
    "ScenarioFileError": "explainer.lessons.files",
    "load": "explainer.lessons.files",
    "load_lesson": "explainer.lessons.files",
    "load_scenario": "explainer.lessons.files",
    "scenario_to_toml": "explainer.lessons.files",
    "validate_file": "explainer.lessons.files",
    "gallery_ids": "explainer.lessons.gallery",
    "load_gallery": "explainer.lessons.gallery",
    "Lesson": "explainer.lessons.lesson",
    "LessonStep": "explainer.lessons.lesson",
    "lesson_url": "explainer.lessons.lesson",
    "scenario_url": "explainer.lessons.lesson",
    "report_charts": "explainer.lessons.report",
    "write_report": "explainer.lessons.report",
    "ModelAnswer": "explainer.models.answer",
    "model_answer": "explainer.models.answer",
    "ModelComparison": "explainer.models.fit",
    "compare_models": "explainer.models.fit",
    "model_run": "explainer.models.fit",
    "ModelSettings": "explainer.scenario.model_choice",
    "Dataset": "explainer.scenario.spec",
    "Feature": "explainer.scenario.spec",
    "OptimizerSettings": "explainer.scenario.spec",
    "Scenario": "explainer.scenario.spec",
    "ScenarioError": "explainer.scenario.spec",
    "default_scenario": "explainer.scenario.spec",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    """Load a public name from its home module the first time it is asked for."""
    if name not in _HOMES:
        raise AttributeError(f"module 'explainer' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))


if TYPE_CHECKING:  # what type checkers and editors see: the same names, imported eagerly
    from explainer.explanation.explain import Explanation, Headline, Step, explain  # noqa: F401
    from explainer.formats.datasets import bundled_scenario  # noqa: F401
    from explainer.formats.link import LinkState, scenario_from_params, scenario_to_params, share_url  # noqa: F401
    from explainer.formats.schema import scenario_from_dict, scenario_to_dict  # noqa: F401
    from explainer.formats.table import parse_csv, read_csv_file  # noqa: F401
    from explainer.lessons.files import (  # noqa: F401
        ScenarioFileError,
        load,
        load_lesson,
        load_scenario,
        scenario_to_toml,
        validate_file,
    )
    from explainer.lessons.gallery import gallery_ids, load_gallery  # noqa: F401
    from explainer.lessons.lesson import Lesson, LessonStep, lesson_url, scenario_url  # noqa: F401
    from explainer.lessons.report import report_charts, write_report  # noqa: F401
    from explainer.models.answer import ModelAnswer, model_answer  # noqa: F401
    from explainer.models.fit import ModelComparison, compare_models, model_run  # noqa: F401
    from explainer.scenario.model_choice import ModelSettings  # noqa: F401
    from explainer.scenario.spec import Dataset, Feature, OptimizerSettings, Scenario, ScenarioError, default_scenario  # noqa: F401
