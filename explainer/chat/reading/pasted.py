"""Values pasted into a message: Python lists, 2-D lists, dict columns and printed tables.

`x = [1, 2, 3]`, `{"age": [20, 35, 60]}`, `[[1, 200], [2, 300]]`, "(x, y) points", "values like 0.001, 0.05,
0.3", pandas `describe()` (either orientation), `df.min()`/`df.max()` printouts, `df.head()`, CSV and
Markdown tables. Each gives feature ranges (source "list" or "describe") and, when the values are few
enough, a `DataTable` to fit, with the target when one is named (`y`, `target`, `label`). Every span read
is recorded in `_Code.claimed`, so the prose reader does not read the same numbers a second time. Kept
apart because reading code and printouts follows the layout of the paste, not the grammar of a sentence.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from explainer.chat.reading.ranges import _BRACKET, _GENERIC_VARIABLES, _UNIT_WORDS, MAX_RANGES, NamedRange
from explainer.text import patterns

MAX_TABLE_ROWS = 1000  # a pasted list longer than this gives its range, not a table to fit

_LIST = patterns.compile(
    r"(?P<name>\b(?:x|y|x1|inputs?|targets?|labels?|outputs?|features?)\b)\s*(?:=|:|is|are|values?)\s*[\[(]?\s*"
    r"(?P<values>[-+]?\d+(?:\.\d+)?(?:\s*[,;]\s*[-+]?\d+(?:\.\d+)?){2,})",
    patterns.IGNORECASE,
)
_CODE_NUMBER = patterns.compile(r"[-+]?(?:\d+(?:_\d{3})*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
_ASSIGNED = patterns.compile(
    r"(?:\[\s*['\"](?P<column>[^'\"\n]{1,40})['\"]\s*\]\s*=|['\"](?P<key>[^'\"\n]{1,40})['\"]\s*:"
    r"|\b(?P<variable>[A-Za-z_]\w*)\s*(?:[=~]|<-))\s*$"  # R assigns with `<-`
)
# `… rand(64, 3) * [`: a list multiplying what comes before it on its line (a Markdown bullet's `*` starts its line)
_FACTORS_BEFORE = patterns.compile(r"[\w)\]][ \t]*\*[ \t]*$")
_LIST_WRAPPER = patterns.compile(
    r"\b(?:np|numpy|torch|tf|pd|jnp)\s*\.\s*(?:array|asarray|tensor|Tensor|FloatTensor|constant|Series)\s*\(\s*$"
)
TARGET_NAME = patterns.compile(  # what is predicted: y, y_train, train_y, ty, target, labels …
    r"y|y\d|y_\w+|ys|ty|\w+_y|(?:train|test|val|valid)ys?|targets?\w*|labels?|\w+_(?:labels?|targets?)|outputs?|responses?"
)
_NOT_DATA_NAME = patterns.compile(
    r"^(?:lrs?|learning_rates?|alphas?|cs?|gammas?|epochs?|seeds?|params?|param_grid|grid|shape|w|theta|\w*coef\w*"
    r"|bias|b|momentum|dims?|lambdas?|betas?|etas?|ks?|n_\w+|batch\w*|kernel\w*|\w*means?|\w*stds?|\w*mu|\w*sigma)$"
    r"|layers?|hidden|units|sizes?|neurons|weights?|shape|grid|params|lrs",
    patterns.IGNORECASE,
)
_DATA_WORDS = patterns.compile(
    r"\b(?:features?|columns?|values|data|inputs?|attributes?|variables?|predictors?)\b", patterns.IGNORECASE
)
_TABLE_NAME = patterns.compile(r"[A-Za-z_][\w.()%$/^-]{0,39}")  # "midterm^2": a squared feature's column
_NOT_DATA_MATRIX = patterns.compile(
    r"confusion|matri|weights?|coef|cov|corr|kernel|shape|hessian|jacobian|cond|linalg|eigen|jordan|determinant"
    r"|inverse",
    patterns.IGNORECASE,
)
_BECOMES = patterns.compile(r"(?:becomes?|became|turns?\s+into|turned\s+into|gives?|->|→|=>)\s*$", patterns.IGNORECASE)
# "fit(x, y) -> [[1.02] [0.81]]", "print(theta) -> …": what a fitting call returned, or a printed weight, not data;
# `print(X) -> [[…]]` and `train_test_split(X) -> …` are data
_RETURNED = patterns.compile(
    r"(?:(?:\.|\b)(?:fit|predict\w*|train|solve|minimi[sz]e|optimi[sz]e|gradient_descent|run_gd|gd)"
    r"\((?:[^()\n]|\([^()\n]*\))*\)|\bprint\(\s*(?:theta|thetas|w|weights?|coef\w*|params?|b|bias)\s*\))"
    r"\s*(?:->|→|=>)\s*$",
    patterns.IGNORECASE,
)
_POINT = rf"\(\s*{_CODE_NUMBER.pattern}\s*,\s*{_CODE_NUMBER.pattern}\s*\)"
_POINTS = patterns.compile(rf"\s*{_POINT}(?:\s*,\s*{_POINT})+\s*,?\s*")
_PLAIN_NUMBER = r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
# "X = {-3, -2, -1, 0, 1, 2, 3}": a set of values as written in mathematics, three or more numbers
_NUMBER_SET = patterns.compile(rf"\s*{_PLAIN_NUMBER}(?:\s*,\s*{_PLAIN_NUMBER}){{2,}}\s*")
_VALUES_LIKE = patterns.compile(
    r"(?P<match>\b(?:values?|numbers?|entries|readings)\s+(?:like|such\s+as|e\.g\.?,?|as)\s+"
    rf"(?P<values>{_PLAIN_NUMBER}(?:\s*,\s*{_PLAIN_NUMBER}){{2,}}(?:,?\s+(?:and|or)\s+{_PLAIN_NUMBER})?"
    rf"|{_PLAIN_NUMBER}(?:[ \t]+{_PLAIN_NUMBER}){{3,}}))"  # or four or more apart: "values like 0 123 212 242 123 45"
    r"(?:$|[^\d.]|\.(?:$|\D))",  # not followed by a digit: the group `match` is the match (explainer/text/patterns.py)
    patterns.IGNORECASE,
)
_FOR_A_SETTING_AFTER = patterns.compile(
    r"\s*,?\s*(?:as|for|of)\s+(?:the\s+|my\s+|its\s+)?(?:learning[\s_-]?rates?|lrs?|alphas?|lambdas?|regulari\w*"
    r"|step[\s_-]?sizes?|c|gammas?|momentum|batch[\s_-]?sizes?|epochs?|penalt\w*|dropout|weight[\s_-]?decay)\b",
    patterns.IGNORECASE,
)
_STAT_ROWS = frozenset(("count", "mean", "std", "min", "25%", "50%", "75%", "max"))
_STAT_SYNONYMS = {"minimum": "min", "maximum": "max", "stdev": "std", "sd": "std", "average": "mean"}


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


@dataclass
class _Code:
    ranges: list[NamedRange] = field(default_factory=list)
    constants: list[NamedRange] = field(default_factory=list)  # columns with one value in every row: no feature
    claimed: list[tuple[int, int]] = field(default_factory=list)  # spans the prose reader must not read again
    distributions: list[Distribution] = field(default_factory=list)
    size: int | None = None  # the first sample count written as a NumPy size argument
    table: DataTable | None = None
    # a drawn matrix's variable and where its columns sit in `ranges`: `X = rand(100, 2)` then `X[:, 1] *= 1000`
    drawn_columns: dict[str, tuple[int, ...]] = field(default_factory=dict)


def _keep(code: _Code, column: NamedRange) -> None:
    """A column's range as a feature; a column with one value throughout is kept apart, to be named to the learner."""
    if column.low < column.high:
        code.ranges.append(column)
    elif column.low == column.high:
        code.constants.append(column)


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


