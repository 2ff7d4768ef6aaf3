"""The built-in gallery: every file validates, and each reproduces the headline its description states.

Figures are recomputed here, and where the gallery reproduces the blog post, checked against the
post's own loop (an independent, step-by-step reference).
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pytest

from explainer import Dataset, Explanation, Feature, Scenario, explain
from explainer.lessons.files import validate_file
from explainer.lessons.gallery import ORDER, folder, gallery, gallery_ids, gallery_path, load_gallery
from explainer.lessons.lesson import fill_figures

POST_X = (10.0, 20.0, 30.0, 40.0)
POST_Y = (1.01, 2.02, 2.88, 4.1)


@cache
def explained(scenario: Scenario) -> Explanation:
    return explain(scenario)


def loss_after(explanation: Explanation, side: str, updates: int) -> float:
    """The loss after `updates` updates, read from the run's recorded steps."""
    run = getattr(explanation.analysis, side).run
    index = list(run.steps).index(updates)
    return float(10 ** run.log10_loss[index])


def post_loop(x: np.ndarray, y: np.ndarray, rate: float, iterations: int) -> list[float]:
    """The post's code: print the summed squared error, then update, `iterations` times."""
    weight = bias = 0.0
    printed = []
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(iterations):
            residual = weight * x + bias - y
            printed.append(float(np.sum(residual**2)))
            weight, bias = weight - rate * 2 * np.sum(residual * x), bias - rate * 2 * np.sum(residual)
    return printed


def test_gallery_lists_every_shipped_file_once_in_teaching_order():
    stems = sorted(path.stem for path in folder().glob("*.toml"))
    assert sorted(gallery_ids()) == stems
    assert gallery_ids() == ORDER
    assert [lesson.id for lesson in gallery()] == list(ORDER)
    with pytest.raises(KeyError, match="available: why-normalize"):
        gallery_path("nope")


@pytest.mark.parametrize("gallery_id", ORDER)
def test_gallery_file_validates_and_every_figure_it_quotes_is_filled(gallery_id):
    assert validate_file(gallery_path(gallery_id)) == []
    lesson = load_gallery(gallery_id)
    assert lesson.title and lesson.description.strip()
    for step in lesson.steps:
        text = fill_figures(step.narrative, explained(step.scenario))
        assert text.strip()
        assert not re.search(r"\{(raw|normalized)\.", text), text
        assert "n/a" not in text, (step.title, text)


def test_gallery_has_lessons_and_scenarios():
    kinds = {lesson.id: lesson.kind for lesson in gallery()}
    assert kinds["why-normalize"] == kinds["post-experiment"] == "lesson"
    assert sum(kind == "scenario" for kind in kinds.values()) >= 7


# --- (1) the post's four-point regression -----------------------------------------------------


def test_four_points_is_the_posts_setup():
    scenario = load_gallery("four-points").scenario
    assert scenario.data == Dataset(("x",), (POST_X,), POST_Y, "y")
    assert (scenario.learning_rate, scenario.max_steps) == (0.01, 50)
    assert (scenario.loss, scenario.normalization) == ("sse", "minmax_centered")


def test_four_points_raw_cost_passes_1e100_within_50_iterations():
    explanation = explained(load_gallery("four-points").scenario)
    run = explanation.analysis.raw.run
    assert explanation.raw.diverged
    assert run.steps_run == 50
    assert run.final_log10_loss > 100
    # the post's own loop agrees on the printed costs (before each update) while they are finite
    printed = post_loop(np.array(POST_X), np.array(POST_Y), 0.01, 50)
    assert printed[-1] > 1e100
    for updates in (0, 1, 10, 49):
        assert np.log10(printed[updates]) == pytest.approx(run.log10_loss[updates], rel=1e-9)


def test_four_points_scaled_cost_ends_near_1_75():
    explanation = explained(load_gallery("four-points").scenario)
    x = np.array(POST_X)
    scaled = (x - x.mean()) / (x.max() - x.min())
    printed = post_loop(scaled, np.array(POST_Y), 0.01, 50)
    # the post's 50th printed cost is the loss after 49 updates; the engine records the loss after k updates
    assert printed[-1] == pytest.approx(1.748, abs=5e-4)
    assert loss_after(explanation, "normalized", 49) == pytest.approx(printed[-1], rel=1e-9)
    assert loss_after(explanation, "normalized", 50) == pytest.approx(1.709, abs=5e-4)
    assert not explanation.normalized.diverged
    assert explanation.normalized.simulated_iterations is None  # stable, not converged in 50
    # the scaled problem's own bound is about 25 times the post's rate
    assert explanation.normalized.max_stable_lr / 0.01 == pytest.approx(25, rel=0.01)


