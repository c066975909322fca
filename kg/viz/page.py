"""The HTML page: one self-contained file that opens anywhere, offline.

Everything is inline: vis-network (its script and stylesheet read from the *installed* pyvis package when
the page is written; nothing third-party is copied into this repository), the page's own style and script
(``template.html``, ``app.js``), and the data. The data goes in only as JSON inside
``<script type="application/json">``, with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, and the script
shows it through ``textContent`` and plain-text tooltips. A Content-Security-Policy allows only the page's
own two scripts (by hash) and no request to any host.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("urn:x", label="</script><img src=x onerror=alert(1)>", type="dkg:Person", aliases=[])
>>> html = page(G)
>>> "<img" in html, "\\\\u003c/script\\\\u003e\\\\u003cimg" in html
(False, True)
>>> html == page(G)                   # deterministic: the same graph gives the same bytes
True
"""

from __future__ import annotations

import functools
import html as _html
import importlib.util
import json
import re
from collections.abc import Iterable
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import OutputError
from kg.html import HEAD, fill, script_hash
from kg.viz.view import View, build_view

if TYPE_CHECKING:
    import networkx as nx

    from kg.graph import KnowledgeGraph

#: The vis-network build shipped inside pyvis 0.3.2.
VIS_DIR = ("templates", "lib", "vis-9.1.2")
DEFAULT_TITLE = "diplomatic-kg"


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>``, ``&`` or line separators.

    >>> script_json({"a": "</script> & \\u2028"})
    '{"a":"\\\\u003c/script\\\\u003e \\\\u0026 \\\\u2028"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates cannot be written as UTF-8: escape everything instead
        text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text


def _inline_script(code: str) -> str:
    # "</script" or "<!--" inside an inline script would end or confuse it; "<\/" means the same in JS.
    return re.sub(r"<(/script|!--)", lambda m: "<\\" + m.group(1), code, flags=re.IGNORECASE)


@functools.cache
def vis_assets() -> tuple[str, str]:
    """The vis-network script and stylesheet of the installed pyvis package (found without importing it)."""
    spec = importlib.util.find_spec("pyvis")
    for location in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(location).joinpath(*VIS_DIR)
        js, css = folder / "vis-network.min.js", folder / "vis-network.css"
        if js.is_file() and css.is_file():
            return (_inline_script(js.read_text(encoding="utf-8")),
                    re.sub(r"</(style)", r"<\\/\1", css.read_text(encoding="utf-8"), flags=re.IGNORECASE))
    raise OutputError("the visualizer needs vis-network from the pyvis package: pip install 'pyvis==0.3.2'")


@functools.cache
def _own_assets() -> tuple[str, str]:
    here = files(__package__ or "kg.viz")
    names = ("layout.js", "timeline.js", "periods.js", "app.js")
    script = "\n".join((here / name).read_text(encoding="utf-8") for name in names)
    return HEAD + (here / "template.html").read_text(encoding="utf-8"), _inline_script(script)  # after the head


def page_data(view: View, title: str | None = None, *, details: bool = True) -> dict[str, Any]:
    """The JSON the page script reads: title, classes, nodes, edges, sources (edges refer to them by index).

    ``details=False`` leaves out what only the details panel reads (each node's ``details``, each edge's
    ``sources`` and the source titles): a served page asks its server for them on a click (``kg.serve.views``).
    """
    if not details:
        data = page_data(view, title)
        for n in data["nodes"]:
            del n["details"]
        for e in data["edges"]:
            del e["sources"]
        data["sources"] = []
        return data
    sources = list(view.sources.items())
    index = {sid: i for i, (sid, _) in enumerate(sources)}
    edges = []
    for e in view.edges:
        refs = []
        for sid in e["sources"]:
            if sid not in index:
                index[sid] = len(sources)
                sources.append((sid, sid))
            refs.append(index[sid])
        item = {"from": e["from"], "to": e["to"], "label": e["label"], "relation": e["relation"], "sources": refs}
        if e.get("details"):
            item["details"] = e["details"]
        edges.append(item)
    nodes = [{k: v for k, v in n.items() if k != "iri"} for n in view.nodes]
    return {"title": title or DEFAULT_TITLE, "subtitle": subtitle(view),
            "classes": [{"name": c.name, "group": c.group, "color": c.color, "shape": c.shape}
                        for c in view.classes],
            "nodes": nodes, "edges": edges, "sources": [list(s) for s in sources], "focus": view.focus,
            **({"notice": view.notice} if view.notice else {}),
            **({"periods": view.periods} if view.periods else {})}


def subtitle(view: View) -> str:
    """One line saying what the page shows.

    >>> subtitle(View([], [], [], {}, start=date(2025, 1, 1)))
    '0 entities, 0 relations · events from 2025-01-01'
    """
    parts = [f"{len(view.nodes):,} entities, {len(view.edges):,} relations"]
    if view.focus is not None:
        label = next((n["label"] for n in view.nodes if n["id"] == view.focus), view.focus)
        parts.append(f"around {label}, {view.depth} step{'s' if view.depth != 1 else ''}")
    if view.start and view.end:
        parts.append(f"events from {view.start} to {view.end}")
    elif view.start or view.end:
        parts.append(f"events from {view.start}" if view.start else f"events until {view.end}")
    return " · ".join(parts)


