"""Exports: which named graphs go out (``select_graphs``) and the bytes of one format (``export``, ``write_export``).

The writers themselves live in ``kg.formats``; this stage picks the graphs and the files.
"""

from __future__ import annotations

from kg.export.core import (
    KINDS,
    TABLES,
    export,
    format_for,
    network,
    select_graphs,
    source_graph,
    write_export,
)

__all__ = ["KINDS", "TABLES", "export", "format_for", "network", "select_graphs", "source_graph", "write_export"]
