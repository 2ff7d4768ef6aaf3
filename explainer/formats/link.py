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

from explainer.formats import parse
from explainer.formats.model_link import MODEL_KEYS, model_from_params, model_to_params
from explainer.scenario.builder import Dropped, build
from explainer.scenario.fields import FIELDS, LINK_FIELDS, SCALAR_KINDS, ScenarioField
from explainer.scenario.spec import (
    BOUNDS,
    DISTRIBUTIONS,
    MAX_FEATURES,
    Dataset,
    Feature,
    Scenario,
    ScenarioError,
    default_scenario,
)
from explainer.text.echo import shown

MAX_PARAMETER_LENGTH = 4000  # characters in one value; longer values are ignored, not parsed
MAX_LINK_DATA_VALUES = 400  # an inline dataset in a link; larger tables belong in a file
VIEW_KEYS = ("pair", "symbols", "gallery", "lesson", "step")  # page state that is not part of the scenario
# The page a share link opens: links point at the app's root with ?page=Explore, which Streamlit's frontend shows
# about 0.4 s sooner on a first visit than the page's own URL (ui/shell.py's open_linked_page switches to it).
PAGE_KEY = "page"
_COMPANIONS = {"data": ("target",), "model": MODEL_KEYS}  # parameters that travel with a field's own

# parameter → scenario field, from the one declaration (explainer.scenario.fields); bounds are the Scenario's
_SCALAR_FIELDS = {key: item for key, item in LINK_FIELDS.items() if item.kind in SCALAR_KINDS}
_PARAMETER_OF = {item.path: key for key, item in LINK_FIELDS.items()}
SCENARIO_KEYS = tuple(
    dict.fromkeys(
        [key for item in FIELDS if item.link_key for key in (item.link_key, *_COMPANIONS.get(item.link_key, ()))]
    )
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
        params["data"] = ";".join(
            _escape_name(name) + ":" + ",".join(_number_text(v) for v in values) for name, values in columns
        )
        params["target"] = data.target_name
    else:
        params["f"] = [
            f"{f.name},{_number_text(f.low)},{_number_text(f.high)},{f.distribution}" for f in scenario.features
        ]
    beside_data = scenario.data is not None
    for key, item in _SCALAR_FIELDS.items():
        value = _value_of(scenario, item.path)
        if (beside_data and item.synthetic_only) or value == _value_of(default, item.path):
            continue
        params[key] = _number_text(value) if item.kind in ("number", "whole", "rate") else str(value)
    if scenario.true_weights is not None:
        params["tw"] = ",".join(_number_text(w) for w in scenario.true_weights)
    params.update(model_to_params(scenario.model, scenario.dataset))
    return params


def _value_of(scenario: Scenario, path: str) -> object:
    """A field's value by its declared path ("seed", "optimizer.beta1")."""
    owner, _, name = path.rpartition(".")
    return getattr(scenario.optimizer if owner else scenario, name)


_URL_UNSAFE = set(" <>\"'`\\{}|^")


def check_base_url(url: str, path: str = "--base-url") -> str:
    """`url` if it is an absolute http(s) address a link can start with; else ScenarioError naming `path`."""
    problem = None
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        parts, port_ok = None, False
    if parts is None or not port_ok:
        problem = "not a valid address"
    elif parts.scheme not in ("http", "https") or not parts.hostname:
        problem = "expected an http:// or https:// address with a host"
    elif parts.query or parts.fragment or parts.username or parts.password:
        problem = "expected no query (?), fragment (#) or user name in the address"
    elif not url.isprintable():
        problem = "must not contain control characters"
    elif any(character in _URL_UNSAFE for character in url):
        problem = "must not contain spaces, quotes, backslashes or <>{}|^`"
    if problem:
        raise ScenarioError.single(path, f"{problem}, like https://example.org/app (got {shown(url)})")
    return url


def share_url(base_url: str, page: str, scenario: Scenario, view: Mapping[str, str] | None = None) -> str:
    """base_url (where the app is served, any proxy path included) + "/?page=" + page + the scenario's parameters."""
    parts = urlsplit(base_url)
    path = parts.path.rstrip("/") + "/"
    params: dict[str, str | list[str]] = {PAGE_KEY: page.strip("/")} if page.strip("/") else {}
    params.update(scenario_to_params(scenario))
    for key, value in (view or {}).items():
        if key in VIEW_KEYS and value not in (None, ""):
            params[key] = str(value)
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(params, doseq=True, safe=",:;"), ""))


