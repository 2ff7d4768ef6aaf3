"""Explore's inputs: widgets ⇄ a Scenario ⇄ the link's query parameters.

`seed` puts a link's scenario into the widgets' session state; `draw` draws the widgets and
reads them back as a validated Scenario. A value the engine refuses is dropped with a
warning that names the field (the rest is kept), so the page always has something to show.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field, replace
from itertools import combinations

import pandas as pd
import streamlit as st

from explainer import Dataset, Feature, LinkState, OptimizerSettings, Scenario, ScenarioError, default_scenario
from explainer.formatting import escape_markdown, number
from explainer.scenario import (
    DEFAULT_MAX_STEPS,
    DISTRIBUTIONS,
    MAX_FEATURES,
    MAX_NAME_LENGTH,
    MAX_SAMPLES,
    MAX_STEPS,
    MIN_TOLERANCE,
)
from explainer.table import MAX_CSV_BYTES, parse_csv

PAGE = "explore"
K_MODE = "explore.mode"
K_ROWS = "explore.rows"  # the editor's starting table (not a widget: edits live in the editor's own state)
K_ROWS_NOW = "explore.rows_now"  # the table as last edited, to restart the editor after it was hidden
K_VERSION = "explore.version"  # bumped to start the editor and the uploader afresh (a new link)
K_LINK_TABLE = "explore.link_table"  # a dataset that came inside a link
K_TARGET = "explore.target"
K_NORM = "explore.norm"
K_OPT = "explore.opt"
K_MOMENTUM = "explore.momentum"
K_BETA1 = "explore.beta1"
K_BETA2 = "explore.beta2"
K_LR = "explore.lr"
K_STEPS = "explore.steps"
K_LOSS = "explore.loss"
K_SAMPLES = "explore.samples"
K_SEED = "explore.seed"
K_CORRELATION = "explore.correlation"
K_NOISE = "explore.noise"
K_TOLERANCE = "explore.tolerance"
K_PAIR = "explore.pair"
K_SYMBOLS = "explore.symbols"  # the Derivation page's view, carried through Explore's links
K_HIDDEN = "explore.hidden"  # link fields without a widget (true weights, bias, epsilon, title)
WIDGET_KEYS = (K_MODE, K_NORM, K_OPT, K_LR, K_STEPS)  # always drawn: missing state means "entering the page"

MODES = {"ranges": "Describe features by range", "data": "Upload a CSV of my data"}
NORMALIZATION_LABELS = {
    "zscore": "Z-score: (x − mean) / standard deviation",
    "minmax": "Min-max to [0, 1]",
    "minmax_centered": "Centred min-max: (x − mean) / (max − min)",
    "robust": "Robust: (x − median) / IQR",
    "whiten": "Whitening (decorrelates too)",
    "none": "None (compare raw with raw)",
}
OPTIMIZER_LABELS = {"gd": "Gradient descent", "momentum": "Momentum", "adam": "Adam"}
LOSS_LABELS = {
    "mse": "Mean of squared errors (MSE)",
    "sse": "Sum of squared errors (SSE)",
}
ROW_COLUMNS = ["name", "low", "high", "distribution"]
COLUMN_WIDTHS = {"name": 130, "low": 100, "high": 100, "distribution": 110}  # pixels, so the grid fits a phone


@dataclass(frozen=True)
class Table:
    """A learner's table: every column (the target included), where it came from, and a digest for caching."""

    source: str
    columns: dict[str, tuple[float, ...]]
    key: str


@dataclass
class Inputs:
    """What the widgets describe: a usable scenario, and what had to be left out."""

    scenario: Scenario
    warnings: list[str] = field(default_factory=list)
    table_key: str | None = None  # digest of an uploaded table (the cache key's stand-in for its values)
    link_scenario: Scenario | None = None  # what a link can carry, when it cannot carry the uploaded table
    link_note: str | None = None


