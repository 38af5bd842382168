"""Score predicted figures against a gold file: precision, recall and F1 per field and per figure,
and the accuracy of the article totals where the gold gives them.

Pure functions. A predicted and a gold figure match when their character spans overlap (largest
overlap first, one-to-one); a field counts as right on a matched pair when it is equal. An item's
totals are right for a type when ``totals(predicted)[type].value`` equals the gold count (either
absent counts as 0).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from ..rules.lexicon import TYPES
from ..rules.records import INDEX_FIELDS, Figure, RecordError, check_offsets
from ..rules.totals import totals

__all__ = [
    "FIELD_CHECKS", "FIELD_ORDER", "FIGURE", "GoldItem", "OWN_SCORE", "Report", "Score", "TotalsScore", "evaluate", "format_report", "gold_totals",
    "iter_gold", "iter_seeds", "match", "score_item", "score_totals",
]  # fmt: skip

FIELD_CHECKS: dict[str, Callable[[Figure, Figure], bool]] = {
    "span": lambda p, g: True,
    "value": lambda p, g: (p.value, p.low, p.high, p.qualifier) == (g.value, g.low, g.high, g.qualifier),
    "type": lambda p, g: p.type == g.type,
    "unit": lambda p, g: p.unit == g.unit,
    "category": lambda p, g: (p.category, p.group) == (g.category, g.group),
    "source": lambda p, g: p.source == g.source,
    "source_kind": lambda p, g: p.source_kind == g.source_kind,
    "implicit": lambda p, g: p.implicit == g.implicit,
    "scope": lambda p, g: p.scope == g.scope,
    "value+type": lambda p, g: FIELD_CHECKS["value"](p, g) and p.type == g.type,
}
FIGURE = "figure"
# Scored on their own and left out of "figure" (every other field right): scope came later than the
# figure target and is still the weakest field; see the README's accuracy section.
OWN_SCORE = frozenset({"scope"})
# Index fields are right when they point at the figure matched to the one the gold points at.
FIELD_ORDER = ("span", "value", "type", "unit", "category", "source", "source_kind", "implicit", "scope", *INDEX_FIELDS, "value+type", FIGURE)


@dataclass(frozen=True)
class GoldItem:
    id: str
    text: str
    figures: tuple[Figure, ...]
    totals: Mapping[str, int] | None = field(default=None, hash=False)  # {type: count}; None: not annotated


@dataclass
class TotalsScore:
    """Exact-match accuracy of the totals over the items that have gold totals, per type."""

    items: int = 0
    wrong: Counter[str] = field(default_factory=Counter)  # type -> items whose total of that type is wrong
    types: set[str] = field(default_factory=set)  # every type in some gold or predicted totals
    all_right: int = 0  # items whose every type is right

    def ordered_types(self) -> list[str]:
        return sorted(self.types, key=lambda k: (TYPES.index(k) if k in TYPES else len(TYPES), k))

    def right(self, kind: str) -> int:
        return self.items - self.wrong[kind]

    def accuracy(self, kind: str | None = None) -> float:
        """Of one type, or of all types together (``None``); 1.0 when no item has gold totals."""
        right = self.all_right if kind is None else self.right(kind)
        return right / self.items if self.items else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "types": {k: {"accuracy": round(self.accuracy(k), 4), "right": self.right(k)} for k in self.ordered_types()},
            "all_types": {"accuracy": round(self.accuracy(), 4), "right": self.all_right},
        }


@dataclass
class Score:
    """Counts for one field: right on matched pairs, predicted, gold."""

    right: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {name: Score() for name in FIELD_ORDER})
    errors: list[dict[str, object]] = field(default_factory=list)
    items: int = 0
    totals: TotalsScore = field(default_factory=TotalsScore)

    def to_dict(self) -> dict[str, object]:
        return {
            "items": self.items,
            "fields": {
                k: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4), "right": s.right, "predicted": s.predicted, "gold": s.gold}
                for k, s in self.scores.items()
            },
            "totals": self.totals.to_dict(),
        }


def iter_gold(path: str | Path) -> Iterator[GoldItem]:
    """Read a gold JSONL file, validating every record; errors name the file, line and id."""
    path = Path(path)
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RecordError(f"{where}: not valid JSON: {exc.msg}") from None
            if not isinstance(data, dict) or not isinstance(data.get("text"), str) or not isinstance(data.get("figures"), list):
                raise RecordError(f"{where}: expected an object with 'id', a string 'text' and a list 'figures'")
            item_id = str(data.get("id", f"line {lineno}"))
            where = f"{where} (id {item_id})"
            figs = [Figure.from_dict(f, f"{where}.figures[{i}]") for i, f in enumerate(data["figures"])]
            check_offsets(figs, data["text"], where)
            yield GoldItem(item_id, data["text"], tuple(figs), gold_totals(data, where))


def iter_seeds(folder: str | Path) -> Iterator[GoldItem]:
    """Seed articles: ``NAME.txt`` beside ``NAME.expected.json`` (``{"id", "figures"}``)."""
    for txt in sorted(Path(folder).glob("*.txt")):
        golden = txt.with_suffix(".expected.json")
        where = str(golden)
        try:
            data = json.loads(golden.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise RecordError(f"{where}: not valid JSON: {exc.msg} at line {exc.lineno}") from None
        if not isinstance(data, dict) or not isinstance(data.get("figures"), list):
            raise RecordError(f"{where}: expected an object with a list 'figures'")
        text = txt.read_text(encoding="utf-8")
        item_id = str(data.get("id", txt.stem))
        figs = [Figure.from_dict(f, f"{where}.figures[{i}]") for i, f in enumerate(data["figures"])]
        check_offsets(figs, text, where)
        yield GoldItem(item_id, text, tuple(figs), gold_totals(data, f"{where} (id {item_id})"))


def gold_totals(data: Mapping[str, Any], where: str) -> dict[str, int] | None:
    """A gold record's optional ``"totals"``: casualty type -> non-negative count (None when absent)."""
    if "totals" not in data:
        return None
    value = data["totals"]
    if not isinstance(value, dict):
        raise RecordError(f"{where}.totals: expected an object of casualty type -> count, instead got {value!r}")
    for kind, count in value.items():
        if kind not in TYPES:
            raise RecordError(f"{where}.totals: expected casualty types {list(TYPES)} as keys, instead got {kind!r}")
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise RecordError(f"{where}.totals.{kind}: expected a non-negative integer, instead got {count!r}")
    return dict(value)


