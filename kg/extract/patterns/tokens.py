"""What a matched token stands for in the sentence: its conjuncts, its subject, its phrase.

Small functions over spaCy's dependency parse, shared by the relations that read pattern rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kg.extract.patterns import Hit

# Left dependents that belong to a noun's own name ("the Export Facilitation Cell").
_NAME_PARTS = {"compound", "amod", "nmod", "nummod", "quantmod", "npadvmod"}
_NOUNS = {"NOUN", "PROPN"}


def members(tok: Token) -> list[Token]:
    """The token, its conjuncts ("A, B and C") and their appositions ("the Cell, Government of Bihar"),
    and the names listed after it in the text ("with A, B (BB) and the C"), which the parser often
    attaches elsewhere. A parenthesised abbreviation is an alias, not another member."""
    out: list[Token] = []
    todo = [tok]
    while todo:
        t = todo.pop(0)
        if t in out:
            continue
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ in ("conj", "appos") and c.pos_ in _NOUNS
                    and not _in_brackets(c))
        todo.extend(_listed_after(t))
    return sorted(out, key=lambda t: t.i)


def _in_brackets(tok: Token) -> bool:
    return tok.i > 0 and tok.doc[tok.i - 1].text == "("


def _listed_after(tok: Token) -> list[Token]:
    """The head of the next proper name in a surface list after `tok`'s name: ", B", " and the B"."""
    doc = tok.doc
    i = phrase_bounds(tok)[1]
    if i < len(doc) and doc[i].text == "(":  # "Orbit Standards Council (OSC)"
        close = next((j for j in range(i, min(i + 6, len(doc))) if doc[j].text == ")"), None)
        i = close + 1 if close is not None else i
    if i >= len(doc) or doc[i].text not in (",", "and", "&"):
        return []
    i += 1
    while i < len(doc) and doc[i].lower_ in ("and", "&", "the"):
        i += 1
    if i >= len(doc) or doc[i].pos_ != "PROPN" or not doc[i].text[:1].isupper():
        return []
    j = i
    while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and doc[j + 1].text[:1].isupper():
        j += 1
    if j + 1 < len(doc) and doc[j + 1].pos_ in ("VERB", "AUX"):
        return []  # "with Acme, Zenith said": the next clause's subject
    return [doc[j]]


def subject(tok: Token) -> Token | None:
    """Who does what `tok` names: a verb's subject (or passive agent), a noun's possessor, the subject of
    the clause a participle or prepositional phrase hangs on ("X, having tied up with Y" -> X)."""
    t: Token | None = tok
    for level in range(6):
        if t is None:
            return None
        for c in t.children:
            if c.dep_ in ("nsubj", "poss") and c is not tok:
                if c.lower_ in ("which", "that", "who") and t.dep_ == "relcl":
                    return t.head  # "Acme, which signed an MoU with X": the noun the clause describes
                return c
            if c.dep_ == "nsubjpass" and c.pos_ == "PROPN":
                return c
            if c.dep_ == "agent" and level <= 1:  # not the agent of a clause further up ("a round led by X")
                by = [g for g in c.children if g.dep_ == "pobj"]
                if by:
                    return by[0]
        if t.dep_ == "acl" and t.head.pos_ in _NOUNS and t.head.i < t.i:
            return t.head  # "the company, having tied up with Y"
        if t.dep_ in ("ROOT", "ccomp", "parataxis", "relcl") or t.head is t:
            return None  # not across reported speech ("Rao said an MoU would be signed")
        t = t.head
    return None


def phrase_bounds(tok: Token) -> tuple[int, int]:
    """Token indexes [start, end) of the name `tok` heads: its compounds and modifiers, and an
    "of" phrase with a proper noun ("Government of Bihar")."""
    start = tok.i
    for c in tok.lefts:
        if c.dep_ in _NAME_PARTS:
            start = min(start, c.left_edge.i)
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            objects = [g for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
            if objects and tok.pos_ == "PROPN":
                end = objects[0].i + 1
        elif c.dep_ in ("compound", "flat") and c.i == end:
            end = c.i + 1
    doc = tok.doc
    while end < len(doc) and tok.pos_ == "PROPN" and doc[end].pos_ == "PROPN" and doc[end - 1].head.i >= end:
        end += 1  # "Zenith Crafts" when the match captured "Zenith"
    while start < tok.i and doc[start].pos_ in ("DET", "PUNCT", "SPACE"):
        start += 1
    return start, end


def phrase(tok: Token) -> str:
    start, end = phrase_bounds(tok)
    return tok.doc[start:end].text


def char_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets of tokens [start, end)."""
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def pair_sides(hit: Hit) -> list[tuple[Token | None, Token]]:
    """The (a, b) token pairs a two-sided row yields; a is None for an unnamed subject the row allows."""
    row = hit.row
    for name in row.options.get("unless_with", []):
        if any(c.lower_ == "with" for c in hit.tokens[name].children):
            return []

    def side(spec: str) -> list[Token | None]:
        if spec.startswith("subject:"):
            who = subject(hit.tokens[spec.removeprefix("subject:")])
            if who is None:
                return [None] if row.options.get("implicit_subject") else []
            return list(members(who))
        if row.matcher == "tokens":
            return [hit.tokens[spec]]  # the sequence has delimited the names already
        return list(members(hit.tokens[spec]))

    if row.options.get("among"):
        group = [t for t in side(row.yields["a"]) if t is not None]
        return [(x, y) for i, x in enumerate(group) for y in group[i + 1:]]
    return [(x, y) for x in side(row.yields["a"]) for y in side(row.yields["b"]) if y is not None and x is not y]
