"""Direct quotations and who said them.

Finds the quoted pieces of each paragraph, joins the pieces of one quotation (across an attribution or
a paragraph break), and settles each quotation's speaker: the person or body its attribution names, or
the antecedent of "he", "she", a surname or a title noun ("the minister"). Attributions of a quoted
fragment inside reported speech are rows of kg/extract/patterns/quotes.toml; a quotation whose speaker
cannot be found is not recorded."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.context import Context, Mention, alternation, family
from kg.extract.model import Quotation

# Straight, curly or mixed double marks ("\u201c...\"" is common in wire copy), or single curly/straight marks.
_PIECES = re.compile(
    r'["\u201c](?P<d>[^"\u201c\u201d\n]+)["\u201d]'
    r"|\u201c(?P<c>[^\u201d\n]+)\u201d"
    r"|(?<![\w])\u2018(?P<s>[^\n]+?)\u2019(?![\w])"
    r"|(?<![\w'])'(?P<q>[A-Z0-9][^\n]*?[^\s])'(?![\w])"
)


@dataclass
class _Piece:
    start: int  # of the opening quote mark
    end: int  # after the closing quote mark
    inner_start: int
    inner_end: int
    speaker: str | None = None
    attribution_end: int | None = None
    attribution_start: int | None = None
    attributed: bool = False
    # The quotation runs on into the next paragraph (it opens a paragraph and is not closed there).
    runs_on: bool = False
    # Attributed to someone the text does not name ("an official said"): no speaker to guess.
    anonymous: bool = False


def _pronoun_gender(word: str) -> str:
    return "female" if word.lower() == "she" else "male"


@cache
def _patterns(verbs: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    alt = alternation(list(verbs))
    after_re = re.compile(
        rf"^[ ]*[,.!?\u2014-]*[ ]*(?:(?P<verb1>{alt})[ ]+(?P<who1>\S.*)|(?P<who2>.+?)[ ]+(?P<verb2>{alt})\b)")
    verb_re = re.compile(rf"\b(?:{alt})\b")
    return after_re, verb_re


_OPEN = re.compile(r'["\u201c](?=\S)')


def find_quotes(ctx: Context) -> None:
    after_re, verb_re = _patterns(ctx.lex.speech_verbs)
    carried: _Piece | None = None
    for para in ctx.body():
        pieces = _attributed_pieces(ctx, para.start, para.end, after_re, verb_re)
        if carried is not None:
            # The quotation opened in the paragraph before goes on in this one's first quoted piece.
            if pieces and pieces[0].start == para.start:
                pieces.insert(0, carried)
            else:
                _group(ctx, [carried])
            carried = None
        # A paragraph that opens a quotation and never closes it: the quotation runs on (news style),
        # unless the article is cut off there (the last paragraph, no closing stop).
        opened = _unclosed_piece(ctx, pieces, para.start, para.end)
        if opened is not None and para is not ctx.doc.paragraphs[-1]:
            if opened.start != para.start:
                _attribute_before(ctx, opened, verb_re, pieces[-1].end if pieces else para.start)
            carried = opened
            if opened.start == para.start and not pieces:
                continue
        _group(ctx, pieces)
    if carried is not None:
        _group(ctx, [carried])


def _attributed_pieces(ctx: Context, start: int, end: int, after_re: re.Pattern[str],
                       verb_re: re.Pattern[str]) -> list[_Piece]:
    """The quoted pieces of a paragraph, each with the speaker its attribution names, if any."""
    pieces = [_piece(m) for m in _PIECES.finditer(ctx.text, start, end)]
    # A piece that starts in lower case is a fragment of a sentence: its speaker is read from the parse.
    pieces = [p for p in pieces if ctx.text[p.inner_start:p.inner_start + 1].islower() and _fragment(ctx, p)
              or _is_quotation(ctx.text[p.inner_start:p.inner_end]) or _fragment(ctx, p)]
    for i, p in enumerate(pieces):
        if p.attributed:
            continue
        _attribute_after(ctx, p, after_re, pieces[i + 1].start if i + 1 < len(pieces) else end)
        if not p.attributed:
            _attribute_before(ctx, p, verb_re, pieces[i - 1].end if i else start)
    return pieces


def _unclosed_piece(ctx: Context, pieces: list[_Piece], start: int, end: int) -> _Piece | None:
    """A quotation opened after the paragraph's closed pieces and not closed in it ('X said: "A. B.')."""
    after = pieces[-1].end if pieces else start
    rest = ctx.text[after:end]
    m = re.search(r'(?:(?<=^)|(?<=[\s(:]))["\u201c](?=\S)', rest)
    if m is None or re.search(r'["\u201c\u201d]', rest[m.end():]):
        return None
    mark = after + m.start()
    if not _is_quotation(ctx.text[mark + 1:end]):
        return None
    return _Piece(mark, end, mark + 1, end, runs_on=True)


