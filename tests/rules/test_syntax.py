"""The Parse arrays: validation, tree walks, and alignment with the core's tokens."""

from __future__ import annotations

import pytest

from figextract.rules.syntax import Parse, align
from figextract.rules.tokens import tokenize


def parse_of(text: str, heads: list[int], deps: list[str], tags: list[str] | None = None) -> Parse:
    """A hand-made parse of ``text`` split on spaces (lemmas are the lower-case words)."""
    words = text.split(" ")
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    ends = [s + len(w) for s, w in zip(starts, words)]
    return Parse(tuple(starts), tuple(ends), tuple(heads), tuple(deps), tuple(w.lower() for w in words), tuple(tags or ["NN"] * len(words)))


def test_children_ancestors_and_subtree() -> None:
    p = parse_of("Seven people were shot", [1, 3, 3, 3], ["nummod", "nsubjpass", "auxpass", "ROOT"])
    assert p.children[3] == (1, 2) and p.children[1] == (0,)
    assert list(p.ancestors(0)) == [1, 3]
    assert p.subtree_span(1) == (0, 2) and p.subtree_span(3) == (0, 4)


def test_conjunct_head_climbs_coordination() -> None:
    p = parse_of("three soldiers and a civilian died", [1, 5, 1, 4, 1, 5], ["nummod", "nsubj", "cc", "det", "conj", "ROOT"])
    assert p.conjunct_head(4) == 1


def test_ancestors_never_loop_on_a_cycle() -> None:
    p = Parse((0, 2), (1, 3), (1, 0), ("dep", "dep"), ("a", "b"), ("NN", "NN"))
    assert list(p.ancestors(0)) == [1]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"heads": (0,)}, "unequal length"),
        ({"heads": (0, 5)}, "outside the sentence"),
        ({"ents": ("ORG",)}, "unequal length"),
    ],
)
def test_bad_arrays_are_refused(kwargs: dict[str, object], message: str) -> None:
    base: dict[str, object] = {"starts": (0, 2), "ends": (1, 3), "heads": (0, 0), "deps": ("ROOT", "dep"), "lemmas": ("a", "b"), "tags": ("NN", "NN")}
    with pytest.raises(ValueError, match=message):
        Parse(**{**base, **kwargs})  # type: ignore[arg-type]


def test_token_at_and_align() -> None:
    text = "The ministry's toll rose to 1,400."
    # spaCy keeps "1,400" whole and splits "ministry's" like the core; the full stop is its own token.
    words = [("The", 0), ("ministry", 4), ("'s", 12), ("toll", 15), ("rose", 20), ("to", 25), ("1,400", 28), (".", 33)]
    p = Parse(
        tuple(s for _, s in words), tuple(s + len(w) for w, s in words), (1, 3, 1, 4, 4, 4, 5, 4),
        ("det", "poss", "case", "nsubj", "ROOT", "prep", "pobj", "punct"), tuple(w.lower() for w, _ in words), ("DT",) * 8,
    )  # fmt: skip
    assert p.token_at(30) == 6 and p.token_at(3) is None
    tokens = tokenize(text)
    assert [p.lemmas[i] if i is not None else None for i in align(tokens, p)] == ["the", "ministry", "'s", "toll", "rose", "to", "1,400", "."]
