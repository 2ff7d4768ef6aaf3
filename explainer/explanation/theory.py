"""Why scale matters, derived with SymPy, then filled in with the learner's numbers.

The symbolic work (about a second) depends only on the loss convention, so it is cached:
a second request with other numbers reuses it and only substitutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import sympy as sp

from explainer.linear.analysis import Analysis
from explainer.scenario.spec import LossName
from explainer.text.formatting import contraction, count, escape_markdown, latex_count, latex_name, latex_number, number


@dataclass(frozen=True)
class DerivationStep:
    key: str
    title: str
    text: str  # Markdown, with the learner's numbers
    general_latex: str  # the symbolic statement
    numeric_latex: str  # the same statement with the learner's numbers substituted


@dataclass(frozen=True)
class SymbolicDerivation:
    """SymPy's results, as expressions and as LaTeX, for one loss convention."""

    loss: sp.Expr
    gradient_weight: sp.Expr
    gradient_bias: sp.Expr  # in terms of the residuals r_i
    gradient_weight_in_residuals: sp.Expr
    hessian_same: sp.Expr  # H_jj
    hessian_cross: sp.Expr  # H_jk
    hessian_bias: sp.Expr  # H_jb
    hessian_bias_bias: sp.Expr
    gradient_scaling: sp.Expr  # ratio after x_ij → c·x_ij: c
    hessian_same_scaling: sp.Expr  # c²
    hessian_cross_scaling: sp.Expr  # c
    hessian_bias_scaling: sp.Expr  # c
    offset_hessian: sp.Matrix  # one feature of mean μ and sd σ, with a bias
    offset_condition_identity: sp.Expr  # κ + 1/κ + 2, exactly
    stable_interval: sp.Set  # the η with |1 - ηλ| < 1
    best_step: sp.Expr
    best_rate: sp.Expr  # (κ - 1)/(κ + 1)
    iterations: sp.Expr  # ln(1/ε) / ln(1/rate)
    iterations_leading: sp.Expr  # (κ/2) ln(1/ε)


SYMBOLS = {name: sp.Symbol(name, integer=True, positive=True) for name in ("i", "j", "k", "q", "m", "d")}
x, w, y, r = (sp.IndexedBase(name) for name in ("x", "w", "y", "r"))
b = sp.Symbol("b")
c = sp.Symbol("c", positive=True)
mu = sp.Symbol("mu", real=True)
sigma = sp.Symbol("sigma", positive=True)
eta, lam, lam_max, lam_min, kappa, epsilon = sp.symbols("eta lambda lambda_max lambda_min kappa epsilon", positive=True)


def _in_range(expression: sp.Expr) -> sp.Expr:
    """SymPy answers "for j ≤ d" as a Piecewise; an index is always in range here."""
    simplified = sp.simplify(expression)
    return sp.simplify(simplified.replace(lambda part: isinstance(part, sp.Piecewise), lambda part: part.args[0][0]))


def _in_residuals(expression: sp.Expr, residual: sp.Expr, symbol: sp.Expr) -> sp.Expr:
    """Write each summand in terms of the residual r_i (SymPy expands 2·r_i into 2b - 2y_i + …)."""
    return expression.replace(
        lambda part: isinstance(part, sp.Sum),
        lambda part: sp.Sum(sp.factor_terms(part.function).xreplace({residual: symbol}), *part.limits),
    )


