"""When the cost explodes: gradient descent above its stable rate, shown on a published four-point experiment.

An answer to "How normalizing helps to increase the speed of learning" (Data Science Stack Exchange, 2018) fits x = 10, 20, 30, 40 against y = 1.01, 2.02, 2.88,
4.1 at η = 0.01 for 50 iterations; this module reruns it and the slow-but-stable raw run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from explainer.chat.measure import explanation_for, state_at
from explainer.chat.wording import (
    Context,
    FigureRef,
    Reply,
    halved_cost_note,
    iterations,
    lead,
    method,
    number,
    outcome,
    percent,
)
from explainer.linear.descent import predicted_gd_iterations
from explainer.scenario.spec import DEFAULT_MAX_STEPS, Dataset, Scenario, ScenarioError
from explainer.text.formatting import count, power_of_ten

POST_X = (10.0, 20.0, 30.0, 40.0)  # that answer's experiment (Data Science Stack Exchange, 2018)
POST_SOURCE = (
    'an answer to "How normalizing helps to increase the speed of learning" (Data Science Stack Exchange, 2018)'
)


POST_Y = (1.01, 2.02, 2.88, 4.1)
WRONG_GRADIENT = (  # the other cause of an exploding cost, said after the learning rate
    "the gradient itself is wrong: for the mean squared error each weight's is (2/m)·Σ(ŷ − y)·x and the bias's"
    " (2/m)·Σ(ŷ − y) (with a 1/(2m) cost, 1/m in front); a finite difference of the cost checks it."
)
WRONG_SUMMED_GRADIENT = (  # the same, for a cost summed over the rows (`tf.reduce_sum(tf.square(…))`)
    "the gradient itself is wrong: for your summed squared error each weight's is 2·Σ(ŷ − y)·x and the bias's"
    " 2·Σ(ŷ − y), with no 1/m; a finite difference of the cost checks it."
)


def post_experiment(learning_rate: float = 0.01, steps: int = 50) -> Scenario:
    """x = 10, 20, 30, 40; y = 1.01, 2.02, 2.88, 4.1; η = 0.01; 50 iterations; (x − mean)/(max − min).

    The post's code divides by the number of columns (1), so its cost is the *sum* of squared errors.
    """
    return Scenario(
        data=Dataset(("x",), (POST_X,), POST_Y, "y"),
        loss="sse",
        learning_rate=learning_rate,
        max_steps=steps,
        normalization="minmax_centered",
        title="A four-point experiment from Data Science Stack Exchange",
    )


def is_post_data(scenario: Scenario) -> bool:
    """The learner typed the post's own four points."""
    data = scenario.data
    return data is not None and data.columns == (POST_X,) and data.target == POST_Y


@dataclass(frozen=True)
class SlowRaw:
    """The post's raw fit at a small, stable learning rate: the cost looks done long before the weights are."""

    learning_rate: float
    early_step: int
    early_cost: float
    best_cost: float
    late_step: int
    late_intercept: float
    best_intercept: float
    iterations_to_tolerance: int | None


def slow_raw_run(scenario: Scenario, learning_rate: float = 1e-4, early: int = 50, late: int = 5000) -> SlowRaw:
    slow = explanation_for(scenario.with_changes(learning_rate=learning_rate, max_steps=late))
    run = slow.analysis.raw.run
    early_step, _, early_cost = state_at(run, early)
    index = int(np.searchsorted(run.steps, late, side="right")) - 1
    quadratic = slow.analysis.raw.quadratic
    iterations, _ = predicted_gd_iterations(quadratic, learning_rate, scenario.tolerance)
    return SlowRaw(
        learning_rate,
        early_step,
        early_cost,
        quadratic.minimum_loss,
        int(run.steps[index]),
        float(run.parameters[index][-1]),
        float(quadratic.optimum[-1]),
        iterations,
    )


