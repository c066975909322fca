"""``kg.vocab.compact``: the one IRI compaction, checked against its definition on random IRIs."""

from __future__ import annotations

import random
import string

from kg.vocab import PREFIXES, SAFE_LOCAL, compact


def _by_definition(iri: str, prefixes: dict[str, str]) -> str | None:
    """``prefix:local`` under the longest namespace whose local name is safe (the first such prefix given)."""
    fits = [(p, ns) for p, ns in prefixes.items() if iri.startswith(ns) and SAFE_LOCAL.fullmatch(iri[len(ns):])]
    if not fits:
        return None
    longest = max(len(ns) for _, ns in fits)
    p, ns = next((p, ns) for p, ns in fits if len(ns) == longest)
    return f"{p}:{iri[len(ns):]}"


def test_compact_is_the_longest_namespace_with_a_safe_local_name():
    rnd = random.Random(7)
    letters = string.ascii_letters + string.digits + "_-./#:%é"
    nested = {**PREFIXES, "x": "urn:x:", "xy": "urn:x:y", "a": "http://a/", "ab": "http://a/b/", "again": "http://a/"}
    spaces = [*PREFIXES.values(), "urn:x:", "urn:x:y", "http://a/", "http://a/b/", "urn:other:"]
    for _ in range(30_000):
        iri = rnd.choice(spaces) + "".join(rnd.choice(letters) for _ in range(rnd.randint(0, 8)))
        assert compact(iri, default=None) == _by_definition(iri, PREFIXES), iri
        assert compact(iri, nested, default=None) == _by_definition(iri, nested), iri
        assert compact(iri) == (_by_definition(iri, PREFIXES) or iri)
    assert compact("http://a/b/c", nested) == "ab:c" and compact("http://a/c", nested) == "a:c"
