"""Articles for the batch tests: the corpus when it is there, otherwise texts written for these tests.

Casualty reports are mixed with texts full of numbers that are not casualties (scores, prices, dates).
"""

from __future__ import annotations

import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

TEXTS = (
    "At least 12 people were killed and 40 injured when a bus overturned near Kandy, police said.",
    "Fire crews rescued 30 residents on Tuesday. Two firefighters were hurt.",
    "The striker scored twice as United won 3-1, their 12th win in 15 games.",
    "Shares rose 4.5% to $212 after the company reported 1,200 new contracts.",
    "According to the UN, 300 civilians were killed in March.\n\nAnother 20 died in April.",
    "Floods displaced more than 250,000 people, the International Organization for Migration said.",
    "Parliament passed the budget by 312 votes to 198 on Thursday.",
    "Temperatures will reach 38C on Sunday, with 20mm of rain expected in the north.",
    "Security forces detained 45 protesters outside the ministry, a rights group said.",
    "Gunmen abducted 17 students from a school in the north-west, officials said.",
    "The 2019 census counted 4,300 households in the district.",
    "Almost 1,400 civilians have been killed, including 332 children.",
    "Dozens of migrants are missing after their boat sank off Libya.",
    "The marathon drew 35,000 runners; 2 were treated for heat exhaustion.",
    "Rebels said they had killed 60 soldiers, a claim the army denied.",
    "Inflation fell to 3.2 percent in June from 3.9 percent in May.",
    "An earthquake killed between 10 and 15 people and injured hundreds.",
    "The museum opened 3 new galleries and expects 1 million visitors.",
    "Eight journalists were detained during the protests, the Committee to Protect Journalists said.",
    "Wind gusts of 90 km/h closed 14 roads and cut power to 6,000 homes.",
    "Two people died and seven were hurt in a shooting on Saturday night.",
    "The senator, 64, announced she would not seek a fifth term.",
    "Landslides buried 23 villagers; rescuers pulled out 5 survivors.",
    "Tickets cost 45 euros and 120 seats remain for the final.",
    "Cholera has killed 80 people in camps that shelter 40,000 refugees, Médecins Sans Frontières said.",
    "The league fined the club £50,000 for crowd trouble in round 7.",
    "Police arrested 3 suspects after 2 officers were wounded.",
    "Voters in 11 states go to the polls on 5 November.",
    "A drone strike killed four militants, the military said in a statement.",
    "The central bank held rates at 5.25% for a third meeting.",
)


def sample_records(limit: int | None = None) -> list[dict[str, str]]:
    """``{"id", "text", "outlet"}`` records: the corpus items if the corpus is there, else ``TEXTS``."""
    records = []
    files = sorted(CORPUS.glob("*.jsonl")) if CORPUS.is_dir() else []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                records.append({"id": str(item["id"]), "text": item["text"], "outlet": path.stem})
    if not records:
        records = [{"id": f"t{i:02d}", "text": text, "outlet": "tests"} for i, text in enumerate(TEXTS)]
    return records[:limit]
