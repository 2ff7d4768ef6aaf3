"""Fuzzing the CSV reader with bytes: a Dataset, or a ScenarioError naming the field; nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from explainer import Dataset, ScenarioError, parse_csv
from tests.fuzz.conftest import FUZZ
from tests.fuzz.strategies import names, number_texts

cells = st.one_of(number_texts, names, st.just('"1,5"'), st.just('"a\nb"'))
line_ends = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\u2028"])
delimiters = st.sampled_from([",", ";", "\t", "|"])


@st.composite
def csv_texts(draw) -> bytes:
    """Rows of cells joined by a delimiter and any line ending, sometimes with a BOM, a huge cell or binary."""
    delimiter, end = draw(delimiters), draw(line_ends)
    width = draw(st.integers(1, 4))
    rows = draw(st.lists(st.lists(cells, min_size=width, max_size=width + 1), min_size=0, max_size=8))
    text = end.join(delimiter.join(row) for row in rows)
    data = text.encode("utf-8", errors="surrogatepass")
    extra = draw(st.sampled_from(["", "bom", "huge", "binary", "latin1"]))
    if extra == "bom":
        data = b"\xef\xbb\xbf" + data
    elif extra == "huge":
        data += b"\n" + b"1" * 140_000 + b",2\n"
    elif extra == "binary":
        data = b"\x00\x01" + data
    elif extra == "latin1":
        data += b"\xe9"
    return data


def check(raw: bytes) -> None:
    try:
        result = parse_csv(raw, None)
    except ScenarioError as error:
        assert error.problems and all(path for path, _ in error.problems), error.problems
        assert all(len(reason) < 400 for _, reason in error.problems)
    else:
        assert isinstance(result, Dataset)


@FUZZ
@given(csv_texts())
def test_any_csv_text_is_a_table_or_a_named_problem(raw):
    check(raw)


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_are_a_table_or_a_named_problem(raw):
    check(raw)
