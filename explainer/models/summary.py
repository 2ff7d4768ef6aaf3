"""A model comparison as data and as text: the one summary the CLI, reports and the chat share."""

from __future__ import annotations

import dataclasses
import html
from typing import Any

from explainer.models.fit import FitResult, ModelComparison
from explainer.models.notes import score_text
from explainer.scenario.model_choice import MODEL_LABELS
from explainer.scenario.spec import Scenario
from explainer.scenario.vocabulary import METHODS
from explainer.text.formatting import escape_markdown, json_ready, number


def comparison_to_dict(comparison: ModelComparison) -> dict[str, Any]:
    """Every field as plain JSON (NaN and infinity as null), plus `model_label` and `score_gain`."""
    result = json_ready(dataclasses.asdict(comparison))
    result["model_label"] = MODEL_LABELS[comparison.model.name]
    result["score_gain"] = json_ready(comparison.score_gain)
    return result


def iterations_text(result: FitResult) -> str:
    if result.diverged:
        return "blew up"
    if result.iterations is None:
        return "no iterations"
    return f"{result.iterations:,} (hit the cap)" if result.hit_cap else f"{result.iterations:,}"


def comparison_rows(comparison: ModelComparison) -> list[tuple[str, str, str]]:
    """(what, raw, normalized) rows: the table every front end shows."""
    raw, normalized = comparison.raw, comparison.normalized
    rows = [
        (
            f"test {comparison.score_name}",
            score_text(raw.score, comparison.score_name),
            score_text(normalized.score, comparison.score_name),
        ),
        ("iterations (n_iter_)", iterations_text(raw), iterations_text(normalized)),
        ("fit time, measured", f"{raw.seconds * 1000:.0f} ms", f"{normalized.seconds * 1000:.0f} ms"),
    ]
    logistic = comparison.theory.logistic
    if logistic is not None:
        rows.append(_numbers_row("κ of the log-loss Hessian at w = 0", logistic.start_raw, logistic.start_normalized))
        rows.append(_numbers_row("κ at the fitted weights", logistic.solution_raw, logistic.solution_normalized))
    activations = comparison.theory.activations
    if activations is not None:
        rows.append(
            _numbers_row(
                "first-layer pre-activation sd at init",
                activations.preactivation_std_raw,
                activations.preactivation_std_normalized,
            )
        )
    distances = comparison.theory.distances
    if distances is not None:
        largest = distances.raw.index(max(distances.raw))  # the feature that dominates the raw distances
        rows.append(
            (
                f"{distances.feature_names[largest]}'s share of squared distances",
                f"{distances.raw[largest]:.1%}",
                f"{distances.normalized[largest]:.1%}",
            )
        )
    return rows


def _numbers_row(what: str, raw: float, normalized: float) -> tuple[str, str, str]:
    return what, number(raw), number(normalized)


def comparison_text(comparison: ModelComparison) -> str:
    """Plain text for a terminal: the title, the raw-vs-normalized table, then the notes."""
    lines = [
        f"{MODEL_LABELS[comparison.model.name]} on {comparison.source}"
        f" — raw vs {METHODS[comparison.normalization].phrase}",
        f"{comparison.task}; {comparison.rows_fitted:,} rows fitted, {comparison.rows_tested:,} tested"
        " (70/30 split, random_state=42)",
        "",
        f"  {'':<40} {'raw':>18} {'normalized':>18}",
    ]
    lines += [f"  {what:<40} {raw:>18} {normalized:>18}" for what, raw, normalized in comparison_rows(comparison)]
    lines.append("")
    lines += [f" - {note}" for note in comparison.notes]
    return "\n".join(lines)


def comparison_markdown(comparison: ModelComparison) -> str:
    """The same as Markdown: a table and the notes as a list."""
    lines = [
        f"**{MODEL_LABELS[comparison.model.name]}** on {escape_markdown(comparison.source)}, raw against"
        f" {METHODS[comparison.normalization].phrase} ({comparison.rows_fitted:,} rows fitted,"
        f" {comparison.rows_tested:,} tested).",
        "",
        "| | raw | normalized |",
        "|---|---:|---:|",
    ]
    lines += [f"| {what} | {raw} | {normalized} |" for what, raw, normalized in comparison_rows(comparison)]
    lines.append("")
    lines += [f"- {escape_markdown(note)}" for note in comparison.notes]
    return "\n".join(lines)


def model_comparison_for(scenario: Scenario) -> ModelComparison | None:
    """The scenario's model comparison (None for linear regression, which the exact engine explains).

    From the one model-fit cache (`explainer.models.budgeted.cached_fit`); a refusal raises ScenarioError."""
    if scenario.model.name == "linear_regression":
        return None
    from explainer.models.budgeted import cached_fit  # in a worker, within the model-fit budget

    return cached_fit(scenario).result()


def comparison_html(comparison: ModelComparison, heading: str = "h3") -> str:
    """A heading (`heading`: the level that follows the page's outline), the raw-vs-normalized table and
    the notes, as safe HTML (every text escaped)."""
    rows = "".join(
        f'<tr><th scope="row">{html.escape(what)}</th><td class="raw">{html.escape(raw)}</td>'
        f'<td class="normalized">{html.escape(normalized)}</td></tr>'
        for what, raw, normalized in comparison_rows(comparison)
    )
    notes = "".join(f"<li>{html.escape(note)}</li>" for note in comparison.notes)
    title = f"{MODEL_LABELS[comparison.model.name]} on {comparison.source}, raw against normalized"
    return (
        f'<{heading}>{html.escape(title)}</{heading}><table><tr><th scope="col">Measure</th>'
        f'<th scope="col">raw</th><th scope="col">normalized</th></tr>{rows}</table>'
        f"<ul>{notes}</ul>"
    )
