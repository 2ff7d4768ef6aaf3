"""The chat on its held-out phrasings: topic accuracy by topic, range extraction, and answer latency.

Prints
- topic accuracy on tests/chat/heldout_phrasings.toml (never trained on), by topic and overall,
  with every misread phrasing listed;
- range extraction: on every held-out phrasing with numbers, are the feature ranges read exactly?
- latency per question: the classifier's fit (once per process), then `answer()` cold (each
  question's explanations computed afresh: the naive way, no cache) beside warm (explanations
  cached per scenario, as in the app), and the ratio.

    python benchmarks/bench_chat.py
"""

from __future__ import annotations

import statistics
import sys
import time
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from explainer.chat import answer, parse_quantities, understand  # noqa: E402
from explainer.chat.understand import classifier, training_phrasings  # noqa: E402
from explainer.memo import EXPLANATIONS  # noqa: E402

HELDOUT = ROOT / "tests" / "chat" / "heldout_phrasings.toml"
TARGET_ACCURACY = 0.95
TARGET_MEDIAN_MS = 100


def load_cases() -> list[dict]:
    return tomllib.loads(HELDOUT.read_text(encoding="utf-8"))["case"]


def accuracy(cases: list[dict]) -> float:
    totals, correct = Counter(), Counter()
    misread = []
    for case in cases:
        reading = understand(case["text"])
        totals[case["topic"]] += 1
        if reading.topic == case["topic"]:
            correct[case["topic"]] += 1
        else:
            misread.append((case["topic"], reading.topic, reading.confidence, case["text"]))
    print(
        f"Topic accuracy on {len(cases)} held-out phrasings (trained on {sum(map(len, training_phrasings().values()))})"
    )
    print(f"  {'topic':<22} {'n':>3} {'right':>5} {'accuracy':>9}")
    for topic in sorted(totals):
        print(f"  {topic:<22} {totals[topic]:>3} {correct[topic]:>5} {correct[topic] / totals[topic]:>9.1%}")
    overall = sum(correct.values()) / len(cases)
    print(
        f"  {'all':<22} {len(cases):>3} {sum(correct.values()):>5} {overall:>9.1%}   (target ≥ {TARGET_ACCURACY:.0%})"
    )
    for expected, got, confidence, text in misread:
        print(f"  misread: {expected} → {got} ({confidence:.2f}): {text[:90]}")
    return overall


def range_extraction(cases: list[dict]) -> float:
    with_numbers = [case for case in cases if "ranges" in case]
    exact = [case for case in with_numbers if parse_quantities(case["text"]).range_pairs == case["ranges"]]
    with_ranges = sum(1 for case in with_numbers if case["ranges"])
    print(
        f"\nRange extraction: {len(exact)}/{len(with_numbers)} phrasings with numbers read exactly"
        f" ({with_ranges} of them hold feature ranges, the rest numbers that are not ranges)"
    )
    for case in with_numbers:
        if case not in exact:
            print(
                f"  wrong: {case['text'][:80]} → {parse_quantities(case['text']).range_pairs}, expected {case['ranges']}"
            )
    return len(exact) / max(len(with_numbers), 1)


def latency(cases: list[dict]) -> float:
    texts = [case["text"] for case in cases]
    cold, warm = [], []
    for text in texts:  # the naive way: nothing cached between questions
        EXPLANATIONS.clear()
        started = time.perf_counter()
        answer(text)
        cold.append(time.perf_counter() - started)
    for text in texts:
        answer(text)
    for text in texts:  # as in the app: explanations cached per scenario
        started = time.perf_counter()
        answer(text)
        warm.append(time.perf_counter() - started)
    cold_median, warm_median = statistics.median(cold), statistics.median(warm)
    print(f"\nLatency per question over {len(texts)} held-out phrasings")
    print(f"  {'':<40} {'median':>8} {'p95':>8} {'max':>8}")
    for label, times in (
        ("cold (no explanation cache: naive)", cold),
        ("warm (explanations cached per scenario)", warm),
    ):
        ordered = sorted(times)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        print(
            f"  {label:<40} {statistics.median(times) * 1000:6.1f} ms {p95 * 1000:6.1f} ms {ordered[-1] * 1000:6.1f} ms"
        )
    print(f"  cold ÷ warm median: {cold_median / warm_median:.1f}×   (target: warm median < {TARGET_MEDIAN_MS} ms)")
    return warm_median


def main() -> int:
    started = time.perf_counter()
    classifier()
    print(f"Classifier fitted in {(time.perf_counter() - started) * 1000:.0f} ms (once per process)\n")
    cases = load_cases()
    by_route = defaultdict(int)
    overall = accuracy(cases)
    extraction = range_extraction(cases)
    warm = latency(cases)
    for case in cases:
        by_route[answer(case["text"]).route] += 1
    print("\nRoutes taken: " + ", ".join(f"{route} {count}" for route, count in sorted(by_route.items())))
    ok = overall >= TARGET_ACCURACY and extraction == 1.0 and warm * 1000 < TARGET_MEDIAN_MS
    print(f"\n{'All targets met.' if ok else 'A target was missed.'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
