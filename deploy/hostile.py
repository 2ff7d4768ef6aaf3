"""Hostile visitors, and what their neighbours feel: the shared harness of tests/hostile and benchmarks/hostile.py.

One session sends a hostile request (a chat message built to make a parser backtrack, a link asking
for the most expensive model fit) while a second session keeps rerunning its page and a thread polls
`/_stcore/health`. `measure` returns the hostile request's own time, every neighbour rerun's latency
and every health poll's latency during it: what a classmate, and a load balancer, would feel.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any, TypeVar

from deploy.protocol import Run, Session, health_seconds, string_state

Result = TypeVar("Result")

NEIGHBOUR_QUESTION = "why normalize?"
HEALTH_INTERVAL = 0.2  # seconds between health polls, as a strict load balancer would poll
MIN_WINDOW = 1.5  # seconds the neighbour keeps rerunning even if the hostile request ends sooner


@dataclass(frozen=True)
class Hostile:
    """One hostile request: a chat message typed on the Ask page, or a link opened directly."""

    name: str
    message: str | None = None  # typed into the Ask page's chat box
    page: str = ""  # else: the page and query string a link opens
    query: str = ""

    @property
    def is_chat(self) -> bool:
        return self.message is not None

    @property
    def size(self) -> str:
        return f"{len(self.message):,} characters" if self.message is not None else f"/{self.page}?{self.query}"


TEN_MB = 10 * 2**20
CHAT_REQUESTS = (
    Hostile("spaces between two numbers", message="1" + " " * 12_000 + "2"),
    Hostile("min, spaces, x", message="min" + " " * 12_000 + "x"),
    Hostile("dtype lines", message="dtype: 1\n" * 2_222),
    Hostile("nested calls around spaces", message="ab(" * 100 + "1" + " " * 6_000 + ")" * 100),
    Hostile(
        "a 10 MB message",
        message="my features go from 0 to 1 and 1 to 1000, why normalize? " + "x" * TEN_MB,
    ),
)
LINK_REQUESTS = (
    Hostile("MLP on diabetes, maxiter=10000", page="Explore", query="dataset=diabetes&model=mlp&maxiter=10000"),
    Hostile(
        "saga logistic on digits, maxiter=10000",
        page="Explore",
        query="dataset=digits&model=logistic_regression&solver=saga&maxiter=10000",
    ),
)
HOSTILE_REQUESTS = CHAT_REQUESTS + LINK_REQUESTS


@dataclass
class Measurement:
    """What one hostile request cost: its own time and result, and its neighbours' latencies meanwhile."""

    hostile: Hostile
    hostile_seconds: float = 0.0
    hostile_run: Run | None = None
    hostile_error: str | None = None  # no answer within the wait, or the connection dropped
    neighbour_seconds: list[float] = field(default_factory=list)
    neighbour_problems: list[str] = field(default_factory=list)
    health_seconds: list[float] = field(default_factory=list)

    @property
    def worst_neighbour(self) -> float:
        return max(self.neighbour_seconds, default=float("inf"))

    @property
    def worst_health(self) -> float:
        return max(self.health_seconds, default=float("inf"))

    def summary(self) -> str:
        outcome = self.hostile_error or ("answered" if self.hostile_run and self.hostile_run.ok else "failed")
        neighbour = sorted(self.neighbour_seconds)
        middle = neighbour[len(neighbour) // 2] if neighbour else float("nan")
        return (
            f"{self.hostile.name}: hostile {self.hostile_seconds:.2f} s ({outcome}); "
            f"{len(neighbour)} neighbour reruns, median {middle:.2f} s, worst {self.worst_neighbour:.2f} s; "
            f"{len(self.health_seconds)} health polls, worst {self.worst_health:.2f} s"
        )


class HealthPoller:
    """Polls `/_stcore/health` from a thread; keeps (start time, latency) of every poll."""

    def __init__(self, url: str, timeout: float):
        self.url = url
        self.timeout = timeout
        self.polls: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            started = time.perf_counter()
            self.polls.append((started, health_seconds(self.url, self.timeout)))
            self._stop.wait(HEALTH_INTERVAL)

    def __enter__(self) -> HealthPoller:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(self.timeout + 5)

    def between(self, start: float, end: float) -> list[float]:
        return [latency for started, latency in self.polls if start <= started <= end]


def run_apart(work: Coroutine[Any, Any, Result]) -> Result:
    """`asyncio.run(work)` on a thread of its own: callers may already be inside an event loop
    (a test process that drove a browser through Playwright's sync API keeps one running)."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = asyncio.run(work)
        except BaseException as error:  # handed back to the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=target, name="hostile-client", daemon=True)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


async def open_page(session: Session, hostile: Hostile) -> None:
    """The hostile session's page before its request: the Ask page for a chat message, nothing for a link."""
    if hostile.is_chat:
        await session.run("", "")


async def send(session: Session, hostile: Hostile) -> Run:
    if hostile.is_chat:
        return await session.ask(hostile.message)
    return await session.run(hostile.page, hostile.query)


async def measure(url: str, hostile: Hostile, wait: float = 60.0) -> Measurement:
    """Send `hostile` from one session while a neighbour reruns and health is polled; `wait` bounds every wait."""
    result = Measurement(hostile)
    async with Session(url, timeout=wait) as neighbour, Session(url, timeout=wait) as attacker:
        await neighbour.run("", "")
        await neighbour.ask(NEIGHBOUR_QUESTION)  # its answer is computed now; in the window it is asked again
        await open_page(attacker, hostile)
        with HealthPoller(url, timeout=wait) as poller:
            start = time.perf_counter()
            attack = asyncio.create_task(send(attacker, hostile))
            finished: list[float] = []
            attack.add_done_callback(lambda _: finished.append(time.perf_counter()))
            await asyncio.sleep(0.2)  # the hostile run has started on the server
            first = True
            while not attack.done() or time.perf_counter() - start < MIN_WINDOW:
                try:
                    run = await (neighbour.ask(NEIGHBOUR_QUESTION) if first else neighbour.run("", ""))
                except TimeoutError:
                    result.neighbour_seconds.append(wait)
                    result.neighbour_problems.append(f"no answer within {wait:.0f} s")
                    break
                first = False
                result.neighbour_seconds.append(run.seconds)
                if run.problem:
                    result.neighbour_problems.append(run.problem)
                await asyncio.sleep(0.05)
            try:
                result.hostile_run = await attack
            except TimeoutError:
                result.hostile_error = f"no answer within {wait:.0f} s"
            except Exception as error:  # a dropped connection is a finding, not a harness crash
                result.hostile_error = f"{type(error).__name__}: {error}"
            end = finished[0] if finished else time.perf_counter()
            result.hostile_seconds = end - start
            result.health_seconds = poller.between(start, max(end, start + MIN_WINDOW))
    return result


def settle(url: str, timeout: float = 180.0) -> float:
    """Wait until the server answers health quickly again (a hostile run may outlive its client); the seconds waited."""
    start = time.perf_counter()
    quick = 0
    while quick < 3 and time.perf_counter() - start < timeout:
        quick = quick + 1 if health_seconds(url, 30.0) < 0.3 else 0
        time.sleep(0.2)
    return time.perf_counter() - start


# The memory mix: what a class of hostile visitors can make the server hold at once.
MEMORY_BUDGET = 2 * 2**30  # bytes: the container's limit, server and worker processes together
WORST_LINK_FEATURES = 20
WORST_LINK_SAMPLES = 100_000


def worst_case_link(index: int) -> str:
    """The largest scenario a link may ask for (20 features × 100,000 samples), a new cache key each time."""
    from urllib.parse import urlencode

    from explainer import Scenario, scenario_to_params
    from explainer.scenario.spec import Feature, OptimizerSettings

    features = tuple(Feature(f"x{j}", 0.0, 10.0 ** (j % 7)) for j in range(WORST_LINK_FEATURES))
    optimizer = ("gd", "momentum", "adam")[index % 3]
    scenario = Scenario(
        features=features,
        samples=WORST_LINK_SAMPLES,
        seed=1000 + index,
        optimizer=OptimizerSettings(name=optimizer),
    )
    return urlencode(scenario_to_params(scenario), doseq=True)


HEAVY_MODELS = ("logistic regression", "k-nearest neighbours", "an SVM", "an MLP")


def heavy_question(index: int) -> str:
    """A chat question naming 20 features, about 100,000 samples (another count each time) and a model to fit."""
    ranges = ", ".join(f"x{j} from 0 to {10 ** (j % 7)}" for j in range(20))
    model = HEAVY_MODELS[index % len(HEAVY_MODELS)]
    return f"I have 20 features: {ranges}, and {100_000 - 7 * index:,} samples. Does {model} need them normalized?"


def largest_csv(index: int, limit: int = 19_500_000) -> bytes:
    """A CSV just under the 20 MB upload limit: 20 feature columns and a target, different for each index."""
    import numpy as np

    generator = np.random.default_rng(index)
    columns = 21
    header = ",".join([*(f"x{j}" for j in range(columns - 1)), "y"]) + "\n"
    row_bytes = columns * 10  # "%.6f," of numbers below 100 is about 10 characters
    rows = min(100_000, (limit - len(header)) // row_bytes)
    values = generator.uniform(0, 99, size=(rows, columns))
    body = "\n".join(",".join(f"{value:.6f}" for value in row) for row in values)
    return (header + body + "\n").encode()[:limit].rsplit(b"\n", 1)[0] + b"\n"


def largest_lesson(limit: int = 4_900_000) -> bytes:
    """The largest lesson the Scenarios page accepts: 50 steps, inline data filling the 5 MB file limit."""
    import numpy as np

    generator = np.random.default_rng(0)
    rows = min(100_000, limit // (6 * 8))  # the row limit; "1.234e+04, " is about 8 characters on average
    columns = {name: generator.uniform(0, 10.0**power, size=rows) for power, name in enumerate("abcdey")}
    lines = ['title = "The largest lesson"', 'description = "Fifty steps over one inline table."', ""]
    lines += ["[[steps]]", 'title = "Step 1"', "[steps.scenario.data]", 'target = "y"', "[steps.scenario.data.columns]"]
    for name, values in columns.items():
        lines.append(f"{name} = [{', '.join(f'{value:.4g}' for value in values)}]")
    for step in range(2, 51):
        lines += ["", "[[steps]]", f'title = "Step {step}"', "[steps.changes]", f"learning_rate = {0.001 * step:g}"]
    return ("\n".join(lines) + "\n").encode()


class MemoryWatch:
    """Samples the servers' memory, worker processes included, every 0.2 s from a thread.

    `read` measures the pids' memory in bytes (default: each process with its children, a page they share
    counted once, as the container's limit counts it)."""

    def __init__(self, pids: list[int], read: Callable[[list[int]], int] | None = None):
        from deploy.protocol import tree_pss_bytes

        self.pids = pids
        self.read = read or tree_pss_bytes
        self.start = self.peak = self.read(pids)
        # with the default reading, the RSS summed over the processes too (shared pages once per process), as context
        self._read_rss = read is None
        self.peak_rss_sum = self._rss_sum()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _rss_sum(self) -> int:
        from deploy.protocol import tree_rss_bytes

        return tree_rss_bytes(self.pids) if self._read_rss else 0

    def _sample(self) -> None:
        self.peak = max(self.peak, self.read(self.pids))
        self.peak_rss_sum = max(self.peak_rss_sum, self._rss_sum())

    def _loop(self) -> None:
        while not self._stop.wait(0.2):
            self._sample()

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


@dataclass
class MixReport:
    """What the memory mix did: the peak, the part of the mix that ran, and what went wrong."""

    peak_bytes: int = 0
    start_bytes: int = 0
    peak_rss_sum_bytes: int = 0
    done: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    peaks: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = ", ".join(
            f"{count} {kind} in {self.seconds.get(kind, 0):.0f} s (peak {self.peaks.get(kind, 0) / 2**20:,.0f} MB)"
            for kind, count in self.done.items()
        )
        return (
            f"peak memory (PSS) {self.peak_bytes / 2**20:,.0f} MB (from {self.start_bytes / 2**20:,.0f} MB;"
            f" RSS summed over the processes {self.peak_rss_sum_bytes / 2**20:,.0f} MB) after {parts};"
            f" {len(self.problems)} problems {self.problems[:3]}"
        )


async def memory_mix(
    url: str,
    pids: list[int],
    links: int = 200,
    questions: int = 20,
    uploads: int = 8,
    lesson: bool = True,
    concurrency: int = 4,
    seconds: float = 280.0,
    wait: float = 90.0,
) -> MixReport:
    """Worst-case links, heavy chat questions, the largest uploads and the largest lesson, watched for memory.

    Every part runs `concurrency` sessions at a time; nothing new starts after `seconds`, so the run is bounded.
    """
    report = MixReport()
    deadline = time.perf_counter() + seconds
    limit = asyncio.Semaphore(concurrency)

    async def visit(kind: str, index: int, action) -> None:
        async with limit:
            if time.perf_counter() > deadline:
                return
            try:
                async with Session(url, timeout=wait) as session:
                    run = await action(session, index)
                if run.problem:
                    report.problems.append(f"{kind} {index}: {run.problem[:120]}")
                report.done[kind] = report.done.get(kind, 0) + 1
            except Exception as error:  # a timeout or a dropped connection is a finding
                report.problems.append(f"{kind} {index}: {type(error).__name__} {str(error)[:80]}")

    async def open_link(session: Session, index: int) -> Run:
        return await session.run("Explore", worst_case_link(index))

    async def ask(session: Session, index: int) -> Run:
        await session.run("", "")
        return await session.ask(heavy_question(index))

    async def upload_csv(session: Session, index: int) -> Run:
        await session.run("Explore", "")
        mode = session.widgets["Your features"]
        data_mode = string_state(mode["id"], next(option for option in mode["options"] if "CSV" in option))
        await session.run("Explore", "", [data_mode])
        uploader = session.widget("CSV file", "file_uploader")
        state = await session.upload(uploader, f"largest-{index}.csv", largest_csv(index))
        return await session.run("Explore", "", [data_mode, state])

    async def upload_lesson(session: Session, index: int) -> Run:
        await session.run("Scenarios", "")
        uploader = session.widget("Your own scenario or lesson file", "file_uploader")
        state = await session.upload(uploader, "largest-lesson.toml", largest_lesson())
        return await session.run("Scenarios", "", [state])

    parts = [("links", links, open_link), ("questions", questions, ask), ("uploads", uploads, upload_csv)]
    parts.append(("lesson", 1 if lesson else 0, upload_lesson))
    with MemoryWatch(pids) as watch:
        report.start_bytes = watch.start
        for kind, count, action in parts:
            started = time.perf_counter()
            await asyncio.gather(*(visit(kind, index, action) for index in range(count)))
            report.seconds[kind] = time.perf_counter() - started
            report.peaks[kind] = watch.peak  # the peak so far: where the memory went, part by part
            report.done.setdefault(kind, 0)
    report.peak_bytes = watch.peak
    report.peak_rss_sum_bytes = watch.peak_rss_sum
    return report
