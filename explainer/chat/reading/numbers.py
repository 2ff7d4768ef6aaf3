"""The numbers in a learner's message: feature ranges, learning rate, optimizer, feature count, …

A small parser of its own, not the text classifier. Prose: "0 to 1", "1-1000", "between 10 and 40",
"[0, 1]", "1e3", "1k", "2,000", "30-120k", "0,25-0,75", "±1e12", "min 0.5, max 3200", "0 <= x1 <= 1",
"lr 0.01", "Adam", "3 features". A hyphen between two numbers joins a range ("1-1000"); a hyphen glued
to a number after a word, a bracket or the start is a minus sign ("-5 to 5", "from -10 to -1").

Pasted code and printouts are read first: NumPy/torch calls (`randint(5, 500, 2000)` is 5 to 500, its
size never a range end; `normal(μ, σ, n)` is a Distribution, not a range), Python lists (a small
table to fit: `DataTable`), pandas `describe()`, `df.min()`/`df.max()`, `df.head()`, CSV and Markdown
tables. Then they are blanked out, with dates, versions, layer sizes, training logs and tracebacks, so
the prose reader never mistakes them for ranges. Nothing here raises; the text read is capped at
MAX_TEXT characters and the work is linear in it.

This module is the public entry: `parse_quantities` and `Quantities`, and the learning rate, counts,
correlation, optimizer, normalizations and loss read from the prose. The machinery sits behind it, one
concept a module: `number_words` (one number as it is written), `ranges` (ranges in prose, and what is not
a range), `pasted` (pasted lists and tables) and `numpy_calls` (NumPy/torch calls).
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from typing import Literal

from explainer.chat.reading.number_words import (
    MAX_TEXT,
    _Number,
    _numbers,
    clean_text,
    decimal_commas,
    first_number_after,
    parse_number,
)
from explainer.chat.reading.numpy_calls import _read_calls, read_column_edits, read_min_max_formulas
from explainer.chat.reading.pasted import (
    MAX_TABLE_ROWS,
    TARGET_NAME,
    DataTable,
    Distribution,
    _bracket_pairs,
    _Code,
    _read_describe,
    _read_displayed_matrices,
    _read_glimpse,
    _read_lists,
    _read_min_max_series,
    _read_records,
    _read_svm_scale_ranges,
    _read_text_tables,
    _read_value_lines,
)
from explainer.chat.reading.ranges import (
    MAX_RANGES,
    PIXEL_SOURCES,
    NamedRange,
    _last_end,
    _mask,
    _min_max_and_plus_minus,
    _noise,
    _once,
    _ranges,
    _unique_names,
    after_target_formula,
    written_shapes,
)
from explainer.scenario.fields import MAX_PENALTY
from explainer.scenario.vocabulary import named_normalizations, named_optimizer
from explainer.text import patterns
from explainer.text.formatting import number as number_text

# A model formula's response, left of `~`: R's `lm(y ~ x)`, `lmer(PQ ~ size + GDP + (size|country))`, statsmodels'
# `smf.ols("price ~ area", …)`. Only inside a model call, as "x ~ Uniform(0, 1)" says how x is drawn.
_FORMULA_RESPONSE = patterns.compile(
    r"\b(?:lm|glm|lmer|glmer|gam|lme|nls|ols|logit|probit|brm|stan_glm|felm|glm\.nb|randomForest|train|svm)\s*\(\s*"
    r"(?:formula\s*=\s*)?['\"]?(?P<name>[A-Za-z_][\w.]*)\s*~"
)
_FORMULA_REACH = 300  # characters of a formula read for its grouping factors
_GROUPING_FACTOR = patterns.compile(r"\(\s*[^()|\n]{1,60}\|\s*(?P<name>[A-Za-z_][\w.]*)\s*\)")
__all__ = [
    "MAX_RANGES",
    "MAX_TABLE_ROWS",
    "MAX_TEXT",
    "DataTable",
    "Distribution",
    "NamedRange",
    "Quantities",
    "clean_text",
    "decimal_commas",
    "first_number_after",
    "parse_number",
    "parse_quantities",
]

_LEARNING_RATE = patterns.compile(
    r"(?:\blearning[\s_-]?rates?(?:_init)?|\blr\b|\bstep[\s_-]?sizes?|\beta0?\b|η|α|\balpha\b)"
    r"(?:\s*(?:\(\s*(?:lr|η|α|alpha|eta)\s*\))?\s*(?:of|=|:|is|was|to|at|set\s+to|equal\s+to|equals|around|about|~|≈|as|like|from|value|=\s*)){0,3}\s*$",
    patterns.IGNORECASE,
)
_LEARNING_RATE_HINT = patterns.compile(
    r"learning|\blrs?\b|step|\beta0?\b|η|α|alpha|sgd|adam|rmsprop|adagrad|adadelta|optimizer",
    patterns.IGNORECASE,
)
# "optim.Adam(model.parameters(), 1e-4)", "RMSprop(1e-3)": an optimizer's first number is its learning rate
_OPTIMIZER_CALL = patterns.compile(
    # TensorFlow 1's `GradientDescentOptimizer(0.01)`
    r"\b(?:SGD|N?Adam(?:W|ax)?|RAdam|RMSprop|Adagrad|Adadelta"
    r"|(?:GradientDescent|Adam|Momentum|RMSProp|Adagrad|Adadelta|Ftrl)Optimizer)\(\s*(?:[\w.]+(?:\s*\(\s*\))?\s*,\s*)?$",
    patterns.IGNORECASE,
)
_CORRELATION_HINT = patterns.compile(r"correlat|\bcorr\b|\br\b|ρ", patterns.IGNORECASE)
_LEARNING_RATE_AFTER = patterns.compile(
    r"^\s*(?:as\s+(?:the\s+)?)?(?:learning[\s_-]?rate|lr\b|step[\s_-]?size)", patterns.IGNORECASE
)
_LEARNING_RATE_CODE = (  # "w -= 0.05 * dw", "theta = theta - 0.01 * grad", Octave's "theta - 0.001 * (1/m) * X'"
    patterns.compile(r"-=?\s*\(?\s*$"),
    patterns.compile(
        r"^\s*\*\s*\(?\s*(?:(?:d[a-z_]\w*|grad\w*|gradients?|g|delta\w*)\b|1\s*/\s*\(?\s*\w+|[Xx]\s*'|[Xx]\.T\b"
        r"|np\.dot\b|sum\s*\()",
        patterns.IGNORECASE,
    ),
)
_REGULARIZATION_WORDS = patterns.compile(
    r"ridge|lasso|penalt|regulari[sz]|elastic|\bl[12]\b|weight decay", patterns.IGNORECASE
)
# "Ridge(alpha=10)", "λ = 0.5", "a penalty of 100": the strength of a named penalty, read only when the message
# is about regularization. λ, lambda and "penalty" are read before alpha, which Andrew Ng's notation gives the learning
# rate ("learning rate alpha = 0.01 and lambda = 1"); an alpha that a learning rate introduces is never a penalty.
_PENALTY_CONNECTOR = r"(?:\s*(?:=|:|of|is|was|set\s+to|equal\s+to|equals|around|about|~|≈)){1,2}\s*$"
_PENALTY_NAMED = patterns.compile(
    r"(?:\blambda(?:_?l?2)?|λ|\breg_lambda|\bl2_penalty|\bpenalty|\bregulari[sz]ation\s+strength"
    r"|(?P<decay>\bweight[\s_-]?decay))" + _PENALTY_CONNECTOR,
    patterns.IGNORECASE,
)
_PENALTY_ALPHA = patterns.compile(r"(?:\balpha|α)" + _PENALTY_CONNECTOR, patterns.IGNORECASE)
_RATE_NAMED_BEFORE = patterns.compile(
    r"(?:learning[\s_-]?rates?|step[\s_-]?sizes?|\blrs?)\s*[(,]?\s*$", patterns.IGNORECASE
)
_NOT_PENALTY_AFTER = patterns.compile(  # "the same penalty of 2 features", "lambda is 10 times more"
    r"^\s*(?:x\b|×|times|fold|features?|columns?|samples?|variables?|predictors?|inputs?|rows?|%|percent)",
    patterns.IGNORECASE,
)
PenaltyKind = Literal["ridge", "lasso", "weight_decay"]
_LASSO = patterns.compile(r"\blasso|\bl1\b|elastic[\s_-]?net", patterns.IGNORECASE)
_RIDGE = patterns.compile(r"\bridge|\bl2\b|tikhonov", patterns.IGNORECASE)
_STEPS_AFTER = patterns.compile(
    r"^\s*(?:more\s+|gradient\s+)?(?:iterations?|iters?|(?P<epochs>epochs?)|steps?|updates?)\b", patterns.IGNORECASE
)
_LABEL_ON_NEXT_LINE = patterns.compile(r"^[ \t]*\n\s*[\w-]+\s*:")
_FEATURES_AFTER = patterns.compile(
    r"^\s*(?:(?:numeric(?:al)?|continuous|input|different|real[\s-]valued|independent|explanatory)\s+){0,2}"
    r"(?:features|variables|inputs|columns|predictors|dimensions|attributes|covariates|regressors)\b",
    patterns.IGNORECASE,
)
_CORRELATION_BEFORE = patterns.compile(
    r"(?:correlat\w*|\bcorr\b|\br\b|ρ)\s*(?:of|=|:|is|about|around|at|~|≈|near)?\s*$", patterns.IGNORECASE
)
_CORRELATION_AFTER = patterns.compile(r"^\s*(?:correlation|correlated)", patterns.IGNORECASE)
_SAMPLES_AFTER = patterns.compile(
    r"^\s*(?:samples?|rows?|data\s+points|examples?|observations?|records?)\b", patterns.IGNORECASE
)
_ROWS_OF_A_PRINTOUT = patterns.compile(
    r"\b(?:output|printout|printed|summary|results?\s+table|weights|coefficients)\b[^.!?\n]{0,45}\s+rows?\b",
    patterns.IGNORECASE,
)
_ALREADY = patterns.compile(r"\b(?:already|now|currently)\b", patterns.IGNORECASE)
# "J = 1/(2*m) * sum(...)", "j_wb / (m * 2)", "(1/2m)": the halved mean squared error of many courses
_HALVED_COST = patterns.compile(
    r"\b1\s*/\s*\(?\s*(?:2\s*\*?\s*m|m\s*\*\s*2)\b|/\s*\(\s*(?:2\s*\*\s*m|m\s*\*\s*2|2\s*m)\s*\)",
    patterns.IGNORECASE,
)
_LOSSES = (
    (
        patterns.compile(
            # TensorFlow's `tf.reduce_sum(tf.square(model - y))`, PyTorch's `MSELoss(reduction='sum')`
            r"\bsse\b|sum\s+of\s+(?:the\s+)?squared?|summed\s+squared"
            # the residual sum of squares, "the RSS goes up every iteration", `rss(X, Y, W)` (not a feed or memory)
            r"|residual\s+sum\s+of\s+squares|\b(?:the|printed|my|training)\s+rss\b(?:\s+(?:goes|keeps|grows|climbs|increases|rises|is))?|\brss\s*\(\s*\w"
            r"|\breduce_sum\s*\(\s*(?:tf\.)?(?:math\.)?(?:square|pow)\b|reduction\s*=\s*['\"]sum['\"]",
            patterns.IGNORECASE,
        ),
        "sse",
    ),
    (
        patterns.compile(
            r"\bmse\b|mean\s+(?:of\s+(?:the\s+)?)?squared|\breduce_mean\s*\(\s*(?:tf\.)?(?:math\.)?(?:square|pow)\b",
            patterns.IGNORECASE,
        ),
        "mse",
    ),
)


@dataclass(frozen=True)
class Quantities:
    """Everything numeric (or nearly) that a message says about the learner's problem."""

    ranges: tuple[NamedRange, ...] = ()
    learning_rate: float | None = None
    optimizer: str | None = None  # the engine's name: "gd", "momentum" or "adam"
    optimizer_text: str | None = None  # as written: "RMSprop", "SGD with momentum", …
    feature_count: int | None = None
    steps: int | None = None
    steps_are_epochs: bool = False  # "10 epochs": passes over the data, run as full-batch steps (one per pass)
    penalty: float | None = None  # a regularization strength the learner names ("Ridge(alpha=10)", "λ = 0.5")
    penalty_kind: PenaltyKind = "ridge"  # whose scale it is on: ridge's, lasso's (or elastic net's) or a weight decay's
    samples: int | None = None
    correlation: float | None = None
    normalizations: tuple[str, ...] = ()  # the engine's methods named, earliest first (scenario.vocabulary)
    loss: str | None = None
    halved_cost: bool = False  # the cost is written with 1/(2m): half the mean squared error the engine uses
    data_x: tuple[float, ...] | None = None
    data_y: tuple[float, ...] | None = None
    problems: tuple[str, ...] = field(default=())
    table: DataTable | None = None  # lists pasted as data: several feature columns, maybe a target
    distributions: tuple[Distribution, ...] = ()  # normal(μ, σ, n) draws: not ranges, but their mean and std
    constant_columns: tuple[NamedRange, ...] = ()  # pasted columns with one value throughout: left out, named

    @property
    def range_pairs(self) -> list[list[float]]:
        return [[item.low, item.high] for item in self.ranges]

    @property
    def has_numbers(self) -> bool:
        return bool(
            self.ranges
            or self.learning_rate is not None
            or self.feature_count is not None
            or self.steps is not None
            or self.correlation is not None
            or self.data_x
            or self.table is not None
        )


