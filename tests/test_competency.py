"""Competency questions: what an analyst asks of the seed article, in SPARQL written only against the
query surface of the ontology, with the answers written by hand from the article."""

from __future__ import annotations

from datetime import date

import pytest

from kg.vocab import ID_NS, PREFIXES


def ask(graph, query: str, **bindings) -> list[dict]:
    rows = graph.store.query(query, prefixes=PREFIXES)  # the default graph: the merged view, a set
    out = []
    for row in rows:
        out.append({v.value: (row[v].value.removeprefix(ID_NS) if row[v] is not None else None)
                    for v in rows.variables})
    return out


def ids(rows, var):
    return {r[var] for r in rows}


def test_who_met_zarif(seed_graph):
    rows = ask(seed_graph, """SELECT DISTINCT ?other WHERE {
        ?m a dkg:Meeting ; dkg:participant id:mohammad-javad-zarif, ?other .
        FILTER(?other != id:mohammad-javad-zarif) }""")
    assert ids(rows, "other") == {"abdul-latif-rashid", "mohammed-shia-al-sudani", "mahmoud-al-mashhadani",
                                  "mohammed-al-hassan", "ammar-al-hakim", "foreign-affairs-think-tank"}


def test_when_where_and_about_what_zarif_met_rashid(seed_graph):
    rows = ask(seed_graph, """SELECT ?date ?precision ?place ?topic WHERE {
        ?m a dkg:Meeting ; dkg:participant id:mohammad-javad-zarif, id:abdul-latif-rashid ;
           dkg:date ?date ; dkg:datePrecision ?precision ; dkg:location ?place ; dkg:topic ?topic }""")
    assert {(r["date"], r["precision"], r["place"]) for r in rows} == {
        ("2025-02-06", "http://www.w3.org/2006/time#unitDay", "baghdad")}
    assert ids(rows, "topic") == {"bilateral-relations", "iraqi-sovereignty", "iraqi-security", "regional-stability",
                                  "palestinian-issue"}


def test_dates_keep_their_precision(seed_graph):
    rows = ask(seed_graph, """SELECT ?e ?date (DATATYPE(?date) AS ?dt) ?precision ?earliest ?latest ?wording WHERE {
        ?e a dkg:Visit ; dkg:datePrecision ?precision .
        OPTIONAL { ?e dkg:date ?date } OPTIONAL { ?e dkg:earliestDate ?earliest }
        OPTIONAL { ?e dkg:latestDate ?latest } OPTIONAL { ?e dkg:timeExpression ?wording } }""")
    got = {r["e"]: (r["date"], r["dt"].rsplit("#", 1)[-1] if r["dt"] else None, r["precision"].rsplit("#")[-1],
                    r["earliest"], r["latest"], r["wording"]) for r in rows}
    assert got == {
        "zarif-visit-to-iraq-2025-02": ("2025-02-05", "date", "unitDay", "2025-02-05", "2025-02-07",
                                        "arrived in Baghdad on Wednesday night; visited Iraq on Thursday"),
        "al-sudani-visit-to-iran-2025-01": ("2025-01", "gYearMonth", "unitMonth", "2025-01-01", "2025-01-31",
                                            "last month"),
        "al-mashhadani-visit-to-tehran": (None, None, "unknownPrecision", None, "2025-02-07", "recently"),
        "pezeshkian-visit-to-baghdad-2024-09": ("2024-09", "gYearMonth", "unitMonth", "2024-09-01", "2024-09-30",
                                                "September 2024"),
    }


def test_in_which_role(seed_graph):
    rows = ask(seed_graph, """SELECT ?person ?role ?org WHERE {
        ?m a dkg:Meeting ; dkg:participant id:mohammad-javad-zarif, ?person .
        ?person a dkg:Person .
        ?ms org:member ?person ; org:role/rdfs:label ?role ; org:organization/rdfs:label ?org .
        FILTER(?person != id:mohammad-javad-zarif) }""")
    assert {(r["person"], r["role"], r["org"]) for r in rows} == {
        ("abdul-latif-rashid", "President", "Presidency of Iraq"),
        ("mohammed-shia-al-sudani", "Prime Minister", "Government of Iraq"),
        ("mahmoud-al-mashhadani", "Speaker of Parliament", "Iraqi Parliament"),
        ("mohammed-al-hassan", "Head", "United Nations Assistance Mission for Iraq"),
        ("ammar-al-hakim", "Head", "National Wisdom Movement"),
    }


def test_who_held_the_post_of_president_on_a_day(seed_graph):
    rows = ask(seed_graph, """SELECT ?person ?org WHERE {
        ?ms org:role id:president ; org:member ?person ; org:organization ?org ; dkg:attestedOn ?d .
        FILTER(?d = "2025-02-07"^^xsd:date) }""")
    assert {(r["person"], r["org"]) for r in rows} == {("abdul-latif-rashid", "iraqi-presidency"),
                                                        ("masoud-pezeshkian", "government-of-iran")}


