"""An article as sentences: HTML reduced to its text, paragraphs, sentences, tokens, a dateline.

Only the standard library: ``html.parser`` for pages saved from a browser, and rules for sentence
boundaries (abbreviations and initials do not end a sentence). Every sentence is a verbatim slice of the
article text, so that evidence quoted from it is found again by ``kg validate``.

>>> s = sentences("TEHRAN – Mr. Rahimi met Dr. A. Novak on Monday. They spoke.\\n\\nA second paragraph.")
>>> [x.text for x in s]
['TEHRAN – Mr. Rahimi met Dr. A. Novak on Monday.', 'They spoke.', 'A second paragraph.']
>>> [x.para for x in s]
[0, 0, 1]
>>> html_to_text("<html><head><title>T</title><script>x()</script></head>"
...              "<body><nav>Home</nav><article><h1>Talks</h1><p>A &amp; B met.</p></article></body></html>")
('T', 'Talks\\n\\nA & B met.')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "svg", "template",
         "figcaption", "select"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "section", "article", "br", "tr",
          "dd", "dt", "pre", "main", "figure", "table", "ul", "ol"}


class _Reducer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.in_title = False
        self.title: list[str] = []
        self.parts: list[str] = []  # text of the whole body
        self.article: list[str] | None = None  # text inside <article>, when the page has one
        self.article_depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "article":
            if self.article is None:
                self.article = []
            self.article_depth += 1
        if tag in _BLOCK:
            self._add("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip:
            self.skip -= 1
        elif tag == "title":
            self.in_title = False
        elif tag == "article" and self.article_depth:
            self.article_depth -= 1
        if tag in _BLOCK:
            self._add("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self._add(" ".join(data.split()) if data.strip() else (" " if data else ""))

    def _add(self, text: str) -> None:
        self.parts.append(text)
        if self.article_depth and self.article is not None:
            self.article.append(text)


def html_to_text(html: str) -> tuple[str | None, str]:
    """(the page's title, its article text: paragraphs separated by blank lines), from HTML.

    Scripts, styles, navigation, headers, footers and asides are left out; inside ``<article>`` only, when
    the page has one.
    """
    r = _Reducer()
    r.feed(html)
    r.close()
    raw = "".join(r.article if r.article else r.parts)
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw)]
    title = " ".join("".join(r.title).split()) or None
    return title, "\n\n".join(p for p in paras if p)


def looks_like_html(text: str) -> bool:
    """True for a page saved from a browser rather than plain text."""
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or bool(re.search(r"<(p|body|article|div)[\s>]", head))


@dataclass(frozen=True)
class Sentence:
    """A sentence: its verbatim text, where it is in the article, and its paragraph's number."""

    text: str
    start: int
    end: int
    para: int
    index: int = 0


#: Words after which a full stop does not end the sentence.
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st", "sen", "rep",
                 "gov", "amb", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                 "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.g", "i.e", "inc", "ltd", "co", "h.e", "jr", "sr"}
_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")


def sentences(text: str) -> list[Sentence]:
    """Split an article into sentences; a paragraph is a blank-line-separated block (or one line)."""
    out: list[Sentence] = []
    for para, (p_start, p_end) in enumerate(_paragraphs(text)):
        start = p_start
        block = text[p_start:p_end]
        for m in _END.finditer(block):
            before = block[:m.start()]
            word = re.search(r"([\w.]+)$", before)
            w = word[1].lower() if word else ""
            if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()) or re.fullmatch(r"(\w\.)+\w", w):
                continue
            end = p_start + m.end()
            _add(out, text, start, end, para)
            start = end
        _add(out, text, start, p_end, para)
    return [Sentence(s.text, s.start, s.end, s.para, i) for i, s in enumerate(out)]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for m in re.finditer(r"\n[ \t]*(?:\n\s*)*", text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _add(out: list[Sentence], text: str, start: int, end: int, para: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(text[start:end], start, end, para))


#: "TEHRAN – ", "KALVORA, Ostrelia (Wire) — ": a place in capitals and a dash opening the article.
DATELINE = re.compile(r"^(?P<pre>[^\n]{0,40}?)\b(?P<place>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+)*)"
                      r"(?:,[^–—\n]{0,40}?|\s+\([^()\n]{1,40}\))?\s+[–—-]{1,2}\s+")


def dateline(text: str) -> tuple[str | None, int]:
    """The dateline's place as written ("TEHRAN") and where the article proper starts, or (None, 0).

    >>> dateline("date 2025-02-07 TEHRAN – In a bid to ...")
    ('TEHRAN', 25)
    >>> dateline("KALVORA (Amber Wire) – Talks opened ...")
    ('KALVORA', 23)
    """
    m = DATELINE.match(text)
    if not m:
        return None, 0
    return m["place"], m.end()


_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*'?|[^\w\s]")


def tokens(text: str) -> list[tuple[int, int]]:
    """Word and punctuation spans; a possessive ’s is its own token.

    >>> t = "Iran’s Shia' Al-Sudani."
    >>> [t[a:b] for a, b in tokens(t)]
    ['Iran', '’s', "Shia'", 'Al-Sudani', '.']
    """
    out = []
    for m in _TOKEN.finditer(text):
        a, b = m.span()
        w = m[0]
        if len(w) > 2 and w[-2] in "'’" and w[-1] in "sS":
            out.append((a, b - 2))
            out.append((b - 2, b))
        else:
            out.append((a, b))
    return out
