"""Heavy work in the worker pool: a task over budget stops with its message, and the server stays free."""

from __future__ import annotations

import os
import pickle
import threading
import time

import pytest

from explainer import Scenario, ScenarioError, scenario_from_params
from explainer.budget import limits as costs
from explainer.budget.workers import BudgetExceededError, WorkerLostError, WorkerPool
from explainer.explanation.cache import explain_within_budget, runs_in_process
from explainer.explanation.explain import explain
from explainer.formats.datasets import bundled_scenario
from explainer.models.budgeted import fit_models
from explainer.models.fit import compare_models
from explainer.scenario.model_choice import MAX_ITERATIONS, ModelSettings
from explainer.scenario.spec import OptimizerSettings


@pytest.fixture(scope="module")
def pool():
    workers = WorkerPool(size=1)
    yield workers
    workers.close()


def _over(budget: float) -> BudgetExceededError:
    return BudgetExceededError("task", f"stopped after its {budget:g} s budget")


def test_a_task_over_budget_stops_with_its_message_and_the_pool_recovers(pool):
    assert pool.run(abs, (-1,), 120, _over) == 1  # the worker is up (its first start imports the engine)
    started = time.perf_counter()
    with pytest.raises(BudgetExceededError, match=r"task: stopped after its 0.5 s budget"):
        pool.run(time.sleep, (30,), 0.5, _over)
    assert time.perf_counter() - started < 5  # killed at its budget, not after the 30 s it asked for
    assert pool.run(abs, (-3,), 10, _over) == 3  # a fresh worker took the killed one's place


def test_an_error_in_a_worker_arrives_as_itself(pool):
    with pytest.raises(ScenarioError) as raised:
        pool.run(compare_models, (bundled_scenario("wine"),), 30, _over)
    assert raised.value.problems == (("model.name", "linear regression runs on the exact engine: use explain()"),)


def test_an_over_budget_fit_names_the_cause_and_a_cheaper_setting(monkeypatch):
    monkeypatch.setattr(costs, "MODEL_FIT_SECONDS", 0.05)
    scenario = bundled_scenario("diabetes", ModelSettings("mlp", max_iter=1000))
    with pytest.raises(BudgetExceededError) as raised:
        fit_models(scenario)
    assert str(raised.value) == (
        "model: The small neural network fit on the diabetes dataset with maxiter=1000 stopped after its 0.05 s"
        " budget; maxiter=200 (scikit-learn's default) fits well within it"
    )
    monkeypatch.undo()
    assert fit_models(bundled_scenario("wine", ModelSettings("knn"))).normalized.score > 0.9  # the next one runs


def test_a_light_computation_is_not_delayed_while_a_heavy_fit_runs(pool):
    heavy = bundled_scenario("diabetes", ModelSettings("mlp", max_iter=400))  # seconds of fitting
    done = threading.Event()
    thread = threading.Thread(target=lambda: (pool.run(compare_models, (heavy,), 60, _over), done.set()))
    thread.start()
    time.sleep(0.3)  # the fit is under way in the worker
    slowest = 0.0
    light = Scenario.from_ranges({"a": (0, 1), "b": (0, 1000)}, samples=50)
    while not done.is_set() and thread.is_alive():
        started = time.perf_counter()
        explain(light)
        slowest = max(slowest, time.perf_counter() - started)
    thread.join()
    assert done.is_set()
    assert slowest < 1.0


def test_cheap_work_takes_an_idle_worker_and_never_waits_for_a_busy_one(pool):
    worker_pid = pool.run(os.getpid, (), 30, _over)  # the worker is up and has said READY
    assert pool.run_if_idle(os.getpid, (), 30, _over) == (True, worker_pid)
    assert worker_pid != os.getpid()  # another process: the other core
    busy = threading.Thread(target=pool.run, args=(time.sleep, (2,), 30, _over))
    busy.start()
    time.sleep(0.3)  # the pool's one worker is asleep in its task
    assert pool.run_if_idle(os.getpid, (), 30, _over) == (False, None)
    assert busy.is_alive()  # answered while the worker was still busy: the caller computes it itself
    busy.join()


def test_a_pooled_explanation_equals_the_in_process_one():
    scenario = Scenario.from_ranges({"a": (0, 1), "b": (0, 1000)}, samples=20_000)
    assert costs.data_values(scenario) > costs.INLINE_EXPLAIN_VALUES  # so it goes to a worker
    pooled, local = explain_within_budget(scenario), explain(scenario)
    assert pooled.summary == local.summary and pooled.steps == local.steps
    assert pickle.dumps(pooled.figures) == pickle.dumps(local.figures)


@pytest.mark.parametrize("optimizer", ["momentum", "adam"])
def test_stepped_optimizers_leave_the_serving_process_with_the_same_answer(optimizer):
    """Momentum and Adam take one update at a time (Adam here about 7,000 of them): a worker computes them,
    whatever the data's size, and its explanation is the one the serving process would have made."""
    scenario = Scenario.from_ranges({"a": (0, 1), "b": (1, 2000)}).with_changes(
        optimizer=OptimizerSettings(optimizer), learning_rate=0.0005
    )
    assert costs.data_values(scenario) <= costs.INLINE_EXPLAIN_VALUES and not runs_in_process(scenario)
    assert runs_in_process(scenario.with_changes(optimizer=OptimizerSettings("gd")))
    pooled, local = explain_within_budget(scenario), explain(scenario)
    assert pooled.summary == local.summary and pooled.steps == local.steps
    assert pickle.dumps(pooled.figures) == pickle.dumps(local.figures)


