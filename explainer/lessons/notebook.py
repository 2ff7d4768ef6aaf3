"""A scenario as a Jupyter notebook: the learner's experiment in plain NumPy and scikit-learn.

The notebook never imports this package: it draws the data exactly as `explainer.linear.data`
does (same Generator, seed and copula), or reads the learner's CSV, or loads scikit-learn's bundled
copy; then builds the Hessian (2/m)·X̃ᵀX̃, κ and 2/λmax raw and normalized, runs gradient descent
both ways (literally for the first steps, in closed form for the count, as the app does), draws the
ravine and the loss, and ends with the scikit-learn Pipeline. Its printed `name = value` lines are
the app's figures to the digits the app shows; tests/test_notebook.py executes it and checks.

A lesson becomes one notebook with a section per step: one file to hand out, each section
self-contained (its own data and figures), the shared helper functions defined once at the top.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from explainer.explanation.pipeline import pipeline_code
from explainer.formats.link import ranges_for_link, share_url
from explainer.scenario.spec import Scenario
from explainer.scenario.vocabulary import METHODS
from explainer.text.formatting import escape_markdown

if TYPE_CHECKING:
    from nbformat import NotebookNode

    from explainer.explanation.explain import Explanation, Step
    from explainer.lessons.lesson import Lesson

DEFAULT_BASE_URL = "http://localhost:8501"  # Streamlit's own default address, for notebooks made offline
EMBED_MAX_VALUES = 20_000  # a table up to this many values travels inside the notebook; larger ones beside it
LITERAL_STEPS = 400  # gradient-descent updates the notebook takes one by one (the path and the check)
KERNEL = {"display_name": "Python 3", "language": "python", "name": "python3"}


@dataclass(frozen=True)
class NotebookFiles:
    """The notebook, and any CSV files it reads that must be written beside it (name → text)."""

    notebook: NotebookNode
    tables: dict[str, str] = field(default_factory=dict)

    def notebook_bytes(self) -> bytes:
        import nbformat

        return nbformat.writes(self.notebook).encode("utf-8")


def scenario_notebook(
    scenario: Scenario,
    share_link: str,
    explanation: Explanation | None = None,
    csv_stem: str | None = None,
) -> NotebookNode:
    """One scenario's notebook; a table is embedded, or (if large) read from `{csv_stem}.csv` beside it."""
    return scenario_files(scenario, share_link, explanation, csv_stem).notebook


def scenario_share_link(scenario: Scenario, base_url: str = DEFAULT_BASE_URL, page: str = "Explore") -> str:
    """The link that opens `scenario` in the app (a table too large for a link travels as its ranges)."""
    linkable, _ = ranges_for_link(scenario)
    return share_url(base_url, page, linkable or scenario)


@dataclass(frozen=True)
class _Section:
    scenario: Scenario
    share_link: str
    explanation: Explanation | None = None
    heading: str = ""  # "Step 2 of 5: …" in a lesson
    narrative: str = ""  # safe Markdown, figures filled in


def lesson_notebook(
    lesson: Lesson, base_url: str = DEFAULT_BASE_URL, steps: Sequence[int] | None = None, csv_stem: str | None = None
) -> NotebookFiles:
    """A lesson (or a single-scenario file) as one notebook, a section per chosen step (from 1)."""
    from explainer.lessons.lesson import lesson_url

    numbers = list(steps) if steps else list(range(1, len(lesson.steps) + 1))
    sections = []
    for number in numbers:
        scenario = lesson.step(number).scenario
        link = (
            scenario_share_link(scenario, base_url)
            if lesson.kind == "scenario"
            else lesson_url(base_url, lesson, number)
        )
        sections.append(_lesson_section(lesson, number, link))
    return notebook_files(sections, title=lesson.title, csv_stem=csv_stem)


def lesson_step_files(
    lesson: Lesson, step: int, share_link: str, explanation: Explanation | None = None, csv_stem: str | None = None
) -> NotebookFiles:
    """One lesson step's notebook (the Scenarios page's download), its narrative included."""
    return notebook_files(
        [_lesson_section(lesson, step, share_link, explanation)], title=lesson.title, csv_stem=csv_stem
    )


