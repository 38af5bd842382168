"""One number per casualty type per article: the figures of an article reconciled into totals.

An article restates its figures (headline and body), updates them ("rose to 45 from 30"), breaks
them down ("including 3 children"), adds background ("260,000 have been killed since 2011") and
counts victims without a number ("a woman was shot dead … she died in hospital"). ``totals`` turns
that into what a data set coder records for the incident:

- figures with ``superseded_by`` are replaced by the later toll; cumulative figures stay out of the
  incident's totals and are reported beside them;
- a breakdown (``part_of``) never adds to its whole; a restatement counts once;
- the figures of one sentence that are not parts of each other add up ("3 soldiers and 5 civilians
  were killed": 8, ``summed``); across sentences the first count of each victim group stands — the
  headline or the lead names the incident, later sentences restate it or bring in background — and
  a later exact figure refines an approximate one within its bounds; ``restated`` when sentences
  agree, ``updated`` when the total rests on a toll that replaced an earlier one;
- victims named without a number count one each, once however often they are mentioned (``same_as``),
  with their last outcome; they never lower a number the text gives;
- people shot and not reported dead count as injured, the convention of GVA and ACLED coders:
  injured = shot − killed, ``derived``. The word "casualties" itself stays a ``casualties`` total.

Pure functions over ``Figure`` records; the indices in a ``Total`` point into the list given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from .lexicon import Lexicon, load_lexicon
from .records import Figure

__all__ = ["HOWS", "OUTCOMES", "Total", "is_person", "totals"]

HOWS = ("stated", "restated", "updated", "summed", "derived")
OUTCOMES = ("killed", "injured", "casualties")  # a person's outcome, most final first


@dataclass(frozen=True)
class Total:
    """The incident's total for one type, and the largest cumulative figure of that type beside it."""

    type: str
    value: int
    low: int | None
    high: int | None
    figures: tuple[int, ...]  # the figures it rests on
    how: str  # stated, restated, updated, summed or derived ("none": only cumulative figures)
    cumulative: int | None = None
    cumulative_figures: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types."""
        return {
            "type": self.type, "value": self.value, "low": self.low, "high": self.high, "figures": list(self.figures),
            "how": self.how, "cumulative": self.cumulative, "cumulative_figures": list(self.cumulative_figures),
        }  # fmt: skip


@dataclass(frozen=True)
class _Count:
    value: int
    low: int | None
    high: int | None
    figures: tuple[int, ...]
    how: str


def _word_casualties(fig: Figure) -> bool:
    """ "30 casualties" (killed and injured, a total of its own) rather than people shot."""
    return "casualt" in fig.text.lower()


def is_person(fig: Figure) -> bool:
    """A victim named or described without a number ("a woman", "Smith", "she"), not a count by
    "a"/"an" ("a fatality", "a death"), which counts like any number."""
    return fig.implicit and not (fig.number.lower() in ("a", "an", "another") and fig.category_text is None)


def _person_outcomes(figures: Sequence[Figure]) -> dict[int, tuple[str, list[int]]]:
    """Each victim named without a number (first figure index) -> its last outcome and its figures."""
    people: dict[int, tuple[str, list[int]]] = {}
    for i, f in enumerate(figures):
        if not is_person(f) or f.scope != "incident" or f.superseded_by is not None:
            continue
        if f.same_as is not None and not is_person(figures[f.same_as]):
            continue  # "a fatality … the victim": the count counts them
        first = f.same_as if f.same_as is not None else i
        outcome, seen = people.get(first, (f.type, []))
        people[first] = (_later_outcome(outcome, f.type), [*seen, i])
    return people


def _later_outcome(old: str, new: str) -> str:
    """What a later mention tells of a person: "She died in hospital" after "a woman was shot"
    makes her killed; "he was shot in the head" after "a man was killed" leaves him killed."""
    if old in OUTCOMES and new in OUTCOMES:
        return new if OUTCOMES.index(new) < OUTCOMES.index(old) else old
    return old


def _wholes(figures: Sequence[Figure], kind: str) -> list[int]:
    """Incident figures of ``kind`` that are not parts of a figure of the same kind nor restatements."""
    out = []
    for i, f in enumerate(figures):
        if f.scope != "incident" or f.superseded_by is not None or is_person(f):
            continue
        if _kind(f) != kind:
            continue
        if f.part_of is not None and _kind(figures[f.part_of]) == kind:
            continue  # a breakdown of its own kind: "including 3 children"
        if f.same_as is not None and _kind(figures[f.same_as]) == kind:
            continue  # the same figure again in other units
        out.append(i)
    return out


def _kind(fig: Figure) -> str:
    """The total a figure counts towards: its type, with people shot set apart from "casualties"."""
    if fig.type == "casualties" and not _word_casualties(fig):
        return "shot"
    return fig.type


def _count(figures: Sequence[Figure], indices: Sequence[int], group_of: Mapping[str, str]) -> _Count | None:
    """The figures of one kind reconciled into one count.

    Within a sentence, figures that are not parts of one another add up. For each victim group
    (civilians, combatants, security forces, unspecified) the first sentence that counts it stands —
    the headline or the lead names the incident the article is about; a later exact figure within
    its bounds refines an approximate one ("almost 1,400" … "1,380"). The groups add up, and a
    count of unspecified people ("12 killed") stands when it is larger: it includes everyone.
    """
    if not indices:
        return None
    claims: dict[str, list[_Count]] = {}  # group -> one count per sentence, in text order
    for group in sorted({group_of.get(figures[i].category, "unspecified") for i in indices}):
        by_sentence: dict[int, list[int]] = {}
        for i in indices:
            if group_of.get(figures[i].category, "unspecified") == group:
                by_sentence.setdefault(figures[i].sentence, []).append(i)
        claims[group] = [_sum(figures, members) for _, members in sorted(by_sentence.items())]
    updates = {f.superseded_by for f in figures if f.superseded_by is not None}
    chosen = {group: _first(counts, updates) for group, counts in claims.items()}
    unspecified = chosen.pop("unspecified", None)
    specific = _add(list(chosen.values())) if chosen else None
    if unspecified is None:
        return specific
    if specific is None or unspecified.value >= specific.value:
        return unspecified
    return specific


def _updated(figures: Sequence[Figure], count: _Count | None) -> _Count | None:
    """ "rose to 45 from 30": a count that rests on a toll replacing an earlier one is ``updated``."""
    if count is None or not any(f.superseded_by in count.figures for f in figures if f.superseded_by is not None):
        return count
    return _Count(count.value, count.low, count.high, count.figures, "updated")


def _sum(figures: Sequence[Figure], members: Sequence[int]) -> _Count:
    lows = [figures[i].low for i in members]
    highs = [figures[i].high for i in members]
    return _Count(
        sum(figures[i].value for i in members),
        sum(v for v in lows if v is not None) if all(v is not None for v in lows) else None,
        sum(v for v in highs if v is not None) if all(v is not None for v in highs) else None,
        tuple(members),
        "summed" if len(members) > 1 else "stated",
    )


def _first(counts: Sequence[_Count], updates: set[int]) -> _Count:
    """The first count, refined by a later exact one within its bounds, replaced by the last toll
    that updates an earlier one ("rose to 2 from 1"); "restated" when others agree."""
    first = counts[0]
    updating = [c for c in counts[1:] if updates.intersection(c.figures)]
    if updating:
        return updating[-1]
    for later in counts[1:]:
        exact = later.low == later.value == later.high
        inside = (first.low is None or later.value >= first.low) and (first.high is None or later.value <= first.high)
        if not (first.low == first.value == first.high) and exact and inside:
            first = later
            break
    agreeing = [c for c in counts if c.value == first.value]
    if len(agreeing) > 1:
        return _Count(first.value, first.low, first.high, tuple(sorted(i for c in agreeing for i in c.figures)), "restated")
    return first


def _add(counts: Sequence[_Count]) -> _Count:
    if len(counts) == 1:
        return counts[0]
    lows, highs = [c.low for c in counts], [c.high for c in counts]
    return _Count(
        sum(c.value for c in counts),
        sum(v for v in lows if v is not None) if all(v is not None for v in lows) else None,
        sum(v for v in highs if v is not None) if all(v is not None for v in highs) else None,
        tuple(sorted(i for c in counts for i in c.figures)),
        "summed",
    )


def totals(figures: Sequence[Figure], lexicon: Lexicon | None = None) -> dict[str, Total]:
    """Per casualty type, the article's total (see the module docstring for the rules)."""
    group_of = (lexicon or load_lexicon()).group_of
    kinds = sorted({_kind(f) for f in figures})
    counts: dict[str, _Count | None] = {k: _updated(figures, _count(figures, _wholes(figures, k), group_of)) for k in kinds}
    # Victims named without a number: one each, with their last outcome.
    named: dict[str, list[int]] = {}
    for first, (outcome, seen) in _person_outcomes(figures).items():
        kind = "shot" if outcome == "casualties" else outcome
        named.setdefault(kind, []).append(first)
        named.setdefault(f"{kind}:figures", []).extend(seen)
    for kind in [k for k in named if ":" not in k]:
        n = len(named[kind])
        # Named victims are usually the counted ones described one by one ("1 dead … Oscar Garcia,
        # 22, was killed"): they make a total only where no number is given for their type.
        if counts.get(kind) is None:
            figs = tuple(sorted(named[f"{kind}:figures"]))
            counts[kind] = _Count(n, n, n, figs, "stated" if n == 1 else "summed")
    shot = counts.pop("shot", None)
    out: dict[str, Total] = {}
    for kind, c in counts.items():
        if c is not None and c.value > 0:
            out[kind] = Total(kind, c.value, c.low, c.high, c.figures, c.how)
    # People shot and not reported dead are injured (GVA, ACLED): injured = shot - killed.
    if shot is not None:
        killed = out["killed"].value if "killed" in out else 0
        injured = out.get("injured")
        derived = shot.value - killed
        if derived > 0 and (injured is None or injured.value < derived):
            rests_on = tuple(sorted({*shot.figures, *(out["killed"].figures if "killed" in out else ())}))
            out["injured"] = Total("injured", derived, derived, derived, rests_on, "derived")
    # Cumulative figures, beside the incident's totals.
    for i, f in enumerate(figures):
        if f.scope != "cumulative" or f.superseded_by is not None:
            continue
        kind = "injured" if _kind(f) == "shot" else f.type
        t = out.get(kind) or Total(kind, 0, None, None, (), "none")
        if t.cumulative is None or f.value > t.cumulative:
            out[kind] = Total(t.type, t.value, t.low, t.high, t.figures, t.how, f.value, (i,))
    return dict(sorted(out.items()))
