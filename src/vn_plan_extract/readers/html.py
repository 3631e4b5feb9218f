"""Read a plan saved from a web page (.html, .htm) into plan text lines, leaving the portal's furniture out.

Plans reach us as a government portal's article page ("Kế hoạch số 123/KH-UBND …" posted on a province's
or a commune's site, saved by a browser) and as Word's or LibreOffice's "save as web page".

- Charset: a byte-order mark, then the page's own declaration (`<meta charset>`, `http-equiv
  Content-Type`, an XML declaration), else UTF-8 when the bytes are UTF-8, else the plain-text reader's
  guesses (Windows-1258), with a W002 note; a page declaring a single-byte charset whose bytes are UTF-8
  Vietnamese is read as UTF-8, with a W002 note. Windows-1258 writes tone marks as combining characters,
  so the text is NFC-normalised.
- Main content: lxml.html parses the page (its parser recovers from the broken markup portals serve, and
  with `huge_tree` off libxml2 bounds the nesting depth and the size of a text node). What is never the
  plan's text is removed first: scripts, styles, form controls, nav, aside, the site's header and footer,
  hidden elements, and elements whose class or id name them (menu, breadcrumb, share buttons, related
  links, comments, view counters), unless such an element holds much of the page (ASP.NET portals put
  the whole page in one <form>; a careless theme calls the article's box "sidebar-content"). Then
  trafilatura judges which of the remaining text is the article. It scores at or near the top of
  published comparisons of main-content extractors, is maintained, typed, and reads lxml trees; jusText
  (one of its own fallbacks) judges paragraph by paragraph only, and readability-lxml keeps one container,
  which loses a plan split over several. trafilatura's output is used only as that judgement: the blocks
  of our own walk of the page (paragraphs, headings, list items, divs with text of their own, tables) are
  kept when trafilatura kept their text, so the lines, and the tables with their merged cells, come from
  the page itself and not from trafilatura's simplified tables (which know no rowspan). A page so small
  that trafilatura keeps nothing of it is read whole. Leaving text out is noted (W008, with the first
  block left out), as the text stage does for the furniture lines it removes.
- Lines: a paragraph, heading or list item is one line (whitespace collapsed; `<br>` starts a new line);
  an ordered list's numbers are written as a browser shows them ("I.", "2.", "a."), a bullet list's items
  start with "- ", as the Word reader does for Word's lists. An empty paragraph is a blank line.
- Tables: a data table (an "STT" header, or three columns and more) is one line a row, cells separated by
  tabs; a cell spanning rows (rowspan) repeats its text in the rows it spans, as Word's vertical merge
  does in the Word reader, and a cell spanning columns (colspan) is written once, followed by empty cells,
  so that every row has the table's column count. A table inside a cell is read as that cell's text. A
  layout table (one or two columns, or cells holding headings or tables of their own) becomes its cells'
  blocks.

Grounding: line N of the `SourceText` is the N-th line of this rendering; the pipeline quotes these lines.
"""

from __future__ import annotations

import codecs
import copy
import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.etree
import lxml.html

from ..document import SourceText, frozen, line_starts_of
from ..errors import UnreadableDocument
from ._files import read_input_bytes
from .docx import _join_cell  # one rule for a cell's paragraphs, whichever reader built the table
from .text import decode_bytes

logger = logging.getLogger(__name__)

#: File suffixes this reader takes.
HTML_SUFFIXES = frozenset({".html", ".htm"})
#: Pages larger than this are refused: a saved plan page is well under 5 MB, and parsing and judging
#: a page takes time and memory in proportion to its size.
MAX_HTML_BYTES = 50 * 1024 * 1024
#: How far into the file the charset declaration is looked for (browsers look at the first 1024 bytes;
#: saved pages put long <head>s first, so a little further).
_SNIFF_BYTES = 16384
#: A table with this many columns or more, or with an "STT" header, holds data, not layout (as in docx.py).
_DATA_TABLE_MIN_COLUMNS = 3
#: A table cell holding more text than this is a page-layout cell (the article itself), not a data cell.
_LAYOUT_CELL_CHARS = 5000
#: rowspan/colspan are clamped to this: HTML allows 1000 columns, and no plan's table comes near this.
_MAX_SPAN = 100
#: A block line at least this long is kept when trafilatura kept it inside a longer piece of text;
#: shorter lines must match a piece of trafilatura's output whole ("Trang chủ" is in many a paragraph).
_MIN_SUBSTRING_MATCH = 25
#: Share of a block's text (or of a table's cells) trafilatura must have kept for the block to stay.
_KEPT_SHARE = 0.5
#: The deepest element nesting the walk descends into; deeper content is read as plain text.
_MAX_DEPTH = 200
#: Share of control characters above which decoded text is taken for binary data (as in text.py).
_MAX_CONTROL_SHARE = 0.02

