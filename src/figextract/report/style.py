"""One colour per casualty type, shared by the charts and the displaCy views, and the page's CSS."""

from __future__ import annotations

__all__ = ["CSS", "GROUP_COLOURS", "KIND_COLOURS", "OTHER_COLOUR", "TYPE_COLOURS"]

# Tableau 10 hues: red for the dead, orange for the injured; distinct enough in print and for the
# common colour-vision deficiencies when read with the labels.
TYPE_COLOURS = {
    "killed": "#e45756", "injured": "#f58518", "casualties": "#eeca3b", "missing": "#b279a2", "displaced": "#4c78a8",
    "detained": "#72b7b2", "abducted": "#9d755d",
}  # fmt: skip
GROUP_COLOURS = {"civilians": "#4c78a8", "combatants": "#e45756", "security_forces": "#54a24b", "unspecified": "#bab0ac"}
KIND_COLOURS = {"organisation": "#4c78a8", "official": "#54a24b", "witness": "#f58518", "media": "#b279a2"}
OTHER_COLOUR = "#bab0ac"

CSS = """
body { font: 15px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; color: #222;
       max-width: 1100px; margin: 0 auto; padding: 1.5rem 2rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .6rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
h3 { font-size: 1.02rem; margin: 1.4rem 0 .4rem; }
nav a { margin-right: 1rem; }
.note { color: #555; font-size: .92rem; max-width: 60rem; }
.cards { display: flex; flex-wrap: wrap; gap: .8rem; margin: 1rem 0; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: .6rem 1rem; min-width: 9rem; }
.card dt { color: #555; font-size: .85rem; }
.card dd { margin: 0; font-size: 1.5rem; font-weight: 600; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border-bottom: 1px solid #eee; padding: .25rem .6rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
figure.chart { margin: .8rem 0 1.4rem; }
figure.chart svg { max-width: 100%; height: auto; }
figure.chart figcaption { color: #555; font-size: .88rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(470px, 1fr)); gap: 0 2rem; }
.legend span { display: inline-block; padding: .1rem .5rem; margin: 0 .3rem .3rem 0; border-radius: 3px; font-size: .85rem; }
.view { border-left: 3px solid #eee; padding-left: .8rem; margin: .2rem 0 1.2rem; }
.view .meta { color: #555; font-size: .85rem; }
/* room on the right for the label of a figure at the end of a line */
.view .spans { padding-right: 12em; }
/* a figure's label under its first token (displacy.py): one line, on the row given to it */
.fx-label { position: relative; display: inline-block; white-space: nowrap; color: #000; padding: 2px 4px; font-size: .68em;
            font-weight: bold; line-height: 1; border-radius: 3px; }
"""
