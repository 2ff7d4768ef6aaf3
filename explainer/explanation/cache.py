"""The shared cache of `explain()`: every page, the chat and every session of a server use it.

Entries live in the "explanations" region of `explainer.budget.memory` (bounded by bytes under the
one memory budget) and are kept by the one scenario key, `explainer.budget.memory.cache_key` (a
table by its digest, so a table is hashed once and stored once, however many settings it is
explained under).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from explainer.budget import limits
from explainer.budget.memory import BoundedCache, cache_key, region
from explainer.budget.workers import BudgetExceededError, WorkerLostError, shared_pool
from explainer.scenario.spec import DEFAULT_SAMPLES, Scenario

EXPLANATION_ENTRIES = 64
EXPLANATIONS: BoundedCache = region("explanations", max_entries=EXPLANATION_ENTRIES)
NUMBERS_ENTRIES = 256  # answers in numbers alone: a few hundred bytes each
NUMBERS: BoundedCache = region("numbers", max_entries=NUMBERS_ENTRIES)


def _never_busy() -> bool:
    return False


# Whether the serving process is busy with other requests now; a server sets it (ui/cache.py counts the
# script runs in progress). Alone, a cheap explanation is quickest in-process (about 15-50 ms, where a worker
# adds its pickling and lower priority); among other requests, it takes an idle worker and leaves this core
# to them. The command line and tests never set it.
_busy: Callable[[], bool] = _never_busy


def report_busy_with(signal: Callable[[], bool]) -> None:
    """Let `signal()` say when the process is serving other requests, so cheap explanations move to a worker."""
    global _busy
    _busy = signal


def workers_draw_charts() -> bool:
    """Whether charts go to an idle worker now: the pool is up and this process serves other requests. Alone, a
    page builds its own charts, and need not even look up which ones are missing."""
    return shared_pool().started and _busy()


def chart_specs_in_worker(pieces: tuple[tuple[str, object], ...]) -> dict[str, dict] | None:
    """The finished chart specs of these figures (finished_specs.py: ("ravine", a side) or ("loss", the figure)…),
    built by an idle worker while the serving process is busy with other requests, so that its one core is left
    to them; None when it is not busy or no worker is idle soon (the page then builds them itself, as quickly)."""
    from explainer.explanation.finished_specs import specs_of

    if not pieces or not workers_draw_charts():
        return None

    def message(budget: float) -> BudgetExceededError:
        return BudgetExceededError("charts", f"Drawing the charts stopped after its {budget:g} s budget")

    try:
        done, specs = shared_pool().run_if_idle(
            specs_of, (pieces,), limits.EXPLAIN_SECONDS, message, limits.CHEAP_WAIT_SECONDS
        )
    except Exception:  # the page can always build its charts itself (and draws them the public way if that fails)
        return None
    return specs if done else None


def cached_explain(scenario, key: str | None = None):
    """`explain(scenario)` from the shared cache; `key` (from `cache_key`) if the caller has it."""
    return EXPLANATIONS.get_or_compute(key or cache_key(scenario), lambda: explain_within_budget(scenario))


def cached_numbers(scenario: Scenario, key: str | None = None):
    """The answer in numbers alone (`answer_in_numbers`), from a cached explanation when there is one, else worked
    out and kept on its own: a share link's first paint needs only these, a third of `explain()`'s work."""
    key = key or cache_key(scenario)
    whole = EXPLANATIONS.get(key)
    if whole is not None:
        return whole.in_numbers
    from explainer.explanation.numbers import answer_in_numbers

    return NUMBERS.get_or_compute(key, lambda: _within_budget(answer_in_numbers, scenario))


def runs_in_process(scenario: Scenario) -> bool:
    """Whether an explanation is cheap enough to hold the serving process: plain gradient descent on
    small data, which is counted in closed form (tens of milliseconds). Momentum and Adam take one
    update at a time (up to 50,000, a few hundred milliseconds of one core) and large data cost with
    their size; those always run in a worker, so everyone else's reruns go on meanwhile on the other core.
    A cheap one runs in a worker too while the process serves other requests and a worker is idle (the
    serving process is one core for every session: 25 sessions at once saw their numbers about 2× sooner)."""
    return scenario.optimizer.name == "gd" and limits.data_values(scenario) <= limits.INLINE_EXPLAIN_VALUES


def explain_within_budget(scenario: Scenario) -> Any:
    """`explain(scenario)` in a worker within limits.EXPLAIN_SECONDS; when cheap (`runs_in_process`), in-process,
    or in an idle worker while the process is busy with other requests."""
    from explainer.explanation.explain import explain

    return _within_budget(explain, scenario)


def _within_budget(work: Callable[[Scenario], Any], scenario: Scenario) -> Any:
    """`work(scenario)` (the explanation, or its numbers alone) where `explain_within_budget` says."""

    def message(budget: float) -> BudgetExceededError:
        cheaper = (
            f"samples={DEFAULT_SAMPLES} takes well under a second"
            if scenario.data is None
            else "a smaller table (fewer rows) costs less"
        )
        return BudgetExceededError(
            "samples" if scenario.data is None else "data",
            f"Working out {scenario.sample_count:,} samples stopped after its {budget:g} s budget; {cheaper}",
        )

    if runs_in_process(scenario):
        pool = shared_pool()
        if not pool.started or not _busy():
            return work(scenario)
        try:
            done, result = pool.run_if_idle(
                work, (scenario,), limits.EXPLAIN_SECONDS, message, limits.CHEAP_WAIT_SECONDS
            )
        except WorkerLostError:  # the pool replaces it; cheap work needs no worker to be answered
            done, result = False, None
        return result if done else work(scenario)
    return shared_pool().run(work, (scenario,), limits.EXPLAIN_SECONDS, message)