def cost_blowup(context: Context) -> Reply:
    scenario = context.scenario
    post = not context.own_numbers and scenario.learning_rate == "auto"
    if post:
        scenario = post_experiment()
    elif is_post_data(scenario) and context.quantities.loss is None:
        post = True  # the post's own four points: run its experiment, with its sum-of-squares cost
        rate = 0.01 if scenario.learning_rate == "auto" else scenario.learning_rate
        steps = scenario.max_steps if scenario.max_steps != DEFAULT_MAX_STEPS else 50
        scenario = post_experiment(rate, steps)
    explanation = explanation_for(scenario)
    raw, normalized = explanation.raw, explanation.normalized
    quadratic = explanation.analysis.raw.quadratic
    if post and raw.diverged:
        return _post_experiment(explanation, typed=context.own_numbers)
    text = lead(context, scenario) + "\n\n"
    if raw.diverged:
        factor = abs(1 - raw.learning_rate * quadratic.largest_curvature)
        text += (
            f"At η = {number(raw.learning_rate)}, gradient descent on the raw features is"
            f" {number(raw.learning_rate / raw.max_stable_lr)} times above its stable bound 2/λmax ="
            f" {number(raw.max_stable_lr)}: each step multiplies the error along the sharpest direction by"
            f" {number(factor)}, and the loss passes a million times its start at step {count(raw.diverged_at)}."
            f" Normalized ({method(scenario)}), the bound is {number(normalized.max_stable_lr)}: the run"
            f" {outcome(normalized)}.\n\n"
        )
    elif scenario.learning_rate != "auto":
        text += (
            f"At your η = {number(raw.learning_rate)}, below the raw bound 2/λmax = {number(raw.max_stable_lr)},"
            f" gradient descent does not blow up: raw it {outcome(raw)}, normalized ({method(scenario)}) it"
            f" {outcome(normalized)}. If your cost still grows at this η, the update itself is off: check the"
            " gradient's sign and that the same η and data are used as here."
        )
        return Reply(text, (FigureRef("loss"),), scenario)
    else:
        text += (
            f"With these features the raw run is stable below η = 2/λmax = {number(raw.max_stable_lr)}; the cost"
            " explodes above it. Tutorial favourites like η = 0.01 are"
            f" {number(0.01 / raw.max_stable_lr)} times that bound here; normalized"
            f" ({method(scenario)}), the bound is {number(normalized.max_stable_lr)}.\n\n"
        )
    note = halved_cost_note(context, raw.max_stable_lr, normalized.max_stable_lr)
    text += f"{note.strip()}\n\n" if note else ""
    text += dominant_point_text(scenario, raw.max_stable_lr, raw.learning_rate if raw.diverged else None)
    text += (
        f"Fixes: lower η below {number(raw.max_stable_lr)} (the raw run then needs {count(raw.best_lr_iterations)}"
        f" iterations even at its best rate), or normalize ({iterations(normalized.best_lr_iterations)} at its best"
        " rate)."
        " If the cost grows even at tiny η, "
        + (WRONG_SUMMED_GRADIENT if context.quantities.loss == "sse" else WRONG_GRADIENT)
    )
    return Reply(text, (FigureRef("loss"),), scenario)


DOMINANT_SHARE = 0.5  # one point holding more than half of Σx² sets the curvature almost alone


def dominant_point_text(scenario: Scenario, bound: float, learning_rate: float | None) -> str:
    """ "x_train = [1, 2, 3, 4, 35]": when one of the learner's points holds most of Σx², the bound with and without
    it, computed, so the learner sees that one large value is what broke the run."""
    data = scenario.data
    if data is None or len(data.columns) != 1 or data.samples < 4:
        return ""
    values = np.asarray(data.columns[0], dtype=float)
    squares = values**2
    index = int(np.argmax(squares))
    share = float(squares[index] / squares.sum()) if squares.sum() > 0 else 0.0
    if share <= DOMINANT_SHARE:
        return ""
    kept = tuple(value for position, value in enumerate(data.columns[0]) if position != index)
    target = tuple(value for position, value in enumerate(data.target) if position != index)
    try:
        without = explanation_for(
            scenario.with_changes(data=replace(data, columns=(kept,), target=target), samples=len(target))
        ).raw.max_stable_lr
    except ScenarioError:
        return ""
    verdict = ""
    if learning_rate is not None:
        verdict = (
            f", so your η = {number(learning_rate)} would be stable"
            if learning_rate < without
            else f", still below your η = {number(learning_rate)}"
        )
    return (
        f"Your point at {number(float(values[index]))} holds {percent(share)} of Σx²"
        f" ({number(float(squares[index]))} of {number(float(squares.sum()))}), and the curvature grows with Σx²:"
        f" without it the bound 2/λmax would be {number(without)} instead of {number(bound)}{verdict}. One large"
        " value is enough to break a learning rate that suits the rest; normalizing puts it on the others' scale.\n\n"
    )


