"""What an agent API request costs on a real server: the figures behind the caps in .streamlit/config.toml.

Starts `streamlit run streamlit_app.py` on loopback (the shipped config, API on) and prints, for the
learner's ranges (0–1 and 1–1000):
- the first requests on a fresh server (imports, the chat classifier, SymPy's derivation),
- warm requests: Explore opened by a link, a widget change, a chat question and a follow-up, a lesson step,
- the server's resident memory before and after opening the sessions, per session,
beside the same Explore page run in-process with AppTest (no HTTP, no JSON tree), so the ratio is the
API's own overhead.

    python benchmarks/bench_agent.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from deploy.agent import interact  # noqa: E402
from deploy.local import Cluster  # noqa: E402

LEARNER = {"f": ["a,0,1,uniform", "b,1,1000,uniform"]}
QUESTION = "my features go from 0 to 1 and 1 to 1000, why normalize?"
REPEATS = 5


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def median_of(action) -> float:
    return statistics.median(timed(action)[0] for _ in range(REPEATS))


def apptest_explore() -> None:
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    app.run()
    app.switch_page("pages/1_Explore.py")
    for key, values in LEARNER.items():
        app.query_params[key] = values
    app.run()


def main() -> None:
    from benchmarks.floor import preamble

    preamble()
    with Cluster(launcher=False, extra_args=["--server.agentMaxSessions", "64"]) as server:
        base = server.url
        (process,) = server.processes.values()
        rows: list[tuple[str, float, str]] = []
        first_explore, _ = timed(lambda: interact(base, {"page": "Explore", "query_params": LEARNER}))
        rows.append(("first Explore on a fresh server", first_explore, ""))
        home = interact(base, {})
        first_chat, _ = timed(
            lambda: interact(
                base, {"session_id": home["session_id"], "trigger": {"key": "chat_question", "value": QUESTION}}
            )
        )
        rows.append(("first chat answer, just after", first_chat, ""))

        before = resident_mb(process.pid)
        explore = median_of(lambda: interact(base, {"page": "Explore", "query_params": LEARNER}))
        apptest_explore()  # warm AppTest's imports before timing it
        in_process = median_of(apptest_explore)
        rows.append(("Explore by link (new session)", explore, f"AppTest in-process {in_process:.2f} s"))
        session = interact(base, {"page": "Explore", "query_params": LEARNER})["session_id"]
        rows.append(
            (
                "Explore: a widget change",
                median_of(lambda: interact(base, {"session_id": session, "widget_state": {"explore.opt": "Adam"}})),
                "",
            )
        )
        chat = interact(base, {})["session_id"]
        ask = {"session_id": chat, "trigger": {"key": "chat_question", "value": QUESTION}}
        rows.append(("chat question (warm)", timed(lambda: interact(base, ask))[0], ""))
        follow = {"session_id": chat, "trigger": {"key": "chat_question", "value": "what about Adam?"}}
        rows.append(("chat follow-up 'what about Adam?'", timed(lambda: interact(base, follow))[0], ""))
        lesson = interact(base, {"page": "Scenarios", "query_params": {"lesson": ["why-normalize"]}})["session_id"]
        rows.append(
            (
                "lesson: Next",
                timed(lambda: interact(base, {"session_id": lesson, "trigger": {"key": "scenarios.next"}}))[0],
                "",
            )
        )
        sessions = 2 * REPEATS + 3
        after = resident_mb(process.pid)

        print(f"{'agent API request':<40} {'seconds':>8}  beside")
        for name, seconds, beside in rows:
            print(f"{name:<40} {seconds:>8.2f}  {beside}")
        print(f"\nExplore over HTTP vs in-process AppTest: {explore / in_process:.2f}× (HTTP, session, JSON tree)")
        from benchmarks.floor import apptest_floor, machine_load

        _, floor = apptest_floor()
        print(
            f"floor: benchmarks/floor_app.py rerun under AppTest {floor * 1e3:.1f} ms (same run);"
            f" Explore over HTTP {explore / floor:.0f}×, in-process {in_process / floor:.0f}×; {machine_load()}"
        )
        print(
            f"server memory: {before:.0f} MB warm, {after:.0f} MB after {sessions} more sessions"
            f" ({(after - before) / sessions:.1f} MB a session)"
        )


if __name__ == "__main__":
    main()