_PRINTED_PREDICTION = patterns.compile(
    r"\bprint\(\s*[fr]?[\"'](?P<label>[^\"'\n]{1,40})[\"']\s*,\s*[\w.\[\]]*\.predict\w*\("
)
_LINE_LABEL = patterns.compile(r"^[ \t]*(?P<label>[A-Za-z][\w .-]{0,39}?)\s*:?[ \t]*$")


def _label_key(label: str) -> str:
    """ "old method: " and "old method" are one label."""
    return label.strip().rstrip(":").strip().lower()


# "input  [100 150 200]" over "output [0.91 0.93 0.95]": lists labelled by what they are, on their own lines
_INPUT_LABEL_LINE = patterns.compile(
    r"(?:^|\n)[ \t]*(?:inputs?|x|features?)[ \t]*[:=]?[ \t]*[\[(]", patterns.IGNORECASE
)


def _target_label(text: str, opening: int, inputs_labelled: bool) -> str | None:
    """The label a list's line gives it when that label names the target ("target: [...]", "y [...]"). "Output"
    only beside a list labelled as the input: alone, "Output: [...]" is often what a script printed."""
    label = _LINE_LABEL.search(text[max(text.rfind("\n", 0, opening) + 1, opening - 60) : opening])
    key = _label_key(label["label"]) if label else ""
    if not key or not TARGET_NAME.fullmatch(key) or (key.startswith("output") and not inputs_labelled):
        return None
    return key


# the values a loop runs over: settings tried one after another (`for lr in [0.1, 0.01]:`), not a feature's data
_LOOPED_OVER = patterns.compile(r"\bfor\s+[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*\s+in\s+$")
_LOOP_BODY_AFTER = patterns.compile(r"[ \t]*(?::|\n|do\b)")  # the loop's header ends there: not prose's "x in [0, 1]"


def _read_lists(text: str, pairs: dict[int, int], code: _Code) -> None:
    features: list[tuple[str | None, tuple[float, ...], int, int, bool]] = []  # …, written as prose
    targets: list[tuple[str | None, tuple[float, ...]]] = []
    trained = False  # a list named for the training data was read: a test list after it is the same feature
    assigned_before: set[str] = set()  # names already given a feature's list
    # `print("old method: ", old.predict(X))`: the lines printed with that label are predictions, not data
    predicted = {_label_key(match["label"]) for match in itertools.islice(_PRINTED_PREDICTION.finditer(text), 20)}
    inputs_labelled = _INPUT_LABEL_LINE.search(text) is not None
    reach = -1
    for match in patterns.finditer(r"[\[{]", text):
        opening = match.start()
        closing = pairs.get(opening)
        label = (
            _LINE_LABEL.search(text[max(0, text.rfind("\n", 0, opening) + 1, opening - 60) : opening])
            if predicted and opening >= reach
            else None
        )
        if label and _label_key(label["label"]) in predicted:
            # "old method:  [ 26.8  5.32 …": what predict() printed, to its bracket or, cut short, its paragraph
            paragraph = text.find("\n\n", opening)
            end = closing + 1 if closing is not None else (paragraph if paragraph >= 0 else len(text))
            code.claimed.append((opening, end))
            reach = end
            continue
        if closing is None or opening < reach:
            continue
        points = _POINTS.fullmatch(text, opening + 1, closing)
        if points:  # "training set {(1, 2), (100, 200)}": (x, y) points
            values = [float(number) for number in patterns.findall(_CODE_NUMBER.pattern, points[0])]
            features.append((None, tuple(values[0::2]), opening, closing + 1, False))
            targets.append((None, tuple(values[1::2])))
            code.claimed.append((opening, closing + 1))
            reach = closing
            continue
        looped = _LOOPED_OVER.search(text[max(0, opening - 80) : opening])
        if looped and _LOOP_BODY_AFTER.match(text[closing + 1 : closing + 12]):
            code.claimed.append((opening, closing + 1))  # `for timeAdd in [0, 999]:` settings tried, not data
            reach = closing
            continue
        if text[opening] == "{" and not _NUMBER_SET.fullmatch(text, opening + 1, closing):
            continue  # a record's keys and values are read by `_read_records`
        if _BRACKET.fullmatch(text, opening, closing + 1):
            continue  # "[0, 1,000]": a range in brackets, read with the prose
        columns = _list_columns(text[opening + 1 : closing])
        if columns is None or (len(columns) == 1 and len(columns[0]) < 2):
            continue
        reach = closing
        before = text[max(0, opening - 100) : opening]
        wrapper = _LIST_WRAPPER.search(before)
        name_text = before[: len(before) - len(wrapper[0])] if wrapper else before
        if _FACTORS_BEFORE.search(name_text):
            continue  # `rand(64, 3) * [1, 10, 100]`: factors applied to data, read with the call they scale
        assigned = _ASSIGNED.search(name_text)
        name = (assigned["column"] or assigned["key"] or assigned["variable"]) if assigned else None
        nested = len(columns) > 1 or text[opening + 1 : closing].lstrip().startswith("[")
        if name is None and not nested:
            name = _target_label(text, opening, inputs_labelled)  # "output [0.91 0.93 0.95]": the values predicted
        if nested and len(columns) > 1 and all(len(column) == 1 for column in columns):
            # one row: `model.predict([[1650, 3]])` is one new sample, no column's spread; `data = [[1, 2, 3, 4, 5]]`
            # is a learner's one list of values, written as a 1 × n array
            one_sample = _ONE_SAMPLE_CALL.search(name_text) or (
                name and (_ONE_SAMPLE_NAME.fullmatch(name.strip()) or _passed_to_a_model(text, name.strip(), closing))
            )
            if one_sample or len(columns) < 3:  # `[[1, 200]]`: two values say no spread either way
                code.claimed.append((opening, closing + 1))
                continue
            columns, nested = [tuple(column[0] for column in columns)], False
        if name is None and not nested and len(columns[0]) == 2:
            continue  # "[0, 1]": a range in brackets, read with the prose
        code.claimed.append((opening - (len(wrapper[0]) if wrapper else 0), closing + 1))
        role = _list_role(name, before)
        if nested and _NOT_DATA_MATRIX.search(before[-60:]):
            role = None
        elif (
            name is None
            and nested
            and not _RETURNED.search(text[text.rfind("\n", 0, opening) + 1 : opening])
            and not _PREDICTION_LABEL_BEFORE.search(before[-30:])
        ):
            role = "feature"  # a printed 2-D array is data; one after "->" is what a call returned
        if role == "target" and len(columns) == 1:
            targets.append((name, columns[0]))
        elif role == "feature" and name is not None and _HELD_OUT_NAME.fullmatch(name.strip()) and trained:
            continue  # the training list's feature again, at test time: its range is the training one
        elif role == "feature" and name is not None and name.strip() in assigned_before:
            continue  # "if I drop the last element, i.e. x_train = [1, 2, 3, 4]": a variant of the list asked about
        elif role == "feature":
            trained = trained or (name is not None and _TRAINING_NAME.fullmatch(name.strip()) is not None)
            if name is not None:
                assigned_before.add(name.strip())
            label = None if name is None or name.lower() in _GENERIC_VARIABLES or nested else name.strip()
            features.extend((label, column, opening, closing + 1, False) for column in columns)
    for match in _LIST.finditer(text):  # "x = 10, 20, 30, 40 and y = 1.01, 2.02, 2.88, 4.1"
        if any(start <= match.start("values") < end for start, end in code.claimed[-50:]):
            continue
        values = tuple(float(part) for part in patterns.split(r"\s*[,;]\s*", match["values"]))
        code.claimed.append((match.start(), match.end()))
        name = match["name"]
        if name.strip() in assigned_before:
            continue  # `X = [1, 2, 100]`, then "with X = [100,200,300] it fails too": a variant of the list asked about
        if name.lower().startswith(("y", "target", "label", "output")):
            targets.append((name, values))
        else:
            features.append((None, values, match.start(), match.end(), True))
    for match in _VALUES_LIKE.finditer(text):  # "col A has values like 0.001, 0.05, 0.3"
        if any(start <= match.start("values") < end for start, end in code.claimed[-50:]):
            continue
        if _FOR_A_SETTING_AFTER.match(text[match.end() : match.end() + 40]):
            continue  # "I tried values like 0.1 0.01 0.001 for the learning rate": settings tried, not data
        values = tuple(float(number) for number in patterns.findall(_PLAIN_NUMBER, match["values"]))
        code.claimed.append((match.start("values"), match.end()))
        features.append((None, values, match.start("values"), match.end(), True))
    _table(features, targets, code)


