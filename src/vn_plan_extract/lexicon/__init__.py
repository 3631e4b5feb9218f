"""Vocabularies of Vietnamese plan documents, kept as data beside the stages that use them.

Every module here is plain data plus the helpers that compile it into regexes; no module imports a
pipeline stage. Entries come from Nghị định 30/2020/NĐ-CP (layout of administrative documents), from
`shared/DOMAIN.md`, and from the plans in `corpus/`; each module says where its entries come from.
"""

from __future__ import annotations

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
