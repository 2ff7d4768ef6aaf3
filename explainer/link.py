"""Share links: a scenario as URL query parameters, and back, tolerating tampered links.

Links are short and readable: only what differs from the default scenario is written,
in a fixed order, so file → link → app → link is stable. Reading never raises: every value
that cannot be used is dropped with a warning naming the parameter, and the rest is kept.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from explainer.model_link import MODEL_KEYS, model_from_params, model_to_params
from explainer.scenario import (
    DISTRIBUTIONS,
    LOSSES,
    MAX_FEATURES,
    MAX_SAMPLES,
    MAX_STEPS,
    NORMALIZATIONS,
    OPTIMIZERS,
    Dataset,
    Feature,
    OptimizerSettings,
    Scenario,
    ScenarioError,
    default_scenario,
)

MAX_PARAMETER_LENGTH = 4000  # characters in one value; longer values are ignored, not parsed
MAX_LINK_DATA_VALUES = 400  # an inline dataset in a link; larger tables belong in a file
VIEW_KEYS = ("pair", "symbols", "gallery", "lesson", "step")  # page state that is not part of the scenario

_NUMBER_KEYS = {  # parameter → (scenario field, lowest, highest)
    "tol": ("tolerance", 1e-14, 0.5),
    "noise": ("noise", 0.0, 1e12),
    "corr": ("correlation", -0.999, 0.999),
    "tb": ("true_bias", -1e12, 1e12),
}
_INTEGER_KEYS = {"steps": ("max_steps", 1, MAX_STEPS), "n": ("samples", 3, MAX_SAMPLES), "seed": ("seed", 0, 2**32 - 1)}
_OPTIMIZER_NUMBER_KEYS = {"mom": "momentum", "b1": "beta1", "b2": "beta2", "eps": "epsilon"}
_CHOICE_KEYS = {"norm": ("normalization", NORMALIZATIONS), "loss": ("loss", LOSSES)}
SCENARIO_KEYS = (
    "f",
    "data",
    "target",
    "title",
    "norm",
    "opt",
    "lr",
    "loss",
    "steps",
    "tol",
    "n",
    "seed",
    "noise",
    "corr",
    "tw",
    "tb",
    *_OPTIMIZER_NUMBER_KEYS,
    *MODEL_KEYS,
)


@dataclass(frozen=True)
class LinkState:
    """What a link asks for: a usable scenario, the page's view keys, and what had to be ignored."""

    scenario: Scenario
    view: dict[str, str]
    warnings: tuple[str, ...]


def _number_text(value: float) -> str:
    return repr(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


def scenario_to_params(scenario: Scenario) -> dict[str, str | list[str]]:
    """The query parameters that describe `scenario`: only what differs from the defaults."""
    default = Scenario(features=default_scenario().features)
    params: dict[str, str | list[str]] = {}
    if scenario.dataset:
        pass  # a bundled dataset travels by name (model_to_params below)
    elif scenario.data is not None:
        data = scenario.data
        columns = [*zip(data.feature_names, data.columns), (data.target_name, data.target)]
        params["data"] = ";".join(f"{name}:" + ",".join(_number_text(v) for v in values) for name, values in columns)
        params["target"] = data.target_name
    else:
        params["f"] = [
            f"{f.name},{_number_text(f.low)},{_number_text(f.high)},{f.distribution}" for f in scenario.features
        ]
    if scenario.title:
        params["title"] = scenario.title
    if scenario.normalization != default.normalization:
        params["norm"] = scenario.normalization
    if scenario.optimizer.name != default.optimizer.name:
        params["opt"] = scenario.optimizer.name
    if scenario.learning_rate != "auto":
        params["lr"] = _number_text(scenario.learning_rate)
    if scenario.loss != default.loss:
        params["loss"] = scenario.loss
    for key, (field_name, _, _) in {**_INTEGER_KEYS, **_NUMBER_KEYS}.items():
        if scenario.data is not None and field_name in ("samples", "seed", "noise", "correlation", "true_bias"):
            continue
        value = getattr(scenario, field_name)
        if value != getattr(default, field_name):
            params[key] = _number_text(value)
    if scenario.true_weights is not None:
        params["tw"] = ",".join(_number_text(w) for w in scenario.true_weights)
    for key, field_name in _OPTIMIZER_NUMBER_KEYS.items():
        value = getattr(scenario.optimizer, field_name)
        if value != getattr(default.optimizer, field_name):
            params[key] = _number_text(value)
    params.update(model_to_params(scenario.model, scenario.dataset))
    return params


def share_url(base_url: str, page: str, scenario: Scenario, view: Mapping[str, str] | None = None) -> str:
    """base_url (where the app is served, any proxy path included) + page + the scenario's parameters."""
    parts = urlsplit(base_url)
    path = parts.path.rstrip("/") + ("/" + page.strip("/") if page.strip("/") else "/")
    params = scenario_to_params(scenario)
    for key, value in (view or {}).items():
        if key in VIEW_KEYS and value not in (None, ""):
            params[key] = str(value)
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(params, doseq=True, safe=",:;"), ""))