_DISPLAYED_NAME = patterns.compile(r"\s*(?P<name>[A-Za-z_]\w{0,30})\s*=\s*(?P<row>[-+\d.eE \t]*\d\.?)?\s*")
_DISPLAYED_ROW = patterns.compile(r"\s*[-+]?\d[\d.eE+-]*(?:[ \t]+[-+]?\d[\d.eE+-]*){0,49}\s*")


# What a course's script prints that is not data: a gradient, the cost J and its history, losses, accuracies, and
# values already normalized
_PRINTED_RESULT = patterns.compile(r"grad\w*|j|j_\w+|cost\w*|loss\w*|acc\w*|err\w*|ans|\w*norm\w*|\w*scaled\w*")


def _read_displayed_matrices(text: str, code: _Code) -> None:
    """A matrix as Octave or MATLAB shows it: `X = 1 98` (or `X =` alone), then rows of as many numbers, one per
    line. Each column is a feature's values (a bias column of ones is constant and adds none); `y = …` is the target."""
    lines = _lines(text)
    features: list[tuple[str | None, tuple[float, ...]]] = []
    targets: list[tuple[str, tuple[float, ...]]] = []
    index = 0
    while index < len(lines) - 1:
        header = _DISPLAYED_NAME.fullmatch(lines[index][1])
        if header is None:
            index += 1
            continue
        rows = [_row_values(header["row"])] if header["row"] else []
        end = index + 1
        while end < len(lines) and not rows and not lines[end][1].strip():
            end += 1  # Octave prints a blank line after `X =`
        while end < len(lines) and _DISPLAYED_ROW.fullmatch(lines[end][1]):
            values = _row_values(lines[end][1])
            if rows and len(values) != len(rows[0]):
                break
            rows.append(values)
            end += 1
        if len(rows) < 2 or any(value is None for row in rows for value in row):
            index += 1
            continue
        start, stop = lines[index][0], lines[end - 1][0] + len(lines[end - 1][1])
        code.claimed.append((start, stop))
        name = header["name"]
        columns = [tuple(row[column] for row in rows) for column in range(len(rows[0]))]
        role = None if _PRINTED_RESULT.fullmatch(name.lower()) else _list_role(name, "")
        if role == "target" and len(columns) == 1:
            targets.append((name, columns[0]))  # type: ignore[arg-type]
        elif role == "feature":
            label = None if len(columns) > 1 or name.lower() in _GENERIC_VARIABLES else name
            for column in columns:
                if min(column) < max(column):  # type: ignore[type-var]
                    code.ranges.append(NamedRange(min(column), max(column), label, start, stop, "list"))  # type: ignore[type-var, arg-type]
                    features.append((label, column))  # type: ignore[arg-type]
        index = end
    rows = {len(column) for _, column in features}
    if code.table is None and features and targets and rows == {len(targets[0][1])} and max(rows) <= MAX_TABLE_ROWS:
        # `X = …` and `y = …` shown with as many rows: the learner's own data, to fit as it is
        code.table = DataTable(
            tuple(column for _, column in features), tuple(name for name, _ in features), targets[0][1], targets[0][0]
        )


_ROW_WRAPPING = patterns.compile(r"\[[^\[\]]*\]|\.\.\.|…|\b[A-Za-z_][\w.]{0,40}\s*\(|[()]|\b\d+\b")


def _row_values(row: str) -> list[float | None]:
    return [_code_number(cell) for cell in row.split()]


