"""Altair charts drawn from the figure data, testable as specs without a browser.

Colours are Okabe–Ito (safe for the common colour-vision deficiencies); raw is always
vermillion and normalized always blue, across every chart and page.
"""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import numpy as np
import pandas as pd

from explainer.explanation.figures import (
    GradientFigure,
    LossFigure,
    RavineFigure,
    RavineSide,
    SweepFigure,
    SweepSide,
)
from explainer.explanation.text_alternatives import (
    gradient_text,
    loss_text,
    ravine_side_text,
    ravine_text,
    sweep_text,
)
from explainer.text.formatting import count, number, number_from_log10

SIDE_COLORS = {"raw": "#D55E00", "normalized": "#0072B2"}
SIDE_TITLES = {"raw": "Raw features", "normalized": "Normalized features"}
CHART_HEIGHT = 300
LARGEST_PLOTTED_LOSS = 1e300  # Vega-Lite plots doubles; the exact value stays in the tooltip
# Points per loss curve: evenly spaced on the chart's symlog axis, a few pixels apart on a wide screen. The loss of
# gradient descent on a quadratic is log-convex in the step (no zig-zag to lose), and a run records up to 800 steps;
# every recorded step cost about a third of a learning-rate edit's chart time on the server.
LOSS_CHART_POINTS = 200


def _side_scale() -> alt.Scale:
    return alt.Scale(domain=list(SIDE_COLORS), range=list(SIDE_COLORS.values()))


def _parameter_title(name: str, label: str) -> str:
    if name == "bias":
        return "bias b (units of y)"
    unit = f"y per unit of {name}" if label == "raw" else "y per normalized unit"
    return f"weight of {name} ({unit})"


