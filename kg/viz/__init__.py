"""The interactive visualizer: one self-contained HTML page that opens anywhere, offline.

::

    import kg, kg.viz
    g = kg.load("out")
    kg.viz.write(g, "out/graph.html")                      # the actor-centred view
    html = kg.viz.page(g, focus="Zarif", depth=1)           # the page as a string
    kg.viz.show(g, start="2025-02", end="2025-02")          # in a notebook: shown inline (sandboxed iframe)
    v = kg.viz.build_view(g, types="person,event,topic")   # what would be drawn, as plain dicts

What the page shows (see ``kg.viz.view``): persons, organizations, places and events, coloured and shaped by
class; every distinct relation as a labelled arrow; memberships as person -> organization edges labelled with
the role; statements as details of their speakers and events (nodes only with ``types`` including
``statement``); topics as nodes only when ``types`` asks for them. In the page: search by any name, type and
date filters, click for the details panel (sources and evidence), "Whole graph" to go back.

Importing this package is cheap: the page is built when asked for.
"""

from __future__ import annotations

from kg.viz.options import CLASSES, DEFAULT_GROUPS, NodeClass, parse_types
from kg.viz.page import Page, auto_view, graph_html, page, page_data, render, show, write
from kg.viz.view import View, build_view

__all__ = [
    "CLASSES",
    "DEFAULT_GROUPS",
    "NodeClass",
    "Page",
    "View",
    "auto_view",
    "build_view",
    "graph_html",
    "page",
    "page_data",
    "parse_types",
    "render",
    "show",
    "write",
]
