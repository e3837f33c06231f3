"""People: which capitalised names in an article are people's, their mentions by surname, and what a
job title looks like (roles.py reads titles around the names found here).

The word lists that mark a name as a person's are in kg/extract/patterns/people.toml and
kg/data/lexicon.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.context import FUNCTION_WORDS, Context, Tok, alternation, lexicon, norm_key
from kg.extract.orgs import SURNAME_HEADS
from kg.extract.patterns import words as pattern_words


def _alternatives(name: str) -> str:
    return "|".join(re.escape(w) for w in pattern_words("people")[name])


# "Dr. Asha Rao": an honorific just before a name (the `h` group names it).
HONORIFIC_BEFORE = re.compile(rf"\b(?P<h>{_alternatives('honorifics_before')})\.?[ ]+$")
_MONTHS = frozenset(pattern_words("people")["months"])
_SURNAME_HONORIFICS = frozenset(pattern_words("people")["surname_honorifics"])
_NAME_PARTICLES = frozenset(pattern_words("people")["name_particles"])
_INITIAL = re.compile(r"[A-Z]\.?")


def person_key(name: str) -> str:
    return "person:" + norm_key(name)


def _is_name_word(ctx: Context, tok: Tok) -> bool:
    w = tok.bare
    lex = ctx.lex
    if w in lex.given_name_forms:
        return True  # "Mohd Shakeel", "Md. Irfan"
    if re.fullmatch(r"[A-Z]\.?|(?:[A-Z]\.){1,3}[A-Z]?\.?", tok.text):
        return tok.text not in ("A", "I")  # initials: "R.K. Singh", "S P Verma"
    if not re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?", w):
        return False
    return not (w in lex.not_name_words or w in lex.honorifics or w in lex.non_person_heads
                or w in lex.org_heads and w not in SURNAME_HEADS
                or is_title_word(ctx, w) or w.casefold() in lex.person_nouns or w in _MONTHS)


@dataclass(frozen=True)
class _Name:
    """A capitalised name that may be a person's, with what the words before it say."""

    start: int
    end: int
    words: int
    gender: str | None
    honorific: bool  # an honorific is written just before it
    previous: Tok | None  # the word before it in its capitalised run (a title, a description)


def find_people(ctx: Context) -> None:
    unsure: list[tuple[int, int, str]] = []
    for para in ctx.body():
        for run in list(ctx.runs(para.start, para.end)):
            for segment in _segments(run):
                name = _name_in(ctx, segment)
                if name is None:
                    continue
                if name.honorific or name.gender or _has_cue(ctx, name.start, name.end, name.previous):
                    _add_person(ctx, name)
                else:
                    unsure.append((name.start, name.end, ctx.text[name.start:name.end]))
    # A name with no cue where it stands is a person when it is one elsewhere in the article.
    for start, end, text in unsure:
        key = person_key(text)
        if key in ctx.ents and ctx.is_free(start, end):
            ctx.add(key, "Person", text, start, end)
            ctx.take(start, end)
    _surname_mentions(ctx)


def _name_in(ctx: Context, segment: list[Tok]) -> _Name | None:
    """The name at the end of a capitalised segment, after sentence words, titles ("Textile Minister"),
    honorifics and descriptions: one to four words, a single word only after an honorific."""
    toks = _up_to_possessive(segment)
    last_other = _last_other_word(ctx, toks)
    previous = toks[last_other] if last_other >= 0 else None
    gender = _gender(ctx, previous.bare) if previous is not None and previous.bare in ctx.lex.honorifics else None
    toks = toks[last_other + 1:]
    while toks and len(toks[-1].bare.rstrip(".")) < 2:
        toks = toks[:-1]  # a name ends with a word, not an initial
    if not toks:
        return None
    start = toks[0].start
    end = toks[-1].start + len(toks[-1].bare)
    h = HONORIFIC_BEFORE.search(ctx.text, max(0, start - 12), start)
    if h:
        gender = gender or _gender(ctx, h.group("h"))
    if len(toks) > 4 or len(toks) == 1 and not h and gender is None:
        return None
    return _Name(start, end, len(toks), gender, h is not None, previous)


def _up_to_possessive(segment: list[Tok]) -> list[Tok]:
    cut = next((i for i, t in enumerate(segment) if t.possessive), None)
    return list(segment) if cut is None else list(segment[: cut + 1])


