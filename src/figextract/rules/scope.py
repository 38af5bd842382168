"""Whether a figure counts one incident or a running or period total ("since 2011", "this year",
"the war has claimed the lives of 260,000 people"): the ``scope`` of a record.

A period word counts where it stands in the figure's own clause (between the commas, semicolons
and dashes around it) or opens the sentence ("Since 2011, …", "So far this year, …"): "2 people were
killed on Sunday, bringing the total this year to 300" makes 300 cumulative and 2 not. Pure functions.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Sequence

import regex

from .lexicon import Lexicon
from .tokens import Token

__all__ = ["MAX_MARKER", "SentenceScope", "read_scope"]

_CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "(", ")"})
_PERFECT = frozenset({"has", "have", "had"})
MAX_MARKER = 4  # words in the longest marker ("since records began")
_YEAR = regex.compile(r"(?:19|20)\d\d")


def _whole_event(tokens: Sequence[Token], a: int, b: int, lex: Lexicon) -> bool:
    """ "the civil war has claimed …", "the epidemic has killed …", "… uprooted by the insurgency"
    inside ``[a, b)``: a whole war or epidemic as the subject of a perfect or a passive's agent."""
    events = lex.phrases["whole_events"]
    for i in range(a, b):
        for n in (2, 1):
            if i + n <= b and tuple(t.lower for t in tokens[i : i + n]) in events:
                # "the outbreak [in Rwanda] has killed": a short place phrase may come between
                after = range(i + n, min(b, i + n + 4))
                aux = next((j for j in after if tokens[j].lower in _PERFECT or tokens[j].text in _CLAUSE_BREAKS), None)
                perfect = aux is not None and tokens[aux].lower in _PERFECT
                agent = i >= 2 and tokens[i - 1].lower == "the" and tokens[i - 2].lower == "by"
                if perfect or agent:
                    return True
    return False


def _has_stock_marker(tokens: Sequence[Token], a: int, b: int, lex: Lexicon) -> bool:
    markers = lex.phrases["stock_markers"]
    return any(tuple(t.lower for t in tokens[i : i + n]) in markers for i in range(a, b) for n in (1, 2, 3) if i + n <= b)


@dataclass(frozen=True)
class SentenceScope:
    """What decides the scope of the figures of one sentence ``tokens[ts:te]``, read in one pass
    over it by :func:`read_scope`.

    Every figure of a sentence asks about its own clause; reading the clause's words again for each
    figure made a sentence listing thousands of numbers take time in the square of its length.
    """

    ts: int
    te: int
    breaks: list[int]  # token indices of the clause breaks
    marker_end: dict[int, int]  # the start of each marker -> its nearest end
    starts_before: list[int]  # starts_before[k]: markers starting in [ts, ts + k)
    whole_event: bool
    stock: bool
    opening: int | None  # where the clause that opens the sentence with a marker ends

    def clause(self, at: int) -> tuple[int, int]:
        """The clause around token ``at``: between the clause breaks before and after it."""
        k = bisect_left(self.breaks, at)
        start = self.breaks[k - 1] + 1 if k > 0 else self.ts
        end = self.breaks[k] if k < len(self.breaks) else self.te
        return max(start, self.ts), end

    def has_marker(self, a: int, b: int) -> bool:
        """Whether a marker lies wholly inside ``[a, b)``."""
        whole = max(a, b - MAX_MARKER + 1)  # a marker starting before here ends by b, whatever it is
        if whole > a and self.starts_before[whole - self.ts] > self.starts_before[a - self.ts]:
            return True
        return any(self.marker_end.get(i, b + 1) <= b for i in range(whole, b))

    def is_cumulative(self, at: int, type: str | None = None) -> bool:
        """Whether the figure at token ``at`` is a running or period total; a ``displaced`` figure
        also when the sentence counts those displaced now (a stock)."""
        if self.has_marker(*self.clause(at)) or self.whole_event:
            return True
        if type == "displaced" and self.stock:
            return True
        # "Since 2011, …", "So far this year, …": a period that opens the sentence covers all of it.
        return self.opening is not None and self.opening < at


def _marker_end(tokens: Sequence[Token], i: int, te: int, lex: Lexicon) -> int | None:
    """The nearest end of a marker at token ``i`` ("since 2011", "in 2019"), within the sentence."""
    markers = lex.phrases["cumulative_markers"]
    for n in range(1, MAX_MARKER + 1):  # (a longer marker is never read)
        if i + n <= te and tuple(t.lower for t in tokens[i : i + n]) in markers:
            return i + n
    # "in 2019", "during 2023": a whole year is a period, not an incident.
    if i + 2 <= te and tokens[i].lower in ("in", "during", "throughout") and _YEAR.fullmatch(tokens[i + 1].text):
        return i + 2
    return None


def read_scope(tokens: Sequence[Token], ts: int, te: int, lex: Lexicon) -> SentenceScope:
    """The scope reading of the sentence ``tokens[ts:te]``, once for all its figures."""
    breaks = [i for i in range(ts, te) if tokens[i].text in _CLAUSE_BREAKS]
    marker_end = {i: end for i in range(ts, te) if (end := _marker_end(tokens, i, te, lex)) is not None}
    starts_before = [0]
    for i in range(ts, te):
        starts_before.append(starts_before[-1] + (i in marker_end))
    partial = SentenceScope(ts, te, breaks, marker_end, starts_before, False, False, None)
    first, last = partial.clause(ts)
    opening = last if first == ts and partial.has_marker(ts, min(ts + MAX_MARKER, last)) else None
    return replace(partial, whole_event=_whole_event(tokens, ts, te, lex), stock=_has_stock_marker(tokens, ts, te, lex), opening=opening)
