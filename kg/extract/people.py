"""People and their roles.

Names are runs of two to four capitalised words that no other step claimed (organisations, places,
programmes), with honorifics and titles before them set aside ("Chief Minister Harpal Singh Rana" ->
"Harpal Singh Rana"), when the text marks them as a person's (an honorific, a title, a description such
as "pacer", a verb of saying, an apposition, the surname used again); a single word is a name after an
honorific or when it is the surname of someone already named. Initials and shortened given names stay in
the name ("A K Srivastava", "Mohd. Saleem", "Md Tariq"); a common surname (kg/data/lexicon.toml) is a cue
of its own. Roles come from the title around a name:

- after it: "X, Managing Director and CEO of Org", "X, Chief Corporate Affairs Officer, Org, said",
  "X, secretary of the samiti";
- "X, who heads Org" / "X, who is the president of Org", "X, the ODOP Cell in-charge";
- before it: "Org's Chief Executive Officer, X", "its chairman, X", "its co-founder and CEO X",
  "Org head coach X", and the state-official form "Principal Secretary, MSME, X" (the department stays
  in the title and the organisation is the state government).

A role is a title at an organisation. With none named, a government title (minister, commissioner,
district magistrate, secretary, DM) in an article about a state is the state government's, "Union ..."
the Government of India's, "UP MSME Minister" the named state's; "Samiti secretary X" and "cell in-charge
X" take the organisation the noun refers back to, "X, the state's minister" the state's, and a
vice-chancellor the article's one university. Titles are kept as written ("Joint Commissioner (Industries)").
"""

from __future__ import annotations

import re
from functools import cache

from kg.extract.context import FUNCTION_WORDS, Context, Mention, Tok, family, lexicon, norm_key
from kg.extract.model import Role
from kg.extract.orgs import (
    GOVERNMENT_OF_INDIA,
    SURNAME_HEADS,
    add_org,
    antecedent,
    article_district,
    state_government_name,
    state_names,
    subject_org,
)

_HONORIFIC_BEFORE = re.compile(r"\b(?P<h>Dr|Mr|Ms|Mrs|Shri|Sri|Smt|Shrimati|Srimati|Prof|Kumari|Sushri|Haji|Hajji|"
                               r"Alhaj|Maulana|Maulvi|Pandit|Pt|Sardar|Mahant|Swami)\.?[ ]+$")
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"}


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


_SURNAME_HONORIFICS = frozenset({"Kumari", "Pandit", "Sardar"})


def find_people(ctx: Context) -> None:
    lex = ctx.lex
    unsure: list[tuple[int, int, str]] = []
    for para in ctx.body():
        for run in list(ctx.runs(para.start, para.end)):
            for segment in _segments(run):
                toks = list(segment)
                cut = next((i for i, t in enumerate(toks) if t.possessive), None)
                if cut is not None:
                    toks = toks[: cut + 1]
                # The name is the capitalised words at the end, after sentence words, titles ("Textile
                # Minister"), honorifics and descriptions.
                last_other = max((i for i, t in enumerate(toks) if not _is_name_word(ctx, t)
                                  and not (i and t.bare in _SURNAME_HONORIFICS and _is_name_word(ctx, toks[i - 1]))),
                                 default=-1)  # "Meena Kumari": an honorific word used as a surname
                if last_other >= 0 and toks[last_other].text == "A" and last_other + 2 < len(toks) \
                        and re.fullmatch(r"[A-Z]\.?", toks[last_other + 1].text) \
                        and toks[last_other].end + 1 == toks[last_other + 1].start:
                    # "A K Srivastava": "A" before another initial is an initial, not the article
                    last_other = max((i for i, t in enumerate(toks[:last_other]) if not _is_name_word(ctx, t)),
                                     default=-1)
                gender = None
                if last_other >= 0 and toks[last_other].bare in lex.honorifics:
                    gender = _gender(ctx, toks[last_other].bare)
                previous = toks[last_other] if last_other >= 0 else None
                toks = toks[last_other + 1:]
                while toks and len(toks[-1].bare.rstrip(".")) < 2:
                    toks = toks[:-1]  # a name ends with a word, not an initial
                if not toks:
                    continue
                start = toks[0].start
                end = toks[-1].start + len(toks[-1].bare)
                h = _HONORIFIC_BEFORE.search(ctx.text, max(0, start - 12), start)
                if h:
                    gender = gender or _gender(ctx, h.group("h"))
                if len(toks) == 1 and not h and gender is None:
                    continue
                if len(toks) > 4:
                    continue
                name = ctx.text[start:end]
                if not (h or gender or _has_cue(ctx, start, end, previous)):
                    unsure.append((start, end, name))
                    continue
                if len(toks) == 1:
                    known = _by_surname(ctx, name)
                    key = known or ctx.add(person_key(name), "Person", name)
                    ctx.add(key, "Person", ctx.ents[key].name, start, end, gender=gender)
                else:
                    key = _same_person(ctx, name) or person_key(name)
                    ctx.add(key, "Person", name, start, end, gender=gender or _name_gender(ctx, name))
                ctx.take(start, end)
    # A name with no cue where it stands is a person when it is one elsewhere in the article.
    for start, end, name in unsure:
        key = person_key(name)
        if key in ctx.ents and ctx.is_free(start, end):
            ctx.add(key, "Person", name, start, end)
            ctx.take(start, end)
    _surname_mentions(ctx)


