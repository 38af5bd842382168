"""Checks and repairs of raw text before it is read: what the rest of the core may assume of a text.

``repair`` makes text damaged by PDF extraction or scraping readable -- glued words, words hyphenated
across a line break, hard-wrapped lines, mojibake -- and keeps a map back to the original offsets, so
that a figure found in the repaired text is reported with the original's characters. Every word it
knows comes from the lexicon; normal English text comes back as the very same string.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any, Iterable, Mapping

from .lexicon import Lexicon

__all__ = ["Edit", "Fix", "Piece", "Repaired", "repair", "unpaired_surrogate"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def unpaired_surrogate(value: Any, label: str) -> str | None:
    """Where a string in ``value`` holds an unpaired surrogate (from a JSON ``\\ud800`` escape)."""
    if isinstance(value, str):
        m = _SURROGATE.search(value)
        return None if m is None else f"{label} holds an unpaired surrogate U+{ord(m.group()):04X} at character {m.start()}"
    if isinstance(value, Mapping):
        return next((r for k, v in value.items() if (r := unpaired_surrogate(v, f"field {k!r}")) is not None), None)
    if isinstance(value, (list, tuple)):
        return next((r for v in value if (r := unpaired_surrogate(v, label)) is not None), None)
    return None


# --- the repaired text and its map ---------------------------------------------------------------

Edit = tuple[int, int, int, int]  # (start, end) in the repaired text replaced (start, end) in the original
Fix = tuple[int, int, str]  # original (start, end) and what replaces it
_EDIT_START = itemgetter(0)


@dataclass(frozen=True)
class Repaired:
    """A repaired text and the map from its offsets back to the original's.

    ``edits`` lists, in order, each stretch ``text[s:e]`` that replaced ``original[os:oe]`` as
    ``(s, e, os, oe)``: a space put between glued words is ``(i, i + 1, j, j)``, a deleted line-end
    hyphen ``(i, i, j, j + 2)``, a mojibake run ``(i, i + 1, j, j + 3)``. Between edits the text is
    the original's, shifted; no edits is the identity, and then ``text is original``.
    """

    text: str
    original: str
    edits: tuple[Edit, ...] = ()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering the characters ``text[start:end]``.

        A span that starts inside an inserted space starts at the next original character; one whose
        end falls at an inserted space ends before it; a replaced character covers all it replaced.
        """
        n = len(self.text)
        start = min(max(start, 0), n)
        end = min(max(end, start), n)
        if not self.edits:
            return (start, end)
        # The whole text is the whole original, even when a repair deleted characters at either end.
        s = 0 if start == 0 else self._start(start)
        e = len(self.original) if end == n else self._end(end)
        return (s, max(s, e))

    def _start(self, p: int) -> int:
        k = bisect_right(self.edits, p, key=_EDIT_START) - 1  # the last edit starting at or before p
        if k < 0:
            return p
        _, e, os, oe = self.edits[k]
        return os if p < e else p - e + oe

    def _end(self, p: int) -> int:
        k = bisect_left(self.edits, p, key=_EDIT_START) - 1  # the last edit starting before p
        if k < 0:
            return p
        _, e, _, oe = self.edits[k]
        return oe if p <= e else p - e + oe

    def source(self, i: int) -> int | None:
        """The original offset of ``text[i]`` when it was copied unchanged; None when a repair made it."""
        k = bisect_right(self.edits, i, key=_EDIT_START) - 1
        if k < 0:
            return i
        _, e, _, oe = self.edits[k]
        return None if i < e else i - e + oe


def _build(text: str, fixes: Iterable[Fix]) -> Repaired:
    """Apply non-overlapping fixes (the first wins where two overlap) and record the edits."""
    pieces: list[str] = []
    edits: list[Edit] = []
    pos = out = 0
    for start, end, new in sorted(set(fixes)):
        if start < pos:
            continue
        pieces.append(text[pos:start])
        out += start - pos
        pieces.append(new)
        edits.append((out, out + len(new), start, end))
        out += len(new)
        pos = end
    if not edits:
        return Repaired(text, text)
    pieces.append(text[pos:])
    return Repaired("".join(pieces), text, tuple(edits))


