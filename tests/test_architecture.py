"""The core reads as floors: each subpackage imports only those below it, and no module imports one that imports it back.

Floors, lowest first (README's layout section draws the same tree). Function-level imports count too:
hiding an arrow inside a function does not make it go the other way.
"""

from __future__ import annotations

import ast
from pathlib import Path

import explainer

PACKAGE = Path(explainer.__file__).parent
FLOORS = ("text", "scenario", "budget", "linear", "formats", "explanation", "models", "lessons", "chat", "cli")


def core_modules() -> dict[str, Path]:
    """Module name → file for every module under explainer/, packages named by their __init__."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The explainer modules a file imports, wherever in the file the import stands (but for type hints only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
        for inner in ast.walk(node)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module in modules:
                found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names} & modules
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names} & modules
    return found


def floor_of(module: str) -> int | None:
    parts = module.split(".")
    return FLOORS.index(parts[1]) if len(parts) > 1 and parts[1] in FLOORS else None


def import_graph() -> dict[str, set[str]]:
    modules = core_modules()
    return {name: imports_of(path, set(modules)) - {name} for name, path in modules.items()}


def test_every_module_lives_on_a_named_floor():
    homeless = {m for m in core_modules() if m not in {"explainer", "explainer.__main__"} and floor_of(m) is None}
    assert homeless == set(), f"modules outside {FLOORS}: {sorted(homeless)}"


def test_no_module_imports_a_floor_above_its_own():
    crossings = [
        f"{module} (floor {FLOORS[floor_of(module)]}) imports {imported} (floor {FLOORS[floor_of(imported)]})"
        for module, imported_set in import_graph().items()
        for imported in sorted(imported_set)
        if floor_of(module) is not None and floor_of(imported) is not None and floor_of(imported) > floor_of(module)
    ]
    assert crossings == []


def test_no_core_module_imports_the_public_facade():
    graph = import_graph()
    assert sorted(m for m, imported in graph.items() if "explainer" in imported and m != "explainer.__main__") == []


def test_the_core_imports_without_a_cycle():
    graph = {name: {m for m in imported if not name.startswith(m + ".")} for name, imported in import_graph().items()}
    done: set[str] = set()

    def visit(name: str, trail: tuple[str, ...]) -> None:
        assert name not in trail, "import cycle: " + " → ".join((*trail[trail.index(name) :], name))
        if name in done:
            return
        for imported in sorted(graph.get(name, ())):
            visit(imported, (*trail, name))
        done.add(name)

    for name in sorted(graph):
        visit(name, ())


def test_the_floors_can_be_shown_by_a_failing_example():
    """The checks above can fail: an arrow from the lowest floor to the highest is a crossing."""
    assert floor_of("explainer.text.formatting") < floor_of("explainer.cli.explain")


def test_every_data_file_of_the_core_is_named_in_the_package_data():
    """A non-editable install ships only what `[tool.setuptools.package-data]` names: a gallery file that moved
    without its pattern would be missing from the wheel, though every editable test passes."""
    import tomllib

    root = Path(__file__).resolve().parent.parent
    patterns_named = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    shipped = patterns_named["explainer"]
    data_files = [
        path.relative_to(root / "explainer").as_posix()
        for path in (root / "explainer").rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    ]
    assert data_files, "the core ships data files (the gallery, the chat's questions)"
    globbed = {
        path.relative_to(root / "explainer").as_posix()
        for pattern in shipped
        for path in (root / "explainer").glob(pattern)
    }
    assert [name for name in data_files if name not in globbed] == []