_CUE_BEFORE = re.compile(r"\b(?:said|says|told|by|according to|quoted|added|noted|asked|thanked|praised|"
                         r"met|named|appointed|elected|replaced|succeeded|including|like)[ ]+$")
# "potter X"; "a 60-year-old farmer, X" (with a comma only after an age: "a spice trader, X" may be a firm)
_LOWER_BEFORE = re.compile(r"\b(?P<w>[a-z][\w-]*)[ ]+$|\d+-year-old[ ]+(?:[\w-]+[ ]+)?(?P<w2>[a-z][\w-]*),[ ]+$")
_CUE_AFTER = re.compile(r"^(?:,[ ]+(?:an?[ ]|the[ ]|who[ ]|whose[ ]|aged[ ]|\d|(?P<w>[a-z][\w-]*))|[ ]*\(\d{2}\)"
                        r"|,[ ]*\d{2}\b)")
_APPOSITIVE_WORDS = {"unbeaten", "himself", "herself", "popularly", "known", "also", "now", "formerly", "then",
                     "currently", "originally", "born", "son", "daughter", "wife", "husband"}
_TITLE_AFTER = re.compile(r"^,[ ]+(?P<title>[^,.;:]{2,60}?)(?=,|[ ]+(?:of|at)[ ]|\.)")


def _has_cue(ctx: Context, start: int, end: int, previous: Tok | None) -> bool:
    """Whether the text marks a capitalised name as a person's (a title, a description, a verb of saying)."""
    lex = ctx.lex
    if previous is not None:
        word = previous.bare.casefold()
        if word in lex.title_words or word in lex.person_nouns or word.rstrip("s") in lex.person_nouns:
            return True
    before = ctx.text[max(0, start - 60):start]
    if _CUE_BEFORE.search(before):
        return True
    lower = _LOWER_BEFORE.search(before)
    described = (lower.group("w") or lower.group("w2") or "") if lower else ""
    if described and (described in lex.person_nouns or described.casefold() in lex.title_heads):
        return True
    if _title_before(ctx, before):
        return True
    after = ctx.text[end:end + 80]
    c = _CUE_AFTER.match(after)
    if c and (not c.group("w") or c.group("w") in _APPOSITIVE_WORDS or c.group("w") in lex.person_nouns
              or c.group("w") in lex.title_heads):
        return True
    t = _TITLE_AFTER.match(after)
    if t and title_ok(ctx, re.split(r"\s[–—-]\s", t.group("title"))[0]):  # "X, Head – Seller Growth, Org"
        return True
    if _speech_after().match(after):
        return True
    name = ctx.text[start:end]
    words = name.split()
    if 2 <= len(words) <= 4 and words[-1] in lex.common_surnames and words[0] not in lex.not_name_words \
            and words[0] not in FUNCTION_WORDS:
        return True  # "Rakesh Verma runs a unit": a common surname
    if len(words) >= 2 and words[0] in lex.given_name_forms:
        return True  # "Md. Aslam", "Mohd Arif": only people's names begin so
    if name not in ctx.name_counts:
        ctx.name_counts[name] = ctx.text.count(name)
    return ctx.word_counts()[name.split()[-1]] > ctx.name_counts[name]


@cache
def _speech_after() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in lexicon().speech_verbs)
    return re.compile(rf"^,?[ ]+(?:[\w-]+[ ]+){{0,2}}?(?:{verbs})\b")  # "..., X, said"


def _segments(run: list[Tok]) -> list[list[Tok]]:
    out: list[list[Tok]] = [[]]
    for t in run:
        if t.connector and t.text not in ("bin", "al", "de", "van", "von", "da", "del"):
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
    surnames: dict[str, list[str]] = {}
    for e in ctx.ents.values():
        if e.kind == "Person" and len(e.name.split()) > 1:
            surnames.setdefault(e.name.split()[-1], []).append(e.key)
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


