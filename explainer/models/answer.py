"""For the chat: a computed run of the learner's model on their numbers, or on the closest bundled dataset.

`model_answer("knn", scenario)` fits kNN on the learner's data when the model can take it (their
CSV, or data drawn from their ranges), otherwise on the bundled dataset nearest in kind and size,
and says which: the answer never passes a bundled dataset off as the learner's.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.formats.datasets import bundled_dataset, bundled_scenario
from explainer.models.budgeted import cached_fit
from explainer.models.fit import ModelComparison, compare_models
from explainer.models.summary import comparison_markdown
from explainer.scenario.model_choice import CLASSIFICATION_ONLY, MODEL_LABELS, ModelSettings
from explainer.scenario.spec import Scenario, ScenarioError

CLASSIFICATION_DATASETS = ("iris", "wine", "breast_cancer", "digits")


@dataclass(frozen=True)
class ModelAnswer:
    """The comparison, the scenario it was computed on, and one sentence saying whose data that is."""

    comparison: ModelComparison
    scenario: Scenario
    on_learners_data: bool
    which: str
    markdown: str


def closest_dataset(model: str, feature_count: int | None) -> str:
    """The bundled dataset nearest in feature count among those the model can run on."""
    candidates = CLASSIFICATION_DATASETS if model in CLASSIFICATION_ONLY else (*CLASSIFICATION_DATASETS, "diabetes")
    if feature_count is None:
        return "wine"  # 13 measurements from about 0.1 to about 1 700: the classic scaling example
    return min(candidates, key=lambda name: (abs(len(bundled_dataset(name).feature_names) - feature_count), name))


def model_answer(model: str | ModelSettings, scenario: Scenario | None = None) -> ModelAnswer:
    """Fit `model` raw and normalized on the learner's scenario if it can take it, else on the closest dataset."""
    chosen, on_learners_data, which = chosen_scenario(model, scenario)
    comparison = compare_models(chosen)
    return _answer(comparison, chosen, on_learners_data, which)


def answer_model(settings: ModelSettings, scenario: Scenario | None, normalization: str = "zscore") -> ModelAnswer:
    """The chat's `model_answer(settings, scenario)`: fitted in a worker within the model-fit budget, through
    the one model-fit cache (a repeated question, or Explore's same fit, costs a look-up). `normalization` is the
    method a bundled dataset is scaled with when there is no scenario (the one the learner named)."""
    chosen, on_learners_data, which = chosen_scenario(settings, scenario, normalization)
    comparison = cached_fit(chosen).result()
    return _answer(comparison, chosen, on_learners_data, which)


def chosen_scenario(
    model: str | ModelSettings, scenario: Scenario | None, normalization: str = "zscore"
) -> tuple[Scenario, bool, str | None]:
    """What `model` is fitted on: the learner's scenario if it can take it, else the closest bundled dataset.

    With whether that is the learner's data and the sentence saying whose it is (None: the comparison's
    own name for the data says it, a bundled dataset the learner chose)."""
    settings = model if isinstance(model, ModelSettings) else ModelSettings(model)  # type: ignore[arg-type]
    if settings.name == "linear_regression":
        raise ScenarioError.single("model.name", "linear regression is answered by explain(), the exact engine")
    if scenario is not None:
        try:
            chosen = scenario.with_changes(model=settings)
        except ScenarioError:
            chosen = None
        if chosen is not None:
            own = "your data" if scenario.data is not None and not scenario.dataset else "data drawn from your ranges"
            return chosen, not scenario.dataset, None if scenario.dataset else f"Computed on {own}."
    count = len(scenario.feature_names) if scenario is not None else None
    name = closest_dataset(settings.name, count)
    chosen = bundled_scenario(name, settings, normalization=scenario.normalization if scenario else normalization)
    reason = (
        f"{MODEL_LABELS[settings.name]} needs class labels, and your scenario has a numeric target"
        if scenario is not None and settings.name in CLASSIFICATION_ONLY
        else "no data of yours was given"
    )
    which = (
        f"Computed on scikit-learn's {name} dataset, the closest bundled one"
        f"{f' to your {count} features' if count else ''}: {reason}."
    )
    return chosen, False, which


def _answer(comparison: ModelComparison, chosen: Scenario, on_learners_data: bool, which: str | None) -> ModelAnswer:
    which = which or f"Computed on {comparison.source}."
    return ModelAnswer(comparison, chosen, on_learners_data, which, comparison_markdown(comparison))
