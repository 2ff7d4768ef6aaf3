"""What each kind of heavy work may cost, and the budgeted entry points the pages and the chat call.

Three kinds of work get a time budget (seconds, overridable by environment variable, listed in the
README's "Budgets" section): a model fit (raw and normalized, with its loss curves), a large
explanation, and reading an uploaded lesson. Each runs in the worker pool; past its budget the
worker is killed and the caller gets a `BudgetExceededError` naming the cause and a cheaper setting.
Small explanations run in the serving process: a worker round trip would cost more than they do.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from explainer.budget.workers import BudgetExceededError, shared_pool
from explainer.scenario import DEFAULT_SAMPLES, Scenario


def _seconds(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


MODEL_FIT_SECONDS = _seconds("WHY_NORMALIZE_MODEL_FIT_SECONDS", 30)  # saga on digits: 12 s quiet, 21 s loaded
EXPLAIN_SECONDS = _seconds("WHY_NORMALIZE_EXPLAIN_SECONDS", 30)  # 20 × 100,000: 13.6 s loaded
LESSON_SECONDS = _seconds("WHY_NORMALIZE_LESSON_SECONDS", 10)
# explanations up to this many data values (rows × (features + 1)) run in-process; measured ≈ 0.1 s
INLINE_EXPLAIN_VALUES = int(os.environ.get("WHY_NORMALIZE_INLINE_EXPLAIN_VALUES", "30000"))


def _model_words(scenario: Scenario) -> str:
    from explainer.model_choice import MODEL_LABELS

    label = MODEL_LABELS[scenario.model.name].split(" (")[0]
    data = f"the {scenario.dataset} dataset" if scenario.dataset else "your data"
    cap = f" with maxiter={scenario.model.max_iter}" if scenario.model.max_iter else ""
    return f"The {label} fit on {data}{cap}"


def cheaper_model_setting(scenario: Scenario) -> str:
    """A setting that costs less and fits within the budget: the smaller cap, one tree, or fewer samples."""
    from explainer.model_choice import DEFAULT_ITERATIONS

    model = scenario.model
    default_cap = DEFAULT_ITERATIONS.get(model.name)
    if model.max_iter and default_cap and model.max_iter > default_cap:
        return f"maxiter={default_cap} (scikit-learn's default) fits well within it"
    if model.name == "tree" and model.tree_kind == "forest":
        return "one decision tree (trees=tree) fits in a fraction of it"
    if model.name == "logistic_regression" and model.solver != "lbfgs":
        return "the lbfgs solver fits in a fraction of it"
    if not scenario.dataset and scenario.data is None and scenario.samples > DEFAULT_SAMPLES:
        return f"samples={DEFAULT_SAMPLES} fits well within it"
    return "fewer features, or PCA before the model (pca=5), costs less"


def _model_over_budget(scenario: Scenario) -> Any:
    def message(budget: float) -> BudgetExceededError:
        return BudgetExceededError(
            "model",
            f"{_model_words(scenario)} stopped after its {budget:g} s budget; {cheaper_model_setting(scenario)}",
        )

    return message


def fit_models(scenario: Scenario) -> Any:
    """`compare_models(scenario)` in a worker, within MODEL_FIT_SECONDS."""
    from explainer.models import compare_models

    return shared_pool().run(compare_models, (scenario,), MODEL_FIT_SECONDS, _model_over_budget(scenario))


def answer_model(settings: Any, scenario: Scenario | None) -> Any:
    """The chat's `model_answer(settings, scenario)` in a worker, within MODEL_FIT_SECONDS."""
    from explainer.datasets import bundled_scenario
    from explainer.model_answer import model_answer

    described = (scenario or bundled_scenario("wine")).with_changes_lenient(model=settings)[0]
    return shared_pool().run(model_answer, (settings, scenario), MODEL_FIT_SECONDS, _model_over_budget(described))


def data_values(scenario: Scenario) -> int:
    """Rows × (features + 1): what an explanation's cost grows with."""
    return scenario.sample_count * (len(scenario.feature_names) + 1)


def explain_within_budget(scenario: Scenario) -> Any:
    """`explain(scenario)`: in-process when small, else in a worker within EXPLAIN_SECONDS."""
    from explainer.explain import explain

    if data_values(scenario) <= INLINE_EXPLAIN_VALUES:
        return explain(scenario)

    def message(budget: float) -> BudgetExceededError:
        cheaper = (
            f"samples={DEFAULT_SAMPLES} takes well under a second"
            if scenario.data is None
            else "a smaller table (fewer rows) costs less"
        )
        return BudgetExceededError(
            "samples" if scenario.data is None else "data",
            f"Working out {scenario.sample_count:,} samples stopped after its {budget:g} s budget; {cheaper}",
        )

    return shared_pool().run(explain, (scenario,), EXPLAIN_SECONDS, message)


def parse_lesson(data: bytes, source: str, folder: Path | None, lesson_id: str) -> Any:
    """`scenario_file.parse(...)` of an uploaded file in a worker, within LESSON_SECONDS."""
    from explainer.scenario_file import ScenarioFileError, parse

    def message(budget: float) -> BudgetExceededError:
        return BudgetExceededError(
            "",
            f"Reading {source} ({len(data) / 1e6:.1f} MB) stopped after its {budget:g} s budget; a lesson with fewer"
            " steps or a smaller table reads faster",
        )

    try:
        return shared_pool().run(parse, (data, source, folder, lesson_id), LESSON_SECONDS, message)
    except BudgetExceededError as error:
        raise ScenarioFileError(source, error.problems) from None
