"""Self-contained reports of a scenario or a lesson: HTML with interactive charts, Markdown with PNGs, JSON.

HTML carries the Vega-Embed JavaScript inline (from vl-convert), so it opens offline from a
course page or an e-mail attachment. Markdown images are PNG files written beside the `.md`.
Every figure and sentence comes from the same `Explanation` the app shows.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import altair as alt

from explainer.explanation.charts import chart_for, to_png
from explainer.explanation.explain import Explanation, explain
from explainer.explanation.text_alternatives import FigureTable, figure_tables, figure_text
from explainer.lessons.lesson import Lesson, LessonStep, fill_figures, lesson_url, scenario_url
from explainer.models.charts import model_charts
from explainer.models.summary import comparison_html, comparison_markdown, comparison_to_dict, model_comparison_for
from explainer.scenario.spec import Scenario
from explainer.scenario.vocabulary import METHODS
from explainer.text.formatting import count, escape_markdown, json_ready, number
from explainer.text.markup import inline, markdown_url, math_html, safe_markdown, to_html

FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".json": "json"}
CHART_WIDTH = 640
PNG_SCALE = 1.5
Progress = Callable[[str], None]


@dataclass(frozen=True)
class ReportSection:
    """One step of the report: the lesson step (or the scenario) with its explanation."""

    number: int
    step: LessonStep
    explanation: Explanation


def report_format(path: str | Path) -> str:
    """ "html", "md" or "json" from the file name; ValueError naming the allowed suffixes otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"cannot tell the report format from {Path(path).name!r}: use .html, .md or .json")
    return FORMATS[suffix]


def as_lesson(item: Scenario | Lesson | Explanation) -> Lesson:
    """A scenario (or an explanation of one) as a one-step lesson, so every report has the same shape."""
    if isinstance(item, Lesson):
        return item
    scenario = item.scenario if isinstance(item, Explanation) else item
    title = scenario.title or "Why normalizing helps: " + ", ".join(scenario.feature_names)
    return Lesson(title, (LessonStep(title, scenario),), kind="scenario")


def sections(
    item: Scenario | Lesson | Explanation, steps: list[int] | None = None, progress: Progress | None = None
) -> list[ReportSection]:
    """Explain every step (or the chosen ones, counted from 1) once."""
    lesson = as_lesson(item)
    numbers = steps or list(range(1, len(lesson.steps) + 1))
    result = []
    for position, step_number in enumerate(numbers, start=1):
        step = lesson.step(step_number)
        if isinstance(item, Explanation):
            explanation = item
        else:
            if progress:
                progress(f"[{position}/{len(numbers)}] explaining: {step.title}")
            explanation = explain(step.scenario)
        result.append(ReportSection(step_number, step, explanation))
    return result


def report_charts(explanation: Explanation, width: int = CHART_WIDTH) -> dict[str, alt.TopLevelMixin]:
    """The explanation's charts by figure key, in the order its steps first refer to them."""
    keys = dict.fromkeys(step.figure for step in explanation.steps if step.figure)
    return {key: chart_for(explanation.figures, key, width) for key in keys}