def _lesson_section(lesson: Lesson, number: int, link: str, explanation: Explanation | None = None) -> _Section:
    from explainer.explanation.explain import explain
    from explainer.lessons.lesson import fill_figures
    from explainer.text.markup import safe_markdown

    step = lesson.step(number)
    explanation = explanation or explain(step.scenario)
    heading = "" if lesson.kind == "scenario" else f"Step {number} of {len(lesson.steps)}: {step.title}"
    narrative = fill_figures(safe_markdown(step.narrative, links=False), explanation) if step.narrative else ""
    return _Section(step.scenario, link, explanation, heading, narrative)


def notebook_files(sections: Sequence[_Section], title: str = "", csv_stem: str | None = None) -> NotebookFiles:
    """Build the notebook. With `csv_stem`, a table larger than EMBED_MAX_VALUES is read from
    `{csv_stem}.csv` (or `{csv_stem}-step{N}.csv` in a lesson) written beside the notebook."""
    import nbformat.v4 as nbf

    cells = []
    tables: dict[str, str] = {}
    first = sections[0].scenario
    heading = title or first.title or "Why normalize? Your scenario, in plain NumPy and scikit-learn"
    cells.append(nbf.new_markdown_cell(_intro(escape_markdown(heading), sections)))
    cells.append(nbf.new_code_cell(_IMPORTS))
    cells.append(nbf.new_markdown_cell(_HELPERS_TEXT))
    cells.append(nbf.new_code_cell(_HELPERS))
    for index, section in enumerate(sections, start=1):
        csv_name = None
        if csv_stem and needs_csv_beside(section.scenario):
            csv_name = f"{csv_stem}.csv" if len(sections) == 1 else f"{csv_stem}-step{index}.csv"
            tables[csv_name] = table_csv(section.scenario)
        cells += _section_cells(section, csv_name, multiple=len(sections) > 1)
    notebook = nbf.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = KERNEL
    notebook.metadata["language_info"] = {"name": "python"}
    return NotebookFiles(notebook, tables)


def needs_csv_beside(scenario: Scenario) -> bool:
    """Whether the scenario's own table is too large to embed (it then travels as a CSV file beside the notebook)."""
    data = scenario.data
    return data is not None and not scenario.dataset and data.samples * (len(data.feature_names) + 1) > EMBED_MAX_VALUES


def scenario_files(
    scenario: Scenario, share_link: str, explanation: Explanation | None = None, csv_stem: str | None = None
) -> NotebookFiles:
    """One scenario's notebook and the CSV beside it, if its table is too large to embed."""
    return notebook_files([_Section(scenario, share_link, explanation)], csv_stem=csv_stem)


def table_csv(scenario: Scenario) -> str:
    """The scenario's table as CSV, every value written so it reads back to the same double."""
    data = scenario.data
    assert data is not None
    out = io.StringIO()
    names = [*data.feature_names, data.target_name]
    out.write(",".join(_csv_field(name) for name in names) + "\n")
    for row in zip(*data.columns, data.target):
        out.write(",".join(repr(float(value)) for value in row) + "\n")
    return out.getvalue()


def _csv_field(name: str) -> str:
    return '"' + name.replace('"', '""') + '"' if any(c in name for c in ',"\n\r') else name


# --- the cells --------------------------------------------------------------------------------

_IMPORTS = """\
from decimal import ROUND_CEILING, Decimal
import io
import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy.special import ndtr  # SciPy comes with scikit-learn

pd.set_option("display.precision", 4)"""

_HELPERS_TEXT = """\
## The tools: the loss as a quadratic, and gradient descent in closed form

For parameters θ = (w₁ … w_d, b) and the design X̃ = [X, 1] (the features with a column of ones for
the bias), the loss is a quadratic bowl whose curvature is the Hessian H = 2·s·X̃ᵀX̃, with s = 1/m for
the mean squared error and s = 1 for the summed one. Its eigenvalues λ are the curvatures along the
bowl's axes; we take them from the singular values of X̃ (λ = 2·s·σ²), since squaring X̃ first would
lose half the digits.

Along axis i, one gradient-descent step multiplies the error by (1 − ηλᵢ). So step k is known without
taking the k − 1 before it: the error is Σ cᵢ²(1 − ηλᵢ)²ᵏ, where c are the starting error's
coordinates on the axes. That is how a count of 70 million steps is found in a fraction of a second,
exactly as the app does it (we check it against a literal loop below). We work with logarithms so
that a run that needs 10⁸ steps or overflows to 10³⁰⁰ raises no warning.

A run *reaches the tolerance* ε at the first step k with ‖θₖ − θ*‖ ≤ ε·‖θ₀ − θ*‖, from θ₀ = 0, and
*diverges* at the first step where the loss passes a million times its start."""

