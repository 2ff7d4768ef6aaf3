"""Heavy work runs in a small pool of warm worker processes, each task with a time budget.

Why processes: a model fit or a large explanation holds Python's global lock for seconds, and
while it does every session of the server waits (reruns, the WebSocket, `/_stcore/health`).
In a worker process it cannot. Why our own pool rather than `ProcessPoolExecutor`: a running
task cannot be cancelled there; here a task over its budget has its worker killed (SIGKILL)
and replaced, and the caller gets a `BudgetExceededError` that says what would work instead.

Workers start from a fork server that has already imported NumPy, scikit-learn and the
engine (`forkserver` with a preload): forking from the multithreaded Streamlit server itself
is unsafe, and a `spawn`ed worker would pay about a second of imports before its first task.
Workers run at a lower CPU priority (`nice`), so on a small machine the serving process
still answers at once while they compute.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import queue
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from explainer.budget.memory import keep_large_allocations_returnable, return_freed_memory
from explainer.scenario.spec import ScenarioError

WORKERS = max(1, int(os.environ.get("WHY_NORMALIZE_WORKERS", "2")))  # the machine has 2 cores
START_METHOD = os.environ.get("WHY_NORMALIZE_WORKER_START", "forkserver")
WORKER_NICENESS = int(os.environ.get("WHY_NORMALIZE_WORKER_NICENESS", "5"))  # the serving process goes first
WAIT_FOR_WORKER_SECONDS = float(os.environ.get("WHY_NORMALIZE_WORKER_WAIT_SECONDS", "30"))
# What a worker imports before its first task. The engine's modules load scikit-learn, SciPy and SymPy only
# where used (so the command line starts fast); a worker is for that work, so it loads them all up front.
PRELOAD = (
    "numpy",
    "scipy.special",
    "sklearn",
    "sklearn.preprocessing",
    "explainer.linear.scalers",
    "explainer.models.fit",
    "explainer.explanation.explain",
    "explainer.explanation.theory",
    "explainer.lessons.files",
)


class BudgetExceededError(ScenarioError):
    """A request stopped at its time budget (or found no free worker): the message says what would work.

    A ScenarioError, so every caller that shows a refused scenario shows this too, as one line.
    """

    def __init__(self, path: str, reason: str, busy: bool = False):
        super().__init__([(path, reason)])
        self.busy = busy  # the server was busy: trying again later may work, so never cache this one

    def __reduce__(self) -> Any:
        path, reason = self.problems[0]
        return (type(self), (path, reason, self.busy))


class WorkerLostError(RuntimeError):
    """A worker died mid-task (killed for memory, say): the caller sees one line, the pool replaces it."""


READY = b"ready"
START_SECONDS = 120.0  # a worker's start (its imports) on a busy machine, before its first task


def _preload() -> None:
    for module in PRELOAD:
        __import__(module)


def _serve(connection: Connection) -> None:
    """A worker's loop: receive (function, args), send back ("ok", value) or ("error", exception)."""
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)
    _preload()  # already imported under forkserver; a spawned worker pays for it here, before its first task
    keep_large_allocations_returnable()
    try:
        connection.send_bytes(READY)  # cheap work takes only a worker that has said this (`WorkerPool.run_if_idle`)
    except (OSError, ValueError):
        return
    while True:
        try:
            function, args = connection.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", function(*args))
        except Exception as error:
            reply = ("error", error)
        payload = _pickled(reply)
        del reply, function, args
        try:
            connection.send_bytes(payload)
        except (OSError, ValueError):
            return
        del payload
        return_freed_memory()  # a worker idles at its preload size, not at its largest task's


def _pickled(reply: tuple[str, Any]) -> bytes:
    """The reply as bytes; an exception that cannot be rebuilt on the other side becomes a plain one."""
    try:
        payload = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
        if reply[0] == "error":
            pickle.loads(payload)  # only exceptions are checked: a result's second copy would double its memory
        return payload
    except Exception as error:
        return pickle.dumps(("error", RuntimeError(f"{type(error).__name__}: {error}")))


class _Worker:
    def __init__(self, context: Any):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child,), daemon=True, name="why-normalize worker")
        self.process.start()
        child.close()
        self.ready = False  # until it has said READY: a fresh worker may still be importing NumPy and scikit-learn

    def wait_ready(self, seconds: float) -> bool:
        """Whether the worker is ready, waiting at most `seconds` for its READY (0: just look)."""
        if not self.ready and self.connection.poll(seconds):
            if self.connection.recv_bytes() != READY:
                raise EOFError("a worker spoke before it said it was ready")
            self.ready = True
        return self.ready

    def stop(self) -> None:
        """Kill at once: a task over budget gets no grace period (it may be deep in compiled code)."""
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join(2)
        with contextlib.suppress(Exception):
            self.connection.close()