def render(view: View, *, title: str | None = None, serve: dict[str, str] | None = None) -> str:
    """The HTML page of a view (see :func:`kg.viz.view.build_view`). A served page (``serve``: its routes)
    whose routes include ``details`` carries no details: it asks for them on a click.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("urn:a", label="Ann", type="dkg:Person", aliases=[])
    >>> render(build_view(G), title="People") == page(G, title="People")
    True
    """
    template, app_js = _own_assets()
    vis_js, vis_css = vis_assets()
    # A page served by kg serve may ask its own server for neighbourhoods (``serve``: the routes); a file asks nothing.
    connect = "; connect-src 'self'" if serve else ""
    csp = ("default-src 'none'; script-src " + script_hash(vis_js) + " " + script_hash(app_js)
           + "; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
           + connect)
    data = page_data(view, title, details=not (serve and "details" in serve))
    if serve:
        data["serve"] = serve
    values = {"CSP": csp, "TITLE": _html.escape(title or DEFAULT_TITLE), "VIS_CSS": vis_css,
              "DATA": script_json(data), "VIS_JS": vis_js, "APP_JS": app_js}
    return fill(template, values)


def page(graph: KnowledgeGraph | nx.MultiDiGraph, *, focus: str | None = None, depth: int = 2,
         start: str | date | None = None, end: str | date | None = None,
         types: str | Iterable[str] | None = None, title: str | None = None, reads: Any = None) -> str:
    """The page for ``graph`` as a string; the options are those of :func:`kg.viz.view.build_view`, and
    ``title`` names the page; ``reads`` as for :func:`auto_view`. See the module docstring for an example.
    """
    view = auto_view(graph, focus=focus, depth=depth, start=start, end=end, types=types, reads=reads)
    return render(view, title=title)


def auto_view(graph: KnowledgeGraph | nx.MultiDiGraph, *, everything: bool = False, reads: Any = None,
              **options: Any) -> View:
    """``build_view``, then the overview of ``kg.viz.overview`` when the view is too large to draw (more than
    ``OVERVIEW_NODES`` entities) and ``everything`` is not asked for.

    The overview of a whole KnowledgeGraph whose mirror (``graph.nx``) is not built yet is read from its store
    instead (``kg.viz.large``: the same view, without building the mirror of everything), through ``reads``
    (a ``kg.viz.large.Reads`` of that store, kept by an incremental build) when given."""
    from kg.viz.overview import OVERVIEW_NODES, overview
    from kg.viz.view import mirror_of

    whole = all(v is None for k, v in options.items() if k != "depth")
    if not everything and whole and hasattr(graph, "store") and "nx" not in vars(graph):
        from kg.viz import large

        reads = reads if reads is not None else large.Reads(graph.store)
        kinds = reads.kinds()
        if large.count_shown(graph.store, kinds=kinds) > OVERVIEW_NODES:
            return large.store_overview(graph.store, kinds=kinds, reads=reads)
    view = build_view(graph, **options)
    if not everything and len(view.nodes) > OVERVIEW_NODES:
        view = overview(view, mirror_of(graph))
    return view


def write(graph: KnowledgeGraph | nx.MultiDiGraph | View, path: str | Path, *, title: str | None = None,
          **options: Any) -> Path:
    """Write the page of a graph (options as for :func:`page`), or of a ``View``, to ``path`` atomically:
    on any error nothing is replaced and ``OutputError`` is raised. Returns the path.

    >>> import networkx as nx, tempfile
    >>> G = nx.MultiDiGraph(); G.add_node("urn:a", label="Ann", type="dkg:Person", aliases=[])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write(G, Path(d) / "sub" / "graph.html").read_text(encoding="utf-8") == page(G)
    True
    """
    from kg.atomic import atomic_write

    out = Path(path)
    view = graph if isinstance(graph, View) else auto_view(graph, **options)
    text = render(view, title=title)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"cannot create the folder {out.parent}: {e.strerror}") from e
    atomic_write(out, text)
    return out


def graph_html(graph: KnowledgeGraph, reads: Any = None) -> bytes:
    """The default page as bytes: what ``kg build`` writes to ``graph.html``; ``reads`` as for
    :func:`auto_view`."""
    return page(graph, reads=reads).encode("utf-8")


class Page:
    """A page for a notebook: shown inline in a sandboxed iframe (the whole page in ``srcdoc``, escaped).

    >>> p = Page("<p title='x'>a & b</p>")
    >>> p._repr_html_().split(" sandbox")[0]
    '<iframe srcdoc="&lt;p title=&#x27;x&#x27;&gt;a &amp; b&lt;/p&gt;"'
    """

    def __init__(self, html: str, *, height: int = 640):
        self.html = html
        self.height = height

    def __str__(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<kg.viz.Page {len(self.html):,} characters>"

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{_html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
                f'style="width:100%;height:{int(self.height)}px;border:1px solid #dde2e8" '
                'title="knowledge graph"></iframe>')

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` atomically."""
        from kg.atomic import atomic_write

        atomic_write(Path(path), self.html)
        return Path(path)


def show(graph: KnowledgeGraph | nx.MultiDiGraph, *, height: int = 640, **options: Any) -> Page:
    """The page as an object a notebook displays inline (``_repr_html_``); options as for :func:`page`.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("urn:a", label="Ann", type="dkg:Person", aliases=[])
    >>> show(G, height=400)._repr_html_().startswith('<iframe srcdoc="&lt;!doctype html&gt;')
    True
    """
    return Page(page(graph, **options), height=height)
