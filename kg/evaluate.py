"""`kg eval`: score extraction against gold files (format of shared/dev/gold) per category.

The articles are read, extracted and resolved exactly as `kg build` does, and every gold fact is matched
leniently against what was extracted from its article: case, punctuation, quote style and honorifics are
ignored, parenthesised abbreviations dropped, organisation names may be a token subset or superset of
each other, places match through the gazetteer's alternative names, quotes by prefix and numbers with a
tolerance and a unit class. Each extracted item can match at most one gold item.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kg.documents import Skipped
from kg.errors import InputError
from kg.paths import DATA_DIR

CATEGORIES = (
    "organisations", "people", "roles", "places", "products", "district-products", "programmes",
    "partnerships", "quotes", "figures",
)

_HONORIFICS = {"dr", "mr", "mrs", "ms", "smt", "shri", "sri", "prof"}
_MONEY_UNITS = {"inr", "usd"}
_PERCENT_UNITS = {"percent", "%", "per cent"}


# ----------------------------------------------------------------------------------------- normalising


def normal(text: str) -> str:
    """Lower case, no punctuation, no parenthesised abbreviation, single spaces."""
    text = re.sub(r"\([^)]*\)", " ", text)
    text = text.casefold().replace("\u2019", "'").replace("\u2018", "'").replace("&", " and ")
    text = re.sub(r"'s\b", "s", text)
    return " ".join(re.findall(r"\w+", text))


def person_normal(name: str) -> str:
    words = normal(name).split()
    while words and words[0] in _HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _tokens(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in normal(text).split() if w not in {"the", "of", "and"})


def _stem(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def names_match_loose(predicted: str, gold: str) -> bool:
    """One name's tokens are a subset of the other's ("Haatkart" ~ "Haatkart Technologies")."""
    p, g = _tokens(predicted), _tokens(gold)
    if not p or not g:
        return False
    return p <= g or g <= p


@cache
def _place_canon() -> dict[str, str]:
    """Normalised place name -> the gazetteer's canonical name, for every alternative name."""
    out: dict[str, str] = {}
    for file, name_field, alt_field in (("up_districts.csv", "district", "alt_names"),
                                        ("places.csv", "name", "alt_names")):
        path = DATA_DIR / file
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as f:
            rows = csv.DictReader(line for line in f if not line.startswith("#"))
            for row in rows:
                canon = row[name_field]
                for name in [canon, *filter(None, (row.get(alt_field) or "").split("|"))]:
                    out.setdefault(normal(name), normal(canon))
    return out


def place_normal(name: str) -> str:
    n = normal(name)
    aliases = {"up": "uttar pradesh", "u p": "uttar pradesh"}
    n = aliases.get(n, n)
    return _place_canon().get(n, n)


# ------------------------------------------------------------------------------------------ the report


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Report:
    documents: list[str]
    scores: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    # (category, document, description) of each gold item not found / extracted item not in the gold.
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    false_positives: list[tuple[str, str, str]] = field(default_factory=list)
    # Article files that could not be read (as kg build skips them); a gold file naming one scores as
    # nothing extracted.
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def overall(self) -> Score:
        total = Score()
        for s in self.scores.values():
            total.add(s)
        return total


# ------------------------------------------------------------------------------------ predicted items


@dataclass(frozen=True)
class _Predicted:
    """What one article yielded, flattened into the gold's categories."""

    organisations: list[tuple[str, ...]]  # each: all names of one organisation (name first)
    people: list[str]
    roles: list[tuple[str, str, tuple[str, ...]]]  # person, title, organisation names
    places: list[tuple[str, str]]  # name, type
    products: list[tuple[str, ...]]  # names of one product
    district_products: list[tuple[tuple[str, ...], str]]
    programmes: list[tuple[str, ...]]
    partnerships: list[tuple[tuple[str, ...], tuple[str, ...]]]
    quotes: list[tuple[str, str]]  # speaker, text
    figures: list[tuple[float, str, str]]  # value, unit, period text


_PLACE_TYPES = {
    "District": "district", "City": "city", "State": "state", "Country": "country", "Place": "place",
}