# ----------------------------------------------------------------------------------------------- roles

_STATE_TITLES = re.compile(r"secretary|commissioner|director|collector|magistrate|officer|minister", re.I)
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


def _title_before(ctx: Context, text: str, offset: int | None = None) -> tuple[str, int] | None:
    """The title at the end of `text` (trailing ", " or " " allowed) and where it starts.

    With the text's `offset`, capitalised words just before a capitalised title belong to it
    ("Textile Minister", "MSME Commissioner") unless another entity claimed them.
    """
    trimmed = text.rstrip(" ,")
    toks = list(_TITLE_TOKEN.finditer(trimmed))
    first = len(toks)
    for i in range(len(toks) - 1, -1, -1):
        if is_title_word(ctx, toks[i].group()) or toks[i].group().startswith("(") and i < len(toks) - 1:
            first = i
        else:
            break
    while first < len(toks) and (toks[first].group().casefold() in ("and", "of", "for", "&")
                                 or toks[first].group().startswith("(")):
        first += 1
    if first >= len(toks):
        return None
    start = toks[first].start()
    title = trimmed[start:]
    if not title_ok(ctx, title):
        return None
    if offset is not None and title[:1].isupper():
        for m in reversed(list(_CAP_WORDS.finditer(trimmed, 0, start))):
            if m.end() != start - 1 or trimmed[m.end()] != " ":
                break
            word = m.group()
            if word in FUNCTION_WORDS or word in ctx.lex.not_name_words or not ctx.is_free(offset + m.start(),
                                                                                          offset + m.end()):
                break
            start = m.start()
        # "MSME and Export Promotion Minister": two fields joined by "and" before the title.
        joined = _JOINED_FIELD.search(trimmed, 0, start)
        if joined and start > 0 and joined.group(1).split()[0] not in FUNCTION_WORDS \
                and ctx.is_free(offset + joined.start(), offset + joined.end()) \
                and not any(w in ctx.lex.not_name_words for w in joined.group(1).split()):
            start = joined.start()
        title = trimmed[start:]
    return title, start


_JOINED_FIELD = re.compile(r"(?<![\w-])([A-Z][\w-]*(?:[ ][A-Z][\w-]*){0,2})[ ]+(?:and|&)[ ]+$")


_CAP_WORDS = re.compile(r"\b[A-Z][\w-]*\b(?!['\u2019])")
_DEPT = r"(?P<dept>[A-Z][\w&]*(?:[ ]+(?:and[ ]+|&[ ]+)?[A-Z][\w&]*){0,3})"
_DEPT2 = r"(?P<region>[A-Z][\w&]*(?:[ ]+[A-Z][\w&]*){0,2}[ ]+(?:Mandal|Division|Zone|Region|Circle|Range))"
# "Principal Secretary, MSME, X" / "Additional Chief Secretary (MSME) X"; "X, Principal Secretary, MSME, said"
_DEPT_BEFORE = re.compile(rf"(?:,[ ]+|[ ]*\(){_DEPT}(?:,|\))(?:,?[ ]+{_DEPT2},)?[ ]+$")
# "Joint Commissioner, Industries, Lucknow Mandal, X": a department, then a region.
_DEPT_AFTER = re.compile(rf",[ ]+{_DEPT}(?:,[ ]+{_DEPT2})?(?=,|[ ]+said|[ ]+told)")
# "joint commissioner (industries)": a department in parentheses may be written in lower case
_DEPT_PAREN_AFTER = re.compile(
    rf"[ ]*\((?:{_DEPT}|(?P<low>[a-z][a-z&]*(?:[ ]+(?:and[ ]+|&[ ]+)?[a-z][a-z&]*){{0,3}}))\)")
# "founder of the Jaipur-based craft platform Kalaghar"
_CONNECTOR_DESCRIBED = re.compile(
    r"(?P<title>.+?)[ ]+(?:of|at)[ ]+(?:(?:the|an?)[ ]+)?(?:[\w-]+[ ]+){0,3}?(?P<noun>[\w-]+)[ ]+$", re.S)
_CONNECTOR_DESCRIBED_LONG = re.compile(
    r"(?P<title>.+)[ ]+(?:of|at)[ ]+(?:(?:the|an?)[ ]+)?(?:[\w-]+[ ]+){0,3}?(?P<noun>[\w-]+)[ ]+$", re.S)