def _list_columns(content: str) -> list[tuple[float, ...]] | None:
    """ "3, 6, 9" → one column; "[1, 200], [2, 300]" → two columns of a 2-D list; None if not all numbers."""
    if "[" in content:
        rows = patterns.findall(r"\[([^\[\]]*)\]", content)
        # NumPy's summary of a long array leaves out the middle rows as "...": the rows shown stand for it; each row
        # may be wrapped in a call and carry a row number, `(0, Vectors.dense([1.0, 0.1])), (1, …)`
        if not rows or _ROW_WRAPPING.sub("", content).strip(" ,\n\t"):
            return None
        parsed = [_list_columns(row) for row in rows]
        if any(row is None or len(row) != 1 for row in parsed):
            return None
        values = [row[0] for row in parsed]  # type: ignore[index]
        width = len(values[0])
        if width == 0 or any(len(row) != width for row in values):
            return None
        return [tuple(row[index] for row in values) for index in range(width)]
    if ";" in content:  # MATLAB: "[541.3; 0.44; -3.7]" is a column, "[1 200; 2 300]" rows of a matrix
        rows = [_list_columns(row) for row in content.split(";") if row.strip()]
        if not rows or any(row is None or len(row) != 1 for row in rows):
            return None
        values = [row[0] for row in rows]  # type: ignore[index]
        width = len(values[0])
        if any(len(row) != width for row in values):
            return None
        return [tuple(row[index] for row in values) for index in range(width)]
    # "[4155915305, 4155915503, ..., 4155919839]": the values shown, the elided middle left out
    items = [item for item in patterns.split(r"[,\s]+", content.strip()) if item and item not in ("...", "…")]
    numbers = [_code_number(item) for item in items]
    if not numbers or any(number is None for number in numbers):
        return None
    return [tuple(numbers)]  # type: ignore[arg-type]


# "layers j=[4,3,1]", "neurons per layer: [64, 32]": a network's sizes, whatever the list is called
_LAYER_SIZES_BEFORE = patterns.compile(
    r"\blayers?\s+(?:sizes?\s+)?[A-Za-z_]\w{0,10}\s*=\s*$|\b(?:neurons|units)\s+(?:per\s+layer\s*)?[:=]\s*$",
    patterns.IGNORECASE,
)


# `train_data_scaled = […]`, `X_norm = […]`: values after a transform, not what the feature holds
_TRANSFORMED_NAME = patterns.compile(
    r"scal+ed|normali[sz]ed|standardi[sz]ed|_norm\b|_std\b|_z\b|zscored?|transformed", patterns.IGNORECASE
)
# A single sample written as a 1 × n array: what a prediction is asked for, not data with columns to scale
_ONE_SAMPLE_CALL = patterns.compile(
    r"\.\s*(?:predict\w*|transform|inverse_transform|run|forward|evaluate|score|activate)\s*\(\s*$"
    r"|\b(?:model|net|network|clf|reg|regressor|classifier)\s*\(\s*$",
    patterns.IGNORECASE,
)
# a sample's name, or a design matrix's (`X = [[1650, 3, 20]]` is one house with three features)
_ONE_SAMPLE_NAME = patterns.compile(
    r"\w*(?:new|sample|query|point|instance|example|input|test|features?|house|row)\w*|x\w*", patterns.IGNORECASE
)


def _passed_to_a_model(text: str, name: str, after: int) -> bool:
    """`X = np.array([[1650, 3, 20]])` then `model.predict(X)`: the row is one sample to predict (a window: linear)."""
    window = text[after : after + 2000]
    calls = patterns.finditer(
        r"(?:\.\s*(?:predict\w*|transform|forward|evaluate)|\b(?:model|net|network|clf|reg))\s*\(\s*(?P<name>\w+)",
        window,
    )
    return any(call["name"] == name for call in calls)


# `test_data = [2, 11, 0, 14]` after `train_data = […]`: the same feature's values at test time
_HELD_OUT_NAME = patterns.compile(r"(?:x_?)?(?:test|val|valid|validation|holdout)\w*", patterns.IGNORECASE)
_TRAINING_NAME = patterns.compile(r"(?:x_?)?train\w*", patterns.IGNORECASE)


# per-channel statistics named just before a bare list, or a printed prediction's label
_STATISTIC_BEFORE = patterns.compile(
    r"\b(?:mean_\w+|means|averages|std|stds|stddev|variances)\b(?P<gap>[^.\n\[\]=]{0,45})$", patterns.IGNORECASE
)
_PREDICTION_LABEL_BEFORE = patterns.compile(
    r"\b(?:predictions?|predicted|prediction_\w*|hypo\w*|y_?hat)\s*[:=][ \t]*$", patterns.IGNORECASE
)
_OWN_DATA = patterns.compile(r"\b(?:my|our|here|data|dataset)\b", patterns.IGNORECASE)


def _statistic_or_prediction(before: str) -> bool:
    """`subtract the mean_pixel … ([123.68, …])` or `Prediction: [[…]]`; not "my features have different means,
    here is X: [[…]]", which is data."""
    statistic = _STATISTIC_BEFORE.search(before[-80:])
    return bool(_PREDICTION_LABEL_BEFORE.search(before[-30:])) or (
        statistic is not None and not _OWN_DATA.search(statistic["gap"])
    )


def _list_role(name: str | None, before: str) -> str | None:
    if _LAYER_SIZES_BEFORE.search(before[-40:]):
        return None
    if name is not None and _TRANSFORMED_NAME.search(name):
        return None
    if name is not None:
        bare = name.strip().lower()
        if TARGET_NAME.fullmatch(bare):
            return "target"
        if _NOT_DATA_NAME.search(bare):
            return None
        return "feature"
    if _BECOMES.search(before[-20:]):
        return None  # "… becomes [0.87, -1.15, …]": values after a transformation
    if _statistic_or_prediction(before):
        return None  # "subtract the mean_pixel … ([123.68, 116.779, 103.939])", "Prediction: [[-2025.9] …]"
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
        _keep(code, NamedRange(low, high, name, start, end, "list"))


def _lines(text: str) -> list[tuple[int, str]]:
    return [(match.start(), match[0]) for match in patterns.finditer(r"[^\n]*", text) if match[0] or match.start() == 0]


def _read_describe(text: str, code: _Code) -> None:
    """pandas `describe()` pasted as text, either orientation, and any table of statistics with one row per
    feature ("Variable Min Max Mean", spaces, CSV or Markdown): ranges from the min and max."""
    if "min" not in text.lower() or "max" not in text.lower():
        return
    lines = _lines(text)
    index = 0
    while index < len(lines):
        line = lines[index][1]
        tokens = line.split()
        cells = [_STAT_SYNONYMS.get(cell.lower(), cell.lower()) for cell in _cells(line)]
        if "min" in cells and "max" in cells and all(_code_number(cell) is None for cell in cells):
            index = _describe_transposed(lines, index, cells, code)
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
        if low is not None and high is not None:
            _keep(code, NamedRange(low, high, name, block_start, block_end, "describe"))
    return index


