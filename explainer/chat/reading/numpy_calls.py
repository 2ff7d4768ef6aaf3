"""NumPy and torch calls in pasted code: the range, or the distribution, that each call draws from.

`np.random.randint(5, 500, 2000)` is 5 to 500 (its size, 2000, is the sample count, never a range end),
R's `runif(300, 7, 21)` 7 to 21, `sample(1:25000, 300)` 1 to 25000 and `seq(1, 500, len = 50)` 1 to 500,
`uniform(0, 1)`, `rand(n)`, `arange(0, 1, 0.1)` (ends at 0.9), `linspace`, `logspace`, with the factors
and shifts written around the call (`1000 * np.random.rand(n) + 5`) and per-column bounds
(`uniform([0, 0], [1, 1000])`). `normal(μ, σ, n)` and `randn` are a `Distribution`, not a range. Other
calls are only claimed, so the prose reader skips their arguments; "age(18-90)" stays prose. Kept apart
because reading a call's arguments is its own small grammar.
"""

from __future__ import annotations

import math
from dataclasses import replace

from explainer.chat.reading.pasted import (
    _ASSIGNED,
    _CODE_NUMBER,
    TARGET_NAME,
    Distribution,
    _Code,
    _code_number,
    _list_columns,
)
from explainer.chat.reading.ranges import _GENERIC_VARIABLES, MAX_RANGES, NamedRange
from explainer.text import patterns

