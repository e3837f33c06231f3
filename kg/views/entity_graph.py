"""The entity graph: what the articles say, as a networkx MultiDiGraph read from a built graph's store.

`load_entity_graph(kg_dir, query=None)` returns a `networkx.MultiDiGraph` for people to look at (the HTML
view) and for analytics. It leaves out the provenance plumbing (mentions, sentences, articles) and keeps:

Nodes (key: the IRI, a str)
    Entities (organisations, people, places, products, programmes) and, as nodes of their own, figures
    and quotations. Attributes, all plain Python values:

    - ``kind``: the ontology class local name, the most specific one ("Company", "GovernmentBody",
      "Person", "District", "City", "State", "Country", "Product", "Programme", "Figure", "Quotation",
      ...);
    - ``label``: readable text. Figures read as value and unit in words ("Rs 3,750 crore", "64%",
      "3 lakh artisans"); quotations as their words, shortened to about 80 characters;
    - ``sources``: list of dicts ``{article, title, date, sentence, begin, end, anchor}``: the article IRI,
      its headline ("" if none), its date "YYYY-MM-DD" ("" if none), the text of the sentence read,
      the character offsets of the evidence in the article text, and that evidence (``anchor`` ==
      article text[begin:end]). For entities: one per mention; for figures and quotations: the fact's
      evidence. Sorted by (article, begin, end);
    - ``details``: dict of str -> str, other facts worth showing (a figure's "measure", "value", "unit",
      "period"; a quotation's "text" and "speaker"; a person's "role"). Keys are absent when unknown.

Edges (key: the relation label; one edge per (source, target, relation), sources merged)
    - ``relation``: a readable label: "partnered with" (organisation -> organisation, the two sorted by
      IRI), "works for" (person -> organisation), "known for" (district -> product), "located in"
      (place -> place), "based in" (organisation -> place), "runs" (organisation -> programme),
      "said" (person or organisation -> quotation), "concerns" (figure -> entity);
    - ``predicate``: the IRI of the ontology property the relation stands for (kgo:partneredWith,
      kgo:worksFor, kgo:knownFor, kgo:locatedIn, kgo:basedIn, kgo:runBy, kgo:said, kgo:concerns). For
      "runs" the edge points the reading way, organisation -> programme, which is the reverse of kgo:runBy;
    - ``sources``: like the nodes' (the evidence of each fact the edge stands for), empty for links that
      come from reference data (a district located in its state);
    - ``details``: dict of str -> str ("role" titles for "works for", "kind" for "partnered with").

Triples the inference step adds (inverses, transitive closure) are not drawn twice: edges come from the
facts and from asserted shortcut triples only.

With `query` (the text of a SPARQL CONSTRUCT or SELECT, such as `SELECT ?s ?p ?o`) the graph is restricted
to the nodes the results name: by IRI, directly or through a fact node (a partnership names both
partners), or by a literal equal to a node's label (so the question library's SELECTs of labels work).
Heavy imports happen inside the function.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import kinds
from kg.errors import UsageError
from kg.query.worker import run_bounded
from kg.rdf.quads import INFERRED_GRAPH
from kg.rdf.store import open_store
from kg.vocab import KGO, PREFIXES, RDF

if TYPE_CHECKING:
    import networkx
    from pyoxigraph import Store

# Entity kinds, most specific first (kg/data/entity_kinds.csv): an entity typed Department and GovernmentBody
# (after inference) is drawn as a Department.
ENTITY_KINDS: tuple[str, ...] = kinds.MOST_SPECIFIC_FIRST
ORGANISATION_KINDS = frozenset(kinds.ORGANISATION_KINDS)
PLACE_KINDS = frozenset(kinds.PLACE_KINDS)
# Kinds of fact read by type; simple statements (kgo:Fact with rdf:subject) are found by their properties.
FACT_KINDS: tuple[str, ...] = ("Mention", "Role", "ProductOrigin", "Partnership", "Quotation", "Figure",
                               "PlaceContainment")

RELATIONS: dict[str, str] = {
    KGO.partneredWith: "partnered with",
    KGO.worksFor: "works for",
    KGO.knownFor: "known for",
    KGO.locatedIn: "located in",
    KGO.basedIn: "based in",
    KGO.runBy: "runs",
    KGO.said: "said",
    KGO.concerns: "concerns",
}

_FACT_PROPERTIES = (
    KGO.mentionOf, KGO.member, KGO.organisation, KGO.roleTitle, KGO.product, KGO.district, KGO.partner,
    KGO.partnershipKind, KGO.quoteText, KGO.speaker, KGO.measure, KGO.value, KGO.unit, KGO.concerns,
    KGO.periodText, KGO.period, RDF.subject, RDF.predicate, RDF.object,
)
# Shortcut triples between entities that may exist without a fact (reference data).
_SHORTCUTS = (KGO.locatedIn, KGO.basedIn, KGO.partneredWith, KGO.worksFor, KGO.fromDistrict, KGO.knownFor,
              KGO.runBy)

QUOTE_LABEL_CHARS = 80

Source = dict[str, "str | int"]


def load_entity_graph(kg_dir: Path, query: str | None = None, timeout: float | None = None
                      ) -> networkx.MultiDiGraph:
    """The entities, figures and quotations of the graph in `kg_dir` and the named links between them;
    with `query`, only the part it names (the query stopped after `timeout` seconds, None: no limit)."""
    import networkx as nx

    store = open_store(kg_dir)
    reader = _Reader(store)
    graph: nx.MultiDiGraph = nx.MultiDiGraph()

    nodes: dict[str, dict[str, Any]] = {}
    for iri, (kind, label) in reader.entities().items():
        nodes[iri] = {"kind": kind, "label": label, "sources": [], "details": {}}

    props = reader.fact_properties()
    facts = reader.facts(f for f, p in props.items() if RDF.subject in p)
    sources = {f: reader.source(f) for f in facts}
    period_labels = reader.period_labels()

    edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def link(u: str, v: str, predicate: str, source: Source | None,
             details: dict[str, str] | None = None) -> None:
        if u not in nodes or v not in nodes or u == v:
            return
        relation = RELATIONS[predicate]
        edge = edges.setdefault((u, v, relation), {"relation": relation, "predicate": predicate,
                                                   "sources": [], "details": {}})
        if source is not None and source not in edge["sources"]:
            edge["sources"].append(source)
        for k, value in (details or {}).items():
            _add_detail(edge["details"], k, value)

    for fact in sorted(facts):
        kinds = facts[fact]
        p = props.get(fact, {})
        src = sources[fact]

        def one(prop: str, p: dict[str, list[str]] = p) -> str | None:
            values = p.get(prop)
            return values[0] if values else None

        if "Mention" in kinds:
            target = one(KGO.mentionOf)
            if target in nodes and src is not None:
                nodes[target]["sources"].append(src)
        if "Figure" in kinds:
            details: dict[str, str] = {}
            value, unit = one(KGO.value), one(KGO.unit)
            for key, prop in (("measure", KGO.measure), ("value", KGO.value), ("unit", KGO.unit)):
                if one(prop):
                    details[key] = one(prop) or ""
            period = one(KGO.period)
            period_text = (period_labels.get(period) if period else None) or one(KGO.periodText)
            if period_text:
                details["period"] = period_text
            label = figure_label(value, unit) if value else str(src["anchor"] if src else "figure")
            nodes[fact] = {"kind": "Figure", "label": str(label), "sources": [src] if src else [],
                           "details": details}
            concerns = one(KGO.concerns)
            if concerns:
                link(fact, concerns, KGO.concerns, src)
        if "Quotation" in kinds:
            text = one(KGO.quoteText) or ""
            details = {"text": text}
            speaker = one(KGO.speaker)
            if speaker and speaker in nodes:
                details["speaker"] = nodes[speaker]["label"]
            nodes[fact] = {"kind": "Quotation", "label": quote_label(text), "sources": [src] if src else [],
                           "details": details}
            if speaker:
                link(speaker, fact, KGO.said, src)
        if "Role" in kinds:
            person, org, title = one(KGO.member), one(KGO.organisation), one(KGO.roleTitle)
            if person in nodes and title:
                _add_detail(nodes[person]["details"], "role", title)
            if person and org:
                link(person, org, KGO.worksFor, src, {"role": title} if title else None)
        if "ProductOrigin" in kinds:
            product, district = one(KGO.product), one(KGO.district)
            if product and district:
                link(district, product, KGO.knownFor, src)
        if "Partnership" in kinds:
            partners = sorted(p.get(KGO.partner, []))
            if len(partners) >= 2:
                word = one(KGO.partnershipKind)
                link(partners[0], partners[1], KGO.partneredWith, src, {"kind": word} if word else None)
        subject, predicate, obj = one(RDF.subject), one(RDF.predicate), one(RDF.object)
        if subject and predicate and obj:
            _link_shortcut(link, subject, predicate, obj, src)

    covered = {(u, v, e["predicate"]) for (u, v, _), e in edges.items()}
    for s, p_iri, o in reader.shortcuts():
        u, v, pred = _orient(s, p_iri, o)
        if (u, v, pred) not in covered and (pred != KGO.partneredWith or (v, u, pred) not in covered):
            _link_shortcut(link, s, p_iri, o, None)

    for attrs in nodes.values():
        attrs["sources"] = _sorted_sources(attrs["sources"])
    for attrs in edges.values():
        attrs["sources"] = _sorted_sources(attrs["sources"])

    keep: set[str] | None = None
    notes: list[str] = []
    if query is not None:
        keep, notes = _query_nodes(store, query, props, nodes, timeout)

    for iri in sorted(nodes):
        if keep is None or iri in keep:
            graph.add_node(iri, **nodes[iri])
    for (u, v, relation) in sorted(edges):
        if graph.has_node(u) and graph.has_node(v):
            graph.add_edge(u, v, key=relation, **edges[(u, v, relation)])
    graph.graph["query_notes"] = notes
    return graph


def _orient(s: str, predicate: str, o: str) -> tuple[str, str, str]:
    """(source, target, predicate of the edge) for a shortcut triple, in the direction the view draws it."""
    if predicate == KGO.fromDistrict:
        return o, s, KGO.knownFor
    if predicate == KGO.runBy:
        return o, s, KGO.runBy
    if predicate == KGO.partneredWith:
        a, b = sorted((s, o))
        return a, b, KGO.partneredWith
    return s, o, predicate


def _link_shortcut(link: Any, s: str, predicate: str, o: str, src: Source | None) -> None:
    u, v, pred = _orient(s, predicate, o)
    if pred in RELATIONS:
        link(u, v, pred, src)


def _add_detail(details: dict[str, str], key: str, value: str) -> None:
    old = details.get(key)
    if old is None:
        details[key] = value
    elif value not in old.split("; "):
        details[key] = "; ".join(sorted([*old.split("; "), value]))


def _sorted_sources(sources: Iterable[Source]) -> list[Source]:
    unique = {(s["article"], s["begin"], s["end"], s["anchor"]): s for s in sources}
    return [unique[k] for k in sorted(unique, key=lambda k: (str(k[0]), int(k[1]), int(k[2]), str(k[3])))]


class _Reader:
    """The few SPARQL queries the entity graph needs, each over the whole store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._articles: dict[str, tuple[str, str]] | None = None
        self._fact_rows: dict[str, dict[str, str | int]] = {}

    def select(self, query: str) -> list[dict[str, str]]:
        from pyoxigraph import QuerySolutions

        result = self.store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
        assert isinstance(result, QuerySolutions)
        names = [v.value for v in result.variables]
        rows = []
        for solution in result:
            row = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = term.value
            rows.append(row)
        return rows

    def entities(self) -> dict[str, tuple[str, str]]:
        kinds = " ".join(f"kgo:{k}" for k in ENTITY_KINDS)
        rows = self.select(
            f"SELECT DISTINCT ?e ?type ?label WHERE {{ VALUES ?type {{ {kinds} }} ?e a ?type . "
            f"FILTER(isIRI(?e)) OPTIONAL {{ ?e rdfs:label ?label }} }}"
        )
        types: dict[str, set[str]] = defaultdict(set)
        labels: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            types[r["e"]].add(r["type"][len(KGO.base):])
            if "label" in r:
                labels[r["e"]].add(r["label"])
        out = {}
        for iri in sorted(types):
            kind = next(k for k in ENTITY_KINDS if k in types[iri])
            label = min(labels[iri]) if labels[iri] else iri.rsplit("/", 1)[-1]
            out[iri] = (kind, label)
        return out

    def articles(self) -> dict[str, tuple[str, str]]:
        if self._articles is None:
            rows = self.select(
                "SELECT ?a ?title ?date WHERE { ?a a kgo:NewsArticle . "
                "OPTIONAL { ?a kgo:title ?title } OPTIONAL { ?a kgo:datePublished ?date } }"
            )
            self._articles = {}
            for r in sorted(rows, key=lambda r: (r["a"], r.get("title", ""), r.get("date", ""))):
                self._articles.setdefault(r["a"], (r.get("title", ""), r.get("date", "")))
        return self._articles

    def facts(self, statements: Iterable[str] = ()) -> dict[str, frozenset[str]]:
        """Every fact node with its kinds; fills the provenance rows `source` reads.

        `statements` are the fact nodes known to be simple statements (kind "Fact").
        """
        # Three simple queries joined here: one query with OPTIONAL joins is several times slower.
        # GRAPH ?g keeps the patterns of one fact in its article's graph (the union graph repeats a node
        # that several articles share, such as a period, once per article).
        kinds = " ".join(f"kgo:{k}" for k in FACT_KINDS)
        found: dict[str, set[str]] = defaultdict(set)
        for r in self.select(f"SELECT DISTINCT ?f ?type WHERE {{ VALUES ?type {{ {kinds} }} ?f a ?type }}"):
            found[r["f"]].add(r["type"][len(KGO.base):])
        for f in statements:
            found[f].add("Fact")
        sentences: dict[str, tuple[str, int, int]] = {}
        for r in self.select(
            "SELECT ?s ?text ?sb ?se WHERE { GRAPH ?g { ?s a kgo:Sentence ; kgo:text ?text ; "
            "kgo:beginIndex ?sb ; kgo:endIndex ?se } }"
        ):
            sentences.setdefault(r["s"], (r["text"], int(r["sb"]), int(r["se"])))
        rows = self.select(
            "SELECT ?f ?art ?begin ?end ?anchor ?s WHERE { GRAPH ?g { ?f kgo:inSentence ?s ; "
            "kgo:inArticle ?art ; kgo:beginIndex ?begin ; kgo:endIndex ?end ; kgo:anchorText ?anchor } }"
        )
        outside: dict[str, list[dict[str, str | int]]] = defaultdict(list)
        for r in sorted(rows, key=lambda r: (r["f"], r["art"], r["begin"], r["end"], r.get("anchor", ""),
                                             r.get("s", ""))):
            if r["f"] not in found or r["f"] in self._fact_rows:
                continue
            text, sb, se = sentences.get(r.get("s", ""), ("", -1, -1))
            row: dict[str, str | int] = {
                "article": r["art"], "begin": int(r["begin"]), "end": int(r["end"]),
                "anchor": r.get("anchor", ""), "sentence": text,
            }
            self._fact_rows[r["f"]] = row
            if not sb <= int(r["begin"]) <= int(r["end"]) <= se:
                outside[r["art"]].append(row)
        if outside:
            # Evidence outside the body's sentences (headline, dateline, sign-off): show its line instead.
            values = " ".join(f"<{a}>" for a in sorted(outside))
            for r in self.select(f"SELECT ?a ?text WHERE {{ VALUES ?a {{ {values} }} ?a kgo:text ?text }}"):
                for row in outside.pop(r["a"], []):
                    row["sentence"] = _line_around(r["text"], int(row["begin"]), int(row["end"]))
        return {f: frozenset(k) for f, k in found.items()}

    def source(self, fact: str) -> Source | None:
        row = self._fact_rows.get(fact)
        if row is None:
            return None
        title, date = self.articles().get(str(row["article"]), ("", ""))
        return {"article": row["article"], "title": title, "date": date, "sentence": row["sentence"],
                "begin": row["begin"], "end": row["end"], "anchor": row["anchor"]}

    def fact_properties(self) -> dict[str, dict[str, list[str]]]:
        values = " ".join(f"<{p}>" for p in _FACT_PROPERTIES)
        rows = self.select(f"SELECT DISTINCT ?f ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?f ?p ?o }}")
        out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for r in sorted(rows, key=lambda r: (r["f"], r["p"], r["o"])):
            out[r["f"]][r["p"]].append(r["o"])
        return out

    def period_labels(self) -> dict[str, str]:
        rows = self.select("SELECT DISTINCT ?p ?label WHERE { GRAPH ?g { ?p a kgo:Period ; rdfs:label ?label } }")
        return {r["p"]: r["label"] for r in sorted(rows, key=lambda r: (r["p"], r["label"]), reverse=True)}

    def shortcuts(self) -> list[tuple[str, str, str]]:
        values = " ".join(f"<{p}>" for p in _SHORTCUTS)
        rows = self.select(
            f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} "
            f"FILTER(?g != <{INFERRED_GRAPH}> && isIRI(?o)) }}"
        )
        return sorted((r["s"], r["p"], r["o"]) for r in rows)