def _predicted(ex: Any, res: Any) -> _Predicted:
    from kg.extract.model import ORGANISATION_KINDS

    by_key = {e.key: e for e in ex.entities}

    def names(key: str | None) -> tuple[str, ...]:
        if key is None or key not in by_key:
            return ()
        e = by_key[key]
        out = [e.name, *e.aliases]
        if e.canonical:
            out.append(e.canonical)
        resolved = res.entities.get(res.iri_of.get((ex.doc_id, key), ""))
        if resolved is not None:
            out.extend([resolved.label, *resolved.aliases])
        return tuple(dict.fromkeys(out))

    def name(key: str | None) -> str:
        return by_key[key].name if key in by_key else ""

    ents = sorted(ex.entities, key=lambda e: e.key)
    return _Predicted(
        organisations=[names(e.key) for e in ents if e.kind in ORGANISATION_KINDS],
        people=[e.name for e in ents if e.kind == "Person"],
        roles=[(name(r.person), r.title, names(r.organisation)) for r in ex.roles],
        places=[(e.canonical or e.name, _PLACE_TYPES[e.kind]) for e in ents if e.kind in _PLACE_TYPES],
        products=[names(e.key) for e in ents if e.kind == "Product"],
        district_products=[(names(o.product), by_key[o.district].canonical or name(o.district))
                           for o in ex.origins if o.district in by_key],
        programmes=[names(e.key) for e in ents if e.kind == "Programme"],
        partnerships=[(names(p.organisations[0]), names(p.organisations[1])) for p in ex.partnerships],
        quotes=[(name(q.speaker), q.text) for q in ex.quotations],
        figures=[(float(f.value), f.unit, f.period.text if f.period else "") for f in ex.figures],
    )


# --------------------------------------------------------------------------------------------- matching


def _org_match(predicted: Sequence[str], gold: str) -> bool:
    return any(names_match_loose(p, gold) for p in predicted)


def _person_match(predicted: str, gold: str) -> bool:
    return bool(predicted) and person_normal(predicted) == person_normal(gold)


def _title_match(predicted: str, gold: str) -> bool:
    return normal(predicted) == normal(gold)


def _product_match(predicted: Sequence[str], gold: str) -> bool:
    return any(names_match_loose(p, gold) for p in predicted)


def _quote_match(predicted: tuple[str, str], gold: dict[str, Any]) -> bool:
    speaker, text = predicted
    if not _person_match(speaker, gold.get("speaker") or ""):
        return False
    return normal(text).startswith(normal(gold["text_start"]))


def _unit_class(unit: str) -> str:
    u = unit.casefold().strip()
    if u in _MONEY_UNITS:
        return u
    if u in _PERCENT_UNITS:
        return "percent"
    return "other"


def _figure_match(predicted: tuple[float, str, str], gold: dict[str, Any]) -> bool:
    value, unit, _period = predicted
    g = float(gold["value"])
    if not math.isclose(value, g, rel_tol=1e-6, abs_tol=1e-6):
        return False
    return _unit_class(unit) == _unit_class(str(gold["unit"]))


def _score(
    category: str, doc: str, gold: Sequence[Any], predicted: Sequence[Any], match: Callable[[Any, Any], bool],
    show_gold: Callable[[Any], str], show_predicted: Callable[[Any], str], report: Report,
) -> None:
    """Greedy one-to-one matching of predicted items to gold items; duplicate predictions are ignored."""
    unique: list[Any] = []
    seen: set[str] = set()
    for p in predicted:
        key = show_predicted(p).casefold()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    used = [False] * len(unique)
    score = Score()
    for g in gold:
        for i, p in enumerate(unique):
            if not used[i] and match(p, g):
                used[i] = True
                score.tp += 1
                break
        else:
            score.fn += 1
            report.misses.append((category, doc, show_gold(g)))
    for i, p in enumerate(unique):
        if not used[i]:
            score.fp += 1
            report.false_positives.append((category, doc, show_predicted(p)))
    report.scores[category].add(score)


