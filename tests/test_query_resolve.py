"""kg.query.resolve: names -> entities (ids, labels, aliases), ambiguity, suggestions, search."""

from __future__ import annotations

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from kg.errors import QueryError, UnknownEntityError
from kg.query.resolve import AmbiguousNameError, forget, lookup, resolve, search, suggestions
from kg.vocab import DKG, ID_NS, ONTOLOGY_GRAPH, RDF_TYPE, RDFS, SKOS

SUDANI = ID_NS + "mohammed-shia-al-sudani"


def tiny(*entities: tuple[str, str, str, tuple[str, ...]]) -> Store:
    """A store holding (id, class, label, aliases) entities in the registry graph and the merged view."""
    g = DefaultGraph()
    store = Store()
    for ident, cls, label, aliases in entities:
        s = NamedNode(ID_NS + ident)
        store.add(Quad(s, NamedNode(RDF_TYPE), NamedNode(DKG[cls]), g))
        store.add(Quad(s, NamedNode(RDFS.label), Literal(label), g))
        for a in aliases:
            store.add(Quad(s, NamedNode(SKOS.altLabel), Literal(a), g))
    return store


@pytest.mark.parametrize("name", [
    "Sudani", "al-Sudani", "Al Sudani", "Mohammed Shia' Al-Sudani", "Mohammed Shia’ Al-Sudani",
    "mohammed shia al sudani", "  SUDANI ", "Sudání", "mohammed-shia-al-sudani", "id:mohammed-shia-al-sudani",
    SUDANI, f"<{SUDANI}>"])
def test_any_name_of_an_entity(seed_graph, name):
    assert resolve(seed_graph, name, "actor") == SUDANI
    assert resolve(seed_graph.store, name) == SUDANI  # a Store does as well as a KnowledgeGraph


def test_a_match_tells_what_it_found(seed_graph):
    m = lookup(seed_graph, "UNAMI", "organization")
    assert (m.id, m.type, m.label, m.aliases) == ("unami", "dkg:Organization",
                                                   "United Nations Assistance Mission for Iraq", ("UNAMI",))
    assert str(m) == "United Nations Assistance Mission for Iraq (unami, dkg:Organization)"
    event = lookup(seed_graph, "Zarif’s visit to Iraq", "event")
    assert (event.id, event.type) == ("zarif-visit-to-iraq-2025-02", "dkg:Visit")
    assert lookup(seed_graph, "Iran pledges support for Iraq's security, sovereignty", "source").type == \
        "dkg:SourceDocument"


@pytest.mark.parametrize(("name", "kind", "ident"), [
    ("Iraq", "place", "iraq"), ("Iraq", "country", "iraq"), ("Baghdad", "city", "baghdad"),
    ("Speaker", "role", "speaker-of-parliament"), ("Vice President", "role", "vice-president-for-strategic-affairs"),
    ("strategic ties", "topic", "strategic-partnership"), ("Rashid", "person", "abdul-latif-rashid"),
    ("Iraqi presidency", "actor", "iraqi-presidency"),
])
def test_kinds(seed_graph, name, kind, ident):
    assert lookup(seed_graph, name, kind).id == ident


def test_a_name_of_another_kind_is_not_unknown_but_wrong(seed_graph):
    with pytest.raises(QueryError, match=r"'Baghdad' does not name a person or organization: Baghdad \(baghdad\) is "
                                         r"dkg:City") as e:
        resolve(seed_graph, "Baghdad", "actor")
    assert not isinstance(e.value, UnknownEntityError)
    with pytest.raises(QueryError, match="does not name a topic"):
        resolve(seed_graph, "iraq", "topic")  # by id
    with pytest.raises(QueryError, match="unknown kind of entity 'colour'"):
        resolve(seed_graph, "Iraq", "colour")


