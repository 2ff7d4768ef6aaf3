"""`explainer explain`: the step-by-step explanation for feature ranges or a CSV file."""

from __future__ import annotations

import argparse
import json
import textwrap
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from explainer.cli.models import EXAMPLES as MODEL_EXAMPLES
from explainer.cli.models import add_model_arguments, model_settings, print_comparison
from explainer.formats import parse
from explainer.formats.table import read_csv_file
from explainer.scenario.fields import FIELDS, SCALAR_KINDS, ScenarioField
from explainer.scenario.spec import DISTRIBUTIONS, OptimizerSettings, Scenario, ScenarioError
from explainer.scenario.vocabulary import METHODS
from explainer.text import patterns
from explainer.text.formatting import json_ready, number

if TYPE_CHECKING:  # the engine (NumPy, scikit-learn, SymPy) loads only when a command explains something
    from explainer.explanation.explain import Explanation, Headline

EXAMPLE = """examples:
  explainer explain --feature a=0:1 --feature b=1:1000
  explainer explain --feature size=0:2000 --feature rooms=1:5 --normalize minmax --lr 0.01
  explainer explain --csv houses.csv --target price --json
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "explain",
        help="explain why normalizing speeds up gradient descent, with your numbers",
        description="Compare gradient descent on raw and on normalized features: condition numbers, stable"
        " learning rates, iterations, and why.",
        epilog=EXAMPLE + MODEL_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = parser.add_argument_group("your data (ranges or a CSV file)")
    source.add_argument(
        "--feature",
        action="append",
        default=[],
        metavar="NAME=LOW:HIGH[:DIST]",
        help=f"a feature's range, repeatable; DIST is one of {', '.join(DISTRIBUTIONS)} (default uniform)",
    )
    source.add_argument("--csv", metavar="FILE", help="your own data: numeric columns with a header row")
    source.add_argument("--target", metavar="COLUMN", help="the CSV column to predict (default: the last column)")
    training = parser.add_argument_group("training")
    for item in _SCENARIO_OPTIONS.values():  # one option per declared field (explainer.scenario.fields)
        group = source if item.synthetic_only or item.path == "seed" else training
        group.add_argument(item.cli_option, help=f"{item.meaning} (default {_default_text(item)})", **_parsing(item))
    add_model_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from explainer.cli import UsageError
    from explainer.explanation.explain import explain

    scenario = scenario_from_args(args, UsageError)
    if scenario.model.name != "linear_regression":
        print_comparison(scenario, args.json)
        return 0
    explanation = explain(scenario)
    if args.json:
        print(json.dumps(json_ready(explanation.to_dict()), ensure_ascii=False))
    else:
        print(render_text(explanation))
    return 0


def scenario_from_args(args: argparse.Namespace, usage_error: type[Exception]) -> Scenario:
    """The options as a Scenario; the Scenario alone decides what is valid (ScenarioError, exit 2).

    The CLI is a strict way in (explainer.scenario.fields.OUT_OF_RANGE): a value beyond its bound is
    refused, naming the option and the bound, never clamped."""
    changes: dict[str, Any] = {}
    optimizer: dict[str, Any] = {}
    for option, item in _SCENARIO_OPTIONS.items():
        value = getattr(args, _dest(option))
        if value is not None:
            (optimizer if item.on_optimizer else changes)[item.name] = value
    changes["optimizer"] = replace(OptimizerSettings(), **optimizer)
    changes["model"] = model_settings(args)
    if sum(map(bool, (args.csv, args.feature, args.dataset))) > 1:
        raise usage_error("give one of --feature ranges, --csv or --dataset")
    synthetic = [option for option, item in _SCENARIO_OPTIONS.items() if item.synthetic_only and item.name in changes]
    if args.dataset:
        from explainer.formats.datasets import bundled_dataset

        given = [*synthetic, *(["--target"] if args.target is not None else [])]
        if given:
            raise usage_error(f"{', '.join(given)}: not beside --dataset, which brings its own rows and target")
        changes.update(data=bundled_dataset(args.dataset), dataset=args.dataset)
    elif args.csv:
        if synthetic:
            raise usage_error(f"{', '.join(synthetic)}: only for synthetic --feature ranges, not beside --csv")
        changes["data"] = read_csv_file(args.csv, args.target, field="--csv")
    else:
        if args.target:
            raise usage_error("--target needs --csv")
        if not args.feature:
            raise usage_error("give at least one --feature NAME=LOW:HIGH, or --csv FILE, or --dataset NAME")
        changes["features"] = tuple(parse.feature_spec(text, "--feature") for text in args.feature)
    try:
        return Scenario(**changes)
    except ScenarioError as error:  # name the option the user typed, not the field behind it
        raise ScenarioError((_OPTION_OF.get(path, path), reason) for path, reason in error.problems) from None


# option → its declared field, for the scalar fields the CLI spells (explainer.scenario.fields)
_SCENARIO_OPTIONS = {item.cli_option: item for item in FIELDS if item.cli_option and item.kind in SCALAR_KINDS}
_OPTION_OF = {item.path: option for option, item in _SCENARIO_OPTIONS.items()}
_READERS = {"number": parse.number, "whole": parse.whole_number, "rate": parse.learning_rate}


def _dest(option: str) -> str:
    return option.lstrip("-").replace("-", "_")


def _parsing(item: ScenarioField) -> dict[str, Any]:
    """add_argument's choices or type for a declared field (a text parser from the core)."""
    if item.kind == "choice":
        return {"choices": item.options}
    return {"type": _text(_READERS[item.kind], item.cli_option or item.path)}


