"""The floors every benchmark prints beside its figures, measured in the same run on the same machine.

Absolute times differ about threefold between machines of the same kind, so a figure means something
only beside what the simplest thing costs here and now:
- serving: benchmarks/floor_app.py (a title, two metrics, a chat box) served as the app is
  (`FloorCluster`: N replicas, nginx in front when N > 1), or run through AppTest (`apptest_floor`);
- command line and in-process work: `import numpy` in a fresh interpreter (`import_numpy_seconds`).

`preamble()` prints the exact command and the load average; `ratio()` formats figure ÷ floor.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from deploy.local import Cluster  # noqa: E402

FLOOR_APP = ROOT / "benchmarks" / "floor_app.py"
# The same page as /Explore of a multipage app: what Streamlit itself costs to open a page at its URL
FLOOR_PAGES = ROOT / "benchmarks" / "floor_pages" / "floor_home.py"


def machine_load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def command_line() -> str:
    return " ".join([Path(sys.executable).name, *sys.argv])


def preamble() -> None:
    """The exact command and the machine's load, first thing in every report."""
    print(f"command: {command_line()}")
    print(f"at the start: {machine_load()}", flush=True)


def ratio(value: float, floor: float) -> str:
    return f"{value / max(floor, 1e-9):.2f}×"


def import_numpy_seconds(repeats: int = 3) -> float:
    """Median wall time of `python -c "import numpy"` in a fresh interpreter: the command-line floor."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import numpy"], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


_COMPILED: dict[str, object] = {}


def keep_compiled_scripts() -> None:
    """Compile each page script once per process, as a server does (one ScriptCache for all its runs).

    AppTest makes a new ScriptCache for every run, so without this each run re-reads, re-parses (magic
    rewrites the tree) and re-compiles the entry and page scripts: about 27 ms of a 0.2 s Explore rerun,
    which a server never pays. Both sides of a ratio get it, the floor page too."""
    from streamlit.runtime.scriptrunner import script_cache

    original = script_cache.ScriptCache.get_bytecode
    if getattr(original, "keeps_compiled", False):
        return

    def get_bytecode(self, script_path: str):
        key = os.path.abspath(script_path)
        if key not in _COMPILED:
            _COMPILED[key] = original(self, script_path)
        return _COMPILED[key]

    get_bytecode.keeps_compiled = True  # type: ignore[attr-defined]
    script_cache.ScriptCache.get_bytecode = get_bytecode


def apptest_floor(runs: int = 5) -> tuple[float, float]:
    """(first run, median rerun) of floor_app.py under AppTest in this process: the in-process page floor."""
    from streamlit.testing.v1 import AppTest

    keep_compiled_scripts()

    app = AppTest.from_file(str(FLOOR_APP), default_timeout=60)
    start = time.perf_counter()
    app.run()
    first = time.perf_counter() - start
    reruns = []
    for _ in range(runs):
        start = time.perf_counter()
        app.run()
        reruns.append(time.perf_counter() - start)
    return first, statistics.median(reruns)


class FloorCluster(Cluster):
    """floor_app.py served as the app is: `replicas` servers on loopback, nginx in front when more than one."""

    def __init__(self, replicas: int = 1, script: Path = FLOOR_APP):
        super().__init__(replicas=replicas, launcher=False, script=script)
