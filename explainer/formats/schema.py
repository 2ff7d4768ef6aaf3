"""The plain-data form of a scenario: the one schema shared by TOML files, JSON output and links.

`scenario_from_dict` checks types and keys and collects every problem with its key path
(`features[1].high`) before the scenario's own validation runs, so a file lists all its errors.
"""

from __future__ import annotations

import math
from typing import Any

from explainer.formats.model_link import model_from_plain, model_to_plain
from explainer.scenario.builder import field_default
from explainer.scenario.model_choice import ModelSettings
from explainer.scenario.spec import MAX_FEATURES, Dataset, Feature, OptimizerSettings, Scenario, ScenarioError
from explainer.text.echo import key_text, shown

SCENARIO_KEYS = (
    "title",
    "features",
    "correlation",
    "data",
    "samples",
    "noise",
    "true_weights",
    "true_bias",
    "seed",
    "loss",
    "optimizer",
    "learning_rate",
    "max_steps",
    "tolerance",
    "normalization",
    "model",
    "dataset",
)
FEATURE_KEYS = ("name", "low", "high", "distribution")
OPTIMIZER_KEYS = ("name", "momentum", "beta1", "beta2", "epsilon")
DATA_KEYS = ("columns", "target")


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """Every field, defaults included, in the order of the schema."""
    return _plain(scenario, keep_data=False)


def _plain(scenario: Scenario, keep_data: bool) -> dict[str, Any]:
    """`keep_data` leaves a table as its (already checked) Dataset: a base for changes costs nothing per row."""
    result: dict[str, Any] = {"title": scenario.title}
    if scenario.dataset:
        result["dataset"] = scenario.dataset  # a bundled dataset: its name, not its values
    elif scenario.data is not None and keep_data:
        result["data"] = scenario.data
    elif scenario.data is not None:
        data = scenario.data
        columns = {name: list(values) for name, values in zip(data.feature_names, data.columns)}
        columns[data.target_name] = list(data.target)
        result["data"] = {"columns": columns, "target": data.target_name}
    else:
        result["features"] = [
            {"name": f.name, "low": f.low, "high": f.high, "distribution": f.distribution} for f in scenario.features
        ]
        result.update(
            correlation=scenario.correlation,
            samples=scenario.samples,
            noise=scenario.noise,
            true_weights=list(scenario.true_weights) if scenario.true_weights is not None else None,
            true_bias=scenario.true_bias,
            seed=scenario.seed,
        )
    optimizer = scenario.optimizer
    result.update(
        loss=scenario.loss,
        optimizer={
            "name": optimizer.name,
            "momentum": optimizer.momentum,
            "beta1": optimizer.beta1,
            "beta2": optimizer.beta2,
            "epsilon": optimizer.epsilon,
        },
        learning_rate=scenario.learning_rate,
        max_steps=scenario.max_steps,
        tolerance=scenario.tolerance,
        normalization=scenario.normalization,
    )
    if scenario.model != ModelSettings():
        result["model"] = model_to_plain(scenario.model)
    return result