def loss_convention(scenario: Scenario) -> str:
    """The sentence that pins every learning rate to its loss (they differ by a factor m)."""
    m = scenario.sample_count
    if scenario.loss == "sse":
        return (
            f"Learning rates here are for the loss L = Σᵢ (ŷᵢ − yᵢ)², the *sum* of squared errors over"
            f" m = {m:,} samples; with the mean (MSE) they would be {m:,} times larger."
        )
    return (
        "Learning rates here are for the loss L = (1/m) Σᵢ (ŷᵢ − yᵢ)², the *mean* of squared errors (MSE); with"
        f" the sum (SSE) they would be m = {m:,} times smaller."
    )


# ---------------------------------------------------------------------------------------------- link → widgets


def seed(state: LinkState) -> None:
    """Put a link's scenario into the widgets' state; the next draw shows it."""
    scenario, session = state.scenario, st.session_state
    session[K_VERSION] = session.get(K_VERSION, 0) + 1
    features = scenario.features or default_scenario().features
    rows = pd.DataFrame([[f.name, f.low, f.high, f.distribution] for f in features], columns=ROW_COLUMNS)
    session[K_ROWS] = rows
    session[K_ROWS_NOW] = rows
    if scenario.data is not None:
        data = scenario.data
        columns = {**dict(zip(data.feature_names, data.columns)), data.target_name: data.target}
        digest = hashlib.sha256(repr(sorted(columns.items())).encode()).hexdigest()
        session[K_LINK_TABLE] = Table("the link", columns, digest)
        session[K_TARGET] = data.target_name
        session[K_MODE] = "data"
    else:
        session.pop(K_LINK_TABLE, None)
        session.pop(K_TARGET, None)
        session[K_MODE] = "ranges"
    optimizer = scenario.optimizer
    session[K_NORM] = scenario.normalization
    session[K_OPT] = optimizer.name
    session[K_MOMENTUM] = optimizer.momentum
    session[K_BETA1] = optimizer.beta1
    session[K_BETA2] = optimizer.beta2
    session[K_LR] = "auto" if scenario.learning_rate == "auto" else repr(float(scenario.learning_rate))
    session[K_STEPS] = int(scenario.max_steps)
    session[K_LOSS] = scenario.loss
    session[K_SAMPLES] = int(scenario.samples)
    session[K_SEED] = int(scenario.seed)
    session[K_CORRELATION] = float(scenario.correlation)
    session[K_NOISE] = float(scenario.noise)
    session[K_TOLERANCE] = float(scenario.tolerance)
    session[K_HIDDEN] = {
        "true_weights": scenario.true_weights,
        "true_bias": scenario.true_bias,
        "epsilon": optimizer.epsilon,
        "title": scenario.title,
    }
    session[K_PAIR] = state.view.get("pair", "")
    session[K_SYMBOLS] = state.view.get("symbols") if state.view.get("symbols") in ("numbers", "general") else None


def _ensure_defaults() -> None:
    """Widgets are drawn from session state only (no `value=`), so every key needs a value first."""
    base = default_scenario()
    defaults = {
        K_VERSION: 0,
        K_MODE: "ranges",
        K_NORM: base.normalization,
        K_OPT: base.optimizer.name,
        K_MOMENTUM: base.optimizer.momentum,
        K_BETA1: base.optimizer.beta1,
        K_BETA2: base.optimizer.beta2,
        K_LR: "auto",
        K_STEPS: DEFAULT_MAX_STEPS,
        K_LOSS: base.loss,
        K_SAMPLES: base.samples,
        K_SEED: base.seed,
        K_CORRELATION: base.correlation,
        K_NOISE: base.noise,
        K_TOLERANCE: base.tolerance,
        K_PAIR: "",
        K_HIDDEN: {},
    }
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)
    if K_ROWS not in st.session_state:
        rows = pd.DataFrame([[f.name, f.low, f.high, f.distribution] for f in base.features], columns=ROW_COLUMNS)
        st.session_state[K_ROWS] = st.session_state[K_ROWS_NOW] = rows


# ---------------------------------------------------------------------------------------------- widgets → scenario


