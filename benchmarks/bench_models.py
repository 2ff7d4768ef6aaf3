"""Fit times per model, raw and normalized, and the 20-feature 100,000-row CSV case end to end.

python benchmarks/bench_models.py

Each row is one `compare_models` run: the raw fit's and the normalized fit's wall-clock (fit()
only), the iterations each needed (or the cap), the test scores, and the whole comparison's time
(curves, theory and the raised-cap rerun included). Figures are from this machine, at this moment.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import numpy as np

from explainer.formats.datasets import bundled_scenario
from explainer.formats.table import parse_csv
from explainer.models.fit import compare_models
from explainer.scenario.model_choice import ModelSettings
from explainer.scenario.spec import Scenario

MODELS = [
    ModelSettings("logistic_regression"),
    ModelSettings("logistic_regression", solver="saga"),
    ModelSettings("logistic_regression", pca_components=2),
    ModelSettings("sgd"),
    ModelSettings("mlp", activation="tanh"),
    ModelSettings("mlp", activation="relu"),
    ModelSettings("knn"),
    ModelSettings("svm_rbf"),
    ModelSettings("kmeans"),
    ModelSettings("tree", tree_kind="tree"),
    ModelSettings("tree", tree_kind="forest"),
]


def label(settings: ModelSettings) -> str:
    extra = {
        "logistic_regression": settings.solver
        + (f"+PCA({settings.pca_components})" if settings.pca_components else ""),
        "mlp": settings.activation,
        "tree": settings.tree_kind,
    }.get(settings.name, "")
    return f"{settings.name} {extra}".strip()


def iterations(result) -> str:
    if result.iterations is None:
        return "-"
    return f"{result.iterations}{' (cap)' if result.hit_cap else ''}"


def row(name: str, scenario: Scenario) -> None:
    start = time.perf_counter()
    comparison = compare_models(scenario)
    total = time.perf_counter() - start
    raw, normalized = comparison.raw, comparison.normalized
    print(
        f"{name:<38} {raw.seconds * 1000:>8.1f} {normalized.seconds * 1000:>8.1f}"
        f" {iterations(raw):>12} {iterations(normalized):>12} {raw.score:>8.3g} {normalized.score:>8.3g} {total:>8.2f}"
    )


def header(title: str) -> None:
    print(f"\n{title}")
    print(
        f"{'model':<38} {'raw ms':>8} {'norm ms':>8} {'raw iter':>12} {'norm iter':>12} {'raw':>8} {'norm':>8} {'total s':>8}"
    )


def large_csv() -> bytes:
    generator = np.random.default_rng(0)
    scales = np.geomspace(1, 1000, 20)
    features = generator.uniform(size=(100_000, 20)) * scales
    target = features @ (1 / scales) + generator.normal(size=100_000)
    buffer = io.StringIO()
    np.savetxt(
        buffer,
        np.column_stack([features, target]),
        delimiter=",",
        fmt="%.6g",
        header=",".join([*(f"x{i}" for i in range(20)), "y"]),
        comments="",
    )
    return buffer.getvalue().encode()


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.floor import import_numpy_seconds, machine_load, preamble

    preamble()
    floor = import_numpy_seconds()

    header("wine (178 rows, 13 features), z-scored")
    for settings in MODELS:
        row(label(settings), bundled_scenario("wine", settings))
    header("diabetes (442 rows, 10 features, regression), z-scored")
    for settings in MODELS:
        if settings.name not in ("logistic_regression", "kmeans"):
            row(label(settings), bundled_scenario("diabetes", settings))
    raw_csv = large_csv()
    start = time.perf_counter()
    data = parse_csv(raw_csv, "y")
    parsed = time.perf_counter() - start
    scenario = Scenario(data=data, model=ModelSettings("mlp"))
    built = time.perf_counter() - start - parsed
    header(
        f"a 20-feature 100,000-row CSV, 3,000 training rows fitted (forest 1,000) ({len(raw_csv) / 1e6:.1f} MB): parse {parsed:.2f} s, validate {built:.2f} s"
    )
    for settings in (ModelSettings("mlp"), ModelSettings("sgd"), ModelSettings("knn"), ModelSettings("tree")):
        row(label(settings), scenario.with_changes(model=settings))
    print(f"\nparse + validate + MLP comparison: {time.perf_counter() - start:.2f} s in all (tree, kNN, SGD included)")
    total = time.perf_counter() - start
    print(
        f"floor: `import numpy` in a fresh interpreter {floor:.2f} s (same run); that comparison {total / floor:.0f}×"
    )
    print(f"at the end: {machine_load()}")


if __name__ == "__main__":
    main()
