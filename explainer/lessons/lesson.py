"""A lesson: ordered steps, each a scenario with a short Markdown narrative and questions to try.

A narrative never hard-codes a computed figure: it writes a placeholder such as
`{raw.max_stable_lr}` and the page or report fills it in from that step's explanation, so
the text stays true when the instructor changes the scenario.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from explainer.explanation.explain import Explanation, Headline
from explainer.formats.link import share_url
from explainer.scenario.spec import Scenario
from explainer.text import patterns
from explainer.text.formatting import count, escape_markdown, fraction, number, number_from_log10

DEFAULT_FIGURES = ("ravine", "loss")  # of explainer.explanation.explain.FIGURE_KEYS


@dataclass(frozen=True)
class LessonStep:
    """One stop in a lesson: what to look at (the scenario), what to notice, what to ask next."""

    title: str
    scenario: Scenario
    narrative: str = ""  # Markdown, with {raw.condition_number}-style placeholders
    questions: tuple[str, ...] = ()  # suggested questions for the chat
    figures: tuple[str, ...] = DEFAULT_FIGURES  # what the Scenarios page draws beside the narrative


@dataclass(frozen=True)
class Lesson:
    """An ordered walk through scenarios. A scenario file is read as a one-step lesson of kind "scenario"."""

    title: str
    steps: tuple[LessonStep, ...]
    description: str = ""
    kind: Literal["lesson", "scenario"] = "lesson"
    id: str = ""  # the gallery id or the file's stem: what a share link names

    @property
    def scenario(self) -> Scenario:
        """The first (for a scenario file, the only) step's scenario."""
        return self.steps[0].scenario

    def step(self, number: int) -> LessonStep:
        """Step `number`, counting from 1 as links and the page do."""
        if not 1 <= number <= len(self.steps):
            raise IndexError(f"step {number} is outside 1..{len(self.steps)}")
        return self.steps[number - 1]


def lesson_url(base_url: str, lesson: Lesson, step: int = 1) -> str:
    """The link that opens this lesson at `step` (from 1) on the Scenarios page.

    The step's scenario travels in the link too, so the page can show its figures even
    when the lesson is not one of the built-in ones.
    """
    chosen = lesson.step(step)
    return share_url(base_url, "Scenarios", chosen.scenario, {"lesson": lesson.id, "step": str(step)})


def scenario_url(base_url: str, scenario: Scenario) -> str:
    """The link that opens this scenario on the Explore page."""
    return share_url(base_url, "Explore", scenario)


# --- figures a narrative may quote ----------------------------------------------------------


def _count_or_none(value: int | None) -> str:
    return count(value) if value is not None else "none (the run does not contract)"


def _side_loss(explanation: Explanation, label: str, back: int) -> str:
    """The loss `back` updates before the run stopped (0: the last one), if that step was recorded."""
    run = getattr(explanation.analysis, label).run
    steps = [int(step) for step in run.steps]
    wanted = steps[-1] - back
    if wanted not in steps:
        return "not recorded"
    return number_from_log10(float(run.log10_loss[steps.index(wanted)]))


def _final_bias(side) -> str:
    bias = float(side.run.parameters[-1][-1])
    return number(bias) if math.isfinite(bias) else "overflowed"


def _side_figures(label: str) -> dict[str, tuple[str, Callable[[Explanation], str]]]:
    def headline(explanation: Explanation) -> Headline:
        return getattr(explanation, label)

    def side(explanation: Explanation):
        return getattr(explanation.analysis, label)

    return {
        f"{label}.condition_number": (
            "κ = λmax/λmin of the loss's Hessian",
            lambda e: number(headline(e).condition_number),
        ),
        f"{label}.max_stable_lr": ("2/λmax, the largest stable step", lambda e: number(headline(e).max_stable_lr)),
        f"{label}.best_lr": ("2/(λmax + λmin), the best constant step", lambda e: number(headline(e).best_lr)),
        f"{label}.learning_rate": ("the learning rate this run used", lambda e: number(headline(e).learning_rate)),
        f"{label}.lr_ratio": (
            "learning rate ÷ largest stable step",
            lambda e: number(headline(e).learning_rate / headline(e).max_stable_lr),
        ),
        f"{label}.iterations": (
            "iterations to tolerance: simulated when the run got there, else predicted (see .outcome)",
            lambda e: headline(e).iterations_value,
        ),
        f"{label}.best_lr_iterations": (
            "iterations at the best constant step",
            lambda e: _count_or_none(headline(e).best_lr_iterations),
        ),
        f"{label}.predicted_iterations": (
            "iterations to tolerance predicted from the contraction rate (also past the step cap)",
            lambda e: _count_or_none(headline(e).predicted_iterations),
        ),
        f"{label}.headroom": (
            "largest stable step ÷ learning rate used",
            lambda e: number(headline(e).max_stable_lr / headline(e).learning_rate),
        ),
        f"{label}.outcome": ("what the run did, in words", lambda e: headline(e).outcome),
        f"{label}.steps_run": ("updates the run made", lambda e: count(side(e).run.steps_run)),
        f"{label}.final_loss": ("the loss after the last update", lambda e: _side_loss(e, label, 0)),
        f"{label}.previous_loss": (
            "the loss one update earlier (what a loop that prints before each update shows last)",
            lambda e: _side_loss(e, label, 1),
        ),
        f"{label}.minimum_loss": ("the best possible loss", lambda e: number(side(e).quadratic.minimum_loss)),
        f"{label}.final_error": (
            "distance to the best fit after the last update, as a fraction of the distance at the start",
            lambda e: fraction(float(side(e).run.relative_error[-1])),
        ),
        f"{label}.final_bias": ("the bias (intercept) after the last update", lambda e: _final_bias(side(e))),
        f"{label}.best_bias": (
            "the bias (intercept) of the best fit",
            lambda e: number(float(side(e).quadratic.optimum[-1])),
        ),
    }


FIGURES: dict[str, tuple[str, Callable[[Explanation], str]]] = {
    **_side_figures("raw"),
    **_side_figures("normalized"),
    "speedup": (
        "raw ÷ normalized iterations at the chosen settings (simulated, else predicted)",
        lambda e: number(e.speedup) if e.speedup is not None else "no ratio (a run diverged)",
    ),
    "speedup_at_best_lr": (
        "the fair race: raw ÷ normalized iterations, each at its best step",
        lambda e: number(e.speedup_at_best_lr) if e.speedup_at_best_lr is not None else "not defined",
    ),
    "normalization": ("the normalization's name", lambda e: escape_markdown(e.scenario.normalization)),
}
_PLACEHOLDER = patterns.compile(  # linear time (RE2): narratives are untrusted text
    r"\{((?:raw|normalized)\.[A-Za-z_]+|speedup|speedup_at_best_lr|normalization)\}"
)


def unknown_figures(text: str) -> list[str]:
    """Placeholders in `text` that name no figure (checked when a file is read)."""
    return [match[1] for match in _PLACEHOLDER.finditer(text) if match[1] not in FIGURES]


def fill_figures(text: str, explanation: Explanation) -> str:
    """Replace each {figure} placeholder with its value for this explanation."""

    def value(match) -> str:  # a re2 match
        entry = FIGURES.get(match[1])
        return entry[1](explanation) if entry else match[0]

    return _PLACEHOLDER.sub(value, text)
