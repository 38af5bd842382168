"""Hand-made dependency parses for tests of the pure core, so that no model decides what a rule sees."""

from __future__ import annotations

from figextract.rules.syntax import Parse

Row = tuple[str, int, str, str, str]  # word, head index, dependency label, lemma, Penn tag


def hand_parse(rows: list[Row], text: str) -> Parse:
    """The parse of ``text`` given one row per token, in text order (words are found left to right)."""
    starts, pos = [], 0
    for word, *_ in rows:
        pos = text.index(word, pos)
        starts.append(pos)
        pos += len(word)
    return Parse(
        tuple(starts), tuple(s + len(r[0]) for s, r in zip(starts, rows)), tuple(r[1] for r in rows),
        tuple(r[2] for r in rows), tuple(r[3] for r in rows), tuple(r[4] for r in rows),
    )  # fmt: skip
