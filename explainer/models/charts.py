"""Altair charts for a model comparison: loss curves, scores, and each feature's share of the distances.

Raw is vermillion and normalized blue, as in every other chart (explainer.explanation.charts.SIDE_COLORS).
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from explainer.explanation.charts import CHART_HEIGHT, SIDE_COLORS
from explainer.models.fit import FitResult, ModelComparison

SIDES = ("raw", "normalized")


def _score(value: float, percent: bool) -> str:
    if not math.isfinite(value):
        return "none"
    return f"{value * 100:.1f}%" if percent else f"{value:.3f}"


def _iterations(result: FitResult) -> str:
    if result.iterations is None:
        return "no iteration count"
    return f"{'more than ' if result.hit_cap else ''}{result.iterations:,} iterations"


def score_text(comparison: ModelComparison) -> str:
    """The score chart in words (its Vega-Lite description, the chart's accessible name)."""
    percent = comparison.score_name == "accuracy"
    raw, normalized = comparison.raw, comparison.normalized
    return (
        f"Test {comparison.score_name} on {comparison.rows_tested:,} held-out rows: raw features"
        f" {_score(raw.score, percent)} ({_iterations(raw)}), normalized {_score(normalized.score, percent)}"
        f" ({_iterations(normalized)})."
    )


def loss_curve_text(comparison: ModelComparison) -> str:
    parts = []
    for side, result in zip(SIDES, (comparison.raw, comparison.normalized)):
        points = [(step, loss) for step, loss in zip(result.curve_steps, result.curve_losses) if math.isfinite(loss)]
        if points:
            parts.append(
                f"{side}: from {points[0][1]:.4g} at iteration {points[0][0]:,} to {points[-1][1]:.4g}"
                f" at iteration {points[-1][0]:,}"
            )
    return f"Training loss ({comparison.curve_kind}) against iterations, log scales. " + "; ".join(parts) + "."


def distance_share_text(comparison: ModelComparison) -> str:
    shares = comparison.theory.distances
    if shares is None:
        return ""
    parts = []
    for side, values in zip(SIDES, (shares.raw, shares.normalized)):
        ranked = sorted(zip(values, shares.feature_names), reverse=True)
        parts.append(f"{side}: " + ", ".join(f"{name} {share * 100:.1f}%" for share, name in ranked))
    return "Each feature's share of the squared distances between samples. " + "; ".join(parts) + "."


def _side_color() -> alt.Color:
    return alt.Color("side:N", title=None, scale=alt.Scale(domain=list(SIDES), range=[SIDE_COLORS[s] for s in SIDES]))


def loss_curve_chart(comparison: ModelComparison, width: int | str = "container") -> alt.Chart | None:
    """Training loss against iterations (log-log), raw beside normalized; None when the model has no curve."""
    rows = [
        {"side": side, "iteration": step, "loss": loss}
        for side, result in zip(SIDES, (comparison.raw, comparison.normalized))
        for step, loss in zip(result.curve_steps, result.curve_losses)
        if math.isfinite(loss) and loss > 0
    ]
    if not rows:
        return None
    return (
        alt.Chart(pd.DataFrame(rows), title=f"Training loss ({comparison.curve_kind})")
        .mark_line(point=True)
        .encode(
            x=alt.X("iteration:Q", title="iterations (epochs for SGD and the MLP)", scale=alt.Scale(type="log")),
            y=alt.Y("loss:Q", title="training loss", scale=alt.Scale(type="log")),
            color=_side_color(),
            tooltip=["side:N", "iteration:Q", alt.Tooltip("loss:Q", format=".4g")],
        )
        .properties(width=width, height=CHART_HEIGHT, description=loss_curve_text(comparison))
    )


def score_chart(comparison: ModelComparison, width: int | str = "container") -> alt.Chart:
    """Test score raw and normalized, as two bars with the iterations in the tooltip."""
    rows = [
        {
            "side": side,
            "score": result.score if math.isfinite(result.score) else None,
            "iterations": "—"
            if result.iterations is None
            else f"{result.iterations:,}" + (" (cap)" if result.hit_cap else ""),
            "fit ms": round(result.seconds * 1000, 1),
        }
        for side, result in zip(SIDES, (comparison.raw, comparison.normalized))
    ]
    percent = comparison.score_name == "accuracy"
    return (
        alt.Chart(pd.DataFrame(rows), title=f"Test {comparison.score_name}, {comparison.rows_tested:,} held-out rows")
        .mark_bar()
        .encode(
            x=alt.X("score:Q", title=comparison.score_name, axis=alt.Axis(format=".0%" if percent else ".2f")),
            y=alt.Y("side:N", title=None, sort=list(SIDES)),
            color=_side_color(),
            tooltip=[
                "side:N",
                alt.Tooltip("score:Q", format=".1%" if percent else ".3f"),
                "iterations:N",
                alt.Tooltip("fit ms:Q", title="fit time, measured (ms)"),
            ],
        )
        .properties(width=width, height=110, description=score_text(comparison))
    )


def distance_share_chart(comparison: ModelComparison, width: int | str = "container") -> alt.Chart | None:
    """Each feature's share of the squared distances between samples, raw beside normalized."""
    shares = comparison.theory.distances
    if shares is None:
        return None
    rows = [
        {"feature": name, "side": side, "share": share}
        for side, values in zip(SIDES, (shares.raw, shares.normalized))
        for name, share in zip(shares.feature_names, values)
    ]
    order = [name for _, name in sorted(zip(shares.raw, shares.feature_names), reverse=True)]
    return (
        alt.Chart(pd.DataFrame(rows), title="Each feature's share of the squared distances")
        .mark_bar()
        .encode(
            y=alt.Y("feature:N", sort=order, title=None),
            x=alt.X("share:Q", title="share of E‖x − x′‖²", axis=alt.Axis(format=".0%")),
            yOffset=alt.YOffset("side:N", sort=list(SIDES)),
            color=_side_color(),
            tooltip=["feature:N", "side:N", alt.Tooltip("share:Q", format=".2%")],
        )
        .properties(
            width=width,
            height=max(CHART_HEIGHT, 22 * len(shares.feature_names)),
            description=distance_share_text(comparison),
        )
    )


def model_charts(comparison: ModelComparison, width: int | str = "container") -> dict[str, alt.Chart]:
    """Every chart that applies, by name: "scores", "loss" and "distances"."""
    charts = {"scores": score_chart(comparison, width)}
    for name, chart in (
        ("loss", loss_curve_chart(comparison, width)),
        ("distances", distance_share_chart(comparison, width)),
    ):
        if chart is not None:
            charts[name] = chart
    return charts