_HELPERS = '''\
def quadratic(X, y, loss="mse"):
    """The regression's loss as a quadratic: Hessian, its eigen-decomposition, the best fit."""
    m = X.shape[0]
    design = np.column_stack([X, np.ones(m)])
    scale = 1.0 / m if loss == "mse" else 1.0
    _, singular_values, right_vectors = np.linalg.svd(design, full_matrices=False)
    optimum, *_ = np.linalg.lstsq(design, y, rcond=None)
    residuals = design @ optimum - y
    return {
        "design": design, "target": y, "scale": scale,
        "hessian": 2 * scale * design.T @ design,
        "eigenvalues": 2 * scale * singular_values**2,  # descending
        "eigenvectors": right_vectors.T,
        "optimum": optimum,
        "minimum_loss": float(scale * residuals @ residuals),
    }


def loss_at(q, theta):
    residuals = np.asarray(theta) @ q["design"].T - q["target"]
    return q["scale"] * np.sum(residuals**2, axis=-1)


def gradient_at(q, theta):
    return 2 * q["scale"] * q["design"].T @ (q["design"] @ theta - q["target"])


def log_abs_factors(eta, eigenvalues):
    """log|1 - ηλ| per axis, accurate when ηλ is tiny (log1p)."""
    products = eta * eigenvalues
    with np.errstate(divide="ignore"):
        logs = np.where(products < 1, np.log1p(-np.minimum(products, 1)), np.log(np.abs(products - 1)))
    return np.maximum(logs, -745.0)


def log_sum(log_weights, slopes, k):
    """log Σ exp(log_weights + 2·k·slopes): a sum of decaying (or growing) terms at step k."""
    values = log_weights + 2.0 * k * slopes
    top = np.max(values)
    if not np.isfinite(top):
        return top
    return float(np.log(np.sum(np.exp(values - top))) + top)


def first_step(holds, limit):
    """The first whole k in [0, limit] where holds(k) is true, for a condition that stays true once true."""
    if not holds(limit):
        return None
    low, high = -1, int(limit)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if holds(middle) else (middle, high)
    return high


def gradient_descent(q, eta, tolerance, step_cap):
    """Plain gradient descent from θ = 0 with a constant step η, in closed form."""
    lam = q["eigenvalues"]
    c = q["eigenvectors"].T @ (0 - q["optimum"])  # the starting error on the bowl's axes
    slopes = log_abs_factors(eta, lam)
    with np.errstate(divide="ignore"):
        log_error_weights = np.log(c**2)
        log_gap_weights = np.log(0.5 * lam * c**2)
        log_min = np.log(q["minimum_loss"]) if q["minimum_loss"] > 0 else -np.inf
    log_start_error = log_sum(log_error_weights, 0 * slopes, 0)
    log_start_loss = float(np.logaddexp(log_min, log_sum(log_gap_weights, 0 * slopes, 0)))
    loss_weights, loss_slopes = np.append(log_min, log_gap_weights), np.append(0.0, slopes)
    diverges = bool(((slopes > 0) & np.isfinite(log_error_weights)).any())
    result = {"eta": eta, "diverged": diverges, "converged_at": None, "diverged_at": None}
    if diverges:
        threshold = log_start_loss + math.log(1e6)
        result["diverged_at"] = first_step(lambda k: log_sum(loss_weights, loss_slopes, k) >= threshold, 10**18)
        overflow = first_step(lambda k: log_sum(loss_weights, loss_slopes, k) >= 300 * math.log(10), 10**18)
        result["horizon"] = min(step_cap, overflow if overflow is not None else step_cap)
    else:
        threshold = log_start_error + 2 * math.log(tolerance) + 1e-12
        result["converged_at"] = first_step(lambda k: log_sum(log_error_weights, slopes, k) <= threshold, step_cap)
        result["horizon"] = result["converged_at"] if result["converged_at"] is not None else step_cap
    result["log10_loss"] = lambda k: log_sum(loss_weights, loss_slopes, k) / math.log(10)
    result["predicted"] = predicted_iterations(q, eta, tolerance)
    return result


def best_step(q):
    """Gradient descent's best constant step 2/(λmax + λmin): both extreme axes shrink equally fast."""
    return 2 / (q["eigenvalues"][0] + q["eigenvalues"][-1])


def predicted_iterations(q, eta, tolerance):
    """⌈ln ε / ln ρ⌉ with ρ = max|1 - ηλ|, the slowest axis's shrink factor (None if ρ ≥ 1)."""
    slope = float(log_abs_factors(eta, q["eigenvalues"]).max())
    if eta == best_step(q):  # ρ = (κ-1)/(κ+1) exactly, taken from κ so it never rounds to 1
        kappa = q["eigenvalues"][0] / q["eigenvalues"][-1]
        slope = min(slope, float(np.log1p(-2.0 / (kappa + 1.0))) if kappa > 1 else -np.inf)
    if not slope < 0:
        return None
    if math.isinf(slope):
        return 1
    steps = (Decimal(math.log(tolerance)) / Decimal(slope)).to_integral_value(rounding=ROUND_CEILING)
    return max(int(steps), 1)


def literal_descent(q, eta, steps):
    """The loop a learner would write: θ ← θ - η·∇L(θ), from θ = 0, stopped early if it overflows."""
    theta = np.zeros(q["design"].shape[1])
    path = [theta]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            theta = theta - eta * gradient_at(q, theta)
            if not np.isfinite(theta).all():
                break
            path.append(theta)
    return np.array(path)


def shown(value):
    """A figure as the app shows it: 3 significant digits; whole counts in full."""
    if value is None:
        return "none"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return f"{value:.3g}"


def iterations_text(run):
    if run["converged_at"] is not None:
        return f"reached the tolerance in {run['converged_at']:,} iterations"
    if run["diverged"]:
        return f"diverged at step {run['diverged_at']:,}" if run["diverged_at"] is not None else "diverged"
    predicted = run["predicted"]
    return "stopped at the step cap" + (f"; its rate predicts about {predicted:.3g} iterations" if predicted else "")


def draw_ravine(ax, q, path, names, title, first=0, second=1):
    """Loss contours over two parameters (the others at their best values), and the descent path."""
    optimum = q["optimum"]
    if len(path) > 2 and np.abs(path - optimum).max() > 100 * np.abs(path[0] - optimum).max():
        escaped = np.flatnonzero(np.abs(path - optimum).max(axis=1) > 100 * np.abs(path[0] - optimum).max())
        path = path[: max(escaped[0], 3)]  # a diverging path: its first overshoots say it all
    corners = np.vstack([path[:, [first, second]], optimum[[first, second]]])
    low, high = corners.min(axis=0), corners.max(axis=0)
    span = np.where(high - low > 0, high - low, np.maximum(np.abs(optimum[[first, second]]), 1.0))
    xs = np.linspace(low[0] - 0.15 * span[0], high[0] + 0.15 * span[0], 120)
    ys = np.linspace(low[1] - 0.15 * span[1], high[1] + 0.15 * span[1], 120)
    grid = np.tile(optimum, (len(ys), len(xs), 1))
    grid[..., first], grid[..., second] = np.meshgrid(xs, ys)
    delta = grid - optimum  # the loss above its minimum is the quadratic ½·δᵀHδ: no pass over the data
    gap = np.maximum(0.5 * np.einsum("...i,ij,...j->...", delta, q["hessian"], delta), 1e-300)
    ax.contour(xs, ys, np.log10(gap), levels=12, cmap="viridis", linewidths=0.8)
    ax.plot(path[:, first], path[:, second], ".-", color="tab:red", markersize=3, linewidth=0.6, label="gradient descent")
    ax.plot(*optimum[[first, second]], "kD", markersize=6, label="best fit")
    ax.set_xlabel(names[first])
    ax.set_ylabel(names[second])
    ax.set_title(title)
    ax.legend(loc="best", fontsize="small")


def loss_curve(run, literal_steps):
    """log10 of the loss at every literal step, then at steps spaced evenly on a log axis to the end."""
    horizon = max(int(run["horizon"]), 1)
    steps = np.unique(np.concatenate([np.arange(min(horizon, literal_steps) + 1),
                                      np.geomspace(1, horizon, 300).round()])).astype(np.int64)
    return steps, np.array([run["log10_loss"](int(k)) for k in steps])'''