#: The charset a page declares: `<meta charset="…">`, `<meta http-equiv="Content-Type" content="…;
#: charset=…">`, or an XHTML page's XML declaration.
_CHARSET_RE = re.compile(
    rb"""
    <meta\b[^>]*?\bcharset\s*=\s*["']?\s*(?P<meta>[A-Za-z0-9._:-]+)   # both <meta> forms
    | <\?xml\b[^>]*?\bencoding\s*=\s*["'](?P<xml>[A-Za-z0-9._:-]+)   # <?xml ... encoding="..."?>
    """,
    re.IGNORECASE | re.VERBOSE,
)
#: Declared labels browsers read as another charset (WHATWG Encoding: Latin-1 and ASCII mean Windows-1252;
#: a page that could be read to its <meta> is not UTF-16, so that label means UTF-8).
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                    "ascii": "cp1252", "iso8859-1": "cp1252", "utf-16": "utf-8", "utf-16le": "utf-8",
                    "utf-16be": "utf-8"}
#: UTF-8 bytes of the Vietnamese letters U+1EA0–U+1EFF ("ạ" … "ỹ"): evidence a page is UTF-8 whatever
#: single-byte charset it declares (portals declare Latin-1 or Windows-1258 by mistake for UTF-8 pages).
#: Three of them rule out a single-byte page that happens to decode as UTF-8.
_UTF8_VIETNAMESE_RE = re.compile(rb"\xe1[\xba\xbb][\x80-\xbf]")
_MIN_UTF8_EVIDENCE = 3
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
#: Something only an HTML page has: one of its common tags.
_HTML_TAG_RE = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|p|div|table|br|h[1-6]|span|ul|ol|a)\b", re.IGNORECASE)

#: Elements that are never the plan's text (removed with everything inside them).
_DROP_TAGS = frozenset({
    "script", "style", "noscript", "iframe", "button", "template", "svg", "object", "embed", "select",
    "option", "textarea", "input", "label", "canvas", "video", "audio", "map",
})
#: Elements that hold furniture unless a page misuses them as the wrapper of everything: ASP.NET pages,
#: common on Vietnamese portals, put the whole page in one <form>. The site's header and footer are
#: furniture only outside an <article>/<main>, where they hold the article's title and notes.
_FRAME_TAGS = frozenset({"nav", "aside", "form", "dialog", "header", "footer"})
_ARTICLE_TAGS = frozenset({"article", "main"})
#: ARIA landmarks of furniture.
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary"})
#: Class or id words of a portal's furniture. Matched against the words of class/id values split at
#: spaces, hyphens and underscores (so "nav" does not match "canvas"); Vietnamese portals use Vietnamese
#: slugs too ("tin-lien-quan" related news, "luot-xem" views, "chia-se" share, "binh-luan" comments).
_CHROME_WORDS = frozenset({
    "menu", "menus", "mainmenu", "topmenu", "submenu", "megamenu", "nav", "navbar", "navigation",
    "breadcrumb", "breadcrumbs", "share", "sharing", "social", "sharebox", "addthis", "related",
    "relatedposts", "relatednews", "comment", "comments", "sidebar", "footer", "banner", "pagination",
    "pager", "toolbar", "cookie", "popup", "modal", "advert", "advertisement", "ads", "login", "search",
    "tinlienquan", "tinkhac", "chiase", "binhluan",
})
#: Runs of these words in a class or id, joined: "tin lien quan" → "tinlienquan".
_CHROME_PHRASES = frozenset({"tin lien quan", "tin khac", "luot xem", "luot doc", "chia se", "binh luan",
                             "ngay dang", "related posts", "related news", "page views", "view count",
                             "hit count", "main menu", "top menu", "mega menu", "share box"})
