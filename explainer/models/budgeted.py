"""Model fits within their time budget: in a worker, stopped with a message naming a cheaper setting.

`cached_fit` is the one model-fit cache: Explore's and Derivation's model sections, reports and the
chat all read their comparisons from the "model_runs" region of the one memory budget, under one
key (`model_fit_key`), so the same fit asked for from two places is fitted once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from explainer.budget import limits
from explainer.budget.memory import BoundedCache, cache_key, region
from explainer.budget.workers import BudgetExceededError, shared_pool
from explainer.scenario.spec import DEFAULT_SAMPLES, Scenario, ScenarioError

if TYPE_CHECKING:
    from explainer.models.fit import ModelComparison

MODEL_FIT_ENTRIES = 64  # a comparison is a few kB, but each costs up to seconds to fit
# The linear engine's fields: a model fit never reads them, so its key leaves them at their defaults.
LINEAR_ONLY = ("loss", "optimizer", "learning_rate", "max_steps", "tolerance", "title")
MODEL_RUNS: BoundedCache = region("model_runs", max_entries=MODEL_FIT_ENTRIES)


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


@dataclass(frozen=True)
class ModelFit:
    """A comparison, or the problems that stopped it: kept as data, so a refusal is cached too."""

    comparison: ModelComparison | None
    problems: tuple[tuple[str, str], ...] = ()
    over_budget: bool = False  # stopped at its time budget (the message names a cheaper setting)

    def result(self) -> ModelComparison:
        """The comparison, or its refusal raised again: BudgetExceededError past the budget, else ScenarioError."""
        if self.comparison is not None:
            return self.comparison
        if self.over_budget:
            raise BudgetExceededError(*self.problems[0])
        raise ScenarioError(list(self.problems))


def model_fit_key(scenario: Scenario, table_key: str | None = None) -> str:
    """The model-fit cache's key: `cache_key` with the linear engine's fields, which a fit never reads, left out."""
    return cache_key(scenario, table_key, ignoring=LINEAR_ONLY)


def cached_fit(scenario: Scenario, table_key: str | None = None) -> ModelFit:
    """`fit_models(scenario)` from the one model-fit cache; `table_key` as in `cache_key`.

    A refusal (over budget, a refused scenario, scikit-learn refusing the data) is cached like a result:
    the same request would stop again. A busy server or a lost worker raise and are not cached.
    """
    return MODEL_RUNS.get_or_compute(model_fit_key(scenario, table_key), lambda: _fit(scenario))


def _fit(scenario: Scenario) -> ModelFit:
    try:
        return ModelFit(fit_models(scenario))
    except BudgetExceededError as error:
        if error.busy:
            raise
        return ModelFit(None, error.problems, over_budget=True)
    except ScenarioError as error:
        return ModelFit(None, error.problems)
    except ValueError as error:  # scikit-learn refusing this data (one class in the training rows, say)
        return ModelFit(None, (("model", str(error).splitlines()[0]),))
