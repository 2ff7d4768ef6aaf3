"""Explore's inputs: the widgets, their session state, and the Scenario they describe.

`seed` puts a link's scenario into the widgets' state; `draw` draws the widgets and reads them
back through `Scenario.build`, which keeps what validates and names what it dropped. Bounds and
defaults are the Scenario's (declared once in `explainer.scenario.fields`), never repeated here.

Widget keys (stable: agents and tests drive the page by them):

- `explore.mode` (radio): "ranges" (features described by range) or "data" (an uploaded CSV)
- `explore.editor.N` (data editor): feature rows name, low, high, distribution (N grows when a link is opened)
- `explore.upload.N` (file uploader): the CSV; `explore.target` (selectbox): its target column
- `explore.norm` (selectbox): the normalization, a key of explainer.scenario.vocabulary.METHODS
- `explore.opt` (selectbox): the optimizer, a key of explainer.scenario.vocabulary.OPTIMIZER_CHOICES
- `explore.momentum` (number, momentum only); `explore.beta1`, `explore.beta2` (numbers, Adam only)
- `explore.lr` (text): the learning rate, a number or "auto"
- `explore.steps` (number): the step cap
- under Advanced: `explore.loss` (radio, "mse" or "sse"), `explore.tolerance`, `explore.samples`,
  `explore.correlation`, `explore.noise`, `explore.seed` (numbers)
- `explore.pair` (selectbox): the two parameters on the ravine's axes
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from explainer import Dataset, Feature, LinkState, OptimizerSettings, Scenario, ScenarioError, default_scenario
from explainer.budget.memory import region
from explainer.formats import parse
from explainer.formats.link import ranges_for_link
from explainer.formats.parse import MAX_NUMBER_TEXT, parameter_pairs
from explainer.formats.table import MAX_CSV_BYTES, parse_csv
from explainer.scenario.builder import build
from explainer.scenario.fields import FIELD, FIELDS, SYNTHETIC_FIELDS
from explainer.scenario.spec import BOUNDS, DISTRIBUTIONS, MAX_FEATURES, MAX_NAME_LENGTH, MAX_SAMPLES
from explainer.scenario.vocabulary import METHODS, OPTIMIZER_CHOICES
from explainer.text.formatting import escape_markdown

PAGE = "explore"
UPLOADS_KEPT = 8  # parsed files kept at most; the "uploads" share of the memory budget bounds their bytes
K_MODE = "explore.mode"
K_ROWS = "explore.rows"  # the editor's starting table (not a widget: edits live in the editor's own state)
K_ROWS_NOW = "explore.rows_now"  # the table as last edited, to restart the editor after it was hidden
K_REFUSED_ROWS = "explore.refused_rows"  # the message for rows the editor's callback refused
K_VERSION = "explore.version"  # bumped to start the editor and the uploader afresh (a new link)
K_LINK_TABLE = "explore.link_table"  # a dataset that came inside a link
K_TARGET = "explore.target"
# the fields' widget keys are declared with the fields (explainer.scenario.fields)
K_NORM = FIELD["normalization"].widget_key
K_OPT = FIELD["optimizer.name"].widget_key
K_MOMENTUM = FIELD["optimizer.momentum"].widget_key
K_BETA1 = FIELD["optimizer.beta1"].widget_key
K_BETA2 = FIELD["optimizer.beta2"].widget_key
K_LR = FIELD["learning_rate"].widget_key
K_STEPS = FIELD["max_steps"].widget_key
K_LOSS = FIELD["loss"].widget_key
K_SAMPLES = FIELD["samples"].widget_key
K_SEED = FIELD["seed"].widget_key
K_CORRELATION = FIELD["correlation"].widget_key
K_NOISE = FIELD["noise"].widget_key
K_TOLERANCE = FIELD["tolerance"].widget_key
K_PAIR = "explore.pair"
K_SYMBOLS = "explore.symbols"  # the Derivation page's view, carried through Explore's links
K_HIDDEN = "explore.hidden"  # link fields without a widget (true weights, bias, epsilon, title)
WIDGET_KEYS = (K_MODE, K_NORM, K_OPT, K_LR, K_STEPS)  # always drawn: missing state means "entering the page"
_NUMBER_WIDGETS = [item for item in FIELDS if item.widget_key and item.kind in ("number", "whole", "choice")]
SCENARIO_WIDGETS = {item.widget_key: item.name for item in _NUMBER_WIDGETS if not item.on_optimizer}  # key → field
OPTIMIZER_WIDGETS = {item.widget_key: item.name for item in _NUMBER_WIDGETS if item.on_optimizer}

MODES = {"ranges": "Describe features by range", "data": "Upload a CSV of my data"}
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


def _bounds(name: str) -> dict[str, float]:
    """A number_input's min_value/max_value, from the Scenario's bounds."""
    bound = BOUNDS[name]
    if bound.whole:
        return {"min_value": int(bound.low), "max_value": int(bound.high)}
    return {"min_value": float(bound.low), "max_value": float(bound.high)}


# --- link → widgets ---------------------------------------------------------------------------


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
    session.update({key: getattr(scenario, name) for key, name in SCENARIO_WIDGETS.items()})
    session.update({key: getattr(optimizer, name) for key, name in OPTIMIZER_WIDGETS.items()})
    session[K_LR] = "auto" if scenario.learning_rate == "auto" else repr(float(scenario.learning_rate))
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
    defaults: dict[str, object] = {K_VERSION: 0, K_MODE: "ranges", K_LR: "auto", K_PAIR: "", K_HIDDEN: {}}
    defaults.update({key: getattr(base, name) for key, name in SCENARIO_WIDGETS.items()})
    defaults.update({key: getattr(base.optimizer, name) for key, name in OPTIMIZER_WIDGETS.items()})
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)
    if K_ROWS not in st.session_state:
        rows = pd.DataFrame([[f.name, f.low, f.high, f.distribution] for f in base.features], columns=ROW_COLUMNS)
        st.session_state[K_ROWS] = st.session_state[K_ROWS_NOW] = rows


# --- widgets → scenario -----------------------------------------------------------------------


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
        changes = _settings(warnings)
    if st.session_state[K_MODE] == "data" and table is None and table_problem is None:
        st.info("Upload a CSV file to analyse your own data. Until then, the feature ranges are shown.")
    data = _dataset(table) if table is not None else None
    hidden = st.session_state.get(K_HIDDEN) or {}
    changes.update({key: hidden[key] for key in ("true_weights", "true_bias", "title") if key in hidden})
    if data is not None:
        changes["data"] = data
        for name in SYNTHETIC_FIELDS:
            changes.pop(name, None)  # the widgets' synthetic settings, unused beside a table: not a mistake
    else:
        changes["features"] = features or default_scenario().features
        if not features:
            warnings.append("features: no complete feature rows; showing the default features a 0–1 and b 1–1000")
        weights = changes.get("true_weights")
        if weights is not None and len(weights) != len(changes["features"]):  # type: ignore[arg-type]
            changes["true_weights"] = None  # the link's weights were for other features
    scenario, dropped = build(changes, default_scenario())
    warnings.extend(_row_warning(item) for item in dropped)
    inputs = Inputs(scenario, warnings)
    if data is not None and table is not None and scenario.data is not None:
        inputs.table_key = f"{table.key}:{data.target_name}"
        link_scenario, inputs.link_note = ranges_for_link(scenario)
        inputs.link_scenario = link_scenario if link_scenario is not scenario else None
    return inputs


def _row_warning(item) -> str:
    """A dropped value in the learner's terms: `features[1]` is the editor's row 2."""
    if item.path.startswith("features["):
        row = int(item.path[len("features[") : item.path.index("]")]) + 1
        return f"feature row {row} ({item})"
    return str(item)


def _feature_rows(warnings: list[str]) -> tuple[Feature, ...]:
    version = st.session_state[K_VERSION]
    editor_key = f"explore.editor.{version}"
    if editor_key not in st.session_state:
        # the editor was hidden (data mode) or is new: start it from the last edited table
        st.session_state[K_ROWS] = st.session_state[K_ROWS_NOW]
    # the stored edits are re-applied on every rerun: trim them first (the callback has, on the edit's own run)
    refused = _refuse_rows_beyond_bound(editor_key) or st.session_state.pop(K_REFUSED_ROWS, None)
    if refused:
        warnings.append(refused)
    edited = st.data_editor(
        st.session_state[K_ROWS],
        key=editor_key,
        on_change=_refuse_on_edit,
        args=(editor_key,),
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


def _refuse_on_edit(editor_key: str) -> None:
    """The editor's on_change: trim before the script runs, and keep the message for it to show."""
    refused = _refuse_rows_beyond_bound(editor_key)
    if refused:
        st.session_state[K_REFUSED_ROWS] = refused