_CALL = patterns.compile(r"\b(?P<function>[A-Za-z_]\w*)\(")
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
        "runif",
        "rnorm",
        "sample",
        "seq",
    )
)
_NUMPY_RANDOM = ("np.random.", "numpy.random.")
_R_SEQUENCE = patterns.compile(r"\s*(?P<low>-?\d+(?:\.\d+)?)\s*:\s*(?P<high>-?\d+(?:\.\d+)?)\s*")
_PROSE_RANGE = patterns.compile(
    r"\s*[-+]?[$€£]?[\d.,]+\s*[a-zA-Z%]{0,3}\s*(?:-|–|—|to|~)\s*[-+]?[$€£]?[\d.,]+\s*[a-zA-Z%]{0,3}\s*"
)
_GLUED_RANGE = patterns.compile(r"^[^,]*\d\s*[a-zA-Z%]{0,3}\s*(?:-|–|—|to|~)\s*[-+$€£]?\d[^,]*$")
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
# a draw named as noise or error (`noise`, `eps`, `errorData`, `err_train`): what is added to the target
# a model's parameters drawn at random, not data: `theta = np.random.randn(3)`, `true_coef <- runif(p)`
_PARAMETER_NAME = patterns.compile(
    r"(?:true_?|init_?|initial_?)?(?:theta|thetas|betas?|coefs?|coefficients?|weights?|bias(?:es)?|params?)\w*",
    patterns.IGNORECASE,
)
_NOISE_NAME = patterns.compile(
    r"(?:noise|eps|epsilon|err|error)(?:_?(?:data|terms?|vec\w*|train|test|values?|\d+))?"
    r"|errors_?(?:data|terms?|vec\w*|values?|\d+)|\w*_(?:noise|errors?|err)",
    patterns.IGNORECASE,
)
# `ys = 5 * xs + 3 + np.random.random(100)`: a term of the target's own expression, its noise, not a feature
_TARGET_EXPRESSION_BEFORE = patterns.compile(r"(?:^|[\n;])\s*(?P<name>[A-Za-z_]\w*)\s*=(?P<expression>[^=\n;][^\n;]*)$")
_CALL_PREFIX = patterns.compile(r"(?:[A-Za-z_]\w*(?:\(\))?\s*\.\s*){1,4}$")
_FACTOR_BEFORE = patterns.compile(rf"(?P<number>{_CODE_NUMBER.pattern})\s*\*\s*$")
# `* 2 + 3` after a call: each number may be followed only by `+` or `-` (`2 * y` binds tighter), and the last by
# no word, dot, `*`, `/` or `(`. That context is matched after `operations`, as RE2 has no lookahead.
_SHIFT_AFTER = patterns.compile(
    r"(?P<casts>(?:\s*\.\s*(?:float|double|long|astype|reshape|view|numpy|round|squeeze|flatten|T)\b"
    r"(?:\([^()\n]{0,40}\))?)*)"
    rf"(?:(?P<operations>\s*[*/+-]\s*{_CODE_NUMBER.pattern}(?:\s*[+-]\s*{_CODE_NUMBER.pattern})*)"
    r"(?:$|[^\w.\s*/(]|\s+(?:$|[^\s*/(])))?"
)
# `np.random.rand(64, 3) * np.array([1, 100, 1000])`: one factor per column, written as a list or an array
_COLUMN_FACTORS_AFTER = patterns.compile(
    r"\s*\*\s*(?:(?:np|numpy|torch)\s*\.\s*(?:array|asarray|tensor|Tensor|as_tensor)\s*)?\(?\s*\[\s*\[?"
    r"(?P<factors>[^\[\]\n]{1,400})\]\s*\]?"
)
# what may close a wrapped list of factors: `)`, or `, dtype=torch.float32)` first
_FACTORS_CALL_END = patterns.compile(r"(?:\s*,\s*\w+\s*=\s*[\w.]+)*\s*\)")
_COMPARED_AFTER = patterns.compile(r"\s*(?:[<>]|[=!]=)")
# after the factors, anything but `+ 5` or the statement's end changes the columns: `/ 2`, `** 2`, `@ W`, `[::-1]`, `> 0.5`
_MORE_ARITHMETIC_AFTER = patterns.compile(r"\s*[*/@\[.(<>=!%]")
_SHIFTS_AFTER_FACTORS = patterns.compile(
    rf"(?P<operations>(?:\s*[+-]\s*{_CODE_NUMBER.pattern})+)(?:$|[^\w.\s*/(\[]|\s+(?:$|[^\s*/(\[]))"
)
# draws whose size gives rows and columns: `rand(64, 3)`, `random((500, 2))`, `uniform(0, 1, size=(100, 4))`
_COLUMNS_FROM_SIZE = frozenset(("rand", "random", "random_sample", "uniform", "randint", "integers"))
_MIN_MAX_FORMULA = patterns.compile(
    r"\(\s*(?:[A-Za-z_][\w.]{0,30}\s*\(\s*[A-Za-z_][\w.]{0,30}\s*\)|[A-Za-z_][\w.]{0,30})(?:\s*\[[^\[\]\n]{0,20}\])?"
    rf"\s*-\s*(?P<low>{_CODE_NUMBER.pattern})\s*\)\s*/\s*\(\s*(?P<high>{_CODE_NUMBER.pattern})\s*-\s*"
    rf"(?P<again>{_CODE_NUMBER.pattern})\s*\)"
)
_VARIABLE_BEFORE = patterns.compile(r"(?:^|[\n;])\s*(?P<variable>[A-Za-z_]\w*)\s*=\s*$")
# `X[:, 1] *= 1000`, `X[:, 1] = X[:, 1] * 1000`, `X[:, -1] += 50`: one column of a drawn matrix changed
_COLUMN_EDIT = patterns.compile(
    r"\b(?P<variable>[A-Za-z_]\w*)\s*\[\s*:\s*,\s*(?P<column>-?\d{1,2})\s*\]\s*"
    r"(?:(?P<operator>[*/+-])=|=\s*(?P<repeated>[A-Za-z_]\w*)\s*\[\s*:\s*,\s*(?P<again>-?\d{1,2})\s*\]\s*(?P<operator2>[*/+-]))"
    rf"\s*(?P<number>{_CODE_NUMBER.pattern})(?:\s*$|\s*[\n;#])"
)
_MOST_DRAWN_COLUMNS = 20  # `rand(100, 300)` is an image or a weight matrix, not a few features to read one by one
# columns drawn alike and left alike are read one by one only when few: `rand(500, 20)` beside a post's real
# features is a toy, and twenty equal ranges would crowd the real ones out of the explanation
_MOST_EQUAL_COLUMNS = 5
_RESHAPE = patterns.compile(r"\s*\.\s*reshape\(\s*\(?\s*(?P<rows>-1|\d+)\s*,\s*(?P<columns>\d+)\s*\)?\s*\)")


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
        keyword = patterns.fullmatch(r"\s*([A-Za-z_]\w*)\s*=((?:[^=].*)?)", part, patterns.DOTALL)  # not "=="
        if keyword:
            keywords[keyword[1]] = keyword[2].strip()
        elif part.strip():
            positional.append(part.strip())
    return positional, keywords


