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
from dataclasses import dataclass, field

from deploy.protocol import Run, Session, health_seconds

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
        return (
            f"{self.hostile.name}: hostile {self.hostile_seconds:.2f} s ({outcome}); "
            f"neighbour reruns {', '.join(f'{s:.2f}' for s in self.neighbour_seconds)} s; "
            f"health worst {self.worst_health:.2f} s of {len(self.health_seconds)} polls"
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
            end = time.perf_counter()
            result.hostile_seconds = end - start
            result.health_seconds = poller.between(start, end)
    return result


def settle(url: str, timeout: float = 180.0) -> float:
    """Wait until the server answers health quickly again (a hostile run may outlive its client); the seconds waited."""
    start = time.perf_counter()
    quick = 0
    while quick < 3 and time.perf_counter() - start < timeout:
        quick = quick + 1 if health_seconds(url, 30.0) < 0.3 else 0
        time.sleep(0.2)
    return time.perf_counter() - start
