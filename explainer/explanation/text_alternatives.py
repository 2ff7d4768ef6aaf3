"""Every chart in words and as a table, computed from the same figure data the chart draws.

A screen-reader user gets nothing from a picture of a ravine: these sentences say what it shows
with its numbers (WCAG 1.1.1, issue 20), and the tables hold the plotted values themselves, for
keyboard and screen-reader users alike. Pure functions of figures.py's data; pages render them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explainer.explanation.figures import GradientFigure, LossFigure, RavineFigure, RavineSide, SweepFigure
from explainer.text.formatting import count, number, number_from_log10

SIDE_NAMES = {"raw": "Raw features", "normalized": "Normalized features"}
ZIGZAG_SHARE = 0.2  # the path zig-zags when at least this share of its steps turn back (more than 90°)
REACHED = 1e-3  # the path "reaches" the best fit when it ends within this share of its starting distance


@dataclass(frozen=True)
class FigureTable:
    """A chart's data as rows: what a table under the chart shows, column by column."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def _side_name(label: str) -> str:
    return SIDE_NAMES.get(label, label.capitalize())


def _parameter(name: str) -> str:
    return "the bias" if name == "bias" else f"the weight of {name}"


def _column(name: str) -> str:
    """A parameter's column name, never equal to "step" (a feature may be called that)."""
    return "bias" if name == "bias" else f"weight of {name}"


def _steps(value: int) -> str:
    return f"{count(value)} step{'' if value == 1 else 's'}"


def ravine_side_text(side: RavineSide) -> str:
    """One ravine panel in a sentence: the valley's shape and what the descent path does in it."""
    shape = f"a valley {number(side.axis_ratio)} times longer than wide"
    heading = f"{_side_name(side.label)}: loss contours over {_parameter(side.x_name)} and {_parameter(side.y_name)}"
    path = np.column_stack([side.path_x, side.path_y])
    if len(path) < 2:
        return f"{heading}, {shape}; the path has no steps to show."
    optimum = np.asarray(side.optimum)
    start, end = np.linalg.norm(path[0] - optimum), np.linalg.norm(path[-1] - optimum)
    moves = np.diff(path, axis=0)
    turns = int(np.sum(np.einsum("ij,ij->i", moves[:-1], moves[1:]) < 0))
    last = int(side.path_steps[-1])
    if start > 0 and end > start:
        ending = f"moves away from the best fit: after {_steps(last)} it is {number(end / start)} times as far as at the start (diverges)"
    elif start == 0 or end <= REACHED * start:
        ending = f"reaches the best fit in {_steps(last)}"
    else:
        ending = (
            f"after {_steps(last)} is still {number(100 * end / start)}% of its starting distance from the best fit"
        )
    if turns >= max(2, ZIGZAG_SHARE * len(moves)):
        motion = f"zig-zags across {shape}, turning back {count(turns)} times in {count(len(moves))} drawn steps, and"
    else:
        motion = f"heads straight down {shape} and"
    return f"{heading}. The descent path {motion} {ending}."


def ravine_text(figure: RavineFigure) -> str:
    return " ".join(ravine_side_text(side) for side in figure.sides)


def ravine_side_table(side: RavineSide) -> FigureTable:
    rows = tuple((int(step), float(x), float(y)) for step, x, y in zip(side.path_steps, side.path_x, side.path_y))
    return FigureTable(
        f"{_side_name(side.label)}: each step of the path (best fit at {number(side.optimum[0], 4)}, {number(side.optimum[1], 4)})",
        ("step", _column(side.x_name), _column(side.y_name)),
        rows,
    )


def loss_text(figure: LossFigure) -> str:
    """Where each loss curve starts and ends, and after how many iterations."""
    parts = []
    for series in figure.series:
        if len(series.steps) == 0:
            continue
        last = int(series.steps[-1])
        parts.append(
            f"{_side_name(series.label)}: the loss goes from {number_from_log10(series.log10_loss[0])} at the start"
            f" to {number_from_log10(series.log10_loss[-1])} after {_steps(last)} ({series.stop_reason})."
        )
    floor = (
        f" The best possible loss is {number_from_log10(figure.minimum_log10_loss)}."
        if np.isfinite(figure.minimum_log10_loss)
        else ""
    )
    return "Loss against iteration. " + " ".join(parts) + floor


