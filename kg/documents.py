"""Reading articles: wire-copy header and sign-off as metadata, the body as paragraphs and sentences.

Every offset kg records is a character offset into `Document.text`: the file decoded as UTF-8, with a
byte-order mark removed and line ends normalised to "\\n". The original file is only read, never changed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg import iris
from kg.errors import InputError
from kg.paths import DATA_DIR

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


@dataclass(frozen=True)
class Skipped:
    """An article file the build left out, and why."""

    path: str  # relative to the seeds folder
    reason: str
    name: str  # the file as the user named it, for messages

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


@dataclass
class Discovery:
    """The article files under a seeds folder, and those refused before reading (links out of the folder)."""

    root: Path
    files: list[Path]
    skipped: list[Skipped]


def find_articles(seeds: Path) -> Discovery:
    """The article files under `seeds`, sorted so that builds are reproducible.

    A file reached through a symbolic link that leads out of `seeds` is refused: a link to /etc/passwd
    must not be published in the graph.
    """
    if not seeds.exists():
        raise InputError(f"seeds folder not found: {seeds}")
    if seeds.is_file():
        return Discovery(seeds.parent, [seeds], [])
    real_root = seeds.resolve()
    files: list[Path] = []
    skipped: list[Skipped] = []
    for p in sorted(seeds.rglob("*")):
        relative = p.relative_to(seeds)
        if p.suffix.lower() not in ARTICLE_SUFFIXES or any(part.startswith(".") for part in relative.parts):
            continue
        try:
            target = p.resolve(strict=True)
        except (OSError, RuntimeError):  # a dangling link or a loop
            skipped.append(Skipped(relative.as_posix(), "a broken symbolic link", str(p)))
            continue
        if not target.is_relative_to(real_root):
            skipped.append(Skipped(relative.as_posix(), "a symbolic link to a file outside the seeds folder", str(p)))
        elif target.is_file():
            files.append(p)
    if not files and not skipped:
        raise InputError(f"no .txt or .md articles in {seeds}")
    return Discovery(seeds, files, skipped)


def discover(seeds: Path) -> list[Path]:
    """The article files under `seeds` that may be read (see `find_articles`)."""
    return find_articles(seeds).files


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
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(f"{name}: too long for one article ({len(text):,} characters; the limit is "
                         f"{MAX_ARTICLE_CHARS:,}): split it into articles")
    return text


# Extraction time grows faster than an article's length; a news story is a few thousand characters, so
# this bounds what one file can cost (about 2 s) without refusing real copy.
MAX_ARTICLE_CHARS = 100_000


def read_document(path: Path, root: Path | None = None, doc_id: str | None = None) -> Document:
    """The article in `path`; `doc_id` (see kg.iris.document_ids) defaults to the id of its path alone."""
    relative = path.relative_to(root).as_posix() if root and root.is_dir() else path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    text = decode(raw, str(path))
    return parse_document(text, relative, hashlib.sha256(raw).hexdigest(), name=str(path), doc_id=doc_id)


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


def parse_document(
    text: str, relative_path: str, sha256: str, name: str | None = None, doc_id: str | None = None
) -> Document:
    """Split an article's text into metadata (title, date, dateline, agency) and body sentences.

    `name` is how errors name the file (its path as the user gave it); by default `relative_path`.
    `doc_id` is the article's id when the caller gave ids to a whole corpus (kg.iris.document_ids).
    """
    name = name or relative_path
    lines = list(_lines(text))
    content = [(s, e) for s, e in lines if text[s:e].strip()]
    if not content:
        raise InputError(f"{name}: file is empty")
    title, date, body = _header(text, lines, content)
    agency, body = _sign_off(text, body)
    paragraphs, dateline, found_agency, found_date = _body(text, body)
    agency = agency or found_agency
    date = date or found_date
    paragraphs = _drop_cut_off_ending(text, paragraphs)
    sentences: list[Sentence] = []
    for p_index, para in enumerate(paragraphs):
        for s, e in split_sentences(text, para.start, para.end):
            sentences.append(Sentence(len(sentences), s, e, text[s:e], p_index))
    if not sentences:
        raise InputError(f"{name}: no article text after the header")

    return Document(
        id=doc_id or iris.document_id(relative_path),
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


Lines = list[tuple[int, int]]


def _header(text: str, lines: Lines, content: Lines) -> tuple[Span | None, str | None, Lines]:
    """The title, the date of the ` date` line and the body lines (the first may start mid-line)."""
    first_s, first_e = content[0]
    body = content[1:]
    m = _DATE_LINE.fullmatch(text[first_s:first_e])
    if m:
        ts, te = _strip(text, first_s + m.start(2), first_s + m.end(2))
        title, inline = _title_and_inline_body(text, ts, te, alone=not body)
        return title, m.group(1), ([inline] if inline else []) + _skip_byline(text, body)
    if body and (_looks_like_title(text, lines, first_s, first_e)
                 or len(body) > 1 and _BYLINE.fullmatch(text[body[0][0]:body[0][1]])):
        # A title line (perhaps then a byline such as "By Our Correspondent"), then the story.
        ts, te = _strip(text, first_s, first_e)
        return Span(ts, te, text[ts:te]), None, _skip_byline(text, body)
    return None, None, _skip_byline(text, content)


def _skip_byline(text: str, body: Lines) -> Lines:
    return body[1:] if body and _BYLINE.fullmatch(text[body[0][0]:body[0][1]]) else body


# A title that runs on into the story on the date line: the story starts at a dateline with a date or an
# agency ("... on Kraftly Lucknow, Aug 21 (IANS) Artisans ...").
_INLINE_DATELINE = re.compile(
    rf"(?<![\w-])(?={_PLACE}(?:[ ]*\([A-Z][A-Za-z. ]{{1,20}}\))?,[ ]*(?:{_MONTH}[ ]\d|\d{{1,2}}[ ]{_MONTH})"
    rf"|{_PLACE}[ ]*{_AGENCY})")


def _title_and_inline_body(text: str, s: int, e: int, alone: bool) -> tuple[Span | None, tuple[int, int] | None]:
    """Split the date line's words into a title and the story when the story is on that line too."""
    if e <= s:
        return None, None
    sentences = list(split_sentences(text, s, e))
    if not alone and (len(sentences) < 2 or e - s < 160):
        return Span(s, e, text[s:e]), None
    for m in _INLINE_DATELINE.finditer(text, s, min(e, s + 300)):
        dl = _DATELINE.match(text, m.start(), e)
        if dl and (dl.group("date") or dl.group(3)) and _dateline_ok(dl.group("place")):
            at = _shortest_place_start(text, m.start(), dl.end("place"))
            ts, te = _strip(text, s, at)
            return (Span(ts, te, text[ts:te]) if te > ts else None), (at, e)
    return None, (s, e)


