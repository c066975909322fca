"""Identifiers elsewhere (kg.facts.external): the form of each scheme, the ISNI check character, the IRIs."""

from __future__ import annotations

import pytest

from kg.facts.external import SCHEMES, check_external, isni_check_character, link_predicate, scheme_of


@pytest.mark.parametrize(("scheme", "value", "iri"), [
    ("wikidata", "Q796", "http://www.wikidata.org/entity/Q796"),
    ("wikidata", " Q1 ", "http://www.wikidata.org/entity/Q1"),
    ("geonames", 99072, "https://sws.geonames.org/99072/"),
    ("geonames", "112931", "https://sws.geonames.org/112931/"),
    ("viaf", "123456789", "http://viaf.org/viaf/123456789"),
    ("viaf", 98765, "http://viaf.org/viaf/98765"),
    ("isni", "0000000218250097", "https://isni.org/isni/0000000218250097"),
    ("isni", "0000 0002 1825 0097", "https://isni.org/isni/0000000218250097"),
    ("isni", "0000-0000-0000-001x", "https://isni.org/isni/000000000000001X"),
    ("lcnaf", "n79021164", "http://id.loc.gov/authorities/names/n79021164"),
    ("lcnaf", "nb2009012345", "http://id.loc.gov/authorities/names/nb2009012345"),
])
def test_valid_ids_give_the_iri_of_their_scheme(scheme, value, iri):
    assert check_external(scheme, value) == iri
    assert scheme_of(iri) == (scheme, iri.rstrip("/").rsplit("/", 1)[1])


@pytest.mark.parametrize(("scheme", "value", "words"), [
    ("wikidata", "796", "Q followed by digits"),
    ("wikidata", "Q0796", "without a leading zero"),
    ("wikidata", "q796", "such as Q796"),
    ("wikidata", "Q79 6", "got 'Q79 6'"),
    ("wikidata", "http://www.wikidata.org/entity/Q796", "such as Q796"),
    ("geonames", "99O72", "digits"),
    ("geonames", -5, "digits"),
    ("geonames", True, "a text or a number"),
    ("viaf", "", "digits"),
    ("viaf", 1.5, "a text or a number"),
    ("isni", "00000002182500", "16 characters"),
    ("isni", "0000000218250098", "fails its check character: expected 0000000218250097"),
    ("isni", "X000000218250097", "16 characters"),
    ("lcnaf", "x79021164", "n, nb, no, nr or ns"),
    ("lcnaf", "n790211", "8 or 10 digits"),
    ("orcid", "0000-0002-1825-0097", "unknown identifier scheme 'orcid'"),
])
def test_wrong_ids_say_what_was_expected(scheme, value, words):
    with pytest.raises(ValueError) as e:
        check_external(scheme, value)
    assert words in str(e.value)


def test_isni_check_character_against_every_possible_last_character():
    """Exactly one of the eleven possible check characters is right, for any fifteen digits."""
    for body in ("000000021825009", "000000012103268", "123456789012345", "000000000000001"):
        good = [c for c in "0123456789X" if _mod11_2_valid(body + c)]
        assert good == [isni_check_character(body)]


def _mod11_2_valid(isni: str) -> bool:
    """ISO 7064 MOD 11-2 verified the other way: the weighted sum of all 16 characters is 1 modulo 11."""
    values = [10 if c == "X" else int(c) for c in isni]
    return sum(v * pow(2, len(values) - 1 - i, 11) for i, v in enumerate(values)) % 11 == 1


def test_every_scheme_example_is_valid_and_concepts_use_exact_match():
    for s in SCHEMES.values():
        assert check_external(s.name, s.example).startswith(("http://", "https://"))
    assert link_predicate("role").endswith("skos/core#exactMatch")
    assert link_predicate("place").endswith("owl#sameAs")
    assert scheme_of("http://www.wikidata.org/entity/P31") is None
