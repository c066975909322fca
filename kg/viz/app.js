// The page's own script (diplomatic-kg). Every string from the data reaches the page through textContent,
// input values or vis-network's plain-text titles (innerText): never as HTML.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var TIP_VALUES = 3, TIP_CHARS = 180, TIP_EVIDENCE = 2;
  var DIM_NODE = { background: "#eceff3", border: "#d5dbe1" }, DIM_FONT = "#c3c9d0";
  var EDGE = "#8f9aa7", ROLE_EDGE = "#f28e2b", DIM_EDGE = "#e8ebef";

  var classes = {};
  DATA.classes.forEach(function (c) { classes[c.name] = c; });
  var byId = new Map(), adjacent = new Map();
  DATA.nodes.forEach(function (n) { byId.set(n.id, n); adjacent.set(n.id, []); });
  DATA.edges.forEach(function (e) { adjacent.get(e.from).push(e.to); adjacent.get(e.to).push(e.from); });
  var isEvent = function (n) { return classes[n.cls].group === "event"; };

  function clip(text, max) { return text.length > max ? text.slice(0, max - 1) + "…" : text; }

  function nodeTitle(n) {
    var lines = [n.label, n.cls];
    (n.details || []).forEach(function (field) {
      var name = field[0], vals = field[1];
      if (name === "Identifier") return;
      var max = name === "Evidence" ? TIP_EVIDENCE : TIP_VALUES;
      var shown = vals.slice(0, max).map(function (v) { return clip(v.split("\n")[0], TIP_CHARS); });
      var more = vals.length > max ? " (+" + (vals.length - max) + " more)" : "";
      var joined = shown.join("; ");
      if (joined.length <= 80) { lines.push(name + ": " + joined + more); return; }
      lines.push(name + ":");
      shown.forEach(function (v) { lines.push("  • " + v); });
      if (more) lines.push("  " + more.trim());
    });
    lines.push("(click for all details)");
    return lines.join("\n");
  }

  // A served overview carries no details (n.details, e.sources): they are asked for on a click (askDetails).
  function sourceNames(e) {
    return e.sourceNames || (e.sources || []).map(function (i) { return DATA.sources[i][1]; });
  }

  function edgeTitle(e) {
    var lines = [byId.get(e.from).label + " → " + e.label + " → " + byId.get(e.to).label];
    (e.details || []).forEach(function (f) {
      if (f[0] === "Source") return;
      f[1].forEach(function (v) { lines.push(f[0] + ": " + clip(v, 300)); });
    });
    sourceNames(e).forEach(function (s) { lines.push("Source: " + s); });
    return lines.join("\n");
  }

  // -- the vis data, placed by kgQuickLayout (layout.js) ------------------------------------------------------
  var n = DATA.nodes.length, m = DATA.edges.length, position = new Map();
  DATA.nodes.forEach(function (node, i) { position.set(node.id, i); });
  var ends = [new Int32Array(m), new Int32Array(m)];
  DATA.edges.forEach(function (e, i) { ends[0][i] = position.get(e.from); ends[1][i] = position.get(e.to); });
  var placed = kgQuickLayout(n, ends[0], ends[1], { length: 90, iterations: n > 5000 ? 50 : n > 300 ? 40 : 80 });
  // vis-network then polishes small graphs, for as many iterations as take well under a second (about 100,000
  // node and edge updates: measured 0.6 s on 2,000 of them in headless Chromium); large ones stay put.
  var polish = Math.min(600, Math.floor(100000 / (n + m + 1)));
  if (polish < 15 || n > 500) polish = 0;  // above 500 nodes the quick layout alone opens at once

  // Setting up a label (measuring it) costs more than anything else of a node or an edge, and vis-network draws
  // none below a scale of 0.23 (4 px of a 17 px font): a large graph, which opens zoomed out, gets its labels
  // once zoomed in that far (labelsForScale).
  var LAZY_LABELS = 500, LABEL_SCALE = 0.23;
  var labelled = n + m <= LAZY_LABELS * 2 && n <= LAZY_LABELS;
  // Each class is a vis-network group (its shape and colours): options given once, not per node, which
  // is most of what setting up a node costs. baseNode and baseEdge: the colours a dimmed item goes back to.
  var baseNode = new Map(), baseEdge = new Map(), groups = {};
  var PLAIN_EDGE = { color: EDGE, highlight: "#111", hover: "#111" };
  function addGroup(c) {
    var color = { background: c.color, border: "#3e4c59", highlight: { background: c.color, border: "#111" },
                  hover: { background: c.color, border: "#111" } };
    groups[c.name] = { shape: c.shape, color: color };
  }
  DATA.classes.forEach(addGroup);
  // A node's size is its value scaled as vis-network would (10 to 34 px, from the least to the greatest value
  // drawn), computed here once: given values, vis-network sets every node up again to scale them.
  var least = 0, most = 0;
  function scaleValues(list) {
    least = Infinity; most = -Infinity;
    list.forEach(function (node) { least = Math.min(least, node.value); most = Math.max(most, node.value); });
  }
  function nodeItem(node, x, y) {
    baseNode.set(node.id, groups[node.cls].color);
    var scale = most === least ? 0.5 : Math.max(0, (node.value - least) / (most - least));
    var item = { id: node.id, label: labelled ? clip(node.label, 80) : undefined, title: nodeTitle(node),
                 group: node.cls, size: 10 + 24 * scale, x: x, y: y };
    if (classes[node.cls].group === "event") item.font = { size: 13 };  // (a group's font would not apply)
    return item;
  }
  scaleValues(DATA.nodes);
  var nodes = new vis.DataSet(DATA.nodes.map(function (node, i) { return nodeItem(node, placed.x[i], placed.y[i]); }));
  var pairs = new Map();
  DATA.edges.forEach(function (e) {
    var key = e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from;
    pairs.set(key, (pairs.get(key) || 0) + 1);
  });
  var seen = new Map();
  var edges = new vis.DataSet(DATA.edges.map(function (e, i) {
    var key = e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from;
    var k = seen.get(key) || 0, total = pairs.get(key);
    seen.set(key, k + 1);
    var item = { id: "e" + i, from: e.from, to: e.to, label: labelled ? e.label : undefined, title: edgeTitle(e) };
    if (e.relation === "org:Membership") {
      item.color = { color: ROLE_EDGE, highlight: "#111", hover: "#111" };
      item.width = 2.5;
    }
    baseEdge.set(item.id, item.color || PLAIN_EDGE);
    if (total > 1) {  // parallel relations between one pair: fan them out so that each stays visible
      var clockwise = (k % 2 === 0) === (e.from < e.to);
      item.smooth = { enabled: true, type: clockwise ? "curvedCW" : "curvedCCW",
                      roundness: 0.12 + 0.14 * Math.floor(k / 2) + (total % 2 && k === 0 ? -0.12 : 0) };
    }
    return item;
  }));

  // -- filters: node types and a date range, applied through data views ---------------------------------
  var shownTypes = new Set(DATA.classes.map(function (c) { return c.name; }));
  var visible = new Set();
  function overlaps(n, from, to) {  // the rule of kg.viz.options.may_overlap
    if (from && (!n.end || n.end < from)) return false;
    return !(to && (!n.start || n.start > to));
  }
  function computeVisible() {
    var from = $("from").value || null, to = $("to").value || null, windowed = !!(from || to);
    var eventsIn = new Set();
    visible.clear();
    DATA.nodes.forEach(function (n) {
      if (shownTypes.has(n.cls) && isEvent(n) && (!windowed || overlaps(n, from, to))) eventsIn.add(n.id);
    });
    DATA.nodes.forEach(function (n) {
      if (!shownTypes.has(n.cls)) return;
      if (isEvent(n) ? eventsIn.has(n.id)
                     : !windowed || adjacent.get(n.id).some(function (m) { return eventsIn.has(m); })) {
        visible.add(n.id);
      }
    });
  }
  computeVisible();
  var nodesView = new vis.DataView(nodes, { filter: function (n) { return visible.has(n.id); } });
  var edgesView = new vis.DataView(edges, { filter: function (e) { return visible.has(e.from) && visible.has(e.to); } });

  var network = new vis.Network($("canvas"), { nodes: nodesView, edges: edgesView }, {
    autoResize: true,
    groups: groups,
    layout: { randomSeed: 7, improvedLayout: false },
    nodes: { borderWidth: 1, scaling: { label: { drawThreshold: 5 } },
             font: { size: 17, face: "DejaVu Sans, Arial, sans-serif", strokeWidth: 4, strokeColor: "#ffffff" },
             widthConstraint: { maximum: 160 } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.55 } }, smooth: { enabled: false }, width: 1.2,
             color: PLAIN_EDGE,
             font: { size: 11, color: "#52606d", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
             scaling: { label: { enabled: false, min: 14, max: 30, maxVisible: 30, drawThreshold: 5 } },
             selectionWidth: 1.5 },
    physics: { enabled: polish > 0, solver: "forceAtlas2Based",
               forceAtlas2Based: { gravitationalConstant: -110, centralGravity: 0.01, springLength: 110,
                                   springConstant: 0.04, damping: 0.5, avoidOverlap: 0.8 },
               stabilization: { enabled: polish > 0, iterations: polish, updateInterval: 25, fit: true },
               minVelocity: 1 },
    interaction: { hover: true, tooltipDelay: 200, hideEdgesOnDrag: n > 2000, hideEdgesOnZoom: n > 2000,
                   multiselect: false, navigationButtons: false, keyboard: false }
  });

  // Arrow heads cost most of a redraw of a large graph, and cannot be seen zoomed out: draw them zoomed in.
  var arrows = true;
  function arrowsForScale() {
    var wanted = m <= 5000 || network.getScale() >= 0.5;
    if (wanted !== arrows) {
      arrows = wanted;
      network.setOptions({ edges: { arrows: { to: { enabled: wanted } } } });
    }
  }
  function labelsForScale() {
    if (labelled || network.getScale() < LABEL_SCALE) return;
    labelled = true;
    nodes.update(DATA.nodes.map(function (node) { return { id: node.id, label: clip(node.label, 80) }; }));
    edges.update(DATA.edges.map(function (e, i) { return { id: "e" + i, label: e.label }; }));
  }
  network.on("zoom", function () { arrowsForScale(); labelsForScale(); });
  network.on("animationFinished", function () { arrowsForScale(); labelsForScale(); });

  // -- highlight a neighbourhood ---------------------------------------------------------------------------
  var dimmedNodes = new Set(), dimmedEdges = new Set();
  function highlight(id) {
    var keepNodes = new Set(id === null ? [] : [id].concat(network.getConnectedNodes(id)));
    var keepEdges = new Set(id === null ? [] : network.getConnectedEdges(id));
    var nodeUpdates = [], edgeUpdates = [];
    nodes.forEach(function (item) {
      var dim = id !== null && !keepNodes.has(item.id);
      if (dim === dimmedNodes.has(item.id)) return;
      if (dim) { dimmedNodes.add(item.id); nodeUpdates.push({ id: item.id, color: DIM_NODE, font: { color: DIM_FONT } }); }
      else { dimmedNodes.delete(item.id); nodeUpdates.push({ id: item.id, color: baseNode.get(item.id), font: { color: "#1f2933" } }); }
    });
    edges.forEach(function (item) {
      var dim = id !== null && !keepEdges.has(item.id);
      if (dim === dimmedEdges.has(item.id)) return;
      if (dim) { dimmedEdges.add(item.id); edgeUpdates.push({ id: item.id, color: { color: DIM_EDGE }, font: { color: "#c3c9d0" } }); }
      else { dimmedEdges.delete(item.id); edgeUpdates.push({ id: item.id, color: baseEdge.get(item.id), font: { color: "#52606d" } }); }
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    timeline.mark(id === null ? null : keepNodes, id);
  }

  // -- the timeline, linked with the graph: the same filters; a click selects on both ---------------------------
  var timeline = kgTimeline($("timeline-plot"), $("timeline-status"), function (id) { focusNode(id); });
  function drawTimeline() {
    if ($("timeline").classList.contains("closed")) return;
    timeline.render(DATA.nodes.filter(function (n) { return isEvent(n) && visible.has(n.id); }).map(function (n) {
      return { id: n.id, label: n.label, cls: n.cls, color: classes[n.cls].color, start: n.start, end: n.end };
    }));
  }
  $("timeline-toggle").addEventListener("click", function () {
    var closed = $("timeline").classList.toggle("closed");
    $("timeline-toggle").textContent = closed ? "Show" : "Hide";
    drawTimeline();
  });
  // -- the busiest periods of an overview: events per month; a click sets the date filter to that month ----------
  function monthOf(from, to) {  // the month [from, to] is exactly, or null
    if (!from || !to || from.slice(0, 7) !== to.slice(0, 7) || from.slice(8) !== "01") return null;
    var y = Number(from.slice(0, 4)), mo = Number(from.slice(5, 7));
    return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10) === to ? from.slice(0, 7) : null;
  }
  var periods = null;
  if (DATA.periods) {
    $("periods").hidden = false;
    periods = kgPeriods($("periods-plot"), $("periods-status"), function (month) {
      var y = Number(month.slice(0, 4)), mo = Number(month.slice(5, 7));
      $("from").value = month + "-01";
      $("to").value = new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
      refresh();
      if (openPeriod) openPeriod();
    });
  }
  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () { drawTimeline(); if (periods) periods.redraw(); }, 150);
  });

  // -- the details panel (text only) ----------------------------------------------------------------------
  var panel = $("details");
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function showHint() {
    panelTurn++;
    panel.replaceChildren(el("h2", "Details"),
      el("p", "Click a node or an edge to see what the sources say about it: names, roles, dates, places, " +
              "participants, topics, statements, and the evidence sentence quoted from each source.", "hint"));
  }
  function showFields(title, subtitle, fields) {
    panelTurn++;
    var parts = [el("h2", "Details"), el("p", title, "title"), el("p", subtitle, "cls")];
    fields.forEach(function (f) {
      parts.push(el("h3", f[0]));
      var ul = el("ul", undefined, f[0] === "Evidence" ? "evidence" : undefined);
      f[1].forEach(function (v) { ul.appendChild(el("li", v)); });
      parts.push(ul);
    });
    panel.replaceChildren.apply(panel, parts);
  }
  var panelTurn = 0;  // counts what the panel showed, so that a late answer does not replace a newer choice
  function askDetails(query, item, title, subtitle, done) {
    showFields(title, subtitle, []);
    var ticket = panelTurn;
    panel.appendChild(el("p", "Loading the details…", "hint"));
    fetch(DATA.serve.details + "?" + query, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (body) { return [r.ok, body]; }); })
      .then(function (got) {
        if (!got[0]) throw new Error(got[1].error || "the server refused");
        done(got[1]);
        if (ticket === panelTurn) item();
      })
      .catch(function (err) { if (ticket === panelTurn) panel.appendChild(el("p", "could not load the details: " + err, "hint")); });
  }
  function showNode(id) {
    var n = byId.get(id);
    if (n.details !== undefined) { showFields(n.label, n.cls, n.details); return; }
    askDetails("node=" + encodeURIComponent(id), function () { showNode(id); }, n.label, n.cls, function (body) {
      n.details = body.details;
      if (byId.get(id) === n) nodes.update({ id: id, title: nodeTitle(n) });
    });
  }
  function showEdge(i) {
    var e = DATA.edges[i];
    if (e.sources === undefined && e.sourceNames === undefined) {
      askDetails("edge=" + i, function () { showEdge(i); }, e.label, "relation " + e.relation, function (body) {
        e.details = body.details; e.sourceNames = body.sources;
        if (DATA.edges[i] === e) edges.update({ id: "e" + i, title: edgeTitle(e) });
      });
      return;
    }
    var fields = [["From", [byId.get(e.from).label]], ["To", [byId.get(e.to).label]]];
    (e.details || []).forEach(function (f) { if (f[0] !== "Source") fields.push(f); });
    var src = sourceNames(e);
    if (src.length) fields.push(["Source", src]);
    showFields(e.label, "relation " + e.relation, fields);
  }

  // -- search, select, reset ------------------------------------------------------------------------------
  var QUOTES = { "\u2019": "'", "\u2018": "'", "\u201c": "\"", "\u201d": "\"", "\u2013": "-", "\u2014": "-" };
  function nameKey(s) {  // as kg.names.name_key: case, accents, quotes and punctuation ignored
    return String(s).replace(/[\u2019\u2018\u201c\u201d\u2013\u2014]/g, function (c) { return QUOTES[c]; })
      .normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/['"]/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  var keys = null;
  function find(query) {
    var wanted = nameKey(query);
    if (!wanted) return null;
    if (keys === null) {
      keys = DATA.nodes.map(function (n) { return [n.id].concat([n.label], n.aliases).map(nameKey); });
    }
    var best = null, rank = 3;
    for (var i = 0; i < DATA.nodes.length && rank > 0; i++) {
      for (var j = 0; j < keys[i].length; j++) {
        var k = keys[i][j];
        var r = k === wanted ? 0 : k.startsWith(wanted) ? 1 : k.indexOf(wanted) >= 0 ? 2 : 3;
        if (r < rank) { rank = r; best = DATA.nodes[i].id; }
      }
    }
    return best;
  }
  function clearFilters() {
    $("from").value = ""; $("to").value = "";
    shownTypes = new Set(DATA.classes.map(function (c) { return c.name; }));
    document.querySelectorAll("#types input").forEach(function (box) { box.checked = true; });
    refresh();
  }
  function focusNode(id) {
    if (!visible.has(id)) clearFilters();
    network.selectNodes([id]);
    highlight(id);
    showNode(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 300 } });
  }
  function reset() {
    choice++;  // an answer still on its way no longer replaces the overview
    if (overviewData && DATA.nodes !== overviewData.nodes) show({ classes: [], nodes: overviewData.nodes,
      edges: overviewData.edges, sources: overviewData.sources, notice: overviewData.notice });
    $("query").value = ""; $("message").textContent = "";
    clearFilters();
    network.unselectAll();
    highlight(null);
    showHint();
    network.fit({ animation: false });
  }
  function refresh() {
    if (periods) periods.mark(monthOf($("from").value, $("to").value));
    computeVisible();
    nodesView.refresh();
    edgesView.refresh();
    drawTimeline();
    status();
  }
  function status() {
    $("status").textContent = nodesView.length + " of " + DATA.nodes.length + " entities · " +
      edgesView.length + " of " + DATA.edges.length + " relations";
  }

  // -- controls ---------------------------------------------------------------------------------------------
  // -- served: neighbourhoods and periods fetched from the page's own server, merged into the drawing --------
  // Replace what is drawn by the data the server sent (a neighbourhood, a period), laid out afresh: going down
  // keeps the drawing small, so it stays fluid whatever the size of the corpus. "Whole graph" comes back up.
  var overviewData = DATA.serve ? { nodes: DATA.nodes, edges: DATA.edges, sources: DATA.sources,
                                     notice: DATA.notice || "" } : null;
  function show(data) {
    var added = {};
    data.classes.forEach(function (c) {
      if (!classes[c.name]) { classes[c.name] = c; DATA.classes.push(c); addGroup(c); added[c.name] = groups[c.name]; }
    });
    if (Object.keys(added).length) network.setOptions({ groups: added });
    DATA.nodes = data.nodes; DATA.edges = data.edges; DATA.sources = data.sources;
    byId.clear(); adjacent.clear(); baseNode.clear(); baseEdge.clear(); keys = null;
    var at = new Map();
    DATA.nodes.forEach(function (node, i) { byId.set(node.id, node); adjacent.set(node.id, []); at.set(node.id, i); });
    var a = new Int32Array(DATA.edges.length), b = new Int32Array(DATA.edges.length);
    DATA.edges.forEach(function (e, i) {
      adjacent.get(e.from).push(e.to); adjacent.get(e.to).push(e.from);
      a[i] = at.get(e.from); b[i] = at.get(e.to);
    });
    var xy = kgQuickLayout(DATA.nodes.length, a, b, { length: 90, iterations: DATA.nodes.length > 300 ? 40 : 80 });
    shownTypes = new Set(DATA.classes.map(function (c) { return c.name; }));
    computeVisible();
    highlight(null);
    labelled = DATA.nodes.length + DATA.edges.length <= LAZY_LABELS * 2 && DATA.nodes.length <= LAZY_LABELS;
    nodes.clear(); edges.clear();
    scaleValues(DATA.nodes);
    nodes.add(DATA.nodes.map(function (node, i) { return nodeItem(node, xy.x[i], xy.y[i]); }));
    edges.add(DATA.edges.map(function (e, i) {
      var item = { id: "e" + i, from: e.from, to: e.to, label: labelled ? e.label : undefined, title: edgeTitle(e) };
      if (e.relation === "org:Membership") {
        item.color = { color: ROLE_EDGE, highlight: "#111", hover: "#111" };
        item.width = 2.5;
      }
      baseEdge.set(item.id, item.color || PLAIN_EDGE);
      return item;
    }));
    refresh();
    $("notice").textContent = data.notice || "";
    network.fit({ animation: false });
    labelsForScale();
    return DATA.nodes.length;
  }
  // Each fetch, and "Whole graph", is a new choice: an answer that arrives after a newer choice is dropped, so a
  // slow answer never replaces what the user asked for since (typing dates fires a fetch per field).
  var choice = 0;
  function fetchInto(url, anchor) {
    var mine = ++choice;
    $("message").textContent = "";
    $("status").textContent = "Loading…";
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (body) { return [r.ok, body]; }); })
      .then(function (got) {
        if (mine !== choice) return 0;
        if (!got[0]) { $("message").textContent = got[1].error || "the server refused"; status(); return 0; }
        var count = show(got[1]);
        // Select the entity it was opened from, without moving: the whole neighbourhood is in view already, and
        // zooming in on one node would hide the rest (and redraw every frame of the animation).
        if (anchor && byId.has(anchor)) { network.selectNodes([anchor]); highlight(anchor); showNode(anchor); }
        return count;
      })
      .catch(function (err) {
        if (mine !== choice) return 0;
        $("message").textContent = "could not reach the server: " + err; status(); return 0;
      });
  }
  var openNeighbourhood = null, openPeriod = null;
  if (DATA.serve) {
    openNeighbourhood = function (id) {
      return fetchInto(DATA.serve.neighbourhood + "?depth=1&focus=" + encodeURIComponent(id), id);
    };
    openPeriod = function () {
      var q = [];
      if ($("from").value) q.push("start=" + encodeURIComponent($("from").value));
      if ($("to").value) q.push("end=" + encodeURIComponent($("to").value));
      return q.length ? fetchInto(DATA.serve.slice + "?" + q.join("&"), null) : Promise.resolve(0);
    };
    network.on("doubleClick", function (p) { if (p.nodes.length) openNeighbourhood(p.nodes[0]); });
    $("from").addEventListener("change", function () { openPeriod(); });
    $("to").addEventListener("change", function () { openPeriod(); });
  }

  $("title").textContent = DATA.title;
  $("subtitle").textContent = DATA.subtitle;
  $("notice").textContent = DATA.notice || "";
  var names = new Set();
  DATA.nodes.forEach(function (n) { names.add(n.label); n.aliases.forEach(function (a) { names.add(a); }); });
  var list = $("names");
  Array.from(names).sort().forEach(function (name) { var o = document.createElement("option"); o.value = name; list.appendChild(o); });
  var counts = {};
  DATA.nodes.forEach(function (n) { counts[n.cls] = (counts[n.cls] || 0) + 1; });
  DATA.classes.forEach(function (c) {
    var label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = c.name;
    box.addEventListener("change", function () {
      if (box.checked) shownTypes.add(c.name); else shownTypes.delete(c.name);
      refresh();
    });
    label.append(box, swatch(c), el("span", c.name), el("span", String(counts[c.name] || 0), "count"));
    $("types").appendChild(label);
  });
  function swatch(c) {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg"), s;
    svg.setAttribute("width", "18"); svg.setAttribute("height", "18"); svg.setAttribute("viewBox", "0 0 18 18");
    var shapes = { dot: null, square: "3,3 15,3 15,15 3,15", diamond: "9,1 17,9 9,17 1,9",
                   triangle: "9,2 17,16 1,16", triangleDown: "1,2 17,2 9,16",
                   star: "9,1 11.3,6.6 17,7 12.6,10.8 14,16.6 9,13.5 4,16.6 5.4,10.8 1,7 6.7,6.6",
                   hexagon: "5,2 13,2 17,9 13,16 5,16 1,9", box: "1,5 17,5 17,13 1,13" };
    if (shapes[c.shape]) { s = document.createElementNS(ns, "polygon"); s.setAttribute("points", shapes[c.shape]); }
    else { s = document.createElementNS(ns, "circle"); s.setAttribute("cx", "9"); s.setAttribute("cy", "9"); s.setAttribute("r", "7"); }
    s.setAttribute("fill", c.color); s.setAttribute("stroke", "#3e4c59"); s.setAttribute("stroke-width", "1");
    svg.appendChild(s);
    return svg;
  }
  var dates = DATA.nodes.filter(isEvent).map(function (n) { return [n.start, n.end]; }).flat().filter(Boolean).sort();
  if (dates.length) { $("from").min = $("to").min = dates[0]; $("from").max = $("to").max = dates[dates.length - 1]; }
  $("from").addEventListener("change", refresh);
  $("to").addEventListener("change", refresh);
  $("reset").addEventListener("click", reset);
  $("search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var id = find($("query").value);
    $("message").textContent = id === null ? "No entity is called “" + $("query").value + "”" : "";
    if (id !== null) focusNode(id);
  });
  network.on("click", function (p) {
    if (p.nodes.length) { highlight(p.nodes[0]); showNode(p.nodes[0]); }
    else if (p.edges.length) { highlight(null); showEdge(Number(String(p.edges[0]).slice(1))); }
    else { highlight(null); showHint(); }
  });
  showHint();
  status();
  drawTimeline();
  if (periods) periods.render(DATA.periods);

  // -- lay out once, then hold still --------------------------------------------------------------------------
  function ready() {
    if (polish) {
      network.setOptions({ physics: { enabled: false } });
      var positions = network.getPositions();  // kept, so that nodes come back where they were after a filter
      nodes.update(Object.keys(positions).map(function (id) { return { id: id, x: positions[id].x, y: positions[id].y }; }));
    }
    network.fit({ animation: false });
    arrowsForScale();
    labelsForScale();
    if (DATA.focus !== null && byId.has(DATA.focus)) focusNode(DATA.focus);
    document.documentElement.setAttribute("data-kg-ready", "1");
  }
  network.on("stabilizationProgress", function (p) {
    $("status").textContent = "Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  if (polish) network.once("stabilizationIterationsDone", function () { status(); ready(); });
  else ready();

  window.kgViz = { data: DATA, network: network, nodes: nodes, edges: edges, nodesView: nodesView,
                   edgesView: edgesView, find: find, focus: focusNode, reset: reset, refresh: refresh,
                   timeline: timeline, periods: periods, show: show,
                   openNeighbourhood: function (id) { return openNeighbourhood ? openNeighbourhood(id) : Promise.resolve(0); },
                   openPeriod: function () { return openPeriod ? openPeriod() : Promise.resolve(0); } };
})();