def draw() -> Inputs:
    """Draw every input (features or data on the left, settings on the right) and read the scenario."""
    _ensure_defaults()
    warnings: list[str] = []
    features_column, settings_column = st.columns([3, 2], gap="large")
    with features_column:
        st.radio("Your features", list(MODES), format_func=MODES.get, key=K_MODE, horizontal=True)
        if st.session_state[K_MODE] == "ranges":
            features = _feature_rows(warnings)
            table, table_problem = None, None
        else:
            features = _features_from_rows(st.session_state[K_ROWS_NOW], [])
            table, table_problem = _table(warnings)
    with settings_column:
        settings = _settings(warnings)
    if st.session_state[K_MODE] == "data" and table is None:
        if table_problem is None:
            st.info("Upload a CSV file to analyse your own data. Until then, the feature ranges are shown.")
        data = None
    elif table is not None:
        data = _dataset(table)
    else:
        data = None
    hidden = st.session_state.get(K_HIDDEN) or {}
    changes = {
        **settings,
        "true_weights": hidden.get("true_weights"),
        "true_bias": hidden.get("true_bias", 0.0),
        "title": hidden.get("title", ""),
    }
    if data is not None:
        changes.update(data=data, features=(), true_weights=None)
        for name in ("samples", "seed", "noise", "correlation", "true_bias"):
            changes.pop(name, None)
    else:
        changes["features"] = features or default_scenario().features
        if not features:
            warnings.append("features: no complete feature rows; showing the default features a 0–1 and b 1–1000")
        if changes["true_weights"] is not None and len(changes["true_weights"]) != len(changes["features"]):
            changes["true_weights"] = None  # the link's weights were for other features
    scenario = _validated(changes, warnings)
    inputs = Inputs(scenario, warnings)
    if data is not None and table is not None:
        inputs.table_key = f"{table.key}:{data.target_name}"
        _link_for_table(inputs, table)
    return inputs


def _feature_rows(warnings: list[str]) -> tuple[Feature, ...]:
    version = st.session_state[K_VERSION]
    editor_key = f"explore.editor.{version}"
    if editor_key not in st.session_state:
        # the editor was hidden (data mode) or is new: start it from the last edited table
        st.session_state[K_ROWS] = st.session_state[K_ROWS_NOW]
    edited = st.data_editor(
        st.session_state[K_ROWS],
        key=editor_key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "name": st.column_config.TextColumn(
                "Feature", required=True, max_chars=MAX_NAME_LENGTH, width=COLUMN_WIDTHS["name"]
            ),
            "low": st.column_config.NumberColumn(
                "Low", required=True, default=0.0, format="%g", width=COLUMN_WIDTHS["low"]
            ),
            "high": st.column_config.NumberColumn(
                "High", required=True, default=1.0, format="%g", width=COLUMN_WIDTHS["high"]
            ),
            "distribution": st.column_config.SelectboxColumn(
                "Distribution",
                width=COLUMN_WIDTHS["distribution"],
                options=list(DISTRIBUTIONS),
                default="uniform",
                required=True,
                help="uniform: evenly spread from low to high; normal: low..high is mean ± 3 sd; lognormal: skewed, needs low > 0",
            ),
        },
    )
    st.session_state[K_ROWS_NOW] = edited
    st.caption(
        f"Add a row at the bottom, delete with the row's checkbox. Up to {MAX_FEATURES} features;"
        " the data are drawn at random from these ranges (see Advanced)."
    )
    return _features_from_rows(edited, warnings)


def _features_from_rows(rows: pd.DataFrame, warnings: list[str]) -> tuple[Feature, ...]:
    features = []
    for position, row in enumerate(rows.itertuples(index=False), start=1):
        name, low, high, distribution = (_cell(getattr(row, column)) for column in ROW_COLUMNS)
        if name is None and low is None and high is None:
            continue  # a row just added and not filled in yet
        if name is None or low is None or high is None:
            warnings.append(f"feature row {position}: needs a name, low and high; left out until it has all three")
            continue
        try:
            features.append(Feature(str(name).strip(), float(low), float(high), distribution or "uniform"))
        except (TypeError, ValueError):
            warnings.append(f"feature row {position}: low and high must be numbers; left out")
    if len(features) > MAX_FEATURES:
        warnings.append(f"features: at most {MAX_FEATURES}; the rows after row {MAX_FEATURES} are left out")
        features = features[:MAX_FEATURES]
    return tuple(features)


