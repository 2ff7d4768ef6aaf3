"""`explainer notebook`: a scenario or lesson as a Jupyter notebook that runs without this package.

The scenario comes from a file (`FILE` or `gallery:ID`, as `explainer run` reads them) or from the
same options `explainer explain` takes. A lesson becomes one notebook with a section per step
(`--step N` to pick some). A table too large to embed (see explainer.lessons.notebook) is written
as CSV beside the notebook, under the notebook's name.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXAMPLE = """examples:
  explainer notebook gallery:four-points --out four-points.ipynb
  explainer notebook lesson.toml --step 2 --out step2.ipynb
  explainer notebook --feature a=0:1 --feature b=1:1000 --normalize minmax --out mine.ipynb
  explainer notebook --csv houses.csv --target price --out houses.ipynb   (houses.csv is copied beside it if large)

A lesson becomes one notebook with a section per step. The first cell links back to the app
(--base-url, default http://localhost:8501) with the scenario's share link.
"""
_OWN_OPTIONS = {"help", "json"}  # explain's options that mean something else (or nothing) here


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "notebook",
        help="write a scenario or lesson as a Jupyter notebook (plain NumPy and scikit-learn)",
        description="Write a notebook that reproduces the scenario with your numbers in plain NumPy, pandas,"
        " scikit-learn and matplotlib: the data, the Hessian, κ, the largest stable step, gradient descent raw"
        " beside normalized, the plots and the scikit-learn Pipeline. Give FILE (or gallery:ID), or the"
        " scenario options of `explainer explain`.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="a scenario or lesson .toml file, or gallery:ID")
    parser.add_argument("--out", required=True, metavar="NAME.ipynb", help="the notebook to write")
    parser.add_argument("--step", type=_step_number, action="append", metavar="N", help="only step N (repeatable)")
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help="where the app is served, for the links back to it (default http://localhost:8501)",
    )
    explain_parser = subparsers.choices.get("explain")
    if explain_parser is not None:  # the very options `explainer explain` reads, so the two never drift apart
        options = parser.add_argument_group("a scenario from options (as for `explainer explain`)")
        for action in explain_parser._actions:
            if action.option_strings and action.dest not in _OWN_OPTIONS:
                options._add_action(action)
    parser.set_defaults(handler=run_notebook)


def _step_number(text: str) -> int:
    from explainer.cli.scenarios import _step_number as step_number

    return step_number(text)


def run_notebook(args: argparse.Namespace) -> int:
    from explainer.cli import UsageError
    from explainer.lessons.notebook import DEFAULT_BASE_URL, lesson_notebook

    out = Path(args.out)
    if out.suffix.lower() != ".ipynb":
        raise UsageError(f"--out: expected a file name ending in .ipynb (got {args.out!r})")
    if out.is_dir():
        raise UsageError(f"--out: {args.out} is a folder; give a file name such as scenario.ipynb")
    base_url = args.base_url or DEFAULT_BASE_URL
    if args.base_url:
        from explainer.cli.scenarios import _check_base_url

        base_url = _check_base_url(args.base_url)
    lesson = _lesson(args, UsageError)
    if args.step:
        from explainer.cli.scenarios import _check_steps

        _check_steps(lesson, args.step, args.file or "the options")
    files = lesson_notebook(lesson, base_url, args.step, csv_stem=out.stem)
    try:
        out.write_bytes(files.notebook_bytes())
        for name, text in files.tables.items():
            (out.parent / name).write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"--out: cannot write {args.out}: {error.strerror or error}") from None
    beside = f" and {', '.join(files.tables)} beside it" if files.tables else ""
    print(f"wrote {out}{beside}", file=sys.stderr)
    return 0


def _lesson(args: argparse.Namespace, usage_error: type[Exception]):
    """The file's lesson, or the options' scenario as a one-step lesson."""
    from explainer.lessons.lesson import Lesson, LessonStep

    scenario_options = [
        option for option in ("feature", "csv", "dataset") if getattr(args, option, None) not in (None, [], "")
    ]
    if args.file:
        if scenario_options:
            raise usage_error(f"give FILE or scenario options (--{scenario_options[0]}), not both")
        from explainer.cli.scenarios import read

        return read(args.file)
    if not scenario_options:
        raise usage_error("give FILE (or gallery:ID), or a scenario: --feature NAME=LOW:HIGH, --csv FILE or --dataset")
    from explainer.cli.explain import scenario_from_args

    scenario = scenario_from_args(args, usage_error)
    title = scenario.title or "Your scenario"
    return Lesson(title, (LessonStep(title, scenario),), kind="scenario", id="scenario")