def _describe_transposed(lines: list[tuple[int, str]], index: int, header: list[str], code: _Code) -> int:
    """Rows of statistics under `header` (lower case): a feature's name, then its numbers. A first header cell
    that is no statistic ("Variable", "feature") labels the names' column."""
    labelled = header[0] not in _STAT_ROWS
    columns = header[1:] if labelled else header
    width, at_min, at_max = len(columns), columns.index("min"), columns.index("max")
    found = []
    block_start = lines[index][0]
    index += 1
    while index < len(lines):
        cells = _cells(lines[index][1])
        if cells and all(patterns.fullmatch(r":?-{3,}:?", cell) for cell in cells):
            index += 1  # the Markdown separator row
            continue
        values = _numbers_in(cells[-width:]) if len(cells) > width else []
        if not values or values[at_min] is None or values[at_max] is None:
            break
        found.append((" ".join(cells[:-width]), values[at_min], values[at_max]))
        index += 1
    if found:
        block_end = lines[index - 1][0] + len(lines[index - 1][1])
        code.claimed.append((block_start, block_end))
        for name, low, high in found:
            _keep(code, NamedRange(low, high, name[:40] or None, block_start, block_end, "describe"))  # type: ignore[arg-type]
    return index


_OUTPUT_PREFIX = patterns.compile(r"^#>?\s+")  # R's reprex and notebooks print output behind "#>" or "# "


def _cells(line: str) -> list[str]:
    stripped = _OUTPUT_PREFIX.sub("", line.strip())
    if stripped.startswith("|") or stripped.count("|") >= 2:  # Markdown, or pipes between the cells only
        return [cell.strip() for cell in stripped.strip("|").split("|")]
    if "," in stripped and "\t" not in stripped:
        return [cell.strip() for cell in stripped.split(",")]
    return stripped.split()


# a header cell of a table printed with two or more spaces between columns: "units sold", "price (won)"
_SPACED_NAME = patterns.compile(r"[A-Za-z_][\w.()%$/^ -]{0,39}")
# columns that say a table's rows are features (`describe()`, "low"/"high") or runs (a model's scores), not samples
_NOT_FEATURE_COLUMNS = frozenset(
    {
        *("min", "max", "mean", "std", "sd", "median", "count", "minimum", "maximum", "average"),
        *("low", "high", "lower", "upper", "start", "end", "from", "to", "range"),
        *("accuracy", "acc", "f1", "loss", "val_loss", "val_acc", "precision", "recall", "auc", "score"),
        *("rmse", "mse", "mae", "r2", "lr", "learning rate", "epoch", "epochs"),
    }
)
_GROUPED_THOUSANDS = patterns.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def _cell_number(cell: str) -> float | None:
    """A table cell's number, as people print them: "8,027", "168,567,000", "10.20%"."""
    cell = cell.removesuffix("%")
    return _code_number(cell.replace(",", "") if _GROUPED_THOUSANDS.fullmatch(cell) else cell)


def _labelled_rows(lines: list[tuple[int, str]], index: int) -> tuple[list[str], list[list[float]], int] | None:
    """A table whose first column names each row ("A", "Tokyo") under a header whose names may hold spaces,
    with thousands grouped by commas and percentages in its cells: the header without the row names' column,
    the rows' numbers, and the line after the last row."""
    if index + 2 >= len(lines):
        return None
    first = lines[index + 1][1].split()
    if len(first) < 3 or _cell_number(first[0]) is not None or None in map(_cell_number, first[1:]):
        return None
    header = patterns.split(r"\s{2,}|\t", lines[index][1].strip())
    if len(header) != len(first):
        header = lines[index][1].split()
    if len(header) != len(first) or not all(_SPACED_NAME.fullmatch(name) for name in header):
        return None
    if {name.lower() for name in header} & _NOT_FEATURE_COLUMNS:
        return None  # one feature per row with its min and max, or one run per row with its scores: not data
    rows, end = [], index + 1
    while end < len(lines):
        cells = lines[end][1].split()
        values = [_cell_number(cell) for cell in cells[1:]]
        if len(cells) != len(header) or _cell_number(cells[0]) is not None or None in values:
            break
        rows.append(values)
        end += 1
    if len(rows) < 2:
        return None
    return header[1:], [[float(value) for value in row if value is not None] for row in rows], end


def _read_text_tables(text: str, code: _Code) -> None:
    """A pasted `df.head()`, CSV or Markdown table: a header of names, then rows of numbers.

    Rows of numbers without a header take their names from a list of as many names written just above
    ("rows look like this (sqft, bedrooms, age, price):"). A column the prose says is predicted, or a last
    column named like a price, is the target, not a feature.
    """
    if text.count("\n") < 2:
        return
    lines = _lines(text)
    predicted = {(named or target).lower() for named, target in _PREDICTED.findall(text)}  # once for many tables
    response_last = bool(_RESPONSE_LAST.search(text))
    inputs_first = _inputs_first(text)  # "the first three columns are inputs": bare rows, the rest predicted
    built = _built_from_terms(text)
    headers_read: list[list[str]] = []
    index = 0
    while index < len(lines) - 2:
        piped = _piped_header(lines[index][1])  # "age  height | target: weight": one bar, the target after it
        labelled = None if piped else _labelled_rows(lines, index)
        header = piped[0] if piped else labelled[0] if labelled else _cells(lines[index][1])
        named = (
            piped is not None
            or labelled is not None
            or (len(header) >= 2 and all(_TABLE_NAME.fullmatch(cell) for cell in header))
        )
        first_row = index + 1
        if not named:
            header = _names_written_above(lines, index)  # the rows start on the next line, as under a header
            if header is None and _FEATURE_MATRIX_ABOVE.fullmatch(lines[index][1]):
                header = _unnamed_columns(lines, index + 1)  # "X_train (7 rows, 12 columns):", then bare rows
            if header is None and inputs_first:
                header = _unnamed_columns(lines, index)
                header = header if header is not None and inputs_first < len(header) else None
                first_row = index
            if header is None and response_last:
                header = _unnamed_columns(lines, index)  # bare rows from this line on, the last the response
                first_row = index
                # once: a later block of bare rows is the points to predict ("and the points I predict on are")
                response_last = header is None
            if header is None:
                index += 1
                continue
        dated = not labelled and bool(header) and _DATE_COLUMN.fullmatch(header[0].lower()) is not None
        said_targets = piped[1] if piped else [False] * len(header)
        if dated:
            header, said_targets = header[1:], said_targets[1:]
        rows, end = labelled[1:] if labelled else ([], first_row)
        while not labelled and end < len(lines):
            cells = _piped_cells(lines[end][1]) if piped else _cells(lines[end][1])
            if cells and all(patterns.fullmatch(r":?-{3,}:?", cell) for cell in cells):
                end += 1  # the Markdown separator row
                continue
            if cells and all(cell in ("...", "…") for cell in cells):
                end += 1  # "...  | ...  | ...": rows left out of the paste; the table goes on below
                continue
            if len(cells) == len(header) + 1 and patterns.fullmatch(r"\d+|[A-Za-z_]{1,20}[_#.-]?\d{1,6}", cells[0]):
                cells = cells[1:]  # the index pandas prints before each row, or a row's numbered label ("Obs_1")
            elif len(cells) == len(header) + 2 and patterns.fullmatch(r"[A-Za-z]{1,20} \d{1,6}", " ".join(cells[:2])):
                cells = cells[2:]  # a numbered label written in two words: "Sample 1", "Obs 2"
            if dated and len(cells) == len(header) + 1 and _DATE_CELL.fullmatch(cells[0]):
                cells = cells[1:]  # the row's date or time: when it was measured, not a feature
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
        bare = first_row == index  # rows without names: the post said the last column is the response
        if bare and inputs_first and inputs_first < len(header):  # … or that only the first columns are inputs
            is_target = [column >= inputs_first for column in range(len(header))]
        elif bare:
            is_target = [False] * (len(header) - 1) + [True]
        else:
            is_target = [said or named for said, named in zip(said_targets, _target_columns(header, predicted, built))]
        features = [(name, column) for name, column, target in zip(header, columns, is_target) if not target]
        targets = [column for column, target in zip(columns, is_target) if target]
        again = not bare and header in headers_read  # `head(df)`, then `head(scaled)`: the same features, shown again
        headers_read.append(header)
        for name, column in [] if again else features:
            _keep(code, NamedRange(min(column), max(column), name, start, stop, "list"))  # type: ignore[type-var, arg-type]
        if code.table is None and features and len(rows) <= MAX_TABLE_ROWS:
            target = targets[0] if targets else None
            target_name = next((name for name, target in zip(header, is_target) if target), None)
            code.table = DataTable(
                tuple(column for _, column in features),
                tuple(name for name, _ in features),
                target,
                target_name,  # type: ignore[arg-type]
            )
        index = end


