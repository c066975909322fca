"""The query page's HTML, style and script, as templates (``@@NAME@@`` placeholders, filled by ``kg.serve.page``).

The script shows every value from the server through ``textContent`` (never as HTML): labels, literals and IRIs
are data written by anyone. Links it makes are relative (``/?focus=...``, ``/queries/...``) with encoded parts.
"""

from kg.html import HEAD

HTML = HEAD + """<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2733; background: #f6f8fa; }
header { background: #24344d; color: #fff; padding: .6em 1.2em; display: flex; gap: 1.5em; align-items: baseline; }
header h1 { font-size: 1.15em; margin: 0; }
header a { color: #cfe1ff; }
main { display: grid; grid-template-columns: minmax(18em, 26em) 1fr; gap: 1em; padding: 1em; }
section { background: #fff; border: 1px solid #dde2e8; border-radius: 6px; padding: .8em 1em; }
h2 { font-size: 1em; margin: 0 0 .5em; }
label { display: block; margin: .45em 0 .1em; font-weight: 600; font-size: .9em; }
input, select, textarea, button { font: inherit; }
input, select { width: 100%; box-sizing: border-box; padding: .25em; }
textarea { width: 100%; box-sizing: border-box; min-height: 15em; font-family: ui-monospace, monospace;
  font-size: 13px; }
button { margin-top: .6em; padding: .3em 1em; cursor: pointer; }
.hint { color: #5a6675; font-size: .85em; margin: .2em 0; }
#results { grid-column: 1 / -1; overflow-x: auto; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid #dde2e8; padding: .2em .5em; text-align: left; vertical-align: top; }
th { background: #eef2f6; position: sticky; top: 0; }
pre { white-space: pre-wrap; word-break: break-word; font-size: 13px; }
.error { color: #a40e26; white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 13px; }
.answer { font-size: 1.3em; font-weight: 600; }
details { margin: .4em 0; }
@media (max-width: 800px) { main { grid-template-columns: 1fr; } }
</style>
</head>
<body>
<header><h1>diplomatic-kg</h1><span>query</span><a href="/">visualizer</a><a href="/queries">named questions (JSON)</a>
<a href="/health">health</a></header>
<main>
<section id="named">
<h2>Named questions</h2>
<select id="question" aria-label="named question"></select>
<p id="description" class="hint"></p>
<form id="params" autocomplete="off"></form>
<button id="ask" type="button">Ask</button>
<button id="show-sparql" type="button" title="copy this question's SPARQL into the editor">Show its SPARQL</button>
<p class="hint">Also a plain URL: <a id="url" href="/queries"></a></p>
</section>
<section id="editor">
<h2>SPARQL</h2>
<textarea id="sparql" spellcheck="false" aria-label="SPARQL query"></textarea>
<details><summary class="hint">These prefixes are predeclared; no PREFIX lines needed</summary>
<pre id="prefixes"></pre></details>
<label for="format">Result as</label>
<select id="format">
<option value="table">a table (Turtle for CONSTRUCT and DESCRIBE)</option>
<option value="application/sparql-results+json">SPARQL JSON</option>
<option value="application/sparql-results+xml">SPARQL XML</option>
<option value="text/csv">CSV</option>
<option value="text/tab-separated-values">TSV</option>
<option value="text/turtle">Turtle (CONSTRUCT, DESCRIBE)</option>
<option value="application/n-triples">N-Triples (CONSTRUCT, DESCRIBE)</option>
<option value="application/ld+json">JSON-LD (CONSTRUCT, DESCRIBE)</option>
</select>
<button id="run" type="button">Run</button> <span class="hint">Ctrl+Enter runs. Read-only; a query stops after
@@TIME_LIMIT@@ s and may return @@MAX_ROWS@@ rows. The endpoint is <code>/sparql</code>.</span>
</section>
<section id="results" aria-live="polite"><p class="hint">Pick a question and press Ask, or run a query.</p></section>
</main>
<script type="application/json" id="kg-data">@@DATA@@</script>
<script>@@SCRIPT@@</script>
</body>
</html>
"""

