"""``kg.names.name_key``: its quick way for ASCII names gives what the character-by-character way gives."""

from __future__ import annotations

import random
import unicodedata

from kg.names import QUOTE_FOLD, name_key


def _by_character(name: str) -> str:
    """The general way, as ``name_key`` takes it for names that are not ASCII."""
    decomposed = unicodedata.normalize("NFKD", name.translate(QUOTE_FOLD))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in plain if c not in "'\"").split())


def test_the_ascii_way_gives_the_general_key_on_every_kind_of_ascii_text():
    rng = random.Random(7)
    texts = ["", " ", "'", "A-B", "Shia' Al-Sudani", "x\t\ny", "O\"Neill", "Abdul_Latif", "1st (2nd)", "\x00\x7f"]
    texts += ["".join(chr(rng.randrange(128)) for _ in range(rng.randrange(1, 24))) for _ in range(20_000)]
    for text in texts:
        assert text.isascii()
        assert name_key(text) == _by_character(text), repr(text)


def test_names_that_are_not_ascii_keep_the_general_way():
    for text in ["Ève Ñúñez–Ruiz", "Mohammed Shia’ Al-Sudani", "İstanbul", "Straße", "Ǆemal", "ﬁnance"]:
        assert name_key(text) == _by_character(text)
    assert name_key("Mohammed Shia’ Al-Sudani") == name_key("mohammed shia al sudani")
