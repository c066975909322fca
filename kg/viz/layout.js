// A fast, seeded force-directed layout (Fruchterman-Reingold with Barnes-Hut repulsion on a quadtree held in
// flat arrays), written for this project. The page places every node with it first: large graphs are shown as
// it leaves them (vis-network's own physics would take minutes there), small ones are then polished by
// vis-network. The same graph always gets the same positions.
function kgQuickLayout(n, from, to, options) {
  "use strict";
  var k = options.length || 90, iterations = options.iterations || 60, gravity = options.gravity || 0.01;
  var theta2 = 1.0, k2 = k * k;
  var x = new Float64Array(n), y = new Float64Array(n), fx = new Float64Array(n), fy = new Float64Array(n);
  var state = 7;
  function random() {  // mulberry32: small, seeded, good enough for initial positions
    state = (state + 0x6d2b79f5) | 0;
    var t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  var radius = k * Math.sqrt(n) + 1, i;
  for (i = 0; i < n; i++) {
    var r = radius * Math.sqrt(random()), a = 2 * Math.PI * random();
    x[i] = r * Math.cos(a);
    y[i] = r * Math.sin(a);
  }

  // The quadtree: per cell its centre and half size, mass and mass-weighted position, first child (-1: leaf)
  // and, for a leaf, the one node it holds (-1: empty). Rebuilt at every step; arrays are reused.
  var midX = [], midY = [], half = [], mass = [], sumX = [], sumY = [], child = [], body = [], size = 0;
  function cell(mx, my, h) {
    midX[size] = mx; midY[size] = my; half[size] = h; mass[size] = 0; sumX[size] = 0; sumY[size] = 0;
    child[size] = -1; body[size] = -1;
    return size++;
  }
  function quadrant(c, px, py) { return (px < midX[c] ? 0 : 1) + (py < midY[c] ? 0 : 2); }
  function split(c) {
    var h = half[c] / 2, first = size;
    cell(midX[c] - h, midY[c] - h, h); cell(midX[c] + h, midY[c] - h, h);
    cell(midX[c] - h, midY[c] + h, h); cell(midX[c] + h, midY[c] + h, h);
    child[c] = first;
  }
  function insert(p) {
    var c = 0, depth = 0;
    for (;;) {
      mass[c] += 1; sumX[c] += x[p]; sumY[c] += y[p];
      if (child[c] >= 0) { c = child[c] + quadrant(c, x[p], y[p]); depth++; continue; }
      if (body[c] === -1 && mass[c] === 1) { body[c] = p; return; }
      if (depth > 40) return;  // (nearly) the same point: the leaf keeps the mass only
      var old = body[c];
      body[c] = -1;
      split(c);
      if (old >= 0) {
        var oc = child[c] + quadrant(c, x[old], y[old]);
        mass[oc] = 1; sumX[oc] = x[old]; sumY[oc] = y[old]; body[oc] = old;
      }
      c = child[c] + quadrant(c, x[p], y[p]);
      depth++;
    }
  }
  var stack = [];
  function repel(p) {
    stack.length = 0;
    stack.push(0);
    while (stack.length) {
      var c = stack.pop();
      if (mass[c] === 0 || body[c] === p) continue;
      var dx = x[p] - sumX[c] / mass[c], dy = y[p] - sumY[c] / mass[c], d2 = dx * dx + dy * dy;
      if (child[c] >= 0 && 4 * half[c] * half[c] > theta2 * d2) {
        stack.push(child[c], child[c] + 1, child[c] + 2, child[c] + 3);
        continue;
      }
      if (d2 < 0.01) { dx = random() - 0.5; dy = random() - 0.5; d2 = dx * dx + dy * dy; }
      var f = mass[c] * k2 / d2;
      fx[p] += dx * f;
      fy[p] += dy * f;
    }
  }

  var temperature = radius / 4;
  for (var step = 0; step < iterations; step++) {
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (i = 0; i < n; i++) {
      minX = Math.min(minX, x[i]); maxX = Math.max(maxX, x[i]);
      minY = Math.min(minY, y[i]); maxY = Math.max(maxY, y[i]);
    }
    size = 0;
    cell((minX + maxX) / 2, (minY + maxY) / 2, Math.max(maxX - minX, maxY - minY) / 2 + 1);
    for (i = 0; i < n; i++) insert(i);
    fx.fill(0);
    fy.fill(0);
    for (i = 0; i < n; i++) repel(i);
    for (var e = 0; e < from.length; e++) {  // attraction along the edges
      var s = from[e], t = to[e];
      if (s === t) continue;
      var ex = x[s] - x[t], ey = y[s] - y[t], g = Math.sqrt(ex * ex + ey * ey) / k;
      fx[s] -= ex * g; fy[s] -= ey * g;
      fx[t] += ex * g; fy[t] += ey * g;
    }
    for (i = 0; i < n; i++) {  // a weak pull to the centre keeps separate components together
      fx[i] -= gravity * x[i] * k / 10;
      fy[i] -= gravity * y[i] * k / 10;
      var len = Math.sqrt(fx[i] * fx[i] + fy[i] * fy[i]);
      if (len > 0) {
        var move = Math.min(len, temperature) / len;
        x[i] += fx[i] * move;
        y[i] += fy[i] * move;
      }
    }
    temperature = Math.max(temperature * 0.92, k * 0.02);
  }
  return { x: x, y: y };
}