# "-pi", "2*np.pi", "math.pi / 2": an argument written as a multiple of π (R's and NumPy's spellings)
_PI_ARGUMENT = patterns.compile(
    r"\s*(?P<sign>[-+])?\s*(?:(?P<factor>\d+(?:\.\d+)?)\s*\*\s*)?(?:np\.|numpy\.|math\.|torch\.)?pi"
    r"(?:\s*/\s*(?P<divisor>\d+(?:\.\d+)?))?\s*"
)


def _argument_value(text: str) -> float | None:
    """A number, or a multiple of π, as an argument is written in code."""
    number = _code_number(text)
    if number is not None:
        return number
    written = _PI_ARGUMENT.fullmatch(text)
    if written is None:
        return None
    value = float(written["factor"] or 1.0) * math.pi / float(written["divisor"] or 1.0)
    return round(-value if written["sign"] == "-" else value, 4) if value > 0 else None


def _argument(positional: list[str], keywords: dict[str, str], index: int, *names: str) -> float | None:
    for name in names:
        if name in keywords:
            return _argument_value(keywords[name])
    return _argument_value(positional[index]) if index < len(positional) else None


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
    get_text = lambda index, name: keywords.get(name) or (positional[index] if index < len(positional) else None)  # noqa: E731
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
    if function == "random" and len(positional) == 2 and all(_code_number(item) is not None for item in positional):
        return _pair(get(0, "low"), get(1, "high")), None, None  # p5.js and JavaScript helpers: random(min, max)
    if function in ("rand", "random", "random_sample"):
        return (0.0, 1.0), None, _first_size(size_text or (positional[0] if positional else None))
    if function == "normal":
        mean, std = get(0, "loc", "mean"), get(1, "scale", "std")
        size_text = size_text or (positional[2] if len(positional) > 2 else None)
        return None, (0.0 if mean is None else mean, 1.0 if std is None else std), _first_size(size_text)
    if function in ("randn", "standard_normal"):
        return None, (0.0, 1.0), _first_size(size_text or (positional[0] if positional else None))
    if function == "runif":  # R: runif(n, min = 0, max = 1)
        low, high = get(1, "min"), get(2, "max")
        return _pair(0.0 if low is None else low, 1.0 if high is None else high), None, _first_size(get_text(0, "n"))
    if function == "rnorm":  # R: rnorm(n, mean = 0, sd = 1)
        mean, std = get(1, "mean"), get(2, "sd")
        return None, (0.0 if mean is None else mean, 1.0 if std is None else std), _first_size(get_text(0, "n"))
    if function == "sample":  # R: sample(1:25000, 300, replace = TRUE); Python's random.sample(list, k) reads nothing
        sequence = _R_SEQUENCE.fullmatch(positional[0]) if positional else None
        if sequence is None:
            return None, None, None
        size = _first_size(get_text(1, "size"))
        return _pair(_code_number(sequence["low"]), _code_number(sequence["high"])), None, size
    if function == "seq":  # R: seq(from, to, by = ): both ends when no step is given, else the last value reached
        low, high = get(0, "from"), get(1, "to")
        step = get(2, "by") if "by" in keywords or (len(positional) > 2 and not keywords) else None
        steps = (high - low) / step if low is not None and high is not None and step else None
        if steps is not None and math.isfinite(steps) and 1 <= steps <= 1e12:
            high = float(f"{low + math.floor(steps + 1e-9) * step:.12g}")  # seq(0, 1, by = 0.3) ends at 0.9
        return _pair(low, high), None, None
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
    """Each call's arguments are read only when no other call is nested in them: a call around calls
    (`f(g(h(…)))`) is code whose numbers are not literal, and reading every level again would cost the
    square of the nesting."""
    calls = list(_CALL.finditer(text))
    for index, match in enumerate(calls):
        opening = match.end() - 1
        closing = pairs.get(opening)
        if closing is None:
            continue
        nested = index + 1 < len(calls) and calls[index + 1].start() < closing
        arguments = "" if nested else text[opening + 1 : closing]
        function = match["function"]
        if function == "sample" and text[max(0, match.start() - 13) : match.start()].endswith(_NUMPY_RANDOM):
            function = "random_sample"  # NumPy's alias, uniform on 0 to 1; R's sample() and Python's are read apart
        if not nested and _prose_call(text, match, arguments):
            continue  # "age(18-90)", "income(USD 0-1M)": prose glued to a bracket, read as prose
        code.claimed.append((match.start(), closing + 1))
        if function not in _RANDOM_FUNCTIONS or nested or _in_target_expression(text, match.start()):
            continue
        if function == "seq" and patterns.search(r"\bin\s*$", text[max(0, match.start() - 12) : match.start()]):
            continue  # R's loop, "for (k in seq(1, 20))": a count, not data
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
        if name is not None and _NOISE_NAME.fullmatch(name):
            code.claimed.append((start, end))  # `errorData = np.random.normal(0, 1, n)`: the target's noise
            continue
        if name is not None and (_PARAMETER_NAME.fullmatch(name) or _multiplies_data(text, name)):
            code.claimed.append((start, end))  # `b <- runif(p)` then `y <- X %*% b`: coefficients, not a feature
            continue
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
            for operator, number in patterns.findall(
                rf"([*/+-])\s*({_CODE_NUMBER.pattern})", shifts["operations"] or ""
            ):
                low, high = _scaled(low, high, operator, number)
            end += shifts.end("operations") if shifts["operations"] is not None else shifts.end("casts")
        columns = _reshaped(low, high, arguments, text[closing + 1 : closing + 60]) if function == "arange" else None
        columns = _vector_bounds(arguments) if function in ("uniform", "U") else columns
        if columns is None:
            scaled_once = bool(shifts and shifts["operations"])  # `rand(64, 3) * 10`: one factor for every column
            columns, taken = _factored_columns(
                low, high, _drawn_columns(function, arguments), "" if scaled_once else text[end : end + 500]
            )
            end += taken
        code.claimed.append((start, end))
        if columns and name is not None and TARGET_NAME.fullmatch(name.lower()):
            continue  # `y = rand(100, 2) * 1000`: the targets' columns, not features
        first = len(code.ranges)
        for column_low, column_high in columns if columns is not None else [(low, high)]:
            if column_low < column_high and math.isfinite(column_low) and math.isfinite(column_high):
                named = name if columns is None or len(columns) == 1 else None
                code.ranges.append(NamedRange(column_low, column_high, named, start, end, "numpy"))
        variable = _VARIABLE_BEFORE.search(text[max(0, start - 40) : start])
        if columns and variable and len(code.ranges) - first == len(columns):
            code.drawn_columns[variable["variable"]] = tuple(range(first, len(code.ranges)))