def _intro(heading: str, sections: Sequence[_Section]) -> str:
    lines = [f"# {heading}", ""]
    if len(sections) == 1 and sections[0].heading:
        lines += [f"## {escape_markdown(sections[0].heading)}", ""]
        lines += [f"**Open this step in the app:** [the share link]({_link(sections[0].share_link)})", ""]
    elif len(sections) == 1:
        lines += [f"**Open this scenario in the app:** [the share link]({_link(sections[0].share_link)})", ""]
    else:
        lines += ["**Open each step in the app:**", ""]
        lines += [f"- [{escape_markdown(section.heading)}]({_link(section.share_link)})" for section in sections] + [""]
    lines += [
        "This notebook reproduces the app's experiment with your numbers, in plain NumPy, pandas, scikit-learn and"
        " matplotlib: it does not need the app's own package. Run it top to bottom (in Jupyter, VS Code or Colab);"
        " change any number and run it again.",
        "",
        "Lines such as `kappa_raw = 5.04e+06` print the figures the app shows, to the same 3 significant digits.",
    ]
    if len(sections) > 1:
        lines += ["", "Each step is a section of its own: its data, its figures, its plots."]
    return "\n".join(lines)


def _link(url: str) -> str:
    """A URL inside a Markdown link target: our own share link, with the characters Markdown would end on escaped."""
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")