def repair(text: str, lex: Lexicon) -> Repaired:
    """Repair glued words, line-break hyphens, hard-wrapped lines and mojibake in ``text``.

    Each repair needs positive evidence from the lexicon or the layout, so normal text comes back
    unchanged (``repaired.text is text``) with the identity map.
    """
    v = _vocab(lex)
    fixes: list[Fix] = []
    if not text.isascii():  # mojibake needs a non-ASCII character; most texts have none
        _mojibake(text, fixes)
    if "\n" in text:
        _line_breaks(text, v, fixes)
    # The scans run over bytes, one per character ("replace" makes each non-ASCII one a "?"), where
    # a translation table classes every character at C speed and patterns open with one literal
    # byte, which the engine skips to fast: a text costs a few microseconds per 1,000 characters.
    raw = text.encode("ascii", "replace")
    _glued_words(text, b" " + raw.translate(_WORDS), v, fixes)
    shape = raw.translate(_SHAPE)
    if b"." in raw:
        _glued_sentences(text, fixes)
    if _CASE_JUNCTION.search(shape):
        _glued_junctions(text, shape, v, fixes)
    if _DIGIT_JUNCTION.search(shape):
        _glued_numbers(text, shape, v, fixes)
    return _build(text, fixes) if fixes else Repaired(text, text)


# --- vocabularies, from the lexicon ----------------------------------------------------------------


@dataclass(frozen=True)
class _Vocab:
    """The word classes the repairs split on, and the scanning patterns built from them."""

    known: frozenset[str]  # every word the lexicon holds: such a word is never split
    aux: frozenset[str]  # auxiliaries: the function words that glue onto a following content word
    content: frozenset[str]  # cue words and victim nouns that are not also function words
    victims: frozenset[str]
    cues: frozenset[str]
    numbers: frozenset[str]  # number words of four letters or more
    counts: frozenset[str]  # the plain ones ("five", "thousand"), not "scores" or "dozen"
    qualifiers: frozenset[str]  # qualifier words that stand right before a number
    after_content: frozenset[str]  # function words that glue after a content word
    after_name: frozenset[str]  # grammar.json's name_joiners: they glue after a name ("Darfurbetween")
    after_acronym: frozenset[str]
    after_digits: frozenset[str]
    camel_left: frozenset[str]  # words that may end glued to a following capitalised name
    compound: frozenset[str]  # content words of four letters or more: a line-end hyphen next to one stays
    continuers: frozenset[str]  # words that never end a sentence
    words: re.Pattern[bytes]  # a space, then a word of eight letters or more that may be two


def _singles(entries: Iterable[str]) -> set[str]:
    """The one-word entries of ASCII letters, lower-cased: the words the byte scans can see."""
    return {e.lower() for e in entries if e.isascii() and e.isalpha()}


def _every_word(lex: Lexicon) -> set[str]:
    """Each word of each entry of the lexicon, lower-cased."""
    entries: set[str] = set()
    for phrases in (lex.cues, lex.victims, lex.victims_cased, lex.qualifiers, lex.vague, lex.vague_multipliers, lex.modifiers):
        entries.update(w for phrase in phrases for w in phrase)
    for names in (*lex.words.values(), lex.units, lex.tens, lex.scales, lex.groups_of, lex.fractions, lex.member_nouns, lex.lives_verbs, lex.toll_links, lex.speaker_nouns, lex.org_nouns):
        entries.update(w for entry in names for w in entry.split())
    return {part for e in entries for part in e.lower().split("-") if part.isalpha()}


