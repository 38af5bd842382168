"""Whether a figure counts one incident or a running or period total ("since 2011", "this year",
"the war has claimed the lives of 260,000 people"): the ``scope`` of a record.

A period word counts where it stands in the figure's own clause (between the commas, semicolons
and dashes around it) or opens the sentence ("Since 2011, …", "So far this year, …"): "2 people were
killed on Sunday, bringing the total this year to 300" makes 300 cumulative and 2 not. Pure functions.
"""

from __future__ import annotations

from typing import Sequence

import regex

from .lexicon import Lexicon
from .tokens import Token

_CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "(", ")"})
_PERFECT = frozenset({"has", "have", "had"})
MAX_MARKER = 4  # words in the longest marker ("since records began")
_YEAR = regex.compile(r"(?:19|20)\d\d")


def _clause(tokens: Sequence[Token], ts: int, te: int, at: int) -> tuple[int, int]:
    start = at
    while start > ts and tokens[start - 1].text not in _CLAUSE_BREAKS:
        start -= 1
    end = at
    while end < te and tokens[end].text not in _CLAUSE_BREAKS:
        end += 1
    return start, end


def _has_marker(tokens: Sequence[Token], a: int, b: int, lex: Lexicon) -> bool:
    markers = lex.phrases["cumulative_markers"]
    if any(tuple(t.lower for t in tokens[i : i + n]) in markers for i in range(a, b) for n in range(1, MAX_MARKER + 1) if i + n <= b):
        return True
    # "in 2019", "during 2023": a whole year is a period, not an incident.
    return any(tokens[i].lower in ("in", "during", "throughout") and _YEAR.fullmatch(tokens[i + 1].text) for i in range(a, b - 1))


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


def is_cumulative(tokens: Sequence[Token], ts: int, te: int, at: int, lex: Lexicon, type: str | None = None) -> bool:
    """Whether the figure at token ``at`` of the sentence ``tokens[ts:te]`` is a running or period
    total; a ``displaced`` figure also when the sentence counts those displaced now (a stock)."""
    a, b = _clause(tokens, ts, te, at)
    if _has_marker(tokens, a, b, lex) or _whole_event(tokens, ts, te, lex):
        return True
    if type == "displaced" and _has_stock_marker(tokens, ts, te, lex):
        return True
    # "Since 2011, …", "So far this year, …": a period that opens the sentence covers all of it.
    first, last = _clause(tokens, ts, te, ts)
    return first == ts and last < at and _has_marker(tokens, ts, min(ts + MAX_MARKER, last), lex)
