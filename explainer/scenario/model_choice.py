"""Which model a learner runs, and on which data: names and settings only, no scikit-learn here.

`ModelSettings` is a small frozen value carried by the `Scenario` (so by links, files and the
app's cache key); `explainer.models.fit` turns it into the real scikit-learn estimator.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

from explainer.text.echo import shown

ModelName = Literal["linear_regression", "logistic_regression", "sgd", "mlp", "knn", "svm_rbf", "kmeans", "tree"]
MODELS: tuple[str, ...] = get_args(ModelName)
SOLVERS = ("lbfgs", "saga", "sag")
ACTIVATIONS = ("tanh", "relu")
TREE_KINDS = ("forest", "tree")
BUNDLED_DATASETS = ("wine", "breast_cancer", "diabetes", "iris", "digits")
MAX_ITERATION_CAP = 10_000  # the largest cap any model takes; MAX_ITERATIONS has each model's own
# Each model's iteration bound, from measured costs (benchmarks/budgets.py) so the worst fit stays in its
# budget: an MLP epoch on 3,000 rows × 20 features costs about 10 ms and a regression never converges, so
# 10,000 epochs took 27 s on diabetes; saga costs about 3 ms an iteration on digits (10,000: 12.8 s).
MAX_ITERATIONS: dict[str, int] = {"mlp": 1_000, "logistic_regression": 5_000}
DEFAULT_ITERATIONS: dict[str, int] = {"logistic_regression": 100, "sgd": 1000, "mlp": 200, "kmeans": 300}
BUNDLED_MAX_FEATURES = 64  # digits: 8 × 8 pixels; the bundled tables are small, so the 20-column limit is lifted
MAX_PCA_COMPONENTS = 20
MAX_CLASSES = 20  # a target with at most this many distinct values (each seen twice on average) is a label

MODEL_LABELS: dict[str, str] = {
    "linear_regression": "linear regression (gradient descent, squared error)",
    "logistic_regression": "logistic regression (LogisticRegression)",
    "sgd": "stochastic gradient descent (SGDClassifier / SGDRegressor)",
    "mlp": "small neural network (MLPClassifier / MLPRegressor)",
    "knn": "k-nearest neighbours (KNeighborsClassifier / KNeighborsRegressor)",
    "svm_rbf": "support vector machine, RBF kernel (SVC / SVR)",
    "kmeans": "k-means clustering (KMeans)",
    "tree": "decision tree or random forest",
}
CLASSIFICATION_ONLY = ("logistic_regression", "kmeans")


@dataclass(frozen=True)
class ModelSettings:
    """The model and its few knobs; `max_iter=None` keeps scikit-learn's own default cap.

    `pca_components` > 0 puts PCA(n) before the model, as scikit-learn's "Importance of feature
    scaling" example does (scaling then happens before the PCA).
    """

    name: ModelName = "linear_regression"
    solver: str = "lbfgs"
    activation: str = "tanh"
    tree_kind: str = "forest"
    max_iter: int | None = None
    pca_components: int = 0


def max_iterations(model_name: str) -> int:
    """The largest `max_iter` this model accepts."""
    return MAX_ITERATIONS.get(model_name, MAX_ITERATION_CAP)


def task_for_target(target: Sequence[float]) -> Literal["classification", "regression"]:
    """Classification for few distinct labels (≤ 20, each seen twice on average), else regression."""
    distinct = len(set(target))
    return "classification" if distinct <= MAX_CLASSES and len(target) >= 2 * distinct else "regression"


def model_problems(
    model: Any, dataset: Any, target: Sequence[float] | None, feature_count: int
) -> Iterable[tuple[str, str]]:
    """(key path, reason) for every problem with the model settings and the dataset name."""
    if not isinstance(dataset, str) or (dataset and dataset not in BUNDLED_DATASETS):
        yield "dataset", f"must be one of {', '.join(BUNDLED_DATASETS)} or empty (got {shown(dataset)})"
    elif dataset and target is None:
        yield "dataset", f"the {dataset} dataset's values are missing (load it with explainer.formats.datasets)"
    if not isinstance(model, ModelSettings):
        yield "model", "must be model settings"
        return
    if model.name not in MODELS:
        yield "model.name", f"must be one of {', '.join(MODELS)} (got {shown(model.name)})"
        return
    for key, choices in (("solver", SOLVERS), ("activation", ACTIVATIONS), ("tree_kind", TREE_KINDS)):
        if getattr(model, key) not in choices:
            yield f"model.{key}", f"must be one of {', '.join(choices)} (got {shown(getattr(model, key))})"
    cap = model.max_iter
    highest = max_iterations(model.name)
    if cap is not None and (not isinstance(cap, int) or isinstance(cap, bool) or not 1 <= cap <= highest):
        yield "model.max_iter", f"must be a whole number between 1 and {highest} for {model.name} (got {shown(cap)})"
    components = model.pca_components
    if not isinstance(components, int) or isinstance(components, bool) or not 0 <= components <= MAX_PCA_COMPONENTS:
        yield (
            "model.pca_components",
            f"must be a whole number between 0 and {MAX_PCA_COMPONENTS} (got {shown(components)})",
        )
    elif components > feature_count:
        yield "model.pca_components", f"at most the number of features, {feature_count} (got {components})"
    if model.name in CLASSIFICATION_ONLY and (target is None or task_for_target(target) != "classification"):
        yield (
            "model.name",
            f"{model.name} needs class labels (a target with at most {MAX_CLASSES} distinct values):"
            " choose a classification dataset (wine, breast_cancer, iris, digits) or another model",
        )