def _line_around(text: str, begin: int, end: int) -> str:
    """The line of `text` that holds characters begin..end, stripped."""
    start = text.rfind("\n", 0, begin) + 1
    stop = text.find("\n", end)
    return text[start:stop if stop >= 0 else len(text)].strip()


def _query_nodes(
    store: Store, query: str, props: dict[str, dict[str, list[str]]], nodes: dict[str, dict[str, Any]],
    timeout: float | None = None,
) -> tuple[set[str], list[str]]:
    """The nodes a query's results designate, and notes on what could not be matched.

    A row's IRIs name nodes (and, through a fact node, the entities it links). A row without IRIs is
    matched by its values: a figure by its measure and value, a quotation by its text, an entity by its
    label. A label that several nodes share (a district and a city) is read as the kind the row names
    ("city" in a type column), else the kind the column is about: its name ("district"), else the kind
    its other labels match; if that does not decide, all are drawn and a note says so.
    """
    from pyoxigraph import Literal, NamedNode, QueryBoolean, QuerySolutions, QueryTriples

    from kg.query.policy import check_query

    check_query(query)

    def answer() -> list[list[tuple[str, Any]]]:
        # Run in kg query's bounded worker: evaluated and read whole there, so the time limit covers both.
        try:
            result = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
        except SyntaxError as exc:
            from kg.query.syntax import syntax_error

            raise syntax_error(query, str(exc), PREFIXES) from None
        if isinstance(result, QueryTriples):
            return [[("", term)] for t in result for term in (t.subject, t.object)]
        if isinstance(result, QuerySolutions):
            names = [v.value for v in result.variables]
            return [[(name, solution[name]) for name in names if solution[name] is not None] for solution in result]
        if isinstance(result, QueryBoolean):
            raise UsageError("an ASK query has no graph to show; use CONSTRUCT or SELECT")
        return []

    rows = run_bounded(answer, timeout)

    by_label: dict[str, list[str]] = defaultdict(list)
    figures: dict[tuple[str, str], list[str]] = defaultdict(list)
    quotes: dict[str, list[str]] = defaultdict(list)
    for iri, attrs in nodes.items():
        details = attrs.get("details") or {}
        if attrs["kind"] == "Figure":
            figures[(details.get("measure", ""), _number(details.get("value", "")))].append(iri)
        elif attrs["kind"] == "Quotation":
            quotes[details.get("text", "")].append(iri)
        else:
            by_label[attrs["label"]].append(iri)

    keep: set[str] = set()
    column_kinds: dict[str, Counter[str]] = defaultdict(Counter)
    ambiguous: list[tuple[str, str, list[str]]] = []
    unmatched: list[str] = []
    for row in rows:
        named = [term.value for _, term in row if isinstance(term, NamedNode)]
        if named:
            for iri in named:
                keep.add(iri)
                for prop, objects in props.get(iri, {}).items():
                    if prop not in (KGO.roleTitle, KGO.partnershipKind, KGO.quoteText, KGO.measure, KGO.value,
                                    KGO.unit, KGO.periodText, RDF.predicate):
                        keep.update(objects)
            continue
        values = [(col, term.value) for col, term in row if isinstance(term, Literal)]
        found = False
        numbers = {_number(v) for _, v in values}
        for _, value in values:
            for iri in figures.get((value, ""), []) + [
                i for n in numbers for i in figures.get((value, n), [])
            ]:
                keep.add(iri)
                found = True
            for iri in quotes.get(value, []):
                keep.add(iri)
                found = True
        for col, value in values:
            candidates = by_label.get(value, [])
            if len(candidates) == 1:
                keep.add(candidates[0])
                column_kinds[col][nodes[candidates[0]]["kind"]] += 1
                found = True
            elif candidates:
                hints = [v.replace(" ", "").lower() for _, v in values if len(v) <= 30]
                ambiguous.append((col, value, [c for c in candidates
                                               if any(nodes[c]["kind"].lower() in h for h in hints)] or candidates))
                found = True
        if not found and values:
            unmatched.append(", ".join(v for _, v in values))

    notes: list[str] = []
    for col, value, candidates in ambiguous:
        if len(candidates) == 1:  # the row says which kind ("Lucknow", "city")
            keep.update(candidates)
            continue
        kinds = {iri: nodes[iri]["kind"] for iri in candidates}
        wanted = [iri for iri, kind in kinds.items() if kind.lower() == col.lower()]
        if not wanted and column_kinds[col]:
            top = column_kinds[col].most_common(1)[0][0]
            wanted = [iri for iri, kind in kinds.items() if kind == top]
        if wanted:
            keep.update(wanted)
        else:
            keep.update(candidates)
            described = ", ".join(sorted(k.lower() for k in kinds.values()))
            notes.append(f"{value!r} names {len(candidates)} nodes ({described}); all are drawn")
    if unmatched:
        examples = "; ".join(unmatched[:3]) + ("; ..." if len(unmatched) > 3 else "")
        notes.append(f"{len(unmatched)} of {len(rows)} result rows match no node of the graph ({examples})")
    return keep, sorted(set(notes), key=notes.index)


