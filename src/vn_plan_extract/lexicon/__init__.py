"""Vocabularies of Vietnamese plan documents, kept as data beside the stages that use them.

Every module here is plain data plus the helpers that compile it into regexes; no module imports a
pipeline stage. Entries come from Nghị định 30/2020/NĐ-CP (layout of administrative documents), from
`shared/DOMAIN.md`, and from the plans in `corpus/`; each module says where its entries come from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex


def alternation(phrases: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    """A regex alternation of literal phrases, longest first so that "không quá" wins over "quá".

    Spaces in a phrase match any run of whitespace.

    >>> pattern = regex.compile(alternation(["quá", "không quá"]))
    >>> pattern.match("không   quá 5%").group()
    'không   quá'
    """
    items = sorted({p for p in phrases if p}, key=lambda p: (-len(p), p))
    if not items:
        raise ValueError("an alternation needs at least one phrase")
    return "(?:" + "|".join(regex.escape(p).replace("\\ ", "\\s+") for p in items) + ")"


def first_words(phrases: list[str] | tuple[str, ...] | frozenset[str]) -> tuple[str, ...]:
    """The first word of each phrase: where an `alternation` of them can begin (for `FirstWords`).

    >>> first_words(["Trạm y tế", "Trạm", "UBND"])
    ('Trạm', 'UBND')
    """
    return tuple(sorted({p.split()[0] for p in phrases if p.strip()}))


def any_of(*patterns: regex.Pattern[str]) -> regex.Pattern[str]:
    """One pattern matching wherever any of `patterns` matches, each keeping its own flags.

    One call of the union costs a fraction of one call per pattern on a line that matches none, which
    is most lines; group names may repeat (the `regex` module allows it).

    >>> a, b = regex.compile(r"^a \\d", regex.VERBOSE), regex.compile(r"^B", regex.IGNORECASE)
    >>> [bool(any_of(a, b).match(s)) for s in ("a1", "b", "c")]
    [True, True, False]
    """
    if not patterns:
        raise ValueError("a union needs at least one pattern")
    parts = []
    for p in patterns:
        flags = ("x" if p.flags & regex.VERBOSE else "") + ("i" if p.flags & regex.IGNORECASE else "")
        parts.append(f"(?{flags}:{p.pattern})")
    return regex.compile("|".join(parts))


class FirstWords:
    """A pattern tried only where one of its possible first words begins.

    The `regex` engine finds the matches of a pattern that opens with one literal by a fast string
    search, but tries a pattern that opens with alternatives at every position of the text: the deadline
    pattern takes about 50 µs on a 250-character table row. Here the first words are found by the
    standard `re` engine, which skips ahead to the characters that can start a literal alternation,
    and the pattern is matched only there (about 8 µs). `first_words` must hold a prefix of every text
    the pattern can match (a space in one matches any run of whitespace, as in `alternation`: the more
    words, the fewer places tried in vain); tests/test_lexicon.py compares the two on every line of the
    corpus and the devset.

    `finditer` and `search` return what the pattern's own would, match for match.

    >>> year = FirstWords(regex.compile(r"(?:năm|đến)\\s+(?P<y>20\\d\\d)"), ("năm", "đến"))
    >>> [m.group("y") for m in year.finditer("đến năm 2025, đến 2030")]
    ['2025', '2030']
    """

    __slots__ = ("_find", "_lower", "_match", "pattern")

    def __init__(self, pattern: regex.Pattern[str], first_words: tuple[str, ...]) -> None:
        if not first_words or not all(first_words):
            raise ValueError("a pattern needs at least one non-empty first word")
        self.pattern = pattern
        self._match = pattern.match
        # a pattern that ignores case: its first words are looked for in the lower-cased text (the `re`
        # engine's own IGNORECASE scans every position again)
        self._lower = bool(pattern.flags & regex.IGNORECASE)
        words = {w.lower() for w in first_words} if self._lower else set(first_words)
        finder = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in sorted(words, key=lambda w: (-len(w), w)))
        self._find = re.compile(finder).search

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str]]:
        endpos = len(text) if endpos is None else min(endpos, len(text))
        haystack = text.lower() if self._lower else text
        if len(haystack) != len(text):  # a letter whose lower case is longer: positions would drift
            yield from self.pattern.finditer(text, pos, endpos)
            return
        find, match = self._find, self._match
        at = find(haystack, pos, endpos)
        while at is not None:
            start = at.start()
            m = match(text, start, endpos)
            if m is None:
                at = find(haystack, start + 1, endpos)  # the next start, even one inside this word
            else:
                yield m
                at = find(haystack, max(m.end(), start + 1), endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)