def _trie(words: Iterable[str], capital: bool = False) -> str:
    """A pattern for any of ``words`` that branches letter by letter, so it never retries a list.

    With ``capital`` the first letter may also be upper case ("Peoplewere" at a sentence start).
    """
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any], top: bool) -> str:
        alts = [
            (f"[{ch}{ch.upper()}]" if top and capital else re.escape(ch)) + emit(sub, False)
            for ch, sub in sorted(node.items())
            if ch
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root, True) or "(?!)"


@lru_cache(maxsize=8)  # built once per lexicon: the tries cost more to compile than a long text to scan
def _vocab(lex: Lexicon) -> _Vocab:
    """The word classes of ``lex`` that the repairs use, and the words scan built from them."""
    known = _every_word(lex)
    aux = _singles(lex.words["auxiliaries"])
    function = _singles(lex.words["stop_words"]) | aux | _singles(lex.words["blockers"]) | {p[0] for p in lex.qualifiers if len(p) == 1}
    victims = _singles(p[0] for p in lex.victims if len(p) == 1) | _singles(p[0] for p in lex.victims_cased if len(p) == 1)
    victims = (victims | _singles(lex.member_nouns)) - function
    cues = _singles(p[0] for p in lex.cues if len(p) == 1) - function
    content = victims | cues
    numbers = _singles([*lex.units, *lex.tens, *lex.scales, *lex.groups_of]) | _singles(p[0] for p in lex.vague if len(p) == 1)
    numbers = {w for w in numbers if len(w) >= 4}
    counts = {w for w in _singles([*lex.units, *lex.tens, *lex.scales]) if len(w) >= 4}
    after_name = {w for w in _singles(lex.words["name_joiners"]) if len(w) >= 4}
    # A qualifier's last word stands right before its number ("about", "nearly", "at least", "more than").
    qualifiers = {p[-1] for p in lex.qualifiers if len(p[-1]) >= 4 and p[-1].isalpha()}
    long_function = {w for w in function if len(w) >= 5}
    after_content = {w for w in aux | qualifiers | _singles(lex.words["blockers"]) | long_function if len(w) >= 4}
    after_digits = {w for w in victims | cues | _singles(lex.scales) | _singles(lex.words["time_nouns"]) if len(w) >= 4}
    after_acronym = {w for w in content | after_content | numbers | _singles(lex.words["place_nouns"]) if len(w) >= 4}
    camel_left = {w for w in content | function | numbers if len(w) >= 4}
    left = {w for w in aux | content | numbers | qualifiers if len(w) >= 3}
    right = {w for w in content | after_content | numbers if len(w) >= 4}
    # Two known words glued, or a name and a joiner: eight letters or more, after a space.
    words = rf" (?=[a-zA-Z][a-z]{{7}})(?:{_trie(left, capital=True)}{_trie(right)}|[A-Z][a-z]{{3,}}{_trie(after_name)})(?![a-zA-Z])"
    return _Vocab(
        known=frozenset(known),
        aux=frozenset(aux),
        content=frozenset(content),
        victims=frozenset(victims),
        cues=frozenset(cues),
        numbers=frozenset(numbers),
        counts=frozenset(counts),
        qualifiers=frozenset(qualifiers),
        after_content=frozenset(after_content),
        after_name=frozenset(after_name),
        after_acronym=frozenset(after_acronym),
        after_digits=frozenset(after_digits),
        camel_left=frozenset(camel_left),
        compound=frozenset(w for w in known - function if len(w) >= 4),
        continuers=frozenset(_singles(lex.words["continuers"])),
        words=re.compile(words.encode("ascii")),
    )


def _is_known(v: _Vocab, word: str) -> bool:
    """A word of the lexicon, or the plural of one ("fourteens")."""
    return word in v.known or (word.endswith("s") and word[:-1] in v.known)


# --- glued words ---------------------------------------------------------------------------------