class _Problems:
    """Collects (key path, reason) pairs while reading a dict."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, path: str, reason: str) -> None:
        self.items.append((path, reason))

    def unknown_keys(self, mapping: dict[str, Any], allowed: tuple[str, ...], prefix: str) -> None:
        for key in mapping:
            if key not in allowed:
                self.add(f"{prefix}{key_text(key)}", f"unknown key (expected one of: {', '.join(allowed)})")

    def number(self, mapping: dict[str, Any], key: str, path: str, default: float) -> float:
        value = mapping.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.add(path, f"must be a number (got {shown(value)})")
            return default
        converted = _float(value)
        if converted is None:
            self.add(path, f"must be a finite number (got {shown(value)})")
            return default
        return converted

    def integer(self, mapping: dict[str, Any], key: str, path: str, default: int) -> int:
        value = mapping.get(key, default)
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(path, f"must be a whole number (got {shown(value)})")
            return default
        return value

    def text(self, mapping: dict[str, Any], key: str, path: str, default: str) -> str:
        value = mapping.get(key, default)
        if not isinstance(value, str):
            self.add(path, f"must be text (got {shown(value)})")
            return default
        return value


def _float(value: int | float) -> float | None:
    """A finite float, or None (inf, nan, or an integer too large for a double: TOML allows 400 digits)."""
    try:
        converted = float(value)
    except OverflowError:
        return None
    return converted if math.isfinite(converted) else None


def scenario_from_dict(raw: Any, base: Scenario | None = None) -> Scenario:
    """Read a scenario from plain data; keys left out keep `base`'s values (or the defaults).

    Raises ScenarioError listing every problem, each with its key path.
    """
    problems = _Problems()
    if not isinstance(raw, dict):
        raise ScenarioError.single("", f"a scenario must be a table of keys (got {type(raw).__name__})")
    problems.unknown_keys(raw, SCENARIO_KEYS, "")
    base_values = _plain(base, keep_data=True) if base is not None else {}
    merged = {**base_values, **raw}
    if "data" in raw:
        merged.pop("features", None)
    elif "features" in raw:
        merged.pop("data", None)
    if "dataset" in raw:
        merged.pop("features", None), merged.pop("data", None)
    elif "data" in raw or "features" in raw:
        merged.pop("dataset", None)
    settings: dict[str, Any] = {}
    data_given = merged.get("data") is not None
    if merged.get("dataset"):
        settings.update(_bundled(merged["dataset"], problems))
    elif data_given:
        settings["data"] = _dataset(merged["data"], problems)
        for key in ("correlation", "samples", "noise", "true_bias", "seed", "true_weights"):
            if key in raw and raw[key] is not None:
                problems.add(key, "only applies to synthetic features, not beside data; remove it")
    else:
        settings["features"] = _features(merged.get("features", []), problems)
        for key in ("correlation", "noise", "true_bias"):
            settings[key] = problems.number(merged, key, key, field_default(key))
        for key in ("samples", "seed"):
            settings[key] = problems.integer(merged, key, key, field_default(key))
        weights = merged.get("true_weights")
        if weights is not None:
            if not isinstance(weights, list):
                problems.add("true_weights", f"must be a list of numbers (got {shown(weights)})")
            else:
                settings["true_weights"] = tuple(
                    problems.number({"w": value}, "w", f"true_weights[{index}]", 0.0)
                    for index, value in enumerate(weights)
                )
    for key in ("title", "loss", "normalization"):
        settings[key] = problems.text(merged, key, key, field_default(key))
    settings["optimizer"] = _optimizer(merged.get("optimizer", field_default("optimizer").name), problems)
    rate = merged.get("learning_rate", field_default("learning_rate"))
    if isinstance(rate, str) and rate != "auto":
        problems.add("learning_rate", f'must be "auto" or a number (got {shown(rate)})')
        rate = "auto"
    elif rate != "auto":
        rate = problems.number(merged, "learning_rate", "learning_rate", "auto")  # type: ignore[arg-type]
    settings["learning_rate"] = rate
    settings["max_steps"] = problems.integer(merged, "max_steps", "max_steps", field_default("max_steps"))
    settings["tolerance"] = problems.number(merged, "tolerance", "tolerance", field_default("tolerance"))
    if data_given and settings["data"] is None:  # its problems are listed; check the rest against stand-in data
        settings["data"] = _STAND_IN
    settings["model"], model_problems = model_from_plain(merged.get("model", ModelSettings().name))
    problems.items.extend(model_problems)
    try:
        scenario = Scenario(**settings)
    except ScenarioError as error:
        reported = {path for path, _ in problems.items}
        problems.items.extend(
            item
            for item in error.problems
            if item[0] not in reported and not (settings.get("data") is _STAND_IN and item[0].startswith("data"))
        )
        raise ScenarioError(problems.items) from None
    if problems.items:
        raise ScenarioError(problems.items)
    return scenario


_STAND_IN = Dataset(("x",), ((0.0, 1.0, 2.0, 3.0),), (0.0, 1.0, 2.0, 4.0))  # stands in for refused data


def _features(raw: Any, problems: _Problems) -> tuple[Feature, ...]:
    if not isinstance(raw, list):
        problems.add("features", f"must be a list of features (got {type(raw).__name__})")
        return ()
    features = []
    for index, item in enumerate(raw[:200]):
        path = f"features[{index}]"
        if not isinstance(item, dict):
            problems.add(path, "must be a table with name, low and high")
            continue
        problems.unknown_keys(item, FEATURE_KEYS, f"{path}.")
        for key in ("name", "low", "high"):
            if key not in item:
                problems.add(f"{path}.{key}", "is required")
        name = problems.text(item, "name", f"{path}.name", f"x{index + 1}")
        low = problems.number(item, "low", f"{path}.low", 0.0)
        high = problems.number(item, "high", f"{path}.high", low + 1)
        distribution = problems.text(item, "distribution", f"{path}.distribution", "uniform")
        features.append(Feature(name, low, high, distribution))  # type: ignore[arg-type]
    if len(raw) > 200:
        features.extend(Feature(f"x{index}", 0.0, 1.0) for index in range(200, len(raw)))
    return tuple(features)


def _bundled(name: Any, problems: _Problems) -> dict[str, Any]:
    from explainer.formats.datasets import bundled_dataset
    from explainer.scenario.model_choice import BUNDLED_DATASETS

    if name not in BUNDLED_DATASETS:
        problems.add("dataset", f"must be one of {', '.join(BUNDLED_DATASETS)} (got {shown(name)})")
        return {"data": _STAND_IN}  # stands in, so the rest is checked without a spurious "no features"
    return {"dataset": name, "data": bundled_dataset(name)}


def _optimizer(raw: Any, problems: _Problems) -> OptimizerSettings:
    if isinstance(raw, str):
        return OptimizerSettings(name=raw)  # type: ignore[arg-type]
    if not isinstance(raw, dict):
        problems.add("optimizer", f"must be a name or a table (got {shown(raw)})")
        return OptimizerSettings()
    problems.unknown_keys(raw, OPTIMIZER_KEYS, "optimizer.")
    defaults = OptimizerSettings()
    return OptimizerSettings(
        name=problems.text(raw, "name", "optimizer.name", defaults.name),  # type: ignore[arg-type]
        momentum=problems.number(raw, "momentum", "optimizer.momentum", defaults.momentum),
        beta1=problems.number(raw, "beta1", "optimizer.beta1", defaults.beta1),
        beta2=problems.number(raw, "beta2", "optimizer.beta2", defaults.beta2),
        epsilon=problems.number(raw, "epsilon", "optimizer.epsilon", defaults.epsilon),
    )


def _dataset(raw: Any, problems: _Problems) -> Dataset | None:
    if isinstance(raw, Dataset):  # the base scenario's table, checked when that scenario was made
        return raw
    if not isinstance(raw, dict):
        problems.add("data", "must be a table with columns and target")
        return None
    problems.unknown_keys(raw, DATA_KEYS, "data.")
    columns, target = raw.get("columns"), raw.get("target")
    if not isinstance(columns, dict) or not columns:
        problems.add("data.columns", "must be a table of column name = [numbers]")
        return None
    if not isinstance(target, str) or target not in columns:
        names = ", ".join(shown(name) for name in list(columns)[: MAX_FEATURES + 1])
        problems.add("data.target", f"must name one of the columns ({names}); got {shown(target)}")
        return None
    values: dict[str, tuple[float, ...]] = {}
    for name, column in columns.items():
        converted = (
            [_float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None for v in column]
            if isinstance(column, list)
            else [None]
        )
        if any(value is None for value in converted):
            problems.add(f"data.columns.{key_text(name)}", "must be a list of finite numbers")
            continue
        values[name] = tuple(converted)  # type: ignore[arg-type]
    if len(values) != len(columns):
        return None
    names = tuple(name for name in values if name != target)
    return Dataset(names, tuple(values[name] for name in names), values[target], target)