def _ravine_frames(side: RavineSide) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The contour lines, the recorded path, and the start and best-fit markers."""
    if side.lines:  # column by column: a page draws a few hundred contour points per panel
        lengths = [len(line.x) for line in side.lines]
        lines = pd.DataFrame(
            {
                "line": np.repeat(np.arange(len(side.lines)), lengths),
                "order": np.concatenate([np.arange(length) for length in lengths]),
                "x": np.concatenate([line.x for line in side.lines]).astype(float),
                "y": np.concatenate([line.y for line in side.lines]).astype(float),
                "level": np.repeat([float(line.log10_gap) for line in side.lines], lengths),
            }
        )
    else:
        lines = pd.DataFrame(
            {"line": [0], "order": [0], "x": [side.optimum[0]], "y": [side.optimum[1]], "level": [0.0]}
        )
    drawn = slice(None) if side.drawn is None else side.drawn
    path = pd.DataFrame({"step": side.path_steps[drawn], "x": side.path_x[drawn], "y": side.path_y[drawn]})
    marks = pd.DataFrame(
        [
            {"x": side.path_x[0], "y": side.path_y[0], "what": "start"},
            {"x": side.optimum[0], "y": side.optimum[1], "what": "best fit"},
        ]
    )
    return lines, path, marks


def _ravine_title(side: RavineSide) -> tuple[str, list[str]]:
    subtitle = [
        f"Loss contours over these two parameters (the others held at their best values); {len(side.path_steps)} recorded steps.",
        f"Axes are scaled independently: on equal axes these ellipses are {number(side.axis_ratio)}× longer than wide.",
    ]
    return f"{SIDE_TITLES[side.label]}: the descent path", subtitle


def ravine_side_chart(side: RavineSide, width: int | str = "container") -> alt.LayerChart:
    """Loss contours over two parameters with the descent path drawn on top."""
    lines, path, marks = _ravine_frames(side)
    x_title, y_title = _parameter_title(side.x_name, side.label), _parameter_title(side.y_name, side.label)
    axis = alt.Axis(format=".3~g", labelOverlap=True)
    x_axis = alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False, nice=False), axis=axis)
    y_axis = alt.Y("y:Q", title=y_title, scale=alt.Scale(zero=False, nice=False), axis=axis)
    contours = (
        alt.Chart(lines)
        .mark_line(strokeWidth=1, opacity=0.8)
        .encode(
            x=x_axis,
            y=y_axis,
            detail=alt.Detail("line:N"),
            order=alt.Order("order:Q"),
            color=alt.Color(
                "level:Q",
                title="log₁₀(loss − min)",
                scale=alt.Scale(scheme="viridis"),
                legend=alt.Legend(orient="bottom", gradientLength=140),
            ),
            tooltip=[alt.Tooltip("level:Q", title="log₁₀(loss − min)", format=".2f")],
        )
    )
    color = SIDE_COLORS[side.label]
    trail = (
        alt.Chart(path)
        .mark_line(color=color, strokeWidth=1.5)
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"), order=alt.Order("step:Q"))
    )
    steps = (
        alt.Chart(path)
        .mark_circle(color=color, size=18)
        .encode(
            x=alt.X("x:Q"),
            y=alt.Y("y:Q"),
            tooltip=[
                alt.Tooltip("step:Q", title="step", format=","),
                alt.Tooltip("x:Q", title=side.x_name, format=".4g"),
                alt.Tooltip("y:Q", title=side.y_name, format=".4g"),
            ],
        )
    )
    markers = (
        alt.Chart(marks)
        .mark_point(shape="diamond", size=120, filled=True, color="black")
        .encode(
            x=alt.X("x:Q"),
            y=alt.Y("y:Q"),
            tooltip=[alt.Tooltip("what:N"), alt.Tooltip("x:Q", format=".4g"), alt.Tooltip("y:Q", format=".4g")],
        )
    )
    title, subtitle = _ravine_title(side)
    return alt.layer(contours, trail, steps, markers).properties(
        title=alt.TitleParams(title, subtitle=subtitle, anchor="start"),
        description=ravine_side_text(side),  # Vega-Lite's description: the drawn chart's aria-label
        width=width,
        height=CHART_HEIGHT,
    )


def ravine_chart(figure: RavineFigure, width: int = 340) -> alt.HConcatChart:
    """Raw beside normalized (for reports; pages place the two panels in columns)."""
    panels = (ravine_side_chart(side, width) for side in figure.sides)
    return alt.hconcat(*panels).resolve_scale(color="independent").properties(description=ravine_text(figure))


def plotted_steps(steps: np.ndarray, count: int = LOSS_CHART_POINTS) -> np.ndarray:
    """Indices of the recorded steps a loss curve plots: the first and last, and about `count` more spread
    evenly on the symlog axis (log of step + 1), so the early steps stay dense and the long tail is sampled."""
    if len(steps) <= count:
        return np.arange(len(steps))
    targets = np.geomspace(1, float(steps[-1]) + 1, count) - 1
    nearest = np.clip(np.searchsorted(steps, targets), 0, len(steps) - 1)
    return np.unique(np.concatenate([[0, len(steps) - 1], nearest]))


def _loss_frames(figure: LossFigure) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Both sides' loss per recorded step, and the best possible loss (None if not finite)."""
    frames = []
    for series in figure.series:
        kept = plotted_steps(series.steps)
        log10_loss = series.log10_loss[kept]
        frames.append(
            pd.DataFrame(
                {
                    "step": series.steps[kept],
                    "side": series.label,
                    "loss": np.power(10.0, np.minimum(log10_loss, np.log10(LARGEST_PLOTTED_LOSS))),
                    "exact loss": [number_from_log10(value, 6) for value in log10_loss],
                    "error": series.relative_error[kept],
                }
            )
        )
    data = pd.concat(frames, ignore_index=True)
    if not np.isfinite(figure.minimum_log10_loss):
        return data, None
    return data, pd.DataFrame({"loss": [10**figure.minimum_log10_loss], "label": ["best possible loss"]})


# Each tick its own SI label (1, 10, 1k, 10M): a "~s" format gives every tick the largest one's prefix ("0M").
STEP_LABEL = (
    "datum.value >= 1e9 ? format(datum.value / 1e9, '~g') + 'G' : datum.value >= 1e6 ? format(datum.value / 1e6, '~g')"
    " + 'M' : datum.value >= 1e3 ? format(datum.value / 1e3, '~g') + 'k' : format(datum.value, '~g')"
)


# One style per axis: powers of ten below 0.001 as 1e-7, above as 0.01 ("~g" alone wrote 1e-7 beside 0.000001).
# Ticks Vega leaves unlabelled (2, 3, … between the powers of ten) stay unlabelled.
RATE_LABEL = "datum.label == '' ? '' : datum.value < 0.001 ? format(datum.value, '.0e') : format(datum.value, '~g')"


