"""Load test that speaks Streamlit's own WebSocket protocol, as a browser does.

Each simulated visitor opens `/_stcore/stream`, sends a `rerun_script` BackMsg (the page name and
its query string, the widget states it holds and the hashes of the messages it has cached, like
Streamlit's frontend) and reads ForwardMsgs until `script_finished`. A session:

1. opens its own scenario's Explore share link as a browser does ("open": the first run, which in a browser
   draws Explore's numbers alone; then the runs its paint reports cause, inputs and charts: "whole page";
   `--no-browser` sends no address and no reports, so "open" is the whole page, as before),
2. reruns it unchanged ("rerun"; `--reruns 2 --edits 0 --questions 0` is issue 10's original probe),
3. edits the learning rate a few times ("edit": a new scenario each time),
4. goes to the Ask page and asks two questions ("ask").

It prints p50/p95 per interaction, errors (an exception on the page, a failed run), disconnects,
and the server's peak RSS and CPU (read from /proc). Loopback only; every session has a bounded
number of requests and the whole run a time limit, after which it stops by itself.

Unless given `--url`, it first serves the floor, benchmarks/floor_app.py (a title, two metrics, a chat
box), the same way (`streamlit run`, one server) and sends it the same sessions (open its link, rerun
it, edits as reruns, the same questions into its chat box); every figure is printed beside the floor's
p50 and the ratio, with the exact command and the load average before and after each part.

    python benchmarks/load.py --sessions 25                     # starts its own server
    python benchmarks/load.py --sessions 25 --replicas 2        # two replicas behind nginx
    python benchmarks/load.py --sessions 25 --replicas 1 2      # one, then two, in the same run
    python benchmarks/load.py --url http://127.0.0.1:8501 --sessions 50
    python benchmarks/load.py --distinct-worst-case 200         # memory: 20 features × 100 000 samples
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import websockets

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.floor import FloorCluster  # noqa: E402
from deploy import protocol  # noqa: E402
from deploy.hostile import MemoryWatch  # noqa: E402
from deploy.local import Cluster, listening_pids  # noqa: E402
from explainer import Scenario, scenario_to_params  # noqa: E402
from explainer.scenario.spec import Feature, OptimizerSettings  # noqa: E402

LOOPBACK = ("127.0.0.1", "localhost", "::1")
REQUEST_TIMEOUT = 120.0  # seconds for one script run before it counts as an error
LEARNING_RATES = ("0.0005", "0.001", "0.0002", "0.002", "0.0001")
OPTIMIZERS = ("gd", "momentum", "adam")


@dataclass
class Tally:
    """Latencies per interaction, errors and disconnects, shared by all sessions."""

    times: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    disconnects: int = 0

    def add(self, kind: str, seconds: float) -> None:
        self.times.setdefault(kind, []).append(seconds)


class Session(protocol.Session):
    """One browser tab (deploy/protocol.py) whose runs are counted in the shared tally."""

    def __init__(self, url: str, tally: Tally, as_browser: bool = True):
        super().__init__(url, timeout=REQUEST_TIMEOUT, as_browser=as_browser)
        self.tally = tally

    async def open(self, page: str, query: str) -> None:
        """Open a link as a browser does: its first run ("open": on Explore the numbers alone), then the
        runs each paint report causes (inputs, then charts), all counted together as "whole page"."""
        started = time.perf_counter()
        await self.run("open", page, query)
        for run in await self.report_paints(page, query):
            if run.problem:
                self.tally.errors.append(f"whole page: {run.problem}")
        self.tally.add("whole page", time.perf_counter() - started)

    async def run(self, kind: str, page: str, query: str, widget_states=()) -> bool:
        """One script run; True if it finished cleanly (an exception on the page counts as an error)."""
        result = await super().run(page, query, widget_states)
        self.tally.add(kind, result.seconds)
        if result.problem:
            self.tally.errors.append(f"{kind}: {result.problem[:150]}")
        return result.ok


def session_scenario(index: int) -> Scenario:
    """A different scenario per session, as a class where each learner brings their own numbers."""
    return Scenario(
        features=(Feature("a", 0.0, 1.0), Feature("b", 1.0, 1000.0 + 10 * index)),
        seed=index,
    )


def worst_case_scenario(index: int) -> Scenario:
    """The largest scenario a link may ask for: 20 features, 100 000 samples; varied seed and optimizer."""
    features = tuple(Feature(f"x{j}", 0.0, 10.0 ** (j % 7)) for j in range(20))
    return Scenario(
        features=features,
        samples=100_000,
        seed=1000 + index,
        optimizer=OptimizerSettings(name=OPTIMIZERS[index % len(OPTIMIZERS)]),
    )


async def visitor(
    url: str,
    index: int,
    tally: Tally,
    edits: int,
    questions: int,
    deadline: float,
    reruns: int = 1,
    floor=False,
    as_browser: bool = True,
) -> None:
    """One learner; on the floor page (`floor`) the same requests: its link, reruns, its chat box."""
    session = Session(url, tally, as_browser)
    query = urlencode(scenario_to_params(session_scenario(index)), doseq=True)
    page = "" if floor else "Explore"
    try:
        await session.connect()
        await session.open(page, query)
        for _ in range(reruns):
            await session.run("rerun", page, query)
        for edit in range(edits):
            if time.monotonic() > deadline:
                return
            if floor:  # the floor has no learning rate: a rerun is what an edit costs there
                await session.run("edit", page, query)
                continue
            lr_id = session.widget("Learning rate", "text_input")
            state = _string_state(lr_id, LEARNING_RATES[(index + edit) % len(LEARNING_RATES)])
            await session.run("edit", "Explore", query, [state])
        if questions and time.monotonic() < deadline and not floor:
            await session.run("home", "", "")
        asks = (
            f"my features go from 0 to 1 and 1 to {1000 + index}, why normalize?",
            "what if I use adam instead?",
        )
        for text in asks[:questions]:
            if time.monotonic() > deadline:
                return
            chat_id = session.widget("", "chat_input")
            state = _chat_state(chat_id, text)
            await session.run("ask", "", "", [state])
    except websockets.ConnectionClosed:
        tally.disconnects += 1
    except TimeoutError:
        tally.errors.append("timeout: no script_finished within the limit")
    except (LookupError, OSError) as error:
        tally.errors.append(f"{type(error).__name__}: {error}")
    finally:
        await session.close()


async def worst_case_visitor(url: str, index: int, tally: Tally) -> None:
    session = Session(url, tally)
    query = urlencode(scenario_to_params(worst_case_scenario(index)), doseq=True)
    try:
        await session.connect()
        await session.run("worst-case open", "Explore", query)
    except websockets.ConnectionClosed:
        tally.disconnects += 1
    except TimeoutError:
        tally.errors.append("timeout: no script_finished within the limit")
    finally:
        await session.close()


_string_state = protocol.string_state
_chat_state = protocol.chat_state


class Monitor(MemoryWatch):
    """The servers' own RSS (sampled every 0.2 s, in a thread), their CPU time and the wall time."""

    def __init__(self, pids: list[int]):
        super().__init__(pids, read=lambda pids: sum(_rss(pid) for pid in pids))
        self.cpu_start = self._cpu()
        self.wall_start = time.monotonic()

    @property
    def peak_rss(self) -> int:
        return self.peak

    def _cpu(self) -> float:
        return sum(_cpu_seconds(pid) for pid in self.pids)

    def __exit__(self, *exc) -> None:
        super().__exit__(*exc)
        self.cpu = self._cpu() - self.cpu_start
        self.wall = time.monotonic() - self.wall_start