def _constant_columns(columns: list[NamedRange]) -> list[NamedRange]:
    """Pasted columns that never change, once each; a column of ones is the bias column the learner added, not a flaw."""
    seen: set[tuple[str | None, float]] = set()
    kept = []
    for column in columns:
        key = (column.name, column.low)
        if column.low != 1 and key not in seen:
            seen.add(key)
            kept.append(column)
    return kept


# "its std is 0", "standard deviation of zero", "division by zero" while scaling: a constant column or one sample
_ZERO_SPREAD = patterns.compile(
    r"\b(?:std|stdev|standard\s+deviation|sigma|σ|variance)s?\b[^.?!\n]{0,30}?"
    r"(?:\bis|=|==|\bof|\bequals?|\bbecomes?|\bcomes\s+out(?:\s+as)?|\bgives)\s*(?:0(?:\.0+)?|zero)(?:$|[^\d.]|\.(?:$|\D))"
    r"|\bdivi(?:de|ded|ding|sion)\s+by\s+(?:0|zero)\b|\bzero\s+(?:std|standard\s+deviation|variance)\b",
    patterns.IGNORECASE,
)
ZERO_SPREAD_NOTE = (
    "A column whose standard deviation is 0 (constant, or computed from a single sample) makes z-scoring divide by"
    " zero: compute the mean and standard deviation once on the training set and reuse them, and drop a constant"
    " column or keep its scale at 1, as scikit-learn's StandardScaler does."
)


