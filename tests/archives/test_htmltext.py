from __future__ import annotations

import pytest

from figextract.archives.htmltext import html_to_text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Twelve people died.</p>", "Twelve people died."),
        ("<h1>2 Dead, 7 Hurt</h1><p>Police said.</p>", "2 Dead, 7 Hurt\n\nPolice said."),
        ("<p>one<br>two</p>", "one\ntwo"),
        ("<p><b>12</b> <i>people</i>\n   were killed</p>", "12 people were killed"),
        ("<p>Fish &amp; chips&nbsp;cost &pound;5</p>", "Fish & chips cost £5"),
        ("<head><title>T</title><style>p{}</style></head><body><p>Body</p></body>", "Body"),
        ("<head><title>unclosed head</title><body><p>Body</p>", "Body"),
        ("<p>a</p><script>var n = 12;</script><noscript>x</noscript><p>b</p>", "a\n\nb"),
        ("<div><div><p>deep</p></div></div>", "deep"),
        ("<ul><li>one</li><li>two</li></ul>", "one\n\ntwo"),
        ("<svg/><p>after a self-closed svg</p>", "after a self-closed svg"),
        ("plain text, no tags", "plain text, no tags"),
        ("<p></p>  <p>  </p>", ""),
    ],
)
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text
