"""`explainer explain`: the step-by-step explanation for feature ranges or a CSV file."""

from __future__ import annotations

import argparse
import json
import math
import re
import textwrap
from typing import Any

from explainer.cli.models import EXAMPLES as MODEL_EXAMPLES
from explainer.cli.models import add_model_arguments, model_settings, print_comparison
from explainer.explain import Explanation, Headline, explain
from explainer.formatting import json_ready, number
from explainer.normalize import METHOD_LABELS
from explainer.scenario import (
    DISTRIBUTIONS,
    NORMALIZATIONS,
    OPTIMIZERS,
    Feature,
    OptimizerSettings,
    Scenario,
)
from explainer.table import read_csv_file

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
    source.add_argument(
        "--samples", type=_positive_int("--samples"), default=None, help="synthetic samples (default 1000)"
    )
    source.add_argument(
        "--seed", type=_positive_int("--seed", allow_zero=True), default=0, help="random seed (default 0)"
    )
    source.add_argument(
        "--correlation",
        type=_number("--correlation"),
        default=0.0,
        help="correlation between every pair of synthetic features (default 0)",
    )
    training = parser.add_argument_group("training")
    training.add_argument(
        "--normalize", choices=NORMALIZATIONS, default="zscore", help="normalization (default zscore)"
    )
    training.add_argument("--optimizer", choices=OPTIMIZERS, default="gd", help="optimizer (default gd)")
    training.add_argument(
        "--lr",
        type=_learning_rate,
        default="auto",
        help='learning rate for both runs, or "auto": each run\'s best GD step 2/(λmax+λmin) (default)',
    )
    training.add_argument("--momentum", type=_number("--momentum"), default=0.9, help="momentum β (default 0.9)")
    training.add_argument("--steps", type=_positive_int("--steps"), default=None, help="step cap (default 10^9)")
    training.add_argument(
        "--tolerance",
        type=_number("--tolerance"),
        default=1e-6,
        help="stop when the distance to the best fit is this fraction of the start (default 1e-6)",
    )
    training.add_argument(
        "--loss", choices=("mse", "sse"), default="mse", help="mse: mean of squared residuals (default); sse: their sum"
    )
    add_model_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from explainer.cli import UsageError

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
    settings: dict[str, Any] = dict(
        normalization=args.normalize,
        optimizer=OptimizerSettings(args.optimizer, momentum=args.momentum),
        learning_rate=args.lr,
        tolerance=args.tolerance,
        loss=args.loss,
    )
    if args.steps is not None:
        settings["max_steps"] = args.steps
    settings["model"] = model_settings(args)
    if sum(map(bool, (args.csv, args.feature, args.dataset))) > 1:
        raise usage_error("give one of --feature ranges, --csv or --dataset")
    if args.dataset:
        from explainer.datasets import bundled_dataset

        settings.update(data=bundled_dataset(args.dataset), dataset=args.dataset, seed=args.seed)
    elif args.csv:
        settings["data"] = read_csv_file(args.csv, args.target, field="--csv")
    else:
        if args.target:
            raise usage_error("--target needs --csv")
        if not args.feature:
            raise usage_error("give at least one --feature NAME=LOW:HIGH, or --csv FILE, or --dataset NAME")
        settings["features"] = tuple(_feature(text, usage_error) for text in args.feature)
        settings.update(seed=args.seed, correlation=args.correlation)
        if args.samples is not None:
            settings["samples"] = args.samples
    return Scenario(**settings)


_FEATURE = re.compile(r"^(?P<name>[^=]+)=(?P<low>[^:]+):(?P<high>[^:]+)(?::(?P<dist>\w+))?$")


def _feature(text: str, usage_error: type[Exception]) -> Feature:
    match = _FEATURE.match(text.strip())
    if not match:
        raise usage_error(f"--feature: expected NAME=LOW:HIGH (got {text!r})")
    try:
        low, high = float(match["low"]), float(match["high"])
    except ValueError:
        raise usage_error(f"--feature: LOW and HIGH must be numbers (got {text!r})") from None
    distribution = match["dist"] or "uniform"
    return Feature(match["name"].strip(), low, high, distribution)  # type: ignore[arg-type]


def _number(option: str):
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{option}: expected a number (got {text!r})") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"{option}: expected a finite number (got {text!r})")
        return value

    return parse


def _positive_int(option: str, allow_zero: bool = False):
    def parse(text: str) -> int:
        try:
            value = int(float(text)) if float(text).is_integer() else None
        except (ValueError, OverflowError):
            value = None
        if value is None or value < (0 if allow_zero else 1):
            raise argparse.ArgumentTypeError(
                f"{option}: expected a whole number{'' if allow_zero else ' ≥ 1'} (got {text!r})"
            )
        return value

    return parse


def _learning_rate(text: str) -> float | str:
    if text == "auto":
        return "auto"
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f'--lr: expected a positive number or "auto" (got {text!r})')
    return value


def plain_text(markdown: str) -> str:
    """Markdown as terminal text: no emphasis markers, no escapes."""
    return re.sub(r"\\(.)", r"\1", markdown.replace("**", ""))


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
        f"Why normalizing helps: {', '.join(scenario.feature_names)} — {METHOD_LABELS[scenario.normalization]},"
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
