"""Which predicate governs a number, read from the dependency parse: "who was killed" is the passive
subject of "killed", "forced 20,000 people to flee" makes the people the object of "forced" and the
subject of "flee", "the death toll … has climbed to 63" puts 63 under the toll.

The parse says how words hang together; the cue vocabulary (``cues.json``) says what a predicate
means. ``cue_roles`` is the bridge: it gives the ``{(type, role)}`` of the cue phrase that starts at a
parse token (the linker looks the phrase up in its own tokens), so "shot dead" or "forced to flee"
are matched as phrases while the parse decides which words they govern. Pure functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from .syntax import COORDINATION, NOUN_TAGS, NUMBER_DEPS, OBJECTS, PASSIVE_SUBJECTS, SUBJECTS, VERB_TAGS, Parse

__all__ = [
    "COUNT_NOUNS", "CueRoles", "Governed", "INCLUSION_VERBS", "NO_PLACES", "OPEN_CLAUSES", "PLACE_PREPOSITIONS", "Places", "RELATIVE_PRONOUNS",
    "Roles", "STATE_DEPS", "SUBJECT_VICTIM_TYPES", "counted_noun", "governing", "phrase_top",
]  # fmt: skip

Roles = frozenset[tuple[str, str]]
CueRoles = Callable[[int], Roles]

# Types whose verbs take their victims as subject in the active voice ("5,000 people evacuated").
SUBJECT_VICTIM_TYPES = frozenset({"displaced", "missing"})
# Complements that name a state: "left 12 dead", "are missing", "remain displaced", "was in critical condition".
STATE_DEPS = frozenset({"acomp", "oprd", "attr", "xcomp", "advmod", "prep", "dobj"})
# Clauses that share the subject of the verb they hang from: "arrived after fleeing", "were forced to flee".
OPEN_CLAUSES = frozenset({"xcomp", "advcl", "pcomp", "conj", "prep"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# Verbs that list who a group is: "the dead [included] three children", "the victims [were] 12 men".
INCLUSION_VERBS = frozenset({
    "include", "includes", "included", "including", "comprise", "comprises", "comprised", "be", "is", "are", "was", "were",
    "number", "numbered", "consist", "consisted",
})  # fmt: skip
PLACE_PREPOSITIONS = frozenset({"to", "into", "in", "inside", "at", "towards", "toward"})
# Nouns that hold a casualty count: "the number of journalists killed", "the toll", "the tally".
COUNT_NOUNS = frozenset({"number", "toll", "tally", "count", "total", "figure", "numbers"})


@dataclass(frozen=True)
class Places:
    """Places that name a type when a number is moved to or stays at them (``grammar.json``):
    shelters and camps (displaced), hospitals (injured). Lemmas, or "modifier lemma" pairs."""

    shelters: frozenset[str] = frozenset()
    hospitals: frozenset[str] = frozenset()


NO_PLACES = Places()


@dataclass(frozen=True)
class Governed:
    """What the parse says of a number: its casualty type (None if no cue governs it), whether it
    counts the doers of the act ("12 gunmen killed 5 soldiers"), the noun it counts (a parse index;
    the number itself when it stands alone) and the predicate that governs it (-1: none)."""

    type: str | None
    agent: bool
    noun: int = -1
    verb: int = -1

    @property
    def other_clause(self) -> bool:
        """The number is the subject or object of a predicate that is no casualty cue
        ("three men [were transported]"): a cue elsewhere in the sentence does not reach it."""
        return self.type is None and not self.agent and self.verb >= 0


def counted_noun(p: Parse, n: int) -> int:
    """The noun a number token counts: "12 [people]", "hundreds of [civilians]"; else the number."""
    h = p.heads[n]
    if p.deps[n] in NUMBER_DEPS and h != n and p.tags[h] in NOUN_TAGS:
        return h
    for c in p.children[n]:  # "hundreds of civilians", "thousands of people"
        if p.deps[c] == "prep" and p.lemmas[c] == "of":
            objects = [g for g in p.children[c] if p.deps[g] == "pobj" and p.tags[g] in NOUN_TAGS]
            if objects:
                return objects[0]
    return n


def phrase_top(p: Parse, noun: int, inside: Iterable[int]) -> int:
    """The token of the number's noun phrase that hangs from outside it ("hundreds" in "hundreds of
    people"), climbing coordinations ("three soldiers and [a civilian]")."""
    span = set(inside) | {noun}
    top = noun
    for a in p.ancestors(noun):
        if a not in span:
            break
        top = a
    # "a total of 2.5 lakh people", "the number of people": the count noun holds the phrase's place
    while p.deps[top] == "pobj" and p.lemmas[p.heads[top]] == "of" and p.heads[p.heads[top]] != p.heads[top] and p.lemmas[p.heads[p.heads[top]]] in COUNT_NOUNS:
        top = p.heads[p.heads[top]]
    return p.conjunct_head(top) if p.deps[top] in COORDINATION else top


