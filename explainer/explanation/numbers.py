"""scenario → the answer in numbers alone: κ, the largest stable step and the iterations of each side, the speed-up.

What a share link's visitor sees first, before the steps and charts. It is a third of `explain()`'s work (the
analysis and the causes, without the ravine's contours, the other figures, the steps and the caveats), so a class
opening its links together sees its numbers sooner; `Explanation.in_numbers` gives the same value from a whole
explanation, so the numbers never differ between the two.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.explanation.headline import Headline
from explainer.explanation.summary import summary
from explainer.linear.analysis import Analysis, Causes, analyze, causes
from explainer.scenario.spec import Scenario
from explainer.text.formatting import number


@dataclass(frozen=True)
class AnswerInNumbers:
    """The headline figures of both sides, the speed-up and the summary sentence (a few hundred bytes)."""

    scenario: Scenario
    raw: Headline
    normalized: Headline
    speedup: float | None  # raw ÷ normalized iterations at the chosen settings
    speedup_at_best_lr: float | None  # the fair race: plain GD, each at its own best step
    speedup_basis: str | None  # "simulated" (both runs finished), "predicted" (from rates) or None
    summary: str  # what normalizing does to κ and iterations, and what causes the ravine

    @property
    def speedup_text(self) -> str:
        """The speed-up as a short value: "2.01 × 10¹⁷ times", or why there is none ("raw diverged")."""
        if self.speedup is not None:
            return f"{number(self.speedup)} times"
        if self.speedup_at_best_lr is not None:
            return f"{number(self.speedup_at_best_lr)} times"
        return "raw diverged" if self.raw.diverged else "not defined"

    @property
    def speedup_note(self) -> str:
        """Which ratio `speedup_text` is."""
        if self.speedup is not None and self.speedup_basis == "simulated":
            return "raw ÷ normalized iterations, both simulated at your settings"
        if self.speedup is not None:
            return "raw ÷ normalized iterations, both predicted from their contraction rates, since a run stopped at the step cap"
        if self.speedup_at_best_lr is not None:
            return "plain gradient descent, each side at its own best step: raw ÷ normalized worst-case count"
        return "no ratio: a run diverged or has no rate to predict from"


def numbers_of(analysis: Analysis, found: Causes) -> AnswerInNumbers:
    """The answer in numbers of an analysis whose causes are measured."""
    return AnswerInNumbers(
        scenario=analysis.scenario,
        raw=Headline.of(analysis.raw),
        normalized=Headline.of(analysis.normalized),
        speedup=analysis.speedup,
        speedup_at_best_lr=analysis.speedup_at_best_lr,
        speedup_basis=analysis.speedup_basis,
        summary=summary(analysis, found),
    )


def answer_in_numbers(scenario: Scenario) -> AnswerInNumbers:
    """Work out only what the answer in numbers needs."""
    analysis = analyze(scenario)
    return numbers_of(analysis, causes(analysis))
