"""Running one query against a graph folder's store, read-only, with every default graph merged."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, Triple, Variable

from kg.errors import GraphMissingError, KgError
from kg.query.bindings import Term
from kg.query.errors import BindingError
from kg.query.policy import check_query
from kg.query.prefixes import QUERY_PREFIXES

if TYPE_CHECKING:
    from pyoxigraph import QueryTriples, Store


# Plain classes rather than dataclasses: importing dataclasses costs kg query a few milliseconds.


class SelectResult:
    """The solutions of a SELECT: column names, and rows of terms (None where a column is unbound).

    `rows` is read lazily from the store and can be iterated once.
    """

    def __init__(self, variables: list[str], solutions: QuerySolutions) -> None:
        self.variables = variables
        self.solutions = solutions

    @property
    def rows(self) -> Iterator[tuple[object, ...]]:
        names = self.variables
        for solution in self.solutions:
            yield tuple(solution[name] for name in names)


class AskResult:
    def __init__(self, value: bool) -> None:
        self.value = value


class GraphResult:
    """The triples of a CONSTRUCT or DESCRIBE, read lazily (once)."""

    def __init__(self, triples: QueryTriples) -> None:
        self.triples = triples

    def sorted_triples(self) -> list[Triple]:
        """Without duplicates, in one fixed order, so that the same graph always prints the same."""
        unique = {str(t): t for t in self.triples}
        return [unique[k] for k in sorted(unique)]


QueryResult = SelectResult | AskResult | GraphResult


def run_query(kg_dir: Path, text: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
    """Run a SPARQL query on the graph built in `kg_dir` (its store opened read-only)."""
    from kg.rdf.store import open_store

    check_query(text)
    if kg_dir.exists() and not kg_dir.is_dir():
        raise GraphMissingError(f"{kg_dir} is a file; give --kg the graph folder kg build wrote")
    try:
        store = open_store(kg_dir)
    except RuntimeError as exc:  # RocksDB's "Corruption: ..." and the like: one line, not a traceback
        raise GraphMissingError(f"the graph store in {kg_dir}/ cannot be opened ({exc}); run kg build again") from None
    return execute(store, text, bindings)


def execute(store: Store, text: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
    """Run a query on an open store: the predeclared prefixes apply and the default graph is the union
    of all graphs, so queries need no GRAPH clauses. Updates and SERVICE are refused."""
    check_query(text)
    _check_bindings(text, bindings or {})
    substitutions: dict[Variable, NamedNode | BlankNode | Literal | Triple] | None = {
        Variable(name): term for name, term in (bindings or {}).items()
    } or None
    try:
        result = store.query(
            text, prefixes=QUERY_PREFIXES, use_default_graph_as_union=True, substitutions=substitutions
        )
    except SyntaxError as exc:
        from kg.query.syntax import syntax_error

        raise syntax_error(text, str(exc), QUERY_PREFIXES) from None
    except RuntimeError as exc:
        unselected = re.search(r"variable \?(\w+) in its SELECT projection", str(exc))
        if unselected:
            name = unselected.group(1)
            raise BindingError(
                f"--bind {name}: the query uses ?{name} but does not select it; only variables of the SELECT "
                "clause can be bound"
            ) from None
        raise KgError(f"the query failed: {exc}") from None
    except OSError as exc:
        raise KgError(f"the query failed: {exc}") from None
    if isinstance(result, QuerySolutions):
        return SelectResult(_column_order(text, [v.value for v in result.variables]), result)
    if isinstance(result, QueryBoolean):
        return AskResult(bool(result))
    return GraphResult(result)


_VARIABLE = re.compile(r"[?$](\w+)")
_SELECT_STAR = re.compile(r"\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", re.IGNORECASE)
_SELECT = re.compile(r"\bSELECT\b", re.IGNORECASE)


def _column_order(text: str, names: list[str]) -> list[str]:
    """The columns of `SELECT *` in the order their variables first appear in the query, as people read
    it (and as Jena and rdflib list them); the engine lists them alphabetically. Other SELECTs keep the
    order they name."""
    from kg.query.lexer import mask

    masked = mask(text)
    first = _SELECT.search(masked)
    if first is None or not _SELECT_STAR.match(masked, first.start()):
        return names
    seen: dict[str, int] = {}
    for position, match in enumerate(_VARIABLE.finditer(masked)):
        seen.setdefault(match.group(1), position)
    return sorted(names, key=lambda name: seen.get(name, len(seen)))


def _check_bindings(text: str, bindings: Mapping[str, Term]) -> None:
    """Refuse a --bind of a variable the query does not have (the engine would silently ignore it)."""
    from kg.query.lexer import mask

    used = sorted(set(_VARIABLE.findall(mask(text))))
    for name in bindings:
        if name not in used:
            known = ", ".join(f"?{v}" for v in used) or "none"
            raise BindingError(f"--bind {name}: the query has no variable ?{name} (its variables: {known})")
