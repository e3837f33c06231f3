"""One declaration of kg query's options: the fast argparse path and the Typer command made from it agree;
the command modules import downward; --version and shell completion work."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import typer.main
from query_fixture import build_fixture_graph

from conftest import ROOT
from kg.cli import query_cmd
from kg.cli.app import app
from kg.cli.entry import main
from kg.cli.spec import argparse_parser
from kg.errors import KgError


@pytest.fixture(scope="module")
def kg_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_graph(tmp_path_factory.mktemp("cli-spec") / "out")


def click_command(name: str) -> Any:
    """The click command Typer makes (Typer vendors click, so it is reached through Typer only)."""
    return typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]


def test_both_parsers_declare_the_same_options() -> None:
    typer_params = {p.name: p for p in click_command("query").params}
    actions = {a.dest: a for a in argparse_parser(query_cmd.QUERY)._actions}
    assert set(typer_params) == set(actions) == {p.name for p in query_cmd.QUERY.params}
    for p in query_cmd.QUERY.params:
        clicked, parsed = typer_params[p.name], actions[p.name]
        assert sorted(clicked.opts) == sorted(parsed.option_strings or [p.name]), p.name
        assert (clicked.param_type_name == "option") == bool(p.flags), p.name
        if p.flags:
            assert clicked.multiple == p.repeat == (parsed.default == []), p.name
            assert clicked.is_flag == (p.value_type is bool), p.name
        assert (clicked.default or None) == (parsed.default or None) == (p.default or None), p.name
        assert clicked.help == p.help if p.choices is None else p.help in (clicked.help or ""), p.name


def run_fast(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    got = capsys.readouterr()
    return code, got.out, got.err


def run_typer(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The same command through Typer, errors turned into text as kg/cli/entry.py does."""
    try:
        app(args=args, prog_name="kg", standalone_mode=False)
        code = 0
    except KgError as exc:
        print(f"Error: {exc}", file=__import__("sys").stderr)
        code = exc.exit_code
    got = capsys.readouterr()
    return code, got.out, got.err


@pytest.mark.parametrize("args", [
    ["query", "products", "-f", "csv"],
    ["query", "-f", "json", "--query", "SELECT ?p WHERE { ?p a kgo:Programme }"],
    ["query", "sources", "--bind", "entity=Artisan Credit Card", "-b", "x=1", "-f", "tsv"],
    ["query", "products", "--format", "yaml"],
    ["query", "products", "-q", "ASK {}"],
    ["query", "--list"],
    ["queries"],
])
def test_both_paths_give_the_same_output(kg_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    full = [*args, "--kg", str(kg_dir)] if args[0] == "query" else args
    fast = run_fast(full, capsys)
    assert fast == run_typer(full, capsys)
    assert fast[1] or fast[2]  # each case says something, so the comparison means something


def test_an_output_file_is_written_the_same_by_both_paths(kg_dir: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    fast, slow = tmp_path / "fast.json", tmp_path / "typer.json"
    assert run_fast(["query", "figures", "--kg", str(kg_dir), "-o", str(fast)], capsys)[0] == 0
    assert run_typer(["query", "figures", "--kg", str(kg_dir), "-o", str(slow)], capsys)[0] == 0
    assert fast.read_bytes() == slow.read_bytes() and fast.read_bytes().startswith(b'{"head"')


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


def test_imports_point_down_the_flow() -> None:
    package = ROOT / "kg"
    for path in sorted(package.rglob("*.py")):
        imported = _imports(path)
        name = path.relative_to(ROOT).as_posix()
        if path.name == "__main__.py":
            continue  # `python -m kg` is the command line
        if path.parent.name == "cli":
            if path.name not in ("entry.py", "app.py"):
                assert "kg.cli.app" not in imported and "kg.cli.entry" not in imported, name
        else:
            assert not any(m == "typer" or m.startswith("kg.cli") for m in imported), name


def test_version() -> None:
    done = subprocess.run([*_kg(), "--version"], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, f"kg {importlib.metadata.version('kg')}\n")


def _kg() -> list[str]:
    script = shutil.which("kg")
    if script is None:
        pytest.skip("the kg console command is not installed")
    return [script]


def test_install_completion_in_bash_completes_commands_options_and_library_names(tmp_path: Path) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash")
    kg = _kg()[0]
    env = {**os.environ, "HOME": str(tmp_path), "SHELL": bash,
           "PATH": f"{Path(kg).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    installed = subprocess.run([bash, "-c", "kg --install-completion bash || kg --install-completion"],
                               capture_output=True, text=True, env=env, cwd=ROOT)
    assert installed.returncode == 0, installed.stderr
    assert "source" in (tmp_path / ".bashrc").read_text(encoding="utf-8")

    def complete(*words: str) -> list[str]:
        script = (f"source ~/.bashrc; COMP_WORDS=({' '.join(repr(w) for w in words)}); "
                  f"COMP_CWORD={len(words) - 1}; _kg_completion kg; printf '%s\\n' \"${{COMPREPLY[@]}}\"")
        done = subprocess.run([bash, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    assert complete("kg", "que") == ["query", "queries"]
    assert complete("kg", "query", "--format", "t") == ["table", "tsv", "ttl"]
    assert complete("kg", "query", "products_") == ["products_per_district"]
    assert "graphml" in complete("kg", "export", "")
