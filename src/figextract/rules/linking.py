"""Link number mentions to a casualty type, a victim category, a larger figure and a source.

This is the pure core of figextract: text -> tokens -> mentions -> victim phrases and cues -> linked
figures -> records. It imports no spaCy; components pass in sentence spans and ORG entity spans.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from itertools import takewhile
from typing import Collection, Mapping, Sequence

from .attribution import Attribution, Source
from .candidates import Mention, find_mentions
from .cleanup import Repaired, repair
from .coreference import Described, counted_in, describe, same_person
from .drafts import Draft
from .implicit import Person, people
from .indefinites import article_mentions
from .lexicon import Lexicon, load_lexicon
from .parse_reader import ParseReader
from .records import Figure
from .relations import outcome_parts, partitive_pairs, refers_back, restatement_pairs, superseded_pairs
from .scope import SentenceScope, read_scope
from .segment import paragraph_of, rule_sentences
from .syntax import Parse
from .tokens import Token, tokenize
from .victims import VictimPhrase, cue_at, read_victim_phrase, victim_at

__all__ = [
    "MAX_BREAKDOWN_GAP", "MAX_CHAIN_GAP", "MAX_PRE_HOPS", "MAX_PRE_HOPS_BARE", "MAX_TOLL_HOPS", "PASSIVE_AUX", "SUBJECT_VICTIM_TYPES",
    "SUBSET_CATEGORIES", "find_figures", "link_sentence",
]  # fmt: skip

MAX_PRE_HOPS = 10  # tokens between a verb/noun cue and the figure it governs ("killed almost 1,400")
MAX_PRE_HOPS_BARE = 2  # a number with no victim noun must sit right by its cue ("killed 12")
MAX_TOLL_HOPS = 12  # "the death toll from the wildfires on the island of Madeira rose to nine"
MAX_CHAIN_GAP = 6  # ", of which", "and", "as well as": list glue between figures of one list
MAX_BREAKDOWN_GAP = 14  # "killed 11 civilians on Sunday in the town of Ariha, among them four children"
SUBJECT_VICTIM_TYPES = frozenset({"displaced", "missing"})  # "5,000 people fled/evacuated the town"
PASSIVE_AUX = frozenset({"were", "was", "are", "is", "been", "being", "be", "got", "get", "remain", "remained", "remains", "left"})
SUBSET_CATEGORIES = frozenset({"children", "women", "men", "elderly"})


def find_figures(
    text: str,
    sentences: Sequence[tuple[int, int]] | None = None,
    entities: Sequence[tuple[int, int]] = (),
    lexicon: Lexicon | None = None,
    vague_policy: str = "low",
    keep: Collection[int] | None = None,
    counts: Collection[int] | None = None,
    parses: Mapping[int, Parse] | None = None,
    repaired: Repaired | None = None,
) -> list[Figure]:
    """All casualty figures in ``text``.

    The text is read as ``cleanup.repair`` makes it (glued words split, line-break hyphens and
    mojibake undone; pass ``repaired`` when it is at hand): ``sentences``, ``entities`` and ``parses``
    are offsets into the repaired text, and the figures come back with offsets and words of ``text``.

    ``sentences`` are character spans (by punctuation when None); each is read on its own, so a
    figure, its cues and its victims lie inside one sentence. ``entities`` are character spans of ORG
    entities, used for sources the gazetteer does not know. ``keep`` names the only sentences to
    read and ``counts`` those of them whose numbers to read; the others are read for their sources
    only (``prefilter.plan`` gives sets that cannot change the result). None reads them all.
    ``parses`` holds the dependency parse of some sentences, by index (none in rule-only mode).
    """
    lex = lexicon or load_lexicon()
    if repaired is None:
        repaired = repair(text, lex)
    text = repaired.text
    if sentences is None:
        sentences = rule_sentences(text)
    paragraphs = paragraph_of(sentences, text)
    entities = sorted(entities)

    figures: list[Figure] = []
    persons_at: dict[int, Described] = {}  # figure index -> a victim named without a number
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
        if counts is None or si in counts:
            mentions = article_mentions(tokens, [m for m in find_mentions(tokens, lex, vague_policy) if m.reject is None], lex)
            persons = people(tokens, mentions, lex, pronouns=bool(persons_at))
        else:
            mentions, persons = [], []
        inside = [e for e in takewhile(lambda e: e[0] < ce, entities[bisect_left(entities, (cs, cs)) :]) if e[1] <= ce]
        parse = parses.get(si) if parses else None
        said = attribution.read(text, tokens, inside, parse)
        drafts = link_sentence(tokens, 0, n, mentions, lex, si, parse, persons)
        base = len(figures)
        summed = _summed_whole(figures, drafts, tokens)
        scope = read_scope(tokens, 0, n, lex) if drafts else None
        for k, d in enumerate(drafts):
            src = attribution.source_for(said, tokens, d.mention.start)
            part_of = base + d.parent if d.parent is not None else _earlier_whole(figures, d, paragraphs, si) if d.refers_back else summed.get(k)
            assert scope is not None  # (read for any sentence with drafts)
            fig = _record(repaired, tokens, d, src, part_of, base, scope, lex)
            if d.person is not None and fig.implicit:
                described = describe(fig, d.person, d.refers, bool(d.person) and (d.person,) not in lex.victims)
                earlier = same_person(figures, persons_at, described, fig.type, si)
                if earlier is not None and fig.same_as is None:
                    fig = replace(fig, same_as=earlier)
                figures.append(fig)
                persons_at[len(figures) - 1] = described
            else:
                figures.append(fig)
                if fig.implicit:  # "a fatality": someone the victim described later may be
                    persons_at[len(figures) - 1] = Described("", fig.category, None, False, False, False)
        attribution.end_sentence(said)
    return _counted_persons(_parts_share_scope(figures))


def _apposed(tokens: Sequence[Token], a: Draft, b: Draft) -> bool:
    """ "The suspect, a 37-year-old man, was shot": the second phrase describes the first."""
    indefinite = tokens[b.mention.start].lower in ("a", "an") and tokens[a.mention.start].lower not in ("a", "an")
    return indefinite and b.mention.start == a.end + 1 and tokens[a.end].text == ","


def _parts_share_scope(figures: list[Figure]) -> list[Figure]:
    """A breakdown of a period total is a period figure too: "1,092 casualties in the first half of
    the year, including 314 deaths"."""
    for i, f in enumerate(figures):
        if f.part_of is not None and f.scope != figures[f.part_of].scope == "cumulative":
            figures[i] = replace(f, scope="cumulative")
    return figures