def step_ticks(figure: LossFigure) -> list[int]:
    """The iteration axis's ticks: 0, then every power of ten up to the longest run (0, 1, 10, …, 10M). Vega's
    own ticks on a symlog scale bunch up at the far end and label the start "0M"."""
    last = max((int(series.steps[-1]) for series in figure.series if len(series.steps)), default=1)
    if last < 10:
        return list(range(last + 1))
    return [0] + [10**power for power in range(len(str(last)))]


def loss_chart(figure: LossFigure, width: int | str = "container") -> alt.LayerChart:
    """Loss against iteration, both sides on one chart, log scales."""
    data, floor = _loss_frames(figure)
    lines = (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(size=12))
        .encode(
            x=alt.X(
                "step:Q",
                title="iteration (symmetric log scale)",
                scale=alt.Scale(type="symlog"),
                axis=alt.Axis(labelExpr=STEP_LABEL, labelOverlap=True, values=step_ticks(figure)),
            ),
            y=alt.Y("loss:Q", title="loss (log scale)", scale=alt.Scale(type="log")),
            color=alt.Color("side:N", title=None, scale=_side_scale(), legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("side:N"),
                alt.Tooltip("step:Q", format=","),
                alt.Tooltip("exact loss:N", title="loss"),
                alt.Tooltip("error:Q", title="distance to best fit (fraction of start)", format=".3g"),
            ],
        )
    )
    layers: list[alt.Chart] = [lines]
    if floor is not None:
        layers.append(
            alt.Chart(floor)
            .mark_rule(strokeDash=[4, 4], color="gray")
            .encode(y=alt.Y("loss:Q"), tooltip=[alt.Tooltip("label:N"), alt.Tooltip("loss:Q", format=".4g")])
        )
    return alt.layer(*layers).properties(
        title=alt.TitleParams(
            "Loss vs iteration", subtitle="Same loss, same cost per iteration: only the count differs.", anchor="start"
        ),
        description=loss_text(figure),
        width=width,
        height=CHART_HEIGHT,
    )


def _gradient_frame(figure: GradientFigure) -> tuple[pd.DataFrame, float]:
    """Each weight's gradient per side, clipped to the bars' base (a power of ten below the smallest)."""
    rows = [
        {"parameter": name, "side": "raw", "gradient": value}
        for name, value in zip(figure.raw_names, figure.raw_gradient)
    ]
    rows += [
        {"parameter": name, "side": "normalized", "gradient": value}
        for name, value in zip(figure.normalized_names, figure.normalized_gradient)
    ]
    data = pd.DataFrame(rows)
    positive = data["gradient"][data["gradient"] > 1e-300]
    # Bars on a log scale need an explicit base (log 0 is undefined): a power of ten below the smallest bar.
    base = float(10 ** (np.ceil(np.log10(positive.min())) - 1)) if len(positive) else 1e-300
    data["gradient"] = data["gradient"].clip(lower=base)
    return data, base


def gradient_chart(figure: GradientFigure, width: int | str = "container") -> alt.Chart:
    """Size of each gradient component at the start (all weights 0), raw and normalized."""
    data, base = _gradient_frame(figure)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("parameter:N", title="gradient for the weight of…", sort=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("side:N", sort=list(SIDE_COLORS)),
            y=alt.Y("gradient:Q", title="|∂L/∂w| at the start (log scale)", scale=alt.Scale(type="log")),
            y2=alt.Y2Datum(base),
            color=alt.Color("side:N", title=None, scale=_side_scale(), legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("side:N"),
                alt.Tooltip("parameter:N"),
                alt.Tooltip("gradient:Q", title="|∂L/∂w|", format=".4g"),
            ],
        )
        .properties(
            title=alt.TitleParams(
                "Gradient size per weight",
                subtitle="A weight's gradient grows with its feature's scale.",
                anchor="start",
            ),
            description=gradient_text(figure),
            width=width,
            height=CHART_HEIGHT,
        )
    )