@cache
def symbolic_derivation(loss: LossName) -> SymbolicDerivation:
    """Differentiate the loss of y ≈ Σ_j w_j x_j + b over m samples and d features, in general."""
    i, j, k, q, m, d = (SYMBOLS[name] for name in ("i", "j", "k", "q", "m", "d"))
    residual = sp.Sum(w[q] * x[i, q], (q, 1, d)) + b - y[i]
    factor = 1 / m if loss == "mse" else sp.Integer(1)
    loss_expression = factor * sp.Sum(residual**2, (i, 1, m))
    gradient_weight = _in_range(sp.diff(loss_expression, w[j]))
    gradient_bias = sp.simplify(_in_residuals(sp.diff(loss_expression, b), residual, r[i]))
    hessian_same = _in_range(sp.diff(gradient_weight, w[j]))
    hessian_cross = _in_range(sp.diff(gradient_weight, w[k]))
    hessian_bias = _in_range(sp.diff(gradient_weight, b))
    hessian_bias_bias = _in_range(sp.diff(sp.diff(loss_expression, b), b)).doit()
    in_residuals = _in_range(_in_residuals(gradient_weight, residual, r[i]))
    scale_feature = {x[i, j]: c * x[i, j]}  # feature j measured in units c times smaller

    def scaling(expression: sp.Expr) -> sp.Expr:
        return sp.simplify(expression.xreplace(scale_feature) / expression)

    offset_hessian = 2 * sp.Matrix([[mu**2 + sigma**2, mu], [mu, 1]])
    eigenvalues = sorted(offset_hessian.eigenvals(), key=lambda value: float(value.subs({mu: 1, sigma: 1})))
    offset_kappa = eigenvalues[-1] / eigenvalues[0]
    best_step = sp.solve(sp.Eq(1 - eta * lam_min, eta * lam_max - 1), eta)[0]
    best_rate = sp.simplify((1 - best_step * lam_min).subs(lam_max, kappa * lam_min))
    iterations = sp.log(1 / epsilon) / sp.log(1 / best_rate)
    leading = sp.series(sp.log(1 / best_rate), kappa, sp.oo, 2).removeO()
    return SymbolicDerivation(
        loss=loss_expression,
        gradient_weight=gradient_weight,
        gradient_bias=gradient_bias,
        gradient_weight_in_residuals=in_residuals,
        hessian_same=hessian_same,
        hessian_cross=hessian_cross,
        hessian_bias=hessian_bias,
        hessian_bias_bias=hessian_bias_bias,
        gradient_scaling=scaling(in_residuals),
        hessian_same_scaling=scaling(hessian_same),
        hessian_cross_scaling=scaling(hessian_cross),
        hessian_bias_scaling=scaling(hessian_bias),
        offset_hessian=offset_hessian,
        offset_condition_identity=sp.factor(sp.simplify(offset_kappa + 1 / offset_kappa + 2)),
        stable_interval=sp.solve_univariate_inequality(sp.Abs(1 - eta * lam) < 1, eta, relational=False),
        best_step=best_step,
        best_rate=best_rate,
        iterations=iterations,
        iterations_leading=sp.log(1 / epsilon) / leading,
    )


def _partial(symbol: str) -> str:
    return rf"\frac{{\partial L}}{{\partial {symbol}}}"


def derive(analysis: Analysis) -> tuple[DerivationStep, ...]:
    """The derivation, step by step, with this scenario's numbers substituted."""
    symbolic = symbolic_derivation(analysis.scenario.loss)
    numbers = _Numbers.of(analysis)
    return (
        _loss_step(symbolic, numbers),
        _gradient_step(symbolic, numbers),
        _scaling_step(symbolic, numbers),
        _hessian_step(symbolic, numbers),
        _offset_step(symbolic, numbers),
        _stability_step(symbolic, numbers),
        _best_step(symbolic, numbers),
        _iterations_step(symbolic, numbers),
        _cost_step(numbers),
    )


@dataclass(frozen=True)
class _Numbers:
    """The learner's figures that the derivation substitutes."""

    analysis: Analysis
    names: tuple[str, ...]
    means: np.ndarray
    spreads: np.ndarray
    gradient: np.ndarray
    largest: int  # index of the feature with the largest standard deviation
    smallest: int

    @classmethod
    def of(cls, analysis: Analysis) -> _Numbers:
        features = analysis.data.features
        spreads = features.std(axis=0)
        start = np.zeros(len(analysis.raw.quadratic.optimum))
        return cls(
            analysis,
            analysis.data.feature_names,
            features.mean(axis=0),
            spreads,
            analysis.raw.quadratic.gradient(start),
            int(np.argmax(spreads)),
            int(np.argmin(spreads)),
        )

    @property
    def samples(self) -> int:
        return self.analysis.data.samples

    @property
    def mean_loss(self) -> bool:
        return self.analysis.scenario.loss == "mse"

    def name(self, index: int) -> str:
        return f"`{self.names[index]}`" if "`" not in self.names[index] else escape_markdown(self.names[index])