def _section_cells(section: _Section, csv_name: str | None, multiple: bool) -> list:
    import nbformat.v4 as nbf

    from explainer.explanation.explain import explain

    scenario = section.scenario
    explanation = section.explanation or explain(scenario)
    steps = {step.key: step for step in explanation.steps}
    cells = []
    if multiple:
        cells.append(
            nbf.new_markdown_cell(
                f"# {escape_markdown(section.heading)}\n\n[Open this step in the app]({_link(section.share_link)})"
            )
        )
    if section.narrative:
        cells.append(nbf.new_markdown_cell(section.narrative))
    # 1. the data
    cells.append(_step_cell(steps["features"], before=_data_text(scenario)))
    cells.append(nbf.new_code_cell(_data_code(scenario, csv_name)))
    # 2. both quadratics
    method = scenario.normalization
    after = f"The normalized problem is the same regression after {METHODS[method].phrase}, with scikit-learn's transformer."
    cells.append(_step_cell(steps["ravine"], after=after))
    cells.append(nbf.new_code_cell(_quadratic_code(scenario)))
    # 3. the gradients
    cells.append(_step_cell(steps["gradient"]))
    cells.append(
        nbf.new_code_cell(
            "gradient_start = pd.DataFrame(\n"
            '    {"|∂L/∂θ| raw": np.abs(gradient_at(raw, np.zeros(len(raw_names)))),\n'
            '     "|∂L/∂θ| normalized": np.abs(gradient_at(normalized, np.zeros(len(raw_names))))},\n'
            "    index=raw_names,\n"
            ")\n"
            "gradient_start"
        )
    )
    # 4. the step bound
    cells.append(_step_cell(steps["learning_rate"]))
    cells.append(nbf.new_code_cell(_bound_code(scenario)))
    # 5. the runs
    cells.append(_step_cell(steps["iterations"]))
    cells.append(nbf.new_code_cell(_run_code(scenario)))
    cells.append(
        nbf.new_markdown_cell(
            "### Check: the closed form against a literal loop\n\n"
            f"The loop a learner would write, θ ← θ − η·∇L(θ), for up to {LITERAL_STEPS} steps; the closed form gives"
            " the same loss at the same step."
        )
    )
    cells.append(nbf.new_code_cell(_check_code()))
    # 6. what normalizing changes: the plots
    cells.append(_step_cell(steps["normalized"]))
    cells.append(nbf.new_code_cell(_plots_code()))
    if "optimizer" in steps:
        note = f"*This notebook runs plain gradient descent; the {scenario.optimizer.name} runs are in the app (the share link).*"
        cells.append(_step_cell(steps["optimizer"], after=note))
    cells.append(_step_cell(steps["cost"]))
    cells.append(_step_cell(steps["same_model"]))
    cells.append(nbf.new_code_cell(_same_model_code()))
    # 7. the summary figures and the Pipeline
    cells.append(
        nbf.new_markdown_cell(
            "## The figures, as the app shows them\n\n"
            + explanation.summary
            + "\n\nThe same figures, one per line (3 significant digits, as the app shows them):"
        )
    )
    cells.append(nbf.new_code_cell(_figures_code(scenario.optimizer.name)))
    cells.append(
        nbf.new_markdown_cell(
            "## The same in scikit-learn\n\nFit the scaler inside a pipeline, so it learns its statistics from the"
            " training rows only (the test rows are scaled with those same statistics)."
        )
    )
    cells.append(nbf.new_code_cell(pipeline_code(method).rstrip("\n")))
    return cells


