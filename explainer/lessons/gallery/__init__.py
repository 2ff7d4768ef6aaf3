"""The built-in gallery: scenario and lesson files shipped with the package, in teaching order.

Each file is an ordinary scenario file (docs/scenarios.md); its id is the file's stem, which is
what share links and `explainer run gallery:ID` name.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from explainer.lessons.files import load_lesson
from explainer.lessons.lesson import Lesson

# Lessons first, then the scenarios in the order a course would meet them.
ORDER = (
    "why-normalize",
    "post-experiment",
    "your-model-your-data",
    "four-points",
    "scales-0-1-vs-1-1000",
    "house-size-bedrooms",
    "mean-offset",
    "correlated-whitening",
    "adam-vs-gd",
    "just-above-the-bound",
    "wine-logistic-cap",
    "wine-pca-logistic",
    "wine-knn",
    "wine-mlp-tanh",
    "wine-forest",
)
PREFIX = "gallery:"  # `explainer run gallery:four-points`


def folder() -> Path:
    """Where the gallery files are installed."""
    return Path(str(resources.files(__name__)))


def gallery_ids() -> tuple[str, ...]:
    """Every shipped id: ORDER first, then any other file alphabetically."""
    present = {path.stem for path in folder().glob("*.toml")}
    return tuple(name for name in ORDER if name in present) + tuple(sorted(present - set(ORDER)))


def gallery_path(gallery_id: str) -> Path:
    """The file behind an id; KeyError (listing the ids) for an unknown one."""
    if gallery_id not in gallery_ids():
        raise KeyError(f"no gallery item {gallery_id!r} (available: {', '.join(gallery_ids())})")
    return folder() / f"{gallery_id}.toml"


@cache
def load_gallery(gallery_id: str) -> Lesson:
    """A gallery item as a Lesson (a scenario file is a one-step lesson of kind "scenario")."""
    return load_lesson(gallery_path(gallery_id))


def gallery() -> tuple[Lesson, ...]:
    """Every gallery item, lessons first."""
    return tuple(load_gallery(gallery_id) for gallery_id in gallery_ids())
