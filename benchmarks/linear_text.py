"""Untrusted text is read in linear time: the time for twice the text, per hostile shape, as a growth ratio.

Lesson descriptions and narratives go through `safe_markdown`; chat messages go through the question
parser. For each hostile fragment (the shapes a backtracking pattern would choke on) this times both at
n and 2n repeats and prints the growth (linear ≈ 2×), beside a floor measured in the same run: one
`str.count` pass over the same 2n text, and `import numpy` for scale. The chat parser reads at most
MAX_TEXT characters of a message, so its growth stops at that size.

The tests check the construction instead (RE2 only, each character scanned at most twice), because a
timing is a benchmark's figure, not a test's assertion.

    python benchmarks/linear_text.py [--repeats 20000]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from floor import import_numpy_seconds, preamble, ratio

FRAGMENTS = ("[", "![a](", "[a](" + " " * 50, "\\", "> [k]: ", "www.", "0-1 and 1-", "x = [1, ", "between 1 and ")


def best_seconds(function: Callable[[str], object], text: str, tries: int = 3) -> float:
    best = float("inf")
    for _ in range(tries):
        start = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=20_000, help="fragment repeats in the smaller text")
    args = parser.parse_args(argv)
    preamble()
    from explainer.chat import parse_quantities
    from explainer.text.markup import safe_markdown

    readers: dict[str, Callable[[str], object]] = {"safe_markdown": safe_markdown, "chat parser": parse_quantities}
    print(f"floor: import numpy {import_numpy_seconds():.3f} s (fresh interpreter)")
    print(f"{'fragment':<22} {'reader':<14} {'n':>9} {'2n':>9} {'growth':>7} {'2n ÷ one count pass':>20}")
    worst = 0.0
    for fragment in FRAGMENTS:
        small, large = fragment * args.repeats, fragment * 2 * args.repeats
        floor = best_seconds(lambda text: text.count("["), large)
        for name, reader in readers.items():
            reader(small)  # warm
            seconds_small, seconds_large = best_seconds(reader, small), best_seconds(reader, large)
            growth = seconds_large / max(seconds_small, 1e-9)
            worst = max(worst, growth)
            print(
                f"{repr(fragment)[:20]:<22} {name:<14} {seconds_small:>8.3f}s {seconds_large:>8.3f}s {growth:>6.2f}×"
                f" {ratio(seconds_large, floor):>20}"
            )
    print(f"worst growth for twice the text: {worst:.2f}× (linear: about 2×; quadratic: about 4×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
