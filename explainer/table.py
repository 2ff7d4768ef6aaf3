"""A learner's own data from CSV text: numeric columns with a header row, one of them the target."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

from explainer.scenario import MAX_DATA_VALUES, MAX_FEATURES, MAX_SAMPLES, Dataset, ScenarioError

MAX_CSV_BYTES = 20_000_000


def read_csv_file(path: str | Path, target: str | None, field: str = "csv") -> Dataset:
    """Load a CSV file; every problem is a ScenarioError naming `field` and the reason."""
    file = Path(path)
    if not file.is_file():
        raise ScenarioError.single(field, f"no such file: {file}")
    if file.stat().st_size > MAX_CSV_BYTES:
        raise ScenarioError.single(field, f"{file.name} is larger than {MAX_CSV_BYTES // 1_000_000} MB")
    raw = file.read_bytes()
    return parse_csv(raw, target, field, source=file.name)


def parse_csv(raw: bytes | str, target: str | None, field: str = "csv", source: str = "the file") -> Dataset:
    """Numeric columns with a header row; the target is `target`, or the last column if None."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_CSV_BYTES:
            raise ScenarioError.single(field, f"{source} is larger than {MAX_CSV_BYTES // 1_000_000} MB")
        if b"\x00" in raw[:4096]:
            raise ScenarioError.single(field, f"{source} is not a CSV text file (it contains binary data)")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ScenarioError.single(field, f"{source} is not UTF-8 text") from None
    else:
        text = raw
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [row for row in csv.reader(io.StringIO(text), dialect) if any(cell.strip() for cell in row)]
    if len(rows) < 2:
        raise ScenarioError.single(field, f"{source} needs a header row and at least one data row")
    header = [name.strip() for name in rows[0]]
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
    if len(rows) - 1 > MAX_SAMPLES or (len(rows) - 1) * len(header) > MAX_DATA_VALUES:
        raise ScenarioError.single(field, f"{source} has {len(rows) - 1} rows; at most {MAX_SAMPLES} are allowed")
    target_name = target if target is not None else header[-1]
    if target_name not in header:
        raise ScenarioError.single("target", f"no column named {target_name!r} (columns: {', '.join(header)})")
    columns: dict[str, list[float]] = {name: [] for name in header}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise ScenarioError.single(field, f"{source} line {line}: {len(row)} values, the header has {len(header)}")
        for name, cell in zip(header, row):
            try:
                value = float(cell)
            except ValueError:
                raise ScenarioError.single(
                    f"{field}.{name}", f"line {line}: {cell.strip()[:30]!r} is not a number (columns must be numeric)"
                ) from None
            if not math.isfinite(value):
                raise ScenarioError.single(f"{field}.{name}", f"line {line}: {cell.strip()!r} is not a finite number")
            columns[name].append(value)
    for name, values in columns.items():
        if name != target_name and min(values) == max(values):
            raise ScenarioError.single(f"{field}.{name}", f"is constant ({values[0]:g}): it carries no information")
    names = tuple(name for name in header if name != target_name)
    return Dataset(names, tuple(tuple(columns[name]) for name in names), tuple(columns[target_name]), target_name)
