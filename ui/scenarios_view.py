"""The Scenarios page's pieces: reading a link into a lesson and step, and drawing a step.

`resolve_link` is plain Python (no Streamlit), so what a link opens, and what a tampered one
warns about, is tested without running the app.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import streamlit as st

from explainer import Explanation, Lesson, LessonStep, ScenarioError, scenario_from_params, scenario_to_params
from explainer.budget.workers import WorkerLostError
from explainer.formats.link import SCENARIO_KEYS
from explainer.lessons.files import ScenarioFileError, parse_within_budget
from explainer.lessons.gallery import gallery_ids, gallery_path, load_gallery
from explainer.lessons.lesson import fill_figures
from explainer.text import patterns
from explainer.text.echo import shown
from explainer.text.formatting import escape_markdown
from explainer.text.markup import safe_markdown
from ui import models_view
from ui.cache import cached_explain
from ui.render import render_caveats, render_figure, render_headline, render_steps

PAGE_PATH = "Scenarios"
EXAMPLE_FILE = """\
# A lesson: a title, then [[steps]] in order. A file without steps is one scenario.
title = "My lesson"

[[steps]]
title = "Two scales"
narrative = "Raw κ = {raw.condition_number}; normalized κ = {normalized.condition_number}."
questions = ["Why does normalizing speed up learning?"]
figures = ["ravine", "loss"]

[steps.scenario]
normalization = "zscore"
features = [{ name = "a", low = 0, high = 1 }, { name = "b", low = 1, high = 1000 }]

[[steps]]
title = "Too large a learning rate"
narrative = "η = {raw.learning_rate} is {raw.lr_ratio}× the raw bound: the raw run {raw.outcome}."

