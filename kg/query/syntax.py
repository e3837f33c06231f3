"""Syntax errors of `kg query` with the right line and column, the offending line and a caret.

Oxigraph's parser reports the furthest place it looked at, which is often the end of the query (with a
long "expected one of CEIL, LANG, RAND, ..." list), not where the query goes wrong. So the place is found
here: the query is cut into tokens, and the error is at the first token that no valid query can have
after the text before it. Whether a prefix of the query can still become a query is asked of Oxigraph
itself, by closing the prefix's open brackets (with a term or `AS ?v` where one may be missing) and
parsing that; each parse takes microseconds, and only a failed query pays for them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from kg.errors import QuerySyntaxError
from kg.query.lexer import first_keyword, mask, undeclared_prefix

if TYPE_CHECKING:
    from pyoxigraph import Store

_QUERY_FORMS = frozenset(("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"))
_POSITION = re.compile(r"error at (\d+):(\d+): ", re.DOTALL)
_CHAR_RANGE = re.compile(r"\[[^\[\]]*(?:\.\.=|\[_\]|_\])[^\[\]]*\]|\[_\]")

_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | '''(?:[^'\\]|\\.|'(?!''))*'''
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n\r]|\\.)*'
    | "(?:[^"\\\n\r]|\\.)*"
    | <[^<>"{}|^`\\\x00-\x20]*>
    | [?$]\w+
    | (?:[A-Za-z_][\w.-]*)?:[\w.%:-]*(?<!\.)
    | [A-Za-z_]\w*
    | \d+(?:\.\d*)?(?:[eE][+-]?\d+)? | \.\d+(?:[eE][+-]?\d+)?
    | \^\^ | && | \|\| | != | <= | >=
    | \S
    """,
    re.VERBOSE | re.DOTALL,
)
# A prefixed name with a "/" in it (kg:district/agra): a path step such as kgo:a/kgo:b has a colon after
# the slash, so it is not one.
_SLASHED_NAME = re.compile(r"(?<![\w?$:<])((?:[A-Za-z][\w-]*)?):([\w.%-]*(?:/[\w.%-]+)+)(?![\w.%-]*:)")

# Ways to finish a query cut short: something where a term or a keyword's argument may be missing, then
# the open brackets closed (a "(" perhaps after "AS ?v", as in a SELECT expression or BIND), then what a
# query needs after that. Each filler says what the user's text lacked there, for the message.
_VALUE = "where a value (a variable, IRI, number or string) should be"
_FILLERS: tuple[tuple[str, str], ...] = (
    ("", ""), (" ?_", _VALUE), (" 1", _VALUE), (" <urn:x:> ?_", _VALUE), (" ?_ ?_", ""), (" ?_ ?_ ?_", ""),
    (" ?_ ?_ .", ""), (" = 1", ""), ("(1)", 'where "(" should be'), ("(?_)", 'where "(" should be'),
    ("(1 AS ?_)", 'where "(" should be'), (" {}", 'where "{" should be'), (" ?_ {}", ""),
    (" * {}", ""), (" BY", "where BY should be"), (" EXISTS {}", ""), (" IN (1)", ""), (" *", ""),
    (" p: <urn:x:>", ""), (' = ","', ""), (" VARS", _VALUE), (" 1, 1", _VALUE), ("(1, 1)", 'where "(" should be'),
    (", 1", ""), (' SEPARATOR = ","', ""), (' "x"', _VALUE),
)
_TAILS = ("", " {}", " WHERE {}", " {} WHERE {}", " SELECT * {}")
_OPENERS = {")": "(", "}": "{", "]": "["}
_CHOICE_DEPTH = 4
_VARIABLE = re.compile(r"[?$]\w+")
_LAST_WORD = re.compile(r"[?$\w:]+(?=\s*$)")
# Words a bracket may follow that are not functions taking several arguments.
_KEYWORDS_BEFORE_BRACKETS = frozenset(("SELECT", "DISTINCT", "REDUCED", "FILTER", "HAVING", "BY", "IN", "AS",
                                       "EXISTS", "NOT", "WHERE", "VALUES", "ASC", "DESC", "COUNT", "SUM",
                                       "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", "STR", "LCASE", "UCASE"))
_SUBSELECT = re.compile(r"\s*SELECT\b", re.IGNORECASE)
_NAMED = re.compile(r"\bAS\s+([?$]\w+)", re.IGNORECASE)