# Byte tables. _WORDS keeps letters and makes a space of each character a word can follow
# (white space, quotes, brackets, dashes, and "?" for any non-ASCII character), so that the
# words scan stops once per word; _SHAPE gives each character its class: "a", "A", "0" or " ".
_ASCII = [chr(b) for b in range(128)]
_WORDS = bytes(ord(c) if c.isalpha() else 32 if c.isspace() or c in "\"'([{/-?" else ord(".") for c in _ASCII) + b" " * 128
_SHAPE = bytes(ord("a" if c.islower() else "A" if c.isupper() else "0" if c.isdigit() else " ") for c in _ASCII) + b" " * 128
# Junctions in the shape that a glued word has and a clean text almost never: four lower-case letters
# before a capitalised word ("fledShirqat"), two capitals before four lower-case letters ("IDPcamps");
# a digit after or before four letters ("about2,700", "13years"). "iPhone", "NGOs", "2nd" do not
# match. Each pattern opens with one literal byte, a capital or a digit, that the engine skips to.
_CASE_JUNCTION = re.compile(rb"A(?:a(?<=aaaaAa)|Aaaaa)")
_DIGIT_JUNCTION = re.compile(rb"0(?:aaaa|(?<=aaaa0))")


def _glued_words(text: str, words: bytes, v: _Vocab, fixes: list[Fix]) -> None:
    """Put a space between two words that lost theirs at a line end: "weredisplaced", "Darfurbetween".

    ``words`` is the text through ``_WORDS`` after one more space, so a word at offset 0 has one too.
    """
    for m in v.words.finditer(words):
        _split_at(text, m.start(), v, fixes)


def _glued_junctions(text: str, shape: bytes, v: _Vocab, fixes: list[Fix]) -> None:
    """Put a space at a change of case inside a word: "fledShirqat", "IDPcamps"."""
    for m in _CASE_JUNCTION.finditer(shape):
        s = m.start()
        while s > 0 and shape[s - 1] in b"aA":
            s -= 1
        _split_at(text, s, v, fixes)


def _split_at(text: str, s: int, v: _Vocab, fixes: list[Fix]) -> None:
    """Split the letter run that starts at ``s``, if it is two words."""
    n = len(text)
    e = s
    while e < n and text[e].isalpha():
        e += 1
    if (s > 0 and (text[s - 1].isalnum() or text[s - 1] in "#@/\\._")) or (e < n and (text[e].isalnum() or text[e] in "@_")):
        return  # part of a longer token, a handle, a hashtag or a file name
    if e + 1 < n and text[e] in "./" and text[e + 1].isalnum():
        return  # a web address ("peoplewere.org")
    cut = _split(text, s, text[s:e], v)
    if cut:
        fixes.append((s + cut, s + cut, " "))