SCRIPT = r"""(function () {
"use strict";
var data = JSON.parse(document.getElementById("kg-data").textContent);
var prefixes = data.prefixes, questions = {};
function $(id) { return document.getElementById(id); }
function el(tag, text, cls) {
  var e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}
function compact(iri) {
  var best = null;
  Object.keys(prefixes).forEach(function (p) {
    if (iri.indexOf(prefixes[p]) === 0 && (best === null || prefixes[p].length > prefixes[best].length)) best = p;
  });
  if (best === null) return iri;
  var local = iri.slice(prefixes[best].length);
  return /^[A-Za-z0-9_-]+$/.test(local) ? best + ":" + local : iri;
}
function iriCell(td, iri) {
  var short = compact(iri);
  if (short !== iri && short.indexOf("id:") === 0) {
    var a = el("a", short);
    a.href = "/?focus=" + encodeURIComponent(short.slice(3));
    a.title = iri + "  (open in the visualizer)";
    td.appendChild(a);
  } else {
    td.textContent = short;
    td.title = iri;
  }
}
function cell(value) {
  var td = el("td");
  if (value === null || value === undefined) return td;
  if (typeof value === "object") {
    if (value.type === "uri") iriCell(td, value.value);
    else if (value.type === "bnode") td.textContent = "_:" + value.value;
    else if (value.type === "triple") td.textContent = JSON.stringify(value.value);
    else {
      td.textContent = value.value;
      if (value["xml:lang"]) td.title = "@" + value["xml:lang"];
      else if (value.datatype) td.title = compact(value.datatype);
    }
  } else if (typeof value === "string" && /^(https?|urn):/.test(value)) {
    iriCell(td, value);
  } else {
    td.textContent = String(value);
  }
  return td;
}
function results() { var r = $("results"); r.textContent = ""; return r; }
function showError(status, text) {
  var r = results();
  r.appendChild(el("h2", "Error " + status));
  r.appendChild(el("div", text, "error"));
}
function showTable(vars, rows, note) {
  var r = results();
  r.appendChild(el("p", rows.length + " row" + (rows.length === 1 ? "" : "s") + note, "hint"));
  var t = el("table"), head = el("tr");
  vars.forEach(function (v) { head.appendChild(el("th", v)); });
  t.appendChild(el("thead")).appendChild(head);
  var body = el("tbody");
  rows.forEach(function (row) {
    var tr = el("tr");
    vars.forEach(function (v) { tr.appendChild(cell(row[v])); });
    body.appendChild(tr);
  });
  t.appendChild(body);
  r.appendChild(t);
}
function showAnswer(value, note) {
  var r = results();
  r.appendChild(el("p", note.replace(/^, /, ""), "hint"));
  r.appendChild(el("p", value ? "yes (true)" : "no (false)", "answer"));
}
function showText(text, type, note) {
  var r = results();
  r.appendChild(el("p", type + note, "hint"));
  r.appendChild(el("pre", text));
}
function fetchText(url, options) {
  var t0 = Date.now();
  return fetch(url, options).then(function (resp) {
    return resp.text().then(function (text) {
      return {ok: resp.ok, status: resp.status, type: resp.headers.get("Content-Type") || "", text: text,
              note: ", in " + (Date.now() - t0) + " ms"};
    });
  });
}
function failed(e) { showError("", "the server did not answer: " + e); }

function runSparql() {
  var fmt = $("format").value;
  var accept = fmt === "table" ? "application/sparql-results+json, text/turtle;q=0.9" : fmt;
  results().appendChild(el("p", "running...", "hint"));
  fetchText("/sparql", {method: "POST", body: new URLSearchParams({query: $("sparql").value}),
                        headers: {"Accept": accept}}).then(function (x) {
    if (!x.ok) return showError(x.status, x.text);
    if (fmt === "table" && x.type.indexOf("application/sparql-results+json") === 0) {
      var j = JSON.parse(x.text);
      if (typeof j.boolean === "boolean") return showAnswer(j.boolean, x.note);
      return showTable(j.head.vars || [], j.results.bindings, x.note);
    }
    showText(x.text, x.type, x.note);
  }).catch(failed);
}

function paramValues() {
  var out = new URLSearchParams();
  Array.prototype.forEach.call($("params").querySelectorAll("input"), function (input) {
    if (input.value.trim() !== "") out.append(input.name, input.value.trim());
  });
  return out;
}
function questionUrl() {
  var q = paramValues().toString();
  return "/queries/" + encodeURIComponent($("question").value) + (q ? "?" + q : "");
}
function updateUrl() { var u = questionUrl(); $("url").href = u; $("url").textContent = u; }
function suggest(input, list, kind) {
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (input.value.trim().length < 2) return;
      var url = "/entities?" + new URLSearchParams({q: input.value, kind: kind, limit: "10"}).toString();
      fetch(url).then(function (r) { return r.ok ? r.json() : {entities: []}; }).then(function (j) {
        list.textContent = "";
        j.entities.forEach(function (m) {
          var o = el("option");
          o.value = m.id;
          o.textContent = m.label + " (" + m.type + ")";
          list.appendChild(o);
        });
      }).catch(function () {});
    }, 200);
  });
}
function pick() {
  var q = questions[$("question").value], form = $("params");
  form.textContent = "";
  if (!q) return;
  $("description").textContent = q.description || q.title;
  var example = (q.examples && q.examples[0]) || {};
  q.params.forEach(function (p) {
    var id = "param-" + p.name;
    var label = el("label", p.name + (p.optional ? " (optional)" : ""));
    label.htmlFor = id;
    var input = el("input");
    input.id = id;
    input.name = p.name;
    input.type = p.type === "date" ? "date" : p.type === "integer" ? "number" : "text";
    input.placeholder = p.expects;
    input.title = p.description;
    if (example[p.name] !== undefined) input.value = example[p.name];
    input.addEventListener("input", updateUrl);
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(el("div", p.description, "hint"));
    if (p.entity) {
      var list = el("datalist");
      list.id = "list-" + p.name;
      input.setAttribute("list", list.id);
      form.appendChild(list);
      suggest(input, list, p.type);
    }
  });
  updateUrl();
}
function ask() {
  results().appendChild(el("p", "asking...", "hint"));
  fetchText(questionUrl(), {headers: {"Accept": "application/json"}}).then(function (x) {
    if (!x.ok) {
      var message = x.text;
      try { message = JSON.parse(x.text).error; } catch (e) { /* not JSON: show as it is */ }
      return showError(x.status, message);
    }
    var j = JSON.parse(x.text);
    if (typeof j.boolean === "boolean") return showAnswer(j.boolean, x.note);
    showTable(j.variables, j.rows, x.note);
  }).catch(failed);
}

$("prefixes").textContent = Object.keys(prefixes).map(function (p) {
  return "PREFIX " + p + ": <" + prefixes[p] + ">";
}).join("\n");
$("sparql").value = data.example;
$("run").addEventListener("click", runSparql);
$("sparql").addEventListener("keydown", function (e) {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); runSparql(); }
});
$("question").addEventListener("change", pick);
$("ask").addEventListener("click", ask);
$("params").addEventListener("submit", function (e) { e.preventDefault(); ask(); });
$("show-sparql").addEventListener("click", function () {
  var q = questions[$("question").value];
  if (q) $("sparql").value = q.sparql;
});
fetch("/queries").then(function (r) { return r.json(); }).then(function (j) {
  j.queries.forEach(function (q) {
    questions[q.name] = q;
    var o = el("option", q.title + " (" + q.name + ")");
    o.value = q.name;
    $("question").appendChild(o);
  });
  pick();
}).catch(failed);
}());
"""
