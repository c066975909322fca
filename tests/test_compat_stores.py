"""The same answers in every store: the exports loaded into Oxigraph server, Apache Jena TDB2 and Virtuoso.

Two graphs: the seed, and a generated one (``KG_COMPAT_QUADS`` quads, 100,000 by default) with every irregular
case the generator makes (dates known only to a month or a year, unknown dates, open bounds, events and posts
reported by several sources). Each goes into each store the way the README says, with no setting about the
default graph:

- Oxigraph server (``oxigraph serve`` of the PyPI package): the seed by ``kg push --dataset`` to ``/store``, the
  generated graph by ``oxigraph load`` of the N-Quads export;
- Jena TDB2 (Debian's jars): ``tdb2.tdbloader`` of the N-Quads export, questions run by ``tdb2.tdbquery`` (arq);
- Virtuoso 7.2 (Debian): the seed by ``kg push --dataset`` (Graph Store Protocol), the generated graph by its
  bulk loader (``ld_dir`` / ``rdf_loader_run``); the merged view is its named graph ``graph/merged``.

Every named question, with its required parameters alone, with each optional one and with all of them, must
give exactly the in-process answer: the same variables, the same rows in the same order, compared term by
term. The texts sent are those ``kg query NAME --show`` prints. The engine bugs that shaped the questions are
proved at the end, each by a test that fails the day the engine is fixed.
"""

from __future__ import annotations

import json
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pyoxigraph import QueryResultsFormat, parse_query_results

from kg.cli import main
from kg.export import export
from kg.query.catalog import bind_params, canonical, load_catalog, run_named
from kg.query.sparql import Result
from kg.remote import MERGED_GRAPH, Auth, push_dataset, remote_named
from kg.vocab import ID_NS, PREFIXES
from tests import realtools

pytestmark = pytest.mark.real

COMPAT_QUADS = int(os.environ.get("KG_COMPAT_QUADS", "100000"))
STORES = ("oxigraph", "tdb2", "virtuoso")


# -- the graphs and the questions asked of them ------------------------------------------------------------

_TOP = {  # the busiest value of each kind, so that every question has rows to compare
    "actor": "SELECT ?x (COUNT(*) AS ?n) { ?e a dkg:Meeting ; dkg:participant ?x . ?x a dkg:Person } "
             "GROUP BY ?x ORDER BY DESC(?n) ?x",
    "person": "SELECT ?x (COUNT(*) AS ?n) { ?m org:member ?x } GROUP BY ?x ORDER BY DESC(?n) ?x",
    "place": "SELECT ?x (COUNT(*) AS ?n) { ?e a dkg:Visit ; dkg:destination/dkg:locatedIn ?x } "
             "GROUP BY ?x ORDER BY DESC(?n) ?x",
    "topic": "SELECT ?x (COUNT(*) AS ?n) { ?e dkg:topic ?x } GROUP BY ?x ORDER BY DESC(?n) ?x",
    "role": "SELECT ?x (COUNT(*) AS ?n) { ?m org:role ?x } GROUP BY ?x ORDER BY DESC(?n) ?x",
    "entity": "SELECT ?x (COUNT(DISTINCT ?s) AS ?n) { ?x a dkg:Meeting ; prov:wasDerivedFrom ?s } "
              "GROUP BY ?x ORDER BY DESC(?n) ?x",
    "source": "SELECT ?x (COUNT(*) AS ?n) { ?f prov:wasDerivedFrom ?x . ?x a dkg:SourceDocument } "
              "GROUP BY ?x ORDER BY DESC(?n) ?x",
}
_DATES = {"from": "2015-01-01", "to": "2015-03-31", "on": "2015-06-01"}


def _pick(store, kind: str, name: str) -> str:
    if kind == "date":
        return _DATES.get(name, "2015-06-01")
    if kind == "text":
        return "cooperation"
    query = _TOP["topic" if name == "about" else kind]
    row = next(iter(store.query(query + " LIMIT 1", prefixes=PREFIXES)))
    return row["x"].value.removeprefix(ID_NS)


def generated_cases(store) -> list[tuple[str, dict[str, str]]]:
    """Every named question with its required parameters, then each optional one added, then all of them."""
    out = []
    for name, q in load_catalog(project=None).items():
        required = {p.name: _pick(store, p.type, p.name) for p in q.params if not p.optional}
        optional = {p.name: _pick(store, p.type, p.name) for p in q.params if p.optional}
        variants = [required, *({**required, k: v} for k, v in optional.items())]
        if len(optional) > 1:
            variants.append({**required, **optional})
        out += [(name, v) for v in variants]
    return out