def _counted_persons(figures: list[Figure]) -> list[Figure]:
    """Persons described after a count are among the counted (``coreference.counted_in``)."""
    for i, f in enumerate(figures):
        if f.implicit and f.same_as is None and f.part_of is None:
            j = counted_in(figures, i)
            if j is not None:
                whole = figures[j]
                same = whole.value == 1 and whole.type == f.type
                figures[i] = replace(f, same_as=j) if same else replace(f, part_of=j)
    # "he", "the victim": the person named before, and one of the same count.
    for i, f in enumerate(figures):
        if f.implicit and f.same_as is not None and f.part_of is None and figures[f.same_as].implicit:
            if (counted := figures[f.same_as].part_of) is not None:
                figures[i] = replace(f, part_of=counted)
    return figures


def _summed_whole(figures: Sequence[Figure], drafts: Sequence[Draft], tokens: Sequence[Token]) -> dict[int, int]:
    """Parts of an earlier figure that a sentence adds up to: after "five people were shot", "four
    men and one woman were taken to hospital", "two victims were taken by ambulance and three others
    by car" are five of them. Two or more figures of one type, with no whole of their own, whose
    values add up exactly to a figure of the article; the whole is the latest such figure."""
    out: dict[int, int] = {}
    by_type: dict[str, list[int]] = {}
    for k, d in enumerate(drafts):
        if d.parent is None and d.type is not None and d.same_as is None and d.superseded_by is None and d.person is None:
            by_type.setdefault(d.type, []).append(k)  # (victims named one by one: rules/coreference.py)
    for t, items in by_type.items():
        if len(items) < 2:
            continue
        total = sum(drafts[k].mention.value for k in items)
        whole = next(
            (i for i in range(len(figures) - 1, -1, -1)
             if figures[i].value == total and figures[i].part_of is None and (figures[i].type == t or (figures[i].type == "casualties" and t in ("killed", "injured")))),
            None,
        )  # fmt: skip
        if whole is not None:
            out.update((k, whole) for k in items)
    return out