def _pick(roles: Roles, wanted: tuple[str, ...]) -> str | None:
    types = sorted(t for t, r in roles if r in wanted)
    return types[0] if types else None


def _verb_roles(p: Parse, v: int, cue_roles: CueRoles) -> Roles:
    """The cue at a verb, or at an adverb or particle that opens its phrase ("fatally shot", "shot dead")."""
    roles = cue_roles(v)
    for c in p.children[v]:
        if c < v and p.deps[c] == "advmod":
            roles = roles | cue_roles(c)
    return roles


def _state(p: Parse, v: int, cue_roles: CueRoles, places: Places = NO_PLACES) -> str | None:
    """The type a complement of ``v`` states: "left 12 [dead]", "are [missing]", "[in critical
    condition]", "treated 46 people [for injuries]", "moved 650,000 people [into 4,000 storm shelters]"."""
    for c in p.children[v]:
        if p.deps[c] in STATE_DEPS:
            t = _pick(cue_roles(c), ("heads", "intransitive"))
            if t is None and p.deps[c] == "xcomp":
                t = _pick(_verb_roles(p, c, cue_roles), ("intransitive", "verbs"))
            if t is None and p.deps[c] == "prep":
                t = _prepositional_state(p, c, cue_roles, places)
            if t is not None:
                return t
    return None


def _prepositional_state(p: Parse, prep: int, cue_roles: CueRoles, places: Places) -> str | None:
    """ "for/with [injuries]" names a wound; "to/into/in [shelters]" a place the displaced go to."""
    for g in p.children[prep]:
        if p.deps[g] != "pobj":
            continue
        if p.lemmas[prep] in ("for", "with"):
            t = _pick(cue_roles(g), ("heads",))
            if t == "injured":
                return t
        if p.lemmas[prep] in PLACE_PREPOSITIONS and _is_place(p, g, places.shelters):
            return "displaced"
        if p.lemmas[prep] in ("to", "at", "in") and _is_place(p, g, places.hospitals):
            return "injured"  # "three men were transported to a hospital"
    return None


def _open_clause(p: Parse, v: int, cue_roles: CueRoles) -> str | None:
    """The type of a clause that shares the subject of ``v``: "arrived in the town after [fleeing] clashes"."""
    stack = [c for c in p.children[v] if p.deps[c] in OPEN_CLAUSES]
    seen = 0
    while stack and seen < 8:
        c = stack.pop(0)
        seen += 1
        if p.tags[c] in VERB_TAGS:
            if any(p.deps[g] in SUBJECTS | PASSIVE_SUBJECTS for g in p.children[c]):
                continue  # a clause with a subject of its own says nothing of ours
            t = _pick(_verb_roles(p, c, cue_roles), ("intransitive",))
            if t is None and p.tags[c] == "VBN":
                t = _pick(_verb_roles(p, c, cue_roles), ("verbs",))
            if t is not None:
                return t
        elif p.deps[c] == "prep":
            stack.extend(g for g in p.children[c] if p.deps[g] == "pcomp")
    return None