def _split(text: str, start: int, run: str, v: _Vocab) -> int | None:
    """Where to put a space in the letter run ``run`` (at ``start`` in ``text``), if anywhere."""
    low = run.lower()
    if _is_known(v, low):
        return None
    upper = sum(1 for ch in run if ch.isupper())
    if upper == 0 or (upper == 1 and run[0].isupper()):
        # Two known words: the longest left part first, so "peoplewere" is people + were.
        for i in range(len(low) - 4, 2, -1):
            if _pair(v, low[:i], low[i:]):
                return i
    if upper == 1 and run[0].isupper() and _after_lower_word(text, start):
        # A name and a long function word in running text ("Darfurbetween"); a sentence start or a
        # headline is not running text, so "Meanwhile" and "Elsewhere" stay.
        for i in range(4, len(low) - 3):
            if low[i:] in v.after_name and not _is_known(v, low[:i]):
                return i
    head = len(run) - len(run.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    if head >= 2 and run[head:].islower() and run[head:] in v.after_acronym:
        return head  # "IDPcamps"
    lower = len(run) - len(run.lstrip("abcdefghijklmnopqrstuvwxyz"))
    if lower >= 4 and low[:lower] in v.camel_left and run[lower + 1 :].islower() and run[lower].isupper():
        return lower  # "fledShirqat"
    return None


def _pair(v: _Vocab, a: str, b: str) -> bool:
    """Whether ``a`` + ``b`` glued is two words and not an English compound ("overkill", "childlike").

    Only the pairs damaged text shows: an auxiliary before a content word ("weredisplaced"), a
    content word before a function word ("peoplewere", "displacedabout"), a victim before a cue
    ("peoplekilled"), a number word beside a victim, cue or qualifier ("fivepeople"). Short words
    are syllables as often as words: a side of three letters is only an auxiliary before a long
    content word ("hadevacuated"), never a victim ("kiddies") or an ending ("Ireland", "Berlin").
    """
    if len(b) < 4:
        return False
    if a in v.aux:
        return b in v.content and (len(a) > 3 or len(b) >= 6)
    if len(a) < 4:
        return False
    if a in v.content and b in v.after_content:
        return True
    if a in v.victims and b in v.cues:
        return True
    if b in v.numbers:
        return a in v.cues or (a in v.qualifiers and b in v.counts)  # "underscores" is not under + scores
    return a in v.numbers and b in v.victims


def _after_lower_word(text: str, start: int) -> bool:
    """Whether the word before ``start`` (across white space) is a lower-case word: running text."""
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    return j < i and text[j:i].islower()


# --- numbers glued to words ----------------------------------------------------------------------


def _glued_numbers(text: str, shape: bytes, v: _Vocab, fixes: list[Fix]) -> None:
    """Split "about2,700" and "Around1.6" (a qualifier and its number) and "13years" (a number and a
    noun); codes such as "COVID19", "G7", "9mm", "2nd", "1990s" and "4x4" stay."""
    n = len(text)
    for m in _DIGIT_JUNCTION.finditer(shape):
        p = m.start()
        if shape[p - 4 : p] == b"aaaa" and _qualifier_before(text, p, v):
            fixes.append((p, p, " "))
        if shape[p + 1 : p + 5] != b"aaaa":
            continue
        # Digits then letters: the number must stand alone before, the word be a known noun or cue.
        s = p
        while s > 0 and text[s - 1] in "0123456789,.":
            s -= 1
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "_-/") and not (text[s - 1].isalpha() and _qualifier_before(text, s, v)):
            continue
        if not text[s].isdigit():
            continue
        e = p + 1
        while e < n and text[e].isalpha():
            e += 1
        word = text[p + 1 : e]
        if word.islower() and word in v.after_digits and not (e < n and (text[e].isalnum() or text[e] in "_-")):
            fixes.append((p + 1, p + 1, " "))


def _qualifier_before(text: str, p: int, v: _Vocab) -> bool:
    """Whether the letters right before offset ``p`` are a whole qualifier word ("about", "Around")."""
    s = p
    while s > 0 and text[s - 1].isalpha():
        s -= 1
    word = text[s:p]
    if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "#@/\\._-"):
        return False
    return (word.islower() or word[1:].islower()) and word.lower() in v.qualifiers


# --- line breaks ---------------------------------------------------------------------------------

# A line break the previous line's last character does not already end (a full stop, a colon, a
# closing quote), and that is not the first of a blank line: the only ones worth a closer look.
_BREAK = re.compile("\n(?<![.!?:\"”’'»\n]\n)(?!\n)")
_ENDERS = frozenset(".!?:\"”’'»")


# "…five others injured.A third suspect was held": a full stop glued to the next sentence.
# Two lower-case letters before it ("U.S.", "a.m." are left), a capital word after it.
_GLUED_STOP = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z](?:[a-z]|\s))")


def _glued_sentences(text: str, fixes: list[Fix]) -> None:
    """Put a space after a full stop that runs straight into the next sentence."""
    for m in _GLUED_STOP.finditer(text):
        fixes.append((m.start(), m.start(), " "))