def _earlier_whole(figures: Sequence[Figure], d: Draft, paragraphs: Sequence[int], sentence: int) -> int | None:
    """The figure of an earlier sentence of the paragraph that ``d`` breaks down: the last one of
    its type (or people shot, for the dead and wounded) that is larger."""
    for i in range(len(figures) - 1, -1, -1):
        f = figures[i]
        if paragraphs[f.sentence] != paragraphs[sentence] or f.sentence == sentence:
            if paragraphs[f.sentence] != paragraphs[sentence]:
                return None
            continue
        if (f.type == d.type or (f.type == "casualties" and d.type in ("killed", "injured"))) and f.value > d.mention.value:
            return i
    return None


def _record(repaired: Repaired, tokens: Sequence[Token], d: Draft, src: Source | None, part_of: int | None, base: int, scope: SentenceScope, lex: Lexicon) -> Figure:
    """The record of a draft, with offsets and words of the original text; ``base`` is the index
    of the sentence's first figure."""
    m, ph = d.mention, d.phrase
    assert d.type is not None  # only typed drafts become records

    def words(first: int, last: int) -> tuple[int, int, str]:
        s, e = repaired.span(tokens[first].start, tokens[last].end)
        return s, e, repaired.original[s:e]

    start, end, text = words(m.start, d.end - 1)
    category_text = None
    if ph.category is not None and ph.text_start is not None and ph.end > ph.text_start:
        category_text = words(ph.text_start, ph.end - 1)[2]
    return Figure(
        text=text,
        start=start,
        end=end,
        number=words(m.num_start, m.end - 1)[2] if m.end > m.num_start else "",  # "the gunman", "Smith": no number word
        value=m.value,
        low=m.low,
        high=m.high,
        qualifier=m.qualifier,
        unit=d.phrase.unit,
        implicit=m.num_start == m.end or (m.end - m.num_start == 1 and tokens[m.num_start].lower in ("a", "an", "another")),  # not "a quarter million"
        type=d.type,
        category=d.category,
        group=lex.group_of[d.category],
        category_text=category_text,
        source=src.name if src else None,
        source_text=src.text if src else None,
        source_kind=src.kind if src else None,
        part_of=part_of,
        same_as=None if d.same_as is None else base + d.same_as,
        superseded_by=None if d.superseded_by is None else base + d.superseded_by,
        scope="cumulative" if scope.is_cumulative(m.start, d.type) else "incident",
        sentence=d.sentence,
    )