_rss = protocol.rss_bytes
_cpu_seconds = protocol.cpu_seconds
machine_load = protocol.machine_load


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


FLOOR_FOR = {"edit": "rerun", "ask": "rerun", "home": "open"}  # what each interaction is judged against


def report(tally: Tally, monitor: Monitor, sessions: int, label: str, floor: Tally | None = None) -> None:
    """p50/p95/max per interaction; beside a floor, the floor's p50 and p50 ÷ floor p50.

    An edit and a chat question are judged against the floor's rerun (issue 19's target), the rest
    against the same interaction on the floor page."""
    print(f"\n{label}: {sessions} sessions, {machine_load()} at the end")
    header = f"{'interaction':<16}{'count':>6}{'p50 s':>9}{'p95 s':>9}{'max s':>9}"
    if floor is not None:
        header += f"   {'floor':<7}{'p50 s':>7}{'p95 s':>7}{'p50 ratio':>11}"
    print(header)
    for kind, times in tally.times.items():
        line = f"{kind:<16}{len(times):>6}{statistics.median(times):>9.2f}"
        line += f"{percentile(times, 0.95):>9.2f}{max(times):>9.2f}"
        base = FLOOR_FOR.get(kind, kind)
        if floor is not None and floor.times.get(base):
            floor_times = floor.times[base]
            floor_p50 = statistics.median(floor_times)
            line += f"   {base:<7}{floor_p50:>7.2f}{percentile(floor_times, 0.95):>7.2f}"
            line += f"{statistics.median(times) / max(floor_p50, 1e-9):>10.2f}×"
        print(line)
    print(f"errors: {len(tally.errors)}   disconnects: {tally.disconnects}")
    for error in sorted(set(tally.errors))[:10]:
        print(f"  {error}")
    print(
        f"server: peak RSS {monitor.peak_rss / 2**20:,.0f} MB, CPU {monitor.cpu:.1f} s"
        f" over {monitor.wall:.1f} s wall ({100 * monitor.cpu / max(monitor.wall, 1e-9):.0f}% of one core)"
    )


