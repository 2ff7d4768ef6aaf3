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
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import NamedTuple

MAX_TEXT = 20_000  # characters read from one message (long pasted code fits); the rest is ignored, never parsed
MAX_RANGES = 50  # ranges read from one message; a longer list is not a description of features
MAX_TABLE_ROWS = 1000  # a pasted list longer than this gives its range, not a table to fit

_UNUSUAL = re.compile(r"[^\x20-\x7e\n\t]")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_DASHES = str.maketrans({"‐": "-", "‑": "-", "−": "-", "﹣": "-", "－": "-", "‒": "–", "―": "—"})
_WORD_VALUES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "fifty": 50,
    "hundred": 100,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
}
_SUFFIXES = {
    "k": 1e3,
    "K": 1e3,
    "thousand": 1e3,
    "M": 1e6,
    "mn": 1e6,
    "mil": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "B": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "hundred": 1e2,
}
_SUFFIX_AT_END = re.compile(r"(?<=\d)\s?(?:[kKMB]|thousand|millions?|billion|mil|mn|bn)$")
_MULTIPLIER_WORDS = ("hundred", "thousand", "million", "billion")

_DIGITS = r"(?:[1-9]\d{0,2}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|(?<!\.)\.\d+)"
_NUMBER = re.compile(
    r"(?<![\w])(?<!\d\.)"  # not glued to a word, not the tail of "1.2.3"; "0.001..0.01" is two numbers
    r"(?P<sign>[-+])?"
    r"[$€£¥]?"
    rf"(?P<digits>{_DIGITS})"
    r"(?:\s?[eE](?P<exponent>[-+]?\d{1,3})(?!\w))?"
    r"(?:\s?(?:\^|\*\*)\s?(?P<power>[-+]?\d{1,3}))?"
    r"(?:\s?[x×*·]\s?10\s?(?:\^|\*\*)\s?(?P<scientific>[-+]?\d{1,3}))?"
    r"(?:(?P<letter>[kKMB])|\s?(?P<suffix>thousand|millions?|billion|hundred|mil|mn|bn))?"
    r"(?![a-zA-Z_]|\d)"
)
_WORD_NUMBER = re.compile(
    r"\b(?:(?P<lead>a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|a few)\s+)?"
    r"(?P<word>zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|fifty"
    r"|hundred|thousand|million|billion)\b",
    re.IGNORECASE,
)
_CONNECTOR = re.compile(
    r"^\s*(?:%|[a-z]{1,3}\b)?\s*"  # an optional short unit after the low end: "0 m to 2 m", "0% to 100%"
    r"(?:-|–|—|~|\.\.\.?|…|to|thru|through|till|until|up\s+to|upto|to\s+about|to\s+around|to\s+roughly)\s*$",
    re.IGNORECASE,
)
_UNIT_WORDS = {"m", "cm", "mm", "km", "kg", "g", "s", "ms", "yr", "yrs", "usd", "eur", "ft"}
_BETWEEN = re.compile(r"\bbetween\s*$", re.IGNORECASE)
_AND = re.compile(r"^\s*(?:%|[a-z]{1,3}\b)?\s*(?:and|&)\s*$", re.IGNORECASE)
_BRACKET = re.compile(
    rf"[\[(]\s*(?P<low>[-+]?{_DIGITS}(?:[eE][-+]?\d+)?[kKM]?)\s*[,;]\s*(?P<high>[-+]?{_DIGITS}(?:[eE][-+]?\d+)?[kKM]?)\s*[\])]"
)
_NOT_FEATURE_AFTER = re.compile(
    r"^\s*(?:%\s*)?(?:iterations?|iters?|epochs?|steps?|updates?|features?|variables?|samples?|rows?|columns?"
    r"|layers?|neurons?|units?|times|x\b|fold|percent(?:age)?\s+(?:faster|slower|more|less|better|worse|of|speed|gain)"
    r"|seconds?|minutes?|hours?|normali[sz]ation|scal(?:ing|er)"
    r"|standardi[sz]ation|range\s+scaling|for\s+(?:the\s+)?(?:tanh|sigmoid|relu|activations?))\b",
    re.IGNORECASE,
)
_HYPERPARAMETER_BEFORE = re.compile(
    r"(?:\b(?:learning[\s_-]?rates?|lrs?|step[\s_-]?sizes?|alpha|eta|batch[\s_-]?sizes?|epochs?|iterations?"
    r"|momentum|beta[12]?|lambda|seeds?|k|n_neighbou?rs|neighbou?rs|correlations?|corr|r|gamma|random[_\s]state"
    r"|test[_\s]size|dropout|lines?|versions?|python|sklearn|scikit[\s-]learn|tensorflow|tf|torch|pytorch|numpy"
    r"|pandas|keras|cuda|v|feature_range)\b|η|α|λ)"
    r"\W*(?:\w+\W+)?$",
    re.IGNORECASE,
)
_METRIC_BEFORE = re.compile(  # "accuracy went from 60% to 85%", "weights uniformly in [-1, 1]"
    r"\b(?:accuracy|acc|val_\w+|loss(?:es)?|errors?|mse|rmse|mae|r2|r²|auc|(?:f1|r2|accuracy|test|train|validation|val|cv)[_\s-]?scores?|precision|recall"
    r"|costs?|weights|init|initiali[sz]\w*|coef\w*|coefficients?|theta|parameters|params)\b"
    r"\W*(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)
_SCALED_TO_BEFORE = re.compile(
    r"\b(?:scal|normali[sz]|standardi[sz]|squash|squeez|map|rescal|transform|convert|bring|put|clip|bound|want|need"
    r"|requir|expect)\w*"
    r"(?:\s+\w+){0,3}?\s+(?:to|into|onto|on|within|between|in(?:\s+the)?(?:\s+range)?(?:\s+of)?)\s*$",
    re.IGNORECASE,
)
_RESULT_BEFORE = re.compile(  # "…so it's between 0 and 1", "99% of the rows end up between 0 and 0.0001"
    r"\b(?:so\s+(?:that\s+)?(?:it|they|everything|all|each|the\s+\w+)(?:'s|'re|\s+is|\s+are|\s+lies?|\s+falls?)?"
    r"|ends?\s+up|become|becomes|became|lands?|squash\w*|compress\w*|squeez\w*|turns?\s+into|turned\s+into"
    r"|to\s+(?:get|give|make|obtain|bring)(?:\s+\w+){0,2}?|(?:instead\s+of|rather\s+than)(?:\s+\w+){0,2}?)"
    r"\s+(?:all\s+)?(?:(?:between|in|within|to|into)\s*)?(?:the\s+range\s*(?:of\s*)?)?$",
    re.IGNORECASE,
)
_CHANGE_BEFORE = re.compile(  # "heart rate dropped from 68 to 54": a change, not a range
    r"\b(?:drop\w*|fell|fall\w*|decreas\w*|increas\w*|rose|rise\w*|rising|jump\w*|grew|grow\w*|went\s+(?:up|down)"
    r"|goes\s+(?:up|down)|improv\w*|climb\w*|rais\w*|lower\w*|reduc\w*|chang\w*|boost\w*|shrank|shrunk)"
    r"(?:\s+\w+){0,3}?\s+from\s+(?:about\s+|around\s+|roughly\s+|~\s*)?$",
    re.IGNORECASE,
)
_AFTER_SCALING = re.compile(
    r"\bafter\s+(?:\w+\s+){0,2}?(?:scal|normali[sz]|standardi[sz]|min[\s-]?max|StandardScaler|MinMaxScaler|z-?scor)",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.!?;:\n]\s|,?\s+(?:but|while|whereas)\s", re.IGNORECASE)
_RAW = re.compile(r"\b(?:raw|original|unscaled|before\s+scaling)\b", re.IGNORECASE)
_EACH_BEFORE = re.compile(  # "four questions, each answered on a 1 to 5 scale": four equal ranges
    r"\b(?P<count>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(?:\w+\s+){0,2}?"
    r"(?:questions|features|columns|inputs|variables|items|attributes|sensors|predictors)\b[,;:]?\s+(?:each|all)\b"
    r"(?:\s+\w+){0,5}?\s*$",
    re.IGNORECASE,
)

_LEARNING_RATE = re.compile(
    r"(?:\blearning[\s_-]?rates?|\blr\b|\bstep[\s_-]?sizes?|\beta\b|η|α|\balpha\b)"
    r"(?:\s*(?:\(\s*(?:lr|η|α|alpha|eta)\s*\))?\s*(?:of|=|:|is|was|to|at|set\s+to|equal\s+to|equals|around|about|~|≈|as|like|from|value|=\s*)){0,3}\s*$",
    re.IGNORECASE,
)
_LEARNING_RATE_HINT = re.compile(r"learning|\blrs?\b|step|\beta\b|η|α|alpha", re.IGNORECASE)
_CORRELATION_HINT = re.compile(r"correlat|\bcorr\b|\br\b|ρ", re.IGNORECASE)
_LEARNING_RATE_AFTER = re.compile(
    r"^\s*(?:as\s+(?:the\s+)?)?(?:learning[\s_-]?rate|lr\b|step[\s_-]?size)", re.IGNORECASE
)
_LEARNING_RATE_CODE = (  # "w -= 0.05 * dw", "theta = theta - 0.01 * grad"
    re.compile(r"-=?\s*\(?\s*$"),
    re.compile(r"^\s*\*\s*\(?\s*(?:d[a-z_]\w*|grad\w*|gradients?|g|delta\w*)\b", re.IGNORECASE),
)
_TARGET_CONTEXT = re.compile(
    r"\b(?:predict\w*|targets?|labels?|outputs?|response|dependent|y(?:_\w+)?)\b(?!\s*=)", re.IGNORECASE
)
_FEATURE_CONTEXT = re.compile(r"\b(?:features?|inputs?|columns?|predictors?|variables?|x\d*)\b", re.IGNORECASE)
_REGULARIZATION_WORDS = re.compile(r"ridge|lasso|penalt|regulari[sz]|elastic|\bl[12]\b|weight decay", re.IGNORECASE)
_STEPS_AFTER = re.compile(
    r"^\s*(?:more\s+|gradient\s+)?(?:iterations?|iters?|epochs?|steps?|updates?)\b", re.IGNORECASE
)
_FEATURES_AFTER = re.compile(
    r"^\s*(?:(?:numeric(?:al)?|continuous|input|different|real[\s-]valued|independent|explanatory)\s+){0,2}"
    r"(?:features|variables|inputs|columns|predictors|dimensions|attributes|covariates|regressors)\b",
    re.IGNORECASE,
)
_CORRELATION_BEFORE = re.compile(
    r"(?:correlat\w*|\bcorr\b|\br\b|ρ)\s*(?:of|=|:|is|about|around|at|~|≈|near)?\s*$", re.IGNORECASE
)
_CORRELATION_AFTER = re.compile(r"^\s*(?:correlation|correlated)", re.IGNORECASE)
_SAMPLES_AFTER = re.compile(r"^\s*(?:samples?|rows?|data\s+points|examples?|observations?|records?)\b", re.IGNORECASE)

_OPTIMIZERS = (
    (re.compile(r"\b(?:adam\w*|nadam|amsgrad)\b", re.IGNORECASE), "adam"),
    (re.compile(r"\b(?:rms\s?prop|adagrad|adadelta|adafactor)\b", re.IGNORECASE), "adam"),
    (re.compile(r"\b(?:momentum|nesterov|heavy[\s-]ball)\b", re.IGNORECASE), "momentum"),
    (
        re.compile(
            r"\b(?:(?:vanilla|plain|batch|full[\s-]batch|mini[\s-]batch)\s+)?(?:sgd|gd|gradient[\s-]descent)\b",
            re.IGNORECASE,
        ),
        "gd",
    ),
)
_OPTIMIZER_PRIORITY = ("adam", "momentum", "gd")
_NORMALIZATIONS = (
    (
        re.compile(r"mean[\s-]normali[sz]|centr?er?ed\s+min[\s-]?max|\(x\s*-\s*mean\)\s*/\s*\(max", re.IGNORECASE),
        "minmax_centered",
    ),
    (re.compile(r"min[\s-]?max|minmaxscaler|min\s+max|\brescal(?:e|ing)\b", re.IGNORECASE), "minmax"),
    (
        re.compile(
            r"z[\s-]?scor|standardi[sz]|standardscaler|standard[\s-]scal|zero\s+mean\s+(?:and\s+)?unit", re.IGNORECASE
        ),
        "zscore",
    ),
    (re.compile(r"robust\s?scal|robustscaler|interquartile|\biqr\b", re.IGNORECASE), "robust"),
    (re.compile(r"whiten|\bzca\b|spher(?:e|ing)\b|decorrelat", re.IGNORECASE), "whiten"),
)
_LOSSES = (
    (re.compile(r"\bsse\b|sum\s+of\s+(?:the\s+)?squared?|summed\s+squared", re.IGNORECASE), "sse"),
    (re.compile(r"\bmse\b|mean\s+(?:of\s+(?:the\s+)?)?squared", re.IGNORECASE), "mse"),
)
_LIST = re.compile(
    r"(?P<name>\b(?:x|y|x1|inputs?|targets?|labels?|outputs?|features?)\b)\s*(?:=|:|is|are|values?)\s*[\[(]?\s*"
    r"(?P<values>[-+]?\d+(?:\.\d+)?(?:\s*[,;]\s*[-+]?\d+(?:\.\d+)?){2,})",
    re.IGNORECASE,
)
_NAME_BEFORE = re.compile(
    r"(?P<name>[A-Za-z_][\w']*(?:\s+[A-Za-z_][\w']*)?)[*_\"'`’]*\s*"
    r"(?:(?:in|measured\s+in)\s+(?!the\b|range\b|\[)[A-Za-z/$€£%²³]+\.?\s*)?"  # "mileage in km (0-300k)": the unit is not the name
    r"(?:(?:is|are|was|were|goes|go|went|ranges?|ranging|varies|vary|spans?|spanning|lies|lie|sits|takes|values?)\s+)*"
    r"(?:(?:from|between|in|within|of|over)\s+)?(?:the\s+range\s+(?:of\s+)?)?[:=(]?\s*$"
)
_NAME_STOPWORDS = frozenset(
    """
    a an the my our your its their one other others another some few feature features variable variables
    input inputs column columns value values range ranges ranging go goes going went is are was were be
    being been from between in of to with and or but while whereas has have had like e g eg ie i we you
    it they that this these those which first second third fourth last then also only all both each vary
    varies varying spans span spanning lies lie sits roughly about around approximately data dataset set
    when where if so say let lets for example instance x y numbers number scale scales scaled magnitude
    order at normalize normalise standardize standardise use get got into onto why whose who on within
    inside am not do does did them than what how rest remaining many most now still just as up down
    small large big huge tiny thing things stuff ones kind type something int ints integer integers float floats
    raw original unscaled scaled actual real typical numeric positive negative whole usd eur gbp dollars euros
    """.split()  # noqa: SIM905 - a word list reads better as text
)

# pasted code and printouts
_COMMA_NUMBER = re.compile(r"(?<![\d.,])(?P<whole>\d+),(?P<fraction>\d+)(?![\d,]|\.\d)")
_DOT_NUMBER = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?:\.\d{3})+(?![\d.,]|\.\d)")
_COMMA_CONNECTOR = re.compile(r"\s*(?:-|–|—|~|to|\.\.)\s*")
_CODE_NUMBER = re.compile(r"[-+]?(?:\d+(?:_\d{3})*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
_CALL = re.compile(r"\b(?P<function>[A-Za-z_]\w*)\(")
_RANDOM_FUNCTIONS = frozenset(
    (
        "randint",
        "U",
        "N",
        "integers",
        "random_integers",
        "uniform",
        "rand",
        "random",
        "random_sample",
        "normal",
        "randn",
        "standard_normal",
        "arange",
        "linspace",
        "logspace",
    )
)
_PROSE_RANGE = re.compile(
    r"\s*[-+]?[$€£]?[\d.,]+\s*[a-zA-Z%]{0,3}\s*(?:-|–|—|to|~)\s*[-+]?[$€£]?[\d.,]+\s*[a-zA-Z%]{0,3}\s*"
)
_GLUED_RANGE = re.compile(r"^[^,]*\d\s*[a-zA-Z%]{0,3}\s*(?:-|–|—|to|~)\s*[-+$€£]?\d[^,]*$")
_CODE_WORDS = frozenset(
    (
        "range",
        "print",
        "len",
        "zip",
        "list",
        "dict",
        "array",
        "zeros",
        "ones",
        "empty",
        "full",
        "float",
        "int",
        "str",
        "reshape",
        "sum",
        "mean",
        "std",
        "max",
        "min",
        "abs",
        "round",
        "sqrt",
        "exp",
        "log",
        "fit",
        "predict",
        "transform",
        "tensor",
        "shape",
        "size",
        "view",
        "sorted",
        "tuple",
        "set",
        "enumerate",
        "map",
        "filter",
    )
)
_CALL_PREFIX = re.compile(r"(?:[A-Za-z_]\w*(?:\(\))?\s*\.\s*){1,4}$")
_FACTOR_BEFORE = re.compile(rf"(?P<number>{_CODE_NUMBER.pattern})\s*\*\s*$")
_SHIFT_AFTER = re.compile(
    r"(?:\s*\.\s*(?:float|double|long|astype|reshape|view|numpy|round|squeeze|flatten|T)\b(?:\([^()\n]{0,40}\))?)*"
    rf"(?P<operations>(?:\s*[*/+-]\s*{_CODE_NUMBER.pattern}(?![\w.]|\s*[*/(]))+)?"
)
_RESHAPE = re.compile(r"\s*\.\s*reshape\(\s*\(?\s*(?P<rows>-1|\d+)\s*,\s*(?P<columns>\d+)\s*\)?\s*\)")
_ASSIGNED = re.compile(
    r"(?:\[\s*['\"](?P<column>[^'\"\n]{1,40})['\"]\s*\]\s*=|['\"](?P<key>[^'\"\n]{1,40})['\"]\s*:"
    r"|\b(?P<variable>[A-Za-z_]\w*)\s*[=~])\s*$"
)
_GENERIC_VARIABLES = frozenset(
    (
        "x",
        "data",
        "values",
        "arr",
        "array",
        "a",
        "points",
        "feature",
        "features",
        "inputs",
        "input",
        "df",
        "vals",
        "lst",
        "nums",
        "numbers",
        "sample",
        "samples",
        "col",
        "column",
        "tmp",
    )
)
_LIST_WRAPPER = re.compile(
    r"\b(?:np|numpy|torch|tf|pd|jnp)\s*\.\s*(?:array|asarray|tensor|Tensor|FloatTensor|constant|Series)\s*\(\s*$"
)
_TARGET_NAME = re.compile(r"y|y\d|y_\w+|ys|targets?\w*|labels?|outputs?|response")
_NOT_DATA_NAME = re.compile(
    r"^(?:lrs?|learning_rates?|alphas?|cs?|gammas?|epochs?|seeds?|params?|param_grid|grid|shape|w|theta|coef\w*"
    r"|bias|b|momentum|dims?|lambdas?|betas?|etas?|ks?|n_\w+|batch\w*|kernel\w*)$"
    r"|layers?|hidden|units|sizes?|neurons|weights?|shape|grid|params|lrs",
    re.IGNORECASE,
)
_DATA_WORDS = re.compile(r"\b(?:features?|columns?|values|data|inputs?|attributes?|variables?|predictors?)\b", re.I)
_TABLE_NAME = re.compile(r"[A-Za-z_][\w.()%$/-]{0,39}")
_NOT_DATA_MATRIX = re.compile(
    r"confusion|matri|weights?|coef|cov|corr|kernel|shape|hessian|jacobian|cond|linalg|eigen|jordan|determinant"
    r"|inverse",
    re.I,
)
_BECOMES = re.compile(r"(?:becomes?|became|turns?\s+into|turned\s+into|gives?|->|→|=>)\s*$", re.I)
_POINT = rf"\(\s*{_CODE_NUMBER.pattern}\s*,\s*{_CODE_NUMBER.pattern}\s*\)"
_POINTS = re.compile(rf"\s*{_POINT}(?:\s*,\s*{_POINT})+\s*,?\s*")
_PLAIN_NUMBER = r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
_VALUES_LIKE = re.compile(
    r"\b(?:values?|numbers?|entries|readings)\s+(?:like|such\s+as|e\.g\.?,?|as)\s+"
    rf"(?P<values>{_PLAIN_NUMBER}(?:\s*,\s*{_PLAIN_NUMBER}){{2,}}(?:,?\s+(?:and|or)\s+{_PLAIN_NUMBER})?)(?!\d|\.\d)",
    re.IGNORECASE,
)
_STAT_ROWS = frozenset(("count", "mean", "std", "min", "25%", "50%", "75%", "max"))
_NOISE = (
    re.compile(r"(?<![\w.])\d{4}([-/.])\d{1,2}\1\d{1,2}(?!\d)"),  # 2019-01-01
    re.compile(r"(?<![\w.])\d{1,2}([-/.])\d{1,2}\1\d{2,4}(?!\d)"),  # 12/01/2022
    re.compile(r"(?<![\w.:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])"),  # 12:30
    re.compile(r"(?<![\w.])\d+\.\d+\.\d+[\w.]*"),  # version 1.2.3
    re.compile(r"(?<![\w.-])\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?){2,}(?![\w.])"),  # layer sizes 128-64-32
    re.compile(r"https?://\S+"),
    re.compile(r"(?:\+\d{1,3}\s?)?\(?\b\d{3}\)?[\s.-]?\d{3}[-.]\d{4}\b"),  # phone numbers
)
_LOG_LINE = re.compile(r"\d+m?s/step|\[=+|\bEpoch\s+\d+/\d+|^\s*File \"|Traceback \(most recent", re.MULTILINE)
_LOOSE_NUMBER = r"[-+]?[$€£]?\d+(?:,\d{3})*(?:\.\d+)?(?:[eE][-+]?\d+)?[kKMB%]?"
_MIN_MAX = re.compile(
    rf"\bmin(?:imum)?\b(?:\s+value)?\s*(?:is|was|of|=|:|≈|~|at)?\s*(?P<low>{_LOOSE_NUMBER})"
    rf"(?:(?!\bmax)[^\d\n]){{0,30}}\bmax(?:imum)?\b(?:\s+value)?\s*(?:is|was|of|=|:|≈|~|at)?\s*(?P<high>{_LOOSE_NUMBER})",
    re.IGNORECASE,
)
_MAX_MIN = re.compile(
    rf"\bmax(?:imum)?\b(?:\s+value)?\s*(?:is|was|of|=|:|≈|~|at)?\s*(?P<high>{_LOOSE_NUMBER})"
    rf"(?:(?!\bmin)[^\d\n]){{0,30}}\bmin(?:imum)?\b(?:\s+value)?\s*(?:is|was|of|=|:|≈|~|at)?\s*(?P<low>{_LOOSE_NUMBER})",
    re.IGNORECASE,
)
_BETWEEN_SIGNS = re.compile(  # "0 <= x1 <= 1", "100 < income < 10k"
    rf"(?<![\w.])(?P<low>{_LOOSE_NUMBER})\s*(?:<=?|≤)\s*(?P<name>[A-Za-z_]\w{{0,30}})\s*(?:<=?|≤)\s*(?P<high>{_LOOSE_NUMBER})"
)
_BINARY = re.compile(r"(?<![\w./])0\s?/\s?1(?![\w/%]|\.\d)")  # "is_electric 0/1"
_PLUS_MINUS = re.compile(r"(?:±|\+/-|\+-)\s*(?P<value>\d+(?:,\d{3})*(?:\.\d+)?(?:[eE][-+]?\d+)?[kKMB]?)")


@dataclass(frozen=True)
class NamedRange:
    """One feature range from the text, with the name written before it if there was one."""

    low: float
    high: float
    name: str | None = None
    start: int = 0  # character position in the cleaned text
    end: int = 0
    source: str = (
        "text"  # "text", "numpy" (a NumPy/torch call), "list" (pasted values), "describe" (pandas), "binary" (0/1)
    )


@dataclass(frozen=True)
class DataTable:
    """Values pasted as Python lists: the feature columns and, when one was given, the target."""

    columns: tuple[tuple[float, ...], ...]
    names: tuple[str | None, ...]
    target: tuple[float, ...] | None = None
    target_name: str | None = None

    @property
    def rows(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    @property
    def range_pairs(self) -> list[list[float]]:
        """The feature columns' ranges (never the target's)."""
        return [[min(column), max(column)] for column in self.columns]


@dataclass(frozen=True)
class Distribution:
    """A random draw that is not a range: `np.random.normal(50, 10, 1000)` is normal, mean 50, std 10."""

    kind: str  # "normal"
    mean: float
    std: float
    name: str | None = None


@dataclass(frozen=True)
class Quantities:
    """Everything numeric (or nearly) that a message says about the learner's problem."""

    ranges: tuple[NamedRange, ...] = ()
    learning_rate: float | None = None
    optimizer: str | None = None  # the engine's name: "gd", "momentum" or "adam"
    optimizer_text: str | None = None  # as written: "RMSprop", "SGD with momentum", …
    feature_count: int | None = None
    steps: int | None = None
    samples: int | None = None
    correlation: float | None = None
    normalizations: tuple[str, ...] = ()  # methods named, in the engine's names
    loss: str | None = None
    data_x: tuple[float, ...] | None = None
    data_y: tuple[float, ...] | None = None
    problems: tuple[str, ...] = field(default=())
    table: DataTable | None = None  # lists pasted as data: several feature columns, maybe a target
    distributions: tuple[Distribution, ...] = ()  # normal(μ, σ, n) draws: not ranges, but their mean and std

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


class _Number(NamedTuple):  # a tuple, not a dataclass: thousands of them are made for a long message
    value: float
    start: int
    end: int
    signed: bool  # written with a leading sign
    text: str


def clean_text(text: str, limit: int = MAX_TEXT) -> str:
    """The message as the parser and classifier read it: capped, one Unicode form, no control characters."""
    text = str(text)[: limit * 2]
    text = re.sub(r"(\d)([⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+)", lambda m: m[1] + "^" + m[2].translate(_SUPERSCRIPTS), text)
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    text = _UNUSUAL.sub(_printable, text)  # only characters outside printable ASCII are looked at one by one
    return text[:limit]


def _printable(match: re.Match[str]) -> str:
    character = match[0]
    if unicodedata.category(character) in ("Cf", "Cs", "Co"):
        return ""
    return character if character.isprintable() else " "


def parse_number(text: str) -> float | None:
    """One number as people type it: "1e3", "1k", "2,000", "10^6", "1 million", "-0.5"; None otherwise."""
    cleaned = clean_text(text).strip()
    numbers = _numbers(cleaned)
    if len(numbers) == 1 and numbers[0].start == 0 and numbers[0].end == len(cleaned):
        return numbers[0].value
    return None


def first_number_after(text: str, position: int) -> float | None:
    """The first number written at or after `position` in the cleaned text ("…went to a million" → 1e6)."""
    return next((number.value for number in _numbers(text) if number.start >= position), None)


def parse_quantities(text: str) -> Quantities:
    """Read ranges, learning rate, optimizer, feature count, steps, correlation and methods from a message.

    Pasted code and printouts are read first (NumPy calls, Python lists, pandas `describe()`), then blanked
    out, with dates, versions, training logs and tracebacks, before the prose is searched for ranges.
    """
    cleaned = decimal_commas(clean_text(text))
    numbers = _numbers(cleaned)
    problems: list[str] = []
    code = _read_code(cleaned)
    masked = _mask(cleaned, code.claimed + _noise(cleaned))
    extra, claimed = _min_max_and_plus_minus(masked)
    masked = _mask(masked, claimed)
    prose, used = _ranges(masked, [number for number in numbers if _unmasked(masked, number)])
    ranges = sorted(code.ranges + extra + prose, key=lambda item: item.start)[:MAX_RANGES]
    if all(item.source == "binary" for item in ranges):
        ranges = []  # "do binary 0/1 features need scaling?": a 0/1 flag is a feature only beside others
    ranges = _unique_names(_once(masked, ranges))
    learning_rate, lr_used = _learning_rate(cleaned, numbers, problems)
    used |= lr_used
    steps, samples, feature_count = _counts(cleaned, numbers, used)
    table = code.table
    one_column = table is not None and table.target is not None and len(table.columns) == 1
    data_x = table.columns[0] if one_column and len(table.target or ()) >= 3 else None  # type: ignore[union-attr]
    optimizer, optimizer_text = _optimizer(cleaned)
    return Quantities(
        ranges=tuple(ranges),
        learning_rate=learning_rate,
        optimizer=optimizer,
        optimizer_text=optimizer_text,
        feature_count=feature_count,
        steps=steps,
        samples=samples if samples is not None else code.size,
        correlation=_correlation(cleaned, numbers, problems),
        normalizations=tuple(dict.fromkeys(name for pattern, name in _NORMALIZATIONS if pattern.search(cleaned))),
        loss=next((name for pattern, name in _LOSSES if pattern.search(cleaned)), None),
        data_x=data_x,
        data_y=table.target if data_x is not None else None,  # type: ignore[union-attr]
        table=table,
        distributions=tuple(code.distributions),
        problems=tuple(problems),
    )


def _unmasked(masked: str, number: _Number) -> bool:
    return masked[number.start] == number.text[0] and masked[number.end - 1] == number.text[-1]


def decimal_commas(text: str) -> str:
    """ "0,25-0,75", "-12,5 to 48,0", "0,001", "2,5k" → decimal points; "1,200" and "[0,5]" stay as they are.

    The text keeps its length, so positions found in it still point into the cleaned message.
    """
    tokens = list(_COMMA_NUMBER.finditer(text))
    decimal: set[int] = set()
    for index, token in enumerate(tokens):
        whole, fraction = token["whole"], token["fraction"]
        bracketed = re.search(r"[\[(]\s*$", text[max(0, token.start() - 3) : token.start()]) and re.match(
            r"\s*[\])]", text[token.end() : token.end() + 3]
        )
        if bracketed:
            continue  # "[0,5]" is the range 0 to 5
        if whole.startswith("0") or (len(fraction) <= 2 and re.match(r"[kKM]\b", text[token.end() : token.end() + 2])):
            decimal.add(index)
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        joined = following and _COMMA_CONNECTOR.fullmatch(text[token.end() : following.start()])
        if joined and _decimal_like(token) and _decimal_like(following):  # type: ignore[arg-type]
            decimal.update((index, index + 1))
    thousands = _dot_thousands(text)
    if not decimal and not thousands:
        return text
    characters = list(text)
    for index in decimal:
        characters[tokens[index].start("fraction") - 1] = "."
    for position in thousands:
        characters[position] = ","
    return "".join(characters)


def _dot_thousands(text: str) -> list[int]:
    """ "1.000.000" and "20.000 - 90.000": dots that group thousands, written as commas instead."""
    tokens = list(_DOT_NUMBER.finditer(text))
    grouped: list[re.Match[str]] = [token for token in tokens if token[0].count(".") > 1]
    for token, following in itertools.pairwise(tokens):
        joined = _COMMA_CONNECTOR.fullmatch(text[token.end() : following.start()])
        if joined and token[0].endswith(".000") and following[0].endswith(".000"):
            grouped.extend((token, following))
    return [
        token.start() + offset for token in grouped for offset, character in enumerate(token[0]) if character == "."
    ]


def _decimal_like(token: re.Match[str]) -> bool:
    return token["whole"].startswith("0") or len(token["fraction"]) != 3


# --- numbers ---------------------------------------------------------------------------------


def _numbers(text: str) -> list[_Number]:
    found: list[_Number] = []
    for match in _NUMBER.finditer(text):
        start = match.start()
        if start and (text[start - 1] == "^" or text[max(0, start - 2) : start] == "**"):
            continue  # the exponent of "x^2" or "|ψ|**2", not a number of its own
        written = match[0]
        value = float(written) if written.isdigit() else _digits_value(match)  # plain integers: the common case
        if value is None:
            continue
        found.append(_Number(value, start, match.end(), match["sign"] is not None, written))
    starts, ends = [number.start for number in found], [number.end for number in found]
    digit_count = len(found)
    for match in _WORD_NUMBER.finditer(text):
        index = bisect.bisect_left(starts, match.end())  # numbers starting before this word ends
        if index and ends[index - 1] > match.start():
            continue
        value = _word_value(match)
        if value is not None:
            found.append(_Number(value, match.start(), match.end(), False, match[0]))
    if len(found) > digit_count:
        found.sort(key=lambda number: number.start)
    return _resolve_hyphens(text, found)


def _digits_value(match: re.Match[str]) -> float | None:
    try:
        digits = match["digits"].replace(",", "")
        exponent = int(match["exponent"] or 0) + int(match["scientific"] or 0)
        value = float(f"{digits}e{exponent}")  # one correctly rounded parse: "5e-06" reads back as 5e-06
        if match["power"]:
            power = int(match["power"])
            value = float(f"1e{power}") if digits == "10" and not exponent else value**power
    except (OverflowError, ValueError, ZeroDivisionError):
        return None
    suffix = match["letter"] or match["suffix"]
    if suffix:
        value *= _SUFFIXES[suffix]
    if match["sign"] == "-":
        value = -value
    return value if math.isfinite(value) else None


def _word_value(match: re.Match[str]) -> float | None:
    word, lead = match["word"].lower(), (match["lead"] or "").lower()
    value = float(_WORD_VALUES[word])
    if lead and word in _MULTIPLIER_WORDS:
        if lead == "a few":
            return None
        value *= 1.0 if lead in ("a", "an") else float(_WORD_VALUES.get(lead, 1))
    elif lead:
        return None  # "two three" is not a number
    return value


def _resolve_hyphens(text: str, numbers: list[_Number]) -> list[_Number]:
    """A "-" glued to a number with only spaces after the number before it joins a range ("1 -1000")."""
    resolved: list[_Number] = []
    for number in numbers:
        glued = number.signed and number.text.startswith("-") and resolved
        if glued and text[resolved[-1].end : number.start].strip() in ("", "%"):
            number = _Number(-number.value, number.start + 1, number.end, False, number.text[1:])
        resolved.append(number)
    return resolved


# --- ranges ----------------------------------------------------------------------------------


def _ranges(text: str, numbers: list[_Number]) -> tuple[list[NamedRange], set[int]]:
    """Ranges written in prose or brackets; also the start positions of the numbers they used."""
    spans: list[tuple[int, int, float, float]] = []
    for match in _BRACKET.finditer(text):
        low, high = parse_number(match["low"]), parse_number(match["high"])
        descending = low is not None and high is not None and low > high and float(low).is_integer()
        if low is not None and high is not None and not descending:  # "(2000, 3)" is a shape, not a range
            spans.append((match.start(), match.end(), low, high))
    bracketed = [(start, end) for start, end, _, _ in spans]
    used: set[int] = set()
    index, cursor = 0, 0
    while index < len(numbers) - 1:
        first, second = numbers[index], numbers[index + 1]
        while cursor < len(bracketed) and bracketed[cursor][1] <= first.start:
            cursor += 1
        if cursor < len(bracketed) and bracketed[cursor][0] <= first.start:
            used.add(first.start)
            index += 1
            continue
        between = text[first.end : second.start]
        joined = _CONNECTOR.match(between) and _unit_ok(between)
        betweened = _BETWEEN.search(text[max(0, first.start - 12) : first.start]) and _AND.match(between)
        if joined or betweened:
            spans.append((first.start, second.end, _shared_suffix(first, second), second.value))
            used.update((first.start, second.start))
            index += 2
            continue
        index += 1
    ranges: list[NamedRange] = []
    rejected: set[tuple[float, float]] = set()
    for start, end, low, high in sorted(spans)[: 4 * MAX_RANGES]:
        if len(ranges) >= MAX_RANGES:
            break
        pair = (min(low, high), max(low, high))
        if low == high or pair in rejected or not _is_feature_range(text, start, end):
            rejected.add(pair)  # "scaled to -3..3 … is -3..3 fine?": the same values again are not a feature
            continue
        name = _name_before(text, start)
        years = all(value.is_integer() and 1900 <= value <= 2100 for value in (low, high))
        if years and not re.search(r"year|built|born|founded|date", name or "", re.IGNORECASE):
            continue  # "readings (2019-2023)": years, a time span
        low, high = min(low, high), max(low, high)
        ranges.extend(_each(text, NamedRange(low, high, name, start, end)))
    return ranges, used


def _once(text: str, ranges: list[NamedRange]) -> list[NamedRange]:
    """A range said again in a later sentence ("between 0 and 255 … the raw 0-255 values") is the same feature."""
    kept: list[NamedRange] = []
    seen: dict[tuple[float, float], NamedRange] = {}
    for item in ranges:
        earlier = seen.get((item.low, item.high))
        repeated = earlier is not None and item.start >= earlier.end and item.name in (None, earlier.name)
        if repeated and re.search(r"[.!?](?:\s|$)", text[earlier.end : item.start]):  # type: ignore[union-attr]
            continue
        seen[(item.low, item.high)] = item
        kept.append(item)
    return kept


def _each(text: str, item: NamedRange) -> list[NamedRange]:
    """ "four questions, each answered on a 1 to 5 scale" → the range four times."""
    match = _EACH_BEFORE.search(text[max(0, item.start - 120) : item.start])
    if not match:
        return [item]
    count = int(match["count"]) if match["count"].isdigit() else int(_WORD_VALUES[match["count"].lower()])
    return [item] * max(1, min(count, 20))


def _shared_suffix(first: _Number, second: _Number) -> float:
    """ "30-120k", "between 1 and 5 million": the multiplier written once belongs to both ends."""
    suffix = _SUFFIX_AT_END.search(second.text)
    if not suffix or _SUFFIX_AT_END.search(first.text) or not first.text[-1:].isdigit():
        return first.value
    multiplier = _SUFFIXES[suffix[0].strip()]
    mantissa = second.value / multiplier
    return first.value * multiplier if 0 < first.value < mantissa else first.value


def _unit_ok(between: str) -> bool:
    words = re.findall(r"[a-z]+", between.lower())
    connectors = {"to", "thru", "through", "till", "until", "up", "upto", "about", "around", "roughly"}
    return all(word in connectors or word in _UNIT_WORDS for word in words)


def _is_feature_range(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 40) : start], text[end : end + 30]
    if _NOT_FEATURE_AFTER.match(after) or _HYPERPARAMETER_BEFORE.search(before) or _METRIC_BEFORE.search(before):
        return False
    if _RESULT_BEFORE.search(before) or _CHANGE_BEFORE.search(before):
        return False
    sentence = _CLAUSE_END.split(text[max(0, start - 300) : start])[-1]  # a window: linear time
    if _TARGET_CONTEXT.search(sentence) and not _FEATURE_CONTEXT.search(sentence):
        return False  # "my network predicts kWh with values between 0 and 50,000": the target's range
    if _AFTER_SCALING.search(sentence) and not _RAW.search(before):
        return False  # "after MinMaxScaler they all sit in [0, 1]": the scaled values
    return not _SCALED_TO_BEFORE.search(before)


def _name_before(text: str, start: int) -> str | None:
    """ "age from 0 to 100", "income: 20k-200k", "rooms (1-5)" → the name; None when no noun stands there."""
    match = _NAME_BEFORE.search(text[max(0, start - 80) : start])
    if not match:
        return None
    words = match["name"].split()
    while words and _not_a_name(words[0]):
        words.pop(0)
    while words and _not_a_name(words[-1]):
        words.pop()
    if not words or any(_not_a_name(word) for word in words):
        return None
    return " ".join(words)[:40]


def _not_a_name(word: str) -> bool:
    lowered = word.lower()
    return (
        lowered in _NAME_STOPWORDS
        or (lowered.endswith(("ing", "ize", "ise")) and len(lowered) > 5)  # verbs, not "size" or "ring"
        or (lowered.endswith(("ed", "ly")) and len(lowered) > 4)
        or len(word) > 30
    )


def _unique_names(ranges: list[NamedRange]) -> list[NamedRange]:
    seen: set[str] = set()
    unique = []
    for item in ranges:
        name = item.name
        if name is not None and name.lower() in seen:
            name = None
        if name is not None:
            seen.add(name.lower())
        unique.append(replace(item, name=name))
    return unique


# --- the other quantities --------------------------------------------------------------------


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
        if match and regularized and re.search(r"alpha|α", match[0], re.IGNORECASE):
            continue
        in_code = _LEARNING_RATE_CODE[0].search(before[-6:]) and _LEARNING_RATE_CODE[1].match(after)
        if match or in_code or _LEARNING_RATE_AFTER.match(after):
            if number.value <= 0:
                problems.append(f"learning rate: expected a positive number (got {number.text.strip()})")
                return None, {number.start}
            if number.value > 1e12:
                problems.append(f"learning rate: at most 10^12 (got {number.text.strip()})")
                return None, {number.start}
            return number.value, {number.start}
    return None, set()


def _counts(text: str, numbers: list[_Number], used: set[int]) -> tuple[int | None, int | None, int | None]:
    """The first "50 iterations", "200 samples" and "3 features": one pass over the numbers."""
    found: list[int | None] = [None, None, None]
    patterns = (_STEPS_AFTER, _SAMPLES_AFTER, _FEATURES_AFTER)
    for number in numbers:
        if number.start in used or not number.value.is_integer() or number.value < 1:
            continue
        after = text[number.end : number.end + 40]
        if not after.lstrip()[:1].isalpha():  # a word must follow: no need for the regexes
            continue
        for index, pattern in enumerate(patterns):
            if found[index] is None and pattern.match(after):
                found[index] = int(min(number.value, 10**15))
        if None not in found:
            break
    return found[0], found[1], found[2]


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


def _optimizer(text: str) -> tuple[str | None, str | None]:
    found: dict[str, str] = {}
    for pattern, name in _OPTIMIZERS:
        match = pattern.search(text)
        if match and name not in found:
            found[name] = match[0]
    for name in _OPTIMIZER_PRIORITY:
        if name in found:
            return name, found[name]
    return None, None


# --- pasted code and printouts ----------------------------------------------------------------


@dataclass
class _Code:
    ranges: list[NamedRange] = field(default_factory=list)
    claimed: list[tuple[int, int]] = field(default_factory=list)  # spans the prose reader must not read again
    distributions: list[Distribution] = field(default_factory=list)
    size: int | None = None  # the first sample count written as a NumPy size argument
    table: DataTable | None = None


def _read_code(text: str) -> _Code:
    code = _Code()
    pairs = _bracket_pairs(text)
    _read_calls(text, pairs, code)
    _read_lists(text, pairs, code)
    _read_describe(text, code)
    _read_min_max_series(text, code)
    _read_text_tables(text, code)
    return code


def _bracket_pairs(text: str) -> dict[int, int]:
    """Where each (, [ and { closes: one pass with a stack, so nested code costs linear time."""
    pairs: dict[int, int] = {}
    stack: list[tuple[str, int]] = []
    closing = {")": "(", "]": "[", "}": "{"}
    for position, character in enumerate(text):
        if character in "([{":
            if len(stack) < 200:
                stack.append((character, position))
        elif character in closing:
            while stack and stack[-1][0] != closing[character]:
                stack.pop()  # an unclosed bracket inside: forget it
            if stack:
                pairs[stack.pop()[1]] = position
    return pairs


def _code_number(text: str) -> float | None:
    match = _CODE_NUMBER.fullmatch(text.strip())
    if not match:
        return None
    value = float(match[0].replace("_", ""))
    return value if math.isfinite(value) else None


def _arguments(text: str) -> tuple[list[str], dict[str, str]]:
    """ "5, high=500, size=(2, 3)" → (["5"], {"high": "500", "size": "(2, 3)"}), split at top-level commas."""
    parts, depth, current = [], 0, []
    for character in text:
        depth += (character in "([{") - (character in ")]}")
        if character == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(character)
    parts.append("".join(current))
    positional, keywords = [], {}
    for part in parts:
        keyword = re.match(r"\s*([A-Za-z_]\w*)\s*=(?!=)(.*)", part, re.DOTALL)
        if keyword:
            keywords[keyword[1]] = keyword[2].strip()
        elif part.strip():
            positional.append(part.strip())
    return positional, keywords


def _argument(positional: list[str], keywords: dict[str, str], index: int, *names: str) -> float | None:
    for name in names:
        if name in keywords:
            return _code_number(keywords[name])
    return _code_number(positional[index]) if index < len(positional) else None


def _first_size(value: str | None) -> int | None:
    if not value:
        return None
    number = _code_number(value.strip().lstrip("([").split(",")[0].rstrip(")]"))
    return int(number) if number is not None and number.is_integer() and 1 <= number <= 10**9 else None


def _call_range(
    function: str, arguments: str
) -> tuple[tuple[float, float] | None, tuple[float, float] | None, int | None]:
    """A NumPy/torch call's range (low, high), or its normal (mean, std), and its size argument."""
    positional, keywords = _arguments(arguments)
    get = lambda index, *names: _argument(positional, keywords, index, *names)  # noqa: E731
    size_text = keywords.get("size") or keywords.get("num")
    function = {"U": "uniform", "N": "normal"}.get(function, function)
    if function in ("randint", "integers", "random_integers"):
        low, high = get(0, "low"), get(1, "high")
        if high is None and "high" not in keywords:
            low, high = (0.0, low) if low is not None else (None, None)
        size_text = size_text or (positional[2] if len(positional) > 2 else None)
        if size_text is None and len(positional) == 2 and _code_number(positional[1]) is None:
            size_text = positional[1]  # torch.randint(256, (64, 3))
        return _pair(low, high), None, _first_size(size_text)
    if function == "uniform":
        low, high = get(0, "low"), get(1, "high")
        size_text = size_text or (positional[2] if len(positional) > 2 else None)
        return _pair(0.0 if low is None else low, 1.0 if high is None else high), None, _first_size(size_text)
    if function in ("rand", "random", "random_sample"):
        return (0.0, 1.0), None, _first_size(size_text or (positional[0] if positional else None))
    if function == "normal":
        mean, std = get(0, "loc", "mean"), get(1, "scale", "std")
        size_text = size_text or (positional[2] if len(positional) > 2 else None)
        return None, (0.0 if mean is None else mean, 1.0 if std is None else std), _first_size(size_text)
    if function in ("randn", "standard_normal"):
        return None, (0.0, 1.0), _first_size(size_text or (positional[0] if positional else None))
    if function == "arange":
        numbers = [_code_number(item) for item in positional]
        if len(numbers) == 1 and "stop" not in keywords:
            numbers = [0.0, numbers[0]]
        start, stop = (
            get(0, "start") if len(positional) > 1 else 0.0,
            numbers[1] if len(numbers) > 1 else get(9, "stop"),
        )
        step = get(2, "step") if len(positional) != 1 else 1.0
        return _arange(start, stop, 1.0 if step is None else step), None, None
    if function == "linspace":
        return (
            _pair(get(0, "start"), get(1, "stop")),
            None,
            _first_size(size_text or (positional[2] if len(positional) > 2 else None)),
        )
    if function == "logspace":
        low, high = get(0, "start"), get(1, "stop")
        if low is None or high is None or max(abs(low), abs(high)) > 300:
            return None, None, None
        return _pair(10.0**low, 10.0**high), None, None
    return None, None, None


def _pair(low: float | None, high: float | None) -> tuple[float, float] | None:
    if low is None or high is None or low == high:
        return None
    return (min(low, high), max(low, high))


def _arange(start: float | None, stop: float | None, step: float) -> tuple[float, float] | None:
    if start is None or stop is None or step == 0:
        return None
    steps = (stop - start) / step
    if not math.isfinite(steps) or steps < 1 or steps > 1e12:
        return None
    count = math.ceil(steps)
    last = float(f"{start + (count - 1) * step:.12g}")  # np.arange(0, 1, 0.1) ends at 0.9, not 0.9000000000000001
    return _pair(start, last)


def _read_calls(text: str, pairs: dict[int, int], code: _Code) -> None:
    for match in _CALL.finditer(text):
        opening = match.end() - 1
        closing = pairs.get(opening)
        if closing is None:
            continue
        arguments = text[opening + 1 : closing]
        function = match["function"]
        if _prose_call(text, match, arguments):
            continue  # "age(18-90)", "income(USD 0-1M)": prose glued to a bracket, read as prose
        code.claimed.append((match.start(), closing + 1))
        if function not in _RANDOM_FUNCTIONS:
            continue
        span, normal, size = _call_range(function, arguments)
        if span is None and function in ("uniform", "U") and _vector_bounds(arguments):
            span = (0.0, 1.0)  # one range per column follows
        if code.size is None and size is not None:
            code.size = size
        start, end = match.start(), closing + 1
        prefix = _CALL_PREFIX.search(text[max(0, start - 60) : start])
        if prefix:
            start -= len(prefix[0])
        factor = _FACTOR_BEFORE.search(text[max(0, start - 30) : start])
        shifts = _SHIFT_AFTER.match(text[end : end + 60])
        name = _assigned_name(text[max(0, start - 80) : start - (len(factor[0]) if factor else 0)])
        if normal is not None:
            code.distributions.append(Distribution("normal", normal[0], normal[1], name))
            continue
        if span is None:
            continue
        low, high = span
        if factor:
            low, high = _scaled(low, high, "*", factor["number"])
            start -= len(factor[0])
        if shifts:
            for operator, number in re.findall(rf"([*/+-])\s*({_CODE_NUMBER.pattern})", shifts["operations"] or ""):
                low, high = _scaled(low, high, operator, number)
            end += len(shifts[0])
        code.claimed.append((start, end))
        columns = _reshaped(low, high, arguments, text[closing + 1 : closing + 60]) if function == "arange" else None
        columns = _vector_bounds(arguments) if function in ("uniform", "U") else columns
        for column_low, column_high in columns or [(low, high)]:
            if column_low < column_high and math.isfinite(column_low) and math.isfinite(column_high):
                code.ranges.append(NamedRange(column_low, column_high, None if columns else name, start, end, "numpy"))


def _reshaped(low: float, high: float, arguments: str, after: str) -> list[tuple[float, float]] | None:
    """`np.arange(10).reshape((5, 2))`: the columns 0, 2, …, 8 and 1, 3, …, 9."""
    shape = _RESHAPE.match(after)
    positional, keywords = _arguments(arguments)
    step = _argument(positional, keywords, 2, "step") if len(positional) > 2 or "step" in keywords else 1.0
    if not shape or not step:
        return None
    steps = (high - low) / step
    if not math.isfinite(steps) or steps > 1e6:
        return None
    count = round(steps) + 1
    rows, width = int(shape["rows"]), int(shape["columns"])
    rows = count // width if rows == -1 else rows
    if width < 2 or width > 50 or rows < 2 or rows * width != count:
        return None
    last = (rows - 1) * width
    return [(low + step * column, float(f"{low + step * (column + last):.12g}")) for column in range(width)]


def _vector_bounds(arguments: str) -> list[tuple[float, float]] | None:
    """`np.random.uniform([0, 0], [1, 1000], size=(100, 2))`: one range per column."""
    positional, keywords = _arguments(arguments)
    low_text = keywords.get("low", positional[0] if positional else "")
    high_text = keywords.get("high", positional[1] if len(positional) > 1 else "")
    if not (low_text.startswith("[") and high_text.startswith("[")):
        return None
    lows, highs = _list_columns(low_text.strip("[] ")), _list_columns(high_text.strip("[] "))
    if not lows or not highs or len(lows[0]) != len(highs[0]) or len(lows[0]) > MAX_RANGES:
        return None
    return [(min(low, high), max(low, high)) for low, high in zip(lows[0], highs[0])]


def _prose_call(text: str, match: re.Match[str], arguments: str) -> bool:
    function = match["function"]
    if function in _RANDOM_FUNCTIONS or function in _CODE_WORDS or not function.isalpha() or not function.islower():
        return False
    if text[max(0, match.start() - 1) : match.start()] == "." or "=" in arguments:
        return False
    return bool(_PROSE_RANGE.fullmatch(arguments) or _GLUED_RANGE.search(arguments))


def _scaled(low: float, high: float, operator: str, number_text: str) -> tuple[float, float]:
    number = _code_number(number_text)
    if number is None or (operator == "/" and number == 0):
        return low, high
    apply = {
        "*": lambda value: value * number,
        "/": lambda value: value / number,
        "+": lambda value: value + number,
        "-": lambda value: value - number,
    }[operator]
    first, second = apply(low), apply(high)
    return min(first, second), max(first, second)


def _assigned_name(before: str) -> str | None:
    match = _ASSIGNED.search(before)
    if not match:
        return None
    name = match["column"] or match["key"] or match["variable"]
    if name is None or name.lower() in _GENERIC_VARIABLES:
        return None
    return name.strip()[:40]


def _read_lists(text: str, pairs: dict[int, int], code: _Code) -> None:
    features: list[tuple[str | None, tuple[float, ...], int, int, bool]] = []  # …, written as prose
    targets: list[tuple[str | None, tuple[float, ...]]] = []
    reach = -1
    for match in re.finditer(r"[\[{]", text):
        opening = match.start()
        closing = pairs.get(opening)
        if closing is None or opening < reach:
            continue
        points = _POINTS.fullmatch(text, opening + 1, closing)
        if points:  # "training set {(1, 2), (100, 200)}": (x, y) points
            values = [float(number) for number in re.findall(_CODE_NUMBER.pattern, points[0])]
            features.append((None, tuple(values[0::2]), opening, closing + 1, False))
            targets.append((None, tuple(values[1::2])))
            code.claimed.append((opening, closing + 1))
            reach = closing
            continue
        if text[opening] == "{" or _BRACKET.fullmatch(text, opening, closing + 1):
            continue  # "[0, 1,000]": a range in brackets, read with the prose
        columns = _list_columns(text[opening + 1 : closing])
        if columns is None or (len(columns) == 1 and len(columns[0]) < 2):
            continue
        reach = closing
        before = text[max(0, opening - 100) : opening]
        wrapper = _LIST_WRAPPER.search(before)
        name_text = before[: len(before) - len(wrapper[0])] if wrapper else before
        assigned = _ASSIGNED.search(name_text)
        name = (assigned["column"] or assigned["key"] or assigned["variable"]) if assigned else None
        nested = len(columns) > 1 or text[opening + 1 : closing].lstrip().startswith("[")
        if name is None and not nested and len(columns[0]) == 2:
            continue  # "[0, 1]": a range in brackets, read with the prose
        code.claimed.append((opening - (len(wrapper[0]) if wrapper else 0), closing + 1))
        role = _list_role(name, before)
        if nested and _NOT_DATA_MATRIX.search(before[-60:]):
            role = None
        elif name is None and nested:
            role = "feature"  # a printed 2-D array is data
        if role == "target" and len(columns) == 1:
            targets.append((name, columns[0]))
        elif role == "feature":
            label = None if name is None or name.lower() in _GENERIC_VARIABLES or nested else name.strip()
            features.extend((label, column, opening, closing + 1, False) for column in columns)
    for match in _LIST.finditer(text):  # "x = 10, 20, 30, 40 and y = 1.01, 2.02, 2.88, 4.1"
        if any(start <= match.start("values") < end for start, end in code.claimed[-50:]):
            continue
        values = tuple(float(part) for part in re.split(r"\s*[,;]\s*", match["values"]))
        code.claimed.append((match.start(), match.end()))
        name = match["name"]
        if name.lower().startswith(("y", "target", "label", "output")):
            targets.append((name, values))
        else:
            features.append((None, values, match.start(), match.end(), True))
    for match in _VALUES_LIKE.finditer(text):  # "col A has values like 0.001, 0.05, 0.3"
        if any(start <= match.start("values") < end for start, end in code.claimed[-50:]):
            continue
        values = tuple(float(number) for number in re.findall(_PLAIN_NUMBER, match["values"]))
        code.claimed.append((match.start("values"), match.end()))
        features.append((None, values, match.start("values"), match.end(), True))
    _table(features, targets, code)


def _list_columns(content: str) -> list[tuple[float, ...]] | None:
    """ "3, 6, 9" → one column; "[1, 200], [2, 300]" → two columns of a 2-D list; None if not all numbers."""
    if "[" in content:
        rows = re.findall(r"\[([^\[\]]*)\]", content)
        if not rows or re.sub(r"\[[^\[\]]*\]", "", content).strip(" ,\n\t"):
            return None
        parsed = [_list_columns(row) for row in rows]
        if any(row is None or len(row) != 1 for row in parsed):
            return None
        values = [row[0] for row in parsed]  # type: ignore[index]
        width = len(values[0])
        if width == 0 or any(len(row) != width for row in values):
            return None
        return [tuple(row[index] for row in values) for index in range(width)]
    items = [item for item in re.split(r"[,\s]+", content.strip()) if item]
    numbers = [_code_number(item) for item in items]
    if not numbers or any(number is None for number in numbers):
        return None
    return [tuple(numbers)]  # type: ignore[arg-type]


def _list_role(name: str | None, before: str) -> str | None:
    if name is not None:
        bare = name.strip().lower()
        if _TARGET_NAME.fullmatch(bare):
            return "target"
        if _NOT_DATA_NAME.search(bare):
            return None
        return "feature"
    if _BECOMES.search(before[-20:]):
        return None  # "… becomes [0.87, -1.15, …]": values after a transformation
    return "feature" if _DATA_WORDS.search(before[-60:]) and not _NOT_DATA_NAME.search(before[-25:]) else None


def _table(
    features: list[tuple[str | None, tuple[float, ...], int, int, bool]],
    targets: list[tuple[str | None, tuple[float, ...]]],
    code: _Code,
) -> None:
    if not features:
        return
    target_name, target = targets[0] if targets else (None, None)
    lengths = {len(values) for _, values, *_ in features}
    same = len(lengths) == 1 and (target is None or lengths == {len(target)})
    if same and 2 <= len(features[0][1]) <= MAX_TABLE_ROWS:
        code.table = DataTable(
            tuple(values for _, values, *_ in features), tuple(name for name, *_ in features), target, target_name
        )
    for name, values, start, end, prose in features:
        low, high = min(values), max(values)
        if prose and same and target is not None:
            continue  # "x = 10, 20, 30, 40 and y = …": the blog post's data points, to fit, not a feature range
        if low < high:
            code.ranges.append(NamedRange(low, high, name, start, end, "list"))


def _lines(text: str) -> list[tuple[int, str]]:
    return [(match.start(), match[0]) for match in re.finditer(r"[^\n]*", text) if match[0] or match.start() == 0]


def _read_describe(text: str, code: _Code) -> None:
    """pandas `describe()` pasted as text: either orientation; ranges from the min and max rows."""
    if "min" not in text or "max" not in text:
        return
    lines = _lines(text)
    index = 0
    while index < len(lines):
        line = lines[index][1]
        tokens = line.split()
        header = {token.lower(): position for position, token in reversed(list(enumerate(tokens)))}
        if "min" in header and "max" in header and ({"count", "mean", "std"} & set(header)):
            index = _describe_transposed(lines, index, header, len(tokens), code)
            continue
        if tokens and tokens[0] in ("count", "mean", "std", "min"):
            index = _describe_rows(lines, index, code)
            continue
        index += 1


def _numbers_in(tokens: list[str]) -> list[float | None]:
    return [None if token.lower() == "nan" else _code_number(token) for token in tokens]


def _describe_rows(lines: list[tuple[int, str]], index: int, code: _Code) -> int:
    rows: dict[str, list[float | None]] = {}
    first = index
    while index < len(lines) and lines[index][1].split()[:1] and lines[index][1].split()[0] in _STAT_ROWS:
        tokens = lines[index][1].split()
        values = _numbers_in(tokens[1:])
        if not values or any(value is None and token.lower() != "nan" for value, token in zip(values, tokens[1:])):
            break
        rows[tokens[0]] = values
        index += 1
    if "min" not in rows or "max" not in rows or len(rows["min"]) != len(rows["max"]) or index == first:
        return max(index, first + 1)
    names: list[str | None] = [None] * len(rows["min"])
    block_start = lines[first][0]
    if first > 0:
        header = lines[first - 1][1].split()
        if len(header) == len(names) and all(_code_number(token) is None for token in header):
            names = list(header)
            block_start = lines[first - 1][0]
    block_end = lines[index - 1][0] + len(lines[index - 1][1])
    code.claimed.append((block_start, block_end))
    for name, low, high in zip(names, rows["min"], rows["max"]):
        if low is not None and high is not None and low < high:
            code.ranges.append(NamedRange(low, high, name, block_start, block_end, "describe"))
    return index


def _describe_transposed(
    lines: list[tuple[int, str]], index: int, header: dict[str, int], width: int, code: _Code
) -> int:
    found = []
    block_start = lines[index][0]
    index += 1
    while index < len(lines):
        tokens = lines[index][1].split()
        values = _numbers_in(tokens[-width:]) if len(tokens) > width else []
        if not values or values[header["min"]] is None or values[header["max"]] is None:
            break
        found.append((" ".join(tokens[:-width]), values[header["min"]], values[header["max"]]))
        index += 1
    if found:
        block_end = lines[index - 1][0] + len(lines[index - 1][1])
        code.claimed.append((block_start, block_end))
        for name, low, high in found:
            if low < high:  # type: ignore[operator]
                code.ranges.append(NamedRange(low, high, name[:40] or None, block_start, block_end, "describe"))  # type: ignore[arg-type]
    return index


def _cells(line: str) -> list[str]:
    stripped = line.strip()
    if stripped.startswith("|"):
        return [cell.strip() for cell in stripped.strip("|").split("|")]
    if "," in stripped and "\t" not in stripped:
        return [cell.strip() for cell in stripped.split(",")]
    return stripped.split()


def _read_text_tables(text: str, code: _Code) -> None:
    """A pasted `df.head()`, CSV or Markdown table: a header of names, then rows of numbers."""
    if text.count("\n") < 2:
        return
    lines = _lines(text)
    index = 0
    while index < len(lines) - 2:
        header = _cells(lines[index][1])
        named = len(header) >= 2 and all(_TABLE_NAME.fullmatch(cell) for cell in header)
        if not named:
            index += 1
            continue
        rows, end = [], index + 1
        while end < len(lines):
            cells = _cells(lines[end][1])
            if cells and all(re.fullmatch(r":?-{3,}:?", cell) for cell in cells):
                end += 1  # the Markdown separator row
                continue
            if len(cells) == len(header) + 1 and re.fullmatch(r"\d+", cells[0]):
                cells = cells[1:]  # the index pandas prints before each row
            values = [_code_number(cell) for cell in cells]
            if len(values) != len(header) or any(value is None for value in values):
                break
            rows.append(values)
            end += 1
        if len(rows) < 2:
            index += 1
            continue
        columns = [tuple(row[column] for row in rows) for column in range(len(header))]
        start, stop = lines[index][0], lines[end - 1][0] + len(lines[end - 1][1])
        code.claimed.append((start, stop))
        features = [(name, column) for name, column in zip(header, columns) if not _TARGET_NAME.fullmatch(name.lower())]
        targets = [column for name, column in zip(header, columns) if _TARGET_NAME.fullmatch(name.lower())]
        for name, column in features:
            if min(column) < max(column):  # type: ignore[type-var]
                code.ranges.append(NamedRange(min(column), max(column), name, start, stop, "list"))  # type: ignore[type-var, arg-type]
        if code.table is None and features and len(rows) <= MAX_TABLE_ROWS:
            target = targets[0] if targets else None
            target_name = next((name for name in header if _TARGET_NAME.fullmatch(name.lower())), None)
            code.table = DataTable(
                tuple(column for _, column in features),
                tuple(name for name, _ in features),
                target,
                target_name,  # type: ignore[arg-type]
            )
        index = end


def _read_min_max_series(text: str, code: _Code) -> None:
    """`print(df.min())` and `print(df.max())` printouts: "name value" lines above a "dtype: …" line."""
    if "dtype:" not in text:
        return
    series: dict[str, list[tuple[str, float]]] = {}
    spans = []
    lines = _lines(text)
    for index, (start, line) in enumerate(lines):
        if not line.lstrip().startswith("dtype:"):
            continue
        values: list[tuple[str, float]] = []
        top = index - 1
        while top >= 0 and len(tokens := lines[top][1].split()) >= 2 and _code_number(tokens[-1]) is not None:
            values.append((" ".join(tokens[:-1]), _code_number(tokens[-1])))  # type: ignore[arg-type]
            top -= 1
        values.reverse()
        label = lines[top][1] if top >= 0 else ""
        kind = "min" if re.search(r"\bmin\b", label) else "max" if re.search(r"\bmax\b", label) else None
        if kind and values and kind not in series:
            series[kind] = values
            spans.append((lines[top + 1][0], start + len(line)))
    if "min" not in series or "max" not in series:
        return
    highs = dict(series["max"])
    code.claimed.extend(spans)
    start, end = min(span[0] for span in spans), max(span[1] for span in spans)
    for name, low in series["min"]:
        high = highs.get(name)
        if high is not None and low < high:
            code.ranges.append(NamedRange(low, high, name[:40], start, end, "describe"))


# --- what is not a range, and ranges written as min/max or ± -----------------------------------


def _noise(text: str) -> list[tuple[int, int]]:
    """Dates, versions, hyphen chains ("128-64-32"), addresses, training-log and traceback lines."""
    spans = [match.span() for pattern in _NOISE for match in pattern.finditer(text)]
    for match in _LOG_LINE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        spans.append((line_start, len(text) if line_end < 0 else line_end))
    return spans


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with these spans blanked out (newlines kept), so the same positions still fit."""
    if not spans:
        return text
    characters = list(text)
    for start, end in _merged(spans):
        for position in range(start, min(end, len(text))):
            if characters[position] != "\n":
                characters[position] = " "
    return "".join(characters)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _min_max_and_plus_minus(text: str) -> tuple[list[NamedRange], list[tuple[int, int]]]:
    """ "min is 1e-3 and max is 1e3", "min: 0.5, max: 3200" and "±1e12" (the range −1e12 to 1e12)."""
    found, spans = [], []
    for match in (*_MIN_MAX.finditer(text), *_MAX_MIN.finditer(text), *_BETWEEN_SIGNS.finditer(text)):
        if len(found) >= MAX_RANGES:
            break
        if any(start < match.end() and match.start() < end for start, end in spans):
            continue
        low, high = parse_number(match["low"].rstrip("%")), parse_number(match["high"].rstrip("%"))
        if low is not None and high is not None and low < high:
            named = match.groupdict().get("name")
            name = None if named is None or named.lower() in _GENERIC_VARIABLES else named
            found.append(NamedRange(low, high, name or _name_before(text, match.start()), match.start(), match.end()))
            spans.append(match.span())
    for match in _BINARY.finditer(text):
        if len(found) >= MAX_RANGES:
            break
        found.append(NamedRange(0.0, 1.0, _name_before(text, match.start()), match.start(), match.end(), "binary"))
        spans.append(match.span())
    for match in _PLUS_MINUS.finditer(text):
        if len(found) >= MAX_RANGES:
            break
        if re.search(r"[\d)]\s*$", text[max(0, match.start() - 3) : match.start()]):
            continue  # "3 ± 0.5" is a mean and a spread
        value = parse_number(match["value"])
        if value is not None and value > 0 and _is_feature_range(text, match.start(), match.end()):
            found.append(NamedRange(-value, value, _name_before(text, match.start()), match.start(), match.end()))
            spans.append(match.span())
    return found, spans