def _refuse_rows_beyond_bound(editor_key: str) -> str | None:
    """Drop added rows beyond the scenario's feature bound from the editor's stored edits, before Streamlit
    applies them (it adds rows one by one, in time growing with the square of their number), and say so.

    The edits are Streamlit's data_editor state: {"edited_rows", "added_rows", "deleted_rows"}; its lists
    are plain lists, trimmed in place, so the editor never builds more rows than the bound."""
    edits = st.session_state.get(editor_key)
    added = edits.get("added_rows") if isinstance(edits, Mapping) else None
    if not isinstance(added, list):
        return None
    kept = len(st.session_state[K_ROWS]) - len(set(edits.get("deleted_rows") or ()))
    room = max(MAX_FEATURES - kept, 0)
    if len(added) <= room:
        return None
    refused = len(added) - room
    del added[room:]
    return (
        f"features: at most {MAX_FEATURES}; {refused:,} added row{'s' if refused != 1 else ''} beyond row"
        f" {MAX_FEATURES} {'were' if refused != 1 else 'was'} not added"
    )


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


def _read_table(raw: bytes, source: str) -> Table:
    """Parse once per file (a 100 000-row CSV takes about a second); shared, never mutated.

    Kept in the "uploads" region of the one memory budget (explainer.budget.memory), bounded by bytes:
    a table at the row limit holds about 100 MB of Python floats."""
    digest = hashlib.sha256(raw).hexdigest()
    uploads = region("uploads", max_entries=UPLOADS_KEPT)
    cached = uploads.get((digest, source))
    if cached is not None:
        return cached

    def parse() -> Table:
        data = parse_csv(raw, None, field="csv", source=source)
        columns = {**dict(zip(data.feature_names, data.columns)), data.target_name: data.target}
        return Table(source, columns, digest)

    with st.spinner("Reading the file…"):
        return uploads.get_or_compute((digest, source), parse)