def _last_other_word(ctx: Context, toks: list[Tok]) -> int:
    """Where the last word that cannot be part of a name is (-1: none)."""
    last = max((i for i, t in enumerate(toks) if not _is_name_word(ctx, t)
                and not _honorific_as_surname(ctx, toks, i) and not _surname_after_honorific(ctx, toks, i)),
               default=-1)
    if _initial_a(toks, last):
        last = max((i for i, t in enumerate(toks[:last]) if not _is_name_word(ctx, t)), default=-1)
    return max(last, _before_given_name_form(ctx, toks))


def _surname_after_honorific(ctx: Context, toks: list[Tok], i: int) -> bool:
    """"Prof Swati Nigam": after an honorific and a given name, a surname that is also an organisation
    word ("Nigam", a corporation) is the surname."""
    return i > 1 and toks[i].bare in ctx.lex.common_surnames and toks[0].bare in ctx.lex.honorifics \
        and all(_is_name_word(ctx, t) for t in toks[1:i])


def _before_given_name_form(ctx: Context, toks: list[Tok]) -> int:
    """"Printer Mohd Shakeel": a name starts at a shortened given name ("Mohd", "Md") that follows a
    word of another kind; the index of that word (-1: none)."""
    forms = ctx.lex.given_name_forms
    return max((i - 1 for i, t in enumerate(toks)
                if i > 0 and t.bare in forms and toks[i - 1].bare not in forms), default=-1)


def _honorific_as_surname(ctx: Context, toks: list[Tok], i: int) -> bool:
    """"Meena Kumari": an honorific word after a given name is a surname."""
    return i > 0 and toks[i].bare in _SURNAME_HONORIFICS and _is_name_word(ctx, toks[i - 1])


def _initial_a(toks: list[Tok], i: int) -> bool:
    """"A K Srivastava": "A" before another initial is an initial, not the article."""
    return i >= 0 and toks[i].text == "A" and i + 2 < len(toks) and bool(_INITIAL.fullmatch(toks[i + 1].text)) \
        and toks[i].end + 1 == toks[i + 1].start


def _add_person(ctx: Context, name: _Name) -> None:
    text = ctx.text[name.start:name.end]
    if name.words == 1:
        key = _by_surname(ctx, text) or ctx.add(person_key(text), "Person", text)
        ctx.add(key, "Person", ctx.ents[key].name, name.start, name.end, gender=name.gender)
    else:
        key = _same_person(ctx, text) or person_key(text)
        ctx.add(key, "Person", text, name.start, name.end, gender=name.gender or _name_gender(ctx, text))
    ctx.take(name.start, name.end)


_CUE_BEFORE = re.compile(rf"\b(?:{_alternatives('cue_before')})[ ]+$")
# "potter X"; "a 60-year-old farmer, X" (with a comma only after an age: "a spice trader, X" may be a firm)
_LOWER_BEFORE = re.compile(r"\b(?P<w>[a-z][\w-]*)[ ]+$|\d+-year-old[ ]+(?:[\w-]+[ ]+)?(?P<w2>[a-z][\w-]*),[ ]+$")
_CUE_AFTER = re.compile(r"^(?:,[ ]+(?:an?[ ]|the[ ]|who[ ]|whose[ ]|aged[ ]|\d|(?P<w>[a-z][\w-]*))|[ ]*\(\d{2}\)"
                        r"|,[ ]*\d{2}\b)")
_APPOSITIVE_WORDS = frozenset(pattern_words("people")["appositive_words"])
_TITLE_AFTER = re.compile(r"^,[ ]+(?P<title>[^,.;:]{2,60}?)(?=,|[ ]+(?:of|at)[ ]|\.)")


def _has_cue(ctx: Context, start: int, end: int, previous: Tok | None) -> bool:
    """Whether the text marks a capitalised name as a person's (a title, a description, a verb of saying)."""
    return _cue_before(ctx, ctx.text[max(0, start - 60):start], previous) \
        or _cue_after(ctx, ctx.text[end:end + 80]) or _cue_in_name(ctx, ctx.text[start:end]) \
        or _listed_with_person(ctx, start)


_LISTED_AFTER = re.compile(r"(?:,|[ ]and)[ ]+$")