def loss_table(figure: LossFigure) -> FigureTable:
    rows = tuple(
        (series.label, int(step), number_from_log10(float(log_loss), 6), float(error))
        for series in figure.series
        for step, log_loss, error in zip(series.steps, series.log10_loss, series.relative_error)
    )
    return FigureTable("Loss against iteration", ("side", "step", "loss", "distance to best fit"), rows)


def gradient_text(figure: GradientFigure) -> str:
    """The smallest and largest gradient component on each side, and how far apart they are."""
    parts = []
    for label, names, values in (
        ("raw", figure.raw_names, figure.raw_gradient),
        ("normalized", figure.normalized_names, figure.normalized_gradient),
    ):
        if len(values) == 0:
            continue
        low, high = int(np.argmin(values)), int(np.argmax(values))
        spread = f", {number(values[high] / values[low])} times apart" if values[low] > 0 else ""
        parts.append(
            f"{_side_name(label)}: from {number(values[low])} for {_parameter(names[low])}"
            f" to {number(values[high])} for {_parameter(names[high])}{spread}."
        )
    return "Size of each gradient component at the start (all weights 0). " + " ".join(parts)


def gradient_table(figure: GradientFigure) -> FigureTable:
    rows = tuple(
        (name, float(raw), float(normalized))
        for name, raw, normalized in zip(figure.raw_names, figure.raw_gradient, figure.normalized_gradient)
    )
    return FigureTable(
        "Gradient size per weight at the start", ("parameter", "|∂L/∂w| raw", "|∂L/∂w| normalized"), rows
    )


def sweep_text(figure: SweepFigure) -> str:
    """Each side's stable range of learning rates and its fewest iterations."""
    parts = []
    for side in figure.sides:
        finite = np.isfinite(side.iterations)
        if finite.any():
            best = int(np.nanargmin(np.where(finite, side.iterations, np.nan)))
            fewest = f"; fewest iterations: {count(int(side.iterations[best]))} at η = {number(side.rates[best])}"
        else:
            fewest = f"; no learning rate shown reaches the tolerance within {count(figure.step_cap)} steps"
        parts.append(
            f"{_side_name(side.label)}: converges for learning rates up to 2/λmax = {number(side.max_stable_lr)}"
            f" and diverges above{fewest}."
        )
    return f"Iterations to tolerance {number(figure.tolerance)} against the learning rate. " + " ".join(parts)


def sweep_table(figure: SweepFigure) -> FigureTable:
    rows = tuple(
        (
            side.label,
            float(rate),
            "diverges"
            if diverges
            else (count(int(iterations)) if np.isfinite(iterations) else f"more than {count(figure.step_cap)}"),
        )
        for side in figure.sides
        for rate, iterations, diverges in zip(side.rates, side.iterations, side.diverges)
    )
    return FigureTable("Learning-rate sweep", ("side", "learning rate η", "iterations"), rows)


def figure_text(figures: object, key: str, ravine: RavineFigure | None = None) -> str:
    """The text alternative of an Explanation's figure by key ("ravine", "loss", "gradients", "sweep")."""
    if key == "ravine":
        return ravine_text(ravine or figures.ravine)  # type: ignore[attr-defined]
    return {"loss": loss_text, "gradients": gradient_text, "sweep": sweep_text}[key](getattr(figures, key))


def figure_tables(figures: object, key: str, ravine: RavineFigure | None = None) -> tuple[FigureTable, ...]:
    """The data of an Explanation's figure by key, one table per panel."""
    if key == "ravine":
        return tuple(ravine_side_table(side) for side in (ravine or figures.ravine).sides)  # type: ignore[attr-defined]
    return ({"loss": loss_table, "gradients": gradient_table, "sweep": sweep_table}[key](getattr(figures, key)),)
