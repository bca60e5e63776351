"""The package's shape, checked like code: no import cycle between its modules (lazy imports included: a
cycle dodged by an import inside a function is still a cycle), the pure modules free of Streamlit and
SQLAlchemy, and the library silent (it prints, parses arguments and reads the environment only in
`cli.py`, `settings.py` and `ui/`)."""

from __future__ import annotations

import ast
import re
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "indicators"
EDGES = ("cli.py", "settings.py", "isolated_reader.py")  # isolated_reader is a subprocess's own main


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every `indicators.*` module `path` imports, anywhere in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("indicators"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("indicators"))
    return found


MODULES = {module_name(p): p for p in SRC.rglob("*.py")}
GRAPH = {
    name: {dep for dep in imports(path) if dep in MODULES and dep != name} for name, path in MODULES.items()
}


def reached_from(name: str) -> set[str]:
    seen, todo = set(), [name]
    while todo:
        for dep in GRAPH[todo.pop()] - seen:
            seen.add(dep)
            todo.append(dep)
    return seen


def test_no_import_cycle():
    try:
        tuple(TopologicalSorter(GRAPH).static_order())
    except CycleError as err:
        pytest.fail(f"import cycle: {' -> '.join(err.args[1])}")


@pytest.mark.parametrize(
    "name", sorted(m for m in MODULES if not m.startswith("indicators.ui") and m != "indicators.cli")
)
def test_the_library_does_not_import_streamlit_or_print(name):
    source = MODULES[name].read_text(encoding="utf-8")
    tree = ast.parse(source)
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert "streamlit" not in imported and "argparse" not in imported
    if MODULES[name].name not in EDGES:
        calls = {
            n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
        }
        assert "print" not in calls
        assert not re.search(r"os\.environ(\.get|\[)|getenv", source), "reads a setting: settings.py does"


@pytest.mark.parametrize(
    "name",
    [
        "indicators.frame",
        "indicators.diffing",
        "indicators.review",
        "indicators.comparability",
        "indicators.sentences",
        "indicators.cards",
        "indicators.writing",
        "indicators.analysis",
        "indicators.cells",
    ],
)
def test_pure_modules_need_no_database(name):
    reached = reached_from(name) | {name}
    assert not reached & {"indicators.store", "indicators.engine", "indicators.schema"}, reached
    for module in reached:
        assert "sqlalchemy" not in MODULES[module].read_text(encoding="utf-8"), module