#: Class or id words of small furniture (a posting stamp, a view counter, a print link, tags): removed only
#: when the element's text is short, as a page may wrap its article in "print-area" or "post-meta-wrap".
_SMALL_CHROME_WORDS = frozenset({
    "date", "time", "postdate", "publishdate", "meta", "postmeta", "author", "source", "fontsize", "textsize",
    "counter", "viewcount", "pageviews", "views", "hitcount", "print", "tools", "tags", "rating", "luotxem",
    "luotdoc", "ngaydang",
})
#: Small furniture is at most this long ("Ngày đăng: 12/03/2025 10:20 | Lượt xem: 1234").
_SMALL_CHROME_CHARS = 120
#: A furniture element holding this share of the page's text or more is a mislabelled wrapper: kept.
_WRAPPER_SHARE = 0.4
_CLASS_WORD_RE = re.compile(r"[a-z0-9]+")
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

#: Elements that start a block of their own; every other element is inline text.
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "ul",
    "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption",
    "blockquote", "pre", "center", "address", "figure", "figcaption", "hr", "fieldset", "details",
    "summary", "body", "html", "col", "colgroup", "legend", "menu", "dir",
})
#: A list whose style hides its markers ("list-style: none", "list-style-type:none").
_NO_MARKER_STYLE_RE = re.compile(r"list-style(?:-type)?\s*:\s*none", re.IGNORECASE)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LIST_TAGS = frozenset({"ul", "ol", "menu", "dir"})
#: A list item that already starts with its own marker ("1.", "a)", "II.", "-", "+") gets no other.
_OWN_MARKER_RE = re.compile(
    r"""
    ^(?: [-–—+•*·]                                 # a bullet typed into the text
       | (?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ]) [.)]\s  # a number, a roman numeral or a letter, then "." or ")"
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)


@frozen
class _Block:
    """A unit the main-content judgement keeps or drops whole: a paragraph (its lines split at <br>),
    a heading, a list item, or a data table (one line a row)."""

    lines: tuple[str, ...]
    #: the texts trafilatura is asked about: the lines without a list marker, or a table's cells
    texts: tuple[str, ...]
    table: bool = False


@dataclass
class _Walk:
    """The blocks found so far, in document order, and the inline text of the paragraph being read
    (mutable while one page is walked)."""

    blocks: list[_Block]
    run: list[str]  # "\n" in the run stands for a <br>: the source's own newlines are spaces by then

    def flush(self) -> None:
        lines = tuple(ln for ln in (" ".join(part.split()) for part in "".join(self.run).split("\n")) if ln)
        self.run.clear()
        if lines:
            self.blocks.append(_Block(lines, lines))


# ---------------------------------------------------------------------------------------------- bytes


def _declared_charset(data: bytes) -> str | None:
    """The codec a page declares, if Python knows it.

    >>> _declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">')
    'cp1258'
    >>> _declared_charset(b'<meta charset="ISO-8859-1">'), _declared_charset(b'<p>no declaration</p>')
    ('cp1252', None)
    """
    match = _CHARSET_RE.search(data[:_SNIFF_BYTES])
    if match is None:
        return None
    label = (match["meta"] or match["xml"]).decode("ascii").strip().lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return label  # reported as unknown by the caller


def decode_html(data: bytes, path: str | None = None) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """Decode a page's bytes; return (text, encoding, notes). Raises `UnreadableDocument`.

    >>> decode_html('<meta charset="windows-1258"><p>Hà Nô\u0323i</p>'.encode("cp1258"))[:2]
    ('<meta charset="windows-1258"><p>Hà Nội</p>', 'cp1258')
    >>> decode_html("<p>Kế hoạch</p>".encode("utf-8"))[1:]
    ('utf-8', ())
    """
    if not data.strip(b" \t\r\n\x00"):
        raise UnreadableDocument(path, "the file is empty")
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
            (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    notes: tuple[tuple[str, str], ...] = ()
    for bom, encoding in boms:
        if data.startswith(bom):
            try:
                return _checked_text(data.decode(encoding), path), encoding, ()
            except UnicodeDecodeError:
                notes = (("W002", f"the byte-order mark says {encoding}, but the bytes are not"),)
                break
    declared = _declared_charset(data) if b"\x00" not in data else None
    if declared is not None and not notes:
        try:
            text = data.decode(declared)
        except UnicodeDecodeError:
            notes = (("W002", f"the page declares {declared}, but its bytes are not {declared}"),)
        except LookupError:
            notes = (("W002", f"the page declares a charset Python does not know ({declared})"),)
        else:
            if not declared.startswith("utf") and len(_UTF8_VIETNAMESE_RE.findall(data)) >= _MIN_UTF8_EVIDENCE:
                try:
                    utf8 = data.decode("utf-8")
                except UnicodeDecodeError:
                    pass
                else:
                    note = ("W002", f"the page declares {declared}, but its bytes are UTF-8 Vietnamese: read as UTF-8")
                    return _checked_text(utf8, path), "utf-8", (note,)
            return _checked_text(text, path), declared, ()
    text, encoding, guessed = decode_bytes(data, path)
    return _checked_text(text, path), encoding, notes + guessed


def _checked_text(text: str, path: str | None) -> str:
    if "\x00" in text or len(_CONTROL_RE.findall(text)) > _MAX_CONTROL_SHARE * max(1, len(text)):
        raise UnreadableDocument(path, "the file is binary, not an HTML page")
    if not _HTML_TAG_RE.search(text):
        raise UnreadableDocument(path, "not an HTML page (no HTML tags in it)")
    return unicodedata.normalize("NFC", text)


def _parse(text: str, path: str | None) -> lxml.html.HtmlElement:
    # bytes with the encoding given: lxml refuses a str whose XML declaration names an encoding, and the
    # page's own <meta> must not be read again. huge_tree stays off: libxml2 then bounds depth and node size.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True,
                                  huge_tree=False, recover=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as exc:
        raise UnreadableDocument(path, f"not a readable HTML page ({type(exc).__name__}: {exc})") from None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        # libxml2 stops reading there, so the rest of the page would be lost without a word
        raise UnreadableDocument(path, "the page nests its elements too deeply or holds too large a text "
                                       "to be read safely (libxml2's limits)")
    if root is None:
        raise UnreadableDocument(path, "not a readable HTML page")
    return root


# ---------------------------------------------------------------------------------------------- chrome


def _class_words(el: lxml.html.HtmlElement) -> set[str]:
    """The words of an element's class and id, and of their runs that name furniture
    ("tin-lien-quan box" → {"tin", "lien", "quan", "box", "tinlienquan"}).

    >>> sorted(_class_words(lxml.html.fromstring('<div class="tin-lien-quan shareButtons"></div>')))
    ['buttons', 'lien', 'quan', 'share', 'tin', 'tinlienquan']
    """
    raw = f"{el.get('class', '')} {el.get('id', '')}"
    raw = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", raw).lower()  # camelCase words apart: "shareButtons"
    words = _CLASS_WORD_RE.findall(raw)
    joined = f" {' '.join(words)} "
    return set(words) | {phrase.replace(" ", "") for phrase in _CHROME_PHRASES if f" {phrase} " in joined}


def _text_length(el: lxml.html.HtmlElement) -> int:
    return sum(len(t.strip()) for t in el.itertext())


def _is_chrome(el: lxml.html.HtmlElement, page_chars: int) -> bool:
    tag = _tag(el)
    if tag in _DROP_TAGS:
        return True
    if tag == "div" and el.get("title") in {"header", "footer"}:
        return True  # LibreOffice's "save as web page" writes Word's page header and footer so
    words = _class_words(el) if el.get("class") or el.get("id") else set()
    if words & _SMALL_CHROME_WORDS and not words & _CHROME_WORDS:
        return _text_length(el) <= _SMALL_CHROME_CHARS
    framing = (
        (tag in _FRAME_TAGS and not (tag in {"header", "footer"} and any(_tag(a) in _ARTICLE_TAGS
                                                                         for a in el.iterancestors())))
        or el.get("role") in _CHROME_ROLES
        or bool(words & _CHROME_WORDS)
        # hidden: a tab's content may be hidden until clicked, hence the wrapper test below too
        or el.get("hidden") is not None or el.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE_RE.search(el.get("style", "")))
    )
    # furniture, unless it holds much of the page: then it is a wrapper named or styled carelessly
    return framing and _text_length(el) < _WRAPPER_SHARE * page_chars


def _remove_chrome(body: lxml.html.HtmlElement) -> int:
    """Remove, in place, what is never the plan's text (see the module's docstring); return how many
    of the removed elements had text."""
    page_chars = max(1, _text_length(body))
    removed = 0
    emptied: list[lxml.html.HtmlElement] = []  # parents that lost a piece of furniture
    stack = [body]
    while stack:
        el = stack.pop()
        for child in list(el):
            if not isinstance(child.tag, str):
                continue
            if _is_chrome(child, page_chars):
                removed += bool(_text_length(child))
                _drop_keep_tail(child)
                emptied.append(el)
            else:
                stack.append(child)
    # what the furniture leaves behind, a separator ("Ngày đăng: … | Lượt xem: …" less both) or an empty
    # box, goes too: an element left with no letter or digit in it
    for parent in emptied:
        box: lxml.html.HtmlElement | None = parent
        while box is not None and box is not body and box.getparent() is not None and not _has_alnum(box):
            above = box.getparent()
            _drop_keep_tail(box)
            box = above
    return removed


def _has_alnum(el: lxml.html.HtmlElement) -> bool:
    return any(ch.isalnum() for text in el.itertext() for ch in text)


def _drop_keep_tail(el: lxml.html.HtmlElement) -> None:
    """Remove an element but not the text that follows it (its tail belongs to the parent)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