def match(predicted: Sequence[Figure], gold: Sequence[Figure]) -> dict[int, int]:
    """One-to-one pairs predicted index -> gold index by largest character overlap."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            overlap = min(p.end, g.end) - max(p.start, g.start)
            if overlap > 0:
                pairs.append((overlap, -abs(p.start - g.start), i, j))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, _, i, j in sorted(pairs, reverse=True):
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def score_item(predicted: Sequence[Figure], gold: Sequence[Figure], report: Report, item_id: str = "") -> None:
    """Add one item's counts (and its mistakes) to ``report``."""
    report.items += 1
    pairs = match(predicted, gold)
    for s in report.scores.values():
        s.predicted += len(predicted)
        s.gold += len(gold)
    for i, j in pairs.items():
        p, g = predicted[i], gold[j]
        wrong = [name for name, check in FIELD_CHECKS.items() if not check(p, g)]
        for name in INDEX_FIELDS:
            target = getattr(p, name)
            if (None if target is None else pairs.get(target, -1)) != getattr(g, name):
                wrong.append(name)
        for name in FIELD_ORDER:
            if name == FIGURE:
                ok = not [w for w in wrong if w not in OWN_SCORE]
            else:
                ok = name not in wrong
            report.scores[name].right += ok
        if wrong:
            report.errors.append({"id": item_id, "kind": "mismatch", "fields": wrong, "predicted": p.to_dict(), "gold": g.to_dict()})
    for i, p in enumerate(predicted):
        if i not in pairs:
            report.errors.append({"id": item_id, "kind": "spurious", "predicted": p.to_dict()})
    matched_gold = set(pairs.values())
    for j, g in enumerate(gold):
        if j not in matched_gold:
            report.errors.append({"id": item_id, "kind": "missed", "gold": g.to_dict()})


def score_totals(predicted: Sequence[Figure], gold: Mapping[str, int], report: Report, item_id: str = "") -> None:
    """Add one item's totals (right or wrong per type, and its mistakes) to ``report``."""
    got = {kind: t.value for kind, t in totals(predicted).items()}
    kinds = sorted(set(gold) | set(got))
    wrong = [k for k in kinds if got.get(k, 0) != gold.get(k, 0)]
    score = report.totals
    score.items += 1
    score.types.update(kinds)
    score.wrong.update(wrong)
    score.all_right += not wrong
    for kind in wrong:
        report.errors.append({"id": item_id, "kind": "totals", "type": kind, "gold": gold.get(kind, 0), "predicted": got.get(kind, 0)})


def evaluate(items: Iterable[GoldItem], predict: Callable[[list[str]], Iterable[list[Figure]]]) -> Report:
    """Score ``predict`` (texts -> figures per text) on gold items, and their totals where the gold has them."""
    items = list(items)
    report = Report()
    for item, predicted in zip(items, predict([it.text for it in items]), strict=True):
        score_item(predicted, item.figures, report, item.id)
        if item.totals is not None:
            score_totals(predicted, item.totals, report, item.id)
    return report


def format_report(report: Report) -> str:
    """A Markdown table of the scores. Totals rows give the exact-match accuracy in all three
    columns: each item with gold totals is one prediction and one gold value per type."""
    lines = [f"items: {report.items}"]
    if report.totals.items:
        lines.append(f"totals: accuracy over the {report.totals.items} items with gold totals")
    lines += ["", "| field | precision | recall | F1 |", "|---|---:|---:|---:|"]
    for name in FIELD_ORDER:
        s = report.scores[name]
        lines.append(f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |")
    if report.totals.items:
        rows = [(f"totals {kind}", report.totals.accuracy(kind)) for kind in report.totals.ordered_types()]
        for name, acc in [*rows, ("totals all types", report.totals.accuracy())]:
            lines.append(f"| {name} | {acc:.3f} | {acc:.3f} | {acc:.3f} |")
    return "\n".join(lines)
