"""The data behind every figure: ravine contours with the descent path, loss curves,
gradient sizes, the learning-rate sweep. Charts (charts.py) only draw these."""

from __future__ import annotations

import math
from dataclasses import dataclass

import contourpy
import numpy as np

from explainer.linear.analysis import Analysis, Side
from explainer.linear.descent import closed_form_iterations
from explainer.linear.problem import PROBLEMS, problem_key

GRID_POINTS = 120
CONTOUR_LEVELS = 12
SWEEP_POINTS = 90
PANEL_PIXELS = 340  # a ravine panel's plot is about this many pixels wide and tall
SIMPLIFY_PIXELS = 0.5  # contour points closer than this to the simplified line are dropped
PATH_PIXELS = 1.0  # a path step drawn within this of the last drawn one is left out (its dot is 5 px across)
ESCAPE_FACTOR = 100.0  # a diverging path is drawn until it is this much further from the minimum than at the start


@dataclass(frozen=True)
class ContourLine:
    log10_gap: float  # the line's level: log10 of (loss - minimum loss)
    x: np.ndarray
    y: np.ndarray


@dataclass(frozen=True)
class RavineSide:
    """Loss contours over two parameters (the others held at their best values) and the path."""

    label: str
    x_name: str
    y_name: str
    lines: tuple[ContourLine, ...]
    path_steps: np.ndarray
    path_x: np.ndarray
    path_y: np.ndarray
    optimum: tuple[float, float]
    axis_ratio: float  # the slice's long axis ÷ its short axis: √κ of the 2×2 curvature
    drawn: np.ndarray | None = None  # indices of the path steps the chart draws (None: all of them)


@dataclass(frozen=True)
class RavineFigure:
    sides: tuple[RavineSide, ...]


@dataclass(frozen=True)
class LossSeries:
    label: str
    steps: np.ndarray
    log10_loss: np.ndarray
    relative_error: np.ndarray
    stop_reason: str


@dataclass(frozen=True)
class LossFigure:
    series: tuple[LossSeries, ...]
    minimum_log10_loss: float


@dataclass(frozen=True)
class GradientFigure:
    """|∂L/∂θ_j| at the start, raw and normalized, beside each feature's standard deviation."""

    raw_names: tuple[str, ...]
    raw_gradient: np.ndarray
    normalized_names: tuple[str, ...]
    normalized_gradient: np.ndarray
    feature_spreads: np.ndarray


@dataclass(frozen=True)
class SweepSide:
    label: str
    rates: np.ndarray
    iterations: np.ndarray  # nan where it diverges or misses the step cap
    diverges: np.ndarray
    max_stable_lr: float
    best_lr: float


@dataclass(frozen=True)
class SweepFigure:
    sides: tuple[SweepSide, ...]
    tolerance: float
    step_cap: int


def pair_indices(analysis: Analysis, pair: tuple[str, str] | None) -> tuple[int, int]:
    """Parameter positions for a pair of raw parameter names; unknown names fall back to the default."""
    names = analysis.raw.quadratic.parameter_names
    if pair is not None and pair[0] in names and pair[1] in names and pair[0] != pair[1]:
        return names.index(pair[0]), names.index(pair[1])
    return 0, 1  # the first two weights, or the only weight and the bias


def ravine_figure(analysis: Analysis, pair: tuple[str, str] | None = None) -> RavineFigure:
    first, second = pair_indices(analysis, pair)
    return RavineFigure(tuple(_ravine_side(side, first, second) for side in analysis.sides))


