"""scikit-learn's old `normalize=True` argument, computed: what it did, and the pipeline that gives the same fit.

Learners porting code keep asking why `Ridge(normalize=True)` and `StandardScaler()` + `Ridge()` predict
differently, or why `LinearRegression(normalize=True)` "does nothing". Both answers follow from one fact:
`normalize=True` centred each column and divided it by its L2 norm, which is its standard deviation times √n,
not by its standard deviation. The section below says so and checks it on the scenario's own data.
"""

from __future__ import annotations

import math

import numpy as np

from explainer.chat.measure import explanation_for
from explainer.chat.wording import describe, number
from explainer.scenario.spec import Scenario
from explainer.text import patterns

_NORMALIZE_TRUE = patterns.compile(r"\bnormalize\s*=\s*True\b")
_MODEL = patterns.compile(r"\b(?P<name>LinearRegression|RidgeCV|Ridge|LassoCV|Lasso|ElasticNetCV|ElasticNet)\b")
# How the penalty's α must grow for standardized columns to give normalize=True's fit: the squared error is summed
# in Ridge (w scales by √n, its square by n) and averaged over 2n in Lasso (|w| scales by √n)
_ALPHA_FACTOR = {"Ridge": "n", "Lasso": "√n"}
_NO_INTERCEPT = patterns.compile(r"\bfit_intercept\s*=\s*False\b")
_L1_RATIO = patterns.compile(r"\bl1_ratio\s*=\s*(?P<ratio>\d*\.?\d+)")


def section(text: str, scenario: Scenario, alpha: float | None = None) -> str | None:
    """A short section for a message that uses `normalize=True`, computed on the scenario's data; None otherwise."""
    argument = _NORMALIZE_TRUE.search(text)
    if not argument:
        return None
    # the model whose call holds the argument: the last one named before it, else the first in the message
    before = list(_MODEL.finditer(text[max(0, argument.start() - 200) : argument.start()]))
    named = before[-1] if before else _MODEL.search(text)
    model = named["name"].removesuffix("CV") if named else "Ridge"
    data = explanation_for(scenario).analysis.data
    features, target = data.features, data.target
    samples = features.shape[0]
    centred = features - features.mean(axis=0)
    norms = np.linalg.norm(centred, axis=0)
    if np.any(norms == 0):
        return None  # a constant column: normalize=True itself would divide by zero
    old = centred / norms  # the columns normalize=True fitted on
    heading = "#### `normalize=True`\n\n"
    said = (
        "`normalize=True` (removed in scikit-learn 1.2) centred each column and divided it by its L2 norm, which is"
        f" its standard deviation times √n (n = {samples:,} samples here), not by its standard deviation."
    )
    if _NO_INTERCEPT.search(text):
        return heading + (
            "With `fit_intercept=False`, scikit-learn ignored `normalize=True` altogether (it applied it only with an"
            f" intercept), so the same fit is plain {named['name'] if named else 'Ridge'}(...) on the raw columns,"
            " with no scaler in front."
        )
    if model == "LinearRegression":
        from sklearn.linear_model import LinearRegression

        raw = LinearRegression().fit(features, target).predict(features)
        normalized = LinearRegression().fit(old, target).predict(old)
        gap = _relative_gap(normalized, raw)
        return heading + (
            f"{said} For LinearRegression it cannot change the predictions: with an intercept, a least-squares fit"
            " absorbs any rescaling and shift of a column into that column's coefficient and the intercept,"
            " whatever the solver, so the score stays the same too. On"
            f" {describe(scenario)}, the two fits' predictions agree {_to(gap)}. It mattered only"
            " for penalized models, where a column's scale decides how hard its weight is shrunk."
        )
    from sklearn.linear_model import ElasticNet, Lasso, Ridge
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    alpha = alpha if alpha is not None and alpha > 0 else 1.0
    cross_validated = (
        " (for the CV version, multiply every alpha in its grid the same way)"
        if named and named["name"].endswith("CV")
        else ""
    )
    if model == "ElasticNet":
        ratio_given = _L1_RATIO.search(text)
        ratio = min(max(float(ratio_given["ratio"]), 0.0), 1.0) if ratio_given else 0.5
        l1, l2 = ratio * math.sqrt(samples), (1 - ratio) * samples  # each part of the penalty's own factor
        new_alpha, new_ratio = alpha * (l1 + l2), l1 / (l1 + l2)
        reference = ElasticNet(alpha=alpha, l1_ratio=ratio).fit(old, target).predict(old)
        matched = make_pipeline(StandardScaler(), ElasticNet(alpha=new_alpha, l1_ratio=new_ratio))
        gap = _relative_gap(matched.fit(features, target).predict(features), reference)
        return heading + (
            f"{said} ElasticNet's two penalties grow differently (the L1 part by √n, the L2 part by n), so"
            f" StandardScaler + ElasticNet matches alpha={number(alpha)}, l1_ratio={number(ratio)} only with both"
            f" changed: alpha = {number(new_alpha)} and l1_ratio = {number(new_ratio)}{cross_validated}. On"
            f" {describe(scenario)} the two fits' predictions then agree {_to(gap)}."
        )
    estimator = Ridge if model == "Ridge" else Lasso
    factor = samples if model == "Ridge" else math.sqrt(samples)
    fitted = estimator(alpha=alpha).fit(old, target)
    reference = fitted.predict(old)

    def pipeline(penalty: float) -> np.ndarray:
        return make_pipeline(StandardScaler(), estimator(alpha=penalty)).fit(features, target).predict(features)

    same, matched = _relative_gap(pipeline(alpha), reference), _relative_gap(pipeline(alpha * factor), reference)
    rule = (
        f"{said} So StandardScaler + {model}(alpha={number(alpha)}) puts a different penalty on the same data; it"
        f" matches with alpha × {_ALPHA_FACTOR[model]} = {number(alpha * factor)}{cross_validated}."
    )
    if not np.any(fitted.coef_) and same < 1e-12:  # both fits shrink every weight to zero: nothing to compare
        return heading + (
            f"{rule} On {describe(scenario)} at alpha = {number(alpha)}, both fits shrink every weight to zero (the"
            " penalty outweighs the data), so their predictions coincide there; at smaller alphas they part."
        )
    return heading + (
        f"{rule} On {describe(scenario)}: with alpha = {number(alpha)} the pipeline's predictions differ from"
        f" normalize=True's by a relative {number(same)}, with alpha = {number(alpha * factor)} they agree"
        f" {_to(matched)}."
    )


def _to(gap: float) -> str:
    """ "exactly" for no difference at all, else "to a relative 3 × 10⁻¹⁶"."""
    return "exactly" if gap == 0 else f"to a relative {number(gap)}"


def _relative_gap(values: np.ndarray, reference: np.ndarray) -> float:
    """The largest difference, relative to the reference's largest value: 0 for the same predictions."""
    scale = float(np.max(np.abs(reference))) or 1.0
    return float(np.max(np.abs(values - reference))) / scale