def _line_breaks(text: str, v: _Vocab, fixes: list[Fix]) -> None:
    """Join hyphenated words and hard-wrapped lines; keep paragraph breaks and headlines."""
    n = len(text)
    for m in _BREAK.finditer(text):
        nl = m.start()
        brk = nl - 1 if text[nl - 1 : nl] == "\r" else nl
        a = brk
        while a > 0 and text[a - 1] in " \t":
            a -= 1
        b = nl + 1
        while b < n and text[b] in " \t":
            b += 1
        if a == 0 or b >= n or text[a - 1] in "\r\n" or text[b] in "\r\n":
            continue  # a blank line: a paragraph break
        last, nxt = text[a - 1], text[b]
        if last == "-" and a >= 2 and text[a - 2].isalnum() and nxt.isalnum():
            fixes.append(_hyphen(text, a - 1, b, v))
            continue
        if last in _ENDERS:
            continue
        line_start = text.rfind("\n", 0, a) + 1
        if _wrapped(text, line_start, a, nxt, v):
            fixes.append((brk, nl + 1, " " * (nl + 1 - brk)))  # same length: the map does not move


def _hyphen(text: str, h: int, b: int, v: _Vocab) -> Fix:
    """The fix for a line ending in a hyphen at ``h`` whose next line's text starts at ``b``.

    Between lower-case letters the hyphen goes too ("dis-\\nplaced"), unless the joined word is
    unknown and a part is a known content word, which makes it a compound ("cross-\\nborder",
    "twenty-\\nfive"); next to a capital or a digit it stays ("Al-\\nShabaab", "45-\\nyear-old").
    """
    if not (text[h - 1].islower() and text[b].islower()):
        return (h + 1, b, "")
    s = h
    while s > 0 and text[s - 1].isalpha():
        s -= 1
    e = b
    while e < len(text) and text[e].isalpha():
        e += 1
    left, right = text[s:h].lower(), text[b:e].lower()
    if not _is_known(v, left + right) and (left in v.compound or right in v.compound):
        return (h + 1, b, "")
    return (h, b, "")


def _wrapped(text: str, line_start: int, line_end: int, nxt: str, v: _Vocab) -> bool:
    """Whether the line ``text[line_start:line_end]`` goes on in the next line, which starts with ``nxt``."""
    line = text[line_start:line_end]
    if _headline(line):
        return False
    last = line[-1]
    w = len(line)
    while w > 0 and line[w - 1].isalpha():
        w -= 1
    if last == "," or line[w:].lower() in v.continuers:
        return nxt.isalnum() or nxt in "\"“‘'("
    if nxt.islower():
        return True
    # Before a number, a line that opens its paragraph is a headline ("Floods in Kerala\n12 dead"), and
    # one of a word or two a table's label ("Injured\n40").
    return nxt.isdigit() and last.islower() and len(line.split()) > 2 and not _opens_paragraph(text, line_start)


def _headline(line: str) -> bool:
    """Title case: every word of four letters or more is capitalised, and there are two or more."""
    words = [w for w in line.split() if len(w) >= 4 and w[0].isalpha()]
    return len(words) >= 2 and all(w[0].isupper() for w in words)


def _opens_paragraph(text: str, line_start: int) -> bool:
    """Whether the line at ``line_start`` is the text's first or follows a blank line."""
    if line_start == 0:
        return True
    prev = text.rfind("\n", 0, line_start - 1) + 1
    return not text[prev : line_start - 1].strip()


# --- mojibake ------------------------------------------------------------------------------------

