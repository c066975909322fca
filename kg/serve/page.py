"""The query page at ``/query``: one HTML file, everything inline, no request to any other host.

A SPARQL editor (a textarea; the prefixes of ``kg.vocab.PREFIXES`` are predeclared), the named questions with an
input per parameter (entity names autocompleted from ``/entities``), results as a table built with
``textContent``, links to the visualizer. A Content-Security-Policy allows only the page's own script (by hash)
and requests to the server itself.

>>> html, csp = query_page(time_limit=10.0, max_rows=10000)
>>> b"<script>" in html, "connect-src 'self'" in csp, b"http://" in html.split(b"kg-data")[0]
(True, True, False)
"""

from __future__ import annotations

import functools

from kg.html import fill, script_hash
from kg.serve.templates import HTML, SCRIPT

#: The query the editor starts with.
EXAMPLE = """# Who met whom, where and when (the prefixes dkg:, id:, rdfs: ... are predeclared)
SELECT ?meeting ?date ?place ?who WHERE {
  ?meeting a dkg:Meeting ;
           dkg:participant ?who .
  OPTIONAL { ?meeting dkg:date ?date }
  OPTIONAL { ?meeting dkg:location ?place }
}
ORDER BY ?date ?meeting ?who
LIMIT 100
"""


@functools.cache
def query_page(time_limit: float = 10.0, max_rows: int = 10000) -> tuple[bytes, str]:
    """The page (UTF-8) and its Content-Security-Policy, for a server with these limits."""
    from kg.viz.page import script_json
    from kg.vocab import PREFIXES

    csp = (f"default-src 'none'; script-src {script_hash(SCRIPT)}; style-src 'unsafe-inline'; connect-src 'self'; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    values = {"CSP": csp, "TITLE": "diplomatic-kg: query", "TIME_LIMIT": f"{time_limit:g}", "MAX_ROWS": f"{max_rows:,}",
              "DATA": script_json({"prefixes": PREFIXES, "example": EXAMPLE}), "SCRIPT": SCRIPT}
    text = fill(HTML, values)
    # frame-ancestors only works in the header (a <meta> policy that has it logs an error).
    return text.encode("utf-8"), csp + "; frame-ancestors 'none'"


__all__ = ["EXAMPLE", "query_page"]
