"""Reading a large lesson file: a 4 MB lesson of 50 steps, the first with inline data, the rest `changes`.

Prints the seconds to parse it (untraced) and the peak of traced Python memory, beside a floor
measured in the same run (tomllib alone on the same text) and the ratio; then the same for half
the data, so the growth with size shows (linear reading: about 2x for 2x the bytes).

    PYTHONPATH=. python benchmarks/bench_lesson.py      # this checkout (without PYTHONPATH, the installed one)

It also prints the growth of the process's peak resident memory while parsing, in a fresh process.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
import tomllib
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from explainer.lessons.files import MAX_LESSON_STEPS, parse

FEATURES = 20


def lesson_text(target_bytes: int = 4_000_000, steps: int = MAX_LESSON_STEPS, seed: int = 0) -> str:
    """A lesson of `steps` steps whose first step carries inline data of about `target_bytes` bytes."""
    generator = random.Random(seed)
    per_row = (FEATURES + 1) * 10  # "123.4567, " is 10 bytes a value
    rows = max(FEATURES + 2, target_bytes // per_row)
    names = [f"x{index}" for index in range(1, FEATURES + 1)] + ["y"]
    lines = ['title = "A large lesson"', 'description = "Inline data, then changes."', ""]
    lines += ["[[steps]]", 'title = "Step 1"', 'narrative = "Raw κ = {raw.condition_number}."', ""]
    lines += ["[steps.scenario]", 'normalization = "zscore"', "", "[steps.scenario.data]", 'target = "y"', ""]
    lines += ["[steps.scenario.data.columns]"]
    for name in names:
        values = ", ".join(f"{generator.uniform(0, 1000):.4f}" for _ in range(rows))
        lines.append(f"{name} = [{values}]")
    for step in range(2, steps + 1):
        lines += ["", "[[steps]]", f'title = "Step {step}"', f'narrative = "Step {step}."', ""]
        lines += ["[steps.changes]", f"learning_rate = {0.0001 * step:g}"]
    return "\n".join(lines) + "\n"


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def traced_peak_mb(function: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def rss_growth_mb(text: bytes) -> float:
    """Peak resident memory gained by parsing, measured in a fresh process that only reads the file and parses."""
    code = (
        "import resource, sys; sys.path[:0] = sys.argv[2:]; from explainer.lessons.files import parse;"
        "text = open(sys.argv[1], 'rb').read(); before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss;"
        "parse(text, source='big.toml'); print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1e3)"
    )
    with tempfile.NamedTemporaryFile(suffix=".toml") as file:
        file.write(text)
        file.flush()
        result = subprocess.run([sys.executable, "-c", code, file.name, *sys.path], capture_output=True, text=True)
    return float(result.stdout.strip() or "nan")


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.floor import preamble

    preamble()  # the command and the load average, beside this benchmark's own floor
    for size in (2_000_000, 4_000_000):
        text = lesson_text(size).encode()
        floor_seconds = timed(lambda text=text: tomllib.loads(text.decode()))
        seconds = timed(lambda text=text: parse(text, source="big.toml"))
        floor_mb = traced_peak_mb(lambda text=text: tomllib.loads(text.decode()))
        peak_mb = traced_peak_mb(lambda text=text: parse(text, source="big.toml"))
        print(
            f"{len(text) / 1e6:.1f} MB, {MAX_LESSON_STEPS} steps: parse {seconds:.2f} s, peak {peak_mb:.0f} MB;"
            f" floor (tomllib alone) {floor_seconds:.2f} s, {floor_mb:.0f} MB;"
            f" ratio {seconds / floor_seconds:.1f}x time, {peak_mb / floor_mb:.1f}x memory;"
            f" resident memory grew {rss_growth_mb(text):.0f} MB"
        )


if __name__ == "__main__":
    main()