def test_four_points_smaller_rate_converges_raw_only_very_slowly():
    scenario = load_gallery("four-points").scenario.with_changes(learning_rate=1e-4, max_steps=5000)
    explanation = explained(scenario)
    raw = explanation.analysis.raw
    assert learning_rate_below_bound(explanation)
    assert not raw.run.diverged
    assert loss_after(explanation, "raw", 50) == pytest.approx(0.025, abs=1e-3)  # looks done after 50…
    best_bias = raw.quadratic.optimum[-1]
    bias_after_5000 = raw.run.parameters[list(raw.run.steps).index(5000)][-1]
    assert abs(bias_after_5000 - best_bias) > 0.3 * abs(best_bias)  # …but the intercept is far off after 5 000
    assert explanation.raw.predicted_iterations > 50_000


def learning_rate_below_bound(explanation: Explanation) -> bool:
    return explanation.raw.learning_rate < explanation.raw.max_stable_lr


def test_post_experiment_lesson_reads_the_same_data_from_its_csv():
    lesson = load_gallery("post-experiment")
    assert lesson.scenario.with_changes(title="") == load_gallery("four-points").scenario.with_changes(title="")
    rates = [step.scenario.learning_rate for step in lesson.steps]
    assert rates == [0.01, 1e-4, 1e-4, "auto"]
    fair = explained(lesson.steps[-1].scenario)
    assert fair.speedup_at_best_lr > 100


# --- (2)–(7) ---------------------------------------------------------------------------------


def test_scales_0_1_vs_1_1000():
    scenario = load_gallery("scales-0-1-vs-1-1000").scenario
    assert scenario.features == (Feature("a", 0, 1), Feature("b", 1, 1000))
    explanation = explained(scenario)
    assert explanation.raw.condition_number > 1e6
    assert explanation.normalized.condition_number < 1.1
    assert explanation.speedup > 1e6


def test_house_size_and_bedrooms():
    scenario = load_gallery("house-size-bedrooms").scenario
    assert [(f.name, f.low, f.high) for f in scenario.features] == [("size_sqft", 0, 2000), ("bedrooms", 1, 5)]
    explanation = explained(scenario)
    assert explanation.raw.condition_number > 1e6
    assert explanation.normalized.condition_number < 1.2
    assert explanation.raw.best_lr_iterations > 1e6 * explanation.normalized.best_lr_iterations / 100


def test_mean_offset_alone_inflates_the_condition_number():
    scenario = load_gallery("mean-offset").scenario
    spreads = {feature.spread for feature in scenario.features}
    assert spreads == {1.0}  # equal ranges
    assert max(feature.low for feature in scenario.features) == 10_000
    explanation = explained(scenario)
    assert explanation.raw.condition_number > 1e12
    assert explanation.normalized.condition_number < 1.1
    centred = scenario.with_changes(features=tuple(Feature(f.name, 0, 1) for f in scenario.features))
    assert explained(centred).raw.condition_number < 100  # the same ranges without the offset


def test_correlated_features_need_whitening_not_only_zscoring():
    scenario = load_gallery("correlated-whitening").scenario
    assert scenario.correlation >= 0.9
    whitened = explained(scenario)
    zscored = explained(scenario.with_changes(normalization="zscore"))
    assert whitened.normalized.condition_number < 1.01
    assert zscored.normalized.condition_number > 50
    assert zscored.normalized.best_lr_iterations > 50 * whitened.normalized.best_lr_iterations


def test_adam_copes_with_scale_where_plain_gd_crawls():
    scenario = load_gallery("adam-vs-gd").scenario
    assert scenario.optimizer.name == "adam" and scenario.normalization == "zscore"
    explanation = explained(scenario)
    adam_raw = explanation.raw.simulated_iterations
    assert adam_raw is not None and adam_raw < 10_000
    assert explanation.raw.best_lr_iterations > 1000 * adam_raw  # plain GD on the same raw features
    assert explanation.normalized.simulated_iterations < adam_raw  # normalizing still helps Adam


def test_stated_learning_rate_lies_just_above_the_computed_raw_bound():
    scenario = load_gallery("just-above-the-bound").scenario
    explanation = explained(scenario)
    ratio = scenario.learning_rate / explanation.raw.max_stable_lr
    assert 1 < ratio < 1.05
    assert explanation.raw.diverged
    assert explanation.normalized.simulated_iterations is not None
    just_below = explained(scenario.with_changes(learning_rate=0.99 * explanation.raw.max_stable_lr))
    assert not just_below.raw.diverged and just_below.raw.simulated_iterations is not None


def test_why_normalize_lesson_walks_from_scales_to_whitening():
    lesson = load_gallery("why-normalize")
    first, last = lesson.steps[0], lesson.steps[-1]
    assert first.scenario.features == (Feature("a", 0, 1), Feature("b", 1, 1000))
    assert last.scenario.normalization == "whiten"
    assert all(step.questions for step in lesson.steps)
    methods = [step.scenario.normalization for step in lesson.steps]
    assert "zscore" in methods and methods.index("zscore") < methods.index("whiten")
    before = explained(lesson.steps[-2].scenario)
    after = explained(last.scenario)
    assert before.scenario.normalization == "zscore" and before.normalized.condition_number > 50
    assert after.normalized.condition_number < 1.01
    offset = next(step for step in lesson.steps if "mean" in step.title.lower())
    assert explained(offset.scenario).raw.condition_number > 1e12
