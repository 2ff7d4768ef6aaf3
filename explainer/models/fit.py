"""The learner's own kind of model, fitted with scikit-learn's real estimators, raw and normalized.

`compare_models(scenario)` splits the data 70/30 (random_state=42, as scikit-learn's "Importance
of feature scaling" example does), fits the same estimator on the raw and on the normalized
features, and reports what a learner would see: iterations (or the cap hit, with the
ConvergenceWarning captured, never leaked), loss curves, test scores and wall-clock per fit.
Linear regression is not refitted here: `model_run` routes it to the exact engine, `explain`.
"""

from __future__ import annotations

import contextlib
import time
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.linear_model import LogisticRegression, SGDClassifier, SGDRegressor
from sklearn.metrics import adjusted_rand_score, hinge_loss, log_loss, mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import Pipeline
from sklearn.svm import SVC, SVR
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
from threadpoolctl import threadpool_limits

from explainer.formats.datasets import LabelledData, labelled_data
from explainer.linear.scalers import make_transformer
from explainer.models.theory import (
    ModelTheory,
    distance_shares,
    initial_activations,
    logistic_curvature,
)
from explainer.scenario.model_choice import ModelSettings
from explainer.scenario.spec import Scenario, ScenarioError
from explainer.scenario.vocabulary import METHODS

TEST_SHARE = 0.3
SPLIT_SEED = 42
MAX_FIT_ROWS = 3000  # training rows actually fitted: keeps every fit to about a second on 2 cores
MAX_TEST_ROWS = 3000
FOREST_FIT_ROWS = 1000  # 100 trees on 3,000 rows took 3 s a fit on the loaded 2-core machine
MLP_HIDDEN_UNITS = 32
SVM_ITERATION_CAP = 100_000  # scikit-learn's SVC has no cap by default; one is needed on a shared server
RAISED_CAP = 10_000  # "how many would it need?": the raw logistic fit rerun with this cap
RAISED_CAP_MAX_VALUES = 20_000  # training values up to which the raised-cap rerun is done (wine: 1,612)
TIMING_REPEAT_BELOW_SECONDS = 0.1  # fits this quick are timed three times and the fastest kept
WARM_UP_ITERATIONS = 20
CURVE_SECONDS = 2.0  # wall-clock budget for the refits that draw one loss curve
CURVE_GRID = (1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 1000)
DISTANCE_MODELS = ("knn", "svm_rbf", "kmeans")
_BLOW_UP_MARKERS = ("overflow", "infinity", "nan", "non-finite")


@dataclass(frozen=True)
class FitResult:
    """One fit: its test score, iterations, the cap, what scikit-learn warned, and its wall-clock."""

    normalized: bool
    score: float  # accuracy, R² or adjusted Rand index on the test rows (nan if the fit failed)
    iterations: int | None  # n_iter_ (the largest over classes or class pairs); None when the model has none
    iteration_cap: int | None
    hit_cap: bool
    diverged: bool
    warnings: tuple[str, ...]  # captured messages (ConvergenceWarning, overflow), first line of each
    seconds: float  # measured wall-clock of fit(), on this machine, at this moment
    curve_steps: tuple[int, ...] = ()
    curve_losses: tuple[float, ...] = ()


@dataclass(frozen=True)
class ModelComparison:
    """The same estimator fitted raw and normalized on the same split, with the theory that applies."""

    model: ModelSettings
    normalization: str
    task: str
    score_name: str
    source: str
    feature_names: tuple[str, ...]
    raw: FitResult
    normalized: FitResult
    rows_total: int
    rows_fitted: int
    rows_tested: int
    curve_kind: str  # how the loss curve was measured; "" when the model has none
    raised_cap: int | None  # the raw fit rerun with this cap, when it hit its own
    raised_cap_iterations: int | None
    identical_predictions: float  # share of test rows predicted the same raw and normalized
    theory: ModelTheory
    notes: tuple[str, ...]

    @property
    def score_gain(self) -> float:
        return self.normalized.score - self.raw.score


def model_run(scenario: Scenario) -> Any:
    """Linear regression → `explain(scenario)` (today's exact engine); any other model → `compare_models`."""
    if scenario.model.name == "linear_regression":
        from explainer.explanation.explain import explain

        return explain(scenario)
    return compare_models(scenario)


