"""The `explainer` console script: one subcommand per module, the same exit codes everywhere.

0 ok, 1 a checked file is invalid, 2 a usage error (bad argument, bad file). A user's
mistake prints one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TextIO

from explainer.scenario.spec import ScenarioError
from explainer.text import patterns

# Each module has register(subparsers) -> None and sets `handler` on its parsers via set_defaults.
COMMAND_MODULES = ("explainer.cli.explain", "explainer.cli.scenarios", "explainer.cli.ask", "explainer.cli.notebook")


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


# Escape sequences a terminal would act on (colours, titles, hyperlinks, cursor moves), then any
# other control character but newline and tab, then the bidirectional overrides that reorder text.
_TERMINAL_CONTROL = patterns.compile(
    r"\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC … BEL/ST
    r"|[\x1b\x9b]\[?[0-?]*[ -/]*[@-~]?"  # CSI and two-character escapes
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\x{202a}-\x{202e}\x{2066}-\x{2069}]"
)


def terminal_text(text: str) -> str:
    """`text` with every terminal escape and control character removed (newlines and tabs kept)."""
    return _TERMINAL_CONTROL.sub("", text) if _TERMINAL_CONTROL.search(text) else text  # most text has none


class _TerminalStream:
    """Wraps stdout/stderr so nothing a file, link or question contains can drive the terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(terminal_text(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _TerminalStream(stdout), _TerminalStream(stderr)  # type: ignore[assignment]
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _main(argv: Sequence[str] | None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return int(args.handler(args) or 0)
    except (UsageError, ScenarioError) as error:
        print(f"error: {' '.join(str(error).split())}", file=sys.stderr)  # one line, whatever the input held
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
