"""Link number mentions to a casualty type, a victim category, a larger figure and a source.

This is the pure core of figextract: text -> tokens -> mentions -> victim phrases and cues -> linked
figures -> records. It imports no spaCy; components pass in sentence spans and ORG entity spans.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import takewhile
from typing import Collection, Mapping, Sequence

from .attribution import Attribution, Source
from .candidates import Mention, find_mentions
from .lexicon import Lexicon, load_lexicon
from .records import Figure
from .segment import paragraph_of, rule_sentences
from .syntax import Parse
from .tokens import Token, tokenize
from .victims import VictimPhrase, cue_at, read_victim_phrase, victim_at

MAX_PRE_HOPS = 10  # tokens between a verb/noun cue and the figure it governs ("killed almost 1,400")
MAX_PRE_HOPS_BARE = 2  # a number with no victim noun must sit right by its cue ("killed 12")
MAX_TOLL_HOPS = 12  # "the death toll from the wildfires on the island of Madeira rose to nine"
MAX_CHAIN_GAP = 6  # ", of which", "and", "as well as": list glue between figures of one list
MAX_BREAKDOWN_GAP = 14  # "killed 11 civilians on Sunday in the town of Ariha, among them four children"
SUBJECT_VICTIM_TYPES = frozenset({"displaced", "missing"})  # "5,000 people fled/evacuated the town"
PASSIVE_AUX = frozenset({"were", "was", "are", "is", "been", "being", "be", "got", "get", "remain", "remained", "remains", "left"})
SUBSET_CATEGORIES = frozenset({"children", "women", "men", "elderly"})


@dataclass
class _Draft:
    """A figure under construction, in token indices."""

    mention: Mention
    phrase: VictimPhrase
    end: int  # token after the mention's last token (number or phrase)
    tail: int  # token after the figure's own cue ("12 people were killed|"), where a list may go on
    type: str | None
    category: str
    parent: int | None  # index into the sentence's kept drafts
    sentence: int
    own: bool = False  # the type came from the figure's own words, not from a neighbour or a cue before it
    relative: bool = False  # ...through a relative clause: "37 people who crossed from Belarus"


def find_figures(
    text: str,
    sentences: Sequence[tuple[int, int]] | None = None,
    entities: Sequence[tuple[int, int]] = (),
    lexicon: Lexicon | None = None,
    vague_policy: str = "low",
    keep: Collection[int] | None = None,
    counts: Collection[int] | None = None,
    parses: Mapping[int, Parse] | None = None,
) -> list[Figure]:
    """All casualty figures in ``text``.

    ``sentences`` are character spans (by punctuation when None); each is read on its own, so a
    figure, its cues and its victims lie inside one sentence. ``entities`` are character spans of ORG
    entities, used for sources the gazetteer does not know. ``keep`` names the only sentences to
    read and ``counts`` those of them whose numbers to read; the others are read for their sources
    only (``prefilter.plan`` gives sets that cannot change the result). None reads them all.
    ``parses`` holds the dependency parse of some sentences, by index (none in rule-only mode).
    """
    lex = lexicon or load_lexicon()
    if sentences is None:
        sentences = rule_sentences(text)
    paragraphs = paragraph_of(sentences, text)
    entities = sorted(entities)

    figures: list[Figure] = []
    attribution = Attribution(lex)
    paragraph = -1
    for si, (cs, ce) in enumerate(sentences):
        if paragraphs[si] != paragraph:
            paragraph = paragraphs[si]
            attribution.new_paragraph()
        if keep is not None and si not in keep:
            continue
        tokens = tokenize(text, cs, ce)
        n = len(tokens)
        mentions = [m for m in find_mentions(tokens, lex, vague_policy) if m.reject is None] if counts is None or si in counts else []
        inside = [e for e in takewhile(lambda e: e[0] < ce, entities[bisect_left(entities, (cs, cs)) :]) if e[1] <= ce]
        parse = parses.get(si) if parses else None
        said = attribution.read(text, tokens, inside, parse)
        drafts = link_sentence(tokens, 0, n, mentions, lex, si)
        base = len(figures)
        for d in drafts:
            src = attribution.source_for(said, tokens, d.mention.start)
            figures.append(_record(text, tokens, d, src, None if d.parent is None else base + d.parent, lex))
        attribution.end_sentence(said)
    return figures


def _record(text: str, tokens: Sequence[Token], d: _Draft, src: Source | None, part_of: int | None, lex: Lexicon) -> Figure:
    m, ph = d.mention, d.phrase
    assert d.type is not None  # only typed drafts become records
    start, end = tokens[m.start].start, tokens[d.end - 1].end
    category_text = None
    if ph.category is not None and ph.text_start is not None and ph.end > ph.text_start:
        category_text = text[tokens[ph.text_start].start : tokens[ph.end - 1].end]
    return Figure(
        text=text[start:end],
        start=start,
        end=end,
        number=text[tokens[m.num_start].start : tokens[m.end - 1].end],
        value=m.value,
        low=m.low,
        high=m.high,
        qualifier=m.qualifier,
        unit="people",
        type=d.type,
        category=d.category,
        group=lex.group_of[d.category],
        category_text=category_text,
        source=src.name if src else None,
        source_text=src.text if src else None,
        source_kind=src.kind if src else None,
        part_of=part_of,
        same_as=None,
        superseded_by=None,
        sentence=d.sentence,
    )


def link_sentence(tokens: Sequence[Token], ts: int, te: int, mentions: Sequence[Mention], lex: Lexicon, sentence: int) -> list[_Draft]:
    """Figures among ``mentions`` of the sentence ``tokens[ts:te]``, in order."""
    if not mentions:
        return []
    cue_ends = _cues_by_end(tokens, ts, te, lex)
    mention_at = {j for m in mentions for j in range(m.start, m.end)}
    # 1. What each mention says about itself: its victims and a cue of its own.
    drafts: list[_Draft] = []
    for m in mentions:
        phrase = read_victim_phrase(tokens, m.end, te, lex)
        if phrase.thing:
            continue
        end = max(m.end, phrase.end)
        ctype, tail = _own_type(tokens, m, phrase, max(end, phrase.after or 0), te, lex)
        if ctype == "agent":
            continue
        relative = ctype is not None and any(t.lower in ("who", "that") for t in tokens[end:tail])
        drafts.append(_Draft(m, phrase, end, tail, ctype, phrase.category or "people", None, sentence, own=ctype is not None, relative=relative))
    joins = [_join(tokens, a, b, lex) for a, b in zip(drafts, drafts[1:])]
    # 2. A list shares its type: "killed 965 militants and 1,233 rebels", and backwards when the
    # verb follows the list: "Three soldiers and seven militants were killed".
    _spread_types(drafts, joins)
    # 3. A cue before the figure: "killed almost 1,400 civilians", "the death toll rose to 52"; it
    # also beats a cue inside a relative clause ("detained 37 people who crossed from Belarus").
    for d in drafts:
        if d.type is None or d.relative:
            d.type = _pre_type(tokens, ts, d.mention, d.phrase, cue_ends, mention_at, lex) or d.type
    # 4. A category that is a type by itself: refugees are displaced.
    for d in drafts:
        if d.type is None and d.phrase.category is not None and d.phrase.category in lex.implied_types:
            d.type = lex.implied_types[d.phrase.category]
    _spread_types(drafts, joins)
    for i in range(len(drafts) - 2, -1, -1):
        coordinated = any(t.lower in ("and", ",", "or", "among") for t in tokens[drafts[i].end : drafts[i + 1].mention.start])
        if drafts[i].type is None and joins[i] == "list" and coordinated and drafts[i + 1].own:
            drafts[i].type = drafts[i + 1].type
    # 5. Breakdowns: "1,380 civilians, of which 332 were children, and 195 women".
    kept: list[_Draft] = []
    for i, d in enumerate(drafts):
        if d.type is None:
            continue
        join = joins[i - 1] if i > 0 else None
        prev = kept[-1] if kept and drafts[i - 1] is kept[-1] else None
        if prev is not None and join is not None:
            candidate = (len(kept) - 1 if prev.parent is None else prev.parent) if join == "breakdown" else prev.parent
            explicit = join == "breakdown" and d.phrase.category is None  # "24,000 people, of whom about 19,000"
            if candidate is not None and _is_part(kept[candidate], d.category, d.mention.value, d.type, lex, explicit):
                d.parent = candidate
        kept.append(d)
    # "Two Journalists Among 9 Killed": the part comes first.
    for i in range(len(kept) - 1):
        a, b = kept[i], kept[i + 1]
        if [t.lower for t in tokens[a.end : b.mention.start]] == ["among"] and _is_part(b, a.category, a.mention.value, a.type or "", lex):
            a.parent = i + 1
    return kept


def _spread_types(drafts: list[_Draft], joins: list[str | None]) -> None:
    for i in range(1, len(drafts)):
        if drafts[i].type is None and joins[i - 1] is not None and drafts[i - 1].type is not None:
            drafts[i].type = drafts[i - 1].type


def _join(tokens: Sequence[Token], a: _Draft, b: _Draft, lex: Lexicon) -> str | None:
    """How two neighbouring figures are joined: "breakdown" (", including", ", of which", "five
    of them children"), "list" (", and") or not at all (None)."""
    start = b.mention.start
    blockers = lex.words["blockers"] - {"which", "who", "as", "since", "after", "before", "until"}
    for gap_start in (a.tail, a.end):
        gap = tokens[gap_start:start]
        if gap_start > start or any(t.lower in blockers or t.text in (";", ":") for t in gap):
            continue
        if (b.phrase.partitive or _ends_with_marker(tokens, gap_start, start, lex)) and len(gap) <= MAX_BREAKDOWN_GAP:
            return "breakdown"
        if _is_glue(tokens, gap_start, start, lex):
            return "breakdown" if _has_breakdown_marker(tokens, gap_start, start, lex) else "list"
    return None


def _ends_with_marker(tokens: Sequence[Token], a: int, b: int, lex: Lexicon) -> bool:
    markers = lex.phrases["breakdown_markers"]
    return any(b - n >= a and tuple(t.lower for t in tokens[b - n : b]) in markers for n in (3, 2, 1))


def _cues_by_end(tokens: Sequence[Token], ts: int, te: int, lex: Lexicon) -> dict[int, frozenset[tuple[str, str]]]:
    """For each token index that ends a cue phrase, the roles of the phrases that end there."""
    out: dict[int, frozenset[tuple[str, str]]] = {}
    for j in range(ts, te):
        hit = cue_at(tokens, j, te, lex)
        if hit is not None:
            roles, end = hit
            out[end] = out.get(end, frozenset()) | roles  # "to evacuate" and "evacuate" both end here
    return out


def _pick(roles: frozenset[tuple[str, str]], wanted: tuple[str, ...]) -> str | None:
    types = sorted(t for t, r in roles if r in wanted)
    return types[0] if types else None


def _own_type(tokens: Sequence[Token], m: Mention, phrase: VictimPhrase, end: int, te: int, lex: Lexicon) -> tuple[str | None, int]:
    """The type a figure states itself, and the token after it: a casualty head ("12 dead"), an
    adjective ("12 wounded soldiers") or a cue after the phrase ("12 people were killed"). "agent"
    marks the subject of an active verb ("12 gunmen killed 5 soldiers"), which is no casualty."""
    if phrase.head_type is not None:
        if phrase.head_word == "lives":
            before = {t.lower for t in tokens[max(0, m.start - 3) : m.start]}
            following = [t.lower for t in tokens[end : end + 3]]
            return ("killed" if before & lex.lives_verbs or "lost" in following else None), end
        return phrase.head_type, end
    if phrase.adjective_type is not None:
        return phrase.adjective_type, end
    k = _skip_place(tokens, _skip_apposition(tokens, end, te, lex), te, lex)
    passive = False
    hops = 0
    while k < te and hops < 6:
        aux = None
        for n in (5, 4, 3, 2, 1):
            if k + n <= te and tuple(t.lower for t in tokens[k : k + n]) in lex.phrases["auxiliaries"]:
                aux = k + n
                break
        if aux is not None:
            passive = passive or any(t.lower in PASSIVE_AUX for t in tokens[k:aux])
            hops += aux - k
            k = aux
            continue
        if tokens[k].lower in lex.words["adverbs"] or tokens[k].lower in ("who", "that"):
            k += 1
            hops += 1
            continue
        break
    hit = cue_at(tokens, k, te, lex)
    if hit is None:
        return None, end
    roles, after = hit
    verb = _pick(roles, ("verbs",))
    if verb is not None and not passive and verb not in SUBJECT_VICTIM_TYPES and _starts_object(tokens, after, te, lex):
        return "agent", end
    ctype = verb or _pick(roles, ("intransitive", "heads"))
    return ctype, (after if ctype else end)


def _skip_apposition(tokens: Sequence[Token], k: int, te: int, lex: Lexicon) -> int:
    """Step over an apposition between a figure and its verb: "17 people, including four children,
    were killed", "23 civilians, nine of them children, were killed", and the closing comma of
    one: "four children, were killed". Only when a verb form follows, so lists stay lists."""
    if k >= te or tokens[k].text != ",":
        return k
    aux = lex.phrases["auxiliaries"]

    def verb_at(j: int) -> bool:
        return j < te and ((tokens[j].lower,) in aux or cue_at(tokens, j, te, lex) is not None)

    if k + 1 < te and (tokens[k + 1].lower,) in aux:
        return k + 1
    close = next((j for j in range(k + 1, min(te, k + 12)) if tokens[j].text in (",", ";", ".")), None)
    if close is not None and tokens[close].text == "," and verb_at(close + 1):
        return close + 1
    return k


def _skip_place(tokens: Sequence[Token], k: int, te: int, lex: Lexicon) -> int:
    """Step over a place between a figure and its verb: "Millions of people in Pakistan's Sindh
    province remain displaced", "17,000 people across the province have been forced from their homes"."""
    if k >= te or tokens[k].lower not in ("in", "from", "at", "near", "across", "inside", "outside", "around", "throughout"):
        return k
    places = lex.words["place_nouns"]
    aux = lex.phrases["auxiliaries"]
    for j in range(k + 1, min(te, k + 8)):
        tok = tokens[j]
        if (tok.lower,) in aux or cue_at(tokens, j, te, lex) is not None:
            return j if j > k + 1 else k
        if not (tok.lower in places or (tok.kind == "word" and tok.text[:1].isupper())):
            return k
    return k


def _starts_object(tokens: Sequence[Token], k: int, te: int, lex: Lexicon) -> bool:
    """Whether the words after a verb are its object, making the phrase before it the subject."""
    if k >= te:
        return False
    tok = tokens[k]
    if tok.kind == "num" or tok.lower in lex.words["object_starters"]:
        return True
    if tok.kind == "word" and tok.text[:1].isupper() and tok.lower not in lex.words["stop_words"]:
        return True
    return victim_at(tokens, k, te, lex) is not None


def _pre_type(
    tokens: Sequence[Token],
    ts: int,
    m: Mention,
    phrase: VictimPhrase,
    cue_ends: dict[int, frozenset[tuple[str, str]]],
    mention_at: set[int],
    lex: Lexicon,
) -> str | None:
    """The type of a cue before the figure: "killed almost 1,400", "the death toll rose to 52"."""
    bare = phrase.category is None
    p = m.start
    hops = 0
    blockers = lex.words["blockers"]
    linked_by_toll_word = m.start > ts and tokens[m.start - 1].lower in lex.toll_links
    after_by = False  # "killed by 12 gunmen": the figure is the agent of the verb, not its object
    while p > ts and hops <= MAX_TOLL_HOPS + 2:
        roles = cue_ends.get(p)
        if roles is not None:
            verb_or_noun = _pick(roles, ("verbs", "nouns"))
            limit = MAX_PRE_HOPS_BARE if bare else MAX_PRE_HOPS
            if verb_or_noun is not None and hops <= limit and not after_by:
                return verb_or_noun
            toll = _pick(roles, ("tolls",))
            if toll is not None and (linked_by_toll_word or hops == 0) and hops <= MAX_TOLL_HOPS:
                return toll
        tok = tokens[p - 1]
        if (p - 1) in mention_at or tok.lower in blockers:
            return None
        after_by = after_by or tok.lower == "by"
        p -= 1
        hops += 1
    return None


def _is_glue(tokens: Sequence[Token], a: int, b: int, lex: Lexicon) -> bool:
    """Whether tokens ``[a, b)`` only join two items of one list (", and", ", of which")."""
    if b - a > MAX_CHAIN_GAP or b <= a:
        return False  # no gap at all is no list: "children under 15"
    glue = lex.words["glue"]
    return all(t.lower in glue for t in tokens[a:b])


def _has_breakdown_marker(tokens: Sequence[Token], a: int, b: int, lex: Lexicon) -> bool:
    markers = lex.phrases["breakdown_markers"]
    for i in range(a, b):
        for n in (3, 2, 1):
            if i + n <= b and tuple(t.lower for t in tokens[i : i + n]) in markers:
                return True
    return False


def _is_part(parent: _Draft, category: str, value: int, ctype: str, lex: Lexicon, explicit: bool = False) -> bool:
    """Whether a figure can break down ``parent``: same type, no larger, and a subset of its people.
    ``explicit``: the text says so and names no new victims ("of whom about 19,000")."""
    if (parent.type != ctype and parent.type != "casualties") or value > parent.mention.value:
        return False  # "1,092 civilian casualties, including 314 deaths" breaks casualties down
    pcat = parent.category
    if pcat == category:
        return explicit and value < parent.mention.value
    if pcat == "people":
        return True
    if category in SUBSET_CATEGORIES and lex.group_of.get(pcat) == "civilians":
        return True
    return lex.group_of.get(category) == lex.group_of.get(pcat)