def _step_cell(step: Step, before: str = "", after: str = ""):
    """A Markdown cell with the app's own prose for one step of the explanation, and its formula."""
    import nbformat.v4 as nbf

    parts = [f"## {step.title}", before, step.markdown, f"$$\n{step.latex}\n$$" if step.latex else "", after]
    return nbf.new_markdown_cell("\n\n".join(part for part in parts if part))


def _data_text(scenario: Scenario) -> str:
    if scenario.dataset:
        return f"scikit-learn's bundled **{escape_markdown(scenario.dataset)}** dataset, loaded as the app loads it."
    if scenario.data is not None:
        return "Your table, read exactly as the app read it."
    return (
        "Synthetic data, drawn exactly as the app draws it: a NumPy random Generator seeded with your seed;"
        " correlated standard normals (a Gaussian copula), each mapped onto its feature's range and distribution;"
        " the target is the features times the true weights, plus the bias and Gaussian noise."
    )


def _data_code(scenario: Scenario, csv_name: str | None) -> str:
    if scenario.dataset:
        return _bundled_code(scenario.dataset)
    if scenario.data is not None:
        return _table_code(scenario, csv_name)
    return _synthetic_code(scenario)


def _synthetic_code(scenario: Scenario) -> str:
    features = "\n".join(
        f"    ({f.name!r}, {float(f.low)!r}, {float(f.high)!r}, {f.distribution!r})," for f in scenario.features
    )
    weights = (
        f"np.array({[float(w) for w in scenario.true_weights]!r})"
        if scenario.true_weights is not None
        else "np.array([1.0 / (high - low) for _, low, high, _ in features])  # each feature moves y by 1 across its range"
    )
    return f"""\
features = [  # name, low, high, distribution
{features}
]
samples, seed, correlation = {scenario.samples!r}, {scenario.seed!r}, {float(scenario.correlation)!r}
noise, true_bias = {float(scenario.noise)!r}, {float(scenario.true_bias)!r}
true_weights = {weights}


def from_standard_normal(low, high, distribution, normal):
    \"\"\"A standard normal column mapped onto the feature's range: uniform on low..high, normal with
    low..high as mean ± 3 sd, or lognormal with log(low)..log(high) as mean ± 3 sd.\"\"\"
    if distribution == "uniform":
        return low + (high - low) * ndtr(normal)
    if distribution == "normal":
        return (low + high) / 2 + (high - low) / 6 * normal
    log_low, log_high = np.log(low), np.log(high)
    return np.exp((log_low + log_high) / 2 + (log_high - log_low) / 6 * normal)


generator = np.random.default_rng(seed)
d = len(features)
correlation_matrix = np.full((d, d), correlation) + (1 - correlation) * np.eye(d)
normals = generator.standard_normal((samples, d)) @ np.linalg.cholesky(correlation_matrix).T
X = np.column_stack([from_standard_normal(low, high, dist, normals[:, i])
                     for i, (_, low, high, dist) in enumerate(features)])
y = X @ true_weights + true_bias + noise * generator.standard_normal(samples)
feature_names = [name for name, *_ in features]
table = pd.DataFrame(X, columns=feature_names).assign(y=y)
table.describe().T[["min", "max", "mean", "std"]]"""


def _table_code(scenario: Scenario, csv_name: str | None) -> str:
    data = scenario.data
    assert data is not None
    if csv_name:
        source = f"{csv_name!r}  # written beside this notebook"
        reader = 'pd.read_csv(source, float_precision="round_trip")'
    else:
        source = "io.StringIO(" + repr(table_csv(scenario)) + ")"
        reader = 'pd.read_csv(source, float_precision="round_trip")'
    names = list(data.feature_names)
    return f"""\
source = {source}
table = {reader}
feature_names, target_name = {names!r}, {data.target_name!r}
X = table[feature_names].to_numpy(dtype=float)
y = table[target_name].to_numpy(dtype=float)
table.describe().T[["min", "max", "mean", "std"]]"""


