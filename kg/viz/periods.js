// The busiest periods of a large graph (diplomatic-kg): events per month as a bar chart, drawn from the page data
// (DATA.periods, made by kg.viz.overview). A month is a column the height of the chart, its bar as high as its share
// of the busiest month; clicking a column picks that month (onPick). Text reaches the page through textContent.
function kgPeriods(holder, status, onPick) {
  "use strict";
  var NS = "http://www.w3.org/2000/svg", HEIGHT = 56, AXIS = 14, TICK = 44;
  var columns = new Map(), picked = null, last = null;
  function make(tag, attrs) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function next(month) {  // "2024-12" -> "2025-01"
    var y = Number(month.slice(0, 4)), m = Number(month.slice(5, 7));
    return m === 12 ? String(y + 1).padStart(4, "0") + "-01" : month.slice(0, 5) + String(m + 1).padStart(2, "0");
  }
  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }

  function render(periods) {
    last = periods;
    holder.replaceChildren();
    columns.clear();
    var counts = new Map(periods.months), months = [];
    if (!periods.months.length) { status.textContent = "no event is known to the month"; return; }
    for (var m = periods.months[0][0]; m <= periods.months[periods.months.length - 1][0]; m = next(m)) months.push(m);
    var max = 0;
    counts.forEach(function (c) { max = Math.max(max, c); });
    var width = Math.max(holder.clientWidth, 240), step = width / months.length;
    var svg = make("svg", { width: width, height: HEIGHT + AXIS, role: "img" });
    svg.setAttribute("aria-label", "Events per month, " + months[0] + " to " + months[months.length - 1]);
    var every = Math.max(1, Math.ceil(TICK / (12 * step)));  // label every so many years, never overlapping
    months.forEach(function (month, i) {
      var x = i * step, year = Number(month.slice(0, 4));
      if (month.slice(5) === "01" && year % every === 0) {
        svg.appendChild(make("line", { x1: x, x2: x, y1: HEIGHT, y2: HEIGHT + 4, stroke: "#9aa5b1" }));
        var label = make("text", { x: x + 2, y: HEIGHT + AXIS - 2, "font-size": 10, fill: "#5f6b7a" });
        label.textContent = String(year);
        svg.appendChild(label);
      }
      var count = counts.get(month) || 0;
      if (!count) return;
      var g = make("g", { "class": "month", "data-month": month, "data-count": count });
      g.appendChild(make("rect", { x: x, y: 0, width: step, height: HEIGHT, fill: "transparent" }));
      var h = Math.max(1, Math.round(HEIGHT * count / max));
      g.appendChild(make("rect", { "class": "count", x: x + (step > 3 ? 0.5 : 0), y: HEIGHT - h,
                                   width: Math.max(1, step - (step > 3 ? 1 : 0)), height: h }));
      var tip = make("title", {});
      tip.textContent = month + ": " + plural(count, "event");
      g.appendChild(tip);
      g.addEventListener("click", function () { onPick(month); });
      columns.set(month, g);
      svg.appendChild(g);
    });
    svg.appendChild(make("line", { x1: 0, x2: width, y1: HEIGHT + 0.5, y2: HEIGHT + 0.5, stroke: "#9aa5b1" }));
    holder.appendChild(svg);
    var busiest = periods.months.slice().sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); })
      .slice(0, 3).map(function (p) { return p[0] + " (" + p[1].toLocaleString("en") + ")"; });
    status.textContent = "busiest: " + busiest.join(", ") +
      (periods.unknown ? " · " + plural(periods.unknown, "event") + " not known to the month left out" : "") +
      " · click a month to see its events";
    mark(picked);
  }
  function mark(month) {  // the month the date filter is set to, or null
    if (picked !== null && columns.has(picked)) columns.get(picked).classList.remove("sel");
    picked = month;
    if (month !== null && columns.has(month)) columns.get(month).classList.add("sel");
  }
  return { render: render, mark: mark, redraw: function () { if (last) render(last); } };
}
