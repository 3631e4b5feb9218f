"""The catalogue of canonical indicators (`indicators.tsv`) and the word matching that aligns a name to it.

Names are compared as folded syllables (case and diacritics removed, abbreviations written out, the
"y"/"i" spelling variants made one: tỉ/tỷ, kĩ/kỹ, lí/lý, quí/quý). An alias is split into words by
underthesea's word segmentation ("hồ sơ | xử lý | trực tuyến"); it matches a name holding each of its
words as a run of syllables, in any order, so word order and extra qualifiers ("trên địa bàn phường")
do not matter while a word is never matched across two ("sáng tạo, kiến thức" holds no "sáng kiến").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import regex

from .text import expand_abbreviations, fold

#: The data file, beside this module.
CATALOGUE_FILE = "indicators.tsv"
UNIT_KINDS = ("%", "count", "rank", "level", "-")

_SYLLABLE_RE = regex.compile(r"[^\W_]+")
#: A syllable whose only vowel is a final "y" after consonants is written with "i" too: "ty"/"ti".
_FINAL_Y_RE = regex.compile(r"^(?P<onset>[bcdghklmnpqrstvx]+|qu)y$")


def syllables(text: str) -> tuple[str, ...]:
    """The folded syllables of a name, for comparing.

    >>> syllables("Tỉ lệ hồ sơ TTHC xử lý trực tuyến")
    ('ti', 'le', 'ho', 'so', 'thu', 'tuc', 'hanh', 'chinh', 'xu', 'li', 'truc', 'tuyen')
    >>> syllables("Tỷ lệ phủ sóng 4G/5G") == syllables("tỉ lệ  phủ sóng 4g 5g")
    True
    """
    out = []
    for s in _SYLLABLE_RE.findall(fold(expand_abbreviations(text))):
        m = _FINAL_Y_RE.match(s)
        out.append(f"{m.group('onset')}i" if m else s)
    return tuple(out)


def segmented_words(text: str) -> tuple[str, ...]:
    """Words of a phrase by underthesea's segmenter, each as its folded syllables joined by spaces.

    >>> segmented_words("hồ sơ xử lý trực tuyến")
    ('ho so', 'xu li', 'truc tuyen')
    """
    from underthesea import word_tokenize  # loaded on first use: the model takes half a second

    words = []
    for word in word_tokenize(expand_abbreviations(text)):
        folded = " ".join(syllables(word))
        if folded:
            words.append(folded)
    return tuple(words)


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    key: str
    name: str
    unit_kind: str
    #: each alias as its words (folded syllables joined by spaces)
    aliases: tuple[tuple[str, ...], ...]
    excluded: tuple[str, ...]

    def match(self, name_syllables: tuple[str, ...]) -> int:
        """How many words the best alias matching this name has (0: none matches)."""
        padded = f" {' '.join(name_syllables)} "
        if any(f" {e} " in padded for e in self.excluded):
            return 0
        best = 0
        for words in self.aliases:
            if all(f" {w} " in padded for w in words):
                best = max(best, sum(len(w.split()) for w in words))
        return best


def parse_catalogue(text: str) -> tuple[CatalogueEntry, ...]:
    entries = []
    keys = set()
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if len(cells) < 4:
            raise ValueError(f"{CATALOGUE_FILE} line {number}: needs key, name, unit kind and aliases")
        key, name, unit_kind, aliases = (c.strip() for c in cells[:4])
        excluded = cells[4] if len(cells) > 4 else ""
        if unit_kind not in UNIT_KINDS:
            raise ValueError(f"{CATALOGUE_FILE} line {number}: unit kind {unit_kind!r} not one of {UNIT_KINDS}")
        if key in keys:
            raise ValueError(f"{CATALOGUE_FILE} line {number}: key {key!r} twice")
        keys.add(key)
        alias_words = tuple(segmented_words(a) for a in aliases.split("|") if a.strip())
        if not alias_words or not all(alias_words):
            raise ValueError(f"{CATALOGUE_FILE} line {number}: an empty alias")
        entries.append(CatalogueEntry(key, name, unit_kind, alias_words,
                                      tuple(" ".join(syllables(e)) for e in excluded.split("|") if e.strip())))
    return tuple(entries)


@lru_cache(maxsize=1)
def load_catalogue() -> tuple[CatalogueEntry, ...]:
    """The package's catalogue (read once)."""
    return parse_catalogue(files(__package__).joinpath(CATALOGUE_FILE).read_text(encoding="utf-8"))