def seed_cases() -> list[tuple[str, dict[str, str]]]:
    """The catalog's own examples, and each question with its optional parameters left out."""
    out = []
    for name, q in load_catalog(project=None).items():
        examples = [dict(e) for e in q.examples] or [{}]
        bare = {k: v for k, v in examples[0].items() if not q.param(k).optional}
        out += [(name, e) for e in examples] + ([(name, bare)] if bare not in examples else [])
    return out


@dataclass
class Dataset:
    name: str
    graph: object
    nquads: Path
    cases: list[tuple[str, dict[str, str]]]
    answers: dict[int, tuple[list[str], list[tuple]]] = field(default_factory=dict)


def rows_of(result) -> tuple[list[str], list[tuple]]:
    """Variables and rows, term by term (N-Triples forms), in the order given."""
    names = result.variables
    return names, [tuple(None if row[n] is None else str(row[n]) for n in names) for row in result.rows]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from kg.generate import generate, load

    path = tmp_path_factory.mktemp("compat-generated") / "generated.nq"
    generate(path, COMPAT_QUADS, seed=0)
    return load(path)


@pytest.fixture(scope="module", params=["seed", "generated"])
def dataset(request, seed_graph, tmp_path_factory) -> Dataset:
    folder = tmp_path_factory.mktemp(f"compat-{request.param}")
    if request.param == "seed":
        graph, cases = seed_graph, seed_cases()
    else:
        graph = request.getfixturevalue("generated")
        cases = generated_cases(graph.store)
    nquads = folder / "all.nq"  # kg export --format nq --with-ontology --with-inferred
    nquads.write_bytes(export(graph, "nq", ontology=True, inferred=True))
    data = Dataset(request.param, graph, nquads, cases)
    for i, (name, params) in enumerate(cases):
        data.answers[i] = rows_of(run_named(graph, name, params))
    return data


def test_the_generated_graph_has_every_irregular_case(generated):
    counts = {}
    for what, query in {
        "month": "SELECT (COUNT(*) AS ?n) { ?e dkg:datePrecision time:unitMonth }",
        "year": "SELECT (COUNT(*) AS ?n) { ?e dkg:datePrecision time:unitYear }",
        "unknown": "SELECT (COUNT(*) AS ?n) { ?e dkg:datePrecision dkg:unknownPrecision }",
        "open-bound": "SELECT (COUNT(*) AS ?n) { ?e dkg:latestDate ?l FILTER NOT EXISTS { ?e dkg:earliestDate ?x } }",
        "shared-event": "SELECT (COUNT(DISTINCT ?e) AS ?n) { VALUES ?c { dkg:Meeting dkg:Visit dkg:Conference } "
                        "?e a ?c ; prov:wasDerivedFrom ?a, ?b FILTER(?a != ?b) }",
        "shared-post": "SELECT (COUNT(DISTINCT ?m) AS ?n) { ?m a dkg:Membership ; prov:wasDerivedFrom ?a, ?b "
                       "FILTER(?a != ?b) }",
    }.items():
        counts[what] = int(next(iter(generated.store.query(query, prefixes=PREFIXES)))["n"].value)
    assert all(n > 0 for n in counts.values()), counts
    assert len(generated.store) >= COMPAT_QUADS
    assert len(generated_cases(generated.store)) > len(load_catalog(project=None))


def test_the_nquads_export_carries_the_merged_view_in_its_default_graph(dataset):
    from pyoxigraph import DefaultGraph, RdfFormat, parse

    quads = list(parse(path=str(dataset.nquads), format=RdfFormat.N_QUADS))
    merged = {q.triple for q in quads if q.graph_name == DefaultGraph()}
    assert merged and merged == set(dataset.graph.triples())  # so a store answers from its default graph
    assert {q.graph_name.value for q in quads if q.graph_name != DefaultGraph()} == set(dataset.graph.graph_names())


# -- the stores ----------------------------------------------------------------------------------------------


class Store:
    """One store holding one dataset, and how to ask it a named question."""

    def __init__(self, name: str, data: Dataset):
        self.name, self.data = name, data
        self.load_seconds = 0.0

    def answer(self, name: str, params: dict[str, str]):
        raise NotImplementedError