_CONNECTOR_END = re.compile(r"(?P<title>.+?)(?:,[ ]+|[ ]+(?:of|at|with|in|for)[ ]+)(?:the[ ]+)?$", re.S)


def find_roles(ctx: Context) -> None:
    from kg.extract.roles import row_roles

    seen: set[tuple[str, str, str | None]] = set()
    from_rows = row_roles(ctx)
    done = {where for _, where in from_rows}  # a side of a name a row read: the rules below skip it
    for row_role, _ in from_rows:
        _record(ctx, row_role, seen)
    for m in list(ctx.mentions()):
        if ctx.kind_of(m.key) != "Person":
            continue
        after = None if (m.start, "after") in done else _role_after(ctx, m)
        before = None if (m.start, "before") in done else _role_before(ctx, m)
        for role in (after, before):
            # A role is a title at an organisation; a bare title ("District Magistrate X") is not recorded.
            if role is None or role.organisation is None:
                continue
            q = _GOVERNMENT_QUALIFIER.match(role.title)
            if q and len(role.title[q.end():].split()) >= 2 and role.title[q.end():][:1].isupper():
                # "state Finance Minister", "UP MSME Minister": the qualifier only names the government
                role = Role(role.person, role.title[q.end():], role.organisation, role.evidence)
            _record(ctx, role, seen)


def _record(ctx: Context, role: Role, seen: set[tuple[str, str, str | None]]) -> None:
    ident = (role.person, role.title.casefold(), role.organisation)
    if ident not in seen:
        seen.add(ident)
        ctx.extraction.roles.append(role)


def name_district_posts(ctx: Context) -> None:
    """Done last, as re-mentions ("the DM said") are resolved through the bare title."""
    ctx.extraction.roles = [_with_district(ctx, role) for role in ctx.extraction.roles]


def _with_district(ctx: Context, role: Role) -> Role:
    """A district's post at the state government names its district: "District Magistrate, Jalaun"."""
    if role.title.casefold() not in ctx.lex.district_posts or role.organisation is None \
            or ctx.kind_of(role.organisation) != "GovernmentBody" or "government" not in role.organisation:
        return role
    district = _district_before(ctx, role.evidence.start) or article_district(ctx)
    return Role(role.person, f"{role.title}, {district}", role.organisation, role.evidence) if district else role


def _district_before(ctx: Context, offset: int) -> str | None:
    """"Jalaun District Magistrate X": the district named just before the title."""
    from kg.extract.gazetteer import lookup

    words = re.search(r"([A-Z][\w.-]*(?:[ ][A-Z][\w.-]*)?)[ ]+(?:District[ ]+Magistrate|DM|CDO|Chief|Superintendent"
                      r"|Senior|Additional|SSP|SP)\b", ctx.text[max(0, offset - 40):offset + 30])
    for name in ([words.group(1), words.group(1).split()[-1]] if words else []):
        found = lookup(name)
        if found and found[1] == "UPDistrict":
            return found[0]
    return None


_GOVERNMENT_QUALIFIER = re.compile(r"(?:State|state|Union|UP|U\.P\.|Uttar Pradesh|Central)[ ]+")
# "X, who heads Y": the verb gives the title.
_WHO_VERB = re.compile(r"who[ ]+(?P<verb>heads|leads|chairs|owns|founded|co-founded)[ ]+(?:the[ ]+)?")
_WHO_IS = re.compile(r"who[ ]+(?:is|was|has[ ]+been|serves[ ]+as|works[ ]+as)[ ]+(?:also[ ]+)?(?:the[ ]+|an?[ ]+)?"
                     r"(?P<title>[A-Za-z][\w -]{1,50}?)[ ]+(?:of|at|with)[ ]+(?:the[ ]+)?")
_WHO_TITLES = {"heads": "head", "leads": "head", "chairs": "chairman", "owns": "owner", "founded": "founder",
               "co-founded": "co-founder"}


def _state_government(ctx: Context) -> str | None:
    if not ctx.main_state:
        return None
    return add_org(ctx, state_government_name(ctx.main_state), "GovernmentBody", None, None)


# Where an apposition "X, <title>, <organisation>" ends: the sentence, a clause, or the speech verb.
_APPOSITION_END = re.compile(r"[ ]*(?:[.;:\"\u201d]|,[ ]+(?:said|told|added|explaining|according|who|which)\b|$"
                             r"|[ ]+(?:said|told|added)\b)")
_TITLE_PART = re.compile(r"[ ]+(?:[-\u2013\u2014]|and)[ ]+|,[ ]+")