def _values(params: Mapping[str, str | Sequence[str]], key: str) -> list[str]:
    value = params.get(key)
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(item) for item in value]


def _parse_number(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def scenario_from_params(params: Mapping[str, str | Sequence[str]], base: Scenario | None = None) -> LinkState:
    """Read a (possibly tampered) link. Never raises; falls back to `base` field by field."""
    base = base or default_scenario()
    warnings: list[str] = []
    for key in params:
        if key not in SCENARIO_KEYS and key not in VIEW_KEYS:
            warnings.append(f"ignored unknown parameter {_quote(key)}")
    single: dict[str, str] = {}
    for key in params:
        values = _values(params, key)
        if key == "f":
            continue
        if values and len(values[-1]) > MAX_PARAMETER_LENGTH:
            warnings.append(f"{key}: ignored, longer than {MAX_PARAMETER_LENGTH} characters")
        elif values:
            single[key] = values[-1]
    changes: dict[str, object] = {}
    features = _features_from_params(_values(params, "f"), warnings)
    if features:
        changes["features"], changes["data"], changes["dataset"] = features, None, ""
    elif "data" in single:
        data = _data_from_param(single["data"], single.get("target"), warnings)
        if data is not None:
            changes["data"], changes["features"], changes["dataset"] = data, (), ""
    changes.update(model_from_params(single, base.model, warnings))  # `dataset=` wins over `f=` and `data=`
    if "title" in single:
        changes["title"] = single["title"][:200]
    for key, (field_name, choices) in _CHOICE_KEYS.items():
        if key in single:
            if single[key] in choices:
                changes[field_name] = single[key]
            else:
                warnings.append(f"{key}: ignored {_quote(single[key])}, expected one of {', '.join(choices)}")
    optimizer = base.optimizer
    if "opt" in single:
        if single["opt"] in OPTIMIZERS:
            optimizer = OptimizerSettings(
                single["opt"], optimizer.momentum, optimizer.beta1, optimizer.beta2, optimizer.epsilon
            )  # type: ignore[arg-type]
        else:
            warnings.append(f"opt: ignored {_quote(single['opt'])}, expected one of {', '.join(OPTIMIZERS)}")
    for key, field_name in _OPTIMIZER_NUMBER_KEYS.items():
        if key in single:
            value = _parse_number(single[key])
            low, high = (1e-12, 1.0) if key == "eps" else (0.0, 0.999999)
            if value is None or not low <= value <= high:
                warnings.append(f"{key}: ignored {_quote(single[key])}, expected a number between {low:g} and {high:g}")
            else:
                optimizer = OptimizerSettings(**{**optimizer.__dict__, field_name: value})
    changes["optimizer"] = optimizer
    if "lr" in single:
        value = _parse_number(single["lr"]) if single["lr"] != "auto" else None
        if single["lr"] == "auto":
            changes["learning_rate"] = "auto"
        elif value is None or not 0 < value <= 1e12:
            warnings.append(f'lr: ignored {_quote(single["lr"])}, expected a positive number or "auto"')
        else:
            changes["learning_rate"] = value
    for key, (field_name, low, high) in _NUMBER_KEYS.items():
        if key in single:
            value = _parse_number(single[key])
            if value is None or not low <= value <= high:
                warnings.append(f"{key}: ignored {_quote(single[key])}, expected a number between {low:g} and {high:g}")
            else:
                changes[field_name] = value
    for key, (field_name, low, high) in _INTEGER_KEYS.items():
        if key in single:
            value = _parse_number(single[key])
            if value is None or not value.is_integer():
                warnings.append(f"{key}: ignored {_quote(single[key])}, expected a whole number")
            elif not low <= value <= high:
                clamped = int(min(max(value, low), high))
                warnings.append(f"{key}: {_quote(single[key])} is outside {low:g}..{high:g}; used {clamped:g}")
                changes[field_name] = clamped
            else:
                changes[field_name] = int(value)
    if "tw" in single:
        weights = [_parse_number(part) for part in single["tw"].split(",")]
        if any(weight is None for weight in weights):
            warnings.append("tw: ignored, expected numbers separated by commas")
        else:
            changes["true_weights"] = tuple(weights)
    scenario = _build(base, changes, warnings)
    view = {key: single[key][:200] for key in VIEW_KEYS if key in single}
    return LinkState(scenario, view, tuple(warnings))


def _build(base: Scenario, changes: dict[str, object], warnings: list[str]) -> Scenario:
    """Apply the changes; drop the ones the scenario rejects, one field at a time, with a warning each."""
    try:
        return base.with_changes(**changes)
    except ScenarioError as error:
        problem_fields = {path.split(".")[0].split("[")[0] for path, _ in error.problems}
        for path, reason in error.problems:
            warnings.append(f"{path}: {reason}; ignored")
        if "features" in problem_fields or "data" in problem_fields or "dataset" in problem_fields:
            problem_fields |= {"features", "data", "dataset", "true_weights", "samples", "correlation"}
        kept = {key: value for key, value in changes.items() if key not in problem_fields}
        try:
            return base.with_changes(**kept)
        except ScenarioError:
            warnings.append("the link's settings do not fit together; showing the default scenario")
            return base


def _features_from_params(values: list[str], warnings: list[str]) -> tuple[Feature, ...]:
    if not values:
        return ()
    if len(values) > MAX_FEATURES:
        warnings.append(
            f"f: {len(values)} features given, at most {MAX_FEATURES} are allowed; the link's features were ignored"
        )
        return ()
    features = []
    for index, value in enumerate(values):
        if len(value) > MAX_PARAMETER_LENGTH:
            warnings.append(f"f[{index}]: ignored, too long")
            return ()
        parts = value.rsplit(",", 3)
        distribution = "uniform"
        if len(parts) == 4 and parts[3] in DISTRIBUTIONS:
            distribution = parts[3]
            parts = parts[:3]
        elif len(parts) == 4:
            parts = [",".join(parts[:2]), parts[2], parts[3]]
        if len(parts) != 3:
            warnings.append(f"f[{index}]: ignored {_quote(value)}, expected name,low,high[,distribution]")
            return ()
        name, low, high = parts[0], _parse_number(parts[1]), _parse_number(parts[2])
        if low is None or high is None:
            warnings.append(f"f[{index}]: ignored {_quote(value)}, low and high must be finite numbers")
            return ()
        features.append(Feature(name, low, high, distribution))  # type: ignore[arg-type]
    return tuple(features)


def _data_from_param(value: str, target: str | None, warnings: list[str]) -> Dataset | None:
    columns: dict[str, tuple[float, ...]] = {}
    for part in value.split(";"):
        name, _, numbers = part.partition(":")
        parsed = [_parse_number(text) for text in numbers.split(",")] if numbers else []
        if not name or not parsed or any(number is None for number in parsed):
            warnings.append(f"data: ignored, column {_quote(name or part)} is not name:number,number,…")
            return None
        columns[name] = tuple(parsed)  # type: ignore[arg-type]
    if sum(len(column) for column in columns.values()) > MAX_LINK_DATA_VALUES:
        warnings.append(f"data: ignored, more than {MAX_LINK_DATA_VALUES} values")
        return None
    target = target if target in columns else list(columns)[-1]
    names = tuple(name for name in columns if name != target)
    return Dataset(names, tuple(columns[name] for name in names), columns[target], target)


def _quote(text: str) -> str:
    shown = text if len(text) <= 40 else text[:37] + "…"
    return repr("".join(character if character.isprintable() else "?" for character in shown))
