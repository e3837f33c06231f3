"""The HTML pages of `kg serve` besides the graph view: the question library and a query's results.

Everything taken from queries or results is escaped: labels and sentences come from articles.
"""

from __future__ import annotations

import json
from html import escape
from urllib.parse import quote

from kg.query.library import LibraryQuery
from kg.query.prefixes import compact

_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;"
    "vertical-align:top}th{background:#f3f3f3}pre{background:#f7f7f7;padding:1em;overflow:auto}"
)


def _page(title: str, body: str) -> bytes:
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{_STYLE}</style></head><body>\n{body}\n</body></html>\n"
    ).encode()


def library_page(queries: list[LibraryQuery]) -> bytes:
    """Every library query with its description, a link that runs it and a link to its text."""
    rows = "\n".join(
        f'<tr><td><a href="/queries/{quote(q.name)}">{escape(q.title)}</a></td><td>{escape(q.description)}</td>'
        f'<td><a href="/queries/{quote(q.name)}.rq">{escape(q.name)}.rq</a></td></tr>'
        for q in queries
    )
    body = (
        "<h1>Question library</h1>"
        '<p>Each question runs on the graph this server serves. <a href="/">The graph view</a>; the SPARQL '
        "endpoint is <code>/query</code> (SPARQL 1.1 Protocol, read-only).</p>"
        f"<table><tr><th>question</th><th>what it answers</th><th>query</th></tr>\n{rows}\n</table>"
    )
    return _page("kg: question library", body)


def _cell(term: dict[str, str] | None) -> str:
    if term is None:
        return ""
    if term.get("type") == "uri":
        return f'<span title="{escape(term["value"])}">{escape(compact(term["value"]))}</span>'
    return escape(term.get("value", ""))


def result_page(query: LibraryQuery, text: str, content_type: str, body: bytes) -> bytes:
    """A library query's results: a table for SELECT (SPARQL JSON results), yes/no for ASK, else the RDF."""
    links = (
        '<p><a href="/queries">All questions</a> · results as '
        + " · ".join(f'<a href="/queries/{quote(query.name)}?format={f}">{f.upper()}</a>' for f in ("csv", "json"))
        + "</p>"
    )
    if content_type.startswith("application/sparql-results+json"):
        data = json.loads(body)
        if "boolean" in data:
            results = f"<p><strong>{'yes' if data['boolean'] else 'no'}</strong></p>"
        else:
            names = data["head"]["vars"]
            rows = data["results"]["bindings"]
            header = "".join(f"<th>{escape(n)}</th>" for n in names)
            lines = "\n".join("<tr>" + "".join(f"<td>{_cell(r.get(n))}</td>" for n in names) + "</tr>" for r in rows)
            count = f"{len(rows)} row{'s' if len(rows) != 1 else ''}"
            results = f"<p>{count}</p><table><tr>{header}</tr>\n{lines}\n</table>"
    else:
        results = f"<pre>{escape(body.decode('utf-8', 'replace'))}</pre>"
    body_html = (
        f"<h1>{escape(query.title)}</h1><p>{escape(query.description)}</p>{links}{results}"
        f"<h2>Query</h2><pre>{escape(text)}</pre>"
    )
    return _page(f"kg: {query.title}", body_html)