# "age  height | target: weight": the inputs left of one bar, the target's columns right of it; the right side's
# opening word says when they are all the target
_PIPED_TARGET_SAID = patterns.compile(
    r"^\s*(?:targets?|outputs?|labels?|responses?|y|predicted)\s*[:=]\s*", patterns.IGNORECASE
)
# a number with its unit after it, "65(kg)", "172cm": the number (not "5k", which is 5000); a unit alone in
# brackets, "(kg)", says nothing
_CELL_WITH_UNIT = patterns.compile(
    r"(?P<number>[-+]?\d+(?:\.\d+)?)\s*(?:\([A-Za-z%°/]{1,8}\)|(?P<unit>[A-Za-z]{1,4}))?"
)
_UNIT_ALONE = patterns.compile(r"\([A-Za-z%°/]{1,8}\)")


def _piped_header(line: str) -> tuple[list[str], list[bool]] | None:
    """The names of a header split by one bar, and which are the target: all those right of the bar when its
    side opens with "target:" (or "output:", "label:"), else as the names say (see `_target_columns`)."""
    if line.count("|") != 1:
        return None
    left, right = line.split("|")
    said = _PIPED_TARGET_SAID.match(right)
    inputs, outputs = left.split(), right[said.end() if said else 0 :].split()
    if not inputs or not outputs or not all(_TABLE_NAME.fullmatch(name) for name in inputs + outputs):
        return None
    if {name.lower() for name in inputs + outputs} & _NOT_FEATURE_COLUMNS:
        return None  # "epoch | loss": a training log, not data
    return inputs + outputs, [False] * len(inputs) + [said is not None] * len(outputs)


def _piped_cells(line: str) -> list[str]:
    """A row under a piped header: its cells either side of the bar, units left out ("65(kg)" is 65)."""
    if line.count("|") != 1:
        return []
    cells = []
    for cell in line.replace("|", " ").split():
        if _UNIT_ALONE.fullmatch(cell) and cells:
            continue
        with_unit = _CELL_WITH_UNIT.fullmatch(cell)
        unit_known = with_unit is not None and (with_unit["unit"] is None or with_unit["unit"].lower() in _UNIT_WORDS)
        cells.append(with_unit["number"] if with_unit and unit_known else cell)
    return cells


# A line that names the feature matrix printed below it: "X_train (7 rows, 12 columns):", "inputs ="
_FEATURE_MATRIX_ABOVE = patterns.compile(
    r"\s*(?:x|x_?train|x_?test|train_?x|inputs?|features?)\b[^:=\n]{0,40}[:=]\s*", patterns.IGNORECASE
)
_DATE_COLUMN = patterns.compile(r"date|time|timestamp|datetime|day|hour|month|year_month")
_DATE_CELL = patterns.compile(
    r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}:\d{2}(?::\d{2})?"
)


def _names_written_above(lines: list[tuple[int, str]], index: int) -> list[str] | None:
    """The names for rows of bare numbers starting at line `index + 1`: the last "(a, b, c)" or "a, b, c:" list
    on line `index`, when it names as many columns as the first row has numbers."""
    if index + 1 >= len(lines):
        return None
    first_row = _cells(lines[index + 1][1])
    if len(first_row) < 2 or any(_code_number(cell) is None for cell in first_row):
        return None
    # "(a, b, c)", "a, b, c:" or, quoted, 'Columns 1-3 are "year, revenue, cost"'
    listed = patterns.findall(r"\(([^()]{3,400})\)|([\w\s,]{3,400}):\s*$|\"([^\"\n]{1,400})\"", lines[index][1])
    if not listed:
        return None
    names = [name.strip() for name in (listed[-1][0] or listed[-1][1] or listed[-1][2]).split(",")]
    if len(names) != len(first_row):  # "columns 1-3 (year, revenue, cost) … column 4 (profit)": every list, in order
        names = [name.strip() for group in listed if group[0] or group[2] for name in (group[0] or group[2]).split(",")]
    if len(names) != len(first_row) or not all(_TABLE_NAME.fullmatch(name) for name in names):
        return None
    return names


_INPUTS_FIRST = patterns.compile(
    r"\bfirst\s+(?P<count>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:columns?|values?|numbers?)"
    r"\s+(?:\([^()\n]{0,80}\)\s+)?(?:are|being|=)\s+(?:the\s+|my\s+)?(?:inputs?|features?|predictors?|x)\b",
    patterns.IGNORECASE,
)
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _inputs_first(text: str) -> int:
    """How many leading columns of bare rows are the inputs ("first three columns are inputs"), 0 if not said."""
    match = _INPUTS_FIRST.search(text)
    if match is None:
        return 0
    count = match["count"].lower()
    return int(count) if count.isdigit() else _COUNT_WORDS[count]


# "two inputs and the response", "the last column is the label": rows of bare numbers end with what is predicted
_RESPONSE_LAST = patterns.compile(
    r"\b(?:inputs?|features?|predictors?|x(?:'s|s)?)\s+(?:and|plus|,)\s+(?:the\s+|a\s+|one\s+)?"
    r"(?:responses?|targets?|outputs?|labels?|y)\b"
    r"|\blast\s+(?:column|value|number)\s+(?:is|being|=)\s+(?:the\s+)?(?:responses?|targets?|outputs?|labels?|y)\b",
    patterns.IGNORECASE,
)