def _listed(values: tuple[float, ...]) -> str:
    return ", ".join(number(value) for value in values)


def _post_experiment(explanation, typed: bool = False) -> Reply:
    """The experiment rerun and explained; `typed`: the learner gave its four points, so they are theirs."""
    raw, normalized = explanation.raw, explanation.normalized
    analysis = explanation.analysis
    quadratic = analysis.raw.quadratic
    factor = abs(1 - raw.learning_rate * quadratic.largest_curvature)
    raw_steps, _, _ = state_at(analysis.raw.run, explanation.scenario.max_steps)
    raw_log10 = float(analysis.raw.run.log10_loss[-1])
    normalized_steps, _, normalized_cost = state_at(analysis.normalized.run, explanation.scenario.max_steps)
    start_log10 = float(analysis.raw.run.log10_loss[0])
    overflow_step = math.ceil((308 - start_log10) / (2 * math.log10(factor))) if factor > 1 else None
    slow = slow_raw_run(explanation.scenario)
    text = (
        "A cost that explodes is most often gradient descent running above its stable learning rate; the other"
        " cause, a wrong gradient, is at the end. "
        + ("Your four points show it exactly, as in" if typed else "An experiment shows it exactly, from")
        + f" {POST_SOURCE}: x = {_listed(POST_X)}; y = {_listed(POST_Y)};"
        f" η = {number(raw.learning_rate)}; {count(explanation.scenario.max_steps)} iterations. That answer's code divides by"
        " the number of columns (1), so its cost is the *sum* of squared errors.\n\n"
        f"- **Raw x**: the largest stable rate is 2/λmax = {number(raw.max_stable_lr)}, so η ="
        f" {number(raw.learning_rate)} is"
        f" {number(raw.learning_rate / raw.max_stable_lr)} times too large. Each step multiplies the error along"
        f" the sharpest direction by {number(factor)}: the cost passes a million times its start at step"
        f" {count(raw.diverged_at)} and reaches about {power_of_ten(round(raw_log10))} after {count(raw_steps)} iterations"
        + (
            f" (it overflows float64 to inf around step {overflow_step}, and NaN follows once inf − inf appears)"
            if overflow_step
            else ""
        )
        + ".\n"
        f"- **Scaled**, (x − mean)/(max − min): the bound is {number(normalized.max_stable_lr)},"
        f" {number(normalized.max_stable_lr / normalized.learning_rate)} times the η used, so η ="
        f" {number(normalized.learning_rate)} is stable but timid: after {count(normalized_steps)} iterations the"
        f" cost is {number(normalized_cost)}, against a best possible {number(analysis.normalized.quadratic.minimum_loss)}"
        f" — it has not converged either (its best rate is {number(normalized.best_lr)}).\n"
        f"- **Lower η and raw converges, slowly.** At η = {number(slow.learning_rate)} the raw cost after"
        f" {slow.early_step} steps is already {number(slow.early_cost)} (it looks done), yet after"
        f" {count(slow.late_step)} steps the intercept is {number(slow.late_intercept)} against a best value of"
        f" {number(slow.best_intercept)}: watch the parameters, not only the cost. A fair race, each at its own"
        f" best rate: {count(raw.best_lr_iterations)} iterations raw vs {count(normalized.best_lr_iterations)}"
        " scaled.\n\n"
        "When your cost explodes: compare η with 2/λmax (or lower it tenfold until the cost falls) and normalize"
        " the features." + " If it still grows at a tiny η, " + WRONG_GRADIENT
    )
    return Reply(text, (FigureRef("loss"),), explanation.scenario)