def _loss_step(symbolic: SymbolicDerivation, numbers: _Numbers) -> DerivationStep:
    convention = (
        "the *mean* of the squared residuals (MSE)" if numbers.mean_loss else "the *sum* of the squared residuals (SSE)"
    )
    scale = rf"\frac{{1}}{{{numbers.samples}}}" if numbers.mean_loss else ""
    return DerivationStep(
        "loss",
        "The loss",
        f"A linear model predicts ŷ = w·x + b. Its loss here is {convention}, over m = {numbers.samples:,} samples"
        f" and d = {len(numbers.names)} features. Every learning rate on this page is for this convention.",
        "L = " + sp.latex(symbolic.loss),
        rf"L = {scale}\sum_{{i=1}}^{{{numbers.samples}}} \Big("
        + " + ".join(rf"w_{{{latex_name(name)}}}\, x_{{i,{latex_name(name)}}}" for name in numbers.names[:4])
        + (r" + \dots" if len(numbers.names) > 4 else "")
        + r" + b - y_i\Big)^2",
    )


def _gradient_step(symbolic: SymbolicDerivation, numbers: _Numbers) -> DerivationStep:
    big, small = numbers.largest, numbers.smallest
    ratio = abs(numbers.gradient[big] / numbers.gradient[small]) if numbers.gradient[small] != 0 else float("inf")
    text = (
        "Differentiating, the gradient for weight j is the residuals weighted by **feature j's own values**."
        " So a feature with large values gets a large gradient component."
    )
    if len(numbers.names) > 1:
        text += (
            f" At the start (all weights 0) the gradient for {numbers.name(big)} is {number(abs(numbers.gradient[big]))},"
            f" for {numbers.name(small)} {number(abs(numbers.gradient[small]))}: {number(ratio)} times larger."
        )
    general = (
        _partial("w_j")
        + " = "
        + sp.latex(symbolic.gradient_weight_in_residuals)
        + r",\qquad "
        + _partial("b")
        + " = "
        + sp.latex(symbolic.gradient_bias)
        + r",\qquad r_i = \hat y_i - y_i"
    )
    numeric = r",\quad ".join(
        _partial("w_{" + latex_name(name) + "}") + r"\big|_{\theta=0} = " + latex_number(value)
        for name, value in zip(numbers.names[:4], numbers.gradient)
    )
    return DerivationStep("gradient", "The gradient grows with the feature", text, general, numeric)


def _scaling_step(symbolic: SymbolicDerivation, numbers: _Numbers) -> DerivationStep:
    big, small = numbers.largest, numbers.smallest
    scale = numbers.spreads[big] / numbers.spreads[small]
    text = (
        "Measure feature j in units c times smaller (x_ij → c·x_ij) and shrink w_j by c, so every prediction and"
        " residual stays the same. SymPy then finds the gradient for w_j multiplied by c, the curvature H_jj by c²,"
        " and its couplings H_jk and H_jb by c."
    )
    if len(numbers.names) > 1:
        text += (
            f" Here {numbers.name(big)} is spread {number(scale)} times wider than {numbers.name(small)}"
            f" (standard deviations {number(numbers.spreads[big])} and {number(numbers.spreads[small])}),"
            f" so its curvature is about {number(scale**2)} times larger: a step that suits one weight is"
            " far too big or far too small for the other."
        )
    general = (
        rf"x_{{ij}} \to c\,x_{{ij}}:\quad {_partial('w_j')} \to {sp.latex(symbolic.gradient_scaling)}\,{_partial('w_j')},"
        rf"\quad H_{{jj}} \to {sp.latex(symbolic.hessian_same_scaling)}\,H_{{jj}},"
        rf"\quad H_{{jk}} \to {sp.latex(symbolic.hessian_cross_scaling)}\,H_{{jk}},"
        rf"\quad H_{{jb}} \to {sp.latex(symbolic.hessian_bias_scaling)}\,H_{{jb}}"
    )
    numeric = (
        rf"c = \frac{{\sigma_{{{latex_name(numbers.names[big])}}}}}{{\sigma_{{{latex_name(numbers.names[small])}}}}}"
        rf" = {latex_number(scale)},\qquad c^2 = {latex_number(scale**2)}"
    )
    return DerivationStep("scaling", "Scale a feature by c: gradient × c, curvature × c²", text, general, numeric)


