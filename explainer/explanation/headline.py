"""One side's headline figures (raw or normalized), and how its run ended, in words.

The one place that says "reached the tolerance in 1 iteration", "diverged at step 3" or "predicted
from the contraction rate": pages, reports, lessons, the CLI and the chat all read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from explainer.linear.analysis import Side
from explainer.text.formatting import count, counted, wall_time


@dataclass(frozen=True)
class Headline:
    """The figures a learner compares, for one side (raw or normalized)."""

    label: str
    condition_number: float
    max_stable_lr: float
    best_lr: float
    learning_rate: float
    predicted_iterations: int | None  # from the contraction rate, ⌈ln ε / ln ρ⌉: also past the step cap
    simulated_iterations: int | None  # the run's exact count, when it reached the tolerance
    diverged: bool
    diverged_at: int | None
    stop_reason: str
    best_lr_iterations: int | None  # plain GD at its best constant step: ≈ (κ/2)·ln(1/ε), finite wherever κ is
    steps_run: int = 0
    step_cap: int = 0

    @classmethod
    def of(cls, side: Side) -> Headline:
        quadratic, run = side.quadratic, side.run
        return cls(
            side.label,
            quadratic.condition_number,
            quadratic.max_stable_lr,
            quadratic.best_lr,
            side.learning_rate,
            run.predicted_iterations,
            run.converged_at,
            run.diverged,
            run.diverged_at,
            run.stop_reason,
            side.best_lr_iterations,
            run.steps_run,
            run.step_cap,
        )

    @property
    def iterations(self) -> int | None:
        """The one iteration count to quote: simulated when the run reached the tolerance, else predicted."""
        if self.simulated_iterations is not None:
            return self.simulated_iterations
        return None if self.diverged else self.predicted_iterations

    @property
    def iterations_basis(self) -> str | None:
        """ "simulated", "predicted" or None (diverged, or no rate to predict from): what `iterations` is."""
        if self.simulated_iterations is not None:
            return "simulated"
        return "predicted" if self.iterations is not None else None

    @property
    def outcome(self) -> str:
        """How the run ended, in words, to follow "the raw run": "reached the tolerance in 1 iteration",
        "diverged at step 3", "stopped at the step cap of 10⁹ steps; its rate predicts about 8.05 × 10¹⁷ …"."""
        if self.simulated_iterations is not None:
            return f"reached the tolerance in {counted(self.simulated_iterations, 'iteration')}"
        if self.diverged:
            return f"diverged at step {count(self.diverged_at)}" if self.diverged_at is not None else "diverged"
        stopped = (
            f"stalled after {counted(self.steps_run, 'step')} without reaching the tolerance"
            if self.stop_reason == "stalled"
            else f"had not reached the tolerance when the simulation stopped after {counted(self.steps_run, 'step')}"
        )
        if self.predicted_iterations is None:
            return stopped
        return f"{stopped}; its contraction rate predicts {self.predicted_text}"

    @property
    def predicted_text(self) -> str:
        """ "about 8.05 × 10¹⁷ iterations (at a billion iterations a second, about 26 years)"."""
        text = f"about {counted(self.predicted_iterations, 'iteration')}"
        if self.predicted_iterations is not None and self.predicted_iterations >= 1e11:
            text += f" (at a billion iterations a second, {wall_time(self.predicted_iterations)})"
        return text

    @property
    def iterations_value(self) -> str:
        """The iteration figure as a metric value that fits a narrow column: "34,356,751", "≈ 8.05 × 10¹⁷"."""
        if self.simulated_iterations is not None:
            return count(self.simulated_iterations)
        if self.diverged:
            return "diverged"
        if self.predicted_iterations is not None:
            return f"≈ {count(self.predicted_iterations)}"
        return "not reached"

    @property
    def _stop_words(self) -> str:
        if self.stop_reason == "stalled":
            return "it stalled"
        if self.steps_run >= self.step_cap:
            return "the step cap"
        return "the longest run this optimizer simulates"

    @property
    def bound_text(self) -> str:
        """The worst case for plain GD at its best step: the slowest error shrinks by (κ−1)/(κ+1) a step, so it
        needs ln(1/ε) / ln((κ+1)/(κ−1)) steps, ≈ (κ/2)·ln(1/ε) once κ is large; "" when there is none."""
        if self.best_lr_iterations is None:
            return ""
        return (
            f"the worst-case bound at the best step, ln(1/ε)/ln((κ+1)/(κ−1)), predicts {count(self.best_lr_iterations)}"
        )

    @property
    def iterations_note(self) -> str:
        """Which number `iterations_value` is: "simulated: exactly 34,356,751; the worst-case bound … predicts …"."""
        if self.simulated_iterations is not None:
            first = f"simulated: exactly {count(self.simulated_iterations)}"
        elif self.diverged or self.predicted_iterations is None:
            first = f"the run {self.outcome}"
        else:
            first = (
                f"predicted from the contraction rate, {self.predicted_text}; the simulation stopped"
                f" after {counted(self.steps_run, 'step')} ({self._stop_words})"
            )
            if self.predicted_iterations == self.best_lr_iterations:
                return first
        return f"{first}; {self.bound_text}" if self.bound_text else first

    def to_dict(self) -> dict[str, Any]:
        return {
            "condition_number": self.condition_number,
            "max_stable_lr": self.max_stable_lr,
            "best_lr": self.best_lr,
            "learning_rate": self.learning_rate,
            "predicted_iterations": self.predicted_iterations,
            "simulated_iterations": self.simulated_iterations,
            "iterations": self.iterations,
            "iterations_basis": self.iterations_basis,
            "diverged": self.diverged,
            "diverged_at": self.diverged_at,
            "stop_reason": self.stop_reason,
            "steps_run": self.steps_run,
            "step_cap": self.step_cap,
            "best_lr_iterations": self.best_lr_iterations,
            "outcome": self.outcome,
        }