def _cell(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _table(warnings: list[str]) -> tuple[Table | None, str | None]:
    """The uploaded CSV (or a table that came in a link) and its target column."""
    version = st.session_state[K_VERSION]
    upload = st.file_uploader(
        "CSV file: a header row, numeric columns, one of them the target",
        type=["csv", "txt", "tsv"],
        key=f"explore.upload.{version}",
        help=f"Up to {_upload_limit_mb()} MB, at most {MAX_SAMPLES:,} rows and {MAX_FEATURES} feature columns."
        " The file is read on the server for this session only.",
    )
    table = None
    if upload is not None:
        raw = upload.getvalue()
        try:
            table = _read_table(raw, upload.name)
        except ScenarioError as error:
            problem = "; ".join(f"{path}: {reason}" for path, reason in error.problems)
            st.warning(f"**Could not use {escape_markdown(upload.name)}**: {escape_markdown(problem)}")
            return None, problem
    elif K_LINK_TABLE in st.session_state:
        table = st.session_state[K_LINK_TABLE]
    if table is None:
        return None, None
    names = list(table.columns)
    if st.session_state.get(K_TARGET) not in names:
        st.session_state[K_TARGET] = names[-1]
    st.selectbox("Target column (what the model predicts)", names, key=K_TARGET)
    rows = len(next(iter(table.columns.values())))
    st.caption(f"{escape_markdown(table.source)}: {rows:,} rows × {len(names)} columns.")
    return table, None


def _upload_limit_mb() -> int:
    """The smaller of the server's upload limit and the parser's own."""
    return min(int(st.get_option("server.maxUploadSize")), MAX_CSV_BYTES // 1_000_000)


@st.cache_resource(max_entries=8, show_spinner="Reading the file…")
def _read_table(raw: bytes, source: str) -> Table:
    """Parse once per file (a 100 000-row CSV takes about a second); shared, never mutated."""
    data = parse_csv(raw, None, field="csv", source=source)
    columns = {**dict(zip(data.feature_names, data.columns)), data.target_name: data.target}
    return Table(source, columns, hashlib.sha256(raw).hexdigest())


def _dataset(table: Table) -> Dataset:
    target = st.session_state[K_TARGET]
    names = tuple(name for name in table.columns if name != target)
    return Dataset(names, tuple(table.columns[name] for name in names), table.columns[target], target)


def _settings(warnings: list[str]) -> dict[str, object]:
    st.selectbox(
        "Normalization",
        list(NORMALIZATION_LABELS),
        format_func=NORMALIZATION_LABELS.get,
        key=K_NORM,
        help="How the normalized side rescales the features (fitted on the data, as scikit-learn's scalers are).",
    )
    st.selectbox("Optimizer", list(OPTIMIZER_LABELS), format_func=OPTIMIZER_LABELS.get, key=K_OPT)
    if st.session_state[K_OPT] == "momentum":
        st.number_input(
            "Momentum β",
            min_value=0.0,
            max_value=0.999999,
            step=0.05,
            format="%g",
            key=K_MOMENTUM,
            help="The fraction of the previous step kept (heavy-ball momentum, as PyTorch's SGD).",
        )
    st.text_input(
        "Learning rate η",
        key=K_LR,
        help='"auto" uses each side\'s best constant step 2 / (λmax + λmin) (Adam: 0.001); or type a number such as 1e-6.'
        " The rate is for the loss chosen under Advanced (mean of squared errors by default).",
    )
    st.number_input(
        "Step cap (most iterations to run)",
        min_value=1,
        max_value=MAX_STEPS,
        step=1000,
        key=K_STEPS,
        help="Plain gradient descent and momentum are solved in closed form, so a cap of 10⁹ costs no more than 10³.",
    )
    with st.expander("Advanced"):
        st.radio("Loss", list(LOSS_LABELS), format_func=LOSS_LABELS.get, key=K_LOSS, horizontal=True)
        if st.session_state[K_OPT] == "adam":
            st.number_input("Adam β₁", min_value=0.0, max_value=0.999999, step=0.01, format="%g", key=K_BETA1)
            st.number_input("Adam β₂", min_value=0.0, max_value=0.999999, step=0.001, format="%g", key=K_BETA2)
        st.number_input(
            "Tolerance (distance to the best fit, as a fraction of the start)",
            min_value=MIN_TOLERANCE,
            max_value=0.5,
            format="%.1e",
            key=K_TOLERANCE,
        )
        synthetic = st.session_state[K_MODE] == "ranges" or K_LINK_TABLE not in st.session_state
        st.number_input(
            "Samples drawn", min_value=3, max_value=MAX_SAMPLES, step=100, key=K_SAMPLES, disabled=not synthetic
        )
        st.number_input(
            "Correlation between features",
            min_value=-0.999,
            max_value=0.999,
            step=0.1,
            format="%g",
            key=K_CORRELATION,
            help="Every pair of synthetic features gets this correlation; z-scoring cannot remove it, whitening can.",
        )
        st.number_input("Noise (sd of the target's noise)", min_value=0.0, step=0.1, format="%g", key=K_NOISE)
        st.number_input("Random seed", min_value=0, max_value=2**32 - 1, step=1, key=K_SEED)
    session = st.session_state
    rate = _learning_rate(session[K_LR], warnings)
    hidden = session.get(K_HIDDEN) or {}
    optimizer = OptimizerSettings(
        session[K_OPT],
        float(session[K_MOMENTUM]),
        float(session[K_BETA1]),
        float(session[K_BETA2]),
        float(hidden.get("epsilon", OptimizerSettings().epsilon)),
    )
    return {
        "normalization": session[K_NORM],
        "optimizer": optimizer,
        "learning_rate": rate,
        "max_steps": int(session[K_STEPS]),
        "loss": session[K_LOSS],
        "tolerance": float(session[K_TOLERANCE]),
        "samples": int(session[K_SAMPLES]),
        "correlation": float(session[K_CORRELATION]),
        "noise": float(session[K_NOISE]),
        "seed": int(session[K_SEED]),
    }


def _learning_rate(text: str, warnings: list[str]) -> float | str:
    cleaned = str(text).strip().lower()
    if cleaned in ("", "auto"):
        return "auto"
    try:
        value = float(cleaned)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= 1e12):
        shown = cleaned if len(cleaned) <= 30 else cleaned[:27] + "…"
        warnings.append(f'learning rate: expected a positive number or "auto" (got {shown!r}); using auto')
        return "auto"
    return value


def _validated(changes: dict[str, object], warnings: list[str]) -> Scenario:
    """The scenario, dropping each refused field (with a warning naming it) until the rest is valid."""
    base = default_scenario()
    for _ in range(4):
        try:
            return base.with_changes(**changes)
        except ScenarioError as error:
            refused_rows: set[int] = set()
            refused_fields: set[str] = set()
            for path, reason in error.problems:
                head = path.split(".")[0]
                if head.startswith("features[") and isinstance(changes.get("features"), tuple):
                    refused_rows.add(int(head[len("features[") : -1]))
                    warnings.append(f"feature row {int(head[9:-1]) + 1} ({path}): {reason}; left out")
                else:
                    refused_fields.add(head.split("[")[0])
                    warnings.append(f"{path}: {reason}; using the default")
            if refused_rows:
                kept = tuple(f for index, f in enumerate(changes["features"]) if index not in refused_rows)  # type: ignore[arg-type]
                changes["features"] = kept or base.features
                changes["true_weights"] = None
            for name in refused_fields:
                if name in ("features", "data"):
                    changes["features"], changes["data"] = base.features, None
                else:
                    changes.pop(name, None)
    warnings.append("the inputs do not fit together; showing the default scenario")
    return base


def _link_for_table(inputs: Inputs, table: Table) -> None:
    """A link can carry a small table inline; a larger one is described by its columns' ranges."""
    from explainer.link import MAX_LINK_DATA_VALUES

    values = sum(len(column) for column in table.columns.values())
    if values <= MAX_LINK_DATA_VALUES:
        return
    data = inputs.scenario.data
    assert data is not None
    features = tuple(
        Feature(name, _outward(min(column), math.floor), _outward(max(column), math.ceil))
        for name, column in zip(data.feature_names, data.columns)
    )
    try:
        inputs.link_scenario = replace(
            inputs.scenario,
            data=None,
            features=features,
            samples=min(max(data.samples, len(features) + 2), MAX_SAMPLES),
        )
    except ScenarioError:
        inputs.link_scenario = None
    inputs.link_note = (
        f"A link can carry at most {MAX_LINK_DATA_VALUES} values and your table has {values:,}, so this link"
        " describes each feature column by its range (uniform, synthetic rows) instead of your rows:"
        " its numbers will differ. Share the CSV file alongside it to reproduce this view exactly."
    )


def _outward(value: float, direction) -> float:
    """Four significant digits, rounded away from the range (floor for low, ceil for high): a readable link."""
    if value == 0:
        return 0.0
    step = 10.0 ** (math.floor(math.log10(abs(value))) - 3)
    return float(f"{direction(value / step) * step:.6g}")


# ---------------------------------------------------------------------------------------------- the ravine's pair


def parameter_pairs(scenario: Scenario) -> list[tuple[str, str]]:
    names = (*scenario.feature_names, "bias")
    return list(combinations(names, 2))


def pair_text(pair: tuple[str, str]) -> str:
    return f"{pair[0]},{pair[1]}"


def parse_pair(text: str, scenario: Scenario) -> tuple[tuple[str, str] | None, str | None]:
    """`pair=a,b` → ("a", "b"); names may contain commas, so every split is tried. Returns (pair, warning)."""
    pairs = parameter_pairs(scenario)
    if not text:
        return None, None
    for index in [i for i, character in enumerate(text) if character == ","]:
        candidate = (text[:index], text[index + 1 :])
        if candidate in pairs:
            return candidate, None
        if candidate[::-1] in pairs:
            return candidate[::-1], None
    names = ", ".join((*scenario.feature_names, "bias"))
    shown = text if len(text) <= 40 else text[:37] + "…"
    return None, f"pair: ignored {shown!r}, expected two of {names} separated by a comma"


def selected_pair(scenario: Scenario) -> tuple[tuple[str, str], list[str]]:
    """The pair the ravine shows: the widget's (or link's) choice if it fits these features, else the first."""
    pairs = parameter_pairs(scenario)
    current = st.session_state.get(K_PAIR)
    if isinstance(current, tuple) and current in pairs:
        return current, []
    pair, warning = parse_pair(current if isinstance(current, str) else "", scenario)
    chosen = pair or pairs[0]
    st.session_state[K_PAIR] = chosen
    return chosen, [warning] if warning else []


def draw_pair_selector(scenario: Scenario) -> None:
    pairs = parameter_pairs(scenario)
    if len(pairs) > 1:
        st.selectbox(
            "Parameters on the axes",
            pairs,
            format_func=lambda pair: f"weight of {pair[0]} × {'bias' if pair[1] == 'bias' else 'weight of ' + pair[1]}",
            key=K_PAIR,
            help="The loss over two parameters, the others held at their best values.",
        )


def describe(scenario: Scenario) -> str:
    """One line for captions: what is being compared (user text escaped)."""
    if scenario.data is not None:
        what = f"your table ({scenario.data.samples:,} rows, target {escape_markdown(scenario.data.target_name)})"
    else:
        what = ", ".join(
            f"{escape_markdown(f.name)} {number(f.low)}–{number(f.high)}" for f in scenario.features[:6]
        ) + ("…" if len(scenario.features) > 6 else "")
    rate = "auto" if scenario.learning_rate == "auto" else number(float(scenario.learning_rate))
    return f"{what} · {NORMALIZATION_LABELS[scenario.normalization].split(':')[0]} · {OPTIMIZER_LABELS[scenario.optimizer.name]}, η = {rate}"
