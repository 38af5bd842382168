"""A figure under construction: what the linker knows of one number mention, in token indices."""

from __future__ import annotations

from dataclasses import dataclass

from .candidates import Mention
from .victims import VictimPhrase

__all__ = ["Draft"]


@dataclass
class Draft:
    """A figure under construction. Index fields point into the sentence's kept drafts."""

    mention: Mention
    phrase: VictimPhrase
    end: int  # token after the mention's last token (number or phrase)
    tail: int  # token after the figure's own cue ("12 people were killed|"), where a list may go on
    type: str | None
    category: str
    parent: int | None  # the larger figure this one breaks down
    sentence: int
    own: bool = False  # the type came from the figure's own words, not from a neighbour or a cue before it
    relative: bool = False  # ...through a relative clause: "37 people who crossed from Belarus"
    own_clause: bool = False  # the parse puts it in a clause whose predicate is no cue: no type spreads to it
    same_as: int | None = None  # the figure this one restates ("2,400 families, or 12,000 people")
    superseded_by: int | None = None  # the new toll that replaces this one ("rose to 45 from 30")
    refers_back: bool = False  # it breaks down a figure of an earlier sentence ("Of the dead, 12 were children")
    person: str | None = None  # for a victim named without a number: its head noun ("woman"; "" for "she")
    refers: bool = False  # ...a pronoun or "the victim": maybe the same person as one named before