def _shortest_place_start(text: str, start: int, place_end: int) -> int:
    """Where the dateline's place starts: its last word, or its last two when they name a known place
    ("New Delhi"), since the title's last words run into it."""
    words = [m.start() for m in re.finditer(r"[A-Z][A-Za-z.'\-]+", text[start:place_end])]
    if len(words) >= 2 and text[start + words[-2]:place_end].casefold() in _multiword_places():
        return start + words[-2]
    return start + words[-1] if words else start


@cache
def _multiword_places() -> frozenset[str]:
    names: set[str] = set()
    for file in ("up_districts.csv", "places.csv"):
        for line in (DATA_DIR / file).read_text(encoding="utf-8").splitlines()[1:]:
            first = line.split(",")[0].strip()
            alts = line.split(",")[2].split("|") if line.count(",") >= 2 else []
            names.update(n.strip().casefold() for n in [first, *alts] if " " in n.strip())
    return frozenset(names)


# "--IANS", "-- PTI", and at the end of the last line "... --IANS nsh/rb"; "PTI SAB RHL" (agency and desk).
_TRAILING_SIGN_OFF = re.compile(r"[ \t]+(?:-{1,2}|\u2013|\u2014)[ \t]*([A-Z][A-Za-z]{1,9})"
                                r"(?:[ \t]+[a-z0-9]+(?:/[a-z0-9]*)+)?[ \t]*$")
