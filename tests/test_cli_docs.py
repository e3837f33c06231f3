"""Every command is documented: in `kg --help`, with its own --help, and in the README."""

from __future__ import annotations

import pytest

from conftest import ROOT
from kg.cli.app import app
from kg.cli.entry import main

COMMANDS = sorted(c.name for c in app.registered_commands if c.name)


def test_the_commands_users_were_promised_exist() -> None:
    assert {"build", "query", "queries", "viz", "validate", "ontology", "stats", "path", "export", "eval"} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"kg {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Usage" in out and f"kg {command}" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "--bogus"], "Error: No such option: --bogus"),
        (["--bogus"], "Error: No such option: --bogus"),
        (["bogus"], "Error: No such command 'bogus'."),
        (["stats", "--top", "x"], "Error: Invalid value for '--top'"),
    ],
)
def test_a_usage_error_is_one_line_with_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert err.count("\n") == 1 and "(see kg" in err


def test_no_arguments_prints_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    assert "Usage: kg" in capsys.readouterr().out