def _ravine_side(side: Side, first: int, second: int) -> RavineSide:
    quadratic, run = side.quadratic, side.run
    optimum = quadratic.optimum[[first, second]]
    curvature = quadratic.hessian[np.ix_([first, second], [first, second])]
    if run.diverged:  # the first overshoots say it all; later ones would dwarf the whole bowl
        escaped = np.flatnonzero(run.relative_error > ESCAPE_FACTOR)
        last = max(int(run.steps[escaped[0]]) if escaped.size else int(run.steps[-1]), 2)
        shown = run.steps <= last
    else:
        shown = np.ones(len(run.steps), dtype=bool)
    path = run.parameters[shown][:, [first, second]]
    finite = np.isfinite(path).all(axis=1)
    path, steps = path[finite], run.steps[shown][finite]
    corners = np.vstack([path, optimum])
    low, high = corners.min(axis=0), corners.max(axis=0)
    span = np.where(high - low > 0, high - low, np.maximum(np.abs(optimum), 1.0))
    low, high = low - 0.12 * span, high + 0.12 * span
    xs = np.linspace(low[0], high[0], GRID_POINTS)
    ys = np.linspace(low[1], high[1], GRID_POINTS)
    grid_x, grid_y = np.meshgrid(xs - optimum[0], ys - optimum[1])
    gap = 0.5 * (curvature[0, 0] * grid_x**2 + 2 * curvature[0, 1] * grid_x * grid_y + curvature[1, 1] * grid_y**2)
    with np.errstate(divide="ignore"):
        log_gap = np.log10(np.maximum(gap, np.finfo(float).tiny))
    levels = np.linspace(*np.quantile(log_gap, [0.02, 0.97]), CONTOUR_LEVELS)
    generator = contourpy.contour_generator(xs, ys, log_gap, line_type=contourpy.LineType.Separate)
    scale = PANEL_PIXELS / (high - low)  # data units → pixels of the panel
    traced = [(float(level), segment) for level in levels for segment in generator.lines(level) if len(segment) > 1]
    kept_points = _simplified_lines([segment * scale for _, segment in traced], SIMPLIFY_PIXELS)
    lines = tuple(
        ContourLine(level, segment[kept, 0], segment[kept, 1])
        for (level, segment), kept in zip(traced, kept_points, strict=True)
    )
    eigenvalues = np.linalg.eigvalsh(curvature)
    names = quadratic.parameter_names
    return RavineSide(
        label=side.label,
        x_name=names[first],
        y_name=names[second],
        lines=lines,
        path_steps=steps,
        path_x=path[:, 0],
        path_y=path[:, 1],
        optimum=(float(optimum[0]), float(optimum[1])),
        axis_ratio=float(np.sqrt(eigenvalues[-1] / eigenvalues[0])) if eigenvalues[0] > 0 else float("inf"),
        drawn=_spread_out(path * scale, PATH_PIXELS),
    )


