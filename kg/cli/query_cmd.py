"""`kg query` and `kg queries`, parsed with argparse so that a query does not pay Typer's start-up.

kg/cli/entry.py sends `kg query ...` and `kg queries` here unless help is asked for; `kg --help` and
`kg query --help` go through Typer (kg/cli/query_typer.py), which declares the same options and calls the
same `query()` function.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO, NoReturn

from kg.errors import KgError, UsageError
from kg.paths import DEFAULT_KG

HELP = {
    "file": "Query file (.rq), a library query's name (see kg queries), or - to read the query from stdin.",
    "query": "The query itself, instead of a file.",
    "kg": "Knowledge-graph folder to query (built by kg build).",
    "format": "Output format: table, csv, tsv, json, xml for SELECT and ASK; ttl, nt, jsonld for CONSTRUCT "
    "and DESCRIBE. Default: a table on a terminal, csv otherwise, ttl for triples; or from -o's extension.",
    "output": "Write the results to this file instead of standard output.",
    "bind": "Bind a variable before the query runs, e.g. --bind entity=Agra (repeatable). IRIs (<...>, "
    "http://..., kg:...) and numbers are typed as such, anything else is a string.",
    "list": "List the question library (queries/*.rq) and exit.",
}
DESCRIPTION = (
    "Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the graph. The prefixes kgo, kg, "
    "rdf, rdfs, owl, xsd, skos, schema, org, prov, time, nif and dcterms are predeclared; the default graph "
    "is the union of all graphs. Exit codes: 0 success, 2 usage or query syntax error (and refused "
    "updates and SERVICE), 1 anything else."
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see kg {self.prog.split()[-1]} --help)")


def _parser() -> _Parser:
    p = _Parser(prog="kg query", description=DESCRIPTION, add_help=False, allow_abbrev=False)
    p.add_argument("file", nargs="?", help=HELP["file"])
    p.add_argument("-q", "--query", dest="query", help=HELP["query"])
    p.add_argument("--kg", type=Path, default=DEFAULT_KG, help=HELP["kg"])
    p.add_argument("-f", "--format", dest="fmt", help=HELP["format"])
    p.add_argument("-o", "--output", type=Path, help=HELP["output"])
    p.add_argument("-b", "--bind", action="append", default=[], help=HELP["bind"])
    p.add_argument("--list", dest="list_", action="store_true", help=HELP["list"])
    return p


def main(argv: Sequence[str]) -> int:
    """`argv` starts with the command name, "query" or "queries". Errors are raised as KgError."""
    command, rest = argv[0], list(argv[1:])
    if command == "queries":
        if rest:
            raise UsageError(f"kg queries takes no arguments, got {' '.join(rest)!r}")
        list_queries()
        return 0
    opts = _parser().parse_args(rest)
    query(opts.file, opts.query, opts.kg, opts.fmt, opts.output, opts.bind, opts.list_)
    return 0


def query(
    file: str | None,
    text: str | None,
    kg: Path,
    fmt: str | None,
    output: Path | None,
    bind: Sequence[str],
    list_: bool = False,
) -> None:
    """Run one query and write its results; the body of `kg query` for both command-line parsers."""
    from kg.query import format_for_path, parse_bindings, run_query, write_result
    from kg.query.formats import FORMATS, check_format, default_format

    if list_:
        list_queries()
        return
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt is None and output is not None and output.suffix and format_for_path(output) is None:
        raise UsageError(
            f"cannot tell the format of {output} from its extension: give --format "
            f"({', '.join(FORMATS)}) or name the file .csv, .tsv, .json, .xml, .txt, .ttl, .nt or .jsonld"
        )
    source = read_query(file, text)
    bindings = parse_bindings(bind)
    result = run_query(kg, source, bindings)
    terminal = output is None and sys.stdout.isatty()
    chosen = fmt or (format_for_path(output) if output else None) or default_format(result, terminal)
    check_format(result, chosen)
    if output is None:
        sys.stdout.flush()
        width = shutil.get_terminal_size().columns if terminal else None
        write_result(result, chosen, sys.stdout.buffer, width=width)
        sys.stdout.buffer.flush()
    else:
        _write_file(output, lambda out: write_result(result, chosen, out))


def read_query(file: str | None, text: str | None) -> str:
    """The query text from --query, a file, a library name, or stdin ("-")."""
    from kg.query import find_query

    if text is not None and file is not None:
        raise UsageError("give either a query file or --query, not both")
    if text is not None:
        return text
    if file is None:
        raise UsageError("no query: give a query file, - to read standard input, or --query TEXT")
    if file == "-":
        return sys.stdin.read()
    path = Path(file)
    if not path.is_file():
        path = find_query(file) or path
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"cannot read query file {file}: no such file{_suggestion(file)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read query file {file}: {exc}") from None


def _suggestion(name: str) -> str:
    """" (did you mean products?)" for a mistyped library query name, else where the library is listed."""
    import difflib

    from kg.query import library

    stem = Path(name).name.removesuffix(".rq")
    close = difflib.get_close_matches(stem, [q.name for q in library()], n=3, cutoff=0.6)
    if close:
        return f"; did you mean {' or '.join(close)}? (kg queries lists the library)"
    return " (kg queries lists the library)"


def list_queries() -> None:
    from kg.query import library

    entries = library()
    width = max((len(q.name) for q in entries), default=0)
    for q in entries:
        print(f"{q.name.ljust(width)}  {q.description or q.title}")


def _write_file(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write through a temporary sibling, so that a failed query leaves no half-written file."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with tmp.open("wb") as out:
            write(out)
        os.replace(tmp, path)
    except OSError as exc:
        raise KgError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)
