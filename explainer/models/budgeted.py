"""Model fits within their time budget: in a worker, stopped with a message naming a cheaper setting."""

from __future__ import annotations

from typing import Any

from explainer.budget import limits
from explainer.budget.workers import BudgetExceededError, shared_pool
from explainer.scenario.spec import DEFAULT_SAMPLES, Scenario


def _model_words(scenario: Scenario) -> str:
    from explainer.scenario.model_choice import MODEL_LABELS

    label = MODEL_LABELS[scenario.model.name].split(" (")[0]
    data = f"the {scenario.dataset} dataset" if scenario.dataset else "your data"
    cap = f" with maxiter={scenario.model.max_iter}" if scenario.model.max_iter else ""
    return f"The {label} fit on {data}{cap}"


def cheaper_model_setting(scenario: Scenario) -> str:
    """A setting that costs less and fits within the budget: the smaller cap, one tree, or fewer samples."""
    from explainer.scenario.model_choice import DEFAULT_ITERATIONS

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


def model_over_budget(scenario: Scenario) -> Any:
    def message(budget: float) -> BudgetExceededError:
        return BudgetExceededError(
            "model",
            f"{_model_words(scenario)} stopped after its {budget:g} s budget; {cheaper_model_setting(scenario)}",
        )

    return message


def fit_models(scenario: Scenario) -> Any:
    """`compare_models(scenario)` in a worker, within limits.MODEL_FIT_SECONDS."""
    from explainer.models.fit import compare_models

    return shared_pool().run(compare_models, (scenario,), limits.MODEL_FIT_SECONDS, model_over_budget(scenario))