def read_min_max_formulas(text: str, code: _Code) -> None:
    """`(double(depth) - 500) / (1200 - 500)`: min-max scaling written out with its constants says the values run
    from 500 to 1200. One pass; the low end must be the same number in both brackets."""
    for formula in _MIN_MAX_FORMULA.finditer(text):
        low, again, high = (_code_number(formula[group]) for group in ("low", "again", "high"))
        if low is None or high is None or low != again or not low < high:
            continue
        code.ranges.append(NamedRange(low, high, None, formula.start(), formula.end(), "numpy"))
        code.claimed.append(formula.span())


def read_column_edits(text: str, code: _Code) -> None:
    """`X[:, 1] *= 1000` or `X[:, 1] = X[:, 1] * 1000` after `X = rand(100, 2)`: that column's range scaled (or
    shifted), as the code does. One pass over the text; an edit of a variable no draw assigned reads nothing."""
    if not code.drawn_columns:
        return
    for edit in _COLUMN_EDIT.finditer(text):
        variable, repeated = edit["variable"], edit["repeated"]
        indices = code.drawn_columns.get(variable)
        if indices is None or (repeated is not None and (repeated != variable or edit["again"] != edit["column"])):
            continue
        column = int(edit["column"])
        if not -len(indices) <= column < len(indices):
            continue
        index = indices[column]
        edited = code.ranges[index]
        low, high = _scaled(edited.low, edited.high, edit["operator"] or edit["operator2"], edit["number"])
        if low < high and math.isfinite(low) and math.isfinite(high):
            code.ranges[index] = replace(edited, low=low, high=high, end=max(edited.end, edit.end()))
            code.claimed.append(edit.span())


