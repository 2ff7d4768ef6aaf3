"""Every Scenario field, declared once: its kind, bound or options, default, and its name in each way in.

Like scikit-learn's `_parameter_constraints`, this table is the one place a field is described; the
rest is derived from it: the Scenario's defaults and bounds (`spec.py`), link keys and their reading
(`formats/link.py`), the TOML schema and its documentation table (`formats/schema.py`), the CLI's
options (`cli/explain.py`), Explore's widget keys (`ui/explore_inputs.py`) and the fuzz strategies.

The policy for a whole number outside its bound (`OUT_OF_RANGE`) is stated here too, once for every
way in: the lenient ways (links, widgets, the chat) clamp it to the bound and say so; the strict ways
(the CLI, files) refuse it, naming the bound.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

from explainer.scenario.model_choice import BUNDLED_DATASETS, MODELS, ModelSettings

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
MAX_STEPS = 10**15  # gradient descent runs in closed form, so a huge cap costs nothing
MAX_ABS_VALUE = 1e12  # feature bounds beyond this overflow squared sums in float64
MAX_SEED = 2**32 - 1  # NumPy's and scikit-learn's random_state
MAX_TITLE_LENGTH = 200
MIN_TOLERANCE = 1e-14
# η must stay a normal double (subnormal rates like 1e-320 lose their digits); where η·λmin underflows,
# the iteration counts are computed exactly in Decimal (rates.py), so 10⁻³⁰⁰ is still computed and shown.
MIN_LEARNING_RATE = 1e-300
MAX_LEARNING_RATE = 1e12
# A ridge penalty α a chat message names: not a Scenario field (only the chat's regularization reply uses it, in one
# solve whose cost does not depend on it), bounded so that α·I stays within double precision beside X̃ᵀX̃.
MAX_PENALTY = 1e12
DEFAULT_MAX_STEPS = 1_000_000_000
DEFAULT_SAMPLES = 1000

Way = Literal["link", "widgets", "chat", "cli", "file"]
# A whole number outside its bound (steps=0, a seed of -1, 10⁹ samples): one policy for every way in.
OUT_OF_RANGE: dict[Way, Literal["clamp and say so", "refuse naming the bound"]] = {
    "link": "clamp and say so",  # a warning on the page
    "widgets": "clamp and say so",  # number inputs hold the bound; a link's value arrives already clamped
    "chat": "clamp and say so",  # a note above the answer
    "cli": "refuse naming the bound",  # exit 2 with one line: the option and its bound
    "file": "refuse naming the bound",  # `explainer validate` lists it with its key path
}


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


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) < float("inf")


VALUE_BOUND = Bound(-MAX_ABS_VALUE, MAX_ABS_VALUE)  # a feature's low and high, a true weight, every data value
UNIT_BOUND = Bound(0.0, 0.999999)  # momentum and Adam's β: a fraction kept from the previous step

Kind = Literal[
    "number",  # a finite float within `bound`
    "whole",  # an int within `bound`
    "rate",  # a number within `bound`, or "auto"
    "choice",  # one of `options`
    "text",  # printable text
    "features",  # the feature ranges (a list of name, low, high, distribution)
    "table",  # a learner's own columns and target
    "weights",  # one number per feature, each within `bound`
    "model",  # ModelSettings (its own keys: explainer.formats.model_link)
    "dataset",  # the name of a bundled dataset, one of `options`
]
SCALAR_KINDS = ("number", "whole", "rate", "choice", "text")


@dataclass(frozen=True)
class ScenarioField:
    """One Scenario field and its name in every way in (None: that way has no spelling for it).

    `path` is the attribute on the Scenario, dotted for the optimizer's own settings ("optimizer.beta1").
    `synthetic_only`: the field describes drawn data, so it has no meaning beside a table or a bundled
    dataset and is refused there (the seed is not: models split and initialise with it on any data).
    """

    path: str
    kind: Kind
    default: Any
    meaning: str  # one line, for --help and the documentation table
    bound: Bound | None = None
    options: tuple[str, ...] = ()
    link_key: str | None = None
    cli_option: str | None = None
    toml_key: str | None = None  # dotted inside a table ("optimizer.beta1")
    widget_key: str | None = None  # Explore's session-state key
    synthetic_only: bool = False
    default_text: str | None = None  # how the docs write the default, when repr() would not read well

    @property
    def name(self) -> str:
        """The attribute's own name ("beta1" for "optimizer.beta1"), the key of spec.BOUNDS."""
        return self.path.rsplit(".", 1)[-1]

    @property
    def on_optimizer(self) -> bool:
        return self.path.startswith("optimizer.")

    def clamped(self, value: int) -> tuple[int, str | None]:
        """A lenient way's whole number: (value, None), or the nearest bound and a note saying so
        ("is outside 1..1,000,000,000,000,000; used 1"), for the way in to prefix with its own name."""
        if self.bound is None or not self.bound.whole or self.bound.low <= value <= self.bound.high:
            return value, None
        used = int(self.bound.clamp(value))
        return used, f"is outside {value_text(self.bound.low)}..{value_text(self.bound.high)}; used {value_text(used)}"


