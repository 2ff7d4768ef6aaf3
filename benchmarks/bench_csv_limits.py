"""Reading a CSV past the limits: the streaming reader stops at the first limit, the naive way parses it all.

For files over the 100 000-row limit (300 000 rows of 21 numbers; 4.75 million short rows in 19 MB, under
the 20 MB size limit) and one line of 19 MB of digits, prints the time and the peak of traced Python memory of
- explainer.formats.table.parse_csv (stream, row by row, stop at the cap),
- the naive way it replaced: decode everything, csv.reader into a list, then check the row count,
and the ratio.

    python benchmarks/bench_csv_limits.py
"""

from __future__ import annotations

import contextlib
import csv
import io
import sys
import time
import tracemalloc
from pathlib import Path

from explainer import ScenarioError, parse_csv
from explainer.scenario.spec import MAX_SAMPLES


def naive(raw: bytes) -> None:
    text = raw.decode("utf-8-sig")
    csv.field_size_limit(2**31 - 1)
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if len(rows) - 1 > MAX_SAMPLES:
        raise ScenarioError.single("csv", "too many rows")


def streaming(raw: bytes) -> None:
    parse_csv(raw, None)


def measure(function, raw: bytes) -> tuple[float, float]:
    """Seconds (untraced, since tracing slows Python code several times) and the traced peak in MB."""
    start = time.perf_counter()
    with contextlib.suppress(ScenarioError):
        function(raw)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    with contextlib.suppress(ScenarioError):
        function(raw)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak / 1e6


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.floor import import_numpy_seconds, machine_load, preamble

    preamble()
    floor = import_numpy_seconds()

    row = ",".join(f"{index + 0.123456:.6f}" for index in range(21)) + "\n"
    files = {
        "300 000 rows × 21 columns": (",".join(f"c{index}" for index in range(21)) + "\n" + row * 300_000).encode(),
        "4 750 000 rows of '1,2' (19 MB)": b"a,b\n" + b"1,2\n" * 4_750_000,
        "one line of 19 MB": b"a,b\n" + b"1" * 19_000_000 + b",2\n",
    }
    print(f"{'file':<32} {'size':>8} {'reader':<10} {'time':>9} {'peak MB':>9}")
    for name, raw in files.items():
        results = {label: measure(function, raw) for label, function in (("naive", naive), ("streaming", streaming))}
        for label, (seconds, peak) in results.items():
            print(f"{name:<32} {len(raw) / 1e6:>6.1f}MB {label:<10} {seconds:>8.2f}s {peak:>9.1f}")
        (naive_s, naive_mb), (stream_s, stream_mb) = results["naive"], results["streaming"]
        print(f"{'':<32} {'':>8} {'ratio':<10} {naive_s / stream_s:>8.1f}× {naive_mb / stream_mb:>8.1f}×")
        print(f"{'':<32} {'':>8} {'÷ floor':<10} {stream_s / floor:>8.1f}×  (streaming ÷ `import numpy`)")
    print(f"floor: `import numpy` in a fresh interpreter {floor:.2f} s (same run)")
    print(f"at the end: {machine_load()}")


if __name__ == "__main__":
    main()
