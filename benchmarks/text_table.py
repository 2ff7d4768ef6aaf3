"""The benchmarks' table: a header, a rule, and rows of text in aligned columns."""

from __future__ import annotations

from collections.abc import Sequence


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Print `rows` under `header`, each column as wide as its widest cell."""
    widths = [max(len(row[i]) for row in [*rows, header]) for i in range(len(header))]
    print("  ".join(text.ljust(width) for text, width in zip(header, widths)))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print("  ".join(text.ljust(width) for text, width in zip(row, widths)))
