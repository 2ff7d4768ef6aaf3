"""`explainer validate`, `explainer run` and `explainer link`: scenario and lesson files for instructors.

FILE is a path to a .toml file, or `gallery:ID` for a built-in one (`explainer validate gallery:four-points`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from explainer.lessons.files import ScenarioFileError, load_lesson
from explainer.lessons.lesson import Lesson, fill_figures, lesson_url, scenario_url
from explainer.text import patterns
from explainer.text.echo import printable

VALIDATE_EXAMPLE = """examples:
  explainer validate lessons/*.toml
  explainer validate gallery:why-normalize --json

exit codes: 0 every file is valid, 1 a file is invalid (every problem is listed), 2 a usage error
"""
RUN_EXAMPLE = """examples:
  explainer run houses.toml --out report.html      one HTML file, interactive charts, works offline
  explainer run lesson.toml --out report.md        Markdown, with PNG charts written beside it
  explainer run gallery:four-points --out four.json
  explainer run lesson.toml --step 2               the explanation as text on stdout
"""
LINK_EXAMPLE = """examples:
  explainer link houses.toml --base-url https://normalize.example.org
  explainer link gallery:why-normalize --step 3 --base-url http://localhost:8501

A scenario opens on the Explore page; a lesson step on the Scenarios page (?lesson=ID&step=N).
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    validate = subparsers.add_parser(
        "validate",
        help="check scenario and lesson files, listing every problem",
        description="Check scenario and lesson files: every problem, as FILE: key.path: reason.",
        epilog=VALIDATE_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="a .toml file, or gallery:ID")
    validate.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    validate.set_defaults(handler=run_validate)

    run = subparsers.add_parser(
        "run",
        help="explain a scenario or lesson file; write an HTML, Markdown or JSON report",
        description="Explain every step of a scenario or lesson file. With --out, write a self-contained report"
        " (the format follows the suffix: .html, .md or .json); without it, print the explanation as text.",
        epilog=RUN_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("file", metavar="FILE", help="a .toml file, or gallery:ID")
    run.add_argument("--out", metavar="REPORT", help="report.html, report.md or report.json")
    run.add_argument("--step", type=_step_number, action="append", metavar="N", help="only step N (repeatable)")
    run.add_argument("--base-url", metavar="URL", help="where the app is served: adds 'open in the app' links")
    run.add_argument("--quiet", action="store_true", help="no progress messages on stderr")
    run.set_defaults(handler=run_report)

    link = subparsers.add_parser(
        "link",
        help="print the share link that opens a scenario or lesson step in the app",
        description="Print the link that opens FILE in the app served at --base-url.",
        epilog=LINK_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    link.add_argument("file", metavar="FILE", help="a .toml file, or gallery:ID")
    link.add_argument(
        "--base-url", required=True, metavar="URL", help="where the app is served, e.g. http://localhost:8501"
    )
    link.add_argument("--step", type=_step_number, metavar="N", help="the lesson step to open (default 1)")
    link.add_argument("--json", action="store_true", help='print {"url": …, "page": …} instead of the bare link')
    link.set_defaults(handler=run_link)


# --- reading files -------------------------------------------------------------------------


def read(reference: str) -> Lesson:
    """A path, or gallery:ID; a missing or invalid file raises (main prints one line, exit 2)."""
    from explainer.cli import UsageError
    from explainer.lessons.gallery import PREFIX, gallery_ids, load_gallery

    if reference.startswith(PREFIX):
        gallery_id = reference.removeprefix(PREFIX)
        if gallery_id not in gallery_ids():
            raise UsageError(f"{printable(reference)}: no such gallery item (available: {', '.join(gallery_ids())})")
        return load_gallery(gallery_id)
    path = Path(reference)
    if path.is_dir():
        raise UsageError(f"{printable(reference)}: is a folder; give a .toml file")
    return load_lesson(path)


def _step_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"--step: expected a step number from 1 (got {text!r})")
    return value


def _check_steps(lesson: Lesson, steps: list[int], reference: str) -> None:
    from explainer.cli import UsageError

    for step in steps:
        if lesson.kind == "scenario" and step != 1:
            raise UsageError(f"--step {step}: {printable(reference)} is a single scenario, not a lesson")
        if step > len(lesson.steps):
            raise UsageError(f"--step {step}: {printable(reference)} has {len(lesson.steps)} steps")


def _check_base_url(url: str) -> str:
    from explainer.formats.link import check_base_url

    return check_base_url(url, "--base-url")


# --- validate --------------------------------------------------------------------------------


def run_validate(args: argparse.Namespace) -> int:
    from explainer.cli import UsageError

    results = []
    for reference in args.files:
        try:
            lesson = read(reference)
        except ScenarioFileError as error:
            results.append({"file": reference, "valid": False, "problems": error.problems, "lines": error.lines()})
        except UsageError as error:
            results.append({"file": reference, "valid": False, "problems": [("", str(error))], "lines": [str(error)]})
        else:
            results.append({"file": reference, "valid": True, "kind": lesson.kind, "steps": len(lesson.steps)})
    if args.json:
        for result in results:
            result["problems"] = [{"path": p, "reason": r} for p, r in result.get("problems", [])]
            result.pop("lines", None)
        print(json.dumps({"valid": all(r["valid"] for r in results), "files": results}, ensure_ascii=False))
    else:
        for result in results:
            if result["valid"]:
                what = "scenario" if result["kind"] == "scenario" else f"lesson, {result['steps']} steps"
                print(f"ok: {printable(result['file'])} ({what})")
            else:
                for line in result["lines"]:
                    print(line)
        invalid = sum(not result["valid"] for result in results)
        if invalid:
            problems = sum(len(result["lines"]) for result in results if not result["valid"])
            print(f"{invalid} of {len(results)} files invalid, {problems} problems", file=sys.stderr)
    return 0 if all(result["valid"] for result in results) else 1


# --- run ---------------------------------------------------------------------------------------


def run_report(args: argparse.Namespace) -> int:
    from explainer.cli import UsageError
    from explainer.lessons.report import report_format, sections, write_report

    lesson = read(args.file)
    steps = args.step or []
    _check_steps(lesson, steps, args.file)
    base_url = _check_base_url(args.base_url) if args.base_url else None
    progress = None if args.quiet else (lambda message: print(message, file=sys.stderr, flush=True))
    if not args.out:
        print(render_lesson_text(lesson, sections(lesson, steps or None, progress)))
        return 0
    try:
        report_format(args.out)
    except ValueError as error:
        raise UsageError(f"--out: {error}") from None
    if Path(args.out).is_dir():
        raise UsageError(f"--out: {args.out} is a folder; give a file name such as report.html")
    try:
        written = write_report(lesson, args.out, steps=steps or None, base_url=base_url, progress=progress)
    except OSError as error:
        raise UsageError(f"--out: cannot write {args.out}: {error.strerror or error}") from None
    if progress:
        report = written[0]
        extra = f" and {len(written) - 1} images beside it" if len(written) > 1 else ""
        progress(f"wrote {report} ({report.stat().st_size / 1e6:.1f} MB){extra}")
    return 0


def render_lesson_text(lesson: Lesson, parts) -> str:
    """The explanation of each step as terminal text, with the step's narrative before it."""
    from explainer.cli.explain import plain_text, render_text

    blocks = []
    for section in parts:
        lines = []
        if lesson.kind == "lesson":
            lines += [f"== Step {section.number} of {len(lesson.steps)}: {section.step.title} ==", ""]
        else:
            lines += [f"== {lesson.title} ==", ""]
        lines += _wrapped(plain_text(fill_figures(section.step.narrative, section.explanation)))
        if section.step.questions:
            lines += ["Try asking in the chat:"] + [f"  - {question}" for question in section.step.questions] + [""]
        lines.append(render_text(section.explanation))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


_ITEM = patterns.compile(r"^\s*([-*+]|\d+[.)])\s+")


def _wrapped(markdown_text: str, width: int = 88) -> list[str]:
    """Paragraphs and list items of a narrative, wrapped for a terminal."""
    lines: list[str] = []
    for paragraph in markdown_text.strip().split("\n\n"):
        blocks: list[str] = []
        for line in paragraph.splitlines():
            if _ITEM.match(line) or not blocks:
                blocks.append(line.strip())
            else:
                blocks[-1] += " " + line.strip()
        for block in blocks:
            item = _ITEM.match(block)
            indent = " " * len(item[0]) if item else ""
            lines += _wrap(block, width, indent) or [""]
        lines.append("")
    return lines if markdown_text.strip() else []


def _wrap(text: str, width: int, indent: str) -> list[str]:
    """textwrap.wrap(text, width, subsequent_indent=indent), in time linear in `text`.

    textwrap cuts a word longer than a line by re-slicing the rest of it, quadratic in the word's length,
    and a narrative is an instructor's (or a stranger's) text. Like textwrap, a word that fits on a line of
    its own starts one; a longer word fills the current line and is cut into line-sized pieces.
    """
    lines: list[str] = []
    words: list[str] = []  # the line being filled
    used = 0  # its length, spaces included
    for word in text.split():
        start = 0
        while start < len(word):
            room = width - len(indent if lines else "")
            space = 1 if words else 0
            rest = len(word) - start
            if used + space + rest <= room:  # the rest of the word fits on this line
                words.append(word[start:])
                used += space + rest
                break
            if rest > room and room - used - space > 0:  # too long for any line: fill this one with its start
                piece = word[start : start + room - used - space]
                words.append(piece)
                start += len(piece)
            lines.append((indent if lines else "") + " ".join(words))
            words, used = [], 0
    if words:
        lines.append((indent if lines else "") + " ".join(words))
    return lines


# --- link --------------------------------------------------------------------------------------


def run_link(args: argparse.Namespace) -> int:
    from explainer.lessons.gallery import gallery_ids, load_gallery

    lesson = read(args.file)
    base_url = _check_base_url(args.base_url)
    if lesson.kind == "scenario":
        _check_steps(lesson, [args.step] if args.step else [], args.file)
        url, page = scenario_url(base_url, lesson.scenario), "Explore"
    else:
        step = args.step or 1
        _check_steps(lesson, [step], args.file)
        url, page = lesson_url(base_url, lesson, step), "Scenarios"
        if lesson.id not in gallery_ids() or load_gallery(lesson.id) != lesson:
            print(
                f"note: {lesson.id!r} is not a built-in lesson: the link opens step {step}'s scenario, and the page"
                " shows the lesson's narrative only to someone who uploads the file",
                file=sys.stderr,
            )
    print(json.dumps({"url": url, "page": page}) if args.json else url)
    return 0
