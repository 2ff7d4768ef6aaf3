"""What one hostile visitor costs everyone else, beside the floor of a trivial Streamlit page.

For each hostile request (deploy/hostile.py: chat messages built to make a parser backtrack, a 10 MB
paste, the costliest model links), one session sends it while a second session reruns its page and a
thread polls `/_stcore/health`. Printed per request: the hostile request's own time, the neighbour's
worst rerun and the worst health answer meanwhile, each beside the same figure for
benchmarks/floor_app.py (a title, two metrics, a chat box) served the same way in the same run, and
the ratio. tests/hostile asserts the budget (neighbour and health within 1 s); this prints the figures.

    python benchmarks/hostile.py                    # every request
    python benchmarks/hostile.py --only dtype       # requests whose name contains "dtype"
    python benchmarks/hostile.py --memory           # the memory mix instead: 200 worst-case links, 20 heavy
                                                    # questions, 8 largest uploads, the largest lesson
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.hostile import (  # noqa: E402
    HOSTILE_REQUESTS,
    MEMORY_BUDGET,
    Hostile,
    Measurement,
    measure,
    memory_mix,
    settle,
)
from deploy.local import Cluster, _stop, free_port, wait_healthy  # noqa: E402
from deploy.protocol import machine_load, tree_pss_bytes  # noqa: E402

FLOOR_APP = ROOT / "benchmarks" / "floor_app.py"


class FloorServer:
    """benchmarks/floor_app.py under `streamlit run`, with the app's own config and flags."""

    def __enter__(self) -> FloorServer:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-m", "streamlit", "run", str(FLOOR_APP), "--server.port", str(port)]
        command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            wait_healthy(self.url)
        except BaseException:
            _stop(self.process)
            raise
        return self

    def __exit__(self, *exc) -> None:
        _stop(self.process)


def on_the_floor(hostile: Hostile) -> Hostile:
    """The same request for the floor page: a message typed into its chat box, a link's query on its one page."""
    return hostile if hostile.is_chat else Hostile(hostile.name, page="", query=hostile.query)


def ratio(value: float, floor: float) -> str:
    return f"{value / max(floor, 1e-3):>7.0f}×"


def row(app: Measurement, floor: Measurement) -> str:
    outcome = app.hostile_error or ("ok" if app.hostile_run and app.hostile_run.ok else "page error")
    return (
        f"{app.hostile.name:<40}{app.hostile_seconds:>8.2f}{floor.hostile_seconds:>8.2f}"
        f"{ratio(app.hostile_seconds, floor.hostile_seconds)}"
        f"{app.worst_neighbour:>9.2f}{floor.worst_neighbour:>8.2f}{ratio(app.worst_neighbour, floor.worst_neighbour)}"
        f"{app.worst_health:>9.2f}{floor.worst_health:>8.2f}{ratio(app.worst_health, floor.worst_health)}  {outcome}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="", help="only requests whose name contains this")
    parser.add_argument("--wait", type=float, default=90.0, help="seconds before a request counts as a hang")
    parser.add_argument("--memory", action="store_true", help="run the memory mix instead")
    parser.add_argument("--links", type=int, default=200, help="worst-case links in the memory mix")
    parser.add_argument("--mix-seconds", type=float, default=1800.0, help="start no part of the mix after this")
    args = parser.parse_args(argv)
    if args.memory:
        return memory(args)
    chosen = [hostile for hostile in HOSTILE_REQUESTS if args.only.lower() in hostile.name.lower()]
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"before: {machine_load()}")
    results = []
    with Cluster() as app, FloorServer() as floor:
        for hostile in chosen:
            floor_figures = asyncio.run(measure(floor.url, on_the_floor(hostile), wait=args.wait))
            app_figures = asyncio.run(measure(app.url, hostile, wait=args.wait))
            results.append((app_figures, floor_figures))
            print(f"  measured {hostile.name} ({hostile.size[:60]}): {app_figures.summary()}", flush=True)
            settle(app.url)
            time.sleep(0.5)
    print("\nseconds: the hostile request's own time, the neighbour's worst rerun and the worst /_stcore/health")
    print("answer while it ran; app beside the floor (benchmarks/floor_app.py, same run), and their ratio")
    header = f"{'hostile request':<40}{'app':>8}{'floor':>8}{'ratio':>8}"
    header += f"{'neighbr':>9}{'floor':>8}{'ratio':>8}{'health':>9}{'floor':>8}{'ratio':>8}"
    print(header)
    for app_figures, floor_figures in results:
        print(row(app_figures, floor_figures))
    over = [app.hostile.name for app, _ in results if max(app.worst_neighbour, app.worst_health) > 1.0]
    print(f"\nbudget (neighbour and health within 1 s): {'all within' if not over else 'OVER for ' + ', '.join(over)}")
    print(f"after: {machine_load()}")
    return 1 if over else 0


def memory(args: argparse.Namespace) -> int:
    """The memory mix against the app, beside the floor page's memory at rest (same run)."""
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"before: {machine_load()}")
    with FloorServer() as floor:
        floor_memory = tree_pss_bytes([floor.process.pid])
    with Cluster() as app:
        report = asyncio.run(memory_mix(app.url, app.server_pids(), links=args.links, seconds=args.mix_seconds))
    print(f"memory mix: {report.summary()}")
    print(f"floor (benchmarks/floor_app.py at rest): {floor_memory / 2**20:,.0f} MB;", end=" ")
    print(f"app peak / floor = {report.peak_bytes / max(floor_memory, 1):.1f}×")
    verdict = "within" if report.peak_bytes < MEMORY_BUDGET else "OVER"
    print(f"peak {report.peak_bytes / 2**30:.2f} GB: {verdict} the {MEMORY_BUDGET / 2**30:.0f} GB container limit")
    print(f"after: {machine_load()}")
    return 0 if verdict == "within" and not report.problems else 1


if __name__ == "__main__":
    sys.exit(main())
