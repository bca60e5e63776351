"""Docs are checked like code: every command and every setting is in the README."""

import re
from pathlib import Path

from indicators import settings
from indicators.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert f"indicators {name}" in README, name


def test_the_readme_settings_table_is_the_registry_and_nothing_else_reads_the_environment():
    assert settings.markdown_table() in README
    names = {s.name for s in settings.SETTINGS}
    for path in (ROOT / "src").rglob("*.py"):
        if path.name != "settings.py":
            code = path.read_text(encoding="utf-8")
            assert not re.search(r"environ\.get|getenv", code), f"{path.name} reads the environment"
            assert not set(re.findall(r"INDICATORS_[A-Z_]+", code)) - names, path.name


def test_readme_quick_start_is_two_make_targets_that_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make run" in README and "make test" in README
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_no_legacy_pages_folder():
    # Streamlit runs a `pages/` folder as a legacy multipage app on a fresh server, bypassing app.py.
    assert not (ROOT / "pages").exists()