def link_sentence(
    tokens: Sequence[Token],
    ts: int,
    te: int,
    mentions: Sequence[Mention],
    lex: Lexicon,
    sentence: int,
    parse: Parse | None = None,
    persons: Sequence[Person] = (),
) -> list[Draft]:
    """Figures among ``mentions`` (numbers) and ``persons`` (victims named without one) of the
    sentence ``tokens[ts:te]``, in order; ``parse`` is its dependency parse when a parser ran."""
    if not mentions and not persons:
        return []
    cue_ends = _cues_by_end(tokens, ts, te, lex)
    given = {id(p.mention): p for p in persons}
    mentions = sorted([*mentions, *(p.mention for p in persons)], key=lambda m: (m.start, m.end))
    mention_at = {j for m in mentions for j in range(m.start, m.end)}
    reader = ParseReader(tokens, ts, te, parse, lex) if parse is not None and len(parse) else None
    # 1. What each mention says about itself: its victims and a cue of its own; where the surface
    # says nothing, what the parse says governs it ("five members of the gang died").
    drafts: list[Draft] = []
    for k, m in enumerate(mentions):
        person = given.get(id(m))
        # A victim phrase ends where the next number starts: "two of the| five victims".
        limit = mentions[k + 1].start if k + 1 < len(mentions) and mentions[k + 1].start >= m.end else te
        phrase = person.phrase if person is not None else read_victim_phrase(tokens, m.end, limit, lex)
        governed = reader.governing(m, phrase) if reader is not None else None
        if phrase.thing:
            phrase = reader.unlisted_victims(m, phrase, governed) if reader is not None else phrase
            if phrase.thing:
                continue
        end = max(m.end, phrase.end)
        ctype, tail = _own_type(tokens, m, phrase, max(end, phrase.after or 0), te, lex)
        sport = phrase.category is None and reader is not None and governed is not None and reader.needs_victims(governed) and _sports(tokens, ts, m, lex)
        if ctype is None and governed is not None and not sport:
            ctype = "agent" if governed.agent else governed.type
        if phrase.head_word == "shot" and _is_gunshot(tokens, m, phrase, te, lex):
            continue  # "there was one shot", "one shot was fired": a gunshot, not a person shot
        if ctype == "agent":
            continue
        relative = ctype is not None and any(t.lower in ("who", "that") for t in tokens[end:tail])
        own_clause = ctype is None and governed is not None and governed.other_clause
        drafts.append(Draft(m, phrase, end, tail, ctype, phrase.category or "people", None, sentence, own=ctype is not None, relative=relative, own_clause=own_clause,
                            person=person.head if person is not None else None, refers=person is not None and person.refers))  # fmt: skip
    joins = [_join(tokens, a, b, lex) for a, b in zip(drafts, drafts[1:])]
    # 2. A list shares its type: "killed 965 militants and 1,233 rebels", and backwards when the
    # verb follows the list: "Three soldiers and seven militants were killed".
    _spread_types(drafts, joins)
    # 3. A cue before the figure: "killed almost 1,400 civilians", "the death toll rose to 52"; it
    # also beats a cue inside a relative clause ("detained 37 people who crossed from Belarus").
    # A cue that is another figure's own word ("4 [Wounded] in Shooting…, 2 Suspects") governs that figure only.
    covered = {j for d in drafts if d.own for j in range(d.mention.start, max(d.end, d.tail))}
    taken = mention_at | covered  # (once: per figure it made a list of thousands of numbers quadratic)
    for d in drafts:
        # The object of a verb right before it: "police arrested [a suspect] in the shooting".
        if d.person is not None and (t := _pick(cue_ends.get(d.mention.start, frozenset()), ("verbs", "nouns"))) is not None:
            d.type = t
            continue
        if d.type is None or d.relative:
            d.type = _pre_type(tokens, ts, d.mention, d.phrase, cue_ends, taken, lex, d.own_clause) or d.type
    # 4. A category that is a type by itself: refugees are displaced.
    for d in drafts:
        if d.type is None and d.phrase.category is not None and d.phrase.category in lex.implied_types:
            d.type = lex.implied_types[d.phrase.category]
    _spread_types(drafts, joins)
    for i in range(len(drafts) - 2, -1, -1):
        coordinated = any(t.lower in ("and", ",", "or", "among") for t in tokens[drafts[i].end : drafts[i + 1].mention.start])
        if drafts[i].type is None and joins[i] == "list" and coordinated and drafts[i + 1].own and not drafts[i].own_clause:
            drafts[i].type = drafts[i + 1].type
    # 5. Relations that also type a number: an earlier toll ("rose to 45 from 30"), the same figure
    # in other units ("2,400 families, or 12,000 people"), a part of a number ("two of the five victims").
    superseded = superseded_pairs(drafts, tokens)
    restated = restatement_pairs(drafts, tokens)
    parts = partitive_pairs(drafts)
    for old, new in superseded:
        old.type = old.type or new.type
        new.type = new.type or old.type
    for a, b in restated:
        a.type = a.type or b.type
        b.type = b.type or a.type
    for part, whole in parts:
        # "Two of the five victims were taken…" shares the whole's type; "released 17 of the 28
        # students abducted" does not: a verb of its own governs the part.
        opens = part.mention.start == ts or tokens[part.mention.start - 1].text in (",", ";", ":", "(", "—")
        if opens:
            part.type = part.type or whole.type
        whole.type = whole.type or part.type
    # 6. Breakdowns: "1,380 civilians, of which 332 were children, and 195 women".
    kept: list[Draft] = []
    for i, d in enumerate(drafts):
        if d.type is None or (d.person is not None and d.type == "displaced"):
            continue  # (one person who "fled" is a suspect getting away, not a displaced count)
        if d.person is not None and i > 0 and drafts[i - 1].person is not None and _apposed(tokens, drafts[i - 1], d):
            continue  # "The suspect, a 37-year-old man, was shot": one person, one figure
        join = joins[i - 1] if i > 0 else None
        prev = kept[-1] if kept and drafts[i - 1] is kept[-1] else None
        if prev is not None and join is not None:
            candidate = (len(kept) - 1 if prev.parent is None else prev.parent) if join == "breakdown" else prev.parent
            bare_part = join == "list" and prev.parent is None and _bare_part(tokens, prev, d, te)
            if bare_part:
                candidate = len(kept) - 1  # "injured 11 people, eight from the same family"
            # "24,000 people, of whom about 19,000", "Five dead, including three Russian citizens"
            explicit = join == "breakdown" or bare_part
            if candidate is not None and _is_part(kept[candidate], d.category, d.mention.value, d.type, lex, explicit):
                d.parent = candidate
        elif prev is not None and prev.parent is not None and _sibling_part(tokens, prev, d, te):
            d.parent = prev.parent  # "two people shot, one in the leg and one in the ribs"
        kept.append(d)
    index = {id(d): i for i, d in enumerate(kept)}
    for old, new in superseded:
        if id(old) in index and id(new) in index:
            old.superseded_by = index[id(new)]
    for a, b in restated:
        if id(a) in index and id(b) in index:
            a.same_as, a.parent = index[id(b)], None
    for part, whole in parts:
        if id(part) in index and id(whole) in index:
            part.parent = index[id(whole)]
            if part.phrase.category is None:
                part.category = whole.category
    # "Two Journalists Among 9 Killed": the part comes first.
    for i in range(len(kept) - 1):
        a, b = kept[i], kept[i + 1]
        if [t.lower for t in tokens[a.end : b.mention.start]] == ["among"] and _is_part(b, a.category, a.mention.value, a.type or "", lex):
            a.parent = i + 1
    outcome_parts(kept, tokens)
    for d in kept:
        d.refers_back = refers_back(d, tokens, ts, lex)
    return kept