class _Oracle:
    """Says whether a text is the start of some query Oxigraph parses."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        from pyoxigraph import Store

        self.store: Store = Store()
        self.prefixes = dict(prefixes)

    def parses(self, text: str) -> bool:
        """True if `text` is a query, or fails only for its meaning (an ungrouped variable, say)."""
        try:
            self.store.query(text, prefixes=self.prefixes)
        except SyntaxError as exc:
            return bool(_sentences(str(exc)))
        except Exception:  # noqa: BLE001 - it parsed; evaluating it on an empty store does not matter
            return True
        return True

    def completion(self, prefix: str) -> tuple[str, str] | None:
        """The filler (and what it says was missing) with which `prefix` becomes a query, or None."""
        code = mask(prefix)
        stack = _open_brackets(code)
        if stack is None:
            return None
        # A sub-SELECT cut short may need its WHERE group, and GROUP BY for the variables beside an
        # aggregate; a function call more arguments; BIND and a SELECT expression "AS ?v". The innermost
        # brackets get these choices, outer ones are simply closed.
        named = set(_NAMED.findall(code))
        group = " GROUP BY " + " ".join(sorted(set(_VARIABLE.findall(code)) - named)) + " }"
        options: list[tuple[str, ...]] = []
        for depth, (bracket, at) in enumerate(reversed(stack)):
            if bracket == "{" and _SUBSELECT.match(code, at + 1):
                choice: tuple[str, ...] = (" }", " {} }", " {}" + group, group)
            elif bracket == "{":
                choice = (" }",)
            elif bracket == "[":
                choice = (" ]",)
            else:
                before = _LAST_WORD.search(code, 0, at)
                word = before.group().upper() if before else ""
                if word == "BIND":
                    choice = (" AS ?_new)", ")")
                elif word and word[0] not in "?$" and word not in _KEYWORDS_BEFORE_BRACKETS:
                    choice = (")", ", 1)", ", 1, 1)")  # a function's arguments
                else:
                    choice = (")", " AS ?_new)")
            options.append(choice if depth < _CHOICE_DEPTH else choice[:1])
        tails = _TAILS if "{" not in code else ("", " WHERE {}")
        for filler, missing in _FILLERS:
            if filler in (" BY", " VARS"):  # GROUP BY cut short: by what the aggregates need (see above)
                filler = filler.removesuffix(" VARS") + group.removesuffix(" }").removeprefix(" GROUP BY")
            for closers in itertools.product(*options):
                end = "".join(closers)
                if any(self.parses(prefix + filler + end + tail) for tail in tails):
                    return filler, missing
        return None


def _open_brackets(code: str) -> list[tuple[str, int]] | None:
    """The brackets still open at the end of `code` (strings and IRIs masked) and their offsets, or None
    if one closes wrongly."""
    stack: list[tuple[str, int]] = []
    for i, c in enumerate(code):
        if c in "({[":
            stack.append((c, i))
        elif c in _OPENERS:
            if not stack or stack[-1][0] != _OPENERS[c]:
                return None
            stack.pop()
    return stack


def _tokens(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text) if m.lastgroup != "comment"]


def locate(text: str, prefixes: Mapping[str, str]) -> tuple[int, str]:
    """Where the query in `text` goes wrong: the offset of the first token no query can have there (or
    len(text) if the query only stops too early), and what was missing before it ("" if nothing)."""
    tokens = _tokens(text)
    oracle = _Oracle(prefixes)
    if oracle.completion(text) is not None:
        return len(text), ""
    # A prefix that can become a query stays so when cut shorter, so the longest is found by bisection.
    lo, hi = 0, len(tokens) - 1  # the first `lo` tokens can become a query, the first `hi + 1` cannot
    found: dict[int, tuple[str, str]] = {}
    while lo < hi:
        mid = (lo + hi + 1) // 2
        filler = oracle.completion(text[: tokens[mid - 1][1]])
        if filler is not None:
            lo, found[mid] = mid, filler
        else:
            hi = mid - 1
    missing = found.get(lo) or oracle.completion(text[: tokens[lo - 1][1]] if lo else "") or ("", "")
    return tokens[lo][0], missing[1]


def syntax_error(text: str, message: str, prefixes: Mapping[str, str]) -> QuerySyntaxError:
    """The engine's message about `text` as "query syntax error at line L, column C: ..." with the line
    and a caret. Lines and columns count from 1 in the user's own text (predeclared prefixes add none)."""
    first = first_keyword(text)
    unknown = undeclared_prefix(text, prefixes)
    if first and first[0] not in _QUERY_FORMS:
        detail = f"a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE (after PREFIX lines), not {first[0]}"
        return _with_caret(text, first[1], detail)
    if unknown:
        name = unknown[0]
        return _with_caret(text, unknown[1], f"unknown prefix {name}: (declare it with PREFIX {name}: <...>)")
    engine = _POSITION.match(message)
    sentences = _sentences(message[engine.end():] if engine else message)
    if sentences:
        # Not a matter of syntax but of meaning (an unbound variable in SELECT, SELECT * with GROUP BY):
        # the engine's own words, where it noticed.
        offset = _offset(text, int(engine.group(1)), int(engine.group(2))) if engine else len(text)
        return _with_caret(text, min(offset, _end_of_last_token(text)), "; ".join(sentences))
    offset, missing = locate(text, prefixes)
    slashed = _slashed_name(text, offset, prefixes)
    if slashed:
        return _with_caret(text, slashed[0], slashed[1])
    if offset >= len(text.rstrip()):
        code = mask(text)
        stack = _open_brackets(code) or []
        detail = "the query ends too early"
        if stack:
            bracket, at = stack[-1]
            line, col = _line_col(text, at)
            detail = f"the query ends before the {bracket!r} of line {line}, column {col} is closed"
        return _with_caret(text, _end_of_last_token(text), detail)
    tokens = _tokens(text)
    index = next((i for i, (s, _) in enumerate(tokens) if s == offset), None)
    token = text[offset:tokens[index][1]] if index is not None else text[offset:offset + 1]
    if token in ('"', "'"):
        return _with_caret(text, offset, "a string that is not closed on its line")
    if index and token[:1] in "?$" and text[slice(*tokens[index - 1])].upper() == "AS":
        return _with_caret(text, offset, f"{token} is in use before this AS: BIND and SELECT need a new variable")
    return _with_caret(text, offset, f"unexpected {_quote(token)}" + (f" {missing}" if missing else ""))