def _listed_with_person(ctx: Context, start: int) -> bool:
    """"Prof Swati Nigam and Harish Menon": a name listed right after a person's."""
    joined = _LISTED_AFTER.search(ctx.text, max(0, start - 6), start)
    return joined is not None and ctx.mention_ending(joined.start(), "person") is not None


def _cue_before(ctx: Context, before: str, previous: Tok | None) -> bool:
    """A title or a description before the name ("potter X", "Textile Minister X"), or "said X"."""
    lex = ctx.lex
    if previous is not None:
        word = previous.bare.casefold()
        if word in lex.title_words or word in lex.person_nouns or word.rstrip("s") in lex.person_nouns:
            return True
    if _CUE_BEFORE.search(before):
        return True
    lower = _LOWER_BEFORE.search(before)
    described = (lower.group("w") or lower.group("w2") or "") if lower else ""
    if described and (described in lex.person_nouns or described.casefold() in lex.title_heads):
        return True
    return title_before(ctx, before) is not None


def _cue_after(ctx: Context, after: str) -> bool:
    """An apposition or a verb of saying after the name ("X, a weaver,", "X (45)", "X, CEO, said")."""
    lex = ctx.lex
    c = _CUE_AFTER.match(after)
    if c and (not c.group("w") or c.group("w") in _APPOSITIVE_WORDS or c.group("w") in lex.person_nouns
              or c.group("w") in lex.title_heads) and not _describes_firm(ctx, after):
        return True
    t = _TITLE_AFTER.match(after)
    if t and title_ok(ctx, re.split(r"\s[–—-]\s", t.group("title"))[0]):  # "X, Head – Seller Growth, Org"
        return True
    return bool(_speech_after().match(after))


# ", the Sharjah-based importer,": an apposition whose noun names a business.
_APPOSITION_NOUN = re.compile(r"^,[ ]+(?:the|an?)[ ]+[^,.;:()]{0,60}?(?P<noun>[a-z][\w-]*)[ ]*(?:[,.;:)]|$)")
_FIRM_NOUNS = frozenset(pattern_words("people")["firm_nouns"])


def _describes_firm(ctx: Context, after: str) -> bool:
    """Whether the apposition after a name says it is a business ("X, the Sharjah-based importer,")."""
    a = _APPOSITION_NOUN.match(after)
    noun = a.group("noun") if a else ""
    return noun in _FIRM_NOUNS or noun in ctx.lex.org_nouns and noun not in ctx.lex.person_nouns


def _cue_in_name(ctx: Context, name: str) -> bool:
    """The name itself: a common surname, a given-name form ("Md."), or its last word used alone."""
    lex = ctx.lex
    parts = name.split()
    if 2 <= len(parts) <= 4 and parts[-1] in lex.common_surnames and parts[0] not in lex.not_name_words \
            and parts[0] not in FUNCTION_WORDS:
        return True  # "Rakesh Verma runs a unit": a common surname
    if len(parts) >= 2 and (parts[0] in lex.given_name_forms or parts[0] in lex.female_given_names):
        return True  # "Md. Aslam", "Mohd Arif", "Sudha Chaurasia": only people's names begin so
    if name not in ctx.name_counts:
        ctx.name_counts[name] = ctx.text.count(name)
    return ctx.word_counts()[parts[-1]] > ctx.name_counts[name]


@cache
def _speech_after() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in lexicon().speech_verbs)
    return re.compile(rf"^,?[ ]+(?:[\w-]+[ ]+){{0,2}}?(?:{verbs})\b")  # "..., X, said"


def _segments(run: list[Tok]) -> list[list[Tok]]:
    out: list[list[Tok]] = [[]]
    for t in run:
        if t.connector and t.text not in _NAME_PARTICLES:
            out.append([])
        else:
            out[-1].append(t)
    return [s for s in out if s]


def _name_gender(ctx: Context, name: str) -> str | None:
    """'Kamla Devi', 'Shabana Begum', 'Sunita Yadav': a name that only women carry (for she/her)."""
    words = name.split()
    if words[-1] in ctx.lex.female_name_words or words[0] in ctx.lex.female_given_names:
        return "female"
    return None


def _gender(ctx: Context, honorific: str) -> str | None:
    h = honorific.rstrip(".")
    if h in {x.rstrip(".") for x in ctx.lex.female_honorifics}:
        return "female"
    if h in {x.rstrip(".") for x in ctx.lex.male_honorifics}:
        return "male"
    return None