def _title_then_org(ctx: Context, m: Mention) -> Role | None:
    """"X, Vice President – Growth and Seller Experience, Acme, said": the title runs from the name to
    the organisation that closes the apposition, dashes, commas and "and" included."""
    text = ctx.text
    if not text.startswith(", ", m.end):
        return None
    t_start = m.end + 2
    limit = min(ctx.sentence_of(m.start).end, t_start + 140)
    for o in ctx.mentions_in(t_start, limit, "org"):
        if text[o.start - 2:o.start] != ", " or not _APPOSITION_END.match(text, o.end) \
                or ctx.kind_of(o.key) == "NewsAgency":
            continue
        title = text[t_start:o.start - 2]
        heads = [p for p in _TITLE_PART.split(title) if p]
        if ctx.mentions_in(t_start, o.start, "person") or not heads or not title_ok(ctx, heads[0]) \
                or len(title) > 100 or not re.search(r"[ ]+[-\u2013\u2014][ ]+|,[ ]+", title):
            return None
        return Role(m.key, title, o.key, ctx.doc.span(m.start, o.end))
    return None


def _role_after(ctx: Context, m: Mention) -> Role | None:
    role = _title_then_org(ctx, m)
    if role is not None:
        return role
    text = ctx.text
    sentence = ctx.sentence_of(m.start)
    c = re.match(r",[ ]+", text[m.end: m.end + 3])
    if not c:
        return None
    t_start = m.end + c.end()
    limit = min(sentence.end, t_start + 160)
    whose = _WHOSE_TITLE.match(text, t_start, limit)
    if whose:
        # "X, the state's MSME minister,", "X, the samiti's secretary,"
        t = re.match(r"[^,.;:\"\u201c\u201d]{2,80}?(?=,|\.|;|$|[ ]+(?:said|told|who)\b)", text[whose.end():limit])
        noun = whose.group("noun").casefold()
        owner_key: str | None = None
        if noun == "state":
            owner_key = _state_government(ctx)
        elif noun in ctx.lex.org_nouns:
            a = antecedent(ctx, noun, m.start)
            owner_key = a.key if a else None
        if t and owner_key and title_ok(ctx, t.group()):
            return Role(m.key, t.group(), owner_key, ctx.doc.span(m.start, whose.end() + t.end()))
        return None
    its = re.match(r"[Ii]ts[ ]+", text[t_start:t_start + 4])
    if its:
        # "..., said Abhishek Sinha, its director of public policy."
        t = re.match(r"[^,.;:\"\u201c\u201d]{2,80}?(?=,|\.|;|$)", text[t_start + its.end():limit])
        owner = subject_org(ctx, m.start)
        if t and owner and title_ok(ctx, t.group()):
            end = t_start + its.end() + t.end()
            return Role(m.key, t.group(), owner.key, ctx.doc.span(m.start, end))
        return None
    who_is = _WHO_IS.match(text, t_start, limit)
    if who_is and title_ok(ctx, who_is.group("title")):
        # "X, who is the president of the Y Association,"
        o = ctx.mention_starting(who_is.end(), "org", r"")
        if o is not None and o.start == who_is.end():
            return Role(m.key, who_is.group("title"), o.key, ctx.doc.span(m.start, o.end))
    who = _WHO_VERB.match(text, t_start, limit)
    if who:
        o = ctx.mention_starting(who.end(), "org", r"")
        if o is not None and o.start == who.end():
            return Role(m.key, _WHO_TITLES[who.group("verb")], o.key, ctx.doc.span(m.start, o.end))
        return None
    the = re.match(r"the[ ]+(?:(?P<place>[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)[ ]+)?(?P<word>[\w-]+)", text[t_start:limit])
    if the and the.group("place") and not any(h.start == t_start + the.start("place") for h in ctx.place_hits):
        the = None
    if the and is_title_word(ctx, the.group("word")):
        # "X, the MSME Minister,", "X, the secretary of the samiti", "X, the Moradabad DM," (the place is where)
        t_start += the.start("word")
    org_title = re.match(r"(?:the[ ]+)?", text[t_start:limit])
    o_first = ctx.mention_starting(t_start + (org_title.end() if org_title else 0), "org", r"")
    if o_first is not None and ctx.kind_of(o_first.key) != "NewsAgency":
        # "X, the ODOP Cell in-charge,", "X, Craftroots CEO,"
        t = re.match(r"[ ]+(?P<title>[^,.;:()\"\u201c\u201d]{2,60}?)(?=,|\.|;|[ ]+(?:said|told|added)\b)",
                     text[o_first.end:limit])
        if t and title_ok(ctx, t.group("title")):
            end = o_first.end + t.end()
            return Role(m.key, t.group("title"), o_first.key, ctx.doc.span(m.start, end))
    orgs = [o for o in ctx.mentions_in(t_start, limit, "org") if ctx.kind_of(o.key) != "NewsAgency"]
    if orgs:
        between = _CONNECTOR_END.fullmatch(text[t_start: orgs[0].start])
        described = _CONNECTOR_DESCRIBED_LONG.fullmatch(text[t_start: orgs[0].start])
        if not (described and described.group("noun").casefold() in ctx.lex.org_nouns
                and title_ok(ctx, described.group("title"))):
            # "head of design at Lisbon retailer X": the longest title first, then the shortest
            described = _CONNECTOR_DESCRIBED.fullmatch(text[t_start: orgs[0].start])
        if described and described.group("noun").casefold() not in ctx.lex.org_nouns:
            described = None
        portfolio = re.search(r"(?:[Mm]inister|[Ss]ecretary)[ ]+for[ ]+", text[t_start: orgs[0].start])
        for found in (between, described):
            if portfolio:
                break  # "Cabinet Minister for MSME, Khadi and Village Industries": a portfolio, not an employer
            if found and "," not in found.group("title") and title_ok(ctx, found.group("title")):
                return Role(m.key, found.group("title"), orgs[0].key, ctx.doc.span(m.start, orgs[0].end))
    t = re.match(r"[^,.;:()\"\u201c\u201d]{2,80}?(?=,|\.|;|[ ]+\(|[ ]+(?:said|told|added|noted|who|has|had|is|was)\b)",
                 text[t_start:limit])
    if not t or not title_ok(ctx, t.group()):
        return None
    title = t.group()
    end = t_start + t.end()
    d = _DEPT_AFTER.match(text, end, limit) or _DEPT_PAREN_AFTER.match(text, end, limit)
    g = "low" if d and d.groupdict().get("low") else "dept"
    if d and _STATE_TITLES.search(title) and not ctx.mentions_in(d.start(g), d.end(g), "person"):
        org = _state_government(ctx)
        if org:
            d_end = d.end("region") if "region" in d.groupdict() and d.group("region") else d.end(g)
            # "Joint Commissioner, Industries" (also for "(Industries)"), "..., Industries, X Mandal"
            return Role(m.key, f"{title}, {text[d.start(g):d_end]}", org, ctx.doc.span(m.start, d_end))
    return Role(m.key, title, _implied_org(ctx, title), ctx.doc.span(m.start, end))


