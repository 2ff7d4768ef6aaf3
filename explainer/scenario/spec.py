"""What a learner describes: features or data, the model's loss, the optimizer, the normalization.

A `Scenario` is a small frozen value: everything else (data, curvature, runs, explanation)
is computed from it, so it is also the cache key of the app and the content of a share link.
Every constructor validates and raises `ScenarioError` naming the field and the reason.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal, get_args

from explainer.scenario.model_choice import BUNDLED_MAX_FEATURES, ModelSettings, model_problems
from explainer.text.echo import shown

Distribution = Literal["uniform", "normal", "lognormal"]
OptimizerName = Literal["gd", "momentum", "adam"]
NormalizationName = Literal["none", "minmax", "minmax_symmetric", "minmax_centered", "zscore", "robust", "whiten"]
LossName = Literal["mse", "sse"]

DISTRIBUTIONS: tuple[str, ...] = get_args(Distribution)
OPTIMIZERS: tuple[str, ...] = get_args(OptimizerName)
NORMALIZATIONS: tuple[str, ...] = get_args(NormalizationName)
LOSSES: tuple[str, ...] = get_args(LossName)

# Limits that keep one request (a share link, a chat message, a file) from tying up the server.
MAX_FEATURES = 20
MAX_SAMPLES = 100_000
MAX_DATA_VALUES = 2_100_000  # 100,000 rows of 20 features and a target
MAX_STEPS = 10**15  # gradient descent runs in closed form, so a huge cap costs nothing
MAX_ABS_VALUE = 1e12  # feature bounds beyond this overflow squared sums in float64
MAX_NAME_LENGTH = 40
MAX_TITLE_LENGTH = 200
MIN_TOLERANCE = 1e-14
# η must stay a normal double (subnormal rates like 1e-320 lose their digits); where η·λmin underflows,
# the iteration counts are computed exactly in Decimal (rates.py), so 10⁻³⁰⁰ is still computed and shown.
MIN_LEARNING_RATE = 1e-300
MAX_LEARNING_RATE = 1e12
DEFAULT_MAX_STEPS = 1_000_000_000
DEFAULT_SAMPLES = 1000


@dataclass(frozen=True)
class Bound:
    """The closed interval [low, high] a numeric field must lie in; the one table every input reads."""

    low: float
    high: float
    whole: bool = False  # a whole number (samples, seed, max_steps)

    def clamp(self, value: float) -> float:
        return min(max(value, self.low), self.high)

    def contains(self, value: Any) -> bool:
        if self.whole:
            return isinstance(value, int) and not isinstance(value, bool) and self.low <= value <= self.high
        return _finite(value) and self.low <= value <= self.high

    def describe(self) -> str:
        if self.low == -self.high and not self.whole:
            return f"within ±{self.high:g}"
        kind = "a whole number" if self.whole else "a number"
        low, high = (f"{int(v):,}" if self.whole else f"{v:g}" for v in (self.low, self.high))
        return f"{kind} from {low} to {high}"


BOUNDS: dict[str, Bound] = {
    "low": Bound(-MAX_ABS_VALUE, MAX_ABS_VALUE),  # a feature's range (and every data value)
    "high": Bound(-MAX_ABS_VALUE, MAX_ABS_VALUE),
    "correlation": Bound(-0.999999, 0.999999),  # and above -1/(d-1) for d equally correlated features
    "samples": Bound(3, MAX_SAMPLES, whole=True),  # and at least d + 2
    "noise": Bound(0.0, MAX_ABS_VALUE),
    "true_weights": Bound(-MAX_ABS_VALUE, MAX_ABS_VALUE),
    "true_bias": Bound(-MAX_ABS_VALUE, MAX_ABS_VALUE),
    "seed": Bound(0, 2**32 - 1, whole=True),
    "learning_rate": Bound(MIN_LEARNING_RATE, MAX_LEARNING_RATE),  # or "auto"
    "max_steps": Bound(1, MAX_STEPS, whole=True),
    "tolerance": Bound(MIN_TOLERANCE, 0.99),
    "momentum": Bound(0.0, 0.999999),
    "beta1": Bound(0.0, 0.999999),
    "beta2": Bound(0.0, 0.999999),
    "epsilon": Bound(1e-12, 1.0),
}
SYNTHETIC_FIELDS = ("correlation", "samples", "noise", "true_weights", "true_bias", "seed")  # unused beside data


class ScenarioError(ValueError):
    """Invalid input: carries the key path of every problem so a file can list them all."""

    def __init__(self, problems: Iterable[tuple[str, str]]):
        self.problems: tuple[tuple[str, str], ...] = tuple(problems)
        super().__init__("; ".join(f"{path}: {reason}" for path, reason in self.problems))

    @classmethod
    def single(cls, path: str, reason: str) -> ScenarioError:
        return cls([(path, reason)])

    def prefixed(self, prefix: str) -> ScenarioError:
        """The same problems under an outer key (a lesson step, a file name)."""
        return ScenarioError((f"{prefix}.{path}" if path else prefix, reason) for path, reason in self.problems)

    def __reduce__(self) -> Any:
        """Rebuilt from its problems, so it crosses from a worker process intact (not from its message)."""
        return (type(self), (self.problems,))


@dataclass(frozen=True)
class Feature:
    """One input column described by its range; `normal` spans low..high as mean ± 3 sd."""

    name: str
    low: float
    high: float
    distribution: Distribution = "uniform"

    @property
    def spread(self) -> float:
        return self.high - self.low


@dataclass(frozen=True)
class Dataset:
    """A learner's own table: feature columns and the target, values as tuples so it stays hashable."""

    feature_names: tuple[str, ...]
    columns: tuple[tuple[float, ...], ...]
    target: tuple[float, ...]
    target_name: str = "y"

    @property
    def samples(self) -> int:
        return len(self.target)