class WorkerPool:
    """`size` warm workers; `run` hands a task to a free one and waits at most `budget` seconds for it."""

    def __init__(self, size: int = WORKERS, start_method: str = START_METHOD):
        self.size = size
        self.context = multiprocessing.get_context(start_method)
        if start_method == "forkserver":
            self.context.set_forkserver_preload(list(PRELOAD))
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._started = 0
        self._closed = False

    def start(self) -> None:
        """Start every worker now (in the background is fine), so the first request does not pay for it.

        The process that starts the pool also receives its replies (tens of MB for a large explanation),
        so its large allocations are made returnable too.
        """
        keep_large_allocations_returnable()
        while self._reserve_slot():
            self._idle.put(_Worker(self.context))

    def _reserve_slot(self) -> bool:
        with self._lock:
            if self._closed or self._started >= self.size:
                return False
            self._started += 1
            return True

    def _checkout(self, wait: float) -> _Worker:
        with contextlib.suppress(queue.Empty):
            return self._idle.get_nowait()
        if self._reserve_slot():
            try:
                return _Worker(self.context)
            except Exception:
                with self._lock:
                    self._started -= 1
                raise
        try:
            return self._idle.get(timeout=wait)
        except queue.Empty:
            raise BudgetExceededError(
                "",
                f"the server's {self.size} workers stayed busy with other requests for {wait:g} s; try again in a"
                " moment",
                busy=True,
            ) from None

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker and free its slot; a replacement starts in the background, ready for the next task."""
        worker.stop()
        with self._lock:
            self._started -= 1
        threading.Thread(target=self._replace, daemon=True, name="why-normalize worker restart").start()

    def _replace(self) -> None:
        if self._reserve_slot():
            try:
                self._idle.put(_Worker(self.context))
            except Exception:
                with self._lock:
                    self._started -= 1

    def run(
        self,
        function: Callable[..., Any],
        args: tuple[Any, ...],
        budget: float,
        over_budget: Callable[[float], BudgetExceededError],
    ) -> Any:
        """`function(*args)` in a worker; past `budget` seconds the worker is killed and `over_budget(budget)` raised.

        `function` must be importable by name (a module-level function); args and result travel pickled.
        An exception raised by `function` is raised here, as itself.
        """
        return self._run_on(self._checkout(WAIT_FOR_WORKER_SECONDS), function, args, budget, over_budget)

    def run_if_idle(
        self,
        function: Callable[..., Any],
        args: tuple[Any, ...],
        budget: float,
        over_budget: Callable[[float], BudgetExceededError],
        wait: float = 0.0,
    ) -> tuple[bool, Any]:
        """`(True, function(*args))` from a worker idle within `wait` seconds, or `(False, None)` when none is.

        For work cheap enough for the serving process: it then uses the other core when a worker frees up soon,
        and never waits long behind a long task (a model fit) for one."""
        try:
            worker = self._idle.get(timeout=wait) if wait > 0 else self._idle.get_nowait()
        except queue.Empty:
            return False, None
        try:
            ready = worker.wait_ready(0)
        except (EOFError, OSError):
            self._retire(worker)
            return False, None
        if not ready:  # still starting: the serving process is quicker than waiting for its imports
            self._idle.put(worker)
            return False, None
        return True, self._run_on(worker, function, args, budget, over_budget)

    def _run_on(
        self,
        worker: _Worker,
        function: Callable[..., Any],
        args: tuple[Any, ...],
        budget: float,
        over_budget: Callable[[float], BudgetExceededError],
    ) -> Any:
        try:
            if not worker.wait_ready(START_SECONDS):
                raise EOFError("the worker did not start")
            worker.connection.send((function, args))
            if not worker.connection.poll(budget):
                self._retire(worker)
                worker = None
                raise over_budget(budget)
            status, value = pickle.loads(worker.connection.recv_bytes())
        except (EOFError, OSError, pickle.UnpicklingError) as error:
            if worker is not None:
                self._retire(worker)
                worker = None
            raise WorkerLostError(f"the worker computing this stopped unexpectedly ({type(error).__name__})") from None
        except BaseException:
            if worker is not None:  # interrupted while waiting (the session stopped): the task may still run
                self._retire(worker)
                worker = None
            raise
        finally:
            if worker is not None:
                self._idle.put(worker)
        if status == "error":
            raise value
        return value

    def close(self) -> None:
        with self._lock:
            self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return

    @property
    def started(self) -> int:
        return self._started


_pool: WorkerPool | None = None
_pool_lock = threading.Lock()


def shared_pool() -> WorkerPool:
    """The one pool of this server process, created on first use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = WorkerPool()
        return _pool


def warm_up_in_background() -> None:
    """Start the shared pool's workers on a thread, so the first heavy request finds them ready."""
    threading.Thread(target=shared_pool().start, daemon=True, name="why-normalize pool start").start()
