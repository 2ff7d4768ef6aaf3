"""Drawing an Explanation: headline metrics, the steps with their LaTeX and charts, caveats.

Shared by Ask, Explore and Scenarios, so every page shows the same numbers the same way.
"""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from explainer import Explanation
from explainer.budget.memory import BoundedCache, region
from explainer.explanation.cache import chart_specs_in_worker, workers_draw_charts
from explainer.explanation.charts import (
    gradient_chart,
    loss_chart,
    ravine_side_chart,
    ravine_side_spec,
    sweep_chart,
)
from explainer.explanation.explain import Step
from explainer.explanation.figures import RavineFigure
from explainer.explanation.finished_specs import (
    AUTOSIZE,
    SUBTITLE_CHARACTERS,
    content_key,
    direct_specs,
    figure_pieces,
    finished_spec,
)
from explainer.explanation.numbers import AnswerInNumbers
from explainer.explanation.text_alternatives import (
    FigureTable,
    figure_tables,
    figure_text,
    ravine_side_table,
    ravine_side_text,
)
from explainer.scenario.vocabulary import OPTIMIZER_CHOICES
from explainer.text.formatting import escape_markdown, number, plain
from ui import turns


def _altair_to_spec(chart: alt.TopLevelMixin) -> dict:
    """The spec `st.altair_chart` would send, converted as Streamlit does (its Arrow data transformer,
    Altair's theme "none") but without re-validating against the Vega-Lite schema: charts.py's charts
    are validated by their own tests, and validation was about 40% of a chart's conversion time."""
    try:  # Streamlit 1.67's private helpers; any other version falls back to its public conversion
        from streamlit.elements.vega_charts import _altair_globals_lock, _to_arrow_dataset
    except ImportError:  # pragma: no cover
        from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

        return _convert_altair_to_vega_lite_spec(chart)
    datasets: dict[str, object] = {}
    alt.data_transformers.register("to_arrow_dataset", _to_arrow_dataset)
    with _altair_globals_lock:
        theme = alt.theme.enable("none") if alt.theme.active == "default" else contextlib.nullcontext()
        with theme, alt.data_transformers.enable("to_arrow_dataset", datasets=datasets):
            spec = chart.to_dict(validate=False)
    spec["datasets"] = {**(spec.get("datasets") or {}), **datasets}
    return spec


STEP_COLUMNS = (2, 3)  # text : chart; on a phone-width screen Streamlit stacks them
AUTOSIZE_PARAMS = alt.AutoSizeParams(**AUTOSIZE)  # finished_specs.py's width rule, for the Altair charts
CHART_CACHE_ENTRIES = 512  # finished chart specs kept (about 8 per scenario and pair, a few kB to ~100 kB each)


def draw_chart(
    chart: alt.TopLevelMixin | Callable[[], alt.TopLevelMixin],
    key: str | None = None,
    cache_key: str | None = None,
    direct: Callable[[Callable], dict] | None = None,
) -> None:
    """An Altair chart as wide as its column, its plot as tall as the chart asks, its subtitle wrapped.

    `chart` may be a function that builds it; with a `cache_key` naming what it shows (the scenario,
    the figure, the side), the finished Vega-Lite spec is kept and reused by later reruns and sessions,
    so a rerun neither rebuilds, converts nor validates the chart: Streamlit only copies it out.
    `direct` builds the same spec without Altair (charts.py's `*_spec`), about ten times faster.
    """
    turns.give_way()  # a chart is the heaviest element: newly arrived visitors' numbers first
    try:
        if cache_key is not None:
            spec = _SPECS.get_or_compute(cache_key, lambda: _finished_spec(chart, direct))
        else:
            spec = _finished_spec(chart, direct)
    except Exception:  # the fast path leans on Streamlit internals: if a release changes them, draw it the public way
        st.altair_chart(_prepare(chart() if callable(chart) else chart), width="stretch", key=key)
        return
    st.vega_lite_chart(None, spec, width="stretch", key=key)