def _as_subject(p: Parse, v: int, cue_roles: CueRoles, places: Places = NO_PLACES) -> Governed | None:
    """The number's noun is the subject of ``v`` (active voice)."""
    roles = _verb_roles(p, v, cue_roles)
    t = _pick(roles, ("intransitive",))
    if t is not None:
        return Governed(t, False)
    verb = _pick(roles, ("verbs",))
    if verb is not None:
        has_object = any(p.deps[c] in OBJECTS for c in p.children[v])
        if verb in SUBJECT_VICTIM_TYPES and not has_object:
            return Governed(verb, False)
        if has_object or p.tags[v] in ("VBD", "VBZ", "VBP", "VB", "VBG"):
            return Governed(None, True)  # "12 gunmen killed 5 soldiers": the doers
        return Governed(verb, False)  # a reduced passive parsed as active: "12 people injured"
    t = _state(p, v, cue_roles, places) or _open_clause(p, v, cue_roles)
    return Governed(t, False) if t is not None else None


def _as_object(p: Parse, v: int, cue_roles: CueRoles, places: Places) -> Governed | None:
    """The number's noun is the object of ``v``: "killed 12", "left 12 dead", "forced 20,000 to flee"."""
    roles = _verb_roles(p, v, cue_roles)
    t = _pick(roles, ("verbs",))
    if t is None:
        t = _state(p, v, cue_roles, places)
    if t is None and p.lemmas[v] in INCLUSION_VERBS:
        t = _subject_type(p, v, cue_roles)  # "the dead comprised 1,380 civilians"
    return Governed(t, False) if t is not None else None


def _subject_type(p: Parse, v: int, cue_roles: CueRoles) -> str | None:
    """The type the subject of ``v`` names: "[the dead] included", "[the victims] were"."""
    for c in p.children[v]:
        if p.deps[c] in SUBJECTS | PASSIVE_SUBJECTS:
            first = p.subtree_span(c)[0]
            t = _pick(cue_roles(first), ("nouns", "heads", "tolls")) or _pick(cue_roles(c), ("nouns", "heads", "tolls"))
            if t is not None:
                return t
    return None


def _under_preposition(p: Parse, prep: int, cue_roles: CueRoles) -> Governed | None:
    """The number's noun is the object of a preposition: "the deaths of 12", "rose to 63", "killed by 12"."""
    word = p.lemmas[prep]
    h = p.heads[prep]
    if h == prep:
        return None
    if word == "by" and p.deps[prep] == "agent":
        return Governed(None, True)
    if word == "of":
        # A modifier opens the longer cue: "the [fatal] shooting of" is a death, "the shooting of" is not.
        openers = [c for c in p.children[h] if c < h and p.deps[c] in ("amod", "compound")]
        t = next((kind for c in openers if (kind := _pick(cue_roles(c), ("nouns", "tolls"))) is not None), None)
        t = t or _pick(cue_roles(h), ("nouns", "tolls"))
        if t is None and p.tags[h] in NOUN_TAGS and p.deps[h] in OBJECTS and p.heads[h] != h:
            t = _pick(_verb_roles(p, p.heads[h], cue_roles), ("verbs",))  # "claimed the lives of 300"
        return Governed(t, False) if t is not None else None
    if word in ("to", "at", "from"):
        # "the death toll … has climbed to 63", "put the death toll at 63", "a toll of 63"
        holders = [h] + [c for c in p.children[h] if p.deps[c] in SUBJECTS | OBJECTS | PASSIVE_SUBJECTS]
        for x in holders:
            for start in [x] + [c for c in p.children[x] if c < x and p.deps[c] == "compound"]:
                t = _pick(cue_roles(start), ("tolls",))
                if t is not None:
                    return Governed(t, False)
            if p.lemmas[x] in COUNT_NOUNS:
                t = _counted_type(p, x, cue_roles)  # "the number of journalists killed … has risen to 73"
                if t is not None:
                    return Governed(t, False)
    return None


def _is_place(p: Parse, noun: int, places: frozenset[str]) -> bool:
    """Whether ``noun`` names a shelter: its lemma alone ("camps") or with the word before it
    ("evacuation centres", "safer places")."""
    if p.lemmas[noun] in places:
        return True
    before = [c for c in p.children[noun] if c < noun and p.deps[c] in ("compound", "amod", "nmod")]
    return any(f"{p.lemmas[c]} {p.lemmas[noun]}" in places or f"{p.lemmas[c]} {p.lemmas[noun]}s" in places for c in before)