class OxigraphStore(Store):
    def __init__(self, data: Dataset):
        super().__init__("oxigraph", data)
        self.server = realtools.OxigraphServer()
        if data.name == "generated":
            self.load_seconds = self.server.load(data.nquads)  # oxigraph load: the bulk path
        self.server.start()
        if data.name == "seed":  # kg push --dataset, as the README says, to the Graph Store URL
            assert main(["push", "--endpoint", self.server.store_url, "--dataset", "--with-ontology",
                         "--with-inferred"]) == 0

    def answer(self, name, params):
        return remote_named(self.server.query_url, name, params, resolver=self.data.graph)

    def close(self):
        self.server.stop()


class Tdb2Store(Store):
    def __init__(self, data: Dataset):
        super().__init__("tdb2", data)
        import queue
        import shutil

        self.dir = tempfile.mkdtemp(prefix="kg-compat-tdb2-")
        self.load_seconds = realtools.tdb2_load(Path(self.dir) / "db", [data.nquads])
        # A TDB2 database is locked by the one process that opens it: a copy for a second query at a time.
        shutil.copytree(Path(self.dir) / "db", Path(self.dir) / "db2")
        self.free: queue.Queue[Path] = queue.Queue()
        for name in ("db", "db2"):
            self.free.put(Path(self.dir) / name)

    def answer(self, name, params):
        q = load_catalog(project=None)[name]
        text = q.complete(bind_params(self.data.graph, q, params))
        location = self.free.get()
        try:
            raw = json.dumps(realtools.tdb2_query(location, text)).encode()
        finally:
            self.free.put(location)
        result = Result.from_engine(parse_query_results(raw, format=QueryResultsFormat.JSON), "SELECT",
                                    frozenset(p.name for p in q.params))
        return canonical(q, result)

    def close(self):
        import shutil

        shutil.rmtree(self.dir, ignore_errors=True)


class VirtuosoStore(Store):
    def __init__(self, data: Dataset):
        super().__init__("virtuoso", data)
        self.server = realtools.VirtuosoServer()
        self.server.start()
        if data.name == "seed":  # kg push --dataset: the merged view goes to graph/merged
            reports = push_dataset(data.graph, self.server.crud_url, ontology=True, inferred=True,
                                   auth=Auth(self.server.user, self.server.password))
            assert reports[0].graph == MERGED_GRAPH and all(r.remote_count == r.triples for r in reports)
        else:  # the bulk loader: N-Quads keep their graphs, the default graph's quads go to graph/merged
            self.load_seconds = realtools.virtuoso_bulk_load(self.server, data.nquads, MERGED_GRAPH)

    def answer(self, name, params):
        return remote_named(self.server.sparql_url, name, params, resolver=self.data.graph)

    def close(self):
        self.server.stop()


_KINDS = {"oxigraph": (OxigraphStore, realtools.oxigraph_path, "the oxigraph command (pip install oxigraph)"),
          "tdb2": (Tdb2Store, realtools.jena_classpath, "Apache Jena (libapache-jena-java, default-jre-headless)"),
          "virtuoso": (VirtuosoStore, lambda: realtools.virtuoso_available()[0], "Virtuoso (virtuoso-opensource)")}


@pytest.fixture(scope="module", params=STORES)
def store(request, dataset):
    kind, available, what = _KINDS[request.param]
    realtools.require(request.param, bool(available()), f"{what} is not installed")
    s = kind(dataset)
    try:
        yield s
    finally:
        s.close()


def test_every_named_question_gives_the_in_process_answer(store):
    data = store.data

    def ask(i: int):
        name, params = data.cases[i]
        return i, rows_of(store.answer(name, params))

    workers = 2 if store.name == "tdb2" else 1  # one JVM per query: two at a time on two cores
    with ThreadPoolExecutor(workers) as pool:
        got = dict(pool.map(ask, range(len(data.cases))))
    differences = []
    for i, (name, params) in enumerate(data.cases):
        (v_here, here), (v_there, there) = data.answers[i], got[i]
        if v_here != v_there or here != there:
            first = next((a, b) for a, b in zip([*there, None], [*here, None], strict=False) if a != b)
            differences.append(f"{name} {params}: {len(there)} rows there, {len(here)} here; first differing "
                               f"(there, here): {first}; variables {v_there} / {v_here}")
    assert not differences, f"{store.name} on the {data.name} graph:\n" + "\n".join(differences)
    assert sum(len(rows) for _, rows in data.answers.values()) > len(data.cases)  # the questions found rows
