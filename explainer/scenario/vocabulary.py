"""One vocabulary for normalizations and optimizers: the engine's id, the label, the noun phrase, the patterns.

Every way in and out reads it: the pages' selectboxes, the engine's explanations, the CLI, reports, and the
chat, which recognises a scaler or an optimizer in a learner's text with these patterns and says back the
noun phrase of what the engine then runs. A term's `id` is the Scenario's value, so a named scaler the
engine runs is run as named; the few scalers the chat recognises but the app does not run (÷ 255, log,
batch norm, …) are in OTHER_SCALERS, and a say-back marks them as not what the figures use.

Patterns see untrusted text, so they are RE2 (`explainer.text.patterns`), never `re`.
"""

from __future__ import annotations

from dataclasses import dataclass

import explainer.text.patterns as patterns
from explainer.scenario.spec import NORMALIZATIONS, OPTIMIZERS

_I = patterns.IGNORECASE


@dataclass(frozen=True)
class Term:
    """A normalization or optimizer as people see it and write it.

    `label` is for menus, `noun` goes inside a sentence ("after z-scoring"), `formula` follows the noun where
    the maths helps. `recognisers` find it in text; a match of a term that `refines` another (min-max to
    [−1, 1] refines min-max) replaces that term's match when it overlaps it or starts within `reach`
    characters after it ("MinMaxScaler(feature_range=(-1, 1))").
    """

    id: str
    label: str
    noun: str
    formula: str = ""
    help: str = ""
    sklearn: str = ""  # the scikit-learn expression that does it
    sklearn_import: str = ""  # the import line it needs
    recognisers: tuple[patterns.Pattern, ...] = ()
    refines: str | None = None
    reach: int = 0

    @property
    def phrase(self) -> str:
        """The noun with its formula: "z-scoring, (x - mean) / standard deviation"."""
        return f"{self.noun}, {self.formula}" if self.formula else self.noun

    def first_match(self, text: str) -> patterns.Match | None:
        """Where the text first names this term, or None."""
        found = [match for pattern in self.recognisers if (match := pattern.search(text))]
        return min(found, key=lambda match: match.start()) if found else None


def _compile(*sources: str) -> tuple[patterns.Pattern, ...]:
    return tuple(patterns.compile(source, _I) for source in sources)


_SYMMETRIC = r"(?:\[\s*-1(?:\.0)?\s*,\s*1(?:\.0)?\s*\]|\(\s*-1(?:\.0)?\s*,\s*1(?:\.0)?\s*\)|-1\s*(?:to|and|-|–)\s*1\b)"
_UNIT = r"(?:\[\s*0(?:\.0)?\s*,\s*1(?:\.0)?\s*\]|\(\s*0(?:\.0)?\s*,\s*1(?:\.0)?\s*\)|\b0\s*(?:to|and|-|–)\s*1\b)"
_SCALED_INTO = (
    r"\b(?:scal|normali[sz]|rescal|map|squash|transform|bring|put)\w*(?:\s+\w+){0,4}?\s+(?:to|into|between|in|on)\s+"
    r"(?:the\s+range\s+(?:of\s+)?)?"
)
_PREPROCESSING = "from sklearn.preprocessing import"