def _prepare(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    chart = chart.properties(autosize=AUTOSIZE_PARAMS)
    title = getattr(chart, "title", alt.Undefined)
    if isinstance(title, alt.TitleParams) and isinstance(title.subtitle, (str, list)):
        lines = [title.subtitle] if isinstance(title.subtitle, str) else title.subtitle
        wrapped = [piece for line in lines for piece in textwrap.wrap(line, SUBTITLE_CHARACTERS)]
        chart = chart.properties(title=alt.TitleParams(**{**title.to_dict(), "subtitle": wrapped}))
    return chart


def _finished_spec(
    chart: alt.TopLevelMixin | Callable[[], alt.TopLevelMixin], direct: Callable[[Callable], dict] | None = None
) -> dict:
    """The Vega-Lite spec `st.altair_chart` would send, with its datasets already as Arrow bytes.

    Converted once, as `st.altair_chart` would on every call (tests/deploy checks the dicts are equal),
    so the cached dict draws exactly as the Altair chart did; Streamlit passes Arrow bytes through.
    With `direct`, the same dict is built without Altair (tests/test_chart_specs.py checks it is equal).
    """
    if direct is not None:
        return _direct_spec(direct)
    prepared = _prepare(chart() if callable(chart) else chart)
    return _altair_to_spec(prepared)


def _direct_spec(direct: Callable[[Callable], dict]) -> dict:
    """`_finished_spec` of the chart `direct` describes (finished_specs.py), its tables converted by Streamlit's
    own chart data transformer; a worker builds the same dict without Streamlit (tests/test_chart_specs.py)."""
    from streamlit.elements.vega_charts import _to_arrow_dataset

    return finished_spec(direct, _to_arrow_dataset)


_DIRECT = direct_specs()

_SPECS: BoundedCache = region("chart_specs", max_entries=CHART_CACHE_ENTRIES)


def clear_chart_cache() -> None:
    _SPECS.clear()


def prefetch_chart_specs(
    explanation: Explanation,
    ravine: RavineFigure | None = None,
    kinds: tuple[str, ...] = ("ravine", "loss", "gradients", "sweep"),
) -> None:
    """While this process serves other sessions, have an idle worker build the charts a page is about to draw
    and are not kept yet (explainer/explanation/cache.py's `chart_specs_in_worker`); they are kept by what they
    draw (`content_key`), so the page then finds them. With no worker free, the page builds them as before."""
    if not workers_draw_charts():
        return
    pieces = figure_pieces(explanation.figures, ravine)
    missing = tuple(
        (kind, figure) for kind, figure in pieces if kind in kinds and _SPECS.get(content_key(kind, figure)) is None
    )
    specs = chart_specs_in_worker(missing)
    for key, spec in (specs or {}).items():
        _SPECS.put(key, spec)


HEADLINE_LABELS = {  # short enough for a third of a 1280 px page; the help says the rest
    "kappa": "Condition number κ",
    "max_lr": "Largest stable η",
    "iterations": "Iterations",
}


def render_headline(numbers: AnswerInNumbers) -> None:
    """Raw vs normalized: condition number, largest stable step, iterations; then the speed-up.

    Three columns, so no label or value is cut at desktop width (Streamlit stacks them on a phone).
    Each metric's help says in full what it is and ends with the value as a plain number, for
    programs reading the page (Streamlit's agent API) beside the pretty 5.04 × 10⁶.
    """
    loss = "sum" if numbers.scenario.loss == "sse" else "mean"
    optimizer = _optimizer_label(numbers)
    columns = st.columns(3)
    for side in (numbers.raw, numbers.normalized):
        name = side.label
        columns[0].metric(
            f"{HEADLINE_LABELS['kappa']} ({name})",
            number(side.condition_number),
            help=f"Condition number κ = λmax / λmin of the {name} problem's Hessian: how elongated the ravine is."
            f"\n\ncondition_number_{name} = {plain(side.condition_number)}",
        )
        columns[1].metric(
            f"{HEADLINE_LABELS['max_lr']} ({name})",
            number(side.max_stable_lr),
            help=f"Largest stable learning rate, 2 / λmax: above it gradient descent diverges ({name} features,"
            f" loss = {loss} of squared residuals).\n\nmax_stable_lr_{name} = {plain(side.max_stable_lr)}",
        )
        columns[2].metric(
            f"{HEADLINE_LABELS['iterations']} ({name})",
            side.iterations_value,
            help=f"Iterations to reach the tolerance: {optimizer} at η = {number(side.learning_rate)} from all"
            f" weights 0. {_sentence(side.iterations_note)}\n\niterations_{name} = {plain(side.iterations)}"
            f" ({side.iterations_basis or side.stop_reason})",
        )
    speedup_value = numbers.speedup if numbers.speedup is not None else numbers.speedup_at_best_lr
    speed, basis = st.columns([1, 2], vertical_alignment="center")
    speed.metric(
        "Speed-up",
        numbers.speedup_text,
        help=f"How many times fewer iterations the normalized problem needs: {numbers.speedup_note}."
        f"\n\nspeedup = {plain(speedup_value)}",
    )
    basis.caption(_basis_caption(numbers))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _basis_caption(numbers: AnswerInNumbers) -> str:
    """Which iteration counts are simulated and which predicted, in one line under the metrics."""
    parts = [f"{side.label.capitalize()}: {side.iterations_note}." for side in (numbers.raw, numbers.normalized)]
    return " ".join(parts)


def _optimizer_label(numbers: AnswerInNumbers) -> str:
    return OPTIMIZER_CHOICES[numbers.scenario.optimizer.name].label


CHART_WORDS_LABEL = "This chart in words and numbers"


def render_chart_words(text: str, tables: Callable[[], tuple[FigureTable, ...]], key: str | None = None) -> None:
    """Under a chart: what it shows, in a sentence with its numbers, and its data as tables.

    The same sentence is the chart's accessible name (its Vega-Lite description); here it is for every
    reader, with the plotted values in tables the keyboard reaches (issue 20). With a `key` the tables
    are built only while the expander is open: a closed expander costs one label per chart.
    """
    if key is None:
        box, lazy = st.expander(CHART_WORDS_LABEL), False
    else:
        box, lazy = st.expander(CHART_WORDS_LABEL, key=f"{key}-words", on_change="rerun"), True
    with box:
        st.markdown(escape_markdown(text))  # feature names are the learner's text
        if lazy and not box.open:
            return
        for table in tables():
            frame = pd.DataFrame(list(table.rows), columns=list(table.columns))
            st.dataframe(frame, hide_index=True, alt=table.title)


def render_ravine(
    figure: RavineFigure,
    sides: tuple[str, ...] = ("raw", "normalized"),
    chart_key: str | None = None,
) -> None:
    """The ravine's panels side by side (raw beside normalized), or one panel; each chart is kept under what it
    draws, so a rerun, another session or a worker's build of the same panel is reused."""
    shown = [side for side in figure.sides if side.label in sides]
    columns = st.columns(len(shown)) if len(shown) > 1 else [st.container()]
    for column, side in zip(columns, shown):
        with column:
            draw_chart(
                lambda side=side: ravine_side_chart(side),
                key=f"{chart_key}-{side.label}" if chart_key else None,
                cache_key=content_key("ravine", side),
                direct=lambda dataset, side=side: ravine_side_spec(side, dataset),
            )
    render_chart_words(
        " ".join(ravine_side_text(side) for side in shown),
        lambda: tuple(ravine_side_table(side) for side in shown),
        key=chart_key,
    )


def render_figure(
    explanation: Explanation,
    key: str,
    chart_key: str | None = None,
    ravine: RavineFigure | None = None,
) -> None:
    """One figure by key ("ravine", "loss", "gradients", "sweep"); the ravine as two columns.

    `ravine` draws another pair of parameters than the explanation's own (the first two). Charts are kept
    under what they draw (`content_key`): a learning-rate edit leaves the gradient and sweep figures as they
    were (they do not depend on the chosen step), so their finished specs are reused.
    """
    figures = explanation.figures
    if key == "ravine":
        render_ravine(ravine or figures.ravine, chart_key=chart_key)
        return
    build = {"loss": loss_chart, "gradients": gradient_chart, "sweep": sweep_chart}[key]
    draw_chart(
        lambda: build(getattr(figures, key)),
        key=chart_key,
        cache_key=content_key(key, getattr(figures, key)),
        direct=lambda dataset: _DIRECT[key](getattr(figures, key), dataset),
    )
    render_chart_words(figure_text(figures, key), lambda: figure_tables(figures, key), key=chart_key)


def figure_specs(explanation: Explanation, key: str, ravine: RavineFigure | None = None) -> tuple[dict, ...]:
    """The finished Vega-Lite specs `render_figure` draws for one figure (the ravine: one per side).

    Built through the shared chart cache, under the same keys as `render_figure`; the chat keeps them
    with each answer, so redrawing the conversation never needs the explanation again."""
    if key == "ravine":
        figure = ravine or explanation.figures.ravine
        return tuple(
            _SPECS.get_or_compute(
                content_key("ravine", side),
                lambda side=side: _finished_spec(
                    lambda: ravine_side_chart(side), lambda dataset: ravine_side_spec(side, dataset)
                ),
            )
            for side in figure.sides
        )
    build = {"loss": loss_chart, "gradients": gradient_chart, "sweep": sweep_chart}[key]
    figures = explanation.figures
    return (
        _SPECS.get_or_compute(
            content_key(key, getattr(figures, key)),
            lambda: _finished_spec(
                lambda: build(getattr(figures, key)), lambda dataset: _DIRECT[key](getattr(figures, key), dataset)
            ),
        ),
    )


def draw_specs(
    specs: tuple[dict, ...],
    chart_key: str,
    labels: tuple[str, ...] = (),
    text: str = "",
    tables: tuple[FigureTable, ...] = (),
) -> None:
    """Finished specs side by side (one spec: the whole width), as `render_figure` lays them out,
    then the figure in words and its data (kept with the specs, so nothing is recomputed)."""
    columns = st.columns(len(specs)) if len(specs) > 1 else [st.container()]
    for position, (column, spec) in enumerate(zip(columns, specs)):
        key = f"{chart_key}-{labels[position]}" if len(specs) > 1 and position < len(labels) else chart_key
        column.vega_lite_chart(None, spec, width="stretch", key=key)
    if text:
        render_chart_words(text, lambda: tables, key=chart_key)


def render_formula(latex: str) -> None:
    """A display formula as wide as its column, drawn by the same KaTeX as `st.latex`.

    `st.latex` shrinks its box to the formula, and KaTeX's glyphs overhang that box by a pixel or two:
    the box then scrolls sideways, a scrollable region no keyboard can reach (axe-core's
    scrollable-region-focusable, WCAG 2.1.1). A `$$` block in Markdown spans the column instead.
    KaTeX's MathML copy of the formula is what screen readers read.
    """
    st.markdown(formula_markdown(latex))


def formula_markdown(latex: str) -> str:
    return f"$$\n{latex}\n$$"


def render_step_text(step: Step, index: int) -> None:
    """A step's heading, text and formula as one element: each element costs the server the same on every rerun."""
    parts = [f"### {index}. {step.title}", step.markdown]  # h3 under the page's h2 ("Step by step"): no level skipped
    if step.latex:
        parts.append(formula_markdown(step.latex))
    st.markdown("\n\n".join(parts))


def render_steps(explanation: Explanation, figures: bool = True, key_prefix: str = "step") -> None:
    """The step-by-step explanation, each step beside the chart it refers to."""
    for index, step in enumerate(explanation.steps, start=1):
        if figures and step.figure and step.figure != "ravine":
            text, chart = st.columns(STEP_COLUMNS, gap="medium")
            with text:
                render_step_text(step, index)
            with chart:
                render_figure(explanation, step.figure, chart_key=f"{key_prefix}-{index}-{step.figure}")
        else:
            render_step_text(step, index)
            if figures and step.figure:
                render_figure(explanation, step.figure, chart_key=f"{key_prefix}-{index}-{step.figure}")


def render_caveats(explanation: Explanation) -> None:
    """The caveats as one bulleted list (one element, not one per caveat)."""
    st.markdown("\n".join(f"- {caveat.text}" for caveat in explanation.caveats))