def _sweep_frames(figure: SweepFigure) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The converged points of each side's sweep, and each side's divergence threshold with its label."""
    frames = [
        pd.DataFrame({"rate": side.rates, "iterations": side.iterations, "side": side.label, "diverges": side.diverges})
        for side in figure.sides
    ]
    data = pd.concat(frames, ignore_index=True)
    converged = data[np.isfinite(data["iterations"])]
    thresholds = pd.DataFrame(
        [
            {
                "rate": side.max_stable_lr,
                "side": side.label,
                "height": _threshold_label_height(side, converged["iterations"], index),
                "label": f"{side.label} diverges above 2/λmax = {number(side.max_stable_lr)}",
            }
            for index, side in enumerate(figure.sides)
        ]
    )
    return converged, thresholds


def _threshold_label_height(side: SweepSide, iterations: pd.Series, index: int) -> int:
    """Pixels from the top for a side's "diverges above" label, which runs leftwards from its line: at the top,
    unless the side's own curve ends high there (a slow raw side), then at the bottom, clear of it."""
    top, bottom = 12 + 18 * index, CHART_HEIGHT - 8 - 18 * index
    last = side.iterations[np.isfinite(side.iterations)]
    if not len(last) or not len(iterations):
        return top
    # at least 1: a run that starts at the best fit needs 0 iterations, which a log axis cannot show anyway
    low, high = np.log10(max(iterations.min(), 1.0)), np.log10(max(iterations.max(), 1.0))
    ends_high = high > low and (np.log10(max(last[-1], 1.0)) - low) / (high - low) > 0.5
    return bottom if ends_high else top


def sweep_chart(figure: SweepFigure, width: int | str = "container") -> alt.LayerChart:
    """Iterations to tolerance against the learning rate, with each side's divergence threshold."""
    converged, thresholds = _sweep_frames(figure)
    lines = (
        alt.Chart(converged)
        .mark_line(point=alt.OverlayMarkDef(size=14))
        .encode(
            x=alt.X(
                "rate:Q",
                title="learning rate η (log scale)",
                scale=alt.Scale(type="log"),
                axis=alt.Axis(labelExpr=RATE_LABEL),
            ),
            y=alt.Y(
                "iterations:Q",
                title=f"iterations to tolerance {number(figure.tolerance)} (log scale)",
                scale=alt.Scale(type="log"),
                axis=alt.Axis(format="~s"),
            ),
            color=alt.Color("side:N", title=None, scale=_side_scale(), legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("side:N"),
                alt.Tooltip("rate:Q", title="η", format=".4g"),
                alt.Tooltip("iterations:Q", format=",.0f"),
            ],
        )
    )
    rules = (
        alt.Chart(thresholds)
        .mark_rule(strokeDash=[6, 4], strokeWidth=2)
        .encode(
            x=alt.X("rate:Q"),
            color=alt.Color("side:N", scale=_side_scale(), legend=None),
            tooltip=[alt.Tooltip("label:N")],
        )
    )
    labels = (
        alt.Chart(thresholds)
        .mark_text(align="right", dx=-4, dy=-6, angle=0, fontSize=11)
        .encode(
            x=alt.X("rate:Q"),
            y=alt.Y("height:Q", scale=None),
            text=alt.Text("label:N"),
            color=alt.Color("side:N", scale=_side_scale(), legend=None),
        )
    )
    return alt.layer(lines, rules, labels).properties(
        title=alt.TitleParams(
            "Learning-rate sweep (plain gradient descent)",
            subtitle=f"Past the dashed line a side diverges; gaps mean more than {count(figure.step_cap)} steps.",
            anchor="start",
        ),
        description=sweep_text(figure),
        width=width,
        height=CHART_HEIGHT,
    )


# The same charts as Vega-Lite dicts, built directly: what `chart.to_dict()` gives for the Altair charts
# above (tests/test_chart_specs.py checks they are equal), at a small part of the cost. Building an
# Altair chart copies and validates its objects several times over, which was most of a distinct Explore
# page's first render. `dataset` turns a table into the reference the spec carries ({"name": ...}).

Dataset = Callable[[pd.DataFrame], dict]


def _field(name: str, kind: str, **extra: object) -> dict:
    return {"field": name, "type": {"Q": "quantitative", "N": "nominal"}[kind], **extra}