def make_estimator(settings: ModelSettings, task: str, seed: int, classes: int = 2, cap: int | None = None) -> Any:
    """The scikit-learn estimator the learner would write, with their cap (or scikit-learn's default)."""
    cap = cap or settings.max_iter
    iterations = {"max_iter": cap} if cap else {}
    classify = task == "classification"
    name = settings.name
    if name == "logistic_regression":
        return LogisticRegression(solver=settings.solver, random_state=seed, **iterations)
    if name == "sgd":
        return (SGDClassifier if classify else SGDRegressor)(random_state=seed, **iterations)
    if name == "mlp":
        network = MLPClassifier if classify else MLPRegressor
        return network(
            hidden_layer_sizes=(MLP_HIDDEN_UNITS,), activation=settings.activation, random_state=seed, **iterations
        )
    if name == "knn":
        return KNeighborsClassifier() if classify else KNeighborsRegressor()
    if name == "svm_rbf":
        return (SVC if classify else SVR)(max_iter=cap or SVM_ITERATION_CAP)
    if name == "kmeans":
        return KMeans(n_clusters=classes, random_state=seed, **iterations)
    if name == "tree":
        if settings.tree_kind == "forest":
            return (RandomForestClassifier if classify else RandomForestRegressor)(random_state=seed)
        return (DecisionTreeClassifier if classify else DecisionTreeRegressor)(random_state=seed)
    raise ScenarioError.single("model.name", f"no scikit-learn estimator for {name!r} here")


def make_pipeline(settings: ModelSettings, normalization: str, estimator: Any) -> Pipeline:
    """[scaler] → [PCA(n)] → estimator: the order scikit-learn's scaling example uses."""
    steps: list[tuple[str, Any]] = []
    scaler = make_transformer(normalization) if normalization != "none" else None  # type: ignore[arg-type]
    if scaler is not None:
        steps.append(("scale", scaler))
    if settings.pca_components:
        steps.append(("pca", PCA(settings.pca_components)))
    steps.append(("model", estimator))
    return Pipeline(steps)


_warmed_up: set[str] = set()


def _warm_up(pipeline: Pipeline, features: np.ndarray, target: np.ndarray | None) -> None:
    """One untimed fit on a few rows per estimator class, so imports and first-call costs are not timed."""
    name = type(pipeline[-1]).__name__
    if name in _warmed_up:
        return
    _warmed_up.add(name)
    rows = min(len(features), 40)
    warm = clone(pipeline)
    if "max_iter" in warm[-1].get_params():  # a few iterations warm it as well as 10,000 (which cost seconds)
        warm.set_params(model__max_iter=min(WARM_UP_ITERATIONS, warm[-1].max_iter))
    with contextlib.suppress(ValueError):  # a slice with one class: the warm-up is only a courtesy to the timing
        _fit(warm, features[:rows], None if target is None else target[:rows])


def _iterations(estimator: Any) -> int | None:
    count = getattr(estimator, "n_iter_", None)
    return None if count is None else int(np.max(count))


def _cap(estimator: Any) -> int | None:
    cap = getattr(estimator, "max_iter", None)
    return int(cap) if isinstance(cap, int) and cap > 0 else None


def _fit(pipeline: Pipeline, features: np.ndarray, target: np.ndarray | None) -> tuple[float, tuple[str, ...], str]:
    """Fit, timing it; every warning is captured (not leaked) and a numerical blow-up is reported, not raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        start = time.perf_counter()
        failure = ""
        try:
            pipeline.fit(features, target)
        except (ValueError, FloatingPointError) as error:  # SGD's "Floating-point under-/overflow occurred"
            if not any(marker in str(error).lower() for marker in _BLOW_UP_MARKERS):
                raise
            failure = str(error).splitlines()[0]
        seconds = time.perf_counter() - start
    messages = tuple(dict.fromkeys(f"{w.category.__name__}: {_first_lines(str(w.message))}" for w in caught))
    return seconds, messages, failure


def _first_lines(message: str) -> str:
    """The warning's gist: its first line, and the next one when the first ends with a colon."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    if not lines:
        return ""
    return " ".join(lines[:2]) if lines[0].endswith(":") and len(lines) > 1 else lines[0]


def _score(pipeline: Pipeline, features: np.ndarray, target: np.ndarray, settings: ModelSettings, task: str) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # overflow in a diverged model's predictions
        predictions = pipeline.predict(features)
    if settings.name == "kmeans":
        return float(adjusted_rand_score(target, predictions))
    if not np.all(np.isfinite(predictions)):
        return float("nan")
    if task == "classification":
        return float(np.mean(predictions == target))
    residual = float(np.sum((target - predictions) ** 2))
    return 1.0 - residual / float(np.sum((target - target.mean()) ** 2))


