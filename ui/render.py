"""Drawing an Explanation: headline metrics, the steps with their LaTeX and charts, caveats.

Shared by Ask, Explore and Scenarios, so every page shows the same numbers the same way.
"""

from __future__ import annotations

import streamlit as st

from explainer import Explanation
from explainer.charts import gradient_chart, loss_chart, ravine_side_chart, sweep_chart
from explainer.formatting import count, number


def render_headline(explanation: Explanation) -> None:
    """Raw vs normalized: condition number, largest stable step, iterations, speed-up."""
    raw, normalized = explanation.raw, explanation.normalized
    columns = st.columns(4)
    columns[0].metric(
        "Condition number κ (raw)",
        number(raw.condition_number),
        help="λmax / λmin of the loss's Hessian: how elongated the ravine is.",
    )
    columns[0].metric("Condition number κ (normalized)", number(normalized.condition_number))
    columns[1].metric(
        "Largest stable learning rate (raw)",
        number(raw.max_stable_lr),
        help="2 / λmax: above it gradient descent diverges (loss = mean of squared residuals).",
    )
    columns[1].metric("Largest stable learning rate (normalized)", number(normalized.max_stable_lr))
    columns[2].metric("Iterations to tolerance (raw)", _outcome(raw))
    columns[2].metric("Iterations to tolerance (normalized)", _outcome(normalized))
    speedup = explanation.speedup if explanation.speedup is not None else explanation.speedup_at_best_lr
    columns[3].metric(
        "Speed-up",
        f"{number(speedup)}×" if speedup is not None else "n/a",
        help="Raw iterations ÷ normalized iterations (each at its own best step if a run did not finish).",
    )


def _outcome(headline) -> str:
    if headline.diverged:
        return f"diverged (step {headline.diverged_at:,})" if headline.diverged_at is not None else "diverged"
    if headline.simulated_iterations is not None:
        return count(headline.simulated_iterations)
    return f"> {count(headline.predicted_iterations)} (cap)" if headline.predicted_iterations else "not reached"


def render_figure(explanation: Explanation, key: str, chart_key: str | None = None) -> None:
    """One figure by key ("ravine", "loss", "gradients", "sweep"); the ravine as two columns."""
    figures = explanation.figures
    if key == "ravine":
        for column, side in zip(st.columns(2), figures.ravine.sides):
            with column:
                st.altair_chart(
                    ravine_side_chart(side), width="stretch", key=f"{chart_key}-{side.label}" if chart_key else None
                )
        return
    chart = {"loss": loss_chart, "gradients": gradient_chart, "sweep": sweep_chart}[key]
    st.altair_chart(chart(getattr(figures, key)), width="stretch", key=chart_key)


def render_steps(explanation: Explanation, figures: bool = True, key_prefix: str = "step") -> None:
    """The step-by-step explanation, each step beside the chart it refers to."""
    for index, step in enumerate(explanation.steps, start=1):
        st.markdown(f"#### {index}. {step.title}")
        st.markdown(step.markdown)
        if step.latex:
            st.latex(step.latex)
        if figures and step.figure:
            render_figure(explanation, step.figure, chart_key=f"{key_prefix}-{index}-{step.figure}")


def render_caveats(explanation: Explanation) -> None:
    for caveat in explanation.caveats:
        st.markdown(f"- {caveat.text}")
