"""What a written Vietnamese syllable can be: the test of whether a PDF's text layer is Vietnamese.

A PDF whose fonts have no proper Unicode map gives text such as "BØC ÔNG AN CØNG HOÀ XÃ HØI CHæN
GH(A VIÆT NAM": letters no Vietnamese word holds, syllables no Vietnamese word has. A syllable is an
optional initial consonant, one to three vowels (with their hat, horn or breve) and an optional final
consonant, and at most one tone mark; the share of a page's words that fit tells a usable text layer
from one that must be read by OCR.
"""

from __future__ import annotations

import functools
import unicodedata

import regex

#: The five tone marks (combining): grave, acute, hook above, tilde, dot below.
_TONES = frozenset("\u0300\u0301\u0309\u0303\u0323")

_SYLLABLE_RE = regex.compile(
    r"""
    (?: ngh | ng | nh | ch | gh | gi | kh | ph | qu | th | tr | [bcdđghklmnprstvx] )?   # initial
    [aăâeêioôơuưy]{1,3}                                                                # vowels
    (?: ch | ng | nh | [cmnpt] )?                                                      # final
    """,
    regex.VERBOSE,
)

#: Letters of Latin script that no Vietnamese word holds but an unmapped font's text shows.
_FOREIGN_LETTERS = frozenset("øæåßœþ")


def is_vietnamese_syllable(word: str) -> bool:
    """Whether `word` (letters only) is written as a Vietnamese syllable can be.

    >>> [is_vietnamese_syllable(w) for w in ("Nghiêng", "hoá", "CỘNG", "BØC", "gh", "xyz")]
    [True, True, True, False, False, False]
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(c in _TONES for c in decomposed)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return _SYLLABLE_RE.fullmatch(bare) is not None


_WORD_RE = regex.compile(r"\p{L}+")


def vietnamese_share(text: str) -> float:
    """The share of `text`'s words (runs of letters, two or more long, or with a mark) that are
    Vietnamese syllables; 1.0 for a text with no words.

    >>> round(vietnamese_share("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 2)
    1.0
    >>> round(vietnamese_share("BØC ÔNG AN CØNG HOÀ XÃ HØI CHæN GH(A VIÆT NAM"), 2) < 0.7
    True
    """
    words = [w for w in _WORD_RE.findall(text) if len(w) > 1 or not w.isascii()]
    if not words:
        return 1.0
    good = sum(1 for w in words if not _FOREIGN_LETTERS.intersection(w.lower()) and is_vietnamese_syllable(w))
    return good / len(words)


@functools.cache
def dictionary_words() -> frozenset[str]:
    """The words of underthesea's Vietnamese dictionary (Viet74K, shipped in its package), lower-case:
    "xã hội", "kết quả", "nhà nước". Empty where the package's file is missing."""
    from importlib import resources

    try:
        text = (resources.files("underthesea") / "corpus" / "data" / "Viet74K.txt").read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):
        return frozenset()
    return frozenset(unicodedata.normalize("NFC", w.strip().lower()) for w in text.splitlines() if w.strip())


def split_glued(word: str) -> str:
    """A word that is no syllable, made of two or three syllables whose space was lost in reading
    ("xãhội", "Kinhtế", "vịnhànước"), with its spaces back; only where its pieces make a dictionary
    word, so a foreign word or a name ("Viettel", "internet") stays whole.

    >>> [split_glued(w) for w in ("xãhội", "Kinhtế", "vịnhànước", "Viettel", "hội", "internet")]
    ['xã hội', 'Kinh tế', 'vị nhà nước', 'Viettel', 'hội', 'internet']
    """
    if not word.isalpha() or len(word) < 4 or is_vietnamese_syllable(word):
        return word
    words = dictionary_words()
    found = []
    for i in range(1, len(word)):
        left, right = word[:i], word[i:]
        if not is_vietnamese_syllable(left):
            continue
        if is_vietnamese_syllable(right) and f"{left} {right}".lower() in words:
            found.append(f"{left} {right}")
        for j in range(1, len(right)):
            middle, last = right[:j], right[j:]
            if (is_vietnamese_syllable(middle) and is_vietnamese_syllable(last)
                    and (f"{left} {middle}".lower() in words or f"{middle} {last}".lower() in words)):
                found.append(f"{left} {middle} {last}")
    return found[0] if len(found) == 1 else word