def _unnamed_columns(lines: list[tuple[int, str]], index: int) -> list[str] | None:
    """Names for rows of bare numbers starting at line `index` (at least three rows alike): column 1, 2, …"""
    if index + 2 >= len(lines):
        return None
    widths = set()
    for _, line in lines[index : index + 3]:
        cells = _cells(line)
        if len(cells) < 2 or any(_code_number(cell) is None for cell in cells):
            return None
        widths.add(len(cells))
    if len(widths) != 1:
        return None
    return [f"column {number}" for number in range(1, widths.pop() + 1)]


# "predict the price", "predict column 4 (profit)", "to predict is the measured windspeed"
_PREDICTED = patterns.compile(
    r"\bpredict(?:s|ing|ed)?\s+(?:(?:is|are)\s+)?(?:the\s+|its\s+|their\s+)?(?:measured\s+|observed\s+|actual\s+)?"
    r"(?:column\s+\d+\s*(?:\(|,?\s*\")\s*)?(\w+)"  # "predict column 4 (profit)", 'predict column 4, "profit"'
    r"|\b(\w+)\s+(?:score\s+|value\s+|column\s+)?as\s+(?:the\s+)?(?:target|label|response|output)\b",  # "final score as target"
    patterns.IGNORECASE,
)
_PRICE_LIKE = patterns.compile(r"(?:sale_?)?prices?|salar(?:y|ies)|rent|charges|medv|revenue|sales")


def _target_columns(header: list[str], predicted: set[str], built: dict[str, set[str]] | None = None) -> list[bool]:
    """Which columns are the target: named like one (y, target, label), or one the post says it predicts,
    or one it builds from the others ("I built c as 3a + 4b + 5"), or a last column named like a price
    (house rows: size, bedrooms, price)."""
    lowered = [name.lower() for name in header]
    built = built or {}
    marked = [
        bool(TARGET_NAME.fullmatch(name)) or name in predicted or bool(built.get(name, set()) & (set(lowered) - {name}))
        for name in lowered
    ]
    if not any(marked) and _PRICE_LIKE.fullmatch(lowered[-1]):
        marked[-1] = True
    return marked


_DEFINITION = patterns.compile(  # "c = 3a + 4b + 5", "z as 2*x - y": a name, then arithmetic of names and numbers
    r"(?i)(?:^|[^\w.])([a-z_]\w{0,39})\s*(?::=|=|\bas\b|\bis\b)\s*([-+*/().\w ]{3,80})"
)


def _built_from_terms(text: str) -> dict[str, set[str]]:
    """Each name the post writes as arithmetic (an operator in it), with the names that arithmetic uses.
    One pass over the message, shared by all its tables."""
    built: dict[str, set[str]] = {}
    for name, expression in _DEFINITION.findall(text):
        if patterns.search(r"[-+*/]", expression):
            terms = patterns.findall(r"[a-z_]\w*", patterns.sub(r"\d+(?:\.\d+)?", " ", expression.lower()))
            built.setdefault(name.lower(), set()).update(terms)
    return built


_RECORD = patterns.compile(r"\{([^{}\n]{1,600})\}")  # an innermost pair of braces on one line
_KEY_VALUE = patterns.compile(r"['\"]?([A-Za-z_]\w{0,39})['\"]?\s*:\s*(\[[^\[\]]{0,200}\]|[-+]?[\d.][\w.+-]*)")
_KEY = patterns.compile(r"['\"]?[A-Za-z_]\w{0,39}['\"]?\s*:")
_OUTPUT_KEY = patterns.compile(r"\b(?:output|target|label|y)\s*['\"]?\s*:\s*$", patterns.IGNORECASE)
# keys of a training log or a parameter grid, not of data: `{'loss': 2.3, 'epoch': 0.5}`, `{'C': 1, 'gamma': 0.1}`
_LOG_KEY = patterns.compile(
    r"(?:loss|\w*_loss|error|err|acc\w*|epochs?|iter\w*|steps?|lr|learning_rate|grad_norm|runtime|time\w*)",
    patterns.IGNORECASE,
)
_GRID_BEFORE = patterns.compile(
    r"(?:grid|params?|parameters|config\w*|search\w*)\w*\s*[=:]\s*\[?\s*$", patterns.IGNORECASE
)


def _read_records(text: str, code: _Code) -> None:
    """Rows pasted as objects: `{ goals: 1.8, odds: 2.694 }` per line, brain.js's `{ input: [1], output: [2] }`
    or `{ input: { rooms: 3, sqft: 1421 }, … }`, and C-style `{540, 131, 48}` rows. Each key (or position)
    seen in at least two rows becomes a feature with its smallest and largest value; outputs are left out."""
    if "{" not in text:
        return
    rows: list[tuple[int, int, dict[str, float]]] = []
    grid_until = -1
    for match in _RECORD.finditer(text):
        line_start = text.rfind("\n", max(0, match.start() - 20), match.start()) + 1
        if _OUTPUT_KEY.search(text[max(line_start, match.start() - 20) : match.start()]):
            continue  # `output: { cost: 1692 }`: the target
        if _GRID_BEFORE.search(text[max(0, match.start() - 30) : match.start()]):
            grid_until = text.find("]", match.start())  # `param_grid = [{'C': 1}, {'C': 10}]`: settings, not rows
            grid_until = len(text) if grid_until < 0 else grid_until
        if match.start() < grid_until:
            continue
        row = _record_values(match[1])
        if row:
            rows.append((match.start(), match.end(), row))
    groups: list[list[tuple[int, int, dict[str, float]]]] = []
    for row in rows:
        if groups and set(groups[-1][-1][2]) == set(row[2]) and _next_row(text[groups[-1][-1][1] : row[0]]):
            groups[-1].append(row)
        else:
            groups.append([row])
    for group in groups:
        if len(group) < 2:
            continue
        start, stop = group[0][0], group[-1][1]
        code.claimed.append((start, stop))
        if any(_TREE_DUMP_KEY.fullmatch(key) for key in group[0][2]):
            continue  # xgboost's `{ "nodeid": 7, "leaf": -0.0022 }`: a fitted tree's nodes, not rows of data
        for key in group[0][2]:
            values = [row[key] for _, _, row in group]
            if min(values) < max(values):
                name = None if key.startswith(("#", "input")) else key
                code.ranges.append(NamedRange(min(values), max(values), name, start, stop, "list"))


_LABEL_KEY = patterns.compile(r"\b(?:label|class|target|category)\s*['\"]?\s*:", patterns.IGNORECASE)
_TREE_DUMP_KEY = patterns.compile(r"node_?id|split_index|leaf_index", patterns.IGNORECASE)  # xgboost, LightGBM