def _values(params: Mapping[str, str | Sequence[str]], key: str) -> list[str]:
    value = params.get(key)
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(item) for item in value]


def scenario_from_params(params: Mapping[str, str | Sequence[str]], base: Scenario | None = None) -> LinkState:
    """Read a (possibly tampered) link. Never raises; falls back to `base` field by field."""
    base = base or default_scenario()
    warnings: list[str] = []
    for key in params:
        if key not in SCENARIO_KEYS and key not in VIEW_KEYS and key != PAGE_KEY:
            warnings.append(f"ignored unknown parameter {shown(key)}")
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
        changes["features"], changes["dataset"] = features, ""
        if "data" in single:
            warnings.append("data: ignored, the link also gives features (f); a scenario has one or the other")
    elif "data" in single:
        data = _data_from_param(single["data"], single.get("target"), warnings)
        if data is not None:
            changes["data"], changes["dataset"] = data, ""
    elif "target" in single and "dataset" not in single:
        warnings.append("target: ignored, it names a column of data and the link has none")
    changes.update(model_from_params(single, base.model, warnings))  # `dataset=` wins over `f=` and `data=`
    if changes.get("dataset") and (features or "data" in single):
        given = "f" if features else "data"
        warnings.append(f"{given}: ignored, the link names the bundled dataset {changes['dataset']}")
    optimizer: dict[str, object] = {}
    for key, item in _SCALAR_FIELDS.items():
        if key in single:
            target = optimizer if item.on_optimizer else changes
            _read_field(item, key, single[key], target, warnings)
    if optimizer:
        changes["optimizer"] = optimizer
    if "tw" in single:
        try:
            changes["true_weights"] = tuple(
                parse.number(part, f"tw[{index}]") for index, part in enumerate(single["tw"].split(","))
            )
        except ScenarioError:
            warnings.append("tw: ignored, expected numbers separated by commas")
    scenario, dropped = build(changes, base)
    warnings.extend(_link_warning(item, single) for item in dropped)
    view = {key: single[key][:200] for key in VIEW_KEYS if key in single}
    return LinkState(scenario, view, tuple(warnings))


def _read_field(item: ScenarioField, key: str, text: str, target: dict[str, object], warnings: list[str]) -> None:
    """One scalar parameter, read as its declaration says; a whole number beyond its bound is clamped, and said."""
    if item.kind in ("choice", "text"):
        if item.options and text not in item.options:
            warnings.append(f"{key}: ignored {shown(text)}, expected one of {', '.join(item.options)}")
        else:
            target[item.name] = text
        return
    readers = {"number": parse.number, "whole": parse.whole_number, "rate": parse.learning_rate}
    _read(lambda: readers[item.kind](text, key), target, item.name, text, warnings)
    value = target.get(item.name)
    if item.kind == "whole" and isinstance(value, int):
        target[item.name], note = item.clamped(value)
        if note:
            warnings.append(f"{key}: {shown(text)} {note}")


def _read(reader, target: dict[str, object], field_name: str, text: str, warnings: list[str]) -> None:
    """Put reader()'s value in target[field_name], or note why the text is not a value."""
    try:
        target[field_name] = reader()
    except ScenarioError as error:
        path, reason = error.problems[0]
        warnings.append(f"{path}: ignored {shown(text)}, {reason.split(' (got ')[0]}")