def _number(text: str) -> str:
    """A number's one spelling ("13016.10" and "13016.1" alike), or "" if `text` is not a number."""
    try:
        return format(Decimal(text).normalize(), "f")
    except (InvalidOperation, ValueError):
        return ""


# ----------------------------------------------------------------------------------------- figure labels

_CURRENCY_PREFIX = {"INR": "Rs ", "USD": "$", "EUR": "EUR ", "GBP": "GBP "}
_WESTERN = {"USD", "EUR", "GBP"}


def figure_label(value: str | None, unit: str | None) -> str:
    """Value and unit in words: ("37500000000", "INR") -> "Rs 3,750 crore"; ("64", "percent") -> "64%"."""
    try:
        number = Decimal(value or "")
    except InvalidOperation:
        return f"{value or ''} {unit or ''}".strip()
    unit = (unit or "").strip()
    if unit.lower() in ("percent", "per cent", "%"):
        return f"{_plain(number)}%"
    if unit in _CURRENCY_PREFIX:
        amount = _western_words(number) if unit in _WESTERN else _indian_words(number)
        return f"{_CURRENCY_PREFIX[unit]}{amount}"
    if len(unit) == 3 and unit.isupper():
        return f"{unit} {_western_words(number)}"
    if unit.lower() in ("year", "years"):
        if number == number.to_integral_value() and 1000 <= number < 3000:
            return str(int(number))  # a calendar year ("in 2021"), not a duration
        return f"{_plain(number)} {'year' if number == 1 else 'years'}"
    if not unit:
        return _indian_words(number)
    return f"{_indian_words(number)} {unit}"


