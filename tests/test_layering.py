"""The apps import downward only (DESIGN.md, "Layout"): every module's imports are read,
and an import of a higher layer fails, wherever it is written (a function-level import
that dodges a cycle is still upward). A lower app tells a higher one things by facts
(core/facts.py), never by importing it."""

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Lowest first. An app may import its own modules and those of any app before it.
LAYERS = ["core", "accounts", "counseling", "queues", "triage", "supervision", "config"]


def modules(app: str) -> list[Path]:
    return [path for path in (REPO / app).rglob("*.py") if "migrations" not in path.parts]


def app_imports(path: Path) -> list[tuple[int, str]]:
    """(line, top-level app) for every absolute import of a Kizuna app in the module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [(node.lineno, name.split(".")[0]) for name in names]
    return [(line, top) for line, top in found if top in LAYERS]


def upward_imports(app: str) -> list[str]:
    rank = LAYERS.index(app)
    return [
        f"{path.relative_to(REPO)}:{line} imports {top}"
        for path in modules(app)
        for line, top in app_imports(path)
        if LAYERS.index(top) > rank
    ]


@pytest.mark.parametrize("app", LAYERS)
def test_no_app_imports_a_higher_layer(app):
    assert modules(app), f"{app}/ holds no modules: is LAYERS out of date?"
    assert upward_imports(app) == []


def test_every_app_is_placed_in_a_layer():
    """A new app must be given its place here, or its imports go unchecked."""
    from django.conf import settings

    ours = {
        name.split(".")[0]
        for name in settings.INSTALLED_APPS
        if (REPO / name.split(".")[0]).is_dir()
    }
    assert ours <= set(LAYERS)


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    """The check itself: a counseling module importing queues is reported."""
    app = tmp_path / "counseling"
    app.mkdir()
    (app / "leak.py").write_text("def f():\n    from queues.services import queue_take_next\n")
    monkeypatch.setattr(f"{__name__}.REPO", tmp_path)
    assert upward_imports("counseling") == ["counseling/leak.py:2 imports queues"]


def test_core_defines_no_models():
    for path in modules("core"):
        tree = ast.parse(path.read_text())
        bases = [
            ast.unparse(base)
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef)
            for base in node.bases
        ]
        assert "models.Model" not in bases, path
