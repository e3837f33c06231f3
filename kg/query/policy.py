"""What a query may do, decided from its tokens as the engine reads them: no SERVICE, no update, no
nesting or size that could crash the engine.

`check_query(text)` is the one gate every command that runs SPARQL goes through (`kg query`, `kg viz
--query`, `kg export --query`, `kg serve`). It raises QueryRefusedError (exit code 2) with the reason.

Why tokens and not a text pattern: Oxigraph 0.5's parser is a PEG grammar whose keywords need no word
boundary, so `SERVICE:sparql` is the keyword SERVICE and the prefixed name `:sparql`, `SERVICESILENT<x>`
is SERVICE SILENT <x>, and `{}SERVICE<x>{}` needs no space. The tokenizer below follows the grammar's
lexical rules (strings, IRIs, comments, variables, prefixed names with their dotted-tail quirk), so what
hides a word from it hides it from the engine too. One lexeme depends on context: `<` starts an IRI,
except after an operand inside an expression, where it is "less than". Both readings are checked, so a
query cannot hide SERVICE inside what one reading takes for an IRI and the other for a comparison and a
comment. pyoxigraph has no parse-only call that exposes the algebra and no switch to turn its HTTP client
off, and rdflib's parser costs about 85 ms to import on kg query's path; this costs microseconds.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kg.query.errors import QueryRefusedError

# Past these, Oxigraph's recursive parser and optimiser overflow the stack (5,000 nested brackets crash an
# 8 MB stack; the limits leave a wide margin, and queries run on a larger stack, see kg/query/worker.py).
MAX_QUERY_CHARS = 100_000
MAX_NESTING = 128

_PN_CHARS = r"[\w\-\u00B7\u0300-\u036F\u203F-\u2040]"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PN_PREFIX = rf"[^\W\d_]{_PN_CHARS}*(?:\.+{_PN_CHARS}+)*"
# As in the grammar: the local part may end in ONE run of dots and more characters (`ex:a.b.c` is read
# as `ex:a.b` then `.c`).
_PN_LOCAL = rf"(?:[\w:]|{_PLX})(?:{_PN_CHARS}|:|{_PLX})*(?:\.+(?:{_PN_CHARS}|:|{_PLX})+)?"

_TOKEN = re.compile(
    rf"""
      (?P<space>[\ \t\n\r]+)
    | (?P<comment>\#[^\r\n]*)
    | (?P<string>'''(?:'{{0,2}}(?:[^'\\]|\\.))*'''
        | \"\"\"(?:\"{{0,2}}(?:[^"\\]|\\.))*\"\"\"
        | '(?:[^'\\\n\r]|\\.)*'
        | "(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{{4}}|\\U[0-9A-Fa-f]{{8}})*>)
    | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
    | (?P<word>_:[\w](?:[\w.\-]*[\w\-])?
        | (?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?
        | [^\W\d]\w*)
    | (?P<number>\d+\.\d*[eE][+-]?\d+ | \.\d+[eE][+-]?\d+ | \d+[eE][+-]?\d+ | \d*\.\d+ | \d+)
    | (?P<punct>\^\^ | && | \|\| | != | <= | >= | .)
    """,
    re.VERBOSE | re.DOTALL,
)

_OPERAND_KINDS = frozenset(("string", "iri", "var", "word", "number"))
_UPDATE_WORDS = frozenset(("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"))
_SERVICE = re.compile("SERVICE", re.IGNORECASE)
# What may stand between SERVICE and its `{`: SILENT and a variable, IRI or prefixed name.
_SERVICE_NAME_TOKENS = 2
_OPENERS = {")": "(", "}": "{", "]": "["}


class Token(NamedTuple):
    kind: str
    text: str
    start: int


def tokens(text: str, less_than_after_operands: bool = True) -> list[Token]:
    """The significant tokens of `text` (no spaces or comments), as Oxigraph's grammar cuts them.

    With `less_than_after_operands`, a `<` that follows an operand inside round brackets is the
    comparison, as the engine reads it in an expression; otherwise `<` always starts an IRI when one fits.
    """
    out: list[Token] = []
    brackets: list[str] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        assert m is not None  # the last alternative matches any character
        kind = m.lastgroup or "punct"
        if (
            kind == "iri" and less_than_after_operands and brackets[-1:] == ["("]
            and out and (out[-1].kind in _OPERAND_KINDS or out[-1].text in (")", "]"))
        ):
            m = _TOKEN.match(text[: pos + 1], pos)  # the `<` alone
            assert m is not None
            kind = "punct"
        value = m.group()
        if kind not in ("space", "comment"):
            out.append(Token(kind, value, pos))
            if kind == "punct" and value in "({[":
                brackets.append(value)
            elif kind == "punct" and value in _OPENERS and brackets[-1:] == [_OPENERS[value]]:
                brackets.pop()
        pos = m.end()
    return out


def check_query(text: str) -> None:
    """Raise QueryRefusedError unless `text` is a query kg may run: read-only (no SPARQL Update), offline
    (no SERVICE in any form, anywhere), at most MAX_QUERY_CHARS long and MAX_NESTING brackets deep."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryRefusedError(
            f"the query is {len(text):,} characters long; kg runs queries of at most {MAX_QUERY_CHARS:,}"
        )
    as_iris = tokens(text, less_than_after_operands=False)
    _check_update(as_iris)
    _check_nesting(text, as_iris)
    for reading in (as_iris, tokens(text)):
        service = _service_call(reading)
        if service is not None:
            line = text.count("\n", 0, service) + 1
            raise QueryRefusedError(
                f"SERVICE (line {line}) is refused: kg query does not send queries over the network"
            )