# The engine's normalizations, in menu order; ids are spec.NORMALIZATIONS.
METHODS: dict[str, Term] = {
    term.id: term
    for term in (
        Term(
            "zscore",
            "Z-score: (x − mean) / standard deviation",
            "z-scoring",
            "(x - mean) / standard deviation",
            "Each feature gets mean 0 and standard deviation 1.",
            "StandardScaler()",
            f"{_PREPROCESSING} StandardScaler",
            _compile(
                r"\bStandardScaler\b|\bstandard[\s-]?scal\w*|\bz[\s-]?scor\w*|\bstandardi[sz]\w*\b(?P<refused>\s+on\b)?"
                r"|\bzero[\s-]mean,?\s+(?:and\s+)?unit\b"
                r"|\(\s*x\s*-\s*(?:mean|mu|μ|x\.mean\(\))[^)]{0,12}\)\s*/\s*(?:std|sigma|σ|x\.std\(\))"
            ),
        ),
        Term(
            "minmax",
            "Min-max to [0, 1]",
            "min-max scaling to [0, 1]",
            help="Each feature is mapped linearly onto 0..1; the mean is not removed.",
            sklearn="MinMaxScaler()",
            sklearn_import=f"{_PREPROCESSING} MinMaxScaler",
            recognisers=_compile(rf"\bmin(?:[\s-]|\s+)?max\w*|{_SCALED_INTO}{_UNIT}"),
        ),
        Term(
            "minmax_symmetric",
            "Min-max to [−1, 1]",
            "min-max scaling to [−1, 1]",
            help="Each feature is mapped linearly onto −1..1, so its midrange lands on 0.",
            sklearn="MinMaxScaler(feature_range=(-1, 1))",
            sklearn_import=f"{_PREPROCESSING} MinMaxScaler",
            recognisers=_compile(
                rf"\bfeature_range\s*=\s*\(\s*-1|{_SCALED_INTO}{_SYMMETRIC}|\bmin[\s-]?max\b[^.\n]{{0,40}}{_SYMMETRIC}"
            ),
            refines="minmax",
            reach=60,
        ),
        Term(
            "minmax_centered",
            "Centred min-max: (x − mean) / (max − min)",
            "centred min-max scaling",
            "(x - mean) / (max - min)",
            "Min-max's scale with the mean taken out, as in the four-point experiment on Data Science Stack Exchange.",
            "CenteredMinMaxScaler()",
            "from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin",
            _compile(r"\bmean[\s-]normali[sz]|\bcent(?:er|re)d\s+min[\s-]?max|\(x\s*-\s*mean\)\s*/\s*\(max"),
            refines="minmax",
        ),
        Term(
            "robust",
            "Robust: (x − median) / IQR",
            "robust scaling",
            "(x - median) / interquartile range",
            "Median and interquartile range, so a few outliers do not set the scale.",
            "RobustScaler()",
            f"{_PREPROCESSING} RobustScaler",
            _compile(r"\brobust[\s-]?scal\w*|\bRobustScaler\b|\binterquartile\b|\biqr\b"),
        ),
        Term(
            "whiten",
            "Whitening (decorrelates too)",
            "whitening",
            "PCA with whiten=True: decorrelated, unit variance",
            "Rotates and rescales so features are uncorrelated with variance 1.",
            "PCA(whiten=True)",
            "from sklearn.decomposition import PCA",
            _compile(r"\bwhiten\w*|\bzca\b|\bspher(?:ing|i[sz]\w*)\b|\bdecorrelat\w*"),
        ),
        Term("none", "None (compare raw with raw)", "no scaling", help="The normalized side is the raw problem again."),
    )
}

# Scalers the chat recognises but the engine does not run: said back as the learner's, never as the figures'.
OTHER_SCALERS: dict[str, Term] = {
    term.id: term
    for term in (
        Term(
            "divide_255",
            "Divide by 255",
            "dividing by 255",
            recognisers=_compile(
                r"(?:/|÷)\s*255\b|\bdivid\w*(?:\s+\w+){0,3}?\s+by\s+255\b|\brescale\s*=\s*1\.?\s*/\s*255"
            ),
        ),
        Term(
            "log",
            "Log transform",
            "a log transform",
            recognisers=_compile(
                r"\bnp\.log(?:1p|10|2)?\s*\(|\blog1p\b|\blog[\s-]?transform\w*|\blog[\s-]?scal\w*"
                r"|\btak\w*\s+(?:the\s+)?log(?:arithm)?s?\b|\blog\s+of\s+(?:the\s+|my\s+)?\w+"
            ),
        ),
        Term("maxabs", "Max-abs", "max-abs scaling", recognisers=_compile(r"\bMaxAbsScaler\b|\bmax[\s-]?abs\b")),
        Term(
            "normalizer",
            "Unit-length rows",
            "scaling each row to unit length",
            recognisers=_compile(
                r"\bNormalizer\s*\(|\bpreprocessing\.normalize\s*\(|\bl2[\s-]normali[sz]\w*|\bunit[\s-]norm\b"
            ),
        ),
        Term("batch_norm", "Batch norm", "batch normalization", recognisers=_compile(r"\bbatch[\s-]?norm\w*")),
        Term("layer_norm", "Layer norm", "layer normalization", recognisers=_compile(r"\blayer[\s-]?norm\w*")),
    )
}

