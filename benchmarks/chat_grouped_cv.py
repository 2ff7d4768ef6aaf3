"""Would training on the real posts help? Each group of tests/chat/realworld read by a classifier fitted on the
shipped training questions plus every other group's posts, never its own (grouped cross-validation, split by file,
so by source), beside the shipped classifier, which saw none of them.

    python benchmarks/chat_grouped_cv.py              # each other group's post counted once (27 fits)
    python benchmarks/chat_grouped_cv.py --weight 3   # … three times
    python benchmarks/chat_grouped_cv.py --only blind_thirtieth_sources   # one group: one fit, with its time

Prints topic and top-3 per group and overall, shipped → cross-validated. The README's chat section quotes the
result and why the real posts stay measurement only.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.chat_realworld import cases  # noqa: E402

understanding = importlib.import_module("explainer.chat.understand")  # the package exports a function of that name


def groups() -> dict[str, list]:
    """File name → its posts as training examples (text, topic, source, second ask)."""
    found: dict[str, list] = {}
    for case in cases():
        found.setdefault(case.group, []).append(understanding.Example(case.text, case.topic, case.source, case.also))
    return found


def scores(model, posts: list) -> tuple[int, int]:
    """(topic right, topic among the first three) over the posts."""
    readings = [understanding.read(model, post.text) for post in posts]
    right = sum(reading.topic == post.topic for reading, post in zip(readings, posts))
    top3 = sum(post.topic in reading.first_choices() for reading, post in zip(readings, posts))
    return right, top3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weight", type=int, default=1, help="how many times each other group's post is counted")
    parser.add_argument("--only", help="read this group alone (a file name without .toml), e.g. the newest blind one")
    arguments = parser.parse_args()
    weight = arguments.weight
    print(
        f"Command: python benchmarks/chat_grouped_cv.py --weight {weight}"
        + (f" --only {arguments.only}" if arguments.only else "")
    )
    base, shipped = understanding.training_examples(), understanding.classifier()
    by_group = groups()
    if arguments.only and arguments.only not in by_group:
        parser.error(f"--only: no group {arguments.only!r}; groups: {', '.join(sorted(by_group))}")
    totals = [0, 0, 0, 0, 0]
    for name, posts in by_group.items():
        if arguments.only and name != arguments.only:
            continue
        others = [post for other, group in by_group.items() if other != name for post in group]
        started = time.perf_counter()
        fitted = understanding.fit(base + others * weight)
        fit_seconds = time.perf_counter() - started
        before, after = scores(shipped, posts), scores(fitted, posts)
        print(
            f"{name:32} {len(posts):3} posts  topic {before[0]:3} → {after[0]:3}  top-3 {before[1]:3} → {after[1]:3}"
            f"  (fitted on {len(base) + len(others) * weight} questions in {fit_seconds:.1f} s)"
        )
        for index, value in enumerate((len(posts), *before, *after)):
            totals[index] += value
    posts, topic_before, top3_before, topic_after, top3_after = totals
    print(f"overall {posts} posts: topic {topic_before} → {topic_after}, top-3 {top3_before} → {top3_after}")


if __name__ == "__main__":
    main()