def _side_color(legend: object) -> dict:
    scale = {"domain": list(SIDE_COLORS), "range": list(SIDE_COLORS.values())}
    if legend is None:
        return _field("side", "N", legend=None, scale=scale)
    return _field("side", "N", legend=legend, scale=scale, title=None)


def _top(spec: dict, title: str, subtitle: str | list[str], width: int | str, description: str) -> dict:
    return {
        **spec,
        "description": description,  # the drawn chart's aria-label, as the Altair charts set it
        "height": CHART_HEIGHT,
        "title": {"text": title, "anchor": "start", "subtitle": subtitle},
        "width": width,
        "$schema": alt.SCHEMA_URL,
    }


def ravine_side_spec(side: RavineSide, dataset: Dataset, width: int | str = "container") -> dict:
    """`ravine_side_chart(side).to_dict()`, built directly."""
    lines, path, marks = _ravine_frames(side)
    axis = {"format": ".3~g", "labelOverlap": True}
    scale = {"nice": False, "zero": False}
    x = _field("x", "Q", axis=axis, scale=scale, title=_parameter_title(side.x_name, side.label))
    y = _field("y", "Q", axis=axis, scale=scale, title=_parameter_title(side.y_name, side.label))
    level_title = "log₁₀(loss − min)"
    color = SIDE_COLORS[side.label]
    path_data = dataset(path)
    plain_x, plain_y = _field("x", "Q"), _field("y", "Q")
    layers = [
        {
            "data": dataset(lines),
            "mark": {"type": "line", "opacity": 0.8, "strokeWidth": 1},
            "encoding": {
                "color": _field(
                    "level",
                    "Q",
                    legend={"gradientLength": 140, "orient": "bottom"},
                    scale={"scheme": "viridis"},
                    title=level_title,
                ),
                "detail": _field("line", "N"),
                "order": _field("order", "Q"),
                "tooltip": [_field("level", "Q", format=".2f", title=level_title)],
                "x": x,
                "y": y,
            },
        },
        {
            "data": path_data,
            "mark": {"type": "line", "color": color, "strokeWidth": 1.5},
            "encoding": {"order": _field("step", "Q"), "x": plain_x, "y": plain_y},
        },
        {
            "data": path_data,
            "mark": {"type": "circle", "color": color, "size": 18},
            "encoding": {
                "tooltip": [
                    _field("step", "Q", format=",", title="step"),
                    _field("x", "Q", format=".4g", title=side.x_name),
                    _field("y", "Q", format=".4g", title=side.y_name),
                ],
                "x": plain_x,
                "y": plain_y,
            },
        },
        {
            "data": dataset(marks),
            "mark": {"type": "point", "color": "black", "filled": True, "shape": "diamond", "size": 120},
            "encoding": {
                "tooltip": [_field("what", "N"), _field("x", "Q", format=".4g"), _field("y", "Q", format=".4g")],
                "x": plain_x,
                "y": plain_y,
            },
        },
    ]
    title, subtitle = _ravine_title(side)
    return _top({"layer": layers}, title, subtitle, width, ravine_side_text(side))


def loss_spec(figure: LossFigure, dataset: Dataset, width: int | str = "container") -> dict:
    """`loss_chart(figure).to_dict()`, built directly."""
    data, floor = _loss_frames(figure)
    layers = [
        {
            "data": dataset(data),
            "mark": {"type": "line", "point": {"size": 12}},
            "encoding": {
                "color": _side_color({"orient": "bottom"}),
                "tooltip": [
                    _field("side", "N"),
                    _field("step", "Q", format=","),
                    _field("exact loss", "N", title="loss"),
                    _field("error", "Q", format=".3g", title="distance to best fit (fraction of start)"),
                ],
                "x": _field(
                    "step",
                    "Q",
                    axis={"labelExpr": STEP_LABEL, "labelOverlap": True, "values": step_ticks(figure)},
                    scale={"type": "symlog"},
                    title="iteration (symmetric log scale)",
                ),
                "y": _field("loss", "Q", scale={"type": "log"}, title="loss (log scale)"),
            },
        }
    ]
    if floor is not None:
        layers.append(
            {
                "data": dataset(floor),
                "mark": {"type": "rule", "color": "gray", "strokeDash": [4, 4]},
                "encoding": {
                    "tooltip": [_field("label", "N"), _field("loss", "Q", format=".4g")],
                    "y": _field("loss", "Q"),
                },
            }
        )
    subtitle = "Same loss, same cost per iteration: only the count differs."
    return _top({"layer": layers}, "Loss vs iteration", subtitle, width, loss_text(figure))