def _spread_out(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Indices of the points to draw: the first, the last, and each one further than `tolerance` from the last
    one kept. A zig-zag's every step is far from the one before and stays; the slow crawl along a ravine's
    floor, hundreds of steps within a pixel, is drawn as the few dots a reader can tell apart."""
    if len(points) < 3:
        return np.arange(len(points))
    xs, ys = points[:, 0].tolist(), points[:, 1].tolist()  # plain floats: a tenth of NumPy's cost per point
    kept, last_x, last_y = [0], xs[0], ys[0]
    for index in range(1, len(xs) - 1):
        if math.hypot(xs[index] - last_x, ys[index] - last_y) > tolerance:
            kept.append(index)
            last_x, last_y = xs[index], ys[index]
    kept.append(len(xs) - 1)
    return np.asarray(kept)


def _simplified(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Indices of the points Ramer–Douglas–Peucker keeps: no dropped point is further than `tolerance`
    from the kept polyline, so the line looks the same at that resolution with far fewer points."""
    return _simplified_lines([points], tolerance)[0]


def _simplified_lines(lines: list[np.ndarray], tolerance: float) -> list[np.ndarray]:
    """`_simplified` for many lines at once: the same points kept, found a level of splits at a time for every
    interval of every line together (a side's 30-odd contour lines took 5 ms one interval at a time, as much as
    the rest of its figure; NumPy's cost is per call, and one level of all of them is a dozen calls)."""
    if not lines:
        return []
    sizes = np.array([len(line) for line in lines])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    points = np.concatenate(lines)
    xs, ys = points[:, 0], points[:, 1]
    keep = np.zeros(len(points), dtype=bool)
    keep[starts] = keep[starts + sizes - 1] = True  # each line's ends: no interval spans two lines
    while True:
        kept = np.flatnonzero(keep)
        inner = np.flatnonzero(~keep)
        if not inner.size:
            break
        interval = np.searchsorted(kept, inner) - 1  # the kept points either side of each inner one
        first, last = kept[interval], kept[interval + 1]
        chord_x, chord_y = xs[last] - xs[first], ys[last] - ys[first]
        inner_x, inner_y = xs[inner] - xs[first], ys[inner] - ys[first]
        length = np.hypot(chord_x, chord_y)
        with np.errstate(divide="ignore", invalid="ignore"):
            across = np.abs(chord_x * inner_y - chord_y * inner_x) / length
        distances = np.where(length > 0, across, np.hypot(inner_x, inner_y))  # a closed line: from its start
        # each interval's farthest point (the first of equals, as argmax): inner points come interval by interval
        opens = np.flatnonzero(np.concatenate([[True], interval[1:] != interval[:-1]]))
        group = np.repeat(np.arange(len(opens)), np.diff(np.append(opens, len(inner))))
        farthest = np.maximum.reduceat(distances, opens)
        at_most = np.flatnonzero(distances == farthest[group])
        firsts = at_most[np.concatenate([[True], group[at_most][1:] != group[at_most][:-1]])]
        split = firsts[distances[firsts] > tolerance]
        if not split.size:
            break
        keep[inner[split]] = True
    return [np.flatnonzero(keep[start : start + size]) for start, size in zip(starts, sizes, strict=True)]


def _simplified_one_by_one(points: np.ndarray, tolerance: float) -> np.ndarray:
    """The reference: one interval at a time, as Ramer–Douglas–Peucker is usually written (tests compare)."""
    keep = np.zeros(len(points), dtype=bool)
    keep[[0, -1]] = True
    # Plain 1-D columns and scalars: the same arithmetic as on the (n, 2) array, with fewer NumPy calls
    # per interval (a page draws about 30 lines, each split a few dozen times).
    xs, ys = np.ascontiguousarray(points[:, 0]), np.ascontiguousarray(points[:, 1])
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        start_x, start_y = xs[first], ys[first]
        chord_x, chord_y = xs[last] - start_x, ys[last] - start_y
        inner_x, inner_y = xs[first + 1 : last] - start_x, ys[first + 1 : last] - start_y
        length = np.hypot(chord_x, chord_y)
        distances = (
            np.abs(chord_x * inner_y - chord_y * inner_x) / length
            if length > 0
            else np.hypot(inner_x, inner_y)  # a closed line: measured from its start
        )
        farthest = int(distances.argmax())
        if distances[farthest] > tolerance:
            middle = first + 1 + farthest
            keep[middle] = True
            stack.extend([(first, middle), (middle, last)])
    return np.flatnonzero(keep)


def loss_figure(analysis: Analysis) -> LossFigure:
    series = tuple(
        LossSeries(side.label, side.run.steps, side.run.log10_loss, side.run.relative_error, side.run.stop_reason)
        for side in analysis.sides
    )
    minimum = analysis.raw.quadratic.minimum_loss
    return LossFigure(series, float(np.log10(minimum)) if minimum > 0 else float("-inf"))


def gradient_figure(analysis: Analysis) -> GradientFigure:
    start = np.zeros(len(analysis.raw.quadratic.optimum))
    return GradientFigure(
        raw_names=analysis.raw.quadratic.parameter_names,
        raw_gradient=np.abs(analysis.raw.quadratic.gradient(start)),
        normalized_names=analysis.normalized.quadratic.parameter_names,
        normalized_gradient=np.abs(analysis.normalized.quadratic.gradient(start)),
        feature_spreads=analysis.data.features.std(axis=0),
    )


def sweep_figure(analysis: Analysis) -> SweepFigure:
    """Iterations to tolerance against the learning rate, for plain GD on both sides, in closed form.

    It never reads the scenario's own step or optimizer, so a learning-rate edit finds it shared."""
    key = ("sweep", problem_key(analysis.scenario), analysis.scenario.max_steps)
    return PROBLEMS.get_or_compute(key, lambda: _sweep_figure(analysis))


def _sweep_figure(analysis: Analysis) -> SweepFigure:
    thresholds = [side.quadratic.max_stable_lr for side in analysis.sides]
    rates = np.geomspace(min(thresholds) * 1e-3, max(thresholds) * 1.5, SWEEP_POINTS)
    nearby = np.concatenate(
        [[t * 0.999, t * 1.001, side.quadratic.best_lr] for t, side in zip(thresholds, analysis.sides)]
    )
    rates = np.unique(np.concatenate([rates, nearby]))
    start = np.zeros(len(analysis.raw.quadratic.optimum))
    scenario = analysis.scenario
    sides = []
    for side in analysis.sides:
        iterations, _, diverges = closed_form_iterations(
            side.quadratic, rates, scenario.tolerance, scenario.max_steps, start, divergence_steps=False
        )
        sides.append(
            SweepSide(side.label, rates, iterations, diverges, side.quadratic.max_stable_lr, side.quadratic.best_lr)
        )
    return SweepFigure(tuple(sides), scenario.tolerance, scenario.max_steps)