def _counted_type(p: Parse, noun: int, cue_roles: CueRoles) -> str | None:
    """The type a count noun's own phrase names: "the number of [journalists killed]", "the toll of [dead]"."""
    first, last = p.subtree_span(noun)
    for i in range(noun + 1, last):
        t = _pick(cue_roles(i), ("verbs", "heads", "intransitive", "tolls"))
        if t is not None:
            return t
    return None


def _through_modifier(p: Parse, top: int, cue_roles: CueRoles, places: Places = NO_PLACES) -> Governed | None:
    """A clause inside the noun phrase: "five people [shot]", "12 people [who were killed]",
    "41,327 families [staying inside 612 evacuation centres]"."""
    for c in p.children[top]:
        if p.deps[c] == "acl":
            wanted = ("verbs", "intransitive") if p.tags[c] == "VBN" else ("intransitive",)
            t = _pick(_verb_roles(p, c, cue_roles), wanted) or _state(p, c, cue_roles, places)
            if t is not None:
                return Governed(t, False)
        if p.deps[c] == "relcl":
            pronoun = next((g for g in p.children[c] if p.lemmas[g] in RELATIVE_PRONOUNS), None)
            if pronoun is None:
                continue
            if p.deps[pronoun] in PASSIVE_SUBJECTS:
                t = _pick(_verb_roles(p, c, cue_roles), ("verbs", "intransitive"))
            elif p.deps[pronoun] in SUBJECTS:
                g = _as_subject(p, c, cue_roles, places)
                t = g.type if g is not None and not g.agent else None
            else:
                t = None
            if t is not None:
                return Governed(t, False)
    return None


def governing(p: Parse, number: int, span: Iterable[int], cue_roles: CueRoles, places: Places = NO_PLACES) -> Governed | None:
    """What governs the number whose last parse token is ``number``; ``span`` are the parse tokens of
    the number and its victim phrase; ``places`` are lemmas of the places the displaced go to
    (shelters, camps). None when the parse links it to no casualty predicate."""
    noun = counted_noun(p, number)
    # "hundreds of [people]", "17 of the 28 [students]": the number heads its phrase, so the
    # predicate governs the number, whatever the noun after "of" is.
    top = phrase_top(p, number if number in p.ancestors(noun) else noun, span)
    dep, h = p.deps[top], p.heads[top]
    found: Governed | None = None
    if h != top:
        if dep in PASSIVE_SUBJECTS:
            roles = _verb_roles(p, h, cue_roles)
            t = _pick(roles, ("verbs", "intransitive")) or _state(p, h, cue_roles, places) or _open_clause(p, h, cue_roles)
            found = Governed(t, False) if t is not None else None
        elif dep in SUBJECTS:
            found = _as_subject(p, h, cue_roles, places)
        elif dep in OBJECTS:
            found = _as_object(p, h, cue_roles, places)
        elif dep == "pobj":
            found = _under_preposition(p, h, cue_roles)
        elif dep == "attr":
            # "The death toll is 63": the subject of the copula is the toll.
            subject = next((c for c in p.children[h] if p.deps[c] in SUBJECTS), None)
            if subject is not None:
                t = _pick(cue_roles(subject), ("tolls",)) or next(
                    (t for c in p.children[subject] if p.deps[c] == "compound" and (t := _pick(cue_roles(c), ("tolls",)))), None
                )
                found = Governed(t, False) if t is not None else None
    if found is None or (found.type is None and not found.agent):
        found = _through_modifier(p, top, cue_roles, places) or found
    if found is None:
        if h != top and dep in SUBJECTS | PASSIVE_SUBJECTS | OBJECTS and p.tags[h] in VERB_TAGS:
            return Governed(None, False, noun, h)  # a clause of its own, about something else
        return None
    return Governed(found.type, found.agent, noun, h if h != top else -1)