def _is_quotation(inner: str) -> bool:
    """Words someone said, not a term in scare quotes ('the "vocal for local" idea')."""
    words = inner.split()
    return len(words) >= 3 and (inner.lstrip()[:1].isupper() or len(words) >= 6)


def _piece(m: re.Match[str]) -> _Piece:
    g = next(k for k in ("d", "c", "s", "q") if m.group(k) is not None)
    return _Piece(m.start(), m.end(), m.start(g), m.end(g))


_END = re.compile(r"[.!?](?=\s|$)|\n")
_ABBREVIATIONS = {"Dr", "Mr", "Ms", "Mrs", "Smt", "Shri", "Sri", "Prof", "St", "Jr", "Sr", "Rs", "No"}


def _sentence_end(ctx: Context, start: int, limit: int) -> int:
    for m in _END.finditer(ctx.text, start, limit):
        word = re.search(r"(\w+)$", ctx.text[max(start, m.start() - 6):m.start()])
        if m.group() == "." and word and (word.group(1) in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        return m.end()
    return limit


def _attribute_after(ctx: Context, p: _Piece, after_re: re.Pattern[str], limit: int) -> None:
    end = _sentence_end(ctx, p.end, limit)
    tail = ctx.text[p.end:end]
    m = after_re.match(tail)
    if not m:
        return
    who_start = p.end + (m.start("who1") if m.group("who1") is not None else m.start("who2"))
    who_text = m.group("who1") if m.group("who1") is not None else m.group("who2")
    if m.group("who2") is not None and len(who_text.split()) > 8:
        # '"...," X, who runs a unit in the old city, said': a name, then a clause about them
        named = ctx.mention_starting(who_start, "person", r"")
        if named is None or not ctx.text.startswith(",", named.end):
            return
        who_text = ctx.text[who_start:named.end]
    speaker = _speaker_at(ctx, who_start, who_text, p.start)
    if speaker is not None:
        p.speaker, p.attributed, p.attribution_end = speaker, True, end
    elif _ANONYMOUS.match(who_text):
        p.attributed, p.anonymous, p.attribution_end = True, True, end


# "an official said", "a spokesperson added", "officials said", "sources said"
_ANONYMOUS = re.compile(r"(?:an?|one|another|some|several|many|two|three|other)[ ]+\S+|(?:officials|sources|"
                        r"residents|artisans|traders|locals|villagers)\b", re.I)


def _attribute_before(ctx: Context, p: _Piece, verb_re: re.Pattern[str], limit: int) -> None:
    sentence = ctx.sentence_of(p.start)
    start = max(limit, sentence.start)
    head = ctx.text[start:p.start]
    if not head.strip() or not re.search(r"[:,][ ]*$", head):
        return
    people = ctx.mentions_in(start, p.start, "person")
    if people:
        chosen = _subject_of_verb(ctx, people, verb_re, start, p.start) or people[0]
        p.speaker, p.attributed, p.attribution_start = chosen.key, True, people[0].start
        return
    noun = _TITLE_NOUN.search(head)
    if noun and verb_re.search(head, noun.start("noun")):
        # "The minister later told reporters: ..."
        speaker = _resolve_title(ctx, noun.group("noun"), start + noun.start())
        if speaker is not None:
            p.speaker, p.attributed, p.attribution_start = speaker, True, start + noun.start()
            return
    pron = re.search(r"\b(?P<p>[Hh]e|[Ss]he)\b", head)
    if pron and verb_re.search(head):
        p.speaker = _resolve_pronoun(ctx, pron.group("p"), start + pron.start())
        p.attributed = p.speaker is not None
        p.attribution_start = start


_BEFORE_VERB = re.compile(r"(?:,[^,\"\u201c]{1,80},)?[ ]+(?:[a-z]+[ ]+){0,2}|,[ ]+who[^\"\u201c]{1,120},[ ]*")


def _subject_of_verb(ctx: Context, people: list[Mention], verb_re: re.Pattern[str], start: int,
                     end: int) -> Mention | None:
    """The person who is the subject of the verb of saying before a quotation: 'After Minister X left,
    weaver Y said: ...' is Y's; 'Y, who was trained by Z, said: ...' is Y's too."""
    verbs = list(verb_re.finditer(ctx.text, start, end))
    if not verbs:
        return None
    verb = verbs[-1].start()
    for m in reversed([m for m in people if m.end <= verb]):
        if _BEFORE_VERB.fullmatch(ctx.text, m.end, verb):
            return m
    return None


def _speaker_at(ctx: Context, offset: int, who: str, quote_start: int) -> str | None:
    """The person named (or he/she, or "the minister") at `offset` in an attribution."""
    w = who.strip()
    pron = re.match(r"(?P<p>[Hh]e|[Ss]he)\b", w)
    if pron:
        return _resolve_pronoun(ctx, pron.group("p"), quote_start)
    named = ctx.mentions_in(offset, offset + len(who) + 1, "person")
    body = ctx.mention_starting(offset + len(who) - len(who.lstrip()), "org", r"(?:the[ ]+)?")
    if body is not None and not named and ctx.kind_of(body.key) != "NewsAgency":
        return body.key  # '"...," the state government said in a statement'
    noun = _TITLE_NOUN.match(w)
    if noun and not (named and named[0].start - offset <= 40):
        # "the minister said"; but '"...," the minister, X, said' names X
        return _resolve_title(ctx, noun.group("noun"), quote_start)
    for m in named:
        return m.key
    return None


# "the minister said", "the Joint Commissioner added": a title noun standing for a person named before.
_TITLE_NOUN = re.compile(r"[Tt]he[ ]+(?P<noun>(?:[A-Za-z-]+[ ]+){0,2}[A-Za-z-]+?)(?=[ ]+[a-z]+\b|[ ]*[,.]|$)")


def _resolve_title(ctx: Context, noun: str, offset: int) -> str | None:
    """The person most recently named before `offset` whose role's title contains the title noun."""
    words, holders = _title_holders(ctx, noun.split())
    if not holders and words and words[-1] in ctx.lex.title_heads:
        holders = _titled_nearby(ctx, words, offset)
    found = [m.key for m in ctx.mentions_in(0, offset, "person") if m.key in holders]
    return found[-1] if found else None


def _title_holders(ctx: Context, written: list[str]) -> tuple[list[str], set[str]]:
    """The title words ("the minister later told": the words up to the last title word) and the people
    whose recorded role has that title."""
    words: list[str] = []
    holders: set[str] = set()
    for n in range(len(written), 0, -1):
        words = [w.casefold() for w in written[:n]]
        if n == 1 and written[0].isupper() and 2 <= len(written[0]) <= 4:
            holders = _holders_by_initials(ctx, words[0])  # "the DM said"
        if not holders and words[-1] in ctx.lex.title_heads:
            holders = {r.person for r in ctx.extraction.roles if all(w in r.title.casefold() for w in words)}
        if holders or words[-1] in ctx.lex.title_heads:
            break
    return words, holders


def _holders_by_initials(ctx: Context, initials: str) -> set[str]:
    """People whose title has these initials ("dm": "District Magistrate")."""
    return {r.person for r in ctx.extraction.roles
            if "".join(w[0] for w in re.findall(r"[A-Za-z]+", r.title)).casefold() == initials}


def _titled_nearby(ctx: Context, words: list[str], offset: int) -> set[str]:
    """A title with no organisation ("Collector X"): the people with the title written next to their name."""
    title = re.compile(r"\b" + r"[ ]+".join(re.escape(w) for w in words) + r"\b", re.I)
    holders: set[str] = set()
    for m in ctx.mentions_in(0, offset, "person"):
        sentence = ctx.sentence_of(m.start)
        if title.search(ctx.text, max(sentence.start, m.start - 50), m.start) \
                or title.match(ctx.text[m.end:m.end + 60].lstrip(", ").removeprefix("the ")):
            holders.add(m.key)
    return holders


def _resolve_pronoun(ctx: Context, pronoun: str, offset: int) -> str | None:
    """He/she: the first person (of a fitting gender) in the sentence, or the sentences before."""
    gender = _pronoun_gender(pronoun)
    sentence = ctx.sentence_of(offset)
    for index in range(sentence.index, max(-1, sentence.index - 4), -1):
        s = ctx.doc.sentences[index]
        end = offset if index == sentence.index else s.end
        found = ctx.mentions_in(s.start, end, "person")
        # A person known to be of the pronoun's gender first ("weaver Sunita Yadav ... she said"), then anyone
        # whose gender the text does not tell.
        for m in found:
            if ctx.ents[m.key].gender == gender:
                return m.key
        for m in found:
            if ctx.ents[m.key].gender is None:
                return m.key
    return None


def _group(ctx: Context, pieces: list[_Piece]) -> None:
    """Join continuation pieces to the attributed piece before them, and record the quotations."""
    groups: list[list[_Piece]] = []
    for p in pieces:
        if groups and _continues(ctx, groups[-1], p):
            groups[-1].append(p)
        else:
            groups.append([p])
    for group in groups:
        _record(ctx, group)


def _continues(ctx: Context, group: list[_Piece], p: _Piece) -> bool:
    """Joined to the quotation before: its continuation from the previous paragraph, an unattributed
    piece after an attributed one, or the tail of a quotation split by its attribution."""
    return group[-1].runs_on or not p.attributed and group[0].attributed or _split_tail(ctx, group[-1], p)


def _record(ctx: Context, group: list[_Piece]) -> None:
    """Record a quotation made of pieces, when it has a speaker."""
    head = group[0]
    speaker = next((p.speaker for p in group if p.speaker is not None), None)
    if speaker is None and any(p.anonymous for p in group):
        return  # "an official said": nobody to name
    if speaker is None:
        speaker = _unattributed_speaker(ctx, head)
    if speaker is None:
        return  # a quotation needs a speaker
    texts = [ctx.text[p.inner_start:p.inner_end].strip() for p in group]
    text = " ".join(t.rstrip(",").strip() for t in texts)
    start = min([head.start] + [p.attribution_start for p in group if p.attribution_start is not None])
    end = max([p.end for p in group] + [p.attribution_end for p in group if p.attribution_end is not None])
    ctx.extraction.quotations.append(Quotation(
        speaker=speaker,
        text=text,
        pieces=tuple(ctx.doc.span(p.inner_start, p.inner_end) for p in group),
        evidence=ctx.doc.span(start, end),
    ))


# '"A," she said, "and B."': the attribution between two pieces ends with a comma.
_SPLIT_GAP = re.compile(r"[^.!?\"\u201c\u201d\n]{2,80},[ ]*")


def _split_tail(ctx: Context, previous: _Piece, p: _Piece) -> bool:
    """`p` is the tail of a quotation its attribution split: same speaker, only the attribution between."""
    if not previous.attributed or p.speaker not in (None, previous.speaker):
        return False
    inner = ctx.text[p.inner_start:p.inner_end]
    return bool(_SPLIT_GAP.fullmatch(ctx.text, previous.end, p.start)) and inner[:1].islower()


def _named_nearby(ctx: Context, p: _Piece) -> str | None:
    """A quotation with no attribution: the one person named in its sentence outside the quote marks, or
    in the next sentence when that sentence is a short attribution ('"..." That was how X put it.')."""
    sentence = ctx.sentence_of(p.start)
    outside = [m.key for m in ctx.mentions_in(sentence.start, sentence.end, "person")
               if not p.start <= m.start < p.end]
    if len(set(outside)) == 1:
        return outside[0]
    if sentence.index + 1 < len(ctx.doc.sentences):
        following = ctx.doc.sentences[sentence.index + 1]
        # In the same paragraph, or opening the next when the quotation stands alone in its paragraph
        # ('"..."' then 'That is how X, a potter, sums up ...').
        alone = ctx.doc.paragraphs[sentence.paragraph].start == p.start \
            and following.paragraph == sentence.paragraph + 1
        if (following.paragraph == sentence.paragraph or alone) \
                and not re.search(r"[\"\u201c\u201d]", following.text) and _PUT_IT.search(following.text):
            named = {m.key for m in ctx.mentions_in(following.start, following.end, "person")}
            if len(named) == 1:
                return named.pop()
    return None


_PUT_IT = re.compile(r"\b(?:put it|puts it|summed (?:it )?up|sums (?:it )?up|said|says|explained|recalled|"
                     r"is how|was how|described|describes|were the words|are the words)\b")


def _last_speaker(ctx: Context, offset: int) -> str | None:
    """For a quotation with no attribution: whoever was quoted last, if it was recent."""
    for q in reversed(ctx.extraction.quotations):
        if q.speaker and offset - q.evidence.end < 600:
            return q.speaker
    return None


# '..., she said. "..."': the sentence before ends with its speaker's attribution.
_SAID_AT_END = re.compile(r"\b(?P<who>[Hh]e|[Ss]he|[A-Z][\w.-]+)[ ]+(?:said|added|says|told[ ]+\w+)[.]?\s*$")


def _said_before(ctx: Context, p: _Piece) -> str | None:
    """An unattributed quotation after a sentence of reported speech in the same paragraph is its speaker's."""
    sentence = ctx.sentence_of(p.start)
    if sentence.index == 0 or sentence.start != p.start:
        return None
    before = ctx.doc.sentences[sentence.index - 1]
    m = _SAID_AT_END.search(before.text)
    if before.paragraph != sentence.paragraph or m is None or re.search(r"[\"\u201c\u201d]", before.text):
        return None
    offset = before.start + m.start("who")
    if m.group("who").lower() in ("he", "she"):
        return _resolve_pronoun(ctx, m.group("who"), offset)
    named = ctx.mentions_in(offset, before.start + m.end("who"), "person")
    return named[0].key if named else None


def _fragment(ctx: Context, p: _Piece) -> bool:
    """A quoted fragment inside reported speech ('He called the order "a passport for the craft"') is a
    quotation when a row of kg/extract/patterns/quotes.toml names its speaker; a term in scare quotes is not."""
    if len(ctx.text[p.inner_start:p.inner_end].split()) < 3:
        return False
    speaker = _fragment_speaker(ctx, p)
    if speaker is None:
        return False
    p.speaker, p.attributed = speaker, True
    sentence = ctx.sentence_of(p.start)
    p.attribution_start, p.attribution_end = sentence.start, sentence.end
    return True


def _fragment_speaker(ctx: Context, p: _Piece) -> str | None:
    from kg.extract.patterns import load, run

    doc = ctx.parsed
    inside = doc.char_span(p.inner_start, p.inner_end, alignment_mode="expand")
    if inside is None:
        return None
    first = inside[0]
    best: tuple[int, str] | None = None
    for hit in run(load("quotes"), doc[first.sent.start:first.sent.end]):
        clause = hit.tokens[hit.row.yields["clause"]]
        speaker = hit.tokens[hit.row.yields["speaker"]]
        span = (clause.left_edge.i, clause.right_edge.i)
        if not span[0] <= first.i <= span[1] or speaker.i >= first.i and speaker.i <= inside[-1].i:
            continue
        key = _token_speaker(ctx, speaker, p.start)
        if key is not None and (best is None or span[1] - span[0] < best[0]):
            best = (span[1] - span[0], key)
    return best[1] if best else None


def _token_speaker(ctx: Context, tok: object, quote_start: int) -> str | None:
    """The person or body a speaker token names: a mention, he/she, or "the minister"."""
    from spacy.tokens import Token

    assert isinstance(tok, Token)
    start, end = tok.idx, tok.idx + len(tok.text)
    if tok.lower_ in ("he", "she"):
        return _resolve_pronoun(ctx, tok.text, start)
    for m in ctx.mentions_in(max(0, start - 100), end + 100):
        if m.start <= start and end <= m.end and family(ctx.kind_of(m.key)) in ("person", "org"):
            return m.key
    if tok.pos_ == "NOUN":
        return _resolve_title(ctx, tok.text, quote_start)
    return None


def _unattributed_speaker(ctx: Context, head: _Piece) -> str | None:
    """The speaker of a quotation with no attribution of its own: named nearby, in the sentence of
    reported speech before it, or whoever was quoted just before."""
    return _named_nearby(ctx, head) or _said_before(ctx, head) or _last_speaker(ctx, head.start)