def write_report(
    item: Scenario | Lesson | Explanation,
    path: str | Path,
    *,
    steps: list[int] | None = None,
    base_url: str | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the report named by `path`'s suffix (.html, .md, .json); returns every file written.

    `base_url` (where the app is served) adds a link that opens each step in the app.
    """
    target = Path(path)
    kind = report_format(target)
    lesson = as_lesson(item)
    parts = sections(item, steps, progress)
    target.parent.mkdir(parents=True, exist_ok=True)
    if kind == "json":
        target.write_text(json.dumps(json_ready(report_data(lesson, parts, base_url)), indent=2, ensure_ascii=False))
        return [target]
    if kind == "md":
        return _write_markdown(lesson, parts, target, base_url, progress)
    target.write_text(report_html(lesson, parts, base_url, progress), encoding="utf-8")
    return [target]


# --- shared pieces ---------------------------------------------------------------------------


def _link(lesson: Lesson, section: ReportSection, base_url: str | None) -> str | None:
    if not base_url:
        return None
    if lesson.kind == "scenario":
        return scenario_url(base_url, section.step.scenario)
    return lesson_url(base_url, lesson, section.number)


def headline_rows(explanation: Explanation) -> list[tuple[str, str, str]]:
    """(figure, raw, normalized): the table at the top of each section."""
    raw, normalized = explanation.raw, explanation.normalized
    return [
        ("Condition number κ", number(raw.condition_number), number(normalized.condition_number)),
        ("Largest stable learning rate 2/λmax", number(raw.max_stable_lr), number(normalized.max_stable_lr)),
        ("Learning rate used", number(raw.learning_rate), number(normalized.learning_rate)),
        ("Iterations to tolerance at that rate", raw.iterations_note, normalized.iterations_note),
        (
            "Iterations at the best constant step (plain GD)",
            _count_or_none(raw.best_lr_iterations),
            _count_or_none(normalized.best_lr_iterations),
        ),
    ]


def _count_or_none(value: int | None) -> str:
    return count(value) if value is not None else "none (the run does not contract)"


def speedup_lines(explanation: Explanation) -> list[str]:
    lines = [explanation.summary] if explanation.summary else []
    if explanation.speedup is not None:
        lines.append(
            f"Speed-up at these settings: {explanation.speedup_text} fewer iterations ({explanation.speedup_note})."
        )
    if explanation.speedup_at_best_lr is not None:
        lines.append(f"Fair race (plain GD, each at its best step): {number(explanation.speedup_at_best_lr)}× fewer.")
    return lines


def settings_line(scenario: Scenario) -> str:
    """The scenario in one line of plain text (names are the user's: escape before Markdown)."""
    if scenario.data is not None:
        source = (
            f"{scenario.data.samples} rows of {', '.join(scenario.data.feature_names)} → {scenario.data.target_name}"
        )
    else:
        source = ", ".join(f"{f.name} {number(f.low)}–{number(f.high)}" for f in scenario.features)
        if scenario.correlation:
            source += f" (correlation {number(scenario.correlation)})"
    rate = "auto" if scenario.learning_rate == "auto" else number(scenario.learning_rate)
    return (
        f"{source}; {METHODS[scenario.normalization].phrase}; optimizer {scenario.optimizer.name};"
        f" learning rate {rate}; loss {scenario.loss}; step cap {count(scenario.max_steps)}"
    )


def _section_title(lesson: Lesson, section: ReportSection) -> str:
    if lesson.kind == "scenario":
        return section.step.title
    return f"Step {section.number} of {len(lesson.steps)}: {section.step.title}"


def _chart_placement(explanation: Explanation) -> dict[int, str]:
    """Step index → figure key, for the first step that refers to each figure (later ones say 'above')."""
    placed: dict[int, str] = {}
    seen: set[str] = set()
    for index, step in enumerate(explanation.steps):
        if step.figure and step.figure not in seen:
            placed[index] = step.figure
            seen.add(step.figure)
    return placed


# --- JSON ------------------------------------------------------------------------------------


def report_data(lesson: Lesson, parts: list[ReportSection], base_url: str | None = None) -> dict[str, Any]:
    """The report as plain data: each step's narrative (figures filled), questions and explanation."""
    result: dict[str, Any] = {
        "kind": lesson.kind,
        "id": lesson.id,
        "title": lesson.title,
        "description": lesson.description,
        "steps": [],
    }
    for section in parts:
        explanation = section.explanation
        runs = {
            side.label: {
                "steps": side.run.steps,
                "log10_loss": side.run.log10_loss,
                "relative_error": side.run.relative_error,
                "stop_reason": side.run.stop_reason,
            }
            for side in explanation.analysis.sides
        }
        entry = {
            "number": section.number,
            "title": section.step.title,
            "narrative": fill_figures(section.step.narrative, explanation),
            "questions": list(section.step.questions),
            "explanation": {**explanation.to_dict(), "runs": runs},
        }
        comparison = model_comparison_for(section.step.scenario)
        if comparison is not None:
            entry["model_comparison"] = comparison_to_dict(comparison)
        link = _link(lesson, section, base_url)
        if link:
            entry["link"] = link
        result["steps"].append(entry)
    return result


# --- Markdown --------------------------------------------------------------------------------


def report_markdown(
    lesson: Lesson, parts: list[ReportSection], image_for: Callable[[ReportSection, str], str], base_url: str | None
) -> str:
    """The report as Markdown; `image_for(section, figure key)` returns the image's relative path."""
    lines = [f"# {escape_markdown(lesson.title)}", ""]
    if lesson.kind == "lesson" and lesson.description:
        lines += [safe_markdown(lesson.description.strip()), ""]
    for section in parts:
        explanation = section.explanation
        if lesson.kind == "lesson":
            lines += [f"## {escape_markdown(_section_title(lesson, section))}", ""]
        if section.step.narrative:
            lines += [safe_markdown(fill_figures(section.step.narrative, explanation).strip()), ""]
        if section.step.questions:
            lines += ["**Try asking in the chat:**", ""]
            lines += [f"- {escape_markdown(question)}" for question in section.step.questions] + [""]
        lines += [f"*Scenario:* {escape_markdown(settings_line(section.step.scenario))}", ""]
        link = markdown_url(_link(lesson, section, base_url) or "")
        if link:
            lines += [f"[Open this in the app]({link})", ""]
        lines += ["| | raw | normalized |", "|---|---|---|"]
        lines += [f"| {label} | {raw} | {normalized} |" for label, raw, normalized in headline_rows(explanation)]
        lines += ["", *speedup_lines(explanation), ""]
        comparison = model_comparison_for(section.step.scenario)
        if comparison is not None:
            lines += [comparison_markdown(comparison), ""]
        placement = _chart_placement(explanation)
        level = "###" if lesson.kind == "lesson" else "##"
        for index, step in enumerate(explanation.steps, start=1):
            lines += [f"{level} {index}. {step.title}", "", step.markdown, ""]
            if step.latex:
                lines += ["$$", step.latex, "$$", ""]
            if index - 1 in placement:
                key = placement[index - 1]
                lines += [f"![{key} chart]({image_for(section, key)})", ""]
        lines += [f"{level} Caveats", ""] + [f"- {caveat.text}" for caveat in explanation.caveats] + [""]
        lines += [f"{level} In scikit-learn", "", "```python", explanation.code.rstrip(), "```", ""]
    return "\n".join(lines)


def _write_markdown(
    lesson: Lesson, parts: list[ReportSection], target: Path, base_url: str | None, progress: Progress | None
) -> list[Path]:
    images: list[Path] = []
    total = sum(len(_chart_placement(section.explanation)) for section in parts)

    def image_for(section: ReportSection, key: str) -> str:
        prefix = f"{target.stem}-step{section.number}" if lesson.kind == "lesson" else target.stem
        image = target.with_name(f"{prefix}-{key}.png")
        if progress:
            progress(f"[{len(images) + 1}/{total}] drawing {image.name}")
        image.write_bytes(to_png(chart_for(section.explanation.figures, key, CHART_WIDTH), scale=PNG_SCALE))
        images.append(image)
        return image.name

    target.write_text(report_markdown(lesson, parts, image_for, base_url), encoding="utf-8")
    return [target, *images]


# --- HTML ------------------------------------------------------------------------------------

_STYLE = """
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; margin: 0; }
main { max-width: 960px; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
h1 { font-size: 1.9rem; } h2 { margin-top: 2.5rem; border-top: 1px solid #ddd; padding-top: 1rem; }
table { border-collapse: collapse; margin: 1rem 0; } td, th { border: 1px solid #ccc; padding: .35rem .6rem; }
th { background: #f4f4f4; text-align: left; } td.raw { color: #A64500; } td.normalized { color: #005A8C; }
pre { background: #f6f6f6; padding: .75rem; overflow-x: auto; }
:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
figure { margin: 1rem 0; } figcaption { font-size: .95rem; color: #333; }
details { margin: .5rem 0 1rem; } summary { cursor: pointer; color: #005A8C; }
pre.latex { color: #444; font-size: .9rem; }
.formula { margin: 1rem 0; overflow-x: auto; font-size: 1.15rem; }
.formula math { overflow: visible; }  /* the focusable .formula scrolls a wide formula, not the <math> */
.chart { margin: 1rem 0; overflow-x: auto; }
.scenario { color: #555; font-size: .95rem; }
.questions { background: #f3f7fb; border-left: 4px solid #0072B2; padding: .5rem 1rem; }
blockquote { border-left: 3px solid #ccc; margin-left: 0; padding-left: 1rem; color: #444; }
"""


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element: no '</script>' or HTML comment can be formed."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _vega_embed_bundle() -> str:
    import vl_convert as vlc

    version = "_".join(alt.SCHEMA_VERSION.split(".")[:2])  # "v6.4.1" → "v6_4", as Altair's inline HTML does
    return vlc.javascript_bundle(vl_version=version)


def _table_html(table: FigureTable) -> str:
    head = "".join(f'<th scope="col">{html.escape(column)}</th>' for column in table.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(value))}</td>" for value in row) + "</tr>" for row in table.rows
    )
    return f"<table><caption>{html.escape(table.title)}</caption><tr>{head}</tr>{rows}</table>"


