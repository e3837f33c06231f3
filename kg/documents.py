"""Reading articles: wire-copy header and sign-off as metadata, the body as paragraphs and sentences.

Every offset kg records is a character offset into `Document.text`: the file decoded as UTF-8, with a
byte-order mark removed and line ends normalised to "\\n". The original file is only read, never changed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg import iris
from kg.errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md")

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}


@dataclass(frozen=True)
class Span:
    """Characters start..end of a document's text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class Document:
    id: str
    path: str
    text: str
    sha256: str
    title: Span | None = None
    date: str | None = None
    dateline: Span | None = None
    agency: Span | None = None
    paragraphs: tuple[Span, ...] = ()
    sentences: tuple[Sentence, ...] = field(default=(), repr=False)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence holding character `offset` (or the nearest one before it)."""
        found = self.sentences[0]
        for s in self.sentences:
            if s.start > offset:
                break
            found = s
        return found


# ---------------------------------------------------------------------------------------------- reading


def discover(seeds: Path) -> list[Path]:
    """The article files under `seeds`, sorted so that builds are reproducible."""
    if not seeds.exists():
        raise InputError(f"seeds folder not found: {seeds}")
    if seeds.is_file():
        return [seeds]
    files = sorted(
        p
        for p in seeds.rglob("*")
        if p.is_file()
        and p.suffix.lower() in ARTICLE_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(seeds).parts)
    )
    if not files:
        raise InputError(f"no .txt or .md articles in {seeds}")
    return files


def decode(raw: bytes, name: str) -> str:
    """Article bytes as text, or an InputError that names the file."""
    if not raw.strip():
        raise InputError(f"{name}: file is empty")
    if b"\x00" in raw:
        raise InputError(f"{name}: not a text file (it contains NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (byte {exc.start} cannot be decoded)") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\t\f\v")
    if controls > max(8, len(text) // 100):
        raise InputError(f"{name}: not a text file (it is mostly control characters)")
    return text


def read_document(path: Path, root: Path | None = None) -> Document:
    relative = path.relative_to(root).as_posix() if root and root.is_dir() else path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    text = decode(raw, str(path))
    return parse_document(text, relative, hashlib.sha256(raw).hexdigest(), name=str(path))


# ---------------------------------------------------------------------------------------------- parsing

_DATE_LINE = re.compile(r"[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*(.*)")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_PLACE = r"[A-Z][A-Za-z.'\-]+(?:[ ][A-Z][A-Za-z.'\-]+){0,3}"
_AGENCY = r"\(([A-Z][A-Za-z]{1,9})\)"
# "Lucknow, Jan 5 (IANS)", "NEW DELHI, 14 June 2023:", "Varanasi (PTI):", "Lucknow, January 5, 2022 (PTI) -"
_DATELINE = re.compile(
    # "New Delhi [India], March 3 (ANI):", "AGRA (UP), Jan 3 (PTI)"
    rf"(?P<place>{_PLACE})(?:[ ]*\[[A-Z][A-Za-z ]{{1,30}}\]|[ ]*\([A-Z][A-Za-z. ]{{1,20}}\)(?=,))?"
    rf"(?:,[ ]*(?P<date>{_MONTH}[ ]\d{{1,2}}(?:,[ ]*\d{{4}})?|\d{{1,2}}[ ]{_MONTH}(?:,?[ ]\d{{4}})?))?"
    rf"(?:[ ]*{_AGENCY})?"
    r"(?P<sep>[ ]*[:\-\u2013\u2014]+)?[ ]+"
)
_BYLINE = re.compile(r"[ \t]*By[ ]+(?:[A-Z][\w.'-]*|our|a)(?:[ ]+(?:[A-Z][\w.'-]*|our|a|staff|special))"
                     r"{0,5}[ \t]*")
_SIGN_OFF = re.compile(r"[ \t]*(?:-{1,2}|\u2013|\u2014)[ \t]*([A-Z][A-Za-z]{1,9})[ \t]*")
_SLUG_LINE = re.compile(r"[ \t]*[a-z0-9]+(?:/[a-z0-9]*)+[ \t]*")
_ABBREVIATIONS = {
    "rs", "mr", "mrs", "ms", "dr", "smt", "st", "no", "co", "ltd", "pvt", "inc", "vs", "jr", "sr", "prof",
    "gen", "col", "capt", "lt", "hon", "govt", "dept", "approx", "etc", "nos", "sh", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "e.g", "i.e", "fig", "est",
}
# A sentence ends at . ! or ? (with closing quotes) before a capital, a digit or Devanagari, or at the end.
_SENTENCE_END = re.compile(
    r"[.!?]+[\"'\u201d\u2019)]*(?=\s+[\"'\u201c\u2018(]?[A-Z0-9\u0900-\u097F])"
    r"|[.!?]+[\"'\u201d\u2019)]*$"
)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _dateline_date(raw: str, fallback_year: str | None) -> str | None:
    parts = re.findall(r"[A-Za-z]+|\d+", raw)
    month = next((MONTHS[p.lower().rstrip(".")] for p in parts if p.lower().rstrip(".") in MONTHS), None)
    numbers = [p for p in parts if p.isdigit()]
    day = next((int(n) for n in numbers if len(n) <= 2), None)
    year = next((n for n in numbers if len(n) == 4), fallback_year)
    if month and day and year:
        return f"{year}-{month:02d}-{day:02d}"
    return None


def parse_document(text: str, relative_path: str, sha256: str, name: str | None = None) -> Document:
    """Split an article's text into metadata (title, date, dateline, agency) and body sentences.

    `name` is how errors name the file (its path as the user gave it); by default `relative_path`.
    """
    name = name or relative_path
    lines = [(s, e) for s, e in _lines(text)]
    content = [(s, e) for s, e in lines if text[s:e].strip()]
    if not content:
        raise InputError(f"{name}: file is empty")

    title: Span | None = None
    date: str | None = None
    body_from = 0  # index into `content`
    first_s, first_e = content[0]
    m = _DATE_LINE.fullmatch(text[first_s:first_e])
    if m:
        date = m.group(1)
        ts, te = _strip(text, first_s + m.start(2), first_s + m.end(2))
        title = Span(ts, te, text[ts:te]) if te > ts else None
        body_from = 1
    elif len(content) > 1 and _looks_like_title(text, lines, first_s, first_e):
        ts, te = _strip(text, first_s, first_e)
        title = Span(ts, te, text[ts:te])
        body_from = 1
    elif len(content) > 2 and _BYLINE.fullmatch(text[content[1][0]:content[1][1]]):
        # A title line, then a byline ("By Our Correspondent"), then the story.
        ts, te = _strip(text, first_s, first_e)
        title = Span(ts, te, text[ts:te])
        body_from = 1
    if body_from < len(content) and _BYLINE.fullmatch(text[content[body_from][0]:content[body_from][1]]):
        body_from += 1

    # Sign-off ("--IANS") and the desk slug line after it are metadata.
    agency: Span | None = None
    body_to = len(content)
    for i in range(len(content) - 1, body_from - 1, -1):
        s, e = content[i]
        line = text[s:e]
        sign = _SIGN_OFF.fullmatch(line)
        if sign:
            agency = Span(s + sign.start(1), s + sign.end(1), sign.group(1))
            body_to = i
            break
        if not _SLUG_LINE.fullmatch(line) or i < len(content) - 2:
            break

    paragraphs: list[Span] = []
    dateline: Span | None = None
    for i in range(body_from, body_to):
        s, e = _strip(text, *content[i])
        if i == body_from:
            dl = _DATELINE.match(text, s, e)
            if dl and (dl.group("date") or dl.group(3) or dl.group("sep")) and _dateline_ok(dl.group("place")):
                dateline = Span(dl.start("place"), dl.end("place"), dl.group("place"))
                if dl.group(3):
                    agency = agency or Span(dl.start(3), dl.end(3), dl.group(3))
                if dl.group("date"):
                    date = date or _dateline_date(dl.group("date"), None)
                s = dl.end()
        if e > s:
            paragraphs.append(Span(s, e, text[s:e]))

    sentences: list[Sentence] = []
    for p_index, para in enumerate(paragraphs):
        for s, e in split_sentences(text, para.start, para.end):
            sentences.append(Sentence(len(sentences), s, e, text[s:e], p_index))
    if not sentences:
        raise InputError(f"{name}: no article text after the header")

    return Document(
        id=iris.document_id(relative_path),
        path=relative_path,
        text=text,
        sha256=sha256,
        title=title,
        date=date,
        dateline=dateline,
        agency=agency,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
    )


def _dateline_ok(place: str) -> bool:
    # "The", "According" and the like start ordinary sentences, not datelines.
    return place.split()[0].lower() not in {"the", "a", "an", "according", "in", "on", "under", "as"}


def _looks_like_title(text: str, lines: list[tuple[int, int]], s: int, e: int) -> bool:
    """A first line is a title when it is short, unpunctuated at the end and set off by a blank line."""
    line = text[s:e].strip()
    if len(line) > 200 or line[-1:] in ".!?\"'\u201d\u2019:":
        return False
    after = text[e : e + 2]
    return after.startswith("\n\n") or after == "\n" and _DATELINE.match(text, e + 1) is not None


def split_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence boundaries inside text[start:end], as offsets. Abbreviations such as "Rs." do not end one."""
    cursor = start
    for m in _SENTENCE_END.finditer(text, start, end):
        dot = m.start()
        if text[dot] == "." and _is_abbreviation(text, cursor, dot):
            continue
        s, e = _strip(text, cursor, m.end())
        if e > s:
            yield s, e
        cursor = m.end()
    s, e = _strip(text, cursor, end)
    if e > s:
        yield s, e


def _is_abbreviation(text: str, sentence_start: int, dot: int) -> bool:
    word_start = dot
    while word_start > sentence_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip("(\"'\u201c\u2018").lower()
    if word in _ABBREVIATIONS or word == "mohd" or text[word_start:dot].endswith("Md"):
        return True  # "Mohd. Saleem", "Md. Tariq": a shortened given name, not a sentence end
    # Initials ("A. K. Sharma") and dotted abbreviations ("U.P.").
    return len(word) == 1 and word.isalpha() or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))
