"""Names and texts compared the way people write them: one home for the normalisers every stage uses.

>>> name_key("Mohammed Shia' Al-Sudani") == name_key("mohammed shia al sudani")
True
>>> normalize_space("  a\\n  b\\tc ")
'a b c'
"""

from __future__ import annotations

import unicodedata

#: Typographic quotes and dashes -> their ASCII look-alikes (for hints and for loose name matching).
QUOTE_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace, so that evidence may be re-wrapped across lines."""
    return " ".join(text.split())


#: For an ASCII name, what ``name_key`` does character by character, as one table: quotes dropped, every other
#: character that is not a letter or a digit made a space.
_ASCII_KEY = {c: (None if chr(c) in "'\"" else " ") for c in range(128) if not chr(c).isalnum()}


def name_key(name: str) -> str:
    """A key for matching names regardless of case, accents, quotes and hyphens.

    >>> name_key("Jean-Yves  O'Neill"), name_key("Ève Ñúñez–Ruiz")
    ('jean yves oneill', 'eve nunez ruiz')
    """
    if name.isascii():  # most names: no accents to strip, nothing to decompose (a tenth of the time)
        return " ".join(name.lower().translate(_ASCII_KEY).split())
    decomposed = unicodedata.normalize("NFKD", name.translate(QUOTE_FOLD))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in plain if c not in "'\"").split())


__all__ = ["QUOTE_FOLD", "name_key", "normalize_space"]