def _default_text(item: ScenarioField) -> str:
    if item.kind == "whole" and item.default >= 10**6:
        return f"{item.default:.0e}"
    return f"{item.default:g}" if isinstance(item.default, float) else str(item.default)


def _text(parser, option: str):
    """An argparse type from a core text parser: its ScenarioError becomes argparse's one-line error."""

    def convert(text: str):
        try:
            return parser(text, option)
        except ScenarioError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return convert


def plain_text(markdown: str) -> str:
    """Markdown as terminal text: no emphasis markers, no escapes."""
    return patterns.sub(r"\\(.)", r"\1", markdown.replace("**", ""))


def _headline_row(label: str, headline: Headline) -> str:
    return (
        f"  {label:<11} κ = {number(headline.condition_number):<14} max stable η = {number(headline.max_stable_lr):<14}"
        f" η used = {number(headline.learning_rate):<14} iterations: {headline.iterations_value}"
        f"\n  {'':<11} {headline.iterations_note}"
    )


def render_text(explanation: Explanation) -> str:

    scenario = explanation.scenario
    width = 88
    lines = [
        f"Why normalizing helps: {', '.join(scenario.feature_names)} — {METHODS[scenario.normalization].phrase},"
        f" {scenario.optimizer.name}, loss = {scenario.loss}",
        "",
    ]
    lines.append(_headline_row("raw", explanation.raw))
    lines.append(_headline_row("normalized", explanation.normalized))
    lines.append(f"  speed-up: {explanation.speedup_text} ({explanation.speedup_note})")
    if explanation.speedup is not None and explanation.speedup_at_best_lr is not None:
        lines.append(f"  fair race (plain GD, each at its best step): {number(explanation.speedup_at_best_lr)}× fewer")
    lines += ["", *textwrap.wrap(plain_text(explanation.summary), width, initial_indent="  ", subsequent_indent="  ")]
    for index, step in enumerate(explanation.steps, start=1):
        lines += ["", f"{index}. {step.title}"]
        for paragraph in plain_text(step.markdown).split("\n"):
            lines += textwrap.wrap(paragraph, width, initial_indent="   ", subsequent_indent="   ") or [""]
    lines += ["", "Caveats"]
    for caveat in explanation.caveats:
        lines += textwrap.wrap(plain_text(caveat.text), width, initial_indent=" - ", subsequent_indent="   ")
    lines += ["", "In scikit-learn (fit the scaler on training data only):", ""]
    lines += ["    " + line for line in explanation.code.splitlines()]
    return "\n".join(lines)
