"""The lenient way into a Scenario: apply what validates, drop the rest, and say what and why.

Every way in (a share link, Explore's widgets, the CLI, the chat) turns its text into values
and calls `build(changes, base)`; only the Scenario decides what is valid. A refused
value falls back to `base`'s (or the default's) and comes back as a `Dropped` naming the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from explainer.scenario.spec import SYNTHETIC_FIELDS, OptimizerSettings, Scenario, ScenarioError, default_scenario
from explainer.text.echo import shown

_SCENARIO_FIELDS = tuple(item.name for item in fields(Scenario))
_OPTIMIZER_FIELDS = tuple(item.name for item in fields(OptimizerSettings))
_ROUNDS = 6  # each round fixes at least one field; more would mean the fields keep conflicting


@dataclass(frozen=True)
class Dropped:
    """One value that could not be used: where it was (a key path such as `features[1].high`) and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


def field_default(name: str) -> Any:
    """A Scenario field's own default (the dataclass's), the one place defaults are written."""
    for item in fields(Scenario):
        if item.name == name:
            return item.default_factory() if callable(item.default_factory) else item.default  # type: ignore[misc]
    raise KeyError(name)


def build(changes: Mapping[str, Any], base: Scenario | None = None) -> tuple[Scenario, tuple[Dropped, ...]]:
    """`base` with `changes` applied where they validate; every refused change is dropped and reported.

    `changes` holds Scenario fields; "optimizer" may be OptimizerSettings, a name, or a mapping of its
    fields. Beside `data`, the synthetic-only fields (samples, noise, correlation, true weights and bias:
    `fields.SYNTHETIC_FIELDS`) are refused with a warning rather than silently ignored; the seed is kept,
    as a model splits its rows with it. Never raises ScenarioError.
    """
    base = base if base is not None else default_scenario()
    dropped: list[Dropped] = []
    pending: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in _SCENARIO_FIELDS:
            dropped.append(Dropped(key, "unknown setting; ignored"))
        else:
            pending[key] = value
    if "optimizer" in pending:
        pending["optimizer"] = _optimizer(pending["optimizer"], base.optimizer, dropped)
    if pending.get("data") is not None:
        pending["features"] = ()
        for key in SYNTHETIC_FIELDS:
            if key in pending and pending[key] != getattr(base, key):
                dropped.append(Dropped(key, "only applies to synthetic features, not to a table of data; ignored"))
            pending.pop(key, None)
    elif pending.get("features"):
        pending["data"] = None
    for _ in range(_ROUNDS):
        try:
            return replace(base, **pending), tuple(dropped)
        except ScenarioError as error:
            _drop_refused(error, pending, base, dropped)
    dropped.append(Dropped("", "the settings do not fit together; the previous scenario is shown"))
    return base, tuple(dropped)


def _optimizer(value: Any, current: OptimizerSettings, dropped: list[Dropped]) -> OptimizerSettings:
    if isinstance(value, OptimizerSettings):
        return value
    if isinstance(value, str):
        return replace(current, name=value)  # type: ignore[arg-type]
    if isinstance(value, Mapping):
        known = {key: item for key, item in value.items() if key in _OPTIMIZER_FIELDS}
        for key in value:
            if key not in _OPTIMIZER_FIELDS:
                dropped.append(Dropped(f"optimizer.{key}", "unknown setting; ignored"))
        return replace(current, **known)
    dropped.append(Dropped("optimizer", f"must be optimizer settings or a name (got {shown(value)}); ignored"))
    return current


def _drop_refused(error: ScenarioError, pending: dict[str, Any], base: Scenario, dropped: list[Dropped]) -> None:
    """Take every refused value out of `pending` (back to base's, or the default), noting each."""
    refused_rows: set[int] = set()
    for path, reason in error.problems:
        head = path.split(".")[0].split("[")[0]
        features = pending.get("features")
        if path.startswith("features[") and isinstance(features, tuple) and len(features) > 1:
            row = int(path[len("features[") : path.index("]")])
            refused_rows.add(row)
            dropped.append(Dropped(path, f"{reason}; this feature was left out"))
        elif head in ("features", "data"):
            restored = "features" if base.data is None else "data"
            dropped.append(Dropped(path, f"{reason}; the previous {restored} are used"))
            pending["features"], pending["data"] = base.features, base.data
            for key in SYNTHETIC_FIELDS:
                pending.pop(key, None)
        elif head == "optimizer":
            key = path.split(".")[1] if "." in path else None
            current = pending.get("optimizer", base.optimizer)
            if key in _OPTIMIZER_FIELDS and isinstance(current, OptimizerSettings):
                kept = getattr(base.optimizer, key)
                if getattr(current, key) == kept:
                    kept = getattr(OptimizerSettings(), key)
                pending["optimizer"] = replace(current, **{key: kept})
                dropped.append(Dropped(path, f"{reason}; {shown(kept)} is used"))
            else:
                pending["optimizer"] = base.optimizer
                dropped.append(Dropped(path, f"{reason}; the previous optimizer is used"))
        elif head in _SCENARIO_FIELDS:
            kept = getattr(base, head)
            if head not in pending or pending[head] == kept:
                kept = field_default(head)  # base's own value conflicts with the new features: the default
            pending[head] = kept
            note = "the default is used" if kept is None else f"{shown(kept)} is used"
            dropped.append(Dropped(path, f"{reason}; {note}"))
        else:
            dropped.append(Dropped(path, reason))
    if refused_rows:
        kept_features = tuple(f for i, f in enumerate(pending["features"]) if i not in refused_rows)
        pending["features"] = kept_features or base.features
        if kept_features and pending.get("true_weights") is not None:
            pending["true_weights"] = None


def build_changes(base: Scenario, **changes: Any) -> tuple[Scenario, tuple[Dropped, ...]]:
    """`base` with keyword changes applied where they validate: `build(changes, base)` spelled as a call."""
    return build(changes, base)