def _drawn_columns(function: str, arguments: str) -> int | None:
    """How many columns a draw has, from its shape: `rand(64, 3)` and `uniform(0, 1, (64, 3))` have three."""
    if function not in _COLUMNS_FROM_SIZE:
        return None
    positional, keywords = _arguments(arguments)
    if function == "rand" and "size" not in keywords:
        shape = ", ".join(positional)  # torch.rand(64, 3) and np.random.rand(64, 3) take the shape as arguments
    elif function == "randint" and len(positional) == 2 and positional[1].startswith("("):
        shape = positional[1]  # torch.randint(256, (64, 3))
    else:
        at = {"random": 0, "random_sample": 0}.get(function, 2)
        shape = keywords.get("size") or (positional[at] if len(positional) > at else "")
        if not shape.startswith(("(", "[")):
            return None
    numbers = [_code_number(part) for part in shape.strip("()[] ").split(",") if part.strip()]
    if len(numbers) != 2 or any(number is None or not number.is_integer() for number in numbers):
        return None
    columns = int(numbers[1])
    return columns if 2 <= columns <= _MOST_DRAWN_COLUMNS else None


def _factored_columns(
    low: float, high: float, columns: int | None, after: str
) -> tuple[list[tuple[float, float]] | None, int]:
    """The columns of a draw shaped (rows, columns), each scaled by its own factor when a list of them follows:
    `rand(64, 3) * [1, 10, 100] + 5`. Returns the columns (None: one range; []: none can be told) and how much
    of `after` the factors took. Factors that cannot be read, or more arithmetic after them, leave the columns
    unknown: reporting them as equal would claim the opposite of what the code does."""
    if after and _COMPARED_AFTER.match(after):
        return None, 0  # `rand(64, 5) > 0.5`: a mask, not five features
    factors = _COLUMN_FACTORS_AFTER.match(after)
    if not columns:
        return None, 0  # a 1-D draw times a list broadcasts to one range per item only by accident of shape
    if factors is None:
        equal = [(low, high)] * columns
        return (equal if columns <= _MOST_EQUAL_COLUMNS else None), 0
    parts = factors["factors"].split(",")
    values = [_code_number(part) for part in parts]
    taken = factors.end()
    if factors[0].count("("):  # a wrapped list: `np.array([...])`, `torch.tensor([...], dtype=…)`
        closing = _FACTORS_CALL_END.match(after, taken)
        taken = closing.end() if closing else taken
    if None in values or len(values) != columns or _MORE_ARITHMETIC_AFTER.match(after, taken):
        return [], taken
    scaled = [_scaled(low, high, "*", part.strip()) for part in parts]
    shifts = _SHIFTS_AFTER_FACTORS.match(after[taken : taken + 60])  # `* [1, 10, 100] + 5`
    for operator, number in patterns.findall(
        rf"([+-])\s*({_CODE_NUMBER.pattern})", shifts["operations"] if shifts else ""
    ):
        scaled = [_scaled(column_low, column_high, operator, number) for column_low, column_high in scaled]
    return scaled, taken + (shifts.end("operations") if shifts else 0)


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


def _prose_call(text: str, match: patterns.Match, arguments: str) -> bool:
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
    return min(first, second) + 0.0, max(first, second) + 0.0  # `* -1` on 0 gives 0, not -0


def _multiplies_data(text: str, name: str) -> bool:
    """Whether a drawn vector multiplies a matrix as its coefficients (`X %*% b`, `X @ w`, `X.dot(w)`, `np.dot(X, w)`):
    a single letter names a feature as often as weights ("a" and "b" from 0 to 1 and 1 to 1,000), so only its use says."""
    if not patterns.fullmatch(r"[A-Za-z_]\w{0,30}", name):
        return False
    used = rf"(?:%\*%|@)\s*{name}\b|\.dot\(\s*{name}\s*\)|\bdot\(\s*[A-Za-z_][\w.]*\s*,\s*{name}\s*\)"
    return patterns.search(used, text[:20_000]) is not None


def _in_target_expression(text: str, start: int) -> bool:
    """Whether a call is one term among others of what the target is set to (`ys = 5*xs + 3 + np.random…`)."""
    statement = _TARGET_EXPRESSION_BEFORE.search(text[max(0, start - 120) : start])
    if statement is None or not TARGET_NAME.fullmatch(statement["name"].lower()):
        return False
    terms = patterns.sub(r"[A-Za-z_][\w.]*\s*\.\s*$", "", statement["expression"])  # the call's own `np.random.`
    return bool(patterns.search(r"[\w)]\s*[-+*/]", terms))


def _assigned_name(before: str) -> str | None:
    match = _ASSIGNED.search(before)
    if not match:
        return None
    name = match["column"] or match["key"] or match["variable"]
    if name is None or name.lower() in _GENERIC_VARIABLES:
        return None
    return name.strip()[:40]