def _hessian_step(symbolic: SymbolicDerivation, numbers: _Numbers) -> DerivationStep:
    quadratic = numbers.analysis.raw.quadratic
    hessian = quadratic.hessian
    factor = r"\frac{2}{m}" if numbers.mean_loss else "2"
    general = (
        rf"H = {factor}\,\tilde X^\top \tilde X,\quad H_{{jj}} = {sp.latex(symbolic.hessian_same)},"
        rf"\quad H_{{jk}} = {sp.latex(symbolic.hessian_cross)},\quad H_{{jb}} = {sp.latex(symbolic.hessian_bias)},"
        rf"\quad H_{{bb}} = {sp.latex(symbolic.hessian_bias_bias)}"
    )
    if hessian.shape[0] <= 5:
        rows = r" \\ ".join(" & ".join(latex_number(value) for value in row) for row in hessian)
        numeric = r"H = \begin{pmatrix} " + rows + r" \end{pmatrix}"
    else:
        numeric = r"\operatorname{diag} H = (" + ", ".join(latex_number(value) for value in np.diag(hessian)) + ")"
    numeric += r",\quad \lambda = " + ", ".join(latex_number(value) for value in quadratic.eigenvalues[:6])
    text = (
        "The loss is a quadratic bowl. Its curvature is the Hessian H (the design matrix X̃ has a column of ones for"
        " the bias). It does not depend on the weights, so one matrix describes the whole landscape. Its eigenvalues"
        f" λ are the curvatures along the bowl's axes: here from {number(quadratic.smallest_curvature)} to"
        f" {number(quadratic.largest_curvature)}, a condition number κ = λmax/λmin of {number(quadratic.condition_number)}."
    )
    return DerivationStep("hessian", "The curvature: the Hessian and its eigenvalues", text, general, numeric)


def _offset_step(symbolic: SymbolicDerivation, numbers: _Numbers) -> DerivationStep:
    index = int(np.argmax(np.abs(numbers.means) / numbers.spreads))
    mean, spread = float(numbers.means[index]), float(numbers.spreads[index])
    identity = symbolic.offset_condition_identity

    def kappa_of(mean_value: float, spread_value: float) -> float:
        total = float(identity.subs({mu: mean_value, sigma: spread_value}))
        # κ + 1/κ + 2 = total, so κ is the larger root of κ² + (2 - total)κ + 1 = 0
        half = (total - 2) / 2
        return half + np.sqrt(max(half**2 - 1, 0.0))

    raw, centred, standardized = kappa_of(mean, spread), kappa_of(0.0, spread), kappa_of(0.0, 1.0)
    text = (
        "A feature's mean matters on its own. For one feature with mean μ and standard deviation σ, plus the bias,"
        " the off-diagonal entry 2μ couples the weight to the bias: when μ is large the bowl is a long diagonal"
        " valley even if σ is moderate. Subtracting the mean removes the coupling; dividing by σ equalises the rest."
        f" For {numbers.name(index)} (μ = {number(mean)}, σ = {number(spread)}): κ = {number(raw)} as it is,"
        f" {number(centred)} once centred, {number(standardized)} once z-scored."
    )
    general = (
        r"H = " + sp.latex(symbolic.offset_hessian) + r",\qquad \kappa + \frac{1}{\kappa} + 2 = " + sp.latex(identity)
    )
    numeric = (
        rf"\mu = {latex_number(mean)},\ \sigma = {latex_number(spread)}:\ \kappa = {latex_number(raw)};"
        rf"\quad \mu = 0:\ \kappa = {latex_number(centred)};\quad \mu = 0,\ \sigma = 1:\ \kappa = {latex_number(standardized)}"
    )
    return DerivationStep("mean_offset", "Why the mean matters too", text, general, numeric)


def _stability_step(symbolic: SymbolicDerivation, numbers: _Numbers) -> DerivationStep:
    raw, normalized = numbers.analysis.raw.quadratic, numbers.analysis.normalized.quadratic
    interval = symbolic.stable_interval
    text = (
        "Write the error θ − θ* along the Hessian's eigenvectors. One gradient step multiplies the error along"
        " eigenvector i by (1 − ηλ_i). If that factor's size exceeds 1 the error grows every step: the run"
        " diverges. So the learning rate must stay below 2/λmax, set by the *sharpest* direction."
        f" Raw: η < {number(raw.max_stable_lr)}. Normalized: η < {number(normalized.max_stable_lr)}."
    )
    general = (
        r"e_i^{(k+1)} = (1 - \eta\lambda_i)\, e_i^{(k)},\qquad |1 - \eta\lambda| < 1 \iff \eta \in "
        + sp.latex(interval)
        + r",\qquad \eta_{\max} = \frac{2}{\lambda_{\max}}"
    )
    numeric = (
        rf"\eta_{{\max}}^{{\text{{raw}}}} = \frac{{2}}{{{latex_number(raw.largest_curvature)}}} = {latex_number(raw.max_stable_lr)},"
        rf"\qquad \eta_{{\max}}^{{\text{{normalized}}}} = {latex_number(normalized.max_stable_lr)}"
    )
    return DerivationStep("stability", "The largest stable learning rate", text, general, numeric)