@dataclass(frozen=True)
class OptimizerSettings:
    """Which optimizer, with its own constants (PyTorch's and Keras's defaults)."""

    name: OptimizerName = "gd"
    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-8


@dataclass(frozen=True)
class Scenario:
    """A linear-regression problem a learner wants explained, raw beside normalized.

    `learning_rate` is a positive number or "auto": gradient descent's best constant step
    2 / (λmax + λmin), computed separately for the raw and the normalized problem
    (Adam's "auto" is its usual default 0.001). `loss` is "mse" (mean of squared residuals)
    or "sse" (their sum, as some hand-written loops compute it).
    """

    features: tuple[Feature, ...] = ()
    data: Dataset | None = None
    correlation: float = 0.0
    samples: int = DEFAULT_SAMPLES
    noise: float = 0.1
    true_weights: tuple[float, ...] | None = None
    true_bias: float = 0.0
    seed: int = 0
    loss: LossName = "mse"
    optimizer: OptimizerSettings = field(default_factory=OptimizerSettings)
    learning_rate: float | Literal["auto"] = "auto"
    max_steps: int = DEFAULT_MAX_STEPS
    tolerance: float = 1e-6
    normalization: NormalizationName = "zscore"
    title: str = ""
    model: ModelSettings = field(default_factory=ModelSettings)  # explainer.models.fit runs it raw and normalized
    dataset: str = ""  # a scikit-learn bundled dataset whose values are in `data` (explainer.formats.datasets)

    def __post_init__(self) -> None:
        problems = list(_problems(self))
        if problems:
            raise ScenarioError(problems)

    @property
    def feature_names(self) -> tuple[str, ...]:
        if self.data is not None:
            return self.data.feature_names
        return tuple(feature.name for feature in self.features)

    @property
    def sample_count(self) -> int:
        return self.data.samples if self.data is not None else self.samples

    @classmethod
    def from_ranges(cls, ranges: Mapping[str, tuple[float, float]], **settings: Any) -> Scenario:
        """`Scenario.from_ranges({"a": (0, 1), "b": (1, 1000)}, normalization="zscore")`."""
        features = tuple(Feature(name, float(low), float(high)) for name, (low, high) in ranges.items())
        return cls(features=features, **settings)

    def with_changes(self, **changes: Any) -> Scenario:
        """A validated copy with some fields replaced; raises ScenarioError if any change is refused."""
        return replace(self, **changes)


def default_scenario() -> Scenario:
    """The blog post's claim: one feature on 0..1, another on 1..1000."""
    return Scenario.from_ranges({"a": (0.0, 1.0), "b": (1.0, 1000.0)})


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _finite(value: Any) -> bool:
    return _is_number(value) and math.isfinite(value)


def _bounded(path: str, key: str, value: Any) -> Iterable[tuple[str, str]]:
    """The field's problem when `value` is outside BOUNDS[key] (naming the field and the value, cut)."""
    if not BOUNDS[key].contains(value):
        kind = "a finite number" if not BOUNDS[key].whole and not _finite(value) else BOUNDS[key].describe()
        yield path, f"must be {kind} (got {shown(value)})"