def test_unknown_names_come_with_suggestions(seed_graph):
    with pytest.raises(UnknownEntityError) as e:
        resolve(seed_graph, "Pezeshkan", "actor")
    assert e.value.suggestions[0] == ("masoud-pezeshkian", "Masoud Pezeshkian")
    assert "did you mean Masoud Pezeshkian (masoud-pezeshkian)" in str(e.value)
    # Suggestions keep to the kind asked for: a topic is not suggested for an actor.
    assert all(i in {"mohammed-al-hassan", "mohammed-shia-al-sudani"}
               for i, _ in suggestions(seed_graph, "Mohammed", "person"))
    with pytest.raises(UnknownEntityError, match="no entity is called 'Xyzzy'$"):
        resolve(seed_graph, "Xyzzy")


def test_the_ontology_is_not_searched_for_names(seed_graph):
    # "Person" and "Meeting" are rdfs:labels of classes in the ontology graph, not names of entities.
    for name in ("Person", "Meeting", "date precision"):
        with pytest.raises(UnknownEntityError):
            resolve(seed_graph, name)
    with pytest.raises(UnknownEntityError):
        resolve(seed_graph, "dkg:Meeting")
    assert ONTOLOGY_GRAPH in seed_graph.graph_names()


def test_an_ambiguous_name_lists_both():
    store = tiny(("ali-hassan-1", "Person", "Ali Hassan", ()), ("ali-hassan-2", "Person", "Ali Hassan", ("Hassan",)),
                 ("hassan-group", "Organization", "Hassan Group", ("Hassan",)))
    with pytest.raises(AmbiguousNameError) as e:
        resolve(store, "ali hassan", "actor")
    assert [c.id for c in e.value.candidates] == ["ali-hassan-1", "ali-hassan-2"]
    assert "'ali hassan' is ambiguous, it names 2 entities: Ali Hassan (ali-hassan-1, dkg:Person); Ali Hassan " \
           "(ali-hassan-2, dkg:Person); use an id" == str(e.value)
    assert isinstance(e.value, QueryError)
    with pytest.raises(AmbiguousNameError):
        resolve(store, "Hassan")  # a person and an organization ...
    assert resolve(store, "Hassan", "person") == ID_NS + "ali-hassan-2"  # ... but only one person
    assert resolve(store, "ali-hassan-1") == ID_NS + "ali-hassan-1"  # an id is never ambiguous


def test_a_label_of_the_right_kind_wins_over_an_id_of_another():
    store = tiny(("head", "Role", "Head", ()), ("ann", "Person", "Ann", ("Head",)))
    assert resolve(store, "head", "person") == ID_NS + "ann"
    assert resolve(store, "head", "role") == ID_NS + "head"
    with pytest.raises(QueryError, match="does not name a place"):
        resolve(store, "ann", "place")


def test_names_are_read_from_the_store_as_it_changes():
    store = tiny(("ann", "Person", "Ann Lee", ()))
    assert resolve(store, "ann lee") == ID_NS + "ann"
    g = DefaultGraph()
    bob = NamedNode(ID_NS + "bob")
    store.add(Quad(bob, NamedNode(RDF_TYPE), NamedNode(DKG.Person), g))
    store.add(Quad(bob, NamedNode(RDFS.label), Literal("Bob Roy"), g))
    assert resolve(store, "Bob Roy") == ID_NS + "bob"  # a miss rebuilds the index once
    store.remove(Quad(NamedNode(ID_NS + "ann"), NamedNode(RDFS.label), Literal("Ann Lee"), g))
    with pytest.raises(UnknownEntityError):
        resolve(store, "ann lee")  # a stale hit is checked against the store
    forget(store)
    assert resolve(store, "Bob Roy") == ID_NS + "bob"