# The byte each character stands for when UTF-8 was read as cp1252 or latin-1: cp1252's own
# characters ("€" is 0x80, "’" is 0x92) and latin-1's for the rest, C1 controls included.
_BYTE = {chr(b): b for b in range(256)}
_BYTE.update({bytes([b]).decode("cp1252", errors="ignore"): b for b in range(0x80, 0x100)})
_BYTE.pop("", None)
_HIGH = "".join(sorted(re.escape(c) for c, b in _BYTE.items() if b >= 0x80))
# A lead byte read as a character (U+00C2 to U+00F4, "\xc3" and one byte in UTF-8) before a
# continuation byte read as one (U+0080 to U+00BF or a cp1252 character, which UTF-8 opens with one
# of five bytes): searched in the UTF-8 bytes, where the engine skips to each "\xc3".
_MOJIBAKE = re.compile(rb"\xc3[\x82-\xb4][\xc2\xc5\xc6\xcb\xe2]")
_RUN = re.compile(f"[{_HIGH}]{{2,}}")  # characters that stand for bytes 0x80 to 0xFF
# Quotes and dots that can follow an accented capital in real text ("CAFÉ’S", "SÃO”").
_CLOSERS = frozenset("’”…»")

Piece = tuple[int, int, str]  # a character and the run's characters [start, end) it came from


def _mojibake(text: str, fixes: list[Fix]) -> None:
    """Re-decode runs that are UTF-8 read as cp1252 or latin-1, once or twice ("â€™" -> "’").

    Each run is re-decoded a sequence at a time, as ``.encode("cp1252").decode("utf-8")`` would,
    so a run that mixes damage with real accented letters is repaired where it is damaged.
    """
    if not _MOJIBAKE.search(text.encode("utf-8", "replace")):
        return
    for m in _RUN.finditer(text):
        for i, j, ch in _redecode(m.group(), text[m.end() : m.end() + 1]):
            if j - i > 1:
                fixes.append((m.start() + i, m.start() + j, ch))


def _redecode(run: str, after: str) -> list[Piece]:
    """The characters of ``run`` once re-decoded, level after level while something decodes."""
    pieces = [(i, i + 1, ch) for i, ch in enumerate(run)]
    changed = True
    while changed:
        changed = False
        out: list[Piece] = []
        k = 0
        while k < len(pieces):
            found = _decode_at(pieces, k, after)
            if found is None:
                out.append(pieces[k])
                k += 1
                continue
            size, ch = found
            out.append((pieces[k][0], pieces[k + size - 1][1], ch))
            k += size
            changed = True
        pieces = out
    return pieces


def _decode_at(pieces: list[Piece], k: int, after: str) -> tuple[int, str] | None:
    """The UTF-8 sequence that the characters at ``pieces[k:]`` stand for: its length and character."""
    lead = _BYTE.get(pieces[k][2], 0)
    size = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 0
    if not size or k + size > len(pieces):
        return None
    data = bytes(_BYTE.get(p[2], 0) for p in pieces[k : k + size])
    try:
        ch = data.decode("utf-8")  # continuation bytes, no overlong form, no surrogate
    except UnicodeDecodeError:
        return None
    if not _plausible(ord(ch)):
        return None
    if size == 2 and pieces[k + 1][2] in _CLOSERS:
        # An accented capital then a closing quote at a word's end is more likely real than damage.
        nxt = pieces[k + 2][2] if k + 2 < len(pieces) else after
        if not nxt.isalpha():
            return None
    return size, ch


def _plausible(cp: int) -> bool:
    """Characters that news text holds; a decode to anything else (IPA, CJK) is a coincidence."""
    return (
        0xA0 <= cp <= 0x24F  # Latin-1 and Latin Extended A and B
        or 0x370 <= cp <= 0x52F  # Greek and Cyrillic
        or 0x590 <= cp <= 0x6FF  # Hebrew and Arabic
        or 0x1E00 <= cp <= 0x1EFF  # Latin Extended Additional (Vietnamese)
        or 0x2000 <= cp <= 0x2BFF  # punctuation, currency, letterlike symbols, arrows
        or cp == 0xFEFF  # a byte order mark
        or 0x1F000 <= cp <= 0x1FAFF  # emoji
    )