def _slashed_name(text: str, offset: int, prefixes: Mapping[str, str]) -> tuple[int, str] | None:
    code = mask(text)
    for m in _SLASHED_NAME.finditer(code):
        if m.start() <= offset <= m.end():
            name = text[m.start():m.end()]
            base = prefixes.get(m.group(1))
            full = f" <{base}{m.group(2)}>" if base else " <...>"
            what = "entity IRIs" if base and base.endswith("/id/") else "IRIs with a slash after the prefix"
            return m.start(), (
                f'{name}: "/" cannot appear in a prefixed name; write {what} in full:{full}'
            )
    return None


def _sentences(detail: str) -> list[str]:
    """The engine's explanations among its "expected one of ..." items ("Duplicated variable name in
    SELECT"), as opposed to the tokens it expected."""
    found = _POSITION.match(detail)
    detail = detail[found.end():] if found else detail
    items = [i.strip() for i in _CHAR_RANGE.sub("", detail.removeprefix("expected").removeprefix(" one of")).split(",")]
    return [i[0].lower() + i[1:] for i in items if " " in i and i[:1].isupper() and not i.startswith('"')]


def _quote(token: str) -> str:
    return f'"{token}"' if len(token) <= 40 else f'"{token[:37]}..."'


def _end_of_last_token(text: str) -> int:
    tokens = _tokens(text)
    return tokens[-1][1] if tokens else 0


def _offset(text: str, line: int, col: int) -> int:
    """The offset of 1-based line and column (columns count characters)."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]
    if line > len(starts):
        return len(text)
    return min(starts[line - 1] + col - 1, len(text))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _with_caret(text: str, offset: int, detail: str) -> QuerySyntaxError:
    line_no, col = _line_col(text, offset)
    lines = text.split("\n")
    line = lines[line_no - 1].rstrip("\r") if line_no <= len(lines) else ""
    pad = "".join("\t" if c == "\t" else " " for c in line[: col - 1])
    return QuerySyntaxError(f"query syntax error at line {line_no}, column {col}: {detail}\n  {line}\n  {pad}^")