def _score_document(name: str, gold: dict[str, Any], pred: _Predicted, report: Report) -> None:
    def first(names: Sequence[str]) -> str:
        return names[0] if names else "?"

    _score("organisations", name, gold.get("organizations", []), pred.organisations, _org_match,
           str, first, report)
    _score("people", name, [p["name"] for p in gold.get("people", [])], pred.people, _person_match,
           str, str, report)
    gold_roles = [(p["name"], r["title"], r.get("org") or "") for p in gold.get("people", [])
                  for r in p.get("roles", [])]
    _score("roles", name, gold_roles, pred.roles,
           lambda p, g: _person_match(p[0], g[0]) and _title_match(p[1], g[1])
           and (_org_match(p[2], g[2]) if g[2] else not p[2]),
           lambda g: f"{g[0]}: {g[1]} @ {g[2] or '-'}",
           lambda p: f"{p[0]}: {p[1]} @ {first(p[2]) if p[2] else '-'}", report)
    _score("places", name, [(p["name"], p["type"]) for p in gold.get("places", [])], pred.places,
           lambda p, g: place_normal(p[0]) == place_normal(g[0]) and p[1] == g[1],
           lambda g: f"{g[0]} ({g[1]})", lambda p: f"{p[0]} ({p[1]})", report)
    products = gold.get("products", [])
    _score("products", name, [p["name"] for p in products], pred.products, _product_match, str, first, report)
    _score("district-products", name, [(p["name"], p["district"]) for p in products if p.get("district")],
           pred.district_products,
           lambda p, g: _product_match(p[0], g[0]) and place_normal(p[1]) == place_normal(g[1]),
           lambda g: f"{g[0]} <- {g[1]}", lambda p: f"{first(p[0])} <- {p[1]}", report)
    _score("programmes", name, gold.get("programmes", []), pred.programmes,
           lambda p, g: any(normal(n) == normal(g) for n in p) or _org_match(p, g), str, first, report)
    _score("partnerships", name, [tuple(p) for p in gold.get("partnerships", [])], pred.partnerships,
           lambda p, g: (_org_match(p[0], g[0]) and _org_match(p[1], g[1]))
           or (_org_match(p[0], g[1]) and _org_match(p[1], g[0])),
           lambda g: f"{g[0]} + {g[1]}", lambda p: f"{first(p[0])} + {first(p[1])}", report)
    _score("quotes", name, gold.get("quotes", []), pred.quotes, _quote_match,
           lambda g: f"{g.get('speaker')}: {g['text_start']}",
           lambda p: f"{p[0] or '?'}: {p[1][:60]}", report)
    _score("figures", name, gold.get("figures", []), pred.figures, _figure_match,
           lambda g: f"{g['value']:g} {g['unit']} ({g.get('what', '')})",
           lambda p: f"{p[0]:g} {p[1]}" + (f" [{p[2]}]" if p[2] else ""), report)


# ------------------------------------------------------------------------------------------- the entry


def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """Gold files by the article file name they describe."""
    if not gold_dir.is_dir():
        raise InputError(f"gold folder not found: {gold_dir}")
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{path}: not a readable gold JSON file ({exc})") from None
        if not isinstance(data, dict) or "file" not in data:
            raise InputError(f"{path}: a gold file needs a \"file\" field naming its article")
        out[Path(str(data["file"])).name] = data
    if not out:
        raise InputError(f"no gold .json files in {gold_dir}")
    return out


def evaluate(seeds: Path, gold_dir: Path) -> Report:
    """Extract and resolve the articles in `seeds` and score them against the gold files in `gold_dir`."""
    from kg.build import extract_all, read_corpus
    from kg.resolve import resolve

    gold = load_gold(gold_dir)
    corpus = read_corpus(seeds)
    docs = corpus.documents
    extractions = extract_all(docs)
    resolution = resolve(extractions)
    by_name = {Path(d.path).name: (d, ex) for d, ex in zip(docs, extractions, strict=True)}
    scored = [n for n in gold if n in by_name]
    if not scored:
        raise InputError(f"none of the gold files in {gold_dir} names an article in {seeds}")
    report = Report(documents=sorted(gold), skipped=corpus.skipped)
    for name in sorted(gold):
        if name in by_name:
            _, ex = by_name[name]
            pred = _predicted(ex, resolution)
        else:
            pred = _Predicted([], [], [], [], [], [], [], [], [], [])
        _score_document(name, gold[name], pred, report)
    return report


def format_report(report: Report, misses: bool = True) -> str:
    """The report as text; the last four lines are the overall scores."""
    lines: list[str] = []
    if misses:
        for title, items in (("misses (in the gold, not extracted)", report.misses),
                             ("false positives (extracted, not in the gold)", report.false_positives)):
            lines.append(f"== {title}: {len(items)}")
            for category in CATEGORIES:
                for cat, doc, text in items:
                    if cat == category:
                        lines.append(f"  {category:<18} {doc:<12} {text}")
        lines.append("")
    lines.append(f"{'category':<18} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for category in CATEGORIES:
        s = report.scores[category]
        lines.append(
            f"{category:<18} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}"
        )
    total = report.overall
    lines.extend(_overall_lines(total, len(report.documents)))
    return "\n".join(lines)


def _overall_lines(total: Score, documents: int) -> Iterable[str]:
    yield f"== overall (micro-averaged over {len(CATEGORIES)} categories, {documents} documents)"
    yield f"precision {total.precision:.3f}  (tp {total.tp}, fp {total.fp})"
    yield f"recall    {total.recall:.3f}  (tp {total.tp}, fn {total.fn})"
    yield f"F1        {total.f1:.3f}"