def _constant_note(columns: list[NamedRange]) -> list[str]:
    """Why a constant column is left out, so it does not vanish from the answer without a word."""
    if not columns:
        return []
    named = [f"{column.name or 'a column'} is {number_text(column.low)}" for column in columns[:4]]
    more = f" (and {len(columns) - 4} more)" if len(columns) > 4 else ""
    return [
        f"{', '.join(named)}{more} in every row you pasted, so I left {'it' if len(columns) == 1 else 'them'} out:"
        " a column that never changes gives the model nothing to learn from, and beside the bias it leaves the loss"
        " flat in one direction (its weight and the bias can trade off). Scaling it would divide by a spread of zero (scikit-learn's scalers turn it into zeros instead);"
        " drop it before training."
    ]


# A comment inside pasted code is prose: "std=[0.5, 0.5]  # velocity: roughly in [-1, 1] m/s" states a range
_CODE_COMMENT = patterns.compile(r"#[^\n]*")
_A_WORD = patterns.compile(r"[A-Za-z]{3,}")


def _comments_left_out(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The code's claimed spans without the comments in them, which the prose reader then reads."""
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        for comment in _CODE_COMMENT.finditer(text, start, end):
            if not _A_WORD.search(comment[0]):
                continue  # R's printed output behind `#` marks (`# 1 -1.76  3.17`) is data, not a remark
            if comment.start() > start:
                kept.append((start, comment.start()))
            start = comment.end()
        if start < end:
            kept.append((start, end))
    return kept


def parse_quantities(text: str) -> Quantities:
    """Read ranges, learning rate, optimizer, feature count, steps, correlation and methods from a message.

    Pasted code and printouts are read first (NumPy calls, Python lists, pandas `describe()`), then blanked
    out, with dates, versions, training logs and tracebacks, before the prose is searched for ranges.
    """
    cleaned = decimal_commas(clean_text(text))
    numbers = _numbers(cleaned)
    problems: list[str] = []
    code = _read_code(cleaned)
    constants = _constant_columns(code.constants)
    problems.extend(_constant_note(constants))
    if not constants and _ZERO_SPREAD.search(cleaned):
        problems.append(ZERO_SPREAD_NOTE)
    masked = _mask(cleaned, _comments_left_out(cleaned, code.claimed) + _noise(cleaned))
    extra, claimed = _min_max_and_plus_minus(masked)
    shapes, shape_spans = written_shapes(cleaned)  # `range(300)` may sit in a list the code reader claimed
    shapes = [item for item in shapes if not after_target_formula(cleaned, item.start)]
    masked = _mask(masked, claimed + shape_spans)
    prose, used = _ranges(masked, [number for number in numbers if _unmasked(masked, number)], cleaned)
    lists = [(item.start, item.end) for item in code.ranges if item.source == "list"]
    # "x1 = [4155915305, …, 4155916956, ..., 4155919839]": a list with its middle elided is read whole, as a list
    shapes = [
        item
        for item in shapes
        if item.source != "sequence" or not any(a <= item.start < item.end <= b for a, b in lists)
    ]
    found = _outside_sequences(code.ranges + extra + prose, shapes)
    if any(item.source in PIXEL_SOURCES for item in shapes):  # "/ 255": the raw pixels are 0 to 255 (or 4095, 65535) …
        unit = [item for item in found if (item.low, item.high) == (0, 1)]
        if any(item.name or _ALREADY.search(cleaned[max(0, item.start - 40) : item.start]) for item in unit):
            # "pixels are already in [0, 1]": now 0..1
            shapes = [item for item in shapes if item.source not in PIXEL_SOURCES]
        else:
            found = [item for item in found if (item.low, item.high) != (0, 1)]  # 0..1 is what the division gives
            ceilings = {item.high for item in shapes if item.source in PIXEL_SOURCES}
            if any(item.low >= 0 and any(c <= item.high <= c + 1 for c in ceilings) for item in found):
                shapes = [item for item in shapes if item.source not in PIXEL_SOURCES]  # "0-255 … by 255": read once
    if any(item.source != "undivided pixels" for item in found):  # "Y from 16 to 235, not divided by 255"
        shapes = [item for item in shapes if item.source != "undivided pixels"]
    stated = {(item.low, item.high) for item in found}
    # "(x - 127.5) / 127.5 … the raw pixels are 0-255", "min = 0.5, max = 3200": one range, read twice
    shapes = [item for item in shapes if item.source not in ("shift", "bounds") or (item.low, item.high) not in stated]
    ranges = sorted(found + shapes, key=lambda item: item.start)[:MAX_RANGES]
    if all(item.source == "binary" for item in ranges) and sum(item.name is not None for item in ranges) < 2:
        # "do binary 0/1 features need scaling?": a 0/1 flag is a feature only beside others, or named with another
        # flag ("x and z are both binary")
        ranges = []
    target = code.table.target if code.table is not None else None
    if target:  # "the profit column is still 32..290" beside the rows: the pasted target's range, said in words
        ranges = [
            item for item in ranges if item.source == "list" or (item.low, item.high) != (min(target), max(target))
        ]
    ranges = _unique_names(_once(masked, _without_targets(cleaned, _within_listed(ranges, code.table))))
    learning_rate, lr_used = _learning_rate(cleaned, numbers, problems)
    used |= lr_used
    penalty, penalty_kind, penalty_used = _penalty(cleaned, numbers, used, problems)
    used |= penalty_used
    (steps, steps_are_epochs), samples, feature_count = _counts(cleaned, numbers, used)
    table = code.table
    one_column = table is not None and table.target is not None and len(table.columns) == 1
    data_x = table.columns[0] if one_column and len(table.target or ()) >= 3 else None  # type: ignore[union-attr]
    optimizer, optimizer_text = named_optimizer(cleaned)
    halved = bool(_HALVED_COST.search(cleaned))
    return Quantities(
        ranges=tuple(ranges),
        learning_rate=learning_rate,
        optimizer=optimizer,
        optimizer_text=optimizer_text,
        feature_count=feature_count,
        steps=steps,
        steps_are_epochs=steps_are_epochs,
        penalty=penalty,
        penalty_kind=penalty_kind,
        samples=samples if samples is not None else code.size,
        correlation=_correlation(cleaned, numbers, problems),
        normalizations=named_normalizations(cleaned),
        # "J = 1/(2m) · sum of squared errors" is a mean, halved, not the sum
        loss="mse" if halved else next((name for pattern, name in _LOSSES if pattern.search(cleaned)), None),
        halved_cost=halved,
        data_x=data_x,
        data_y=table.target if data_x is not None else None,  # type: ignore[union-attr]
        table=table,
        distributions=tuple(code.distributions),
        constant_columns=tuple(constants),
        problems=tuple(problems),
    )


def _outside_sequences(found: list[NamedRange], shapes: list[NamedRange]) -> list[NamedRange]:
    """ "x = 0, 0.1, 0.2, …, 9.9" is one range, 0 to 9.9: its first terms are not a list of their own."""
    spans = sorted((item.start, item.end) for item in shapes if item.source == "sequence")
    if not spans:
        return found
    starts = [start for start, _ in spans]
    ends = list(itertools.accumulate((end for _, end in spans), max))  # the furthest end so far, for bisect

    def inside(item: NamedRange) -> bool:
        index = bisect.bisect_left(starts, item.end) - 1  # the last sequence starting before this range ends
        return index >= 0 and ends[index] > item.start

    return [item for item in found if item.source == "sequence" or not inside(item)]


def _within_listed(ranges: list[NamedRange], table: DataTable | None) -> list[NamedRange]:
    """ "values like {0, 1, 2, 3, 4, 100, …, 100002}. If I min-max it, 0 to 4 all collapse": a stretch of a listed
    column, named by two of its values, is part of that feature, not another one."""
    if table is None:
        return ranges
    listed = [(set(column), min(column), max(column)) for column in table.columns]
    return [
        item
        for item in ranges
        if item.source != "text"
        or not any(
            item.low in values and item.high in values and (item.low, item.high) != (low, high)
            for values, low, high in listed
        )
    ]


def _without_targets(text: str, ranges: list[NamedRange]) -> list[NamedRange]:
    """`target = np.arange(1001, 10002, 1000)` beside the inputs: what is predicted is not a feature; nor is a
    model formula's response (`lmer(PQ ~ size + GDP + (size|country), …)`: PQ, and its grouping factor, country)."""
    responses: set[str] = set()
    for formula in _FORMULA_RESPONSE.finditer(text):
        responses.add(formula["name"].lower())
        # a mixed model's grouping factor, `(size|country)`, labels groups: it is not scaled either; read in the
        # formula itself (its line, at most 300 characters), not wherever a bar stands in brackets
        line_end = text.find("\n", formula.end())
        stop = min(len(text), formula.end() + _FORMULA_REACH, line_end if line_end >= 0 else len(text))
        responses |= {match["name"].lower() for match in _GROUPING_FACTOR.finditer(text, formula.end(), stop)}
    features = [
        item
        for item in ranges
        if (item.name is None and not _said_of_y(text, item.start))
        or (
            item.name is not None
            and not (TARGET_NAME.fullmatch(item.name.strip().lower()) or item.name.strip().lower() in responses)
        )
    ]
    if not features:
        return ranges
    if _Y_IS_AN_INPUT.search(text):  # "z = sin(2πx)·sin(2πy) for 0<=y<=1": y is an input there
        return [item for item in ranges if item in features or (item.name or "").strip().lower() == "y"]
    return features


# "x goes 1 to 24 and y from 3 to 26", "y is x + 2 (so 3 to 26)": a range in a clause that opens on y is the target's,
# unless x and y are named together as inputs ("x and y coordinates from 0 to 100", "z = x + y")
_Y_OPENS = patterns.compile(
    r"^\s*(?:y|the\s+targets?|the\s+labels?)\s+(?:is|are|was|=|goes|go|runs?|ranges?|values?|from|between|in)\b",
    patterns.IGNORECASE,
)
_CLAUSE_BREAK = r"[.;!?\n,]|\b(?:and|while|whereas|but)\b"
_X_AND_Y_TOGETHER = patterns.compile(  # "x and y", "points x, y", "z = x + y": both inputs (not `fit(X, y)`)
    r"\bx\s*(?:and|&|/|[-+*])\s*y\b|(?:^|[^\w(.])x\s*,\s*y\b|\b(?:coordinates?|positions?)\b", patterns.IGNORECASE
)


# "z = sin(2πx)·sin(2πy) for 0<=x<=1 and 0<=y<=1", "f(x, y)": a function of x and y, so y is an input, not the target
_Y_IS_AN_INPUT = patterns.compile(
    r"\b[fghuz]\s*\(\s*x\s*,\s*y\s*\)"
    r"|\bz\s*=[^=\n;,<>≤≥]{0,80}?x\b[^=\n;,<>≤≥]{0,80}?(?:[-+*/^·×(]|pi|π)\s*y\b|\bz\s*=\s*\w*xy\b",
    patterns.IGNORECASE,
)


def _said_of_y(text: str, start: int) -> bool:
    """Whether an unnamed range stands in a clause that opens on y, the predicted value."""
    window_start = max(0, start - 40)
    before = text[window_start:start]
    if window_start > 0 and (text[window_start - 1].isalnum() or text[window_start - 1] == "_"):
        # the window starts inside a word ("salar|y is …"): start after it
        before = before[len(patterns.split(r"\s", before, maxsplit=1)[0]) :]
    clause = patterns.split(_CLAUSE_BREAK, before)[-1]
    return bool(_Y_OPENS.search(clause)) and not _X_AND_Y_TOGETHER.search(text)


def _unmasked(masked: str, number: _Number) -> bool:
    return masked[number.start] == number.text[0] and masked[number.end - 1] == number.text[-1]


def _learning_rate(text: str, numbers: list[_Number], problems: list[str]) -> tuple[float | None, set[int]]:
    regularized = bool(_REGULARIZATION_WORDS.search(text))
    hints = [match.end() for match in _LEARNING_RATE_HINT.finditer(text)]
    starts = [match.start() for match in _LEARNING_RATE_HINT.finditer(text)]
    for number in numbers:
        hinted_before = _hint_within(hints, number.start, 45)
        hinted_after = bisect.bisect_left(starts, number.end) < bisect.bisect_right(starts, number.end + 30)
        if not (hinted_before or hinted_after or "*" in text[number.end : number.end + 4]):
            continue
        before = text[max(0, number.start - 45) : number.start]
        after = text[number.end : number.end + 30]
        match = _LEARNING_RATE.search(before) if hinted_before else None
        if match and regularized and patterns.search(r"alpha|α", match[0], patterns.IGNORECASE):
            continue
        in_code = _LEARNING_RATE_CODE[0].search(before[-6:]) and _LEARNING_RATE_CODE[1].match(after)
        if match or in_code or _LEARNING_RATE_AFTER.match(after) or _OPTIMIZER_CALL.search(before):
            if number.value <= 0:
                problems.append(f"learning rate: expected a positive number (got {number.text.strip()})")
                return None, {number.start}
            if number.value > 1e12:
                problems.append(f"learning rate: at most 10^12 (got {number.text.strip()})")
                return None, {number.start}
            return number.value, {number.start}
    return None, set()


def _penalty(
    text: str, numbers: list[_Number], used: set[int], problems: list[str]
) -> tuple[float | None, PenaltyKind, set[int]]:
    """(strength, whose scale, the number's start): the first number right after "λ =", "lambda:", "penalty of" or
    "weight decay", else after "alpha =", in a message about regularization; a learning rate's number is not one."""
    if not _REGULARIZATION_WORDS.search(text):
        return None, "ridge", set()
    for pattern in (_PENALTY_NAMED, _PENALTY_ALPHA):
        for number in numbers:
            if number.start in used or _NOT_PENALTY_AFTER.match(text[number.end : number.end + 12]):
                continue
            window = text[max(0, number.start - 40) : number.start]
            match = pattern.search(window)
            if match is None or _RATE_NAMED_BEFORE.search(window[: match.start()]):
                continue
            if not 0 < number.value <= MAX_PENALTY:
                problems.append(f"penalty: expected a number above 0 and at most 10^12 (got {number.text.strip()})")
                return None, "ridge", {number.start}
            decay = pattern is _PENALTY_NAMED and match["decay"] is not None
            return number.value, "weight_decay" if decay else _penalty_model(text, number.start), {number.start}
    return None, "ridge", set()


def _penalty_model(text: str, position: int) -> PenaltyKind:
    """Lasso's or ridge's α: the model named nearest before the number (`Lasso(alpha=0.1)` beside a later Ridge),
    else the only one the message names; ridge when neither or both are named and none comes before."""
    before = text[max(0, position - 80) : position]
    lasso, ridge = _last_end(_LASSO, before), _last_end(_RIDGE, before)
    if lasso != ridge:
        return "lasso" if lasso > ridge else "ridge"
    return "lasso" if _LASSO.search(text) and not _RIDGE.search(text) else "ridge"


def _counts(
    text: str, numbers: list[_Number], used: set[int]
) -> tuple[tuple[int | None, bool], int | None, int | None]:
    """The first "50 iterations" (and whether they were epochs), "200 samples" and "3 features": one pass."""
    found: list[int | None] = [None, None, None]
    epochs = False
    patterns = (_STEPS_AFTER, _SAMPLES_AFTER, _FEATURES_AFTER)
    for number in numbers:
        if number.start in used or not number.value.is_integer() or number.value < 1:
            continue
        after = text[number.end : number.end + 40]
        if not after.lstrip()[:1].isalpha():  # a word must follow: no need for the regexes
            continue
        if _LABEL_ON_NEXT_LINE.match(after):  # "percTrainData=50" above "inputs: x=true": a setting, then a label
            continue
        if text[max(0, number.start - 2) : number.start].rstrip().endswith("/"):
            continue  # the second half of a pair or fraction, "0/1 inputs", "zero/one inputs": no count
        for index, pattern in enumerate(patterns):
            if found[index] is None and (match := pattern.match(after)):
                if index == 1 and _ROWS_OF_A_PRINTOUT.search(text[max(0, number.start - 60) : number.end + 6]):
                    continue  # "in the weights output there are two rows": a printed table's rows, not samples
                found[index] = int(number.value)  # beyond its bound: the conversation clamps it, and says so
                epochs = epochs or (index == 0 and match["epochs"] is not None)
        if None not in found:
            break
    return (found[0], epochs), found[1], found[2]


def _correlation(text: str, numbers: list[_Number], problems: list[str]) -> float | None:
    hints = [match.end() for match in _CORRELATION_HINT.finditer(text)]
    starts = [match.start() for match in _CORRELATION_HINT.finditer(text)]
    for number in numbers:
        if not _hint_within(hints, number.start, 25) and not (
            bisect.bisect_left(starts, number.end) < bisect.bisect_right(starts, number.end + 15)
        ):
            continue
        before = text[max(0, number.start - 25) : number.start]
        after = text[number.end : number.end + 15]
        if (_hint_within(hints, number.start, 25) and _CORRELATION_BEFORE.search(before)) or _CORRELATION_AFTER.match(
            after
        ):
            if -1 < number.value < 1:
                return number.value
            problems.append(f"correlation: expected a number between -1 and 1 (got {number.text.strip()})")
            return None
    return None


def _hint_within(hints: list[int], position: int, window: int) -> bool:
    """Whether a keyword ends in the `window` characters before `position` (a cheap test before a regex)."""
    index = bisect.bisect_right(hints, position)
    return index > 0 and hints[index - 1] >= position - window


def _read_code(text: str) -> _Code:
    """Pasted code and printouts: calls, lists, `describe()`, `df.min()`/`df.max()`, tables; each claims its spans."""
    code = _Code()
    pairs = _bracket_pairs(text)
    _read_calls(text, pairs, code)
    read_column_edits(text, code)
    read_min_max_formulas(text, code)
    _read_lists(text, pairs, code)
    _read_describe(text, code)
    _read_svm_scale_ranges(text, code)
    _read_min_max_series(text, code)
    _read_glimpse(text, code)
    _read_text_tables(text, code)
    _read_displayed_matrices(text, code)
    _read_value_lines(text, code)
    _read_records(text, code)
    return code
