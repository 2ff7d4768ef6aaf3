"""The chat package reads well: no module imports the package itself, and each imports on its own.

That no chat module imports one that imports it back is tests/test_architecture.py's, for the whole core."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import explainer.chat

PACKAGE = Path(explainer.chat.__file__).parent


def chat_modules() -> dict[str, Path]:
    """Module name → file, for every module of explainer.chat except the package's own __init__."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts != ("explainer", "chat"):
            found[".".join(parts)] = path
    return found


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The explainer.chat modules a file imports (`from explainer.chat import x` counts x when it is a module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("explainer.chat"):
            if node.module in modules:
                found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names} & modules
            if node.module == "explainer.chat" and not {f"explainer.chat.{a.name}" for a in node.names} <= modules:
                found.add("explainer.chat")  # a name from the package's __init__, which imports everything
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names} & modules
    return found


def test_no_chat_module_imports_the_package_itself():
    modules = chat_modules()
    offenders = {name for name, path in modules.items() if "explainer.chat" in imports_of(path, set(modules))}
    assert offenders == set()


@pytest.mark.slow  # a fresh interpreter per chat module
def test_every_chat_module_imports_first_in_a_fresh_interpreter():
    names = sorted(chat_modules())
    script = "import importlib, sys\nfor name in sys.argv[1:]:\n    for loaded in [m for m in sys.modules if m.startswith('explainer')]:\n        del sys.modules[loaded]\n    importlib.import_module(name)\n"
    result = subprocess.run([sys.executable, "-c", script, *names], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