def _sports(tokens: Sequence[Token], ts: int, m: Mention, lex: Lexicon) -> bool:
    """Whether "shot 68" reads as sport, not as people shot: a sports word in the sentence, or "12 of 20"."""
    of_total = m.end + 1 < len(tokens) and tokens[m.end].lower == "of" and tokens[m.end + 1].kind == "num"
    return of_total or any(t.lower in lex.words["sports_words"] for t in tokens[ts:])


def _bare_part(tokens: Sequence[Token], whole: Draft, d: Draft, te: int) -> bool:
    """ "11 people, eight from the same family": a bare, smaller number after a comma, placed by a
    preposition, counts some of the figure before it."""
    after = tokens[d.end].lower if d.end < te else ""
    gap = [t.text for t in tokens[max(whole.end, whole.tail) : d.mention.start]]
    return d.phrase.category is None and whole.phrase.category is not None and d.mention.value < whole.mention.value and gap == [","] and after in ("from", "in", "at", "of", "on", "inside", "near")


def _sibling_part(tokens: Sequence[Token], prev: Draft, d: Draft, te: int) -> bool:
    """ "…, one in the leg and one in the ribs": a bare number after "and" that repeats the shape of
    the part before it belongs to the same whole."""
    after = tokens[d.end].lower if d.end < te else ""
    return d.phrase.category is None and prev.phrase.category is None and d.mention.start > 0 and tokens[d.mention.start - 1].lower == "and" and after in ("from", "in", "at", "of", "on", "inside", "near")