def _link_warning(item: Dropped, single: Mapping[str, str]) -> str:
    """A refused value, named by its link parameter (and the text it held) as well as its scenario field."""
    parameter = _PARAMETER_OF.get(item.path) or _PARAMETER_OF.get(item.path.split("[")[0])
    if parameter in single:
        return f"{parameter}: ignored {shown(single[parameter])}: {item.path} {item.reason}"
    if parameter and parameter != item.path:
        return f"{parameter}: {item}"
    return str(item)


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
            warnings.append(f"f[{index}]: ignored {shown(value)}, expected name,low,high[,distribution]")
            return ()
        try:
            low, high = parse.number(parts[1], f"f[{index}]"), parse.number(parts[2], f"f[{index}]")
        except ScenarioError:
            warnings.append(f"f[{index}]: ignored {shown(value)}, low and high must be finite numbers")
            return ()
        features.append(Feature(parts[0], low, high, distribution))  # type: ignore[arg-type]
    return tuple(features)


def _escape_name(name: str) -> str:
    """A column name inside `data=`: backslash escapes the separator `;` (and itself)."""
    return name.replace("\\", "\\\\").replace(";", "\\;")


def _split_columns(value: str) -> list[str]:
    """Split `data=` on the `;` that are not escaped, undoing the escapes."""
    parts, current, escaped = [], [], False
    for character in value:
        if escaped:
            current.append(character)
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == ";":
            parts.append("".join(current))
            current = []
        else:
            current.append(character)
    parts.append("".join(current))
    return parts


def _data_from_param(value: str, target: str | None, warnings: list[str]) -> Dataset | None:
    columns: dict[str, tuple[float, ...]] = {}
    for part in _split_columns(value):
        name, _, numbers = part.rpartition(":")  # a name may hold ':', the numbers never do
        try:
            parsed = tuple(parse.number(text, "data") for text in numbers.split(",")) if numbers else ()
        except ScenarioError:
            parsed = ()
        if not name or not parsed:
            warnings.append(f"data: ignored, column {shown(name or part)} is not name:number,number,…")
            return None
        if name in columns:
            warnings.append(f"data: column {shown(name)} appears twice; the second one was ignored")
            continue
        columns[name] = parsed
        if sum(len(column) for column in columns.values()) > MAX_LINK_DATA_VALUES:
            warnings.append(f"data: ignored, more than {MAX_LINK_DATA_VALUES} values")
            return None
    if target is None or target not in columns:
        last = list(columns)[-1]
        if target is not None:
            warnings.append(
                f"target: ignored {shown(target)}, not a column of data; used the last column {shown(last)}"
            )
        target = last
    names = tuple(name for name in columns if name != target)
    return Dataset(names, tuple(columns[name] for name in names), columns[target], target)


def ranges_for_link(scenario: Scenario) -> tuple[Scenario | None, str | None]:
    """What a link can carry for `scenario`: itself, or, for a table too large for a link, each column's
    range (uniform synthetic rows) and a note saying the numbers will differ. (None, note) if even that fails."""
    data = scenario.data
    if data is None:
        return scenario, None
    values = data.samples * (len(data.feature_names) + 1)
    if values <= MAX_LINK_DATA_VALUES:
        return scenario, None
    note = (
        f"A link can carry at most {MAX_LINK_DATA_VALUES} values and your table has {values:,}, so this link"
        " describes each feature column by its range (uniform, synthetic rows) instead of your rows:"
        " its numbers will differ. Share the CSV file alongside it to reproduce this view exactly."
    )
    features = tuple(
        Feature(name, _outward(min(column), math.floor), _outward(max(column), math.ceil))
        for name, column in zip(data.feature_names, data.columns)
    )
    samples = int(BOUNDS["samples"].clamp(max(data.samples, len(features) + 2)))
    try:
        return Scenario(**{**_fields_of(scenario), "data": None, "features": features, "samples": samples}), note
    except ScenarioError:
        return None, note


def _fields_of(scenario: Scenario) -> dict[str, object]:
    return {name: getattr(scenario, name) for name in scenario.__dataclass_fields__}


def _outward(value: float, direction) -> float:
    """Four significant digits, rounded away from the range (floor for low, ceil for high): a readable link."""
    if value == 0:
        return 0.0
    step = 10.0 ** (math.floor(math.log10(abs(value))) - 3)
    return float(f"{direction(value / step) * step:.6g}")
