"""Datasets learners know, offline: scikit-learn's bundled tables, and the learner's own CSV.

A bundled dataset becomes a `Dataset` (the values) plus its name on the `Scenario`, so links
and files carry only the name. The task comes from the target: classification for few
distinct labels, regression otherwise (`explainer.scenario.model_choice.task_for_target`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any, Literal

import numpy as np
from sklearn import datasets as sklearn_datasets

from explainer.budget.memory import region
from explainer.linear.data import TrainingData, make_data
from explainer.scenario.model_choice import BUNDLED_DATASETS, ModelSettings, task_for_target
from explainer.scenario.spec import Dataset, Scenario, ScenarioError

DATASET_LABELS: dict[str, str] = {
    "wine": "wine: 178 wines, 13 chemical measurements, 3 cultivars",
    "breast_cancer": "breast cancer: 569 tumours, 30 cell measurements, benign or malignant",
    "diabetes": "diabetes: 442 patients, 10 measurements, disease progression after a year (regression)",
    "iris": "iris: 150 flowers, 4 measurements in cm, 3 species",
    "digits": "digits: 1,797 handwritten 8 × 8 digits, pixel darkness 0–16, 10 classes",
}
_LOADERS = {
    "wine": sklearn_datasets.load_wine,
    "breast_cancer": sklearn_datasets.load_breast_cancer,
    "diabetes": partial(sklearn_datasets.load_diabetes, scaled=False),  # the raw units, not pre-scaled
    "iris": sklearn_datasets.load_iris,
    "digits": sklearn_datasets.load_digits,
}


@dataclass(frozen=True)
class LabelledData(TrainingData):
    """The arrays a model is fitted on (`TrainingData`), with where they came from and the task they pose."""

    task: Literal["classification", "regression"]
    source: str  # "the wine dataset (scikit-learn)", "your data", "synthetic data from your ranges"
    notes: tuple[str, ...] = ()


def bundled_dataset(name: str) -> Dataset:
    """One of scikit-learn's bundled datasets as a `Dataset` (digits: the 3 always-blank pixels dropped).

    Kept in the "datasets" region of the one memory budget (all five take about 4 MB)."""
    if name not in _LOADERS:
        raise ScenarioError.single("dataset", f"must be one of {', '.join(BUNDLED_DATASETS)} (got {name!r})")
    return region("datasets", max_entries=len(BUNDLED_DATASETS)).get_or_compute(name, lambda: _load(name))


def _load(name: str) -> Dataset:
    bunch: Any = _LOADERS[name]()
    features = np.asarray(bunch.data, dtype=float)
    names = [str(column).replace("(", "").replace(")", "").strip()[:40] for column in bunch.feature_names]
    keep = features.max(axis=0) > features.min(axis=0)  # a constant column has no scale to normalize
    columns = tuple(tuple(float(v) for v in features[:, index]) for index in np.flatnonzero(keep))
    target_name = "progression" if name == "diabetes" else "class"
    return Dataset(
        tuple(names[index] for index in np.flatnonzero(keep)),
        columns,
        tuple(float(v) for v in bunch.target),
        target_name,
    )


def bundled_scenario(name: str, model: ModelSettings | None = None, **settings: Any) -> Scenario:
    """A scenario on a bundled dataset: `bundled_scenario("wine", ModelSettings("logistic_regression"))`."""
    return Scenario(data=bundled_dataset(name), dataset=name, model=model or ModelSettings(), **settings)


def labelled_data(scenario: Scenario) -> LabelledData:
    """The scenario's data as arrays, with the task read from its target."""
    data = make_data(scenario)
    if scenario.dataset:
        source = f"the {scenario.dataset} dataset (scikit-learn's bundled copy)"
    elif scenario.data is not None:
        source = "your data"
    else:
        source = "synthetic data drawn from your feature ranges"
    notes: tuple[str, ...] = ()
    if scenario.dataset == "digits":
        notes = ("3 pixels that are blank in every digit were dropped: a constant column has no scale.",)
    task = task_for_target(tuple(data.target.tolist()))
    # class labels as 0..K-1 whatever their values (2.5 and 7.5 are labels too, once few and repeated)
    target = np.unique(data.target, return_inverse=True)[1] if task == "classification" else data.target
    return LabelledData(data.features, target, data.feature_names, data.target_name, task, source, notes)
