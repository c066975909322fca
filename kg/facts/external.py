"""Identifiers of registry entries in other knowledge graphs: check their form, give their IRIs.

A registry entry may say where it is known elsewhere (``same_as:`` in ``data/entities.yaml``)::

    same_as: {wikidata: Q796, geonames: 99072, viaf: "123456789", isni: "0000 0000 0000 0001"}

Each value is checked for the form of its scheme (not looked up: nothing reaches the network) and
becomes the IRI the scheme publishes for it, linked with ``owl:sameAs`` (persons, organizations,
places, agreements) or ``skos:exactMatch`` (roles and topics, which are concepts: ``link_predicate``).

- ``wikidata``: ``Q`` and digits, no leading zero (``Q796``) -> ``http://www.wikidata.org/entity/Q796``;
- ``geonames``: digits (``99072``) -> ``https://sws.geonames.org/99072/``;
- ``viaf``: digits -> ``http://viaf.org/viaf/<digits>``;
- ``isni``: 16 characters, 15 digits and an ISO 7064 mod 11-2 check character (a digit or ``X``), spaces
  allowed -> ``https://isni.org/isni/<16 characters>``;
- ``lcnaf`` (Library of Congress name authority): ``n``, ``nb``, ``no``, ``nr`` or ``ns`` and 8 or 10 digits
  -> ``http://id.loc.gov/authorities/names/<id>``.

>>> check_external("wikidata", "Q796")
'http://www.wikidata.org/entity/Q796'
>>> check_external("geonames", 99072)
'https://sws.geonames.org/99072/'
>>> check_external("isni", "0000 0000 0000 0001")
'https://isni.org/isni/0000000000000001'
>>> check_external("wikidata", "796")
Traceback (most recent call last):
...
ValueError: a Wikidata id is Q followed by digits without a leading zero, such as Q796; got '796'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.vocab import OWL, SKOS


@dataclass(frozen=True)
class Scheme:
    """One identifier scheme: its name, what it is, the form of its ids, an example and its IRI template."""

    name: str
    title: str
    pattern: re.Pattern[str]
    form: str
    example: str
    template: str

    def iri(self, value: str) -> str:
        return self.template.format(value)


def _scheme(name: str, title: str, pattern: str, form: str, example: str, template: str) -> Scheme:
    return Scheme(name, title, re.compile(pattern), form, example, template)


#: The schemes, by the key used in ``same_as:``.
SCHEMES: dict[str, Scheme] = {s.name: s for s in (
    _scheme("wikidata", "Wikidata", r"Q[1-9][0-9]*", "Q followed by digits without a leading zero", "Q796",
            "http://www.wikidata.org/entity/{}"),
    _scheme("geonames", "GeoNames", r"[1-9][0-9]*", "digits without a leading zero", "99072",
            "https://sws.geonames.org/{}/"),
    _scheme("viaf", "VIAF", r"[1-9][0-9]*", "digits without a leading zero", "123456789",
            "http://viaf.org/viaf/{}"),
    _scheme("isni", "ISNI", r"[0-9]{15}[0-9X]", "16 characters, 15 digits and a check digit or X (spaces allowed)",
            "0000 0000 0000 0001", "https://isni.org/isni/{}"),
    _scheme("lcnaf", "Library of Congress name authority", r"n[bors]?[0-9]{8}(?:[0-9]{2})?",
            "n, nb, no, nr or ns followed by 8 or 10 digits", "n79021164", "http://id.loc.gov/authorities/names/{}"),
)}

#: Entity kinds that are SKOS concepts: linked with skos:exactMatch rather than owl:sameAs.
CONCEPT_KINDS = frozenset({"role", "topic"})


def isni_check_character(digits: str) -> str:
    """The ISO 7064 mod 11-2 check character of the first 15 digits of an ISNI (or an ORCID).

    >>> isni_check_character("000000021825009")      # the check of ORCID's documented 0000-0002-1825-0097
    '7'
    >>> isni_check_character("000000000000000")
    '1'
    """
    total = 0
    for d in digits:
        total = (total + int(d)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalise(scheme: str, value: object) -> str:
    """The value as the scheme writes it: text, with the spaces of an ISNI taken out and its x upper-cased.

    >>> normalise("isni", "0000 0000 0000 000x")
    '000000000000000X'
    >>> normalise("geonames", 99072)
    '99072'
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"a {_title(scheme)} id is a text or a number; got {value!r}")
    text = str(value).strip()
    if scheme == "isni":
        text = re.sub(r"[\s-]", "", text).upper()
    return text


def check_external(scheme: str, value: object) -> str:
    """The IRI of ``value`` in ``scheme``; ``ValueError`` with a message saying the expected form if it is wrong.

    >>> check_external("viaf", "123456789")
    'http://viaf.org/viaf/123456789'
    >>> check_external("lcnaf", "n79021164")
    'http://id.loc.gov/authorities/names/n79021164'
    >>> check_external("isni", "0000000000000002")
    Traceback (most recent call last):
    ...
    ValueError: the ISNI 0000000000000002 fails its check character: expected 0000000000000001
    >>> check_external("dbpedia", "Iran")
    Traceback (most recent call last):
    ...
    ValueError: unknown identifier scheme 'dbpedia': expected one of wikidata, geonames, viaf, isni, lcnaf
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown identifier scheme {scheme!r}: expected one of {', '.join(SCHEMES)}")
    s = SCHEMES[scheme]
    text = normalise(scheme, value)
    if not s.pattern.fullmatch(text):
        raise ValueError(f"a {s.title} id is {s.form}, such as {s.example}; got {value!r}")
    if scheme == "isni":
        check = isni_check_character(text[:15])
        if text[15] != check:
            raise ValueError(f"the ISNI {text} fails its check character: expected {text[:15]}{check}")
    return s.iri(text)


def link_predicate(kind: str) -> str:
    """The predicate linking an entry of this kind to its IRI elsewhere.

    >>> link_predicate("person"), link_predicate("topic")
    ('http://www.w3.org/2002/07/owl#sameAs', 'http://www.w3.org/2004/02/skos/core#exactMatch')
    """
    return SKOS.exactMatch if kind in CONCEPT_KINDS else OWL.sameAs


def scheme_of(iri: str) -> tuple[str, str] | None:
    """The scheme and id of an IRI made by ``check_external``, or None.

    >>> scheme_of("https://sws.geonames.org/99072/")
    ('geonames', '99072')
    >>> scheme_of("https://example.org/x") is None
    True
    """
    for s in SCHEMES.values():
        head, _, tail = s.template.partition("{}")
        if iri.startswith(head) and iri.endswith(tail):
            ident = iri[len(head):len(iri) - len(tail)] if tail else iri[len(head):]
            if s.pattern.fullmatch(ident):
                return s.name, ident
    return None


def _title(scheme: str) -> str:
    return SCHEMES[scheme].title if scheme in SCHEMES else scheme


__all__ = ["CONCEPT_KINDS", "SCHEMES", "Scheme", "check_external", "isni_check_character", "link_predicate",
           "normalise", "scheme_of"]
