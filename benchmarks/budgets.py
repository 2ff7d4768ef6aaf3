"""Heavy requests before and after the worker pool and the cost bounds, beside an `import numpy` floor.

python benchmarks/budgets.py [--skip-before]

For each heavy request: "before" runs it as the server used to (in the serving process, on a thread,
with the old iteration cap of 10,000), "after" as it runs now (clamped to the model's bound, in a
worker, within its budget). Beside each: the slowest answer of a light neighbour request (a tiny
explanation on the main thread) while the heavy one ran: what every other session waited. Also the
pool's own costs: start, a task's round trip, and killing a worker over budget and replacing it.
Figures are from this machine at this moment (2 shared cores: noisy); the floor makes them comparable.
"""

from __future__ import annotations

import contextlib
import dataclasses
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def import_numpy_floor() -> float:
    """A fresh interpreter importing NumPy: the smallest cost any request here can have."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import numpy"], check=True)
    return time.perf_counter() - started


def with_neighbour(heavy: Callable[[], Any]) -> tuple[float, float, str]:
    """(heavy seconds, slowest neighbour answer in seconds, outcome) with the heavy work on a thread."""
    from explainer import Scenario
    from explainer.explanation.explain import explain

    light = Scenario.from_ranges({"a": (0, 1), "b": (0, 1000)}, samples=50)
    outcome: list[str] = []

    def run() -> None:
        try:
            heavy()
            outcome.append("done")
        except ValueError as error:
            outcome.append(f"stopped: {str(error)[:90]}")

    thread = threading.Thread(target=run)
    started = time.perf_counter()
    thread.start()
    slowest = 0.0
    while thread.is_alive():
        tick = time.perf_counter()
        explain(light)
        slowest = max(slowest, time.perf_counter() - tick)
        time.sleep(0.02)
    thread.join()
    return time.perf_counter() - started, slowest, outcome[0] if outcome else "?"


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.floor import preamble

    preamble()  # the command and the load average, beside this benchmark's own floor
    skip_before = "--skip-before" in sys.argv
    floor = import_numpy_floor()
    print(f"floor: import numpy in a fresh interpreter {floor:.2f} s\n")

    from explainer import Scenario
    from explainer.budget import limits as costs
    from explainer.budget.workers import BudgetExceededError, shared_pool
    from explainer.explanation.cache import explain_within_budget
    from explainer.explanation.explain import explain
    from explainer.formats.datasets import bundled_scenario
    from explainer.models.budgeted import fit_models
    from explainer.models.fit import compare_models
    from explainer.scenario.model_choice import ModelSettings, max_iterations

    pool = shared_pool()
    started = time.perf_counter()
    pool.start()
    first = time.perf_counter()
    pool.run(abs, (-1,), 120, None)  # type: ignore[arg-type]
    print(
        f"pool: {pool.size} workers started in {first - started:.2f} s (fork server with NumPy, scikit-learn, the engine)"
    )
    rounds = 50
    tick = time.perf_counter()
    for _ in range(rounds):
        pool.run(abs, (-1,), 10, None)  # type: ignore[arg-type]
    print(f"pool: a task's round trip {1000 * (time.perf_counter() - tick) / rounds:.2f} ms")
    tick = time.perf_counter()
    with contextlib.suppress(BudgetExceededError):
        pool.run(time.sleep, (60,), 0.5, lambda budget: BudgetExceededError("", f"{budget} s"))
    killed = time.perf_counter() - tick - 0.5
    time.sleep(0.01)
    while pool.started < pool.size:
        time.sleep(0.01)
    tick = time.perf_counter()
    for _ in range(pool.size):  # every worker busy once: the replacement is among them
        pool.run(abs, (-1,), 60, None)  # type: ignore[arg-type]
    print(
        f"pool: kill over budget {1000 * killed:.0f} ms past the budget; next tasks ran {1000 * (time.perf_counter() - tick):.0f} ms later\n"
    )

    def unbounded(scenario: Any, cap: int) -> Any:
        """The scenario with a cap above today's bound, as links allowed before (validation bypassed)."""
        object.__setattr__(scenario, "model", dataclasses.replace(scenario.model, max_iter=cap))
        return scenario

    def diabetes_mlp(cap: int) -> Any:
        bounded = min(cap, max_iterations("mlp"))
        return unbounded(bundled_scenario("diabetes", ModelSettings("mlp", max_iter=bounded)), cap)

    def digits_saga(cap: int) -> Any:
        bounded = min(cap, max_iterations("logistic_regression"))
        settings = ModelSettings("logistic_regression", solver="saga", max_iter=bounded)
        return unbounded(bundled_scenario("digits", settings), cap)

    large = Scenario.from_ranges({f"x{i}": (0, 10.0 ** (i % 4)) for i in range(20)}, samples=100_000)
    requests = [
        (
            "/Explore?dataset=diabetes&model=mlp&maxiter=10000",
            lambda: compare_models(diabetes_mlp(10_000)),
            lambda: fit_models(diabetes_mlp(max_iterations("mlp"))),
        ),
        (
            "saga logistic on digits, maxiter=10000",
            lambda: compare_models(digits_saga(10_000)),
            lambda: fit_models(digits_saga(max_iterations("logistic_regression"))),
        ),
        ("explain 20 features × 100,000 samples", lambda: explain(large), lambda: explain_within_budget(large)),
    ]
    print(f"{'request':<52} {'':>6} {'seconds':>8} {'× floor':>8} {'neighbour waited':>17}  outcome")
    for name, before, after in requests:
        rows = [("after", after)] if skip_before else [("before", before), ("after", after)]
        for when, work in rows:
            seconds, neighbour, outcome = with_neighbour(work)
            print(
                f"{name:<52} {when:>6} {seconds:8.2f} {seconds / floor:8.1f} {neighbour:16.2f}s  {outcome}",
                flush=True,
            )
    print(
        f"\nbudgets: model fit {costs.MODEL_FIT_SECONDS:g} s, large explanation {costs.EXPLAIN_SECONDS:g} s,"
        f" lesson upload {costs.LESSON_SECONDS:g} s; explanations up to {costs.INLINE_EXPLAIN_VALUES:,} values"
        " run in-process"
    )
    pool.close()


if __name__ == "__main__":
    main()