def _same_person(ctx: Context, name: str) -> str | None:
    key = person_key(name)
    if key in ctx.ents:
        return key
    words = norm_key(name).split()
    for e in ctx.ents.values():
        if e.kind == "Person":
            other = norm_key(e.name).split()
            if other[-1] == words[-1] and (set(other) <= set(words) or set(words) <= set(other)):
                return e.key
    return None


def _by_surname(ctx: Context, word: str) -> str | None:
    found = [e.key for e in ctx.ents.values()
             if e.kind == "Person" and len(e.name.split()) > 1 and e.name.split()[-1] == word]
    return found[0] if len(found) == 1 else None


def _surname_mentions(ctx: Context) -> None:
    """Later mentions of a person by surname ("Rao said"), or by a given name nobody else in the article
    has ("Ananya said")."""
    surnames = _short_names(ctx)
    if not surnames:
        return
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(surnames)) + r")(?![\w-])")
    for para in ctx.body():
        for m in pattern.finditer(ctx.text, para.start, para.end):
            if ctx.is_free(m.start(), m.end()):
                keys = surnames[m.group()]
                if len(keys) > 1:
                    # Two people share the surname: the one named last before it ("... Vishal Singh said. ...
                    # Singh said"), when that is one of them.
                    last = [x.key for x in ctx.mentions_in(0, m.start(), "person") if x.key in keys]
                    if not last:
                        continue
                    key = last[-1]
                else:
                    key = keys[0]
                ctx.add(key, "Person", ctx.ents[key].name, m.start(), m.end())
                ctx.take(m.start(), m.end())


def _short_names(ctx: Context) -> dict[str, list[str]]:
    """Surname -> the people of that surname; a given name only one person has -> that person."""
    surnames: dict[str, list[str]] = {}
    given: dict[str, list[str]] = {}
    for e in ctx.ents.values():
        if e.kind == "Person" and len(e.name.split()) > 1:
            surnames.setdefault(e.name.split()[-1], []).append(e.key)
            given.setdefault(e.name.split()[0], []).append(e.key)
    for word, keys in given.items():
        if len(keys) == 1 and word not in surnames and _is_given_name(ctx, word):
            surnames[word] = keys
    return surnames


def _is_given_name(ctx: Context, word: str) -> bool:
    """A word that can stand alone for a person: not an initial, a shortened form ("Mohd") or a title."""
    lex = ctx.lex
    return bool(re.fullmatch(r"[A-Z][a-z]{2,}", word)) and word not in lex.given_name_forms \
        and word not in lex.honorifics and word not in lex.not_name_words and word not in FUNCTION_WORDS \
        and not is_title_word(ctx, word)


# ---------------------------------------------------------------------------------------------- titles

# A parenthesised qualifier inside a title is one token: "Minister of State (Independent Charge) for MSME".
_TITLE_TOKEN = re.compile(r"\([A-Z][\w -]{1,30}\)|[\w&-]+|[^\s\w]")

def title_ok(ctx: Context, title: str) -> bool:
    """A job title: title words ("Chief Operating Officer"), optionally "of" + a field ("Head of Sales")."""
    words = re.findall(r"[\w&-]+", title)
    if not words or len(words) > 9:
        return False
    lex = ctx.lex
    if "of" in words:
        i = words.index("of")
        head, field = words[:i], words[i + 1:]
        # "Head of Seller Growth", "Minister of State for MSME", "director of public policy"
        capitalised = all(w[:1].isupper() or w in ("and", "for", "of", "&") for w in field)
        lower = len(field) <= 4 and all(w.isalpha() and w.islower() for w in field) and not \
            set(field) & {"the", "a", "an", "its", "his", "her", "their", "this", "that"}
        if not field or not (capitalised or lower):
            return False
    else:
        head = words
    if not head or not all(is_title_word(ctx, w) for w in head):
        return False
    if head[0].casefold() in ("and", "of", "for", "&"):
        return False
    return any(w.casefold() in lex.title_heads or w.casefold().rsplit("-", 1)[-1] in lex.title_heads for w in head)


def is_title_word(ctx: Context, word: str) -> bool:
    """A word of job titles; hyphenated ones count when each part does ("Vice-Chairman")."""
    w = word.casefold()
    return w in ctx.lex.title_words or "-" in w and all(p in ctx.lex.title_words for p in w.split("-") if p)