def _problems(scenario: Scenario) -> Iterable[tuple[str, str]]:
    yield from _feature_problems(scenario)
    yield from _setting_problems(scenario)
    yield from _optimizer_problems(scenario.optimizer)
    data = scenario.data if isinstance(scenario.data, Dataset) else None
    count = len(data.feature_names) if data else len(scenario.features) if isinstance(scenario.features, tuple) else 0
    yield from model_problems(scenario.model, scenario.dataset, data.target if data else None, count)


def _name_problems(path: str, name: Any) -> Iterable[tuple[str, str]]:
    if not isinstance(name, str) or not name.strip():
        yield path, f"must be a non-empty name (got {shown(name)})"
    elif len(name) > MAX_NAME_LENGTH:
        yield path, f"must be at most {MAX_NAME_LENGTH} characters (got {len(name)})"
    elif not name.isprintable():
        yield path, "must not contain control characters"


def _feature_problems(scenario: Scenario) -> Iterable[tuple[str, str]]:
    if scenario.data is not None:
        if scenario.features:
            yield "features", "give either feature ranges or a dataset, not both"
        yield from _checked_dataset(scenario.data, BUNDLED_MAX_FEATURES if scenario.dataset else MAX_FEATURES)
        return
    features = scenario.features
    if not isinstance(features, tuple) or not features:
        yield "features", "at least one feature is needed"
        return
    if len(features) > MAX_FEATURES:
        yield "features", f"at most {MAX_FEATURES} features (got {len(features)})"
        return
    seen: set[str] = set()
    all_bounds_ok = True
    for index, feature in enumerate(features):
        path = f"features[{index}]"
        if not isinstance(feature, Feature):
            yield path, "must be a feature with name, low and high"
            all_bounds_ok = False
            continue
        yield from _name_problems(f"{path}.name", feature.name)
        if isinstance(feature.name, str):
            if feature.name in seen:
                yield f"{path}.name", f"duplicate feature name {shown(feature.name)}"
            seen.add(feature.name)
        problems = [*_bounded(f"{path}.low", "low", feature.low), *_bounded(f"{path}.high", "high", feature.high)]
        yield from problems
        bounds_ok = not problems
        if bounds_ok and not feature.high > feature.low:
            yield f"{path}.high", f"must be greater than low (got high={shown(feature.high)}, low={shown(feature.low)})"
            bounds_ok = False
        if feature.distribution not in DISTRIBUTIONS:
            yield (
                f"{path}.distribution",
                f"must be one of {', '.join(DISTRIBUTIONS)} (got {shown(feature.distribution)})",
            )
            bounds_ok = False
        elif feature.distribution == "lognormal" and bounds_ok and feature.low <= 0:
            yield f"{path}.low", f"a lognormal feature needs low > 0 (got {shown(feature.low)})"
            bounds_ok = False
        all_bounds_ok = all_bounds_ok and bounds_ok
    correlation_ok = True
    if not _finite(scenario.correlation):
        yield "correlation", f"must be a finite number (got {shown(scenario.correlation)})"
        correlation_ok = False
    else:
        count = len(features)
        bound = BOUNDS["correlation"]
        lowest = max(-1.0 / (count - 1), bound.low) if count > 1 else bound.low
        if not lowest < scenario.correlation <= bound.high and not (count == 1 and scenario.correlation == 0):
            correlation_ok = False
            yield (
                "correlation",
                (
                    f"must be between {lowest:g} and {bound.high:g} for {count} equally correlated features"
                    f" (got {shown(scenario.correlation)})"
                ),
            )
        elif count == 1 and scenario.correlation != 0:
            correlation_ok = False
            yield "correlation", "needs at least two features"
    if not isinstance(scenario.samples, int) or isinstance(scenario.samples, bool):
        yield "samples", f"must be a whole number (got {shown(scenario.samples)})"
    elif not max(len(features) + 2, BOUNDS["samples"].low) <= scenario.samples <= BOUNDS["samples"].high:
        lowest = max(len(features) + 2, int(BOUNDS["samples"].low))
        yield "samples", f"must be between {lowest} and {MAX_SAMPLES} (got {shown(scenario.samples)})"
    elif all_bounds_ok and correlation_ok:
        from explainer.scenario.conditioning import range_problems

        yield from range_problems(features, scenario.correlation, scenario.samples)
    yield from _bounded("noise", "noise", scenario.noise)
    if scenario.true_weights is not None:
        if not isinstance(scenario.true_weights, tuple) or len(scenario.true_weights) != len(features):
            count = len(scenario.true_weights) if isinstance(scenario.true_weights, tuple) else "no"
            yield "true_weights", f"needs one weight per feature ({len(features)}), got {count}"
        else:
            for index, weight in enumerate(scenario.true_weights):
                yield from _bounded(f"true_weights[{index}]", "true_weights", weight)
    yield from _bounded("true_bias", "true_bias", scenario.true_bias)