def _check_update(toks: list[Token]) -> None:
    i = 0
    # The prologue: BASE <iri> and PREFIX name: <iri>.
    while i < len(toks) and toks[i].text.upper() in ("BASE", "PREFIX"):
        i += 3 if toks[i].text.upper() == "PREFIX" else 2
    if i < len(toks) and toks[i].kind == "word":
        word = re.match(r"[A-Za-z]+", toks[i].text)
        if word and word.group().upper() in _UPDATE_WORDS:
            raise QueryRefusedError(
                f"SPARQL Update ({word.group().upper()}) is refused: kg query is read-only; "
                "change the articles and run kg build instead"
            )


def _check_nesting(text: str, toks: list[Token]) -> None:
    depth = 0
    for tok in toks:
        if tok.kind != "punct":
            continue
        if tok.text in "({[":
            depth += 1
            if depth > MAX_NESTING:
                line = text.count("\n", 0, tok.start) + 1
                raise QueryRefusedError(
                    f"the query nests brackets more than {MAX_NESTING} deep (line {line}); "
                    "kg refuses it rather than risk the engine crashing"
                )
        elif tok.text in ")}]":
            depth = max(depth - 1, 0)


def _service_call(toks: list[Token]) -> int | None:
    """The offset of the first SERVICE keyword the engine could read in `toks`, or None.

    A word is a candidate when SERVICE starts its prefix part (the keyword needs no boundary after it:
    `SERVICE:name`, `SERVICESILENT`) or follows a literal word the engine stops at (`trueSERVICE`). It
    is a call when a `{` follows after at most SILENT and a name, with nothing that closes a group."""
    for i, tok in enumerate(toks):
        if tok.kind != "word":
            continue
        head = tok.text.split(":", 1)[0]
        found = _SERVICE.search(head)
        if found is None:
            continue
        before = head[: found.start()]
        if before and before.lower() not in ("true", "false", "a", "undef"):
            continue
        following = toks[i + 1: i + 2 + _SERVICE_NAME_TOKENS]
        for nxt in following:
            if nxt.text == "{":
                return tok.start + found.start()
            if nxt.kind == "punct" and nxt.text in "}(),;.":
                break
    return None