def _dataset(table: Table) -> Dataset:
    target = st.session_state[K_TARGET]
    names = tuple(name for name in table.columns if name != target)
    return Dataset(names, tuple(table.columns[name] for name in names), table.columns[target], target)


def _settings(warnings: list[str]) -> dict[str, object]:
    st.selectbox(
        "Normalization",
        list(METHODS),
        format_func=lambda key: METHODS[key].label,
        key=K_NORM,
        help="How the normalized side rescales the features (fitted on the data, as scikit-learn's scalers are).",
    )
    st.selectbox(
        "Optimizer",
        list(OPTIMIZER_CHOICES),
        format_func=lambda key: OPTIMIZER_CHOICES[key].label,
        key=K_OPT,
        help=" ".join(f"{choice.label}: {choice.help}" for choice in OPTIMIZER_CHOICES.values()),
    )
    if st.session_state[K_OPT] == "momentum":
        st.number_input(
            "Momentum β",
            **_bounds("momentum"),
            step=0.05,
            format="%g",
            key=K_MOMENTUM,
            help="The fraction of the previous step kept (heavy-ball momentum, as PyTorch's SGD).",
        )
    st.text_input(
        "Learning rate η",
        key=K_LR,
        max_chars=MAX_NUMBER_TEXT,  # what parse.number reads; a link's longer value is refused by the boundary
        help='"auto" uses each side\'s best constant step 2 / (λmax + λmin) (Adam: 0.001); or type a number such as 1e-6.'
        " The rate is for the loss chosen under Advanced (mean of squared errors by default).",
    )
    st.number_input(
        "Step cap (most iterations to run)",
        **_bounds("max_steps"),
        step=1000,
        key=K_STEPS,
        help="Plain gradient descent and momentum are solved in closed form, so a cap of 10⁹ costs no more than 10³.",
    )
    with st.expander("Advanced"):
        st.radio("Loss", list(LOSS_LABELS), format_func=LOSS_LABELS.get, key=K_LOSS, horizontal=True)
        if st.session_state[K_OPT] == "adam":
            st.number_input("Adam β₁", **_bounds("beta1"), step=0.01, format="%g", key=K_BETA1)
            st.number_input("Adam β₂", **_bounds("beta2"), step=0.001, format="%g", key=K_BETA2)
        st.number_input(
            "Tolerance (distance to the best fit, as a fraction of the start)",
            **_bounds("tolerance"),
            format="%.1e",
            key=K_TOLERANCE,
        )
        synthetic = st.session_state[K_MODE] == "ranges" or K_LINK_TABLE not in st.session_state
        st.number_input("Samples drawn", **_bounds("samples"), step=100, key=K_SAMPLES, disabled=not synthetic)
        st.number_input(
            "Correlation between features",
            **_bounds("correlation"),
            step=0.1,
            format="%g",
            key=K_CORRELATION,
            help="Every pair of synthetic features gets this correlation; z-scoring cannot remove it, whitening can.",
        )
        st.number_input("Noise (sd of the target's noise)", **_bounds("noise"), step=0.1, format="%g", key=K_NOISE)
        st.number_input(
            "Random seed", **_bounds("seed"), step=1, key=K_SEED, help="Draws the synthetic rows; a model's split too."
        )
    session = st.session_state
    changes: dict[str, object] = {name: session[key] for key, name in SCENARIO_WIDGETS.items()}
    try:
        changes["learning_rate"] = parse.learning_rate(session[K_LR], "learning rate")
    except ScenarioError as error:
        warnings.append(f"{error}; using auto")
    hidden = session.get(K_HIDDEN) or {}
    optimizer = {name: session[key] for key, name in OPTIMIZER_WIDGETS.items()}
    changes["optimizer"] = OptimizerSettings(**optimizer, epsilon=hidden.get("epsilon", OptimizerSettings().epsilon))
    return changes


# --- the ravine's pair --------------------------------------------------------------------------


def selected_pair(scenario: Scenario) -> tuple[tuple[str, str], list[str]]:
    """The pair the ravine shows: the widget's (or link's) choice if it fits these features, else the first."""
    pairs = parameter_pairs(scenario)
    current = st.session_state.get(K_PAIR)
    if isinstance(current, tuple) and current in pairs:
        return current, []
    pair, warning = parse.pair(current if isinstance(current, str) else "", scenario)
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