def test_search(seed_graph):
    found = search(seed_graph, "hassan")
    assert found[0].id == "mohammed-al-hassan"  # a name before the facts that mention it
    assert {m.id for m in found} >= {"zarif-meets-al-hassan-2025-02", "al-hassan-briefing-on-unami"}
    assert [m.id for m in search(seed_graph, "hassan", "person")] == ["mohammed-al-hassan"]
    assert search(seed_graph, "Pezeshkain")[0].id == "masoud-pezeshkian"  # a typo
    assert [m.id for m in search(seed_graph, "regional", "topic", limit=3)] == [
        "regional-developments", "regional-dialogue", "regional-peace-initiatives"]
    assert search(seed_graph, "  ") == [] and search(seed_graph, "qqqqqq") == []
    with pytest.raises(QueryError, match="unknown kind"):
        search(seed_graph, "x", "colour")


# -- a unique close match resolves, the same way in kg search and in a named question's parameter -------------

@pytest.mark.parametrize(("name", "expected", "said"), [
    ("mohammed-shia-al-sudani", "mohammed-shia-al-sudani", None),  # its id, label or an alias: nothing to say
    ("Al-Sudani", "mohammed-shia-al-sudani", None),
    ("al sudani", "mohammed-shia-al-sudani",
     "'al sudani' taken as Mohammed Shia' Al-Sudani (id:mohammed-shia-al-sudani)"),
    ("Pezeshkia", "masoud-pezeshkian", "'Pezeshkia' taken as Masoud Pezeshkian (id:masoud-pezeshkian)"),  # a prefix
    ("Zarrif", "mohammad-javad-zarif", "'Zarrif' taken as Mohammad Javad Zarif (id:mohammad-javad-zarif)"),  # fuzzy
])
def test_a_unique_close_match_resolves_and_says_so(seed_graph, name, expected, said):
    from kg.query.resolve import closest, note

    m = lookup(seed_graph, name, "actor", close=True)
    assert (m.id, note(name, m)) == (expected, said)
    if said and name.casefold() != "al sudani":  # not a name of the graph: strict lookup refuses it
        with pytest.raises(UnknownEntityError):
            lookup(seed_graph, name, "actor")
        assert closest(seed_graph, name, "actor") == m
    assert search(seed_graph, name, "actor")[0] == m  # kg search lists it first


def test_several_close_matches_are_ambiguous_and_listed(seed_graph):
    with pytest.raises(AmbiguousNameError) as e:
        lookup(seed_graph, "al", "actor", close=True)
    assert [m.id for m in e.value.candidates] == ["ammar-al-hakim", "mahmoud-al-mashhadani", "mohammed-al-hassan",
                                                  "mohammed-shia-al-sudani"]
    with pytest.raises(UnknownEntityError, match="did you mean Mohammad Javad Zarif"):
        lookup(seed_graph, "Zafir", "actor", close=True)  # too far: a suggestion, not a match


def _kg(capsys, *argv):
    from kg.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.mark.parametrize("name", ["al sudani", "Zarrif", "Pezeshkia", "al"])
def test_kg_search_and_a_named_questions_parameter_take_a_name_the_same_way(capsys, built, name):
    code, out, search_err = _kg(capsys, "search", name, "--type", "actor", "--graph", str(built))
    assert code == 0 and out
    code, out, query_err = _kg(capsys, "query", "meetings-of", "-p", f"actor={name}", "--graph", str(built))
    if name == "al":  # ambiguous: an error listing the candidates, in both
        assert code == 1 and "'al' is ambiguous, it names 4 entities" in query_err
        assert "kg search: as a parameter, 'al' is ambiguous, it names 4 entities" in search_err
        return
    assert code == 0 and out
    taken = query_err.split("kg query: note: actor: ")[1].strip()
    assert taken.startswith(f"{name!r} taken as ") and f"kg search: as a parameter, {taken}" in search_err
    # --show says the same and binds the same entity
    code, shown, show_err = _kg(capsys, "query", "meetings-of", "-p", f"actor={name}", "--graph", str(built), "--show")
    ident = taken.rsplit("(id:", 1)[1].rstrip(")")
    assert code == 0 and f"<{ID_NS}{ident}>" in shown and taken in show_err
