"""Latency of chat answers that name a model family: the first (cold: scikit-learn fits) and a repeat (warm: cached).

Run from the repository root: `PYTHONPATH=$PWD python benchmarks/bench_chat_models.py`. Figures are
wall-clock on this machine at this moment (2 shared cores): indicative, not a benchmark of the code alone.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from explainer.chat import answer

QUESTIONS = (
    "Why do I get ConvergenceWarning lbfgs failed to converge with LogisticRegression on my features 0 to 1"
    " and 1 to 1000?",
    "Does logistic regression need feature scaling?",
    "does kNN need scaling?",
    "do random forests need scaling?",
    "does an SVM need scaled features?",
    "k-means on features 0-1 and 0-1000, why do clusters look bad?",
    "my MLP with tanh on features 0 to 1 and 0 to 5000 won't learn",
    "Should I normalize the inputs of my LSTM?",
)
REPEATS = 5


def timed(question: str) -> tuple[float, object]:
    start = time.perf_counter()
    result = answer(question)
    return (time.perf_counter() - start) * 1000, result


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.floor import import_numpy_seconds, machine_load, preamble

    preamble()
    floor_ms = import_numpy_seconds() * 1000
    answer("My features go from 0 to 1 and 1 to 1000, why normalize?")  # load the classifier and scikit-learn
    print(f"{'question':<62} {'cold ms':>9} {'warm ms':>9}  run on")
    colds, warms = [], []
    for question in QUESTIONS:
        cold, result = timed(question)
        warm = statistics.median(timed(question)[0] for _ in range(REPEATS))
        colds.append(cold)
        warms.append(warm)
        run = result.model_run  # type: ignore[attr-defined]
        where = "no run" if run is None or not run.engine else run.source
        print(f"{question[:60]:<62} {cold:>9.0f} {warm:>9.1f}  {where}")
    print(
        f"\nmedian: cold {statistics.median(colds):.0f} ms, warm {statistics.median(warms):.1f} ms;"
        f" max: cold {max(colds):.0f} ms, warm {max(warms):.1f} ms"
    )
    print(
        f"floor: `import numpy` in a fresh interpreter {floor_ms:.0f} ms (same run); median cold"
        f" {statistics.median(colds) / floor_ms:.2f}×, warm {statistics.median(warms) / floor_ms:.3f}×"
    )
    print(f"at the end: {machine_load()}")


if __name__ == "__main__":
    main()