_DESK_LINE = re.compile(r"[ \t]*\(?([A-Z]{2,6})(?:\)|(?:[ \t]+[A-Z]{2,4}){1,3})[ \t]*")


def _sign_off(text: str, body: Lines) -> tuple[Span | None, Lines]:
    """The agency of a sign-off ("--IANS") and the body lines without it and the desk slug after it."""
    for i in range(len(body) - 1, -1, -1):
        s, e = body[i]
        line = text[s:e]
        sign = _SIGN_OFF.fullmatch(line) or _DESK_LINE.fullmatch(line)
        if sign:
            return Span(s + sign.start(1), s + sign.end(1), sign.group(1)), body[:i]
        if not _SLUG_LINE.fullmatch(line) or i < len(body) - 2:
            break
    if body:
        s, e = body[-1]
        trailing = _TRAILING_SIGN_OFF.search(text, s, e)
        if trailing and trailing.start() > s:
            return Span(trailing.start(1), trailing.end(1), trailing.group(1)), [*body[:-1], (s, trailing.start())]
    return None, body


# "(NewsFlow Asia- Indo-Asian News Service) Lucknow, ...": a syndication feed before the dateline.
_FEED = re.compile(r"\([A-Z][^()\n]{1,60}?-[ ]*[A-Z][^()\n]{1,60}\)")
_SOURCE = re.compile(r"[ ]*\(Source:[ ]*[^()\n]{1,60}\)[ ]*$")


def _body(text: str, body: Lines) -> tuple[list[Span], Span | None, Span | None, str | None]:
    """Paragraphs, and the dateline's place, agency and date. The dateline is looked for at the start of
    the first paragraph, or of the second when the first is a photo caption."""
    spans, date, dateline = _leading_metadata(text, [_strip(text, s, e) for s, e in body])
    agency: Span | None = None
    if dateline is None:
        for i in range(min(2, len(spans))):
            found = _dateline_at(text, spans, i)
            if found is not None:
                dateline, agency, dateline_date = found
                date = date or dateline_date
                break
    return [Span(s, e, text[s:e]) for s, e in spans if e > s], dateline, agency, date


def _dateline_at(text: str, spans: Lines, i: int) -> tuple[Span, Span | None, str | None] | None:
    """The dateline at the start of paragraph i (after a feed's name), cut from it; a feed becomes a
    paragraph of its own (it names organisations) and a caption before it loses its repeated words."""
    s, e = spans[i]
    feed = _FEED.match(text, s, e)
    at = _skip_spaces(text, feed.end(), e) if feed else s
    dl = _DATELINE.match(text, at, e) or _CAPITALS_DATELINE.match(text, at, e)
    if not (dl and (dl.group("date") or dl.group(3) or dl.group("sep") or _capitals_comma(dl))
            and _dateline_ok(dl.group("place"))):
        return None
    spans[i] = (dl.end(), e)
    if feed:
        spans.insert(i, (feed.start(), feed.end()))
    if i == 1:
        spans[0] = _without_repeated_caption(text, spans[0], spans[2 if feed else 1])
    agency = Span(dl.start(3), dl.end(3), dl.group(3)) if dl.group(3) else None
    date = _dateline_date(dl.group("date"), None) if dl.group("date") else None
    return Span(dl.start("place"), dl.end("place"), dl.group("place")), agency, date


# "Updated: October 14, 2024 10:42 IST", "Published: 14 Oct 2024": a time stamp line of a news site.
_STAMP = re.compile(r"[ \t]*(?:Last[ ]+)?(?:Updated|Published|Posted)(?:[ ]+on)?[ ]*:?[ ]*(.{6,40})")
# A place alone on its line before the story ("New Delhi"): a newspaper's dateline.
_LONE_PLACE = re.compile(rf"[ \t]*({_PLACE})[ \t]*")


