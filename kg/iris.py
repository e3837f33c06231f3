"""Every IRI kg writes is minted here, deterministically, from stable keys.

Entity IRIs are readable: `id/organisation/kalpa-retail`, `id/district/agra`. Things that belong to one
article (sentences, mentions, facts) live under that article's IRI and are keyed by character offsets,
so the same input always gives the same IRIs.
"""

from __future__ import annotations

import re
import unicodedata

from kg.kinds import SEGMENTS
from kg.vocab import KGID

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)

# The IRI path segment for each kind of entity, from the kinds table (kg/data/entity_kinds.csv). Places are
# split by kind because the same name can be a city and a district (Varanasi the city is not the district).
ENTITY_SEGMENTS = SEGMENTS


def slug(text: str) -> str:
    """A lowercase, hyphenated form of `text` for an IRI path: "Zari-Zardozi Work" -> "zari-zardozi-work"."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("'", "").replace("\u2019", "")
    return _NON_WORD.sub("-", folded).strip("-_") or "x"


def entity(kind: str, name: str) -> str:
    return f"{KGID.base}{ENTITY_SEGMENTS[kind]}/{slug(name)}"


def article(doc_id: str) -> str:
    return f"{KGID.base}article/{doc_id}"


def sentence(doc_id: str, index: int) -> str:
    return f"{article(doc_id)}/sentence/{index}"


def fact(doc_id: str, kind: str, start: int, end: int, n: int = 0) -> str:
    """A fact read from characters start..end of an article; `n` tells apart several facts of one span."""
    suffix = f"-{n}" if n else ""
    return f"{article(doc_id)}/{slug(kind)}/{start}-{end}{suffix}"


def period(key: str) -> str:
    return f"{KGID.base}period/{slug(key)}"


def graph(name: str) -> str:
    """Named graphs: one per article (`graph("article/<id>")`), plus entities, reference, inferred, ontology."""
    return f"{KGID.base}graph/{name}"


def document_id(relative_path: str) -> str:
    """The id of an article, from its path under the seeds folder without the extension."""
    stem = relative_path.rsplit(".", 1)[0] if "." in relative_path.rsplit("/", 1)[-1] else relative_path
    return "/".join(slug(part) for part in stem.split("/"))


def document_ids(relative_paths: list[str]) -> dict[str, str]:
    """A distinct id for each article path. Paths whose plain ids collide ("a.txt", "a.md", "A.txt" are all
    "a") each get a suffix from a hash of their exact path, so an id never depends on which other files
    exist; every other path keeps its plain id, so IRIs stay stable."""
    import hashlib

    plain = {p: document_id(p) for p in relative_paths}
    users: dict[str, int] = {}
    for doc_id in plain.values():
        users[doc_id] = users.get(doc_id, 0) + 1
    ids = {}
    taken = {i for i, n in users.items() if n == 1}
    for path in sorted(relative_paths):
        doc_id = plain[path]
        if users[doc_id] > 1:
            digest = hashlib.sha256(path.encode("utf-8")).hexdigest()
            size = 8
            while f"{doc_id}-{digest[:size]}" in taken:
                size += 4
            doc_id = f"{doc_id}-{digest[:size]}"
            taken.add(doc_id)
        ids[path] = doc_id
    return ids
