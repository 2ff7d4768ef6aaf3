"""How fast the engine answers, beside the same work done the naive way.

Prints: warm explain() for two features (target < 50 ms), explain() after a learning-rate edit (which
reuses the scenario's problem) beside one on new data, a cache put, the cold first call in a fresh
process (imports + SymPy derivation), and exact gradient descent to tolerance 1e-6 on a
κ ≈ 10⁷ problem (target < 100 ms) beside the plain Python loop a learner would write
(timed on 100 000 iterations and extrapolated to the count needed, as the loop itself
would take far too long to run here).

    python benchmarks/bench_core.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

import numpy as np
from text_table import print_table  # benchmarks/, beside this script

from explainer import Scenario, default_scenario, explain
from explainer.budget.memory import MemoryBudget
from explainer.linear.analysis import analyze
from explainer.linear.descent import gradient_descent


def best_of(function, repeats: int) -> float:
    """Median wall time in seconds over `repeats` calls."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def plain_loop_seconds_per_iteration(
    design: np.ndarray, target: np.ndarray, learning_rate: float, iterations: int = 100_000
) -> float:
    """The textbook loop: predictions, residuals, gradient, update — once per iteration."""
    parameters = np.zeros(design.shape[1])
    samples = len(target)
    start = time.perf_counter()
    for _ in range(iterations):
        residuals = design @ parameters - target
        parameters = parameters - learning_rate * (2 / samples) * (design.T @ residuals)
    return (time.perf_counter() - start) / iterations


def cold_first_call() -> tuple[float, float]:
    """(import + first explain(), then its first SymPy derivation) in a fresh process."""
    code = (
        "import time; t = time.perf_counter(); from explainer import explain, default_scenario; "
        "e = explain(default_scenario()); u = time.perf_counter(); e.derivation; "
        "print(u - t, time.perf_counter() - u)"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    first, derivation = map(float, output.split())
    return first, derivation


def main() -> None:
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.floor import import_numpy_seconds, machine_load, preamble

    preamble()
    floor = import_numpy_seconds()
    rows: list[tuple[str, str, str, str]] = []
    explain(default_scenario())  # warm: imports, SymPy cache
    warm = best_of(lambda: explain(default_scenario()), 30)
    # the naive way to the same headline: run both loops until the tolerance
    analysis = analyze(default_scenario())
    raw = analysis.raw
    per_iteration = plain_loop_seconds_per_iteration(raw.quadratic.design, raw.quadratic.target, raw.learning_rate)
    naive = per_iteration * (raw.run.converged_at + analysis.normalized.run.converged_at)
    rows.append(
        (
            "explain(), 2 features, warm",
            f"{warm * 1e3:.1f} ms",
            f"{naive:.0f} s (plain loops to tolerance, extrapolated)",
            f"{naive / warm:,.0f}×",
        )
    )
    # a learning-rate edit reuses the scenario's problem and sweep (explainer/linear/problem.py); a new seed shares nothing
    rates = [1e-4 * (1 + index % 7) for index in range(30)]
    edits = iter(rates * 4)
    edit = best_of(lambda: explain(default_scenario().with_changes(learning_rate=next(edits))), 30)
    seeds = iter(range(1000, 1100))
    fresh = best_of(lambda: explain(default_scenario().with_changes(seed=next(seeds))), 30)
    rows.append(
        (
            "explain() after a learning-rate edit",
            f"{edit * 1e3:.1f} ms",
            f"{fresh * 1e3:.1f} ms (new data)",
            f"{fresh / edit:.2f}×",
        )
    )
    budget = MemoryBudget(640 * 2**20)
    region = budget.region("explanations", share=0.4)
    values = [{"arrays": [np.ones(100) for _ in range(20)], "key": index} for index in range(1000)]
    started = time.perf_counter()
    for index, value in enumerate(values):
        region.put(index, value)
    put = (time.perf_counter() - started) / len(values)
    rows.append(("cache put, 20 arrays, into a region of up to 1,000 entries", f"{put * 1e3:.3f} ms", "—", "—"))
    cold_runs = [cold_first_call() for _ in range(3)]
    cold = statistics.median(first for first, _ in cold_runs)
    derivation = statistics.median(second for _, second in cold_runs)
    rows.append(("import + explain(), cold first call (fresh process)", f"{cold * 1e3:.0f} ms", "—", "—"))
    rows.append(("first SymPy derivation (cold; cached after)", f"{derivation * 1e3:.0f} ms", "—", "—"))
    warm_derivation = best_of(lambda: explain(default_scenario()).derivation, 10) - warm
    rows.append(("derivation with new numbers (warm)", f"{max(warm_derivation, 0) * 1e3:.1f} ms", "—", "—"))

    stiff = Scenario.from_ranges({"a": (0, 1), "b": (1, 1400)}, samples=1000, seed=0, normalization="none")
    stiff_raw = analyze(stiff).raw
    quadratic = stiff_raw.quadratic
    start_point = np.zeros(len(quadratic.optimum))
    exact = best_of(lambda: gradient_descent(quadratic, quadratic.best_lr, 1e-6, 10**12, start_point), 20)
    run = gradient_descent(quadratic, quadratic.best_lr, 1e-6, 10**12, start_point)
    loop = plain_loop_seconds_per_iteration(quadratic.design, quadratic.target, quadratic.best_lr) * run.converged_at
    rows.append(
        (
            f"exact GD to 1e-6 at κ = {quadratic.condition_number:.2e} ({run.converged_at:,} iterations)",
            f"{exact * 1e3:.1f} ms",
            f"{loop:,.0f} s (plain loop, extrapolated)",
            f"{loop / exact:,.0f}×",
        )
    )

    print_table(("what", "ours", "naive", "ratio"), rows)
    print(f"\nplain loop: {per_iteration * 1e6:.1f} µs per iteration on {raw.quadratic.design.shape[0]} samples")
    print(
        f"floor: `import numpy` in a fresh interpreter {floor * 1e3:.0f} ms (same run); cold first call"
        f" {cold / floor:.1f}×, warm explain() {warm / floor:.3f}×, after a learning-rate edit {edit / floor:.3f}×,"
        f" with new data {fresh / floor:.3f}×, a cache put {put / floor:.5f}×"
    )
    print(f"at the end: {machine_load()}")


if __name__ == "__main__":
    main()