def _leading_metadata(text: str, spans: Lines) -> tuple[Lines, str | None, Span | None]:
    """Leave out the time-stamp and byline lines before the story, with the date and a lone-place dateline."""
    date: str | None = None
    i = 0
    while i < min(3, len(spans) - 1):
        line = text[spans[i][0]:spans[i][1]]
        stamp = _STAMP.fullmatch(line)
        if stamp:
            date = _dateline_date(stamp.group(1), None)
        elif not (_BYLINE.fullmatch(line) or _OUR_BYLINE.fullmatch(line)):
            break
        i += 1
    rest = spans[i:]
    if i and len(rest) > 1:
        lone = _LONE_PLACE.fullmatch(text, *rest[0])
        if lone and len(lone.group(1).split()) <= 3 and _dateline_ok(lone.group(1)):
            place = Span(lone.start(1), lone.end(1), lone.group(1))
            return rest[1:], date, place
    return rest, date, None


_OUR_BYLINE = re.compile(r"[ \t]*(?:Our|Staff|A)[ ]+(?:Special[ ]+)?(?:Bureau|Correspondent|Reporter)[ \t]*")


def _skip_spaces(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in " \t":
        pos += 1
    return pos


def _capitals_comma(dl: re.Match[str]) -> bool:
    """"LUCKNOW, ..." : a place in capitals and a comma is a dateline."""
    return dl.re is _CAPITALS_DATELINE


# Its groups are those of _DATELINE (date, agency, separator), here never matched.
_CAPITALS_DATELINE = re.compile(
    r"(?P<place>[A-Z]{3,}(?:[ ][A-Z]{3,})?)(?P<date>(?!))?((?!))?(?P<sep>(?!))?,[ ]+(?=[A-Z])")


def _without_repeated_caption(text: str, caption: tuple[int, int], story: tuple[int, int]) -> tuple[int, int]:
    """A photo caption that repeats the story's first words is left out, except its "(Source: X)" credit."""
    s, e = caption
    source = _SOURCE.search(text, s, e)
    words_end = source.start() if source else e
    head = text[s:words_end].strip()[:80]
    if len(head) < 20 or not text[story[0]:story[1]].startswith(head):
        return caption
    return _strip(text, source.start(), e) if source else (e, e)


def _drop_cut_off_ending(text: str, paragraphs: list[Span]) -> list[Span]:
    """An excerpt that stops mid-sentence ("... In the f"): its last fragment is not read."""
    if not paragraphs:
        return paragraphs
    last = paragraphs[-1]
    ends = list(split_sentences(text, last.start, last.end))
    final = text[ends[-1][0]:ends[-1][1]] if ends else ""
    # Stopped mid-sentence: the text ends on a lower-case word or a comma (a credit line ends on a name).
    # Only a fragment after a full sentence of its paragraph: a list line ("- Meerut: sports goods") is whole.
    if len(ends) < 2 or not re.search(r"(?:^|\s)[a-z][\w-]*,?$", final):
        return paragraphs
    cut = ends[-2][1]
    return [*paragraphs[:-1], Span(last.start, cut, text[last.start:cut])]


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


# Extraction rules cost more than linear time in a sentence's length: a "sentence" longer than this (a
# table flattened to one line, a page with no full stop) is cut into pieces at spaces, so no input can
# stall a build. Real news sentences stay far below it.
MAX_SENTENCE_CHARS = 1000


def split_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence boundaries inside text[start:end], as offsets (no sentence longer than MAX_SENTENCE_CHARS)."""
    for s, e in _sentences(text, start, end):
        yield from _bounded(text, s, e)


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = max(text.rfind(" ", start + 1, limit), text.rfind("\n", start + 1, limit))
        if cut <= start:
            cut = limit
        s, e = _strip(text, start, cut)
        if e > s:
            yield s, e
        start, end = _strip(text, cut, end)
    if end > start:
        yield start, end


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
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