def value_text(value: float) -> str:
    """A whole number as a note writes it: 1,000 with separators; past 10¹⁸ in short (1e+300, not 301 digits)."""
    return f"{int(value):,}" if abs(value) < 10**18 else f"{float(value):.3g}"


FIELDS: tuple[ScenarioField, ...] = (
    ScenarioField(
        "title",
        "text",
        "",
        f"the scenario's name (at most {MAX_TITLE_LENGTH} characters)",
        link_key="title",
        toml_key="title",
        default_text='`""`',
    ),
    ScenarioField(
        "features",
        "features",
        (),
        "`name`, `low`, `high` (within ±1e+12), `distribution` (uniform, normal,"
        f" lognormal); 1 to {MAX_FEATURES}; ranges must stay computable in double precision beside the bias column"
        " (not 1e-300 to 1e-299, not 0 to 1e-6 beside 0 to 1e6)",
        bound=VALUE_BOUND,
        options=DISTRIBUTIONS,
        link_key="f",
        cli_option="--feature",
        toml_key="features",
        widget_key="explore.editor",
        default_text="—",
    ),
    ScenarioField(
        "data",
        "table",
        None,
        "`columns = { name = [numbers], … }` and `target`, or `csv` and `target`",
        link_key="data",
        cli_option="--csv",
        toml_key="data",
        widget_key="explore.upload",
        default_text="—",
    ),
    ScenarioField(
        "dataset",
        "dataset",
        "",
        "one of scikit-learn's bundled datasets, in place of features or data",
        options=BUNDLED_DATASETS,
        link_key="dataset",
        cli_option="--dataset",
        toml_key="dataset",
        widget_key="explore.dataset",
        default_text='`""`',
    ),
    ScenarioField(
        "samples",
        "whole",
        DEFAULT_SAMPLES,
        "synthetic rows drawn from the ranges, at least features + 2",
        bound=Bound(3, MAX_SAMPLES, whole=True),
        link_key="n",
        cli_option="--samples",
        toml_key="samples",
        widget_key="explore.samples",
        synthetic_only=True,
    ),
    ScenarioField(
        "seed",
        "whole",
        0,
        "random seed: the synthetic rows' draw, and the models' train/test split and start",
        bound=Bound(0, MAX_SEED, whole=True),
        link_key="seed",
        cli_option="--seed",
        toml_key="seed",
        widget_key="explore.seed",
    ),
    ScenarioField(
        "noise",
        "number",
        0.1,
        "the standard deviation of the noise added to the synthetic target",
        bound=Bound(0.0, MAX_ABS_VALUE),
        link_key="noise",
        toml_key="noise",
        widget_key="explore.noise",
        synthetic_only=True,
    ),
    ScenarioField(
        "correlation",
        "number",
        0.0,
        "between every pair of synthetic features, above −1/(n−1)",
        bound=Bound(-0.999999, 0.999999),
        link_key="corr",
        cli_option="--correlation",
        toml_key="correlation",
        widget_key="explore.correlation",
        synthetic_only=True,
    ),
    ScenarioField(
        "true_weights",
        "weights",
        None,
        "the synthetic target's weights, one per feature",
        bound=VALUE_BOUND,
        link_key="tw",
        toml_key="true_weights",
        synthetic_only=True,
        default_text="1 / range each",
    ),
    ScenarioField(
        "true_bias",
        "number",
        0.0,
        "the synthetic target's bias",
        bound=VALUE_BOUND,
        link_key="tb",
        toml_key="true_bias",
        synthetic_only=True,
    ),
    ScenarioField(
        "loss",
        "choice",
        "mse",
        "the mean (mse) or the sum (sse) of squared residuals",
        options=LOSSES,
        link_key="loss",
        cli_option="--loss",
        toml_key="loss",
        widget_key="explore.loss",
    ),
    ScenarioField(
        "optimizer.name",
        "choice",
        "gd",
        "the optimizer",
        options=OPTIMIZERS,
        link_key="opt",
        cli_option="--optimizer",
        toml_key="optimizer.name",
        widget_key="explore.opt",
    ),
    ScenarioField(
        "optimizer.momentum",
        "number",
        0.9,
        "momentum β: the fraction of the previous step kept",
        bound=UNIT_BOUND,
        link_key="mom",
        cli_option="--momentum",
        toml_key="optimizer.momentum",
        widget_key="explore.momentum",
    ),
    ScenarioField(
        "optimizer.beta1",
        "number",
        0.9,
        "Adam's β₁",
        bound=UNIT_BOUND,
        link_key="b1",
        toml_key="optimizer.beta1",
        widget_key="explore.beta1",
    ),
    ScenarioField(
        "optimizer.beta2",
        "number",
        0.999,
        "Adam's β₂",
        bound=UNIT_BOUND,
        link_key="b2",
        toml_key="optimizer.beta2",
        widget_key="explore.beta2",
    ),
    ScenarioField(
        "optimizer.epsilon",
        "number",
        1e-8,
        "Adam's ε",
        bound=Bound(1e-12, 1.0),
        link_key="eps",
        toml_key="optimizer.epsilon",
    ),
    ScenarioField(
        "learning_rate",
        "rate",
        "auto",
        'the learning rate for both runs; "auto" is each side\'s best constant step 2/(λmax+λmin) (Adam: 0.001)',
        bound=Bound(MIN_LEARNING_RATE, MAX_LEARNING_RATE),
        link_key="lr",
        cli_option="--lr",
        toml_key="learning_rate",
        widget_key="explore.lr",
        default_text='`"auto"`',
    ),
    ScenarioField(
        "max_steps",
        "whole",
        DEFAULT_MAX_STEPS,
        "the step cap",
        bound=Bound(1, MAX_STEPS, whole=True),
        link_key="steps",
        cli_option="--steps",
        toml_key="max_steps",
        widget_key="explore.steps",
        default_text="10⁹",
    ),
    ScenarioField(
        "tolerance",
        "number",
        1e-6,
        "stop when the distance to the best fit is this fraction of the start",
        bound=Bound(MIN_TOLERANCE, 0.99),
        link_key="tol",
        cli_option="--tolerance",
        toml_key="tolerance",
        widget_key="explore.tolerance",
    ),
    ScenarioField(
        "normalization",
        "choice",
        "zscore",
        "how the normalized side rescales the features",
        options=NORMALIZATIONS,
        link_key="norm",
        cli_option="--normalize",
        toml_key="normalization",
        widget_key="explore.norm",
    ),
    ScenarioField(
        "model",
        "model",
        ModelSettings(),
        "the model fitted raw and normalized (a name, or a table with `name` and its options)",
        options=MODELS,
        link_key="model",
        cli_option="--model",
        toml_key="model",
        widget_key="explore.model",
        default_text='`"linear_regression"`',
    ),
)

FIELD: dict[str, ScenarioField] = {item.path: item for item in FIELDS}
SYNTHETIC_FIELDS: tuple[str, ...] = tuple(item.path for item in FIELDS if item.synthetic_only)
LINK_FIELDS: dict[str, ScenarioField] = {item.link_key: item for item in FIELDS if item.link_key}
TOML_KEYS: tuple[str, ...] = tuple(dict.fromkeys(item.toml_key.split(".")[0] for item in FIELDS if item.toml_key))


def default(path: str) -> Any:
    """The declared default of a field ("seed", "optimizer.beta2")."""
    return FIELD[path].default


def bound(path: str) -> Bound:
    """The declared bound of a numeric field; KeyError for a field without one."""
    found = FIELD[path].bound
    if found is None:
        raise KeyError(path)
    return found
