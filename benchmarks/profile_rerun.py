"""Where a rerun's server time goes: cProfile inside Streamlit's script thread, on an AppTest run.

    python benchmarks/profile_rerun.py warm   # the same Explore link rerun (everything cached)
    python benchmarks/profile_rerun.py new    # a new scenario per run (engine, figures, charts)
    python benchmarks/profile_rerun.py lr     # the learning rate edited each run (a load.py "edit")

Prints the mean wall time per run and the functions with the most cumulative time. AppTest runs the
script like the server does, minus the WebSocket: serialising and sending the messages is not in it.
Scripts are compiled once per process, as on a server (AppTest alone would recompile them every run).
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import time
from pathlib import Path

from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
PROFILE = cProfile.Profile()
_original = script_runner.ScriptRunner._run_script


def _profiled(self, *args, **kwargs):
    PROFILE.enable()
    try:
        return _original(self, *args, **kwargs)
    finally:
        PROFILE.disable()


def explore(query: dict[str, object]) -> AppTest:
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    app.run()
    for key, value in query.items():
        app.query_params[key] = value
    app.switch_page("pages/1_Explore.py")
    app.run()
    return app


def main(mode: str) -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.floor import keep_compiled_scripts

    keep_compiled_scripts()  # as a server: each script compiled once, not on every AppTest run
    app = explore({})  # imports, the default scenario: not measured
    script_runner.ScriptRunner._run_script = _profiled
    start = time.perf_counter()
    for index in range(RUNS):
        if mode == "warm":
            app.run()
        elif mode == "lr":  # the learning rate edited: the same features, a new step size each run
            app.text_input(key="explore.lr").set_value(f"{0.0001 * (index + 2):g}").run()
        else:
            explore({"f": ["a,0,1,uniform", f"b,1,{1000 + index},uniform"], "seed": str(index + 5)})
    per_run = (time.perf_counter() - start) / RUNS
    script_runner.ScriptRunner._run_script = _original
    sys.path.insert(0, str(ROOT))
    from benchmarks.floor import apptest_floor, machine_load, preamble

    preamble()
    _, floor = apptest_floor(RUNS)
    print(f"{mode}: {per_run:.3f} s per run (AppTest, wall, profiled)")
    print(
        f"floor: benchmarks/floor_app.py rerun under AppTest {floor * 1e3:.1f} ms (same run); ratio {per_run / floor:.0f}×"
    )
    print(f"at the end: {machine_load()}")
    stats = pstats.Stats(PROFILE)
    stats.sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "warm")