def test_persons_named_without_attending_still_have_roles(seed_graph):
    rows = ask(seed_graph, """SELECT ?role WHERE { ?ms org:member id:masoud-pezeshkian ; org:role ?role }""")
    assert ids(rows, "role") == {"president"}


def test_invited_by_whom(seed_graph):
    rows = ask(seed_graph, """SELECT ?visit ?visitor ?host WHERE {
        ?visit a dkg:Visit ; dkg:invitedBy ?host ; dkg:participant ?visitor }""")
    assert rows == [{"visit": "zarif-visit-to-iraq-2025-02", "visitor": "mohammad-javad-zarif",
                     "host": "ammar-al-hakim"}]


def test_meetings_within_the_visit(seed_graph):
    rows = ask(seed_graph, "SELECT ?m WHERE { ?m a dkg:Meeting ; dkg:partOf id:zarif-visit-to-iraq-2025-02 }")
    assert len(rows) == 6


def test_who_visited_whom_before(seed_graph):
    rows = ask(seed_graph, """SELECT ?visitor ?dest ?latest WHERE {
        id:zarif-visit-to-iraq-2025-02 dkg:earliestDate ?start .
        ?v a dkg:Visit ; dkg:participant ?visitor ; dkg:destination ?dest ; dkg:latestDate ?latest .
        FILTER(?latest < ?start) }""")
    assert {(r["visitor"], r["dest"]) for r in rows} == {("mohammed-shia-al-sudani", "iran"),
                                                          ("masoud-pezeshkian", "baghdad")}


def test_visits_to_iraq_include_visits_to_its_cities(seed_graph):
    rows = ask(seed_graph, """SELECT ?visitor WHERE {
        ?v a dkg:Visit ; dkg:participant ?visitor ; dkg:destination ?d . ?d dkg:locatedIn* id:iraq }""")
    assert ids(rows, "visitor") == {"mohammad-javad-zarif", "masoud-pezeshkian"}


def test_what_was_said(seed_graph):
    rows = ask(seed_graph, """SELECT ?claim ?about WHERE {
        ?s a dkg:Statement ; dkg:speaker id:abdul-latif-rashid ; dkg:claim ?claim ; dkg:about ?about }""")
    assert {(r["about"], r["claim"]) for r in rows} == {
        ("iran", "Iraq desires to strengthen ties with Iran and expand bilateral cooperation in areas of mutual "
                 "interest."),
        ("palestine", "Iraq stands unwaveringly in support of the Palestinian people’s right to self-determination."),
    }


def test_which_sentence_of_which_source_says_so(seed_graph):
    rows = ask(seed_graph, """SELECT ?title ?published ?sentence WHERE {
        ?m a dkg:Meeting ; dkg:participant id:ammar-al-hakim ;
           prov:qualifiedDerivation [ prov:entity ?src ; dkg:evidence ?sentence ] .
        ?src dcterms:title ?title ; schema:datePublished ?published }""")
    assert {r["sentence"] for r in rows} == {
        "Zarif arrived in Baghdad on Wednesday night at the invitation of Seyyed Ammar al-Hakim, the head of Iraq’s "
        "National Wisdom Movement.",
        "Shortly after his arrival, he met with Al-Hakim for discussions on regional peace initiatives."}
    assert {(r["title"], r["published"]) for r in rows} == {
        ("Iran pledges support for Iraq’s security, sovereignty", "2025-02-07")}


def test_statements_reported_on_someone_elses_account(seed_graph):
    rows = ask(seed_graph, "SELECT ?s WHERE { ?s dkg:accordingTo id:iraqi-presidency }")
    assert ids(rows, "s") == {"zarif-iran-stands-with-iraq"}


@pytest.mark.parametrize("cls", ["dkg:Event", "dkg:Membership", "dkg:Statement"])
def test_every_fact_has_provenance_and_evidence(seed_graph, cls):
    rows = ask(seed_graph, f"""SELECT ?f WHERE {{ ?f a/rdfs:subClassOf* {cls} .
        FILTER NOT EXISTS {{ ?f prov:wasDerivedFrom ?src . ?src a dkg:SourceDocument .
                            ?f dkg:evidence ?e ; prov:qualifiedDerivation/prov:entity ?src }} }}""")
    assert rows == []


def test_range_query_on_bounds(seed_graph):
    """Events that may have happened in January 2025: only the bounds are compared, never gYearMonth."""
    rows = ask(seed_graph, """SELECT ?e WHERE { ?e dkg:earliestDate ?lo ; dkg:latestDate ?hi .
        FILTER(?lo <= "2025-01-31"^^xsd:date && ?hi >= "2025-01-01"^^xsd:date) }""")
    assert ids(rows, "e") == {"al-sudani-visit-to-iran-2025-01"}
    assert date(2025, 1, 1)  # the window is January 2025
