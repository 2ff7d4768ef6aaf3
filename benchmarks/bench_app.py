"""Server-side time of a full Explore run (AppTest), cold and warm, beside the same run without caching.

Prints, for the default scenario (0–1 and 1–1000):
- the first visit in a fresh process: the entry page, then Explore (imports and SymPy's derivation included,
  as for a freshly started server's first visitor),
- a cold run (st.cache_data and st.cache_resource empty; modules loaded, SymPy's symbolic work done),
- a warm rerun (same inputs: the cached explanation),
- an interaction: one range edited, so the engine computes a new scenario (the target is well under 1 s),
- a pair change: the ravine redrawn over other parameters,
and beside the warm and interaction rows, the same run with both caches cleared first (no caching).
Browser-side time (sending and drawing the charts) is not included; the e2e tests print it.

    python benchmarks/bench_app.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest
from text_table import print_table  # benchmarks/, beside this script

ROOT = Path(__file__).resolve().parent.parent
ENTRY = str(ROOT / "streamlit_app.py")
EXPLORE = "pages/1_Explore.py"
FLOOR_APP = ROOT / "benchmarks" / "floor_app.py"
REPEATS = 7


def open_explore() -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=120)
    app.run()
    app.switch_page(EXPLORE)
    return app


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_of(make_run, repeats: int = REPEATS) -> float:
    """Median over `repeats` of the time `make_run()`'s returned action takes (setup excluded)."""
    times = []
    for _ in range(repeats):
        action = make_run()
        times.append(timed(action))
    return statistics.median(times)


def edit_high(app: AppTest, high: float) -> None:
    key = next(key for key in (f"explore.editor.{n}" for n in range(5)) if key in app.session_state)
    app.session_state[key] = {"edited_rows": {1: {"high": high}}, "added_rows": [], "deleted_rows": []}


def fresh_process_first_run(floor: bool = False) -> float:
    """Explore's first run in a fresh interpreter; with `floor`, benchmarks/floor_app.py's instead."""
    page = f"app.switch_page({EXPLORE!r}); app.run(); " if not floor else ""
    entry = str(FLOOR_APP) if floor else ENTRY
    code = (
        f"import sys, time; sys.path.insert(0, {str(ROOT)!r}); from streamlit.testing.v1 import AppTest; "
        f"t = time.perf_counter(); app = AppTest.from_file({entry!r}, default_timeout=120); app.run(); "
        f"{page}print(time.perf_counter() - t)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(result.stdout.strip().splitlines()[-1])


def clear_caches() -> None:
    from ui.cache import clear_all

    clear_all()


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.floor import apptest_floor, machine_load, preamble

    preamble()
    rows: list[tuple[str, str, str, str]] = []
    floor_fresh = statistics.median(fresh_process_first_run(floor=True) for _ in range(3))
    _, floor_rerun = apptest_floor(REPEATS)
    first = statistics.median(fresh_process_first_run() for _ in range(3))
    rows.append(("first visit in a fresh process (imports, SymPy)", f"{first * 1e3:.0f} ms", "—", "—"))

    def cold():
        clear_caches()
        app = open_explore()
        return app.run

    cold_run = median_of(cold)
    rows.append(("cold run (caches empty)", f"{cold_run * 1e3:.0f} ms", "—", "—"))

    app = open_explore()
    app.run()

    def warm_rerun():
        return app.run

    def uncached_rerun():
        clear_caches()
        return app.run

    warm, uncached = median_of(warm_rerun), median_of(uncached_rerun)
    rows.append(
        ("warm rerun, same inputs", f"{warm * 1e3:.0f} ms", f"{uncached * 1e3:.0f} ms", f"{uncached / warm:.1f}×")
    )

    highs = iter(range(500, 500 + 20 * REPEATS, 10))

    def interaction():
        edit_high(app, float(next(highs)))
        return app.run

    def uncached_interaction():
        edit_high(app, float(next(highs)))
        clear_caches()
        return app.run

    edited, edited_uncached = median_of(interaction), median_of(uncached_interaction)
    rows.append(
        (
            "interaction: a range edited (new scenario)",
            f"{edited * 1e3:.0f} ms",
            f"{edited_uncached * 1e3:.0f} ms",
            f"{edited_uncached / edited:.1f}×",
        )
    )
    pairs = iter([("a", "bias"), ("b", "bias"), ("a", "b")] * REPEATS)

    def pair_change():
        app.selectbox(key="explore.pair").set_value(next(pairs))
        return app.run

    rows.append(("interaction: the ravine's pair changed", f"{median_of(pair_change) * 1e3:.0f} ms", "—", "—"))
    assert not app.exception, [item.value for item in app.exception]

    print_table(("Explore, default scenario, server side", "ours", "no caching", "ratio"), rows)
    print(f"\nmedians of {REPEATS} runs (3 for the fresh process); AppTest runs the page script in-process.")
    print(
        f"floor, benchmarks/floor_app.py the same way in the same run: first run in a fresh process"
        f" {floor_fresh * 1e3:.0f} ms (ours {first / floor_fresh:.1f}×), rerun {floor_rerun * 1e3:.1f} ms"
        f" (warm rerun {warm / floor_rerun:.1f}×, cold run {cold_run / floor_rerun:.1f}×,"
        f" a range edited {edited / floor_rerun:.1f}×)"
    )
    print(f"at the end: {machine_load()}")


if __name__ == "__main__":
    main()
