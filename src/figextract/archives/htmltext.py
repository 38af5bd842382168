"""HTML reduced to plain text with the standard library's parser.

Block elements become paragraphs (a blank line between them) and ``<br>`` a line break, because the
linker carries a source over within a paragraph and a headline must stay its own sentence. Scripts,
styles and the document head are not article text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_to_text"]

_BLOCK = frozenset(
    "address article aside blockquote caption dd details dialog div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul".split()
)
_SKIP = frozenset("head script style noscript template svg math select option button".split())
_SPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":  # a <head> left open ends where the body starts
            self.skipping.clear()
        elif tag in _SKIP:
            self.skipping.append(tag)
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")
            if tag == "pre":
                self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SKIP:  # <svg/>, <br/>: nothing to skip until an end tag
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            if tag in self.skipping:
                while self.skipping.pop() != tag:
                    pass
        elif tag in _BLOCK:
            self.parts.append("\n\n")
            if tag == "pre" and self.pre:
                self.pre -= 1

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        self.parts.append(data if self.pre else _edge_spaces(data))


def _edge_spaces(data: str) -> str:
    """Runs of white space become one space, as a browser shows them; edges kept so words stay apart."""
    inner = " ".join(data.split())
    return (" " if data[:1].isspace() else "") + inner + (" " if data[-1:].isspace() else "")


def html_to_text(html: str) -> str:
    """The readable text of an HTML document or fragment; paragraphs separated by a blank line."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parser.parts).split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