async def main_async(args: argparse.Namespace, url: str, floor: bool = False) -> Tally:
    tally = Tally()
    deadline = time.monotonic() + args.duration
    if args.distinct_worst_case:
        limit = asyncio.Semaphore(args.concurrency)

        async def one(index: int) -> None:
            async with limit:
                if time.monotonic() < deadline:
                    await worst_case_visitor(url, index, tally)

        await asyncio.gather(*(one(index) for index in range(args.distinct_worst_case)))
    else:
        await asyncio.gather(
            *(
                visitor(
                    url, index, tally, args.edits, args.questions, deadline, args.reruns, floor, not args.no_browser
                )
                for index in range(args.sessions)
            )
        )
    return tally


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running server (loopback only); without it one is started")
    parser.add_argument("--server-pid", type=int, action="append", help="process(es) to watch (default: found by port)")
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--reruns", type=int, default=1, help="unchanged reruns of the link per session")
    parser.add_argument("--edits", type=int, default=3, help="learning-rate edits per session")
    parser.add_argument("--questions", type=int, default=2, help="chat questions per session (at most 2)")
    parser.add_argument(
        "--replicas",
        type=int,
        nargs="+",
        default=[1],
        help="when starting servers: replicas behind nginx if > 1; several counts are measured in turn",
    )
    parser.add_argument("--no-floor", action="store_true", help="skip the floor page (benchmarks/floor_app.py)")
    parser.add_argument("--duration", type=float, default=600.0, help="stop starting requests after this many s")
    parser.add_argument(
        "--distinct-worst-case", type=int, default=0, metavar="N", help="open N distinct 20×100 000 links instead"
    )
    parser.add_argument("--concurrency", type=int, default=4, help="concurrent worst-case links")
    parser.add_argument("--plain", action="store_true", help="start servers with `streamlit run`, not deploy.serve")
    parser.add_argument("--app-root", type=Path, default=ROOT, help="the app to start (e.g. an older checkout)")
    parser.add_argument("--warm-up", action="store_true", help="open one link first, unmeasured")
    parser.add_argument(
        "--no-browser",
        action="store_true",
        help="no browser address and no paint reports: every page whole in its first run (the old measure)",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= 500:
        parser.error("--sessions must be between 1 and 500")
    if not 0 <= args.distinct_worst_case <= 1000:
        parser.error("--distinct-worst-case must be between 0 and 1000")
    if args.url and urlsplit(args.url).hostname not in LOOPBACK:
        parser.error("--url must be a loopback address (127.0.0.1 or localhost)")
    return args


def measure_floor(args: argparse.Namespace) -> Tally:
    """The same sessions against benchmarks/floor_app.py served by one `streamlit run` server."""
    if args.distinct_worst_case:
        return Tally()
    with FloorCluster() as floor, Monitor(floor.server_pids()) as monitor:
        tally = asyncio.run(main_async(args, floor.url, floor=True))
    report(tally, monitor, args.sessions, "floor (benchmarks/floor_app.py, streamlit run, one server)")
    return tally


def measure_app(args: argparse.Namespace, replicas: int, floor: Tally | None) -> Tally:
    cluster = None
    if args.url:
        url = args.url
        pids = args.server_pid or listening_pids(urlsplit(url).port or 80)
    else:
        launcher = not args.plain and (args.app_root / "deploy" / "serve.py").exists()
        cluster = Cluster(replicas=replicas, root=args.app_root.resolve(), launcher=launcher)
        cluster.start()
        url, pids = cluster.url, cluster.server_pids()
    try:
        print(f"\nstarting the app's sessions: {machine_load()}", flush=True)
        if args.warm_up:
            asyncio.run(visitor(url, 10_000, Tally(), 0, 0, time.monotonic() + 60))
        with Monitor(pids) as monitor:
            tally = asyncio.run(main_async(args, url))
        where = f"{replicas} replica(s) behind nginx" if cluster and replicas > 1 else "one server"
        if args.distinct_worst_case:
            report(tally, monitor, args.distinct_worst_case, f"distinct worst-case links against {where}")
            print(f"worst time per request: {max(max(t) for t in tally.times.values()):.2f} s")
            verdict = "within" if monitor.peak_rss <= 1.5 * 2**30 else "OVER"
            print(f"peak RSS {monitor.peak_rss / 2**30:.2f} GB: {verdict} the 1.5 GB budget")
        else:
            report(tally, monitor, args.sessions, f"load against {where}", floor)
        return tally
    finally:
        if cluster is not None:
            cluster.stop()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"at the start: {machine_load()}", flush=True)
    floor = None if args.no_floor or args.url else measure_floor(args)
    counts = [1] if args.url else args.replicas
    results = {replicas: measure_app(args, replicas, floor) for replicas in counts}
    if len(results) > 1 and not args.distinct_worst_case:
        first = statistics.median(results[counts[0]].times["open"])
        print(f"\nfirst render p50 by replicas (same run; {machine_load()}):")
        for replicas, tally in results.items():
            p50 = statistics.median(tally.times["open"])
            print(f"  {replicas} replica(s): {p50:.2f} s, {p50 / first:.2f}× {counts[0]} replica(s)'s")
    print(f"at the end: {machine_load()}")
    return 1 if any(tally.errors or tally.disconnects for tally in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
