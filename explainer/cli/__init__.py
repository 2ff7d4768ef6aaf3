"""The `explainer` console script: one subcommand per module, the same exit codes everywhere.

0 ok, 1 a checked file is invalid, 2 a usage error (bad argument, bad file). A user's
mistake prints one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from explainer.scenario import ScenarioError

# Each module has register(subparsers) -> None and sets `handler` on its parsers via set_defaults.
COMMAND_MODULES = ("explainer.cli.explain", "explainer.cli.scenarios", "explainer.cli.ask")


class UsageError(Exception):
    """A mistake in the command line or an input file: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, like every other usage error
        raise UsageError(f"{self.prog}: {message} (see --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="explainer",
        description="Why does normalizing input features speed up learning? Computed answers for your numbers.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return int(args.handler(args) or 0)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ScenarioError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
