"""How fast the command line starts, as a ratio to `python -c "import numpy"` measured in the same run.

Issue 19's targets: `explainer --help` within 3× the floor, `explainer validate <a gallery file>` within 5×.
Each command runs in a fresh process, the three commands in turn, `--repeats` times; the median wall time
of each is printed beside the floor's and the ratio. One more run of each command under `python -X importtime`
lists the slowest imports and any heavy library that was loaded (there should be none).

    python benchmarks/cli_startup.py [--repeats 5] [--top 8]
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # run from here, so this checkout's explainer is the one imported
GALLERY_FILE = "explainer/lessons/gallery/house-size-bedrooms.toml"
HEAVY = ("sklearn", "scipy", "sympy", "altair", "pandas", "vl_convert")
TARGETS = {"explainer --help": 3.0, "explainer validate": 5.0}


def commands() -> dict[str, list[str]]:
    python = sys.executable
    return {
        "import numpy (floor)": [python, "-c", "import numpy"],
        "explainer --help": [python, "-m", "explainer", "--help"],
        "explainer validate": [python, "-m", "explainer", "validate", GALLERY_FILE],
    }


def wall_time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def import_profile(command: list[str]) -> list[tuple[int, int, str]]:
    """(self µs, cumulative µs, module) for every import the command made, from `python -X importtime`."""
    result = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]], cwd=ROOT, check=True, capture_output=True, text=True
    )
    rows = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, module = line.removeprefix("import time:").split("|")
        rows.append((int(own), int(cumulative), module.strip()))
    return rows


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeats", type=int, default=5, help="fresh processes per command (median taken)")
    options.add_argument("--top", type=int, default=8, help="slowest imports listed per command")
    args = options.parse_args()

    runs = commands()
    print("command: python benchmarks/cli_startup.py " + " ".join(sys.argv[1:]))
    print(f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the start")
    for name, command in runs.items():
        print(f"  {name:<22} {shlex.join(command)}  (in {ROOT})")
    for command in runs.values():  # warm the file cache once, unmeasured
        wall_time(command)
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.repeats):  # the commands in turn, so a burst of load hits all of them alike
        for name, command in runs.items():
            times[name].append(wall_time(command))

    floor = statistics.median(times["import numpy (floor)"])
    print(f"\n{'command':<22} {'median':>8} {'min':>8} {'max':>8} {'ratio':>7} {'target':>7}")
    for name, seconds in times.items():
        median = statistics.median(seconds)
        target = f"≤ {TARGETS[name]:g}×" if name in TARGETS else ""
        print(
            f"{name:<22} {median:>7.3f}s {min(seconds):>7.3f}s {max(seconds):>7.3f}s {median / floor:>6.2f}× {target:>7}"
        )

    for name, command in list(runs.items())[1:]:
        rows = import_profile(command)
        loaded = {module.split(".")[0] for _, _, module in rows}
        heavy = [library for library in HEAVY if library in loaded]
        total = sum(own for own, _, _ in rows) / 1e6
        print(f"\n{name}: {len(rows)} modules imported in {total:.3f}s; heavy libraries: {', '.join(heavy) or 'none'}")
        for own, cumulative, module in sorted(rows, key=lambda row: -row[1])[: args.top]:
            print(f"  {cumulative / 1e6:>7.3f}s cumulative {own / 1e6:>7.3f}s self  {module}")
    print(f"\nmachine load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
