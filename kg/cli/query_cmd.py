"""`kg query` and `kg queries`: their options declared once (QUERY, QUERIES) and the functions they run.

kg/cli/entry.py runs these commands on a fast path that parses QUERY with argparse and never imports Typer
(kg/cli/spec.py explains why); `kg query --help`, completion and `kg --help` go through the Typer command
made from the same declaration (kg/cli/app.py).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from kg import formats as registry
from kg.cli.spec import Command, Param, choice, parse
from kg.errors import UsageError
from kg.paths import DEFAULT_KG
from kg.query.worker import DEFAULT_TIMEOUT

QueryFormat = registry.choices("QueryFormat", registry.QUERY_FORMATS)


def _library_names() -> list[str]:
    from kg.query import library

    return [q.name for q in library()]


QUERY = Command(
    name="query",
    help=(
        "Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the graph. The prefixes kgo, kg, "
        "rdf, rdfs, owl, xsd, skos, schema, org, prov, time, nif and dcterms are predeclared; the default graph "
        "is the union of all graphs. Exit codes: 0 success, 2 usage or query syntax error (and refused "
        "updates and SERVICE), 1 anything else."
    ),
    short_help="Run a read-only SPARQL query: a .rq file, a library query's name, or -q TEXT.",
    params=(
        Param("file", "Query file (.rq), a library query's name (see kg queries), or - to read the query from "
              "stdin.", metavar="FILE", complete=_library_names),
        Param("text", "The query itself, instead of a file.", flags=("-q", "--query"), metavar="TEXT"),
        Param("kg", "Knowledge-graph folder to query (built by kg build).", flags=("--kg",), value_type=Path,
              default=DEFAULT_KG),
        Param("fmt", "Output format: table, csv, tsv, json, xml for SELECT and ASK; ttl, nt, jsonld for "
              "CONSTRUCT and DESCRIBE. Default: a table on a terminal, csv otherwise, ttl for triples; or from "
              "-o's extension.", flags=("-f", "--format"), choices=QueryFormat),
        Param("output", "Write the results to this file instead of standard output.", flags=("-o", "--output"),
              value_type=Path),
        Param("bind", "Bind a variable before the query runs, e.g. --bind entity=Agra (repeatable). IRIs (<...>, "
              "http://..., kg:...) and numbers are typed as such, anything else is a string.",
              flags=("-b", "--bind"), repeat=True, metavar="NAME=VALUE"),
        Param("timeout", "Stop the query after this many seconds (0: no limit).", flags=("--timeout",),
              value_type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS"),
        Param("list_", "List the question library (queries/*.rq) and exit.", flags=("--list",), value_type=bool,
              default=False),
    ),
)
QUERIES = Command(name="queries", help="List the question library (queries/*.rq) with each query's one-line "
                  "description.")


def main(argv: Sequence[str]) -> int:
    """`argv` starts with the command name, "query" or "queries". Errors are raised as KgError."""
    command, rest = argv[0], list(argv[1:])
    if command == "queries":
        if rest:
            raise UsageError(f"kg queries takes no arguments, got {' '.join(rest)!r}")
        list_queries()
        return 0
    query(**parse(QUERY, rest))
    return 0


def query(
    file: str | None,
    text: str | None,
    kg: Path,
    fmt: str | None,
    output: Path | None,
    bind: Sequence[str] | None,
    list_: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> None:
    """Run one query and write its results: the body of `kg query` on either path."""
    from kg.query import format_for_path, parse_bindings, run_query, write_result
    from kg.query.formats import check_format, default_format
    from kg.query.worker import run_bounded

    if list_:
        list_queries()
        return
    choice(QueryFormat, fmt, "unknown format {value!r}: choose one of {choices}")
    if fmt is None and output is not None and output.suffix and format_for_path(output) is None:
        raise UsageError(
            f"cannot tell the format of {output} from its extension: give --format ({', '.join(QueryFormat)}) "
            f"or name the file {_or_list(_SUGGESTED_EXTENSIONS)}"
        )
    if timeout is not None and timeout < 0:
        raise UsageError(f"--timeout {timeout:g}: give a number of seconds, or 0 for no limit")
    source = read_query(file, text)
    bindings = parse_bindings(bind or [])
    terminal = output is None and sys.stdout.isatty()
    width = shutil.get_terminal_size().columns if terminal else None

    def answer(out: BinaryIO) -> None:
        result = run_query(kg, source, bindings)
        chosen = fmt or (format_for_path(output) if output else None) or default_format(result, terminal)
        check_format(result, chosen)
        write_result(result, chosen, out, width=width)

    # The engine runs in a worker thread, so that Ctrl-C and --timeout can stop waiting for it.
    if output is None:
        sys.stdout.flush()
        run_bounded(lambda: answer(sys.stdout.buffer), timeout)
        sys.stdout.buffer.flush()
    else:
        from kg.files import write_atomic

        write_atomic(output, lambda out: run_bounded(lambda: answer(out), timeout))


# What a file name can end in, data formats first: a table written to a .txt is the rarer wish.
_SUGGESTED_EXTENSIONS = registry.extensions(
    sorted(registry.QUERY_FORMATS, key=lambda f: (f.kind is registry.Kind.RDF, f.name == "table"))
)


def _or_list(items: Sequence[str]) -> str:
    return f"{', '.join(items[:-1])} or {items[-1]}" if len(items) > 1 else "".join(items)


def read_query(file: str | None, text: str | None) -> str:
    """The query text from --query, a file, a library name, or stdin ("-")."""
    from kg.query import find_query
    from kg.query.source import read_query_file, without_bom

    if text is not None and file is not None:
        raise UsageError("give either a query file or --query, not both")
    if text is not None:
        return without_bom(text)
    if file is None:
        raise UsageError("no query: give a query file, - to read standard input, or --query TEXT")
    if file == "-":
        return without_bom(sys.stdin.read())
    path = Path(file)
    if not path.exists():
        path = find_query(file) or path
    return read_query_file(path, "" if path.exists() else _suggestion(file))


def _suggestion(name: str) -> str:
    """" (did you mean products?)" for a mistyped library query name, else where the library is listed."""
    import difflib

    stem = Path(name).name.removesuffix(".rq")
    close = difflib.get_close_matches(stem, _library_names(), n=3, cutoff=0.6)
    if close:
        return f"; did you mean {' or '.join(close)}? (kg queries lists the library)"
    return " (kg queries lists the library)"


def list_queries() -> None:
    from kg.query import library

    entries = library()
    width = max((len(q.name) for q in entries), default=0)
    for q in entries:
        print(f"{q.name.ljust(width)}  {q.description or q.title}")
