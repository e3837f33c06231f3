"""Commands declared once, as data: the options table that both command-line parsers are made from.

`kg query` and `kg queries` run on a fast path that never imports Typer (it costs ~100 ms of start-up,
more than the query); their help, completion and the `kg --help` overview come from Typer. Both parsers are
generated from the one `Command` declared in the command's module: `argparse_parser()` here for the fast
path, `kg.cli.typer_spec.typer_command()` for Typer. tests/test_cli_spec.py checks that the two agree.

Choices are StrEnums. They are offered by shell completion and listed in help; the command checks them
itself (see `choice()`), so that both paths give the same message.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any, NamedTuple, NoReturn, TypeVar

from kg.errors import UsageError

E = TypeVar("E", bound=StrEnum)


class Param(NamedTuple):  # NamedTuples, not dataclasses: importing dataclasses costs kg query ~10 ms
    """One option (`flags` given) or positional argument (no flags) of a command."""

    name: str  # the keyword the command's function receives
    help: str
    flags: tuple[str, ...] = ()
    value_type: type = str  # str, Path, int, float or bool (a bool option is a flag)
    default: Any = None
    repeat: bool = False  # may be given several times: the function receives a list
    metavar: str | None = None
    choices: type[StrEnum] | None = None
    complete: Callable[[], Iterable[str]] | None = None  # shell completion of the value (besides choices)

    @property
    def positional(self) -> bool:
        return not self.flags


class Command(NamedTuple):
    name: str
    help: str
    params: tuple[Param, ...] = ()
    short_help: str | None = None
    epilog: str | None = None


def choice(kind: type[E], value: str | None, message: str) -> E | None:
    """`value` as a member of the StrEnum `kind`, or a UsageError from `message`, a format string with
    {value!r} and {choices} (a comma-separated list)."""
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        raise UsageError(message.format(value=value, choices=", ".join(kind))) from None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


def argparse_parser(command: Command) -> argparse.ArgumentParser:
    """The fast path's parser for `command`: errors raise UsageError (exit 2), help goes through Typer."""
    parser = _Parser(prog=f"kg {command.name}", description=command.help, add_help=False, allow_abbrev=False)
    for p in command.params:
        if p.positional:
            parser.add_argument(p.name, nargs="?", default=p.default, help=p.help, metavar=p.metavar)
        elif p.value_type is bool:
            parser.add_argument(*p.flags, dest=p.name, action="store_true", default=bool(p.default), help=p.help)
        elif p.repeat:
            parser.add_argument(*p.flags, dest=p.name, type=p.value_type, action="append", default=[], help=p.help,
                                metavar=p.metavar)
        else:
            parser.add_argument(*p.flags, dest=p.name, type=p.value_type, default=p.default, help=p.help,
                                metavar=p.metavar)
    return parser


def parse(command: Command, args: list[str]) -> dict[str, Any]:
    """The keyword arguments of `command`'s function for the command-line arguments `args`."""
    return vars(argparse_parser(command).parse_args(args))
