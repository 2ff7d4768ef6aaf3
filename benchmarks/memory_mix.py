"""Peak memory of one server process under the hostile mix, through the app's own cached paths.

    python benchmarks/memory_mix.py                      # the full mix (about an hour on 2 cores)
    python benchmarks/memory_mix.py --links 12 --questions 10 --uploads 8 --lesson-steps 10

The mix (issue 16): 200 worst-case links (20 features × 100 000 samples, each another seed and
optimizer) explained through the shared explanation cache; 20 heavy chat questions (20 features,
about 100 000 samples, each another sample count, models needing fits and drawn tables); 8 of the
largest uploads (100 000 rows × 21 columns, ~19 MB of CSV) parsed through Explore's upload cache;
the largest lesson (its steps explained as the Scenarios page does). Prints RSS and peak RSS
(VmHWM) after each phase beside the baseline (every module imported, the default scenario
explained), the bytes each cache region holds, and the container limit (2 GB).

Every cache is bounded by `explainer.budget.memory` (WHY_NORMALIZE_CACHE_MB): once each region is
full, more of the same only replaces entries, so the peak is reached well before the end of the mix.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np

CONTAINER_MB = 2048


def memory_mb() -> tuple[float, float]:
    """(RSS, peak RSS) of this process in MB, from /proc/self/status."""
    figures = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            figures[line.split(":")[0]] = int(line.split()[1]) / 1024
    return figures["VmRSS"], figures["VmHWM"]


def report(phase: str, baseline: float, started: float) -> None:
    from explainer.budget.memory import MEMORY

    rss, peak = memory_mb()
    regions = ", ".join(f"{name} {size / 2**20:.0f}" for name, size in MEMORY.usage().items() if size)
    print(
        f"{phase:<28} RSS {rss:7.0f} MB (+{rss - baseline:5.0f})  peak {peak:7.0f} MB (+{peak - baseline:5.0f})"
        f"  {time.perf_counter() - started:6.0f} s  caches MB: {regions}",
        flush=True,
    )


def heavy_question(index: int) -> str:
    models = ("kNN", "logistic regression", "an SVM", "a random forest", "an MLP")
    ranges = " and ".join(f"from 0 to {10 ** (j % 7) + j + index}" for j in range(20))
    return f"Does {models[index % len(models)]} need scaling? My features go {ranges}, with {100_000 - 137 * index} samples."


def upload_csv(index: int, rows: int = 100_000, columns: int = 21) -> bytes:
    values = np.random.default_rng(index).random((rows, columns)) * 10.0 ** (np.arange(columns) % 7)
    text = io.StringIO()
    text.write(",".join(f"c{j}" for j in range(columns)) + "\n")
    np.savetxt(text, values, delimiter=",", fmt="%.6g")
    return text.getvalue().encode()


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.floor import preamble

    preamble()  # the command and the load average, beside this benchmark's own floor
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--links", type=int, default=200)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--uploads", type=int, default=8)
    parser.add_argument("--lesson-steps", type=int, default=50)
    args = parser.parse_args()

    from load import worst_case_scenario

    from explainer import Feature, Scenario, default_scenario
    from explainer.budget.memory import MEMORY
    from explainer.chat import answer
    from explainer.explanation.cache import cached_explain
    from ui.explore_inputs import _read_table  # Explore's upload path (outside a server: no spinner shown)

    cached_explain(default_scenario())
    answer("why normalize?")  # the classifier fitted, as on a warm server
    baseline, _ = memory_mb()
    started = time.perf_counter()
    print(
        f"cache budget {MEMORY.max_bytes / 2**20:.0f} MB; baseline RSS {baseline:.0f} MB; container {CONTAINER_MB} MB"
    )
    for index in range(args.links):
        cached_explain(worst_case_scenario(index))
        if index % 5 == 4 or index == args.links - 1:
            report(f"links {index + 1}", baseline, started)
    for index in range(args.questions):
        answer(heavy_question(index))
        report(f"heavy questions {index + 1}", baseline, started)
    for index in range(args.uploads):
        raw = upload_csv(index)
        _read_table(raw, f"upload-{index}.csv")
        del raw
        report(f"uploads {index + 1}", baseline, started)
    for step in range(args.lesson_steps):  # a lesson's steps: each a worst-case scenario of its own
        features = tuple(Feature(f"s{j}", 0.0, 10.0 ** (j % 7) + step) for j in range(20))
        cached_explain(Scenario(features=features, samples=100_000, seed=5000 + step))
        if step % 5 == 4 or step == args.lesson_steps - 1:
            report(f"lesson steps {step + 1}", baseline, started)
    _rss, peak = memory_mb()
    print(
        f"peak RSS {peak:.0f} MB against a {CONTAINER_MB} MB container: {peak / CONTAINER_MB:.0%} (baseline {baseline:.0f} MB)"
    )


if __name__ == "__main__":
    main()