[steps.changes]
learning_rate = 0.01
"""
LINKED = "link"  # the item id of a scenario that arrived in a link naming no built-in lesson
UPLOADED = "upload"


@dataclass(frozen=True)
class LinkView:
    """What a link to the Scenarios page opens: a gallery item (or the link's own scenario) at a step."""

    item: str | None  # a gallery id, LINKED, or None (nothing asked for)
    step: int
    linked: Lesson | None  # the link's scenario as a one-step lesson, when item == LINKED
    warnings: tuple[str, ...]


def _last(params: Mapping[str, str | Sequence[str]], key: str) -> str | None:
    value = params.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return str(value[-1]) if len(value) else None


def resolve_link(params: Mapping[str, str | Sequence[str]]) -> LinkView:
    """`?lesson=ID&step=N` (or `?gallery=ID`), plus the step's scenario; never raises.

    The lesson's own step is what is shown; a link whose scenario differs from it (edited by
    hand, or the lesson changed since) says so.
    """
    state = scenario_from_params(params)
    warnings = list(state.warnings)
    has_scenario = any(key in SCENARIO_KEYS for key in params)
    requested = _last(params, "lesson") or _last(params, "gallery")
    key = "lesson" if _last(params, "lesson") else "gallery"
    step_text = _last(params, "step")
    step = 1
    if step_text is not None:
        if patterns.fullmatch(r"[0-9]{1,5}", step_text.strip(" ")):  # ASCII digits only: '²' and '0\x1f' are not steps
            step = int(step_text.strip(" "))
        else:
            warnings.append(f"step: ignored {shown(step_text)}, expected a step number from 1")
    if requested is None:
        if has_scenario:
            title = state.scenario.title or "A scenario from a link"
            linked = Lesson(title, (LessonStep(title, state.scenario),), kind="scenario")
            return LinkView(LINKED, 1, linked, tuple(warnings))
        return LinkView(None, 1, None, tuple(warnings))
    if requested not in gallery_ids():
        if has_scenario:
            title = state.scenario.title or "A scenario from a link"
            warnings.append(
                f"{key}: {shown(requested)} is not a built-in lesson; showing the scenario the link carries"
                " (upload the lesson file to step through its narrative)"
            )
            linked = Lesson(title, (LessonStep(title, state.scenario),), kind="scenario", id=requested[:80])
            return LinkView(LINKED, 1, linked, tuple(warnings))
        warnings.append(f"{key}: no built-in lesson or scenario is called {shown(requested)}; showing the gallery")
        return LinkView(None, 1, None, tuple(warnings))
    lesson = load_gallery(requested)
    count = len(lesson.steps)
    if not 1 <= step <= count:
        nearest = min(max(step, 1), count)
        warnings.append(
            f"step: {step} is outside 1..{count} for this {lesson.kind}; showing step {nearest}"
            if lesson.kind == "lesson"
            else f"step: {step} ignored, a single scenario has no steps"
        )
        step = nearest
    if has_scenario and state.scenario != lesson.step(step).scenario:
        warnings.append(
            f"the link's scenario settings differ from {_where(lesson, step)} (edited by hand, or the lesson changed"
            " since the link was made); showing the lesson's own settings"
        )
    return LinkView(requested, step, None, tuple(warnings))


def _where(lesson: Lesson, step: int) -> str:
    return f"step {step} of this lesson" if lesson.kind == "lesson" else "this scenario"


def view_params(item: str, lesson: Lesson, step: int) -> dict[str, str | list[str]]:
    """The page's address: the step's scenario, and which gallery item and step it is."""
    if item == UPLOADED:
        return {}
    params = scenario_to_params(lesson.step(step).scenario)
    if item == LINKED:
        return {**params, **({"lesson": lesson.id, "step": "1"} if lesson.id else {})}
    if lesson.kind == "lesson":
        return {**params, "lesson": item, "step": str(step)}
    return {**params, "gallery": item}


def read_upload(name: str, data: bytes) -> tuple[Lesson | None, list[str]]:
    """An uploaded file as a Lesson, or the problems to show (each `key.path: reason`)."""
    stem = name.rsplit("/", 1)[-1].removesuffix(".toml")[:80] or "upload"
    try:
        return parse_within_budget(data, name, None, stem), []  # in a worker, within the lesson budget
    except ScenarioFileError as error:
        return None, [f"{path}: {reason}" if path else reason for path, reason in error.problems]
    except (RecursionError, MemoryError):
        return None, ["the file is nested too deeply to read"]
    except WorkerLostError as error:
        return None, [str(error)]


def gallery_file(item: str) -> bytes:
    """A gallery file's text, to download and adapt (its CSV, if any, sits beside it in the package)."""
    return gallery_path(item).read_bytes()


def item_label(item: str, lesson: Lesson) -> str:
    kind = "Lesson" if lesson.kind == "lesson" else "Scenario"
    if item == UPLOADED:
        kind = "Your file"
    elif item == LINKED:
        kind = "From a link"
    return f"{kind}: {escape_markdown(lesson.title)}"  # radio options render Markdown: a title is text


def item_caption(lesson: Lesson) -> str:
    return f"{len(lesson.steps)} steps" if lesson.kind == "lesson" else "one scenario"


def explained(step: LessonStep) -> Explanation | None:
    """The step's explanation, or None after showing why it has none."""
    try:
        return cached_explain(step.scenario)
    except ScenarioError as error:
        problems = "\n".join(f"- {escape_markdown(path)}: {escape_markdown(reason)}" for path, reason in error.problems)
        st.warning(f"**This step's settings have no unique answer**:\n\n{problems}")
        return None


def show_questions(questions: Sequence[str]) -> None:
    if not questions:
        return
    st.markdown("**Try asking in the chat** (copy a question, then open Ask):")
    for question in questions:
        st.code(question, language=None, wrap_lines=True)
    st.page_link("streamlit_app.py", label="Open the chat (Ask)", icon=":material/forum:")


def show_lesson_step(lesson: Lesson, step: int, explanation: Explanation) -> None:
    """Narrative, headline figures, the step's charts, its questions, and the full explanation folded away."""
    chosen = lesson.step(step)
    st.subheader(f"Step {step} of {len(lesson.steps)}: {escape_markdown(chosen.title)}")
    if chosen.narrative:
        st.markdown(fill_figures(safe_markdown(chosen.narrative, links=False), explanation))
    models_view.render(chosen.scenario)  # the step's own model, fitted raw and normalized
    render_headline(explanation.in_numbers)
    for figure in chosen.figures:
        render_figure(explanation, figure, chart_key=f"lesson-{figure}")
    show_questions(chosen.questions)
    with st.expander("The full step-by-step explanation for this step"):
        render_steps(explanation, figures=False, key_prefix="lesson-full")
        st.markdown("**Caveats**")
        render_caveats(explanation)


def show_scenario(lesson: Lesson, explanation: Explanation) -> None:
    """A single scenario: its description, then everything Explore would show."""
    step = lesson.steps[0]
    if step.narrative:
        st.markdown(fill_figures(safe_markdown(step.narrative, links=False), explanation))
    models_view.render(step.scenario)
    render_headline(explanation.in_numbers)
    render_steps(explanation, key_prefix="scenario")
    st.markdown("**Caveats**")
    render_caveats(explanation)