# ---------------------------------------------------------------------------------------------- blocks


def _tag(el: lxml.html.HtmlElement) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _inline(text: str | None, pre: bool = False) -> str:
    """Source text as inline text: its own newlines are spaces (only <br> breaks a line), except in <pre>."""
    if not text:
        return ""
    return text.replace("\r\n", "\n") if pre else text.replace("\n", " ").replace("\r", " ")


def _walk(el: lxml.html.HtmlElement, w: _Walk, depth: int = 0) -> None:
    """Append the blocks of `el`'s content (not of its tail) to `w`, in document order."""
    if depth > _MAX_DEPTH:
        w.run.append(_inline(" ".join(el.itertext())))
        return
    pre = _tag(el) == "pre"
    w.run.append(_inline(el.text, pre))
    for child in el:
        _child(child, w, depth)
        w.run.append(_inline(child.tail, pre))


def _child(child: lxml.html.HtmlElement, w: _Walk, depth: int) -> None:
    """Read one element inside a block: a line break, a table, a list, a block of its own, or inline text."""
    tag = _tag(child)
    if tag == "br":
        w.run.append("\n")
    elif tag == "table":
        w.flush()
        _table(child, w, depth + 1)
    elif tag in _LIST_TAGS:
        w.flush()
        _list(child, w, depth + 1)
    elif tag in _BLOCK_TAGS:
        w.flush()
        before = len(w.blocks)
        _walk(child, w, depth + 1)
        w.flush()
        if tag == "p" and len(w.blocks) == before:
            w.blocks.append(_Block(("",), ()))  # an empty paragraph: a blank line, as in the Word reader
    elif tag:
        _walk(child, w, depth + 1)  # inline (span, b, a, font …): its text runs on in the paragraph