def _next_row(gap: str) -> bool:
    """Whether two records are rows of one list: only punctuation, keys and the skipped outputs between them."""
    return len(gap) <= 160 and gap.count("\n") <= 1 and not patterns.search(r"[A-Za-z]", _KEY.sub("", gap))


def _record_values(body: str) -> dict[str, float]:
    """One record's numbers by key: named values, the items of an `input: [...]` list, or bare numbers by position."""
    pairs = _KEY_VALUE.findall(body)
    if pairs:
        found: dict[str, float] = {}
        # a row that carries its label (`{ h: 6, w: 180, label: "adult" }`) is data: its `w` is a column, not weights
        labelled = _LABEL_KEY.search(body) is not None
        for key, value in pairs:
            if (
                key.lower() in ("output", "target", "label", "y")
                or _LOG_KEY.fullmatch(key)
                or (_NOT_DATA_NAME.search(key) and not labelled)
            ):
                continue
            if value.startswith("["):
                items = [_code_number(item) for item in value[1:-1].split(",") if item.strip()]
                if items and all(item is not None for item in items):
                    found.update({f"{key}{index}": item for index, item in enumerate(items)})  # type: ignore[misc]
                continue
            number = _code_number(value)
            if number is not None:
                found[key] = number
        return found
    cells = [cell for cell in body.split(",") if cell.strip()]
    numbers = [_code_number(cell) for cell in cells]
    if len(numbers) >= 2 and all(number is not None for number in numbers):
        return {f"#{index}": number for index, number in enumerate(numbers)}  # type: ignore[misc]
    return {}


_GLIMPSE_ROW = patterns.compile(  # R's glimpse(): "$ blue_gold_15   <dbl> 23.641, 24.707, 22.736"
    rf"^[ \t]*(?:#>?[ \t]*)?\$[ \t]+(?P<name>[A-Za-z_.][\w.]{{0,39}})[ \t]+<\w{{2,5}}>[ \t]+"
    rf"(?P<values>{_PLAIN_NUMBER}(?:,[ \t]*{_PLAIN_NUMBER})+)",
    patterns.MULTILINE,
)


def _read_glimpse(text: str, code: _Code) -> None:
    """R's `glimpse(df)`: a column a line, its first values after its type; the target (y, …) is not a feature."""
    for match in _GLIMPSE_ROW.finditer(text):
        values = [float(value) for value in patterns.findall(_PLAIN_NUMBER, match["values"])]
        code.claimed.append(match.span())
        if TARGET_NAME.fullmatch(match["name"].lower()) or min(values) == max(values):
            continue
        code.ranges.append(NamedRange(min(values), max(values), match["name"], match.start(), match.end(), "list"))


_VALUE_LINE = (
    patterns.compile(  # "Variable1 >> 500 510 490 ...", "height: 150, 162, 171": a column's values on its line
        rf"^[ \t]*(?P<name>[A-Za-z_][\w.]{{0,39}})[ \t]*(?:>>|->|→|=>|:|=)[ \t]*\[?[ \t]*"
        rf"(?P<values>{_PLAIN_NUMBER}(?:(?:[ \t]*,[ \t]*|[ \t]+){_PLAIN_NUMBER}){{2,}})"
        r"[ \t]*\]?(?:[ \t,]*(?:\.\.\.|…))?[ \t]*$",
        patterns.MULTILINE,
    )
)


def _read_value_lines(text: str, code: _Code) -> None:
    """A column's values on a line of their own after its name: each line a feature with its smallest and largest
    value. What a script prints (losses, accuracies), settings and the target are not features."""
    for match in _VALUE_LINE.finditer(text):
        if any(start <= match.start("values") < end for start, end in code.claimed[-50:]):
            continue
        name = match["name"]
        if _PRINTED_RESULT.fullmatch(name.lower()) or _LOG_KEY.fullmatch(name) or _list_role(name, "") != "feature":
            continue
        values = [float(value) for value in patterns.findall(_PLAIN_NUMBER, match["values"])]
        code.claimed.append(match.span())
        label = None if name.lower() in _GENERIC_VARIABLES else name
        _keep(code, NamedRange(min(values), max(values), label, match.start(), match.end(), "list"))


# libsvm's `svm-scale -s` range file: an "x" line, the target interval's "lower upper", then "index min max" a feature
# a line (a "y" section, when present, scales the target and is not read)
_SVM_SCALE_RANGES = patterns.compile(
    rf"^[ \t]*x[ \t]*\n[ \t]*{_PLAIN_NUMBER}[ \t]+{_PLAIN_NUMBER}[ \t]*\n"
    rf"(?P<rows>(?:[ \t]*\d{{1,6}}[ \t]+{_PLAIN_NUMBER}[ \t]+{_PLAIN_NUMBER}[ \t]*(?:\n|$))+)",
    patterns.MULTILINE,
)
_SVM_SCALE_ROW = patterns.compile(rf"(?P<index>\d+)[ \t]+(?P<low>{_PLAIN_NUMBER})[ \t]+(?P<high>{_PLAIN_NUMBER})")


def _read_svm_scale_ranges(text: str, code: _Code) -> None:
    """A pasted `svm-scale` range file: each feature's stored minimum and maximum, by its index."""
    for match in _SVM_SCALE_RANGES.finditer(text):
        code.claimed.append(match.span())
        for row in itertools.islice(_SVM_SCALE_ROW.finditer(match["rows"]), MAX_RANGES):
            low, high = float(row["low"]), float(row["high"])
            if low <= high and math.isfinite(low) and math.isfinite(high):
                _keep(code, NamedRange(low, high, f"feature {row['index']}", match.start(), match.end(), "describe"))


def _read_min_max_series(text: str, code: _Code) -> None:
    """`print(df.min())` and `print(df.max())` printouts: "name value" lines above a "dtype: …" line."""
    if "dtype:" not in text:
        return
    series: dict[str, list[tuple[str, float]]] = {}
    spans = []
    lines = _lines(text)
    floor = 0  # a printout ends at its "dtype:" line: the next one is read upwards to there, so each line once
    for index, (start, line) in enumerate(lines):
        if not line.lstrip().startswith("dtype:"):
            continue
        values: list[tuple[str, float]] = []
        top = index - 1
        while top >= floor and len(tokens := lines[top][1].split()) >= 2:
            value = _code_number(tokens[-1])
            if value is None:
                break
            values.append((" ".join(tokens[:-1]), value))
            top -= 1
        floor = index + 1
        values.reverse()
        label = lines[top][1] if top >= 0 else ""
        kind = "min" if patterns.search(r"\bmin\b", label) else "max" if patterns.search(r"\bmax\b", label) else None
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
        if high is not None:
            _keep(code, NamedRange(low, high, name[:40], start, end, "describe"))