_CHECKED: dict[int, tuple[weakref.ref, int, tuple[tuple[str, str], ...]]] = {}


def _checked_dataset(data: Dataset, max_features: int) -> tuple[tuple[str, str], ...]:
    """A table's problems, found once per Dataset object: its tuples cannot change, and a lesson's
    50 steps (and every `with_changes`) share one table, so re-checking it made reading quadratic."""
    key = id(data)
    entry = _CHECKED.get(key)
    if entry is not None and entry[0]() is data and entry[1] == max_features:
        return entry[2]
    problems = tuple(_dataset_problems(data, max_features))
    immutable = isinstance(data.columns, tuple) and isinstance(data.target, tuple)
    if type(data) is Dataset and immutable and all(isinstance(column, tuple) for column in data.columns):
        _CHECKED[key] = (weakref.ref(data, lambda _, key=key: _CHECKED.pop(key, None)), max_features, problems)
    return problems


def _dataset_problems(data: Dataset, max_features: int = MAX_FEATURES) -> Iterable[tuple[str, str]]:
    count = len(data.feature_names)
    if count == 0:
        yield "data.columns", "at least one feature column is needed (besides the target)"
        return
    if count > max_features:
        yield "data.columns", f"at most {max_features} feature columns (got {count})"
        return
    if len(data.columns) != count:
        yield "data.columns", f"{count} names but {len(data.columns)} columns"
        return
    if len(set(data.feature_names)) != count or data.target_name in data.feature_names:
        yield "data.columns", "column names must be unique"
    for index, name in enumerate(data.feature_names):
        yield from _name_problems(f"data.columns[{index}]", name)
    yield from _name_problems("data.target", data.target_name)
    rows = len(data.target)
    if not count + 2 <= rows <= MAX_SAMPLES:
        yield "data.target", f"needs between {count + 2} and {MAX_SAMPLES} rows (got {rows})"
        return
    if rows * (count + 1) > MAX_DATA_VALUES:
        yield "data", f"at most {MAX_DATA_VALUES} values in all (got {rows * (count + 1)})"
        return
    for name, column in [*zip(data.feature_names, data.columns), (data.target_name, data.target)]:
        if len(column) != rows:
            yield f"data.{name}", f"has {len(column)} values but the target has {rows}"
        elif not all(_finite(value) and abs(value) <= MAX_ABS_VALUE for value in column):
            yield f"data.{name}", f"every value must be a finite number within ±{MAX_ABS_VALUE:.0e}"
        elif name != data.target_name and max(column) == min(column):
            yield f"data.{name}", f"is constant ({column[0]:g}): it carries no information and has no scale"


def _setting_problems(scenario: Scenario) -> Iterable[tuple[str, str]]:
    if scenario.loss not in LOSSES:
        yield "loss", f"must be one of {', '.join(LOSSES)} (got {shown(scenario.loss)})"
    if scenario.normalization not in NORMALIZATIONS:
        yield "normalization", f"must be one of {', '.join(NORMALIZATIONS)} (got {shown(scenario.normalization)})"
    rate = scenario.learning_rate
    if rate != "auto" and not BOUNDS["learning_rate"].contains(rate):
        bound = BOUNDS["learning_rate"]
        yield (
            "learning_rate",
            f'must be a positive number from {bound.low:g} to {bound.high:g}, or "auto" (got {shown(rate)})',
        )
    yield from _bounded("max_steps", "max_steps", scenario.max_steps)
    yield from _bounded("tolerance", "tolerance", scenario.tolerance)
    yield from _bounded("seed", "seed", scenario.seed)
    if not isinstance(scenario.title, str) or len(scenario.title) > MAX_TITLE_LENGTH:
        yield "title", f"must be text of at most {MAX_TITLE_LENGTH} characters"
    elif not scenario.title.isprintable():
        yield "title", "must not contain control characters"


def _optimizer_problems(settings: OptimizerSettings) -> Iterable[tuple[str, str]]:
    if not isinstance(settings, OptimizerSettings):
        yield "optimizer", "must be optimizer settings"
        return
    if settings.name not in OPTIMIZERS:
        yield "optimizer.name", f"must be one of {', '.join(OPTIMIZERS)} (got {shown(settings.name)})"
    for key in ("momentum", "beta1", "beta2", "epsilon"):
        yield from _bounded(f"optimizer.{key}", key, getattr(settings, key))
