"""The overview read from the store (``kg.viz.large``) is the overview cut from the whole mirror, byte for byte,
and ``graph_html`` writes it without building the mirror of the whole graph."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg.viz
from kg.graph import KnowledgeGraph
from kg.viz import large
from kg.viz.overview import OVERVIEW_NODES, overview
from kg.viz.page import render


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    from kg.generate import generate

    nq = tmp_path_factory.mktemp("large") / "g.nq"
    generate(nq, triples=150_000)
    return nq


def same_view(fast: kg.viz.View, slow: kg.viz.View) -> None:
    for field in ("nodes", "edges", "classes", "sources", "notice", "periods", "options", "focus", "start", "end"):
        assert getattr(fast, field) == getattr(slow, field), field
    assert render(fast) == render(slow)


@pytest.mark.parametrize("top", [1, 3, 8, 40])
def test_the_seed_read_from_the_store_is_the_overview(seed_graph, top: int) -> None:
    # Few actors kept: the details of the chosen ones read memberships, statements and places left out.
    same_view(large.store_overview(seed_graph.store, top=top, max_events=top),
              overview(kg.viz.build_view(seed_graph), seed_graph.nx, top=top, max_events=top))


def test_a_generated_graph_read_from_the_store_is_the_overview(big: Path) -> None:
    g = KnowledgeGraph.load(big)
    assert large.count_shown(g.store) == len(kg.viz.build_view(g).nodes) > OVERVIEW_NODES
    same_view(large.store_overview(g.store), overview(kg.viz.build_view(g), g.nx))


def test_graph_html_does_not_build_the_whole_mirror(big: Path) -> None:
    fresh = KnowledgeGraph.load(big)
    html = kg.viz.graph_html(fresh)
    assert "nx" not in vars(fresh)  # the mirror of the whole graph was not made
    mirrored = KnowledgeGraph.load(big)
    _ = mirrored.nx  # built already: the overview is cut from it, as before
    assert kg.viz.graph_html(mirrored) == html


def test_small_graphs_and_options_keep_the_mirror_path(seed_graph) -> None:
    assert large.count_shown(seed_graph.store) == len(kg.viz.build_view(seed_graph).nodes) < OVERVIEW_NODES
    assert kg.viz.auto_view(seed_graph).notice is None  # everything drawn, no overview
    focused = kg.viz.auto_view(seed_graph, focus="Zarif", depth=1)
    assert focused.focus == "id:mohammad-javad-zarif"


def test_the_page_of_a_corpus_is_written_without_importing_networkx(big: Path) -> None:
    """networkx takes 0.14 s to import, a tenth of an incremental build at 1M quads: the overview needs none."""
    import subprocess
    import sys

    code = ("import sys, kg.viz; from kg.graph import KnowledgeGraph; g = KnowledgeGraph.load(sys.argv[1]); "
            "html = kg.viz.graph_html(g); assert len(html) > 100_000, len(html); "
            "print('networkx' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(big)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False", done.stderr


def test_the_overview_kept_with_its_reads_is_made_again_only_when_its_inputs_change(big: Path, monkeypatch) -> None:
    """``Reads.memo``: after an edit, the short ids, the importance and each kept entity's details are those of
    the build before unless what they are made of changed; the view is the one read afresh either way."""
    from pyoxigraph import Literal, NamedNode, Quad

    from kg.viz import details
    from kg.vocab import RDF_TYPE, expand

    g = KnowledgeGraph.load(big)
    reads = large.Reads(g.store)
    view = large.store_overview(g.store, reads=reads)
    person = NamedNode(next(n["iri"] for n in view.nodes if n["cls"] == "Person"))  # a kept one
    made: list[str] = []
    for name in ("_short_ids", "_weights"):
        real = getattr(large, name)
        monkeypatch.setattr(large, name, lambda *a, _real=real, _name=name: made.append(_name) or _real(*a))
    real_describe = details.describe
    monkeypatch.setattr(details, "describe", lambda ix, n, titles: made.append(n) or real_describe(ix, n, titles))
    new = NamedNode("urn:example:new-person")
    edits = [(Quad(person, NamedNode(expand("schema:description")), Literal("an edit only its details read")),
              [person.value]),
             (Quad(new, NamedNode(RDF_TYPE), NamedNode(expand("dkg:Person"))), ["_short_ids", "_weights"]),
             (Quad(new, NamedNode(expand("dkg:country")), person), ["_weights"])]
    for quad, remade in edits:
        g.store.add(quad)
        objects = {quad.object.value} if isinstance(quad.object, NamedNode) else set()
        reads.refresh(g.store, {quad.subject.value}, objects, set())
        made.clear()
        kept = large.store_overview(g.store, reads=reads)
        assert made == remade, quad
        same_view(kept, large.store_overview(g.store))
