"""A dossier as one offline HTML page, in the manner of the visualizer's: the data as JSON in
``<script type="application/json">``, shown by the page's own script through ``textContent`` only; the plots as
inline SVG written by ``kg.profile.plots`` (every string escaped); a Content-Security-Policy that allows the one
script (by hash), inline styles, and no request to any host.

>>> import kg
>>> from kg.profile.dossier import dossier
>>> html = page(dossier(kg.build("data", shacl=False), "Iraq"))
>>> html.startswith("<!doctype html>") and "connect-src" not in html and "https://" not in html.split("<svg")[0]
True
"""

from __future__ import annotations

import html as _html
import json
from typing import Any

from kg.html import HEAD, fill, script_hash
from kg.profile.dossier import Dossier
from kg.profile.render import plots, sections, subtitle

SCRIPT = r"""(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("dossier").textContent);
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  document.getElementById("title").textContent = D.title;
  document.getElementById("subtitle").textContent = D.subtitle;
  var about = document.getElementById("about");
  if (D.names.length) { about.append(el("dt", "Also known as"), el("dd", D.names.join(", "))); }
  D.about.forEach(function (f) { about.append(el("dt", f[0]), el("dd", f[1].join(", "))); });
  var main = document.getElementById("sections"), toc = document.getElementById("toc");
  D.sections.forEach(function (s) {
    var sec = el("section"); sec.id = s.id;
    sec.append(el("h2", s.title));
    var link = el("a", s.title); link.href = "#" + s.id; toc.append(link);
    if (s.note) sec.append(el("p", s.note, "note"));
    if (s.plot) {
      var t = document.getElementById("plot-" + s.plot);
      if (t) { var fig = el("figure", undefined, "plot"); fig.append(t.content.cloneNode(true)); sec.append(fig); }
    }
    if (s.table && s.table.rows.length) {
      var table = el("table"), head = el("tr");
      s.table.columns.forEach(function (c) { head.append(el("th", c)); });
      table.append(head);
      s.table.rows.forEach(function (r) {
        var tr = el("tr");
        r.forEach(function (c) { tr.append(el("td", c)); });
        table.append(tr);
      });
      sec.append(table);
    } else if (s.items) {
      var list = el("ol", undefined, "items");
      s.items.forEach(function (it) {
        var li = el("li", undefined, "item");
        if (it.id) li.dataset.id = it.id;
        li.append(el("h3", it.head));
        if (it.sub) li.append(el("p", it.sub, "sub"));
        if (it.lines.length) {
          var dl = el("dl");
          it.lines.forEach(function (l) { dl.append(el("dt", l[0]), el("dd", l[1])); });
          li.append(dl);
        }
        it.quotes.forEach(function (q) {
          var b = el("blockquote", q[1]);
          if (q[0]) b.append(el("cite", q[0]));
          li.append(b);
        });
        list.append(li);
      });
      sec.append(list);
    }
    main.append(sec);
  });
  document.documentElement.setAttribute("data-kg-ready", "1");
})();
"""

TEMPLATE = HEAD + """<style>
:root { --line: #dde2e8; --muted: #5f6b7a; --ink: #1f2933; --panel: #f7f8fa; --accent: #2f6fb0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--ink); }
header { padding: 18px 28px 12px; border-bottom: 1px solid var(--line); background: var(--panel); }
header h1 { margin: 0; font-size: 24px; }
header .sub { color: var(--muted); margin: 2px 0 10px; }
header dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; font-size: 14px; }
header dt { color: var(--muted); }
header dd { margin: 0; }
nav { display: flex; flex-wrap: wrap; gap: 4px 14px; padding: 8px 28px; border-bottom: 1px solid var(--line);
      font-size: 14px; position: sticky; top: 0; background: #fff; z-index: 1; }
nav a { color: var(--accent); text-decoration: none; }
main { padding: 0 28px 40px; max-width: 1100px; }
h2 { font-size: 18px; margin: 26px 0 6px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.note { color: var(--muted); margin: 2px 0 8px; font-size: 13.5px; }
figure.plot { margin: 8px 0 12px; overflow-x: auto; }
figure.plot svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; font-size: 14px; margin: 6px 0; }
th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12.5px; text-transform: uppercase; letter-spacing: .03em; }
ol.items { list-style: none; padding: 0; margin: 0; }
li.item { padding: 8px 0 10px; border-bottom: 1px solid var(--line); }
li.item h3 { font-size: 15.5px; margin: 0; overflow-wrap: anywhere; }
li.item .sub { color: var(--muted); margin: 0 0 4px; font-size: 13.5px; }
li.item dl { display: grid; grid-template-columns: 9.5em 1fr; gap: 1px 12px; margin: 4px 0; font-size: 14px; }
li.item dt { color: var(--muted); }
li.item dd { margin: 0; overflow-wrap: anywhere; }
blockquote { margin: 4px 0 0 0; padding: 2px 0 2px 12px; border-left: 3px solid #c9d3dd; font-style: italic;
             font-size: 14px; color: #323f4b; overflow-wrap: anywhere; }
blockquote cite { display: block; font-style: normal; color: var(--muted); font-size: 12.5px; }
@media print { nav { display: none; } }
</style>
</head>
<body>
<header><h1 id="title"></h1><p class="sub" id="subtitle"></p><dl id="about"></dl></header>
<nav id="toc" aria-label="Sections"></nav>
<main id="sections"></main>
@@PLOTS@@
<script type="application/json" id="dossier">@@DATA@@</script>
<script>@@SCRIPT@@</script>
</body>
</html>
"""


def script_json(data: Any) -> str:
    """JSON that cannot end its ``<script>`` element: ``<``, ``>``, ``&`` and line separators escaped.

    >>> script_json({"a": "</script>&"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def data(d: Dossier) -> dict[str, Any]:
    """The JSON the page's script reads."""
    return {"title": d.title, "subtitle": subtitle(d), "kind": d.kind, "id": d.id, "names": d.names,
            "about": d.about, "sections": sections(d)}


def page(d: Dossier) -> str:
    """The dossier's HTML page (deterministic: the same graph gives the same bytes)."""
    csp = (f"default-src 'none'; script-src {script_hash(SCRIPT)}; style-src 'unsafe-inline'; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    svgs = "\n".join(f'<template id="plot-{name}">{svg}</template>' for name, svg in plots(d).items())
    values = {"CSP": csp, "TITLE": _html.escape(f"{d.title} · diplomatic-kg"), "PLOTS": svgs,
              "DATA": script_json(data(d)), "SCRIPT": SCRIPT}
    return fill(TEMPLATE, values)
