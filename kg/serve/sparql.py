"""What the front does to a SPARQL query before the engine sees it: kg query's refusals, its syntax
messages, and its predeclared prefixes."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.query.lexer import mask
from kg.query.policy import check_query
from kg.query.prefixes import QUERY_PREFIXES

_PREFIX_DECL = re.compile(r"PREFIX\s+([^\s:]*):", re.IGNORECASE)


@lru_cache(maxsize=512)  # dashboards send the same queries again and again; refusals are not cached
def prepare_query(text: str) -> str:
    """The query as the Oxigraph server should run it, or a KgError (exit code 2) saying why not.

    The predeclared prefixes the query does not declare itself are put in front of it on its first line,
    so that the engine's line numbers still match the user's text.
    """
    check_query(text)  # the same gate as kg query: no update, no SERVICE, no crashing nesting
    check_syntax(text)
    declared = {m.group(1) for m in _PREFIX_DECL.finditer(mask(text))}
    prelude = " ".join(f"PREFIX {name}: <{iri}>" for name, iri in QUERY_PREFIXES.items() if name not in declared)
    return f"{prelude} {text}" if prelude else text


def check_syntax(text: str) -> None:
    """Raise kg query's QuerySyntaxError (line, column, caret) if `text` does not parse.

    pyoxigraph has no parse-only call, so the query is run on an empty in-memory store: with no data
    there is nothing to evaluate, and SERVICE was refused before this point.
    """
    from pyoxigraph import Store

    try:
        Store().query(text, prefixes=QUERY_PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as exc:
        from kg.query.syntax import syntax_error

        raise syntax_error(text, str(exc), QUERY_PREFIXES) from None
