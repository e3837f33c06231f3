"""The Typer command of a `kg.cli.spec.Command`: the same options, for help, completion and `kg --help`."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kg.cli.spec import Command, Param

if TYPE_CHECKING:
    from enum import StrEnum


def typer_command(app: typer.Typer, command: Command, function: Callable[..., Any]) -> None:
    """Add `command` to `app`; running it calls `function(**options)`, as the fast path does."""

    def run(**kwargs: Any) -> None:
        function(**kwargs)

    parameters = [
        inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, default=p.default, annotation=_annotation(p))
        for p in command.params
    ]
    run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in parameters}
    run.__name__ = f"{command.name}_cli"
    app.command(command.name, help=command.help, short_help=command.short_help, epilog=command.epilog)(run)


def _annotation(p: Param) -> Any:
    value_type: Any = p.value_type
    if p.repeat:
        value_type = list[p.value_type] | None  # type: ignore[name-defined]
    elif p.default is None and p.value_type is not bool:
        value_type = p.value_type | None
    complete = _completer(p)
    info: Any
    if p.positional:
        info = typer.Argument(help=p.help, metavar=p.metavar, show_default=False, autocompletion=complete)
    else:
        info = typer.Option(*p.flags, help=_help(p), metavar=p.metavar,
                            show_default=p.default not in (None, False), autocompletion=complete)
    return Annotated[value_type, info]


def _help(p: Param) -> str:
    if p.choices is None:
        return p.help
    return p.help if all(c in p.help for c in p.choices) else f"{p.help} One of: {', '.join(p.choices)}."


def _completer(p: Param) -> Callable[[str], list[str]] | None:
    values = p.complete if p.complete is not None else (lambda: list(p.choices or ()))
    if p.complete is None and p.choices is None:
        return None

    def complete(incomplete: str) -> list[str]:
        return [v for v in values() if v.startswith(incomplete)]

    return complete


def completes(kind: type[StrEnum]) -> Callable[[str], list[str]]:
    """Shell completion of a StrEnum's values, for options that Typer declares itself."""

    def complete(incomplete: str) -> list[str]:
        return [v for v in kind if v.startswith(incomplete)]

    return complete