# Titles that only a state government gives (in an article about one state).
_STATE_GOVERNMENT_TITLE = re.compile(r"\b(?:chief minister|chief secretary|principal secretary|"
                                     r"additional chief secretary|cabinet minister|minister of state)\b")


# Titles of government officials: in an article about a state, a minister, commissioner, district
# magistrate or secretary with no other organisation named is the state government's.
_GOVERNMENT_TITLE = re.compile(
    r"\b(?:minister|commissioner|magistrate|collector|chief secretary|principal secretary|additional secretary|"
    r"special secretary|superintendent of police|sdm|dm|cdo|chief development officer|relief commissioner|"
    r"director,?[ ]+(?:of[ ]+)?\(?industries\)?|industries[ ]+officer|district[ ]+[a-z]+[ ]+officer|"
    r"block development officer|bdo|tehsildar|"
    r"(?:odop|district industries)[ ]+(?:cell[ ]+)?in-?charge)\b", re.I)
# Titles that only a kind of organisation gives: a university's vice-chancellor.
_TITLE_ORG_HEADS = (
    (re.compile(r"\b(?:vice-?chancellor|registrar|pro-vice-chancellor)\b", re.I),
     re.compile(r"\b(?:University|Vishwavidyalaya|Vishwavidyalay|Vidyapeeth|Vidyapith)\b")),
)


def _national_dateline(ctx: Context) -> bool:
    dateline = ctx.doc.dateline
    return dateline is not None and dateline.text.casefold() in ("new delhi", "delhi")


def _implied_org(ctx: Context, title: str) -> str | None:
    low = title.casefold()
    if "prime minister" in low or "union" in low and "minister" in low:
        return add_org(ctx, GOVERNMENT_OF_INDIA, "GovernmentBody", None, None)
    if "minister" in low and "chief minister" not in low and _national_dateline(ctx) \
            and not _STATE_GOVERNMENT_TITLE.search(low):
        # A minister in a story filed from New Delhi, with no state named in the title, is a Union minister.
        return add_org(ctx, GOVERNMENT_OF_INDIA, "GovernmentBody", None, None)
    if _STATE_GOVERNMENT_TITLE.search(low) or _GOVERNMENT_TITLE.search(title):
        return _state_government(ctx)
    for title_re, head_re in _TITLE_ORG_HEADS:
        if title_re.search(title):
            names = sorted({e.key for e in ctx.ents.values() if family(e.kind) == "org" and head_re.search(e.name)})
            if len(names) == 1:
                return names[0]
    return None


