"""The `kg` console command. Errors become one line on stderr and an exit code; never a traceback."""

from __future__ import annotations

import contextlib
import os
import sys

from kg.errors import KgError


def fail(message: str, code: int) -> int:
    print(f"Error: {message}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        if args[:1] in (["query"], ["queries"]) and not _asks_help(args[1:]):
            # The fast path: a query must not pay for importing Typer (see kg/cli/spec.py).
            from kg.cli import query_cmd

            return query_cmd.main(args)
        return _run_app(args)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else fail(str(code), 1))
    except KgError as exc:
        return fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except BrokenPipeError:
        return 1
    except Exception as exc:  # a bug, not a user error: still one line, with a way to see more
        if os.environ.get("KG_DEBUG"):
            raise
        return fail(f"internal error: {type(exc).__name__}: {exc} (set KG_DEBUG=1 for the traceback)", 1)


def _run_app(args: list[str]) -> int:
    """Run the Typer app, turning its usage errors into one line (Typer would draw a box of several)."""
    import typer

    from kg.cli.app import app

    try:
        result = app(args=args, prog_name="kg", standalone_mode=False)
    except typer.Abort:  # end of input at a prompt
        return fail("aborted", 1)
    except typer.TyperException as exc:  # Click's usage errors (Typer vendors Click; only this base is public)
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
            print(ctx.get_help())
            return 0
        command = ctx.command_path if ctx is not None else "kg"
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        return fail(f"{message} (see {command} --help)", getattr(exc, "exit_code", 2))
    if result == 130:  # Typer turns Ctrl-C inside a command into exit code 130, silently
        return fail("interrupted", 130)
    return result if isinstance(result, int) else 0


def _asks_help(args: list[str]) -> bool:
    options = args[: args.index("--")] if "--" in args else args
    return "--help" in options or "-h" in options


def run() -> None:
    code = main()
    worker = sys.modules.get("kg.query.worker")
    if worker is not None and worker.abandoned():
        # A query given up on (Ctrl-C, --timeout) still runs in the engine, which cannot be stopped from
        # Python: leave at once rather than wait for it or tear the store down under it.
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