def _best_step(symbolic: SymbolicDerivation, numbers: _Numbers) -> DerivationStep:
    raw, normalized = numbers.analysis.raw.quadratic, numbers.analysis.normalized.quadratic
    raw_rate, normalized_rate = _best_rate_text(raw.condition_number), _best_rate_text(normalized.condition_number)
    text = (
        "That step is dictated by the sharpest direction, but progress along the flattest direction is only"
        " (1 − ηλmin) per step. The best constant step balances the two extremes, and even then the slowest error"
        " shrinks only by (κ − 1)/(κ + 1) per step."
        f" Raw: {raw_rate} per step (κ = {number(raw.condition_number)})."
        f" Normalized: {normalized_rate} per step (κ = {number(normalized.condition_number)})."
    )
    general = (
        rf"1 - \eta\lambda_{{\min}} = \eta\lambda_{{\max}} - 1 \Rightarrow \eta^* = {sp.latex(symbolic.best_step)},"
        rf"\qquad \rho = {sp.latex(symbolic.best_rate)}"
    )
    numeric = (
        rf"\eta^*_{{\text{{raw}}}} = {latex_number(raw.best_lr)},\ \rho_{{\text{{raw}}}} = {_best_rate_latex(raw.condition_number)};"
        rf"\quad \eta^*_{{\text{{normalized}}}} = {latex_number(normalized.best_lr)},\ \rho_{{\text{{normalized}}}} = {_best_rate_latex(normalized.condition_number)}"
    )
    return DerivationStep("best_step", "The best constant step and its rate", text, general, numeric)


def _iterations_step(symbolic: SymbolicDerivation, numbers: _Numbers) -> DerivationStep:
    analysis = numbers.analysis
    tolerance = analysis.scenario.tolerance
    raw, normalized = analysis.raw, analysis.normalized
    text = (
        f"To shrink the error by a factor ε = {number(tolerance)} you need ρᵏ ≤ ε, about (κ/2)·ln(1/ε) steps when κ"
        f" is large. Raw: {_count_words(raw.best_lr_iterations)} steps at its best rate; normalized:"
        f" {_count_words(normalized.best_lr_iterations)}."
    )
    general = rf"k \ge {sp.latex(symbolic.iterations)} \approx {sp.latex(symbolic.iterations_leading)}"
    numeric = (
        rf"k_{{\text{{raw}}}} = {latex_count(raw.best_lr_iterations)},\qquad k_{{\text{{normalized}}}} = "
        rf"{latex_count(normalized.best_lr_iterations)}"
    )
    return DerivationStep("iterations", "How many iterations", text, general, numeric)


def _count_words(value: int | None) -> str:
    return "no finite number of" if value is None else count(value)


def _best_rate_text(condition_number: float) -> str:
    """(κ − 1)/(κ + 1) by its gap 2/(κ + 1), so κ = 10¹⁷ reads 1 − 1.7 × 10⁻¹⁷, not 1.000000000."""
    gap = 2 / (condition_number + 1) if np.isfinite(condition_number) else 0.0
    return contraction(1 - gap, gap)


def _best_rate_latex(condition_number: float) -> str:
    text = _best_rate_text(condition_number)
    if text.startswith("1 − "):
        return "1 - " + latex_number(2 / (condition_number + 1), 2)
    return text


def _cost_step(numbers: _Numbers) -> DerivationStep:
    samples, features = numbers.samples, len(numbers.names)
    operations = 2 * samples * (features + 1)
    text = (
        "Normalizing does not make an iteration cheaper: one gradient costs the same two passes over the data"
        f" either way (about {operations:,} multiply-adds here). Scaling the data is a one-off pass of about"
        f" {samples * features:,} operations. What changes is how many iterations are needed."
    )
    general = r"\text{cost per iteration} \approx 2\,m\,(d+1)\ \text{multiply-adds},\ \text{same raw or normalized}"
    numeric = rf"2 \times {samples} \times {features + 1} = {operations:,}".replace(",", "{,}")
    return DerivationStep("cost", "Same cost per iteration, far fewer iterations", text, general, numeric)