def _former(ctx: Context, org: Mention | None, title: str) -> str:
    """"former Export-Import Bank of India chairman X": the title keeps "former"."""
    if org is not None and re.search(r"\b(?:former|ex-)[ ]*$", ctx.text[max(0, org.start - 8):org.start], re.I):
        return f"former {title}"
    return title


def _truncated_chief(ctx: Context, m: Mention) -> Role | None:
    """"Uttar Pradesh Chief Asha Rao": copy that dropped "Minister" names a chief minister."""
    states, names = state_names()
    found = re.search(rf"\b(?P<state>{states})[ ]+Chief[ ]+$", ctx.text[max(0, m.start - 60):m.start])
    if not found:
        return None
    government = add_org(ctx, state_government_name(names[found.group("state")]), "GovernmentBody", None, None)
    start = m.start - len(found.group()) + found.start() + len(found.group("state")) + 1
    return Role(m.key, "Chief Minister", government, ctx.doc.span(start, m.end))


def _role_before(ctx: Context, m: Mention) -> Role | None:
    chief = _truncated_chief(ctx, m)
    if chief is not None:
        return chief
    text = ctx.text
    sentence = ctx.sentence_of(m.start)
    start = m.start
    h = _HONORIFIC_BEFORE.search(text, max(sentence.start, start - 12), start)
    if h:
        start = h.start()
    before = text[max(sentence.start, start - 160): start]
    offset = start - len(before)
    d = _DEPT_BEFORE.search(before)
    if d:
        found = _title_before(ctx, before[: d.start()])
        if found and _STATE_TITLES.search(found[0]):
            government = _state_government(ctx)
            if government:
                # The title as written: "Principal Secretary, MSME" / "Joint Commissioner (Industries)".
                title = before[found[1]: d.end()].rstrip(" ,")
                return Role(m.key, title, government, ctx.doc.span(offset + found[1], m.end))
    if not before.endswith((" ", ", ")):
        return None
    # "Chairman of the Carpet Export Council X", "The CEO of Haathkala Ltd, X,"
    o = _org_ending(ctx, offset + len(before.rstrip(" ,")))
    if o is not None and o.start >= offset:
        head = _TITLE_OF.search(before, 0, o.start - offset)
        if head:
            found = _title_before(ctx, before[: head.start("connector")], offset)
            if found:
                return Role(m.key, found[0], o.key, ctx.doc.span(offset + found[1], m.end))
    # "Kalpa Retail's vice-president (marketplace), X": a lowercase field in parentheses stays in the title.
    field = _FIELD_BEFORE.search(before)
    found = _title_before(ctx, before[: field.start()] + " ", offset) if field else None
    if found:
        found = (before[found[1]: field.end()].rstrip(" ,"), found[1]) if field else found
    else:
        found = _title_before(ctx, before, offset)
    if not found:
        return None
    title, t_start = found
    prefix = before[:t_start]
    org: str | None = None
    # "Lindqvist Trading's sourcing head, Mr X": a word or two the title list lacks, after a possessive.
    extra = re.search(r"['\u2019]s[ ]+(?P<words>(?:[a-z][\w-]*[ ]+){1,2})$", prefix)
    if extra:
        title = extra.group("words") + title
        t_start -= len(extra.group("words"))
        prefix = before[:t_start]
    p = re.search(r"['\u2019]s[ ]+$", prefix)
    if p:
        o = _org_ending(ctx, offset + p.start())
        org = o.key if o else None
        if org is None and re.search(r"\b(?:the[ ]+)?state['\u2019]s[ ]+$", prefix, re.I):
            org = _state_government(ctx)  # "the state's MSME minister, X"
    elif re.search(r"\b[Ii]ts[ ]+$", prefix):
        o = subject_org(ctx, offset + t_start)
        org = o.key if o else None
    elif prefix.endswith(" "):
        o = _org_ending(ctx, offset + len(prefix) - 1)
        org = o.key if o else None
        title = _former(ctx, o, title)
        noun = re.search(r"\b(?P<noun>[A-Za-z][\w-]*)[ ]+$", prefix)
        if org is None and noun and noun.group("noun").casefold() in ctx.lex.org_nouns:
            # "the samiti's secretary X", "Samiti secretary X", "ODOP cell in-charge X"
            a = antecedent(ctx, noun.group("noun").casefold(), offset + noun.start())
            org = a.key if a else None
    foreign = False
    if org is None:
        title, org, foreign = _qualified_title(ctx, title, prefix)
    if org is None and not foreign:
        org = _implied_org(ctx, title)
    return Role(m.key, title, org, ctx.doc.span(offset + t_start, m.end))


