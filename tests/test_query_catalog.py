"""The named questions of ontology/queries, on the seed data, against answers written by hand from
data/sources/2025-02-07-zarif-visits-iraq.txt and data/facts/zarif-visits-iraq-2025-02-07.yaml.

Sets of ids are compared, not row order, except where a question says ORDER BY.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.errors import QueryError, UnknownEntityError
from kg.query.catalog import PARAM_TYPES, bind_params, get_named, load_catalog, parse_named, run_named
from kg.query.resolve import KINDS
from kg.vocab import DKG, ID_NS, ORG, RDF_TYPE, RDFS, REGISTRY_GRAPH, XSD
from tests.helpers import built_store

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "zarif-visits-iraq-2025-02-07"
ZARIF_MEETINGS = {"zarif-meets-al-hakim-2025-02", "zarif-meets-al-hassan-2025-02",
                  "zarif-meets-foreign-affairs-think-tank-2025-02", "zarif-meets-al-mashhadani-2025-02-06",
                  "zarif-meets-al-sudani-2025-02-06", "zarif-meets-rashid-2025-02-06"}


def ids(rows, column: str) -> set[str]:
    return {r[column][len(ID_NS):] for r in rows}


def ask(graph, name: str, **params) -> list[dict]:
    return run_named(graph, name, params).to_python()


# -- the catalog ----------------------------------------------------------------------------------------


#: Questions about what only several sources or a richer registry have (conflicts, identifiers elsewhere): their
#: examples answer on the seed plus the invented follow-up reports (tests/fixtures/many-sources).
MANY_SOURCES_ONLY = {"disagreements", "external-ids"}


def test_every_named_question_is_documented_and_its_examples_answer(seed_graph, tmp_path):
    import kg
    from tests.many_sources import many_sources

    catalog = load_catalog()
    assert len(catalog) >= 17
    richer = kg.build(many_sources(tmp_path), shacl=False)
    for name, q in catalog.items():
        assert q.title and q.description and q.examples, name
        for p in q.params:
            assert p.type in PARAM_TYPES and p.description, (name, p.name)
        for example in q.examples:
            result = run_named(seed_graph, q, dict(example))
            if name in MANY_SOURCES_ONLY:
                assert len(result) == 0, name  # the seed has none: take it out of MANY_SOURCES_ONLY
                result = run_named(richer, q, dict(example))
            assert len(result) > 0, (name, example)
            assert not set(result.variables) & {p.name for p in q.params}  # bound parameters are hidden


def test_the_portable_text_gives_the_same_answers(seed_graph):
    from kg.query.portable import bind_values
    from kg.query.sparql import run, tokens

    for name, q in load_catalog().items():
        assert not any(k == "name" and t.upper() == "LATERAL" for k, t, _ in tokens(q.portable))
        assert len(q.portable) == len(q.text)
        for example in q.examples:
            bound = bind_params(seed_graph, q, dict(example))
            hidden = frozenset(p.name for p in q.params)
            # The body as it is, its parameters bound by one VALUES row in the WHERE group (Oxigraph's own
            # substitutions bind through the projection, after the FILTERs that test them with BOUND).
            absent = [p.name for p in q.params if p.name not in bound]
            text = bind_values(q.portable, bound, absent)
            portable = run(seed_graph, text, hide=hidden).to_python()
            assert _unordered(portable) == _unordered(run_named(seed_graph, q, dict(example)).to_python()), name


def _unordered(rows: list[dict]) -> list:
    """Rows whose GROUP_CONCAT lists are sorted: SPARQL leaves the order inside a group open."""
    def norm(v):
        return "; ".join(sorted(v.split("; "))) if isinstance(v, str) else v
    return [{k: norm(v) for k, v in r.items()} for r in rows]


def test_the_questions_the_issue_asks_for_are_there():
    assert {"meetings-of", "met-between", "meetings-about", "roles-of", "role-holders", "visits-to", "invitations",
            "statements-by", "statements-about", "evidence", "imprecise-dates", "reported-by"} <= set(load_catalog())
    assert set(KINDS) <= set(PARAM_TYPES) and {"date", "text"} <= set(PARAM_TYPES)


def test_unknown_question_suggests_names():
    with pytest.raises(QueryError, match=r"no named question 'meeting-of'; did you mean meetings-of or"):
        get_named("meeting-of")


def test_parameters_are_checked(seed_graph):
    with pytest.raises(QueryError, match=r"meetings-of needs the parameter actor.*usage: meetings-of actor=ACTOR"):
        run_named(seed_graph, "meetings-of")
    with pytest.raises(QueryError, match=r"meetings-of has no parameter 'who' \(its parameters: actor, from, to\)"):
        run_named(seed_graph, "meetings-of", {"who": "zarif"})
    with pytest.raises(QueryError, match="parameter from: expected a date such as 2025-02-07, got '2025-02'"):
        run_named(seed_graph, "meetings-of", {"actor": "zarif", "from": "2025-02"})
    with pytest.raises(UnknownEntityError, match="did you mean Mohammad Javad Zarif"):
        run_named(seed_graph, "meetings-of", {"actor": "Zafir"})  # too far to be taken as Zarif
    with pytest.raises(QueryError, match="does not name a person or organization"):
        run_named(seed_graph, "meetings-of", {"actor": "Baghdad"})


# -- meetings -------------------------------------------------------------------------------------------


def test_meetings_of_zarif(seed_graph):
    rows = ask(seed_graph, "meetings-of", actor="Zarif")
    assert ids(rows, "meeting") == ZARIF_MEETINGS
    assert ids(rows, "counterpart") == {"ammar-al-hakim", "mohammed-al-hassan", "foreign-affairs-think-tank",
                                        "mahmoud-al-mashhadani", "mohammed-shia-al-sudani", "abdul-latif-rashid"}
    by = {r["counterpart"][len(ID_NS):]: r for r in rows}
    assert by["abdul-latif-rashid"]["roles"] == "President, Presidency of Iraq"
    assert by["abdul-latif-rashid"]["date"] == date(2025, 2, 6) and by["abdul-latif-rashid"]["place"] == "Baghdad"
    assert set(by["abdul-latif-rashid"]["topics"].split("; ")) == {
        "Bilateral relations", "Iraq’s sovereignty and independence", "Iraq’s security", "Regional stability",
        "Palestinian issue"}
    assert by["mohammed-al-hassan"]["place"] == "Iraq" and by["mohammed-al-hassan"]["date"] is None
    assert by["ammar-al-hakim"]["topics"] == "Regional peace initiatives"
    assert not by["foreign-affairs-think-tank"]["roles"]  # no post known


@pytest.mark.parametrize("name", ["al-Sudani", "Sudani", "Mohammed Shia' Al-Sudani", "mohammed shia al sudani",
                                  "SUDÁNÍ", "mohammed-shia-al-sudani", "id:mohammed-shia-al-sudani"])
def test_meetings_of_accepts_any_name(seed_graph, name):
    rows = ask(seed_graph, "meetings-of", actor=name)
    assert [(r["meeting"], r["counterpart"]) for r in rows] == [
        (ID_NS + "zarif-meets-al-sudani-2025-02-06", ID_NS + "mohammad-javad-zarif")]
    assert rows[0]["roles"] == "Vice President for Strategic Affairs, Government of Iran"


def test_meetings_of_in_a_period(seed_graph):
    def meetings(**window):
        return ids(ask(seed_graph, "meetings-of", actor="zarif", **window), "meeting")

    assert meetings(**{"from": "2025-02-06", "to": "2025-02-06"}) == ZARIF_MEETINGS  # every one may be that day
    assert meetings(**{"from": "2025-02-07"}) == {"zarif-meets-al-hassan-2025-02",
                                                  "zarif-meets-foreign-affairs-think-tank-2025-02"}
    assert meetings(to="2025-02-05") == {"zarif-meets-al-hakim-2025-02", "zarif-meets-al-hassan-2025-02",
                                         "zarif-meets-foreign-affairs-think-tank-2025-02"}
    assert meetings(**{"from": "2025-03-01"}) == set()
    assert meetings(**{"from": ""}) == ZARIF_MEETINGS  # an empty optional value is left unbound


def test_meetings_of_someone_who_met_nobody(seed_graph):
    assert ask(seed_graph, "meetings-of", actor="Pezeshkian") == []
    assert ids(ask(seed_graph, "meetings-of", actor="Iraq’s Foreign Affairs Think Tank"), "counterpart") == {
        "mohammad-javad-zarif"}


def test_who_met_whom_between_two_days(seed_graph):
    rows = ask(seed_graph, "met-between", **{"from": date(2025, 2, 6), "to": date(2025, 2, 6)})
    pairs = {(r["a"][len(ID_NS):], r["b"][len(ID_NS):]): r["certain"] for r in rows}
    assert pairs == {("abdul-latif-rashid", "mohammad-javad-zarif"): True,
                     ("mahmoud-al-mashhadani", "mohammad-javad-zarif"): True,
                     ("mohammad-javad-zarif", "mohammed-shia-al-sudani"): True,
                     ("ammar-al-hakim", "mohammad-javad-zarif"): False,           # Wednesday night or Thursday
                     ("mohammad-javad-zarif", "mohammed-al-hassan"): False,       # during the visit
                     ("foreign-affairs-think-tank", "mohammad-javad-zarif"): False}
    assert [r["earliest"] for r in rows] == sorted(r["earliest"] for r in rows)  # ORDER BY ?earliest
    assert ask(seed_graph, "met-between", **{"from": "2025-01-01", "to": "2025-01-31"}) == []  # a visit, no meeting
    assert ask(seed_graph, "met-between", **{"from": "2025-02-07", "to": "2025-02-01"}) == []


def test_meetings_about_a_topic_and_its_narrower_topics(seed_graph):
    rows = ask(seed_graph, "meetings-about", topic="regional stability")
    assert ids(rows, "event") == {"zarif-visit-to-iraq-2025-02", "zarif-meets-rashid-2025-02-06",
                                  "zarif-meets-al-sudani-2025-02-06", "zarif-meets-al-hakim-2025-02",
                                  "al-sudani-visit-to-iran-2025-01", "al-mashhadani-visit-to-tehran"}
    by = {r["event"][len(ID_NS):]: r for r in rows}
    assert by["al-mashhadani-visit-to-tehran"]["matched"] == "Border security"
    assert by["al-mashhadani-visit-to-tehran"]["kind"] == "visit"
    assert set(by["zarif-meets-al-hakim-2025-02"]["participants"].split("; ")) == {"Ammar al-Hakim",
                                                                                   "Mohammad Javad Zarif"}
    assert ids(ask(seed_graph, "meetings-about", topic="situation in Palestine"), "event") == {
        "zarif-meets-rashid-2025-02-06", "zarif-meets-al-hassan-2025-02"}
    assert ids(ask(seed_graph, "meetings-about", topic="Muslim world"), "event") == {
        "ahl-al-bayt-conference-2025", "zarif-meets-foreign-affairs-think-tank-2025-02"}
    assert ids(ask(seed_graph, "meetings-about", topic="trade"), "event") == {"al-mashhadani-visit-to-tehran"}


# -- roles ----------------------------------------------------------------------------------------------


def test_roles_of(seed_graph):
    rows = ask(seed_graph, "roles-of", person="Zarif")
    assert [(r["role"], r["organization"], r["start"], r["first_attested"], r["last_attested"]) for r in rows] == [
        ("Vice President for Strategic Affairs", "Government of Iran", None, date(2025, 2, 7), date(2025, 2, 7))]
    assert [(r["role"], r["organization"]) for r in ask(seed_graph, "roles-of", person="Seyyed Ammar al-Hakim")] == [
        ("Head", "National Wisdom Movement")]
    with pytest.raises(QueryError, match="does not name a person"):
        ask(seed_graph, "roles-of", person="UNAMI")


@pytest.mark.parametrize(("role", "holders"), [
    ("President", {"abdul-latif-rashid", "masoud-pezeshkian"}),
    ("Prime Minister", {"mohammed-shia-al-sudani"}),
    ("Parliament Speaker", {"mahmoud-al-mashhadani"}),
    ("Head of Mission", {"mohammed-al-hassan", "ammar-al-hakim"}),
])
def test_who_held_a_role_on_the_day_the_article_attests(seed_graph, role, holders):
    assert ids(ask(seed_graph, "role-holders", role=role, on="2025-02-07"), "person") == holders


def test_a_post_is_not_held_outside_what_the_sources_attest(seed_graph):
    assert ask(seed_graph, "role-holders", role="President", on="2025-02-06") == []


def _store_with_membership(start: Literal | None, end: Literal | None) -> Store:
    g = NamedNode(REGISTRY_GRAPH)
    role, person, org, m = (NamedNode(ID_NS + x) for x in ("chair", "ann", "club", "m1"))
    quads = [Quad(role, NamedNode(RDF_TYPE), NamedNode(DKG.Role), g),
             Quad(role, NamedNode(RDFS.label), Literal("Chair"), g),
             Quad(m, NamedNode(RDF_TYPE), NamedNode(DKG.Membership), g), Quad(m, NamedNode(ORG.role), role, g),
             Quad(m, NamedNode(ORG.member), person, g), Quad(m, NamedNode(ORG.organization), org, g),
             Quad(m, NamedNode(DKG.attestedOn), Literal("2025-02-07", datatype=NamedNode(XSD.date)), g)]
    for prop, value in ((DKG.startDate, start), (DKG.endDate, end)):
        if value is not None:
            quads.append(Quad(m, NamedNode(prop), value, g))
    return built_store(quads)


@pytest.mark.parametrize(("on", "held"), [("2024-08-31", False), ("2024-09-01", True), ("2024-09-30", True),
                                          ("2025-02-07", True), ("2025-02-08", False)])
def test_role_holders_compare_a_month_at_its_precision(on, held):
    store = _store_with_membership(Literal("2024-09", datatype=NamedNode(XSD.gYearMonth)), None)
    assert bool(ask(store, "role-holders", role="chair", on=on)) is held


@pytest.mark.parametrize(("on", "held"), [("2025-12-31", True), ("2026-01-01", False), ("2023-12-31", False)])
def test_role_holders_compare_a_year_at_its_precision(on, held):
    store = _store_with_membership(Literal("2024", datatype=NamedNode(XSD.gYear)),
                                   Literal("2025", datatype=NamedNode(XSD.gYear)))
    assert bool(ask(store, "role-holders", role="Chair", on=on)) is held


# -- visits and invitations -----------------------------------------------------------------------------


@pytest.mark.parametrize(("place", "visits"), [
    ("Iraq", {"zarif-visit-to-iraq-2025-02", "pezeshkian-visit-to-baghdad-2024-09"}),   # Baghdad is in Iraq
    ("Baghdad", {"zarif-visit-to-iraq-2025-02", "pezeshkian-visit-to-baghdad-2024-09"}),  # Zarif arrived there
    ("Iran", {"al-sudani-visit-to-iran-2025-01", "al-mashhadani-visit-to-tehran"}),
    ("tehran", {"al-mashhadani-visit-to-tehran"}),
    ("Palestine", set()),
])
def test_visits_to_a_place(seed_graph, place, visits):
    assert ids(ask(seed_graph, "visits-to", place=place), "visit") == visits


def test_visits_list_visitor_and_date(seed_graph):
    rows = ask(seed_graph, "visits-to", place="Iran")
    by = {r["visit"][len(ID_NS):]: r for r in rows}
    assert by["al-sudani-visit-to-iran-2025-01"]["visitor"] == ID_NS + "mohammed-shia-al-sudani"
    assert str(by["al-sudani-visit-to-iran-2025-01"]["date"]) == "2025-01"
    assert by["al-mashhadani-visit-to-tehran"]["date"] is None
    assert set(by["al-mashhadani-visit-to-tehran"]["topics"].split("; ")) == {
        "Border security", "Regional developments", "Trade"}


def test_invitations(seed_graph):
    expected = [{"event": ID_NS + "zarif-visit-to-iraq-2025-02", "guest": ID_NS + "mohammad-javad-zarif",
                 "host": ID_NS + "ammar-al-hakim", "date": date(2025, 2, 5), "place": "Baghdad"}]
    assert ask(seed_graph, "invitations") == expected
    assert ask(seed_graph, "invitations", actor="Zarif") == expected
    assert ask(seed_graph, "invitations", actor="Hakim") == expected
    assert ask(seed_graph, "invitations", actor="Pezeshkian") == []


# -- statements -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("actor", "statements"), [
    ("Zarif", {"zarif-iran-stands-with-iraq", "zarif-support-for-iraqi-sovereignty", "zarif-role-in-regional-stability",
               "zarif-al-sudani-deepen-cooperation", "zarif-al-sudani-accelerate-agreements",
               "zarif-al-sudani-continuous-dialogue", "zarif-regional-initiatives-and-un-support",
               "zarif-cooperation-with-unami", "zarif-regional-dialogue"}),
    ("President Rashid", {"rashid-strengthen-ties-with-iran", "rashid-palestinian-self-determination"}),
    ("Al-Sudani", {"zarif-al-sudani-deepen-cooperation", "zarif-al-sudani-accelerate-agreements",
                   "zarif-al-sudani-continuous-dialogue"}),
    ("Mashhadani", {"al-mashhadani-diplomatic-exchanges", "al-mashhadani-productive-discussions"}),
    ("Al-Hassan", {"al-hassan-briefing-on-unami"}),
    ("Pezeshkian", set()),
])
def test_statements_by(seed_graph, actor, statements):
    assert ids(ask(seed_graph, "statements-by", actor=actor), "statement") == statements


def test_statements_by_give_the_event_and_who_reported_it(seed_graph):
    by = {r["statement"][len(ID_NS):]: r for r in ask(seed_graph, "statements-by", actor="zarif")}
    assert by["zarif-iran-stands-with-iraq"]["according_to"] == "Presidency of Iraq"
    assert by["zarif-iran-stands-with-iraq"]["event"] == ID_NS + "zarif-meets-rashid-2025-02-06"
    assert by["zarif-iran-stands-with-iraq"]["date"] == date(2025, 2, 6)
    assert by["zarif-role-in-regional-stability"]["about"] in ("Iran; Iraq", "Iraq; Iran")


@pytest.mark.parametrize(("about", "statements"), [
    ("Iraq", {"zarif-iran-stands-with-iraq", "zarif-support-for-iraqi-sovereignty", "zarif-role-in-regional-stability",
              "zarif-al-sudani-deepen-cooperation", "zarif-al-sudani-accelerate-agreements",
              "al-mashhadani-diplomatic-exchanges", "zarif-regional-initiatives-and-un-support",
              "zarif-regional-dialogue"}),
    ("Palestine", {"rashid-palestinian-self-determination"}),
    ("UNAMI", {"al-hassan-briefing-on-unami", "zarif-cooperation-with-unami"}),
    ("al-mashhadani-visit-to-tehran", {"al-mashhadani-productive-discussions"}),
    ("Regional stability", {"zarif-role-in-regional-stability", "zarif-al-sudani-continuous-dialogue",
                            "zarif-regional-initiatives-and-un-support", "zarif-regional-dialogue"}),
    ("Pezeshkian", set()),
])
def test_statements_about(seed_graph, about, statements):
    assert ids(ask(seed_graph, "statements-about", about=about), "statement") == statements


def test_claims_containing_text(seed_graph):
    assert ids(ask(seed_graph, "claims-containing", text="TEHRAN"), "statement") == {
        "zarif-support-for-iraqi-sovereignty", "al-mashhadani-diplomatic-exchanges"}
    assert ids(ask(seed_graph, "claims-containing", text="Iraq’s"), "statement") == {
        "zarif-support-for-iraqi-sovereignty", "zarif-regional-initiatives-and-un-support"}


@pytest.mark.parametrize("value", ['"} UNION { ?s ?p ?o } #', "') } #", "}", "#", '\\"', "sovereignty\" ) } #",
                                   "?statement", "$text", "<urn:x>"])
def test_a_text_parameter_is_data(seed_graph, value):
    assert ask(seed_graph, "claims-containing", text=value) == []


@pytest.mark.parametrize("value", ['zarif" } UNION { ?s ?p ?o } #', "<urn:x> } #", "?actor", "id:zarif> } #"])
def test_a_name_parameter_is_looked_up_never_pasted(seed_graph, value):
    with pytest.raises(UnknownEntityError):
        ask(seed_graph, "meetings-of", actor=value)


@pytest.mark.parametrize("value", ["zarif }", "# zarif", '"Zarif"', "{Zarif}"])
def test_punctuation_around_a_name_is_ignored_by_the_lookup(seed_graph, value):
    assert ids(ask(seed_graph, "meetings-of", actor=value), "meeting") == ZARIF_MEETINGS


# -- provenance -----------------------------------------------------------------------------------------


def test_evidence_of_a_meeting(seed_graph):
    rows = ask(seed_graph, "evidence", fact="zarif-meets-rashid-2025-02-06")
    assert {r["source"] for r in rows} == {ID_NS + SOURCE}
    assert {r["published"] for r in rows} == {date(2025, 2, 7)}
    assert {r["evidence"] for r in rows} == {
        "Zarif met with Iraqi President Abdul Latif Rashid, Prime Minister Mohammed Shia' Al-Sudani, and Parliament "
        "Speaker Mahmoud al-Mashhadani, emphasizing Tehran’s commitment to defending Iraq’s national interests "
        "against external threats.",
        "Zarif reaffirmed Tehran’s commitment to supporting Iraq’s security, sovereignty, and independence during "
        "a series of high-profile meetings in Baghdad on Thursday.",
        "Zarif made these remarks while meeting with Iraqi President Abdul Latif Rashid, emphasizing the crucial "
        "role both nations play in maintaining regional stability.",
        "Beyond bilateral relations, the two officials also discussed key regional issues, including the ongoing "
        "situation in Palestine."}
    assert [r["evidence"] for r in rows] == sorted(r["evidence"] for r in rows)  # ORDER BY ?source ?evidence


def test_evidence_of_a_membership_a_statement_and_an_entity(seed_graph):
    membership = ask(seed_graph, "evidence", fact="Abdul Latif Rashid, President, Presidency of Iraq")
    assert [r["evidence"][:40] for r in membership] == ["Zarif met with Iraqi President Abdul Lat"]
    statement = ask(seed_graph, "evidence", fact="rashid-palestinian-self-determination")
    assert [r["evidence"] for r in statement] == [
        "President Rashid reiterated Iraq’s unwavering stance in support of the Palestinian people’s right to "
        "self-determination."]
    assert [(r["source"], r["evidence"]) for r in ask(seed_graph, "evidence", fact="Baghdad")] == [
        (ID_NS + SOURCE, None)]
    assert [(r["source"], r["evidence"]) for r in ask(seed_graph, "evidence", fact="United Nations")] == [
        (ID_NS + SOURCE, None)]  # mentioned ("UN support"), with no evidence sentence of its own
    assert ask(seed_graph, "evidence", fact="Government of Iraq") != []


def test_imprecise_dates(seed_graph):
    rows = ask(seed_graph, "imprecise-dates")
    assert {r["event"][len(ID_NS):]: r["precision"] for r in rows} == {
        "pezeshkian-visit-to-baghdad-2024-09": "month", "al-sudani-visit-to-iran-2025-01": "month",
        "al-mashhadani-visit-to-tehran": "unknown", "ahl-al-bayt-conference-2025": "unknown",
        "zarif-meets-al-hakim-2025-02": "unknown", "zarif-meets-al-hassan-2025-02": "unknown",
        "zarif-meets-foreign-affairs-think-tank-2025-02": "unknown"}
    tehran = next(r for r in rows if r["event"].endswith("al-mashhadani-visit-to-tehran"))
    assert (tehran["date"], tehran["earliest"], tehran["latest"], tehran["wording"]) == (
        None, None, date(2025, 2, 7), "recently")


@pytest.mark.parametrize("source", [SOURCE, "Iran pledges support for Iraq's security, sovereignty"])
def test_everything_a_source_reports(seed_graph, source):
    rows = ask(seed_graph, "reported-by", source=source)
    kinds = {}
    for r in rows:
        kinds.setdefault(r["kind"], set()).add(r["fact"][len(ID_NS):])
    assert {k: len(v) for k, v in kinds.items()} == {"meeting": 6, "visit": 4, "conference": 1, "membership": 7,
                                                     "statement": 14}
    assert kinds["meeting"] == ZARIF_MEETINGS
    assert len(rows) == 32 == seed_graph.summary().sources[0]["facts"]


def test_a_source_must_be_a_source(seed_graph):
    with pytest.raises(QueryError, match="does not name a source document"):
        ask(seed_graph, "reported-by", source="Zarif")


# -- the header -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "message"), [
    ("SELECT * { ?s ?p ?o }", "needs a '# title: ...' line"),
    ("# title: t\n# param: x\nSELECT ?x { ?x ?p ?o }", "a parameter is NAME TYPE"),
    ("# title: t\n# param: x colour\nSELECT ?x { ?x ?p ?o }", "unknown parameter type 'colour'"),
    ("# title: t\n# param: x text\nSELECT ?y { ?y ?p ?o }", r"declared but \?x is not in the query"),
    ("# title: t\n# param: x text\nSELECT ?y { ?y ?p ?x }", r"parameter \?x must be in the SELECT clause"),
    ("# title: t\n# param: x text\n# param: x date\nSELECT * { ?x ?p ?o }", "declared twice"),
    ("# title: t\nPREFIX a: <urn:a>", "no SELECT, ASK, CONSTRUCT or DESCRIBE"),
    ("# title: t\n# example: x\nASK {}", "an example is NAME=VALUE pairs"),
])
def test_a_bad_header_is_refused(text, message):
    with pytest.raises(QueryError, match=message):
        parse_named(text, "t", "q.rq")


def test_integer_and_text_parameters(seed_graph):
    q = parse_named('# title: Topics\n# param: n integer "how many"\n# param: word text optional "a word"\n'
                    "SELECT ?t ?n ?word WHERE { ?t a dkg:Topic ; rdfs:label ?l "
                    "FILTER(COALESCE(CONTAINS(LCASE(?l), ?word), true)) } ORDER BY ?t LIMIT 3", "topics")
    assert len(run_named(seed_graph, q, {"n": "2"})) == 3
    assert run_named(seed_graph, q, {"n": 2, "word": "trade"}).values("t") == [ID_NS + "trade"]
    with pytest.raises(QueryError, match="parameter n: expected a whole number, got 'two'"):
        run_named(seed_graph, q, {"n": "two"})


def test_header_fields_and_a_catalog_of_ones_own(tmp_path):
    (tmp_path / "near.rq").write_text(
        "# title: Places near\n# description: Places\n#   in a country.\n"
        '# param: country country "the country"\n# example: country=iraq\n'
        "SELECT ?city ?country WHERE { ?city dkg:locatedIn ?country }\n", encoding="utf-8")
    q = load_catalog(tmp_path)["near"]
    assert (q.title, q.description, q.usage()) == ("Places near", "Places in a country.", "near country=COUNTRY")
    assert q.examples == ((("country", "iraq"),),)
    with pytest.raises(QueryError, match="no folder of named questions"):
        load_catalog(tmp_path / "missing")


def test_the_catalog_follows_the_ontology_folder(monkeypatch, tmp_path):
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "one.rq").write_text("# title: One\nASK {}\n", encoding="utf-8")
    monkeypatch.setenv("KG_ONTOLOGY_DIR", str(tmp_path))
    assert list(load_catalog()) == ["one"]
    assert str(ROOT / "ontology" / "queries") not in str(get_named("one").path)


def test_a_question_is_read_when_asked_for_and_a_broken_one_names_its_file(tmp_path):
    (tmp_path / "good.rq").write_text("# title: Good\nASK {}\n", encoding="utf-8")
    (tmp_path / "broken.rq").write_text("SELECT ?x WHERE { ?x ?p ?o }\n", encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert sorted(catalog) == ["broken", "good"] and "broken" in catalog
    assert catalog["good"].title == "Good"  # the broken file does not stop another question
    with pytest.raises(QueryError, match=r"broken\.rq:1: the header needs a '# title: \.\.\.' line"):
        catalog["broken"]
    with pytest.raises(QueryError, match=r"broken\.rq"):  # listing them all reads them all
        dict(catalog.items())
    (tmp_path / "good.rq").write_text("# title: Better\nASK {}\n", encoding="utf-8")
    import time

    time.sleep(1.05)  # the folder is looked at no more than once a second
    assert load_catalog(tmp_path)["good"].title == "Better"  # an edited file is read again