def _bundled_code(name: str) -> str:
    loader = {
        "wine": "datasets.load_wine()",
        "breast_cancer": "datasets.load_breast_cancer()",
        "diabetes": "datasets.load_diabetes(scaled=False)  # the raw units, not pre-scaled",
        "iris": "datasets.load_iris()",
        "digits": "datasets.load_digits()",
    }[name]
    target_name = "progression" if name == "diabetes" else "class"
    return f"""\
from sklearn import datasets

bunch = {loader}
X_all = np.asarray(bunch.data, dtype=float)
keep = X_all.max(axis=0) > X_all.min(axis=0)  # a constant column has no scale to normalize: dropped
X = X_all[:, keep]
feature_names = [str(n).replace("(", "").replace(")", "").strip()[:40] for n, k in zip(bunch.feature_names, keep) if k]
y = np.asarray(bunch.target, dtype=float)
table = pd.DataFrame(X, columns=feature_names).assign(**{{{target_name!r}: y}})
table.describe().T[["min", "max", "mean", "std"]]"""


_TRANSFORMERS = {
    "none": ("", "None  # no normalization: the 'normalized' side is the raw one"),
    "minmax": ("from sklearn.preprocessing import MinMaxScaler\n", "MinMaxScaler()"),
    "minmax_centered": ("", "CenteredMinMaxScaler()"),
    "zscore": ("from sklearn.preprocessing import StandardScaler\n", "StandardScaler()"),
    "robust": ("from sklearn.preprocessing import RobustScaler\n", "RobustScaler()"),
    "whiten": ("from sklearn.decomposition import PCA\n", 'PCA(whiten=True, svd_solver="full")'),
}
_CENTERED = '''\
class CenteredMinMaxScaler:
    """(x - mean) / (max - min): the one common scaling scikit-learn has no class for."""

    def fit_transform(self, X):
        self.mean_ = X.mean(axis=0)
        self.scale_ = X.max(axis=0) - X.min(axis=0)
        return (X - self.mean_) / self.scale_


'''


def _quadratic_code(scenario: Scenario) -> str:
    imports, transformer = _TRANSFORMERS[scenario.normalization]
    extra = _CENTERED if scenario.normalization == "minmax_centered" else ""
    if scenario.normalization == "none":
        transform = "X_normalized = X.copy()"
    else:
        transform = "X_normalized = scaler.fit_transform(X)"
    normalized_names = (
        '[f"component {i + 1}" for i in range(X_normalized.shape[1])]'
        if scenario.normalization == "whiten"
        else "list(feature_names)"
    )
    return f"""\
{imports}{extra}loss = {scenario.loss!r}  # "mse": the mean of squared errors; "sse": their sum
scaler = {transformer}
{transform}

raw = quadratic(X, y, loss)
normalized = quadratic(X_normalized, y, loss)
raw_names = [*feature_names, "bias"]
normalized_names = [*{normalized_names}, "bias"]

for label, q in (("raw", raw), ("normalized", normalized)):
    lam = q["eigenvalues"]
    print(f"{{label}}: curvatures from {{shown(lam[-1])}} to {{shown(lam[0])}}, kappa = {{shown(lam[0] / lam[-1])}}")
pd.DataFrame(raw["hessian"], index=raw_names, columns=raw_names)"""


def _bound_code(scenario: Scenario) -> str:
    rate = "auto" if scenario.learning_rate == "auto" else float(scenario.learning_rate)
    return f"""\
learning_rate = {rate!r}  # "auto": each side at its own best constant step 2/(λmax + λmin)
tolerance, step_cap = {float(scenario.tolerance)!r}, {scenario.max_steps!r}

for label, q in (("raw", raw), ("normalized", normalized)):
    print(f"{{label}}: largest stable step 2/λmax = {{shown(2 / q['eigenvalues'][0])}},"
          f" best step 2/(λmax + λmin) = {{shown(best_step(q))}}")"""


def _run_code(scenario: Scenario) -> str:
    return """\
runs = {}
for label, q in (("raw", raw), ("normalized", normalized)):
    eta = best_step(q) if learning_rate == "auto" else learning_rate
    runs[label] = gradient_descent(q, eta, tolerance, step_cap)
    print(f"{label}, η = {shown(eta)}: {iterations_text(runs[label])}")
    print(f"    at its best step the worst case is {shown(predicted_iterations(q, best_step(q), tolerance))} iterations")"""