def test_a_link_above_a_models_iteration_bound_is_clamped_and_says_so():
    state = scenario_from_params({"dataset": "diabetes", "model": "mlp", "maxiter": "10000"})
    assert state.scenario.model.max_iter == 1000
    assert "maxiter: 10000 is above mlp's bound of 1000; using 1000" in state.warnings


def test_the_readme_states_each_budget_as_the_code_has_it():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    budgets = readme.split("## Budgets", 1)[1].split("\n## ", 1)[0]
    for seconds, variable in (
        (costs.MODEL_FIT_SECONDS, "WHY_NORMALIZE_MODEL_FIT_SECONDS"),
        (costs.EXPLAIN_SECONDS, "WHY_NORMALIZE_EXPLAIN_SECONDS"),
        (costs.LESSON_SECONDS, "WHY_NORMALIZE_LESSON_SECONDS"),
    ):
        assert f"| {seconds:g} s | `{variable}` |" in budgets
    assert f"above {costs.INLINE_EXPLAIN_VALUES:,} data values" in budgets
    assert f"{MAX_ITERATIONS['mlp']:,} for the MLP" in budgets
    assert f"{MAX_ITERATIONS['logistic_regression']:,} for logistic regression" in budgets


_KEPT: list[bytes] = []  # what a worker keeps between tasks (imports, caches): small blocks among the large


def _hold_and_free_tables(megabytes: int) -> int:
    """Build and drop many 4 MB tables while keeping small blocks between them (as a large explanation
    leaves its caches behind); return this worker's pid."""
    import os

    import numpy as np

    tables = []
    for _ in range(megabytes // 4):
        tables.append(np.ones(512 * 1024))
        _KEPT.append(bytes(2000))
    del tables
    return os.getpid()


def _resident_megabytes(pid: int) -> float:
    with open(f"/proc/{pid}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads resident memory from /proc")
def test_a_worker_gives_back_what_its_task_freed(pool):
    """A container's limit counts what a process holds: after a task that built and freed 400 MB of tables,
    the worker holds about what it held before it (glibc keeps freed heap unless told otherwise)."""
    pid = pool.run(_hold_and_free_tables, (4,), 60, _over)
    before = _resident_megabytes(pid)
    assert pool.run(_hold_and_free_tables, (400,), 60, _over) == pid
    assert _resident_megabytes(pid) - before < 50


class _RecordingPool:
    """A started pool that records what would go to an idle worker, and has none idle."""

    started = 2

    def __init__(self):
        self.offered: list[Scenario] = []

    def run_if_idle(self, function, args, budget, over_budget, wait=0.0):
        self.offered.append(args[0])
        return False, None


def test_a_cheap_explanation_goes_to_a_worker_only_while_the_process_serves_others(monkeypatch):
    from explainer.explanation import cache

    pool = _RecordingPool()
    monkeypatch.setattr(cache, "shared_pool", lambda: pool)
    cheap = Scenario.from_ranges({"a": (0, 1), "b": (0, 700)}, samples=50)
    assert runs_in_process(cheap)
    alone = explain_within_budget(cheap)  # alone: in-process at once, no worker's pickling
    assert pool.offered == []
    monkeypatch.setattr(cache, "_busy", lambda: True)
    busy = explain_within_budget(cheap)  # among other requests: offered to a worker, computed here when none is idle
    assert pool.offered == [cheap] and busy.summary == alone.summary


class _StartingWorker:
    """A worker that has not said READY yet (still importing)."""

    def wait_ready(self, seconds: float) -> bool:
        return False


def test_cheap_work_never_waits_for_a_worker_still_starting():
    pool = WorkerPool(size=1)
    starting = _StartingWorker()
    pool._idle.put(starting)
    started = time.perf_counter()
    assert pool.run_if_idle(os.getpid, (), 30, _over, wait=5) == (False, None)
    assert time.perf_counter() - started < 1  # not the 5 s it would wait for a busy one
    assert pool._idle.get_nowait() is starting  # back in the pool, for when it is ready


class _LosingPool(_RecordingPool):
    def run_if_idle(self, function, args, budget, over_budget, wait=0.0):
        raise WorkerLostError("the worker computing this stopped unexpectedly (EOFError)")


def test_a_cheap_explanation_whose_worker_is_lost_is_answered_in_process(monkeypatch):
    from explainer.explanation import cache

    monkeypatch.setattr(cache, "shared_pool", _LosingPool)
    monkeypatch.setattr(cache, "_busy", lambda: True)
    cheap = Scenario.from_ranges({"a": (0, 1), "b": (0, 700)}, samples=50)
    assert explain_within_budget(cheap).summary == explain(cheap).summary