def _plain(number: Decimal) -> str:
    """52 -> "52", 52.50 -> "52.5", 1.234 -> "1.23": at most two decimals, no trailing zeros."""
    rounded = number.quantize(Decimal("0.01")) if number != number.to_integral_value() else number
    text = format(rounded.normalize(), "f")
    return text


def _indian_words(number: Decimal) -> str:
    """Indian scale words: 37500000000 -> "3,750 crore", 300000 -> "3 lakh", 5000 -> "5,000"."""
    crore, lakh = Decimal(10_000_000), Decimal(100_000)
    if abs(number) >= Decimal(10) ** 12:
        return f"{_grouped(number / (crore * lakh))} lakh crore"
    if abs(number) >= crore:
        return f"{_grouped(number / crore)} crore"
    if abs(number) >= lakh:
        return f"{_grouped(number / lakh)} lakh"
    return _grouped(number)


def _western_words(number: Decimal) -> str:
    for scale, word in ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
        if abs(number) >= scale:
            return f"{_grouped(number / scale)} {word}"
    return _grouped(number)


def _grouped(number: Decimal) -> str:
    """Thousands separated by commas (1,000; 12,500), decimals kept to two places."""
    text = _plain(number)
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    grouped = f"{int(whole):,}"
    return f"{sign}{grouped}{'.' + frac if frac else ''}"


def quote_label(text: str) -> str:
    """The quotation's words in quotation marks, shortened at a word boundary to about 80 characters."""
    text = " ".join(text.split())
    if len(text) > QUOTE_LABEL_CHARS:
        cut = text[:QUOTE_LABEL_CHARS].rsplit(" ", 1)[0]
        text = cut.rstrip(",.;:") + "\u2026"
    return f"\u201c{text}\u201d"


__all__ = ["ENTITY_KINDS", "RELATIONS", "figure_label", "load_entity_graph", "quote_label"]
