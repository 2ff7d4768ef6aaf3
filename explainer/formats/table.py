"""A learner's own data from CSV text: numeric columns with a header row, one of them the target.

The file is read as a stream, row by row, and reading stops at the first limit it crosses (bytes,
rows, values, a field's length), so a 1 GB upload costs no more than the first 20 MB of it.
Any line ending is accepted (\\n, \\r\\n, or the old Mac's lone \\r).
"""

from __future__ import annotations

import codecs
import csv
import io
import math
from collections.abc import Iterator
from pathlib import Path

from explainer.formats.files import UnreadableFileError, open_regular
from explainer.scenario.spec import MAX_DATA_VALUES, MAX_FEATURES, MAX_SAMPLES, Dataset, ScenarioError
from explainer.text.echo import printable, shown

MAX_CSV_BYTES = 20_000_000
MAX_FIELD_CHARACTERS = 1000  # one cell; a number never needs more
_CHUNK = 1 << 16


def read_csv_file(path: str | Path, target: str | None, field: str = "csv") -> Dataset:
    """Load a CSV file; every problem is a ScenarioError naming `field` and the reason."""
    file = Path(path)
    try:  # only a regular file (a FIFO or device would block or never end), OS errors as one sentence
        stream = open_regular(file)
    except UnreadableFileError as problem:
        reason = problem.reason.replace("is a folder, not a file", "is a folder, not a CSV file")
        raise ScenarioError.single(field, reason) from None
    with stream:
        try:
            return _parse(_decoded(_chunks(stream), field, printable(file.name)), target, field, printable(file.name))
        except OSError as error:
            raise ScenarioError.single(field, f"cannot be read ({error.strerror}): {printable(str(file))}") from None


def parse_csv(raw: bytes | str, target: str | None, field: str = "csv", source: str = "the file") -> Dataset:
    """Numeric columns with a header row; the target is `target`, or the last column if None."""
    if isinstance(raw, str):
        return _parse(iter([raw]), target, field, source)
    return _parse(_decoded(_chunks(io.BytesIO(raw)), field, source), target, field, source)


def _chunks(stream: io.RawIOBase | io.BufferedIOBase) -> Iterator[bytes]:
    while chunk := stream.read(_CHUNK):
        yield chunk


def _decoded(chunks: Iterator[bytes], field: str, source: str) -> Iterator[str]:
    """UTF-8 text (a BOM dropped), refusing binary data and anything past MAX_CSV_BYTES."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    total = 0
    for chunk in chunks:
        if total == 0 and b"\x00" in chunk[:4096]:
            raise ScenarioError.single(field, f"{source} is not a CSV text file (it contains binary data)")
        total += len(chunk)
        if total > MAX_CSV_BYTES:
            raise ScenarioError.single(field, f"{source} is larger than {MAX_CSV_BYTES // 1_000_000} MB")
        try:
            yield decoder.decode(chunk)
        except UnicodeDecodeError:
            raise ScenarioError.single(field, f"{source} is not UTF-8 text") from None
    try:
        yield decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise ScenarioError.single(field, f"{source} is not UTF-8 text") from None


class _LineTooLongError(Exception):
    def __init__(self, limit: int) -> None:
        self.limit = limit


def _lines(texts: Iterator[str]) -> Iterator[str]:
    """Lines ending in \\n, \\r\\n or a lone \\r (the csv module refuses a bare \\r inside one string)."""
    longest = (MAX_FIELD_CHARACTERS + 3) * (MAX_FEATURES + 1)  # no valid row is longer
    pending = ""
    for text in texts:
        parts = (pending + text).splitlines(keepends=True)
        pending = parts.pop() if parts and not parts[-1].endswith(("\n", "\r")) else ""
        yield from parts
        if len(pending) > longest:  # stop reading: no row of at most 21 numbers is this long
            raise _LineTooLongError(longest)
    if pending:
        yield pending


def _parse(texts: Iterator[str], target: str | None, field: str, source: str) -> Dataset:
    lines = _lines(texts)
    head: list[str] = []
    try:
        for line in lines:  # enough lines for the sniffer to see the delimiter
            head.append(line)
            if sum(len(text) for text in head) >= 4096 or len(head) >= 20:
                break
    except _LineTooLongError as error:
        raise ScenarioError.single(
            field,
            f"{source} line {len(head) + 1}: longer than {error.limit:,} characters, too long for a row of numbers",
        ) from None
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff("".join(head)[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(_chain(head, lines), dialect)
    first: list[str] | None = None
    header: list[str] = []
    table: list[list[float]] = []
    count = 0
    try:
        for row in rows:
            if not any(cell.strip() for cell in row):
                continue
            if first is None:
                first = row
                continue
            if not header:
                header = _header(first, field, source)
            count += 1
            line = rows.line_num
            if count > MAX_SAMPLES or count * len(header) > MAX_DATA_VALUES:
                raise ScenarioError.single(field, f"{source} has more than {MAX_SAMPLES:,} rows; at most that many")
            if len(row) != len(header):
                raise ScenarioError.single(
                    field, f"{source} line {line}: {len(row)} values, the header has {len(header)}"
                )
            try:  # the fast path: every cell a finite number
                values = [float(cell) for cell in row]
            except ValueError:
                values = []
            if len(values) != len(row) or not all(map(math.isfinite, values)):
                values = [_value(cell, f"{field}.{name}", line) for name, cell in zip(header, row)]
            table.append(values)
    except csv.Error as error:
        raise ScenarioError.single(field, f"{source} line {rows.line_num}: not readable as CSV ({error})") from None
    except _LineTooLongError as error:
        raise ScenarioError.single(
            field,
            f"{source} line {rows.line_num + 1}: longer than {error.limit:,} characters, too long for a row of numbers",
        ) from None
    if not header or count == 0:
        raise ScenarioError.single(field, f"{source} needs a header row and at least one data row")
    target_name = target if target is not None else header[-1]
    if target_name not in header:
        raise ScenarioError.single(
            "target", f"no column named {shown(target_name)} (columns: {', '.join(shown(n) for n in header)})"
        )
    columns = dict(zip(header, zip(*table)))
    for name, values in columns.items():
        if name != target_name and min(values) == max(values):
            raise ScenarioError.single(f"{field}.{name}", f"is constant ({values[0]:g}): it carries no information")
    names = tuple(name for name in header if name != target_name)
    return Dataset(names, tuple(columns[name] for name in names), columns[target_name], target_name)


def _chain(head: list[str], rest: Iterator[str]) -> Iterator[str]:
    yield from head
    yield from rest


def _header(row: list[str], field: str, source: str) -> list[str]:
    header = [name.strip() for name in row]
    if len(header) < 2:
        raise ScenarioError.single(
            field, f"{source} needs at least two columns (features and a target); is it a CSV file?"
        )
    if len(header) > MAX_FEATURES + 1:
        raise ScenarioError.single(
            field, f"{source} has {len(header)} columns; at most {MAX_FEATURES} features and a target"
        )
    if len(set(header)) != len(header) or not all(header):
        raise ScenarioError.single(field, f"{source}: every column needs a distinct name in the header row")
    return header


def _value(cell: str, path: str, line: int) -> float:
    text = cell.strip()
    try:
        value = float(text) if len(text) <= MAX_FIELD_CHARACTERS else math.nan
    except ValueError:
        raise ScenarioError.single(
            path, f"line {line}: {shown(text)} is not a number (columns must be numeric)"
        ) from None
    if not math.isfinite(value):
        raise ScenarioError.single(path, f"line {line}: {shown(text)} is not a finite number")
    return value
