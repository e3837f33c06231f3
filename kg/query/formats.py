"""Writing query results: a table for people; CSV, TSV, SPARQL JSON and XML for scripts; RDF for graphs.

CSV has the plain variable names as headers and plain values (labels and numbers, not
`"52"^^xsd:decimal`; IRIs in full); unbound cells are empty. TSV, JSON and XML are the W3C SPARQL 1.1
result formats: in TSV, `?name` headers and every value an RDF term (`<iri>`, `"text"@en`, `52`), so a tab
or a newline in a literal is escaped and each solution is one line. They are streamed. A table shows
at most TABLE_ROWS rows (it must see them all to size its columns) and says how many it left out.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import NamedNode, QueryResultsFormat, RdfFormat, Triple, serialize

from kg import formats as registry
from kg.errors import UsageError
from kg.query.prefixes import OUTPUT_PREFIXES
from kg.query.run import AskResult, GraphResult, QueryResult, SelectResult
from kg.query.terms import display, plain
from kg.rdf.syntax import write_rdf

# kg query's formats, from the registry kg.formats: solutions for SELECT and ASK, triples for CONSTRUCT and DESCRIBE.
SOLUTION_FORMATS = registry.names(registry.QUERY_SOLUTIONS)
TRIPLE_FORMATS = registry.names(registry.QUERY_TRIPLES)
FORMATS = SOLUTION_FORMATS + TRIPLE_FORMATS


def format_for_path(path: Path) -> str | None:
    """The format an output file's extension asks for (`results.csv` -> "csv"), or None."""
    found = registry.for_path(path, registry.QUERY_FORMATS)
    return found.name if found else None


def default_format(result: QueryResult, terminal: bool) -> str:
    """A table on a terminal, CSV in a pipe; Turtle for the triples of CONSTRUCT and DESCRIBE."""
    if isinstance(result, GraphResult):
        return "ttl"
    return "table" if terminal else "csv"


def check_format(result: QueryResult, fmt: str) -> None:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if isinstance(result, GraphResult) and fmt not in TRIPLE_FORMATS:
        raise UsageError(
            f"--format {fmt} is for SELECT and ASK results; CONSTRUCT and DESCRIBE give triples: "
            f"use {', '.join(TRIPLE_FORMATS)}"
        )
    if not isinstance(result, GraphResult) and fmt in TRIPLE_FORMATS:
        kind = "ASK" if isinstance(result, AskResult) else "SELECT"
        raise UsageError(
            f"--format {fmt} is for the triples of CONSTRUCT and DESCRIBE; a {kind} query gives "
            f"solutions: use {', '.join(SOLUTION_FORMATS)}"
        )


def write_result(result: QueryResult, fmt: str, out: BinaryIO, width: int | None = None) -> None:
    """Write `result` to the binary stream `out` in format `fmt` (one of FORMATS). A table fits in
    `width` characters when given (long cells are shortened; CSV and JSON keep every value whole)."""
    check_format(result, fmt)
    if isinstance(result, GraphResult):
        triples = result.sorted_triples()
        if fmt == "nt":
            serialize(triples, out, RdfFormat.N_TRIPLES)
        else:
            prefixes = _used_prefixes(triples) if fmt == "ttl" else None
            data = write_rdf(triples, fmt, prefixes)
            out.write(data if data.endswith(b"\n") else data + b"\n")
    elif isinstance(result, AskResult):
        out.write(_ask_text(result.value, fmt).encode("utf-8"))
    elif fmt in ("json", "xml"):
        sparql_format = QueryResultsFormat.JSON if fmt == "json" else QueryResultsFormat.XML
        result.solutions.serialize(out, sparql_format)  # streamed: a large result is never held whole
        out.write(b"\n")
    elif fmt == "tsv":
        result.solutions.serialize(out, QueryResultsFormat.TSV)  # streamed, and every line ends in "\n"
    elif fmt == "table":
        out.write(table(result, width).encode("utf-8"))
    else:
        _write_csv(result, out)


def _used_prefixes(triples: list[Triple]) -> dict[str, str]:
    """The output prefixes the triples use, so that Turtle starts with no unused @prefix lines."""
    iris = {t.predicate.value for t in triples}
    iris.update(term.value for t in triples for term in (t.subject, t.object) if isinstance(term, NamedNode))
    return {
        prefix: base
        for prefix, base in sorted(OUTPUT_PREFIXES.items())
        if any(iri.startswith(base) for iri in iris)
    }


def _ask_text(value: bool, fmt: str) -> str:
    word = "true" if value else "false"
    if fmt == "json":
        return f'{{"head":{{}},"boolean":{word}}}\n'
    if fmt == "xml":
        return (
            '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head></head>'
            f"<boolean>{word}</boolean></sparql>\n"
        )
    if fmt == "table":
        return "yes\n" if value else "no\n"
    return word + "\n"


def _write_csv(result: SelectResult, out: BinaryIO) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([plain(term) for term in row])
    finally:
        text.flush()
        text.detach()


# A table is for people to read: past this many rows it counts the rest instead of holding them all.
TABLE_ROWS = 1000


def table(result: SelectResult, width: int | None = None, max_rows: int = TABLE_ROWS) -> str:
    """Aligned columns under a header, and the number of rows. With `width`, the widest columns are
    narrowed (their long cells end in "...") until a row fits in `width` characters. Only the first
    `max_rows` rows are shown; the rest are counted, not kept."""
    header = result.variables
    rows: list[list[str]] = []
    total = 0
    for row in result.rows:
        total += 1
        if total <= max_rows:
            rows.append([display(term) for term in row])
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    if width is not None and header:
        widths = _fit(widths, [len(h) for h in header], max(width, 20) - 2 * (len(header) - 1))

    def cut(text: str, w: int) -> str:
        return text if len(text) <= w else text[: max(w - 3, 0)].rstrip() + "..."

    def line(cells: list[str]) -> str:
        return "  ".join(cut(c, w).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    lines = [line(header), line(["-" * w for w in widths])] if header else []
    lines.extend(line(r) for r in rows)
    if total > len(rows):
        lines.append(f"({len(rows):,} of {total:,} rows shown; -f csv, tsv or json, or -o FILE, gives them all)")
    else:
        lines.append(f"({total} row{'' if total == 1 else 's'})")
    return "\n".join(lines) + "\n"


_MIN_COLUMN = 12


def _fit(widths: list[int], headers: list[int], room: int) -> list[int]:
    """Column widths summing to at most `room`: the widest column is narrowed first, none below its
    header or a few characters."""
    widths = list(widths)
    floors = [min(w, max(h, _MIN_COLUMN)) for w, h in zip(widths, headers, strict=True)]
    while sum(widths) > room:
        i = max(range(len(widths)), key=lambda k: (widths[k] - floors[k], -k))
        if widths[i] <= floors[i]:
            break
        widths[i] -= max(1, min(widths[i] - floors[i], sum(widths) - room))
    return widths