def _ordinal(number: int, kind: str) -> str:
    """An ordered list's number as a browser shows it for `<ol type=…>`.

    >>> _ordinal(4, "I"), _ordinal(2, "a"), _ordinal(28, "A"), _ordinal(9, "i"), _ordinal(3, "1")
    ('IV', 'b', 'AB', 'ix', '3')
    """
    if kind in {"I", "i"} and 0 < number < 4000:
        numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                    (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
        out, n = "", number
        for value, symbol in numerals:
            count, n = divmod(n, value)
            out += symbol * count
        return out if kind == "I" else out.lower()
    if kind in {"A", "a"} and number > 0:
        out, n = "", number
        while n:
            n, rest = divmod(n - 1, 26)
            out = chr(ord("A") + rest) + out
        return out if kind == "A" else out.lower()
    return str(number)


def _int_attr(el: lxml.html.HtmlElement, name: str, default: int) -> int:
    value = (el.get(name) or "").strip()
    return int(value) if value.lstrip("-").isdigit() and len(value) < 7 else default


def _list(el: lxml.html.HtmlElement, w: _Walk, depth: int) -> None:
    """A list's items as blocks, each with the marker a browser shows (none where the style hides it)."""
    ordered = _tag(el) == "ol"
    kind = el.get("type", "1") if el.get("type", "1") in {"1", "a", "A", "i", "I"} else "1"
    number = _int_attr(el, "start", 1)
    unmarked = bool(_NO_MARKER_STYLE_RE.search(el.get("style") or ""))
    w.run.append(_inline(el.text))
    for child in el:
        if _tag(child) == "li":
            w.flush()
            number = _int_attr(child, "value", number)
            marker = "" if unmarked else f"{_ordinal(number, kind)}." if ordered else "-"
            first = len(w.blocks)
            _walk(child, w, depth + 1)
            w.flush()
            if marker:
                for k in range(first, len(w.blocks)):
                    block = w.blocks[k]
                    if block.table or not block.lines[0]:
                        continue
                    if not _OWN_MARKER_RE.match(block.lines[0]):
                        w.blocks[k] = _Block((f"{marker} {block.lines[0]}", *block.lines[1:]), block.texts)
                    break
            number += 1
        else:
            _child(child, w, depth)  # a list directly in a list (LibreOffice writes Word's levels so), or stray text
        w.run.append(_inline(child.tail))
    w.flush()


# ---------------------------------------------------------------------------------------------- tables


def _own_rows(table: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The table's rows, not those of tables inside its cells (with or without thead/tbody/tfoot)."""
    rows = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in {"thead", "tbody", "tfoot"}:
            rows.extend(tr for tr in child if _tag(tr) == "tr")
    return rows


def _grid(rows: list[lxml.html.HtmlElement]) -> list[list[tuple[lxml.html.HtmlElement | None, bool]]]:
    """Rows × columns of (cell, is the cell's own slot), rowspan and colspan resolved: a cell spanning rows
    stands again, not as its own slot, in the rows below; the extra columns of a colspan hold no cell."""
    grid: list[list[tuple[lxml.html.HtmlElement | None, bool]]] = []
    pending: dict[int, tuple[int, lxml.html.HtmlElement | None]] = {}  # column → (rows still spanned, cell)
    for r, tr in enumerate(rows):
        cells = [c for c in tr if _tag(c) in {"td", "th"}]
        row: list[tuple[lxml.html.HtmlElement | None, bool]] = []
        col = k = 0
        while k < len(cells) or any(c >= col for c in pending):
            if col in pending:
                left, spanned = pending.pop(col)
                if left > 1:
                    pending[col] = (left - 1, spanned)
                row.append((spanned, False))
                col += 1
                continue
            if k >= len(cells):
                row.append((None, False))  # a short row before a cell spanning down from above
                col += 1
                continue
            cell = cells[k]
            k += 1
            colspan = min(max(_int_attr(cell, "colspan", 1), 1), _MAX_SPAN)
            rowspan = _int_attr(cell, "rowspan", 1)
            rowspan = len(rows) - r if rowspan == 0 else min(max(rowspan, 1), len(rows) - r, _MAX_SPAN)
            for j in range(colspan):
                row.append((cell, True) if j == 0 else (None, False))
                if rowspan > 1:
                    pending[col + j] = (rowspan - 1, cell if j == 0 else None)
            col += colspan
        grid.append(row)
    width = max((len(r) for r in grid), default=0)
    for row in grid:
        row.extend((None, False) for _ in range(width - len(row)))
    return grid


def _cell_paragraphs(cell: lxml.html.HtmlElement, depth: int) -> list[str]:
    """A cell's paragraphs; a table inside the cell gives its cells' paragraphs (read as the cell's text)."""
    w = _Walk([], [])
    _walk(cell, w, depth + 1)
    w.flush()
    out: list[str] = []
    for block in w.blocks:
        out.extend(t for t in (block.texts if block.table else block.lines) if t)
    return out


def _is_page_layout(cells: list[lxml.html.HtmlElement]) -> bool:
    """Cells holding headings, tables of their own or a whole article: a table laying out a page."""
    for cell in cells:
        if any(_tag(d) in _HEADINGS or _tag(d) == "table" for d in cell.iterdescendants()):
            return True
        if _text_length(cell) > _LAYOUT_CELL_CHARS:
            return True
    return False


def _is_data_table(grid: list[list[tuple[lxml.html.HtmlElement | None, bool]]], own: list[lxml.html.HtmlElement]) -> bool:
    """An "STT" header, or three columns and more of text, in a table not laying out a page (as in docx.py).

    Told from the markup, before any cell is read: a layout table's cells are then read once, as blocks
    (reading them as paragraphs first would read nested layout tables twice a level).
    """
    if not grid:
        return False
    header = " ".join(" ".join(t for c, _ in grid[0] if c is not None for t in c.itertext()).split())
    if header.upper().startswith(("STT", "TT")):
        return True
    has_text = {id(cell): any(t.strip() for t in cell.itertext()) for cell in own}
    width = max(sum(1 for c, _ in row if c is not None and has_text[id(c)]) for row in grid)
    return width >= _DATA_TABLE_MIN_COLUMNS and not _is_page_layout(own)


def _layout_tables_as_divs(root: lxml.html.HtmlElement) -> None:
    """Make the layout tables of a page (a copy) into divs, in place, for trafilatura: it takes a <table>
    for content whole, so an old portal laid out in one table (banner, menu | article | counters, footer)
    would be judged content whole, furniture and all."""
    layout: list[lxml.html.HtmlElement] = []
    for table in root.iter("table"):
        rows = _own_rows(table)
        grid = _grid(rows)
        if not _is_data_table(grid, [c for row in grid for c, is_own in row if is_own and c is not None]):
            layout.append(table)
            layout.extend(group for group in table if _tag(group) in {"thead", "tbody", "tfoot", "caption"})
            layout.extend(rows)
            layout.extend(cell for tr in rows for cell in tr if _tag(cell) in {"td", "th"})
    for el in layout:  # only once every table is told: a nested table makes its outer one a layout table
        el.tag = "div"
        el.attrib.pop("rowspan", None)
        el.attrib.pop("colspan", None)


def _table(table: lxml.html.HtmlElement, w: _Walk, depth: int) -> None:
    for child in table:
        if _tag(child) == "caption":
            _walk(child, w, depth + 1)
            w.flush()
    grid = _grid(_own_rows(table))
    own = [cell for row in grid for cell, is_own in row if is_own and cell is not None]
    if _is_data_table(grid, own):
        paragraphs = {id(cell): _cell_paragraphs(cell, depth) for cell in own}
        lines = tuple("\t".join(_join_cell(paragraphs[id(c)]) if c is not None else "" for c, _ in row) for row in grid)
        texts = tuple(p for cell in own for p in paragraphs[id(cell)])
        w.blocks.append(_Block(lines, texts, table=True))
        return
    page_layout = _is_page_layout(own)
    # a layout table: its cells' blocks; a page's layout row by row, the two-column header and signature
    # blocks of a plan column by column (the left column first), as the Word reader reads them
    columns = max((len(r) for r in grid), default=0)
    order = own if page_layout else [grid[r][c][0] for c in range(columns) for r in range(len(grid))
                                     if grid[r][c][1] and grid[r][c][0] is not None]
    for cell in order:
        if cell is not None:
            start = len(w.blocks)
            _walk(cell, w, depth + 1)
            w.flush()
            # a cell's empty paragraphs space the header or signature block out: no blank lines (as in docx)
            w.blocks[start:] = [b for b in w.blocks[start:] if b.lines != ("",)]


# ---------------------------------------------------------------------------------------------- judgement


def _trafilatura_pieces(root: lxml.html.HtmlElement) -> set[str] | None:
    """The pieces of text trafilatura takes for the page's main content (whitespace collapsed), or None."""
    import trafilatura  # imported here: only HTML pages need it

    page = copy.deepcopy(root)
    _layout_tables_as_divs(page)
    xml = trafilatura.extract(page, output_format="xml", include_tables=True, favor_recall=True,
                              include_comments=False, include_formatting=False, include_links=False,
                              include_images=False, deduplicate=False, with_metadata=False)
    if not xml:
        return None
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        tree = lxml.etree.fromstring(xml.encode("utf-8"), parser=parser)
    except lxml.etree.XMLSyntaxError:
        logger.debug("trafilatura's output is not XML; the page is read whole")
        return None
    pieces = {" ".join(t.split()) for el in tree.iter() for t in (el.text, el.tail) if t and t.strip()}
    return pieces or None


def _is_kept(block: _Block, pieces: set[str], blob: str) -> bool:
    if not block.texts:
        return True  # a blank line
    total = sum(len(t) for t in block.texts)
    kept = sum(len(t) for t in block.texts if t in pieces or (len(t) >= _MIN_SUBSTRING_MATCH and t in blob))
    return kept >= _KEPT_SHARE * total


def _main_blocks(blocks: list[_Block], root: lxml.html.HtmlElement) -> tuple[list[_Block], list[_Block]]:
    """(kept, left out): the blocks whose text trafilatura takes for the main content, or all of them
    when it takes none of them."""
    pieces = _trafilatura_pieces(root)
    if pieces is None:
        return blocks, []
    blob = "\n".join(pieces)
    verdicts = [_is_kept(b, pieces, blob) for b in blocks]
    kept = [b for b, keep in zip(blocks, verdicts, strict=True) if keep]
    if not any(b.texts for b in kept):
        return blocks, []
    return kept, [b for b, keep in zip(blocks, verdicts, strict=True) if not keep]


def _lines(blocks: list[_Block]) -> Iterator[str]:
    """The blocks' lines, with runs of blank lines made one and none at either end."""
    blank = False
    started = False
    for block in blocks:
        for line in block.lines:
            if not line:
                blank = started
                continue
            if blank:
                yield ""
            blank, started = False, True
            yield line


def read_html_file(path: Path) -> SourceText:
    """Render a saved web page as plan text lines (see the module's docstring). Raises `UnreadableDocument`
    for an empty, binary, undecodable or oversized file, or one that is not HTML."""
    data = read_input_bytes(path)
    if len(data) > MAX_HTML_BYTES:
        raise UnreadableDocument(path, f"the page is too large ({len(data) / 2**20:.1f} MB; at most "
                                       f"{MAX_HTML_BYTES / 2**20:.0f} MB are read)")
    text, encoding, notes = decode_html(data, str(path))
    root = _parse(text, str(path))
    body = root.find("body")
    if body is None:
        body = root
    removed = _remove_chrome(body)
    walk = _Walk([], [])
    _walk(body, walk)
    walk.flush()
    kept, dropped = _main_blocks(walk.blocks, root)
    if removed or dropped:
        first = f"; the first left out: {dropped[0].texts[0][:80]!r}" if dropped else ""
        notes += (("W008", f"{removed} page element(s) and {len(dropped)} block(s) of text left out "
                           f"as not the plan's{first}"),)
    rendered = unicodedata.normalize("NFC", "\n".join(_lines(kept)))
    if not rendered.strip():
        raise UnreadableDocument(path, "the page has no text")
    return SourceText(path=str(path), format="html", sha256=hashlib.sha256(data).hexdigest(), text=rendered,
                      line_starts=line_starts_of(rendered), encoding=encoding, notes=notes)