def gradient_spec(figure: GradientFigure, dataset: Dataset, width: int | str = "container") -> dict:
    """`gradient_chart(figure).to_dict()`, built directly."""
    data, base = _gradient_frame(figure)
    spec = {
        "data": dataset(data),
        "mark": {"type": "bar"},
        "encoding": {
            "color": _side_color({"orient": "bottom"}),
            "tooltip": [
                _field("side", "N"),
                _field("parameter", "N"),
                _field("gradient", "Q", format=".4g", title="|∂L/∂w|"),
            ],
            "x": _field("parameter", "N", axis={"labelAngle": 0}, sort=None, title="gradient for the weight of…"),
            "xOffset": _field("side", "N", sort=list(SIDE_COLORS)),
            "y": _field("gradient", "Q", scale={"type": "log"}, title="|∂L/∂w| at the start (log scale)"),
            "y2": {"datum": base},
        },
    }
    subtitle = "A weight's gradient grows with its feature's scale."
    return _top(spec, "Gradient size per weight", subtitle, width, gradient_text(figure))


def sweep_spec(figure: SweepFigure, dataset: Dataset, width: int | str = "container") -> dict:
    """`sweep_chart(figure).to_dict()`, built directly."""
    converged, thresholds = _sweep_frames(figure)
    threshold_data = dataset(thresholds)
    quiet_color = _side_color(None)
    layers = [
        {
            "data": dataset(converged),
            "mark": {"type": "line", "point": {"size": 14}},
            "encoding": {
                "color": _side_color({"orient": "bottom"}),
                "tooltip": [
                    _field("side", "N"),
                    _field("rate", "Q", format=".4g", title="η"),
                    _field("iterations", "Q", format=",.0f"),
                ],
                "x": _field(
                    "rate",
                    "Q",
                    axis={"labelExpr": RATE_LABEL},
                    scale={"type": "log"},
                    title="learning rate η (log scale)",
                ),
                "y": _field(
                    "iterations",
                    "Q",
                    axis={"format": "~s"},
                    scale={"type": "log"},
                    title=f"iterations to tolerance {number(figure.tolerance)} (log scale)",
                ),
            },
        },
        {
            "data": threshold_data,
            "mark": {"type": "rule", "strokeDash": [6, 4], "strokeWidth": 2},
            "encoding": {"color": quiet_color, "tooltip": [_field("label", "N")], "x": _field("rate", "Q")},
        },
        {
            "data": threshold_data,
            "mark": {"type": "text", "align": "right", "angle": 0, "dx": -4, "dy": -6, "fontSize": 11},
            "encoding": {
                "color": quiet_color,
                "text": _field("label", "N"),
                "x": _field("rate", "Q"),
                "y": _field("height", "Q", scale=None),
            },
        },
    ]
    subtitle = f"Past the dashed line a side diverges; gaps mean more than {count(figure.step_cap)} steps."
    return _top({"layer": layers}, "Learning-rate sweep (plain gradient descent)", subtitle, width, sweep_text(figure))


def chart_for(figures: object, key: str, width: int | str = "container") -> alt.TopLevelMixin:
    """The chart for a figure key ("ravine", "loss", "gradients", "sweep") of an Explanation's figures."""
    if key == "ravine":
        return ravine_chart(figures.ravine, 340 if width == "container" else int(width) // 2)  # type: ignore[attr-defined]
    if key == "loss":
        return loss_chart(figures.loss, width)  # type: ignore[attr-defined]
    if key == "gradients":
        return gradient_chart(figures.gradients, width)  # type: ignore[attr-defined]
    if key == "sweep":
        return sweep_chart(figures.sweep, width)  # type: ignore[attr-defined]
    raise KeyError(f"unknown figure {key!r}")


def to_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """A static image of the chart (vl-convert, no browser needed)."""
    import vl_convert as vlc

    return vlc.vegalite_to_png(chart.to_json(), scale=scale)