SCALERS: dict[str, Term] = {**METHODS, **OTHER_SCALERS}  # everything a scaler may be called in the chat

# The engine's optimizers, the adaptive ones first: "SGD with momentum" is momentum, "Adam, not plain GD" Adam.
_OPTIMIZERS_BY_PRIORITY: tuple[Term, ...] = (
    Term(
        "adam",
        "Adam",
        "Adam",
        help="Per-parameter steps scaled by running averages of the gradient and its square.",
        sklearn="MLPRegressor(hidden_layer_sizes=(), solver='adam', learning_rate_init=η)",
        recognisers=_compile(
            r"\b(?:adam\w*|nadam|amsgrad)\b", r"\b(?:rms\s?prop|adagrad|adadelta|adafactor)\b"
        ),  # the adaptive family: Adam stands in for its cousins
    ),
    Term(
        "momentum",
        "Momentum",
        "momentum",
        help="Heavy-ball momentum: a fraction β of the previous step is kept (PyTorch's SGD).",
        sklearn="MLPRegressor(hidden_layer_sizes=(), solver='sgd', momentum=β, nesterovs_momentum=False)",
        recognisers=_compile(r"\b(?:momentum|nesterov|heavy[\s-]ball)\b", r"\bMomentumOptimizer\b"),
    ),
    Term(
        "gd",
        "Gradient descent",
        "gradient descent",
        help="A constant step along the negative gradient.",
        sklearn="SGDRegressor(learning_rate='constant', eta0=η)",
        recognisers=_compile(
            r"\b(?:(?:vanilla|plain|batch|full[\s-]batch|mini[\s-]batch)\s+)?(?:sgd|gd|gradient[\s-]descent)\b",
            r"\bGradientDescentOptimizer\b",  # TensorFlow 1's
        ),
    ),
)
OPTIMIZER_CHOICES: dict[str, Term] = {
    key: term for key in OPTIMIZERS for term in _OPTIMIZERS_BY_PRIORITY if term.id == key
}

assert set(METHODS) == set(NORMALIZATIONS) and set(OPTIMIZER_CHOICES) == set(OPTIMIZERS)
assert not set(OTHER_SCALERS) & set(NORMALIZATIONS)


def named_scalers(text: str) -> list[str]:
    """Every scaler the text names, earliest first, a refinement in place of what it refines.

    "MinMaxScaler(feature_range=(-1, 1))" is ["minmax_symmetric"], "centred min-max" ["minmax_centered"].
    """
    order = list(SCALERS)
    found = {key: match for key, term in SCALERS.items() if (match := term.first_match(text))}
    for key in list(found):
        term = SCALERS[key]
        general = found.get(term.refines or "")
        if general is None:
            continue
        refined = found[key]
        overlaps = refined.start() < general.end() and general.start() < refined.end()
        if overlaps or general.start() <= refined.start() <= general.start() + term.reach:
            del found[term.refines]  # type: ignore[arg-type]
    return sorted(found, key=lambda key: (found[key].start(), order.index(key)))


def named_normalizations(text: str) -> tuple[str, ...]:
    """The engine's normalizations the text names, earliest first."""
    return tuple(key for key in named_scalers(text) if key in METHODS)


def named_optimizer(text: str) -> tuple[str | None, str | None]:
    """The optimizer the text names (the adaptive ones first) and the words it used: ("adam", "RMSprop")."""
    for term in _OPTIMIZERS_BY_PRIORITY:
        for pattern in term.recognisers:
            if match := pattern.search(text):
                return term.id, match[0]
    return None, None


def noun(key: str) -> str:
    """A normalization's or optimizer's noun phrase, from its id."""
    return (SCALERS.get(key) or OPTIMIZER_CHOICES[key]).noun
