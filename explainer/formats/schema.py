"""The plain-data form of a scenario: the one schema shared by TOML files, JSON output and links.

`scenario_from_dict` checks types and keys and collects every problem with its key path
(`features[1].high`) before the scenario's own validation runs, so a file lists all its errors.
"""

from __future__ import annotations

import math
from typing import Any

from explainer.formats.model_link import model_from_plain, model_to_plain
from explainer.scenario.fields import FIELDS, SCALAR_KINDS, SYNTHETIC_FIELDS, TOML_KEYS, ScenarioField
from explainer.scenario.model_choice import ModelSettings
from explainer.scenario.spec import MAX_FEATURES, Dataset, Feature, OptimizerSettings, Scenario, ScenarioError
from explainer.text.echo import key_text, shown

FILE_KEYS = TOML_KEYS  # a scenario table's keys, from the one declaration (explainer.scenario.fields)
FEATURE_KEYS = ("name", "low", "high", "distribution")
OPTIMIZER_KEYS = tuple(item.name for item in FIELDS if item.on_optimizer)
DATA_KEYS = ("columns", "target")
_FILE_SCALARS = tuple(item for item in FIELDS if item.kind in SCALAR_KINDS and item.toml_key and not item.on_optimizer)


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """Every field, defaults included, in the order of the declaration."""
    return _plain(scenario, keep_data=False)


def _plain(scenario: Scenario, keep_data: bool) -> dict[str, Any]:
    """`keep_data` leaves a table as its (already checked) Dataset: a base for changes costs nothing per row."""
    result: dict[str, Any] = {}
    synthetic = scenario.data is None
    for item in FIELDS:
        key = (item.toml_key or "").split(".")[0]
        if not key or (item.synthetic_only and not synthetic):
            continue
        if item.kind == "features" and synthetic:
            result[key] = [
                {"name": f.name, "low": f.low, "high": f.high, "distribution": f.distribution}
                for f in scenario.features
            ]
        elif item.kind == "table" and not synthetic and not scenario.dataset:
            result[key] = scenario.data if keep_data else _table(scenario.data)  # type: ignore[arg-type]
        elif item.kind == "dataset" and scenario.dataset:
            result[key] = scenario.dataset  # a bundled dataset: its name, not its values
        elif item.kind == "weights":
            result[key] = list(scenario.true_weights) if scenario.true_weights is not None else None
        elif item.on_optimizer:
            result.setdefault(key, {})[item.name] = getattr(scenario.optimizer, item.name)
        elif item.kind == "model" and scenario.model != ModelSettings():
            result[key] = model_to_plain(scenario.model)
        elif item.kind in SCALAR_KINDS:
            result[key] = getattr(scenario, item.path)
    return result


def _table(data: Dataset) -> dict[str, Any]:
    columns = {name: list(values) for name, values in zip(data.feature_names, data.columns)}
    columns[data.target_name] = list(data.target)
    return {"columns": columns, "target": data.target_name}


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

    def rate(self, mapping: dict[str, Any], key: str, path: str, default: float | str) -> float | str:
        """A learning rate: "auto" or a number."""
        value = mapping.get(key, default)
        if isinstance(value, str) and value != "auto":
            self.add(path, f'must be "auto" or a number (got {shown(value)})')
            return default
        return value if value == "auto" else self.number(mapping, key, path, default)  # type: ignore[arg-type]

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
    problems.unknown_keys(raw, FILE_KEYS, "")
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
    else:
        settings["features"] = _features(merged.get("features", []), problems)
    synthetic = "features" in settings
    for key in SYNTHETIC_FIELDS if not synthetic else ():
        if key in raw and raw[key] is not None:
            given = "the bundled dataset" if merged.get("dataset") else "data"
            problems.add(key, f"only applies to synthetic features, not beside {given}; remove it")
    for item in _FILE_SCALARS:
        if item.synthetic_only and not synthetic:
            continue
        read = {"number": problems.number, "whole": problems.integer, "rate": problems.rate}.get(
            item.kind, problems.text
        )
        settings[item.path] = read(merged, item.path, item.path, item.default)
    weights = merged.get("true_weights") if synthetic else None
    if weights is not None:
        if not isinstance(weights, list):
            problems.add("true_weights", f"must be a list of numbers (got {shown(weights)})")
        else:
            settings["true_weights"] = tuple(
                problems.number({"w": value}, "w", f"true_weights[{index}]", 0.0) for index, value in enumerate(weights)
            )
    settings["optimizer"] = _optimizer(merged.get("optimizer", OptimizerSettings().name), problems)
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
    values = {
        item.name: (problems.text if item.kind == "choice" else problems.number)(
            raw, item.name, item.path, item.default
        )
        for item in FIELDS
        if item.on_optimizer
    }
    return OptimizerSettings(**values)


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


# --- the documentation table (docs/scenarios.md, "Keys") -----------------------------------------

_KIND_TEXT = {
    "text": "text",
    "features": "list of tables",
    "table": "table",
    "dataset": "name",
    "whole": "whole number",
    "number": "number",
    "rate": 'number or `"auto"`',
    "choice": "name",
    "weights": "list of numbers",
    "model": "name or table",
}
_DESCRIPTION_ROW = (
    '| `description` | Markdown | `""` | a file\'s own key: shown with the scenario; may quote `{figures}` |'
)


def _default_text(item: ScenarioField) -> str:
    if item.default_text is not None:
        return item.default_text
    if isinstance(item.default, str):
        return f'`"{item.default}"`'
    return f"{item.default:g}" if isinstance(item.default, float) else str(item.default)


def _limits_text(item: ScenarioField) -> str:
    if item.options and item.kind != "features":
        return ", ".join(item.options)
    if item.bound is not None and item.kind in ("number", "whole", "rate"):
        return item.bound.describe()
    return ""


def documentation_table() -> str:
    """The "Keys" table of docs/scenarios.md, from the declaration (`python -m explainer.formats.schema`)."""
    rows = ["| key | type | default | meaning |", "|---|---|---|---|"]
    for item in FIELDS:
        if not item.toml_key or item.on_optimizer:
            continue
        meaning = "; ".join(part for part in (item.meaning, _limits_text(item)) if part)
        if item.synthetic_only:
            meaning += " (synthetic features only)"
        rows.append(f"| `{item.toml_key}` | {_KIND_TEXT[item.kind]} | {_default_text(item)} | {meaning} |")
        if item.path == "title":
            rows.append(_DESCRIPTION_ROW)
        if item.path == "loss":  # the optimizer's row: its name, or a table of its own settings
            settings = [field for field in FIELDS if field.on_optimizer]
            parts = [
                f"`{field.name}` ({_default_text(field)}): {field.meaning}; {_limits_text(field)}" for field in settings
            ]
            rows.append(f'| `optimizer` | name or table | `"gd"` | {"; ".join(parts)} |')
    return "\n".join(rows)


if __name__ == "__main__":
    print(documentation_table())