def _check_code() -> str:
    return f"""\
paths = {{}}
for label, q in (("raw", raw), ("normalized", normalized)):
    run = runs[label]
    paths[label] = literal_descent(q, run["eta"], min(int(run["horizon"]), {LITERAL_STEPS}))
    k = len(paths[label]) - 1
    looped, closed = np.log10(loss_at(q, paths[label][-1])), run["log10_loss"](k)
    print(f"{{label}}: after {{k}} steps log10(loss) is {{looped:.6f}} by the loop, {{closed:.6f}} in closed form")"""


def _plots_code() -> str:
    return f"""\
fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
for ax, label, q, names in zip(axes, ("raw", "normalized"), (raw, normalized), (raw_names, normalized_names)):
    draw_ravine(ax, q, paths[label], names, f"{{label}}: κ = {{shown(q['eigenvalues'][0] / q['eigenvalues'][-1])}}")
fig.suptitle("The loss over two parameters (the others at their best values), and gradient descent's path")
fig.tight_layout()
plt.show()

fig, ax = plt.subplots(figsize=(8, 4))
for label in ("raw", "normalized"):
    steps, log10_loss = loss_curve(runs[label], {LITERAL_STEPS})
    ax.plot(steps + 1, log10_loss, label=f"{{label}}: {{iterations_text(runs[label])}}")
ax.axhline(np.log10(max(raw["minimum_loss"], 1e-300)), color="gray", linestyle=":", label="best possible loss")
ax.set_xscale("log")
ax.set_xlabel("step + 1 (log scale)")
ax.set_ylabel("log10(loss)")
ax.set_title("Loss at each step")
ax.legend(fontsize="small")
plt.show()"""


def _same_model_code() -> str:
    return """\
def to_original_units(X, X_normalized, optimum):
    \"\"\"The normalized fit expressed on raw inputs, found by refitting the affine map x → x' on the data.\"\"\"
    return np.linalg.lstsq(np.column_stack([X, np.ones(len(X))]),
                           np.column_stack([X_normalized, np.ones(len(X))]) @ optimum, rcond=None)[0]


mapped = to_original_units(X, X_normalized, normalized["optimum"])
pd.DataFrame({"raw best fit": raw["optimum"], "normalized best fit, in raw units": mapped}, index=raw_names)"""


def _figures_code(optimizer: str) -> str:
    """The figures as `name = value` lines. With momentum or Adam, the app's run figures are that optimizer's,
    while this notebook runs plain gradient descent: its run figures say so (gd_iterations_raw, …)."""
    prefix = "" if optimizer == "gd" else "gd_"
    return f"""\
run_prefix = {prefix!r}  # "gd_": the app ran {optimizer}; these runs are plain gradient descent


def report(name, value):
    print(f"{{name}} = {{shown(value)}}")


for label, q in (("raw", raw), ("normalized", normalized)):
    run = runs[label]
    report(f"kappa_{{label}}", q["eigenvalues"][0] / q["eigenvalues"][-1])
    report(f"max_stable_lr_{{label}}", 2 / q["eigenvalues"][0])
    report(f"best_lr_{{label}}", best_step(q))
    report(f"{{run_prefix}}learning_rate_{{label}}", run["eta"])
    report(f"{{run_prefix}}iterations_{{label}}", run["converged_at"])
    report(f"{{run_prefix}}predicted_iterations_{{label}}", run["predicted"])
    report(f"{{run_prefix}}diverged_at_{{label}}", run["diverged_at"])
    report(f"best_lr_iterations_{{label}}", predicted_iterations(q, best_step(q), tolerance))
raw_count, normalized_count = (
    (runs["raw"]["converged_at"], runs["normalized"]["converged_at"])
    if runs["raw"]["converged_at"] is not None and runs["normalized"]["converged_at"] is not None
    else (runs["raw"]["predicted"], runs["normalized"]["predicted"])
)
no_ratio = runs["raw"]["diverged"] or runs["normalized"]["diverged"] or None in (raw_count, normalized_count)
report(f"{{run_prefix}}speedup", None if no_ratio else raw_count / max(normalized_count, 1))"""