def _cell(value: object) -> str:
    return f"{value:.6g}" if isinstance(value, float) else str(value)


def _chart_figure(chart_id: str, key: str, text: str, tables: tuple[FigureTable, ...]) -> str:
    """A chart as a figure: the drawn chart (its spec's description becomes its aria-label), a caption
    saying what it shows with its numbers, and its data as tables in a disclosure the keyboard opens."""
    caption = html.escape(text)
    data = "".join(_table_html(table) for table in tables)
    return (
        f'<figure><div class="chart" id="{chart_id}" data-figure="{key}" tabindex="0"></div>'
        f"<figcaption>{caption}</figcaption>"
        f"<details><summary>Data of this chart</summary>{data}</details></figure>"
    )


def report_html(
    lesson: Lesson, parts: list[ReportSection], base_url: str | None = None, progress: Progress | None = None
) -> str:
    """One HTML file: text, tables, and every chart interactive through inline Vega-Embed."""
    specs: dict[str, Any] = {}
    model_specs: dict[str, Any] = {}  # kept apart so the progress count stays the figures' own
    body = [f"<h1>{html.escape(lesson.title)}</h1>"]
    if lesson.kind == "lesson" and lesson.description:
        body.append(to_html(safe_markdown(lesson.description)))
    total = sum(len(_chart_placement(section.explanation)) for section in parts)
    heading = "h3" if lesson.kind == "lesson" else "h2"  # under the lesson's step headings, or the title's
    for section in parts:
        explanation = section.explanation
        if lesson.kind == "lesson":
            body.append(f'<h2 id="step-{section.number}">{html.escape(_section_title(lesson, section))}</h2>')
        if section.step.narrative:
            body.append(to_html(safe_markdown(fill_figures(section.step.narrative, explanation))))
        if section.step.questions:
            items = "".join(f"<li>{html.escape(question)}</li>" for question in section.step.questions)
            body.append(f'<div class="questions"><strong>Try asking in the chat:</strong><ul>{items}</ul></div>')
        body.append(f'<p class="scenario"><em>Scenario:</em> {html.escape(settings_line(section.step.scenario))}</p>')
        link = _link(lesson, section, base_url)
        if link and markdown_url(link):  # only http(s): a crafted base URL cannot become a script link
            body.append(f'<p><a href="{html.escape(link, quote=True)}">Open this in the app</a></p>')
        rows = "".join(
            f'<tr><th scope="row">{html.escape(label)}</th><td class="raw">{html.escape(raw)}</td>'
            f'<td class="normalized">{html.escape(normalized)}</td></tr>'
            for label, raw, normalized in headline_rows(explanation)
        )
        body.append(
            '<table><tr><th scope="col">Figure</th><th scope="col">raw</th><th scope="col">normalized</th></tr>'
            f"{rows}</table>"
        )
        body += [f"<p>{html.escape(line)}</p>" for line in speedup_lines(explanation)]
        comparison = model_comparison_for(section.step.scenario)
        if comparison is not None:
            body.append(comparison_html(comparison, heading))
            for name, chart in model_charts(comparison, CHART_WIDTH).items():
                model_specs[f"chart-{section.number}-model-{name}"] = chart.to_dict()
                table = FigureTable(
                    str(chart.title),
                    tuple(map(str, chart.data.columns)),
                    tuple(map(tuple, chart.data.itertuples(index=False))),
                )
                body.append(
                    _chart_figure(
                        f"chart-{section.number}-model-{name}", f"model-{name}", str(chart.description), (table,)
                    )
                )
        placement = _chart_placement(explanation)
        for index, step in enumerate(explanation.steps, start=1):
            body.append(f"<{heading}>{index}. {html.escape(step.title)}</{heading}>")
            body.append(to_html(step.markdown))
            if step.latex:
                body.append(f'<div class="formula" tabindex="0">{math_html(step.latex)}</div>')
            if index - 1 in placement:
                key = placement[index - 1]
                chart_id = f"chart-{section.number}-{key}"
                if progress:
                    progress(f"[{len(specs) + 1}/{total}] drawing {key} chart")
                specs[chart_id] = chart_for(explanation.figures, key, CHART_WIDTH).to_dict()
                text = figure_text(explanation.figures, key)
                body.append(_chart_figure(chart_id, key, text, figure_tables(explanation.figures, key)))
        caveats = "".join(f"<li>{inline(caveat.text)}</li>" for caveat in explanation.caveats)
        body.append(f"<{heading}>Caveats</{heading}><ul>{caveats}</ul>")
        body.append(
            f"<{heading}>In scikit-learn</{heading}>"
            f'<pre tabindex="0"><code>{html.escape(explanation.code)}</code></pre>'  # it may scroll sideways
        )
    script = (
        f"const specs = {_script_json({**specs, **model_specs})};\n"
        "for (const [id, spec] of Object.entries(specs)) {\n"
        "  vegaEmbed('#' + id, spec, {renderer: 'svg', actions: {export: true, source: false, compiled: false,"
        " editor: false}}).then(() => {\n"
        "    // Vega-Embed's menu button is an icon alone: give it a name screen readers can say\n"
        "    const menu = document.querySelector('#' + id + ' summary');\n"
        "    if (menu) menu.setAttribute('aria-label', 'Save this chart as SVG or PNG');\n"
        "  }).catch((error) => {\n"
        "    document.getElementById(id).textContent = 'This chart could not be drawn: ' + error;\n"
        "  });\n"
        "}\n"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(lesson.title)}</title>\n<style>{_STYLE}</style>\n"
        f"<script>\n{_vega_embed_bundle()}\n</script>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n<noscript><p>The charts need JavaScript.</p></noscript>\n</main>\n"
        f"<script>\n{script}</script>\n</body>\n</html>\n"
    )