_FIELD_BEFORE = re.compile(r"[ ]*\([a-z][a-z&, -]{1,40}\),?[ ]+$")
# "(BJP) ", "(DIC) Bareilly": an abbreviation in parentheses and a place between a name and what follows it.
_ABBREVIATION_OR_PLACE = re.compile(r"(?:[ ]*\([A-Z][A-Za-z]{1,9}\))?(?:[ ]+[A-Z][a-z]+)?[ ]*$")


def _org_ending(ctx: Context, offset: int) -> Mention | None:
    """The organisation named just before `offset`, over an abbreviation in parentheses or a place."""
    o = ctx.mention_ending(offset, "org")
    if o:
        return o
    m = _ABBREVIATION_OR_PLACE.search(ctx.text, max(0, offset - 30), offset)
    if m and m.start() < offset:
        inside = ctx.mentions_in(m.start(), offset)
        if all(family(ctx.kind_of(i.key)) in ("place", "org") for i in inside):
            return ctx.mention_ending(m.start(), "org")
    return None


# Nationality adjectives beyond the foreign-goods list (kg/data/lexicon.toml): their ministers are not the state's.
_NATIONALITIES = frozenset({
    "Russian", "Australian", "Canadian", "Dutch", "Swiss", "Swedish", "Norwegian", "Danish", "Korean",
    "Saudi", "Emirati", "Qatari", "Omani", "Kuwaiti", "Israeli", "Nepalese", "Bhutanese", "Thai",
    "Vietnamese", "Indonesian", "Malaysian", "Singaporean", "Kenyan", "Nigerian", "Brazilian", "Mexican",
    "Polish", "Greek", "Portuguese", "Austrian", "Irish", "Uzbek", "Kazakh", "Mauritian", "Maldivian",
})
_TITLE_OF = re.compile(r"(?P<title>\S.*?)(?P<connector>[ ]+(?:of|at)[ ]+(?:the[ ]+)?)$")
_WHOSE_TITLE = re.compile(r"the[ ]+(?P<noun>[a-z][\w-]*)['\u2019]s[ ]+")
_UNION = re.compile(r"(?:Union|Central)[ ]+(?=[A-Z])")


def _qualified_title(ctx: Context, title: str, prefix: str) -> tuple[str, str | None, bool]:
    """'Union Minister of State for Commerce' -> Government of India; 'UP MSME Minister' (a state named
    just before the title) -> the state's government. The qualifier is not part of the title. The last
    value says that a foreign country qualifies the title ("UAE Economy Minister"): not the state's."""
    u = _UNION.match(title)
    if u and _GOVERNMENT_TITLE.search(title):
        return title[u.end():], add_org(ctx, GOVERNMENT_OF_INDIA, "GovernmentBody", None, None), False
    state = re.search(r"(?:^|[ ])(?P<state>[A-Z][\w.]*(?:[ ][A-Z][\w.]*)?)[ ]+$", prefix)
    if state:
        from kg.extract.gazetteer import lookup

        found = lookup(state.group("state")) or lookup(state.group("state").split()[-1])
        if found and found[1] == "State" and _GOVERNMENT_TITLE.search(title):
            return title, add_org(ctx, state_government_name(found[0]), "GovernmentBody", None, None), False
        if found and found[1] == "Country":
            if found[0] == "India" and _GOVERNMENT_TITLE.search(title):
                return title, add_org(ctx, GOVERNMENT_OF_INDIA, "GovernmentBody", None, None), False
            return title, None, True
    if re.search(r"\bIndian[ ]+$", prefix) and _GOVERNMENT_TITLE.search(title):
        return title, add_org(ctx, GOVERNMENT_OF_INDIA, "GovernmentBody", None, None), False
    # "Italian Trade Minister X": a foreign adjective
    adjective = re.search(r"\b([A-Z][a-z]+)[ ]+$", prefix)
    if adjective and (adjective.group(1).casefold() in ctx.lex.foreign_adjectives
                      or adjective.group(1) in _NATIONALITIES):
        return title, None, True
    return title, None, False