def _training_loss(pipeline: Pipeline, features: np.ndarray, target: np.ndarray, task: str) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        if task == "regression":
            return float(mean_squared_error(target, pipeline.predict(features)))
        labels = np.unique(target)
        if hasattr(pipeline, "predict_proba"):
            return float(log_loss(target, pipeline.predict_proba(features), labels=labels))
        return float(hinge_loss(target, pipeline.decision_function(features), labels=labels))


def _refit_curve(
    template: Pipeline, features: np.ndarray, target: np.ndarray, task: str, last: int
) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """The training loss after k iterations: the learner's own fit rerun with max_iter = k (bounded grid)."""
    steps = [k for k in CURVE_GRID if k < last] + [last]
    losses = []
    started = time.perf_counter()
    for k in steps:
        if time.perf_counter() - started > CURVE_SECONDS:  # the curve is an extra; it stops short, the fit does not
            break
        pipeline = clone(template).set_params(model__max_iter=k)
        _, _, failure = _fit(pipeline, features, target)
        if failure:
            break
        losses.append(_training_loss(pipeline, features, target, task))
    steps = steps[: len(losses)]
    finite = [(k, loss) for k, loss in zip(steps, losses) if np.isfinite(loss)]
    return tuple(k for k, _ in finite), tuple(loss for _, loss in finite)


def _one_fit(
    settings: ModelSettings, normalization: str, data: LabelledData, split: tuple[np.ndarray, ...], seed: int
) -> tuple[FitResult, Pipeline]:
    train_x, test_x, train_y, test_y = split
    classes = len(np.unique(data.target)) if data.task == "classification" else 2
    estimator = make_estimator(settings, data.task, seed, classes)
    pipeline = make_pipeline(settings, normalization, estimator)
    target = None if settings.name == "kmeans" else train_y
    _warm_up(pipeline, train_x, target)
    seconds, messages, failure = _fit(pipeline, train_x, target)
    if not failure and seconds < TIMING_REPEAT_BELOW_SECONDS:  # quick fits: best of 3, less noise
        seconds = min(seconds, *(_fit(clone(pipeline), train_x, target)[0] for _ in range(2)))
    normalized = normalization != "none"
    if failure:
        result = FitResult(normalized, float("nan"), None, _cap(estimator), False, True, (*messages, failure), seconds)
        return result, pipeline
    iterations, cap = _iterations(estimator), _cap(estimator)
    warned = any(message.startswith("ConvergenceWarning") for message in messages)
    hit_cap = warned or (iterations is not None and cap is not None and iterations >= cap)
    steps: tuple[int, ...] = ()
    losses: tuple[float, ...] = ()
    if settings.name == "mlp" and hasattr(estimator, "loss_curve_"):
        losses = tuple(float(loss) for loss in estimator.loss_curve_)
        steps = tuple(range(1, len(losses) + 1))
    elif settings.name in ("logistic_regression", "sgd") and iterations:
        steps, losses = _refit_curve(
            make_pipeline(settings, normalization, clone(estimator)), train_x, train_y, data.task, iterations
        )
    score = _score(pipeline, test_x, test_y, settings, data.task)
    diverged = not np.isfinite(score)
    return FitResult(normalized, score, iterations, cap, hit_cap, diverged, messages, seconds, steps, losses), pipeline


CURVE_KINDS = {
    "mlp": "the estimator's own loss_curve_: training loss after each epoch",
    "logistic_regression": "training log-loss after k iterations: the same fit rerun with max_iter = k",
    "sgd": "training loss after k epochs: the same fit rerun with max_iter = k",
}


def split_rows(data: LabelledData, seed: int, fit_rows: int = MAX_FIT_ROWS) -> tuple[tuple[np.ndarray, ...], int]:
    """70/30 split with random_state=42, then at most `fit_rows` / MAX_TEST_ROWS rows drawn with `seed`."""
    train_x, test_x, train_y, test_y = train_test_split(
        data.features, data.target, test_size=TEST_SHARE, random_state=SPLIT_SEED
    )
    train_rows = len(train_y)
    generator = np.random.default_rng(seed)
    if len(train_y) > fit_rows:
        keep = np.sort(generator.choice(len(train_y), fit_rows, replace=False))
        train_x, train_y = train_x[keep], train_y[keep]
    if len(test_y) > MAX_TEST_ROWS:
        keep = np.sort(generator.choice(len(test_y), MAX_TEST_ROWS, replace=False))
        test_x, test_y = test_x[keep], test_y[keep]
    return (train_x, test_x, train_y, test_y), train_rows