def title_before(ctx: Context, text: str, offset: int | None = None) -> tuple[str, int] | None:
    """The title at the end of `text` (trailing ", " or " " allowed) and where it starts.

    With the text's `offset`, capitalised words just before a capitalised title belong to it
    ("Textile Minister", "MSME Commissioner") unless another entity claimed them.
    """
    trimmed = text.rstrip(" ,")
    start = _title_start(ctx, trimmed)
    if start is None:
        return None
    title = trimmed[start:]
    if offset is not None and title[:1].isupper():
        start = _field_before(ctx, trimmed, start, offset)
        title = trimmed[start:]
    return title, start


def _title_start(ctx: Context, trimmed: str) -> int | None:
    """Where the title that ends `trimmed` starts: a run of title words, or a post written out in full
    ("Superintendent of Police", "municipal commissioner") when that starts earlier."""
    toks = list(_TITLE_TOKEN.finditer(trimmed))
    first = _first_title_word(ctx, toks)
    words = toks[first].start() if first < len(toks) else None
    if words is not None and not title_ok(ctx, trimmed[words:]):
        words = None
    post = _post_start(ctx, trimmed)
    return post if post is not None and (words is None or post < words) else words


@cache
def _posts() -> re.Pattern[str]:
    posts = [p for p in lexicon().district_posts if " " in p] + list(pattern_words("people")["posts"])
    return re.compile(rf"(?<![\w-])(?:{alternation(posts)})$", re.I)


def _post_start(ctx: Context, trimmed: str) -> int | None:
    """Where a post written out in full ends `trimmed`, with the title words before it ("Additional
    Superintendent of Police")."""
    post = _posts().search(trimmed)
    if post is None:
        return None
    start = post.start()
    for word in reversed(list(_WORD.finditer(trimmed, 0, start))):
        if word.end() != start - 1 or trimmed[word.end()] != " " or word.group().casefold() in _JOINERS \
                or not is_title_word(ctx, word.group()):
            break
        start = word.start()
    return start


_JOINERS = ("and", "of", "for", "&")
_WORD = re.compile(r"[\w-]+")


def _first_title_word(ctx: Context, toks: list[re.Match[str]]) -> int:
    """Where the run of title words that ends `toks` starts (len(toks): there is none)."""
    first = len(toks)
    for i in range(len(toks) - 1, -1, -1):
        if is_title_word(ctx, toks[i].group()) or toks[i].group().startswith("(") and i < len(toks) - 1:
            first = i
        else:
            break
    while first < len(toks) and (toks[first].group().casefold() in _JOINERS
                                 or toks[first].group().startswith("(")):
        first += 1
    return first


def _field_before(ctx: Context, trimmed: str, start: int, offset: int) -> int:
    """Where a capitalised title starts once the free capitalised words before it are added ("Textile
    Minister"), and two fields joined by "and" ("MSME and Export Promotion Minister")."""
    for m in reversed(list(_CAP_WORDS.finditer(trimmed, 0, start))):
        if m.end() != start - 1 or trimmed[m.end()] != " ":
            break
        word = m.group()
        if word in FUNCTION_WORDS or word in ctx.lex.not_name_words \
                or not ctx.is_free(offset + m.start(), offset + m.end()):
            break
        start = m.start()
    joined = _JOINED_FIELD.search(trimmed, 0, start)
    if joined and start > 0:
        field = _joined_field_start(ctx, joined, offset)
        start = start if field is None else field
    return start


def _joined_field_start(ctx: Context, joined: re.Match[str], offset: int) -> int | None:
    """Where a field joined to the title by "and" starts ("MSME and Export Promotion Minister"): its
    longest run of words that no other entity claimed ("UP MSME and ...": the state only qualifies it)."""
    for word in re.finditer(r"\S+", joined.group(1)):
        start = joined.start(1) + word.start()
        field = joined.group(1)[word.start():].split()
        if field[0] not in FUNCTION_WORDS and ctx.is_free(offset + start, offset + joined.end()) \
                and not any(w in ctx.lex.not_name_words for w in field):
            return start
    return None


_JOINED_FIELD = re.compile(r"(?<![\w-])([A-Z][\w-]*(?:[ ][A-Z][\w-]*){0,2})[ ]+(?:and|&)[ ]+$")
_CAP_WORDS = re.compile(r"\b[A-Z][\w-]*\b(?!['\u2019])")
