// The timeline of the visualizer (diplomatic-kg): events along time at their real precision. An event known to the
// day is a dot; one known to the month, or with an unknown day between two bounds, is a bar from its earliest to its
// latest day. Events are packed into lanes so that none hides another. Labels reach the page through textContent.
function kgTimeline(holder, status, onSelect) {
  "use strict";
  var NS = "http://www.w3.org/2000/svg", DAY = 86400000, LANE = 14, AXIS = 16, TOP = AXIS + 4;
  var svg = document.createElementNS(NS, "svg");
  holder.appendChild(svg);
  var marks = new Map(), selected = null, highlighted = null;
  function day(s) { return Date.parse(s + "T00:00:00Z"); }
  function make(tag, attrs) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function ticks(lo, hi) {
    var span = (hi - lo) / DAY, out = [], d = new Date(lo), fmt;
    if (span <= 70) {
      var step = span > 20 ? 7 : span > 8 ? 2 : 1;
      for (var t = lo; t <= hi; t += step * DAY) out.push([t, new Date(t).toISOString().slice(5, 10)]);
      return out;
    }
    if (span <= 3 * 366) {
      var every = span > 400 ? 3 : 1;
      d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
      while (d.getTime() <= hi) {
        fmt = d.toISOString().slice(0, 7);
        out.push([d.getTime(), fmt]);
        d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + every, 1));
      }
      return out;
    }
    var years = Math.max(1, Math.round(span / 3650));
    for (var y = new Date(lo).getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= hi; y += years) out.push([Date.UTC(y, 0, 1), String(y)]);
    return out;
  }
  // events: [{id, label, cls, color, start, end}]; only those with at least one bound are placed.
  function render(events) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    marks.clear();
    var placed = events.filter(function (e) { return e.start || e.end; });
    var undated = events.length - placed.length;
    var width = Math.max(300, svg.parentNode.clientWidth - 4);
    if (!placed.length) {
      svg.setAttribute("width", width); svg.setAttribute("height", 24);
      status.textContent = events.length ? "no shown event has a known date" : "no event shown";
      return;
    }
    var spans = placed.map(function (e) {
      var a = day(e.start || e.end), b = day(e.end || e.start) + DAY;
      return { e: e, a: a, b: b, bounded: !!(e.start && e.end) };
    });
    var lo = Math.min.apply(null, spans.map(function (s) { return s.a; }));
    var hi = Math.max.apply(null, spans.map(function (s) { return s.b; }));
    var pad = Math.max(2 * DAY, (hi - lo) / 40);
    lo -= pad; hi += pad;
    var x = function (t) { return 8 + (width - 16) * (t - lo) / (hi - lo); };
    spans.sort(function (p, q) { return p.a - q.a || p.b - q.b || (p.e.label < q.e.label ? -1 : 1); });
    var lanes = [];
    spans.forEach(function (s) {
      var x1 = x(s.a), x2 = Math.max(x(s.b), x1 + 10);
      var lane = lanes.findIndex(function (end) { return end < x1 - 2; });
      if (lane < 0) { lane = lanes.length; lanes.push(0); }
      lanes[lane] = x2;
      s.lane = lane; s.x1 = x1; s.x2 = x2;
    });
    var height = TOP + lanes.length * LANE + 4;  // the axis on top: its dates stay in sight as lanes scroll
    svg.setAttribute("width", width); svg.setAttribute("height", height);
    ticks(lo, hi).forEach(function (t) {
      var tx = x(t[0]);
      svg.appendChild(make("line", { x1: tx, x2: tx, y1: AXIS - 2, y2: height, stroke: "#e4e7eb" }));
      var label = make("text", { x: tx, y: AXIS - 5, "font-size": 10.5, fill: "#52606d", "text-anchor": "middle" });
      label.textContent = t[1];
      svg.appendChild(label);
    });
    spans.forEach(function (s) {
      var y = TOP + s.lane * LANE + LANE / 2, shape;
      var point = s.bounded && s.e.start === s.e.end;
      if (point) shape = make("circle", { cx: (s.x1 + x(s.b)) / 2, cy: y, r: 5, fill: s.e.color, stroke: "#3e4c59" });
      else shape = make("rect", { x: s.x1, y: y - 4.5, width: Math.max(4, x(s.b) - s.x1), height: 9, rx: 3,
                                  fill: s.e.color, "fill-opacity": 0.45, stroke: s.e.color,
                                  "stroke-dasharray": s.bounded ? "" : "3 2" });
      shape.setAttribute("class", "ev");
      shape.setAttribute("data-id", s.e.id);
      var tip = make("title", {});
      tip.textContent = s.e.label + "\n" + (point ? s.e.start : s.bounded ? "between " + s.e.start + " and " + s.e.end
        : s.e.start ? "no earlier than " + s.e.start : "no later than " + s.e.end);
      shape.appendChild(tip);
      shape.addEventListener("click", function () { onSelect(s.e.id); });
      svg.appendChild(shape);
      marks.set(s.e.id, shape);
    });
    status.textContent = placed.length + " events" + (undated ? " (" + undated + " undated, not drawn)" : "") +
      " · a dot: known to the day; a bar: somewhere between its bounds";
    mark(highlighted, selected);
  }
  // Highlight the events of a neighbourhood (a Set of ids, or null for none) and ring the selected one.
  function mark(ids, id) {
    highlighted = ids; selected = id;
    marks.forEach(function (shape, key) {
      shape.classList.toggle("dim", !!ids && !ids.has(key));
      shape.classList.toggle("sel", key === id);
    });
  }
  return { render: render, mark: mark, marked: function () { return Array.from(marks.keys()); } };
}
