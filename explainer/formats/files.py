"""Opening a file a visitor named: only a regular file, never blocking, every OS error as one sentence.

`explainer validate /proc/self/mem` used to print a traceback, and a FIFO would have hung the
command forever. Here the path is checked with stat() first (which never blocks), opened
non-blocking, checked again on the open descriptor, and read only up to a stated bound.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from explainer.text.echo import printable


class UnreadableFileError(Exception):
    """Why a file cannot be read, as the end of a sentence that starts with its name ("is a folder, …")."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _reason(error: OSError, path: Path) -> str:
    return f"cannot be read ({error.strerror or type(error).__name__}): {printable(str(path))}"


def _kind_problem(mode: int, path: Path) -> str | None:
    if stat.S_ISDIR(mode):
        return f"is a folder, not a file: {printable(str(path))}"
    if not stat.S_ISREG(mode):
        return f"is not a regular file (a device, pipe or socket cannot be read as a file): {printable(str(path))}"
    return None


def open_regular(path: str | Path) -> BinaryIO:
    """The file opened for reading in binary; UnreadableFileError if it is missing, not a regular file, or unreadable."""
    file = Path(path)
    try:
        mode = os.stat(file).st_mode
    except FileNotFoundError:
        raise UnreadableFileError(f"no such file: {printable(str(file))}") from None
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
        raise UnreadableFileError(
            _reason(error, file) if isinstance(error, OSError) else "is not a valid path"
        ) from None
    problem = _kind_problem(mode, file)
    if problem:
        raise UnreadableFileError(problem)
    try:  # non-blocking: if the path became a FIFO since stat(), opening still returns at once
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise UnreadableFileError(_reason(error, Path(path))) from None
    problem = _kind_problem(os.fstat(descriptor).st_mode, file)
    if problem:
        os.close(descriptor)
        raise UnreadableFileError(problem)
    return os.fdopen(descriptor, "rb")


def read_bounded(path: str | Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file (UnreadableFileError beyond that, whatever its size claims: /proc files
    say 0); an I/O error while reading is a UnreadableFileError too."""
    with open_regular(path) as stream:
        try:
            data = stream.read(limit + 1)
        except OSError as error:
            raise UnreadableFileError(_reason(error, Path(path))) from None
    if len(data) > limit:
        raise UnreadableFileError(f"larger than {limit / 1_000_000:g} MB")
    return data