def _is_gunshot(tokens: Sequence[Token], m: Mention, phrase: VictimPhrase, te: int, lex: Lexicon) -> bool:
    """Whether "one shot" counts gunshots: gunfire words right before or after it."""
    context = lex.phrases["gunfire_context"]
    before = any(tuple(t.lower for t in tokens[max(0, m.start - n) : m.start]) in context for n in (1, 2))
    after = any(tuple(t.lower for t in tokens[phrase.end : phrase.end + n]) in context for n in (1, 2, 3) if phrase.end + n <= te)
    return before or after


def _spread_types(drafts: list[Draft], joins: list[str | None]) -> None:
    for i in range(1, len(drafts)):
        # A clause of its own stops a list ("One woman was killed and three men were transported"),
        # not a breakdown that says so ("…, among them four children").
        if drafts[i].type is None and joins[i - 1] is not None and drafts[i - 1].type is not None and not (drafts[i].own_clause and joins[i - 1] == "list"):
            drafts[i].type = drafts[i - 1].type


def _join(tokens: Sequence[Token], a: Draft, b: Draft, lex: Lexicon) -> str | None:
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
    """For each token index that ends a cue phrase, the roles of the longest phrase that ends there:
    "the fatal shooting of" is a death, not the "shooting of" inside it."""
    out: dict[int, frozenset[tuple[str, str]]] = {}
    for j in range(ts, te):
        hit = cue_at(tokens, j, te, lex)
        if hit is not None:
            roles, end = hit
            out.setdefault(end, roles)  # (an earlier start is a longer phrase)
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
    k = _skip_place(tokens, _skip_apposition(tokens, _skip_parenthesis(tokens, end, te), te, lex), te, lex)
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
        # "were [reportedly] killed", "were [pre-emptively] evacuated": any adverb in -ly on the way to a cue
        adverb = tokens[k].lower in lex.words["adverbs"] or (tokens[k].lower.endswith("ly") and len(tokens[k].lower) >= 5 and tokens[k].text.islower())
        adverb = adverb and cue_at(tokens, k, te, lex) is None  # "were fatally shot": the adverb opens the cue
        if adverb or tokens[k].lower in ("who", "that"):
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


def _skip_parenthesis(tokens: Sequence[Token], k: int, te: int) -> int:
    """Step over a parenthesis after a figure: "100 families (about 400 people) were displaced"."""
    if k >= te or tokens[k].text != "(":
        return k
    close = next((j for j in range(k + 1, min(te, k + 12)) if tokens[j].text == ")"), None)
    return k if close is None else close + 1


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
    if tok.lower in ("at", "up") and not (k + 1 < te and tokens[k + 1].lower in ("least", "most", "to")):
        return False  # "Teens Shot at House Party" is a place; "killed at least 12" an object
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
    own_clause: bool = False,
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
            needs_victims = bare and tokens[p - 1].lower in lex.needs_victims and _sports(tokens, ts, m, lex)  # "shot 68 in the final round"
            # "a shooting", "the killing": an event's name, not a verb with an object
            event = tokens[p - 1].lower.endswith("ing") and p - 2 >= ts and tokens[p - 2].lower in lex.words["event_words"]
            if verb_or_noun is not None and hops <= limit and not after_by and not needs_victims and not (event and verb_or_noun == _pick(roles, ("verbs",))):
                return verb_or_noun
            toll = _pick(roles, ("tolls",))
            if toll is not None and (linked_by_toll_word or hops == 0) and hops <= MAX_TOLL_HOPS:
                return toll
        tok = tokens[p - 1]
        if (p - 1) in mention_at or tok.lower in blockers or (own_clause and tok.lower in ("and", "but", "while")):
            return None  # a number with a clause of its own is not reached across "and"
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


def _is_part(parent: Draft, category: str, value: int, ctype: str, lex: Lexicon, explicit: bool = False) -> bool:
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