def compare_models(scenario: Scenario) -> ModelComparison:
    """Fit the scenario's model raw and normalized on the same rows; measure, compare, explain.

    BLAS runs on one thread: on 2 shared cores, small matrices in many threads made L-BFGS 15× slower.
    """
    with threadpool_limits(1):
        return _compare(scenario)


def _compare(scenario: Scenario) -> ModelComparison:
    from explainer.models.notes import model_notes

    settings = scenario.model
    if settings.name == "linear_regression":
        raise ScenarioError.single("model.name", "linear regression runs on the exact engine: use explain()")
    data = labelled_data(scenario)
    forest = settings.name == "tree" and settings.tree_kind == "forest"
    split, train_rows = split_rows(data, scenario.seed, FOREST_FIT_ROWS if forest else MAX_FIT_ROWS)
    raw, raw_pipeline = _one_fit(settings, "none", data, split, scenario.seed)
    normalized, normalized_pipeline = _one_fit(settings, scenario.normalization, data, split, scenario.seed)
    raised_iterations = None
    raised = None
    train_x, test_x, train_y, _ = split
    if (
        settings.name == "logistic_regression"
        and raw.hit_cap
        and (raw.iteration_cap or 0) < RAISED_CAP
        and train_x.size <= RAISED_CAP_MAX_VALUES
    ):
        raised = RAISED_CAP
        rerun = make_pipeline(settings, "none", make_estimator(settings, data.task, scenario.seed, cap=RAISED_CAP))
        _, _, failure = _fit(rerun, train_x, train_y)
        raised_iterations = None if failure else _iterations(rerun[-1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        same = (
            float(np.mean(raw_pipeline.predict(test_x) == normalized_pipeline.predict(test_x)))
            if not (raw.diverged or normalized.diverged)
            else 0.0
        )
    theory = _theory(settings, data, raw_pipeline, normalized_pipeline, train_x, scenario.seed)
    comparison = ModelComparison(
        model=settings,
        normalization=scenario.normalization,
        task=data.task,
        score_name={"kmeans": "adjusted Rand index"}.get(
            settings.name, "accuracy" if data.task == "classification" else "R²"
        ),
        source=data.source,
        feature_names=data.feature_names,
        raw=raw,
        normalized=normalized,
        rows_total=len(data.target),
        rows_fitted=len(train_y),
        rows_tested=len(split[3]),
        curve_kind=CURVE_KINDS.get(settings.name, "") if raw.curve_losses or normalized.curve_losses else "",
        raised_cap=raised,
        raised_cap_iterations=raised_iterations,
        identical_predictions=same,
        theory=theory,
        notes=(),
    )
    notes = (*data.notes, *model_notes(comparison, train_rows, METHODS[scenario.normalization].phrase))
    return ModelComparison(**{**comparison.__dict__, "notes": notes})


def _model_input(pipeline: Pipeline, features: np.ndarray) -> np.ndarray:
    """What the final estimator sees: the features after the scaler and PCA steps."""
    return pipeline[:-1].transform(features) if len(pipeline) > 1 else features


def _theory(
    settings: ModelSettings,
    data: LabelledData,
    raw_pipeline: Pipeline,
    normalized_pipeline: Pipeline,
    train_x: np.ndarray,
    seed: int,
) -> ModelTheory:
    raw_input = _model_input(raw_pipeline, train_x)
    normalized_input = _model_input(normalized_pipeline, train_x)
    if settings.name == "logistic_regression":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            curvature = logistic_curvature(
                raw_input,
                normalized_input,
                raw_pipeline.predict_proba(train_x),
                normalized_pipeline.predict_proba(train_x),
                c=raw_pipeline[-1].C,
            )
        return ModelTheory(logistic=curvature)
    if settings.name in DISTANCE_MODELS:
        return ModelTheory(distances=distance_shares(data.feature_names, raw_input, normalized_input))
    if settings.name == "mlp":
        return ModelTheory(
            activations=initial_activations(raw_input, normalized_input, MLP_HIDDEN_UNITS, settings.activation, seed)
        )
    return ModelTheory()
