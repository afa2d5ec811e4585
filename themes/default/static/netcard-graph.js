/* netcard: the interactive network graph (vis-network), its filters, search and panel.
   All data comes from the JSON block in the page; nothing is loaded from elsewhere.
   Text from content is only ever set with textContent (or drawn on the canvas), never as HTML.

   Names are drawn by this script, not by vis-network: always LABEL_PX pixels on screen
   whatever the zoom, the best-connected members first (in the competence graph: the area,
   then the highest levels), each below, above, right, left or at a corner of its node, and a
   name only where it overlaps no name already drawn and no other member's circle. Zoomed out
   that is the hubs; zooming in shows more. */
(function () {
  "use strict";

  var LABEL_PX = 13;            // never below 12 CSS px (tests measure it)
  var FAR_NAMES = 3;            // the members ranked first whose name may sit a little way off
  var LABEL_FONT = "600 " + LABEL_PX + "px system-ui, -apple-system, 'Segoe UI', sans-serif";
  var DIM_MIX = 0.82;           // how far a dimmed member's colour goes towards white
  var DIM_EDGE_OPACITY = 0.1;

  function readData(root) {
    var source = document.getElementById(root.getAttribute("data-graph"));
    return source ? JSON.parse(source.textContent) : null;
  }

  // The graph's members as plain objects ({id, label, x, y, color, shape, sector, external,
  // metrics, details, role, community, group}) and its ties as vis-network's edges. The network
  // page and the member pages send the compact format 2 (network_view.py describes it: what
  // many members share, such as sector names and figure names, comes once); other graphs send
  // vis items as they are.
  function expand(data) {
    if (data.format !== 2) {
      return { nodes: data.nodes.map(function (n) {
        return { id: n.id, label: n.label, lang: n.lang, x: n.x, y: n.y, color: n.color,
                 shape: n.shape, sector: n.sector, external: n.external, font: n.font,
                 metrics: n.metrics, details: n };
      }), edges: data.edges };
    }
    var style = data.style, sectors = data.sectors, roles = data.roles, types = data.types;
    var figureNames = data.figures;
    var nodes = data.nodes.map(function (n) {
      var r = n.row, sector = sectors[r[2]], external = r[4] === 1;
      // The panel's facts are made only when the member is shown.
      var details = function () {
        return { label: r[1], lang: n.lang, sectorLabel: sector[1], roleLabel: roles[r[3]], external: external,
                 figures: figureNames.map(function (name, i) { return [name, r[10 + i]]; }),
                 url: n.url };
      };
      // `lang`: the name's language, when it is not the page's (a fallback).
      return { id: r[0], label: r[1], lang: n.lang, x: r[5], y: r[6], color: sector[2],
               shape: external ? style.externalShape : style.shape, sector: sector[0],
               external: external, metrics: { degree: r[7], betweenness: r[8], effective_size: r[9] },
               role: r[3], community: r[15], group: r[16], details: details };
    });
    var edges = data.edges.map(function (e, i) {
      var type = types[e[2]], strength = e[3], dashes = style.dashes[type[2]];
      // The tie keeps its type's colour when selected or hovered: never a theme's grey.
      var edge = { id: i, from: nodes[e[0]].id, to: nodes[e[1]].id, type: type[0], strength: strength,
                   color: { color: type[1], highlight: type[1], hover: type[1], opacity: style.opacity },
                   width: style.widthBase + strength * style.widthPerStrength };
      // vis-network's defaults (no dashes, no arrows) are left out: it parses every option given.
      if (dashes && dashes.length) { edge.dashes = dashes; }
      if (e[4] === 1) { edge.arrows = "to"; }
      return edge;
    });
    return { nodes: nodes, edges: edges };
  }

  function detailsOf(node) {
    return typeof node.details === "function" ? node.details() : node.details;
  }

  function scaleSizes(nodes, metric) {
    var max = 0;
    nodes.forEach(function (n) { max = Math.max(max, n.metrics[metric] || 0); });
    return nodes.map(function (n) {
      var value = n.metrics[metric] || 0;
      return { id: n.id, size: 10 + (max > 0 ? 26 * Math.sqrt(value / max) : 0) };
    });
  }

  // --- search: every match, names starting with the query first, then names with a word
  // starting with it, then the rest; case and accents (ä = a, é = e) do not matter.

  function normalise(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function matchRank(name, query) {
    if (name === query) { return 0; }
    if (name.indexOf(query) === 0) { return 1; }
    var at = name.indexOf(query);
    if (at === -1) { return -1; }
    for (; at !== -1; at = name.indexOf(query, at + 1)) {
      if (/[\s\p{P}\p{S}]/u.test(name.charAt(at - 1))) { return 2; }
    }
    return 3;
  }

  // The positions in `labels` of every label matching `query`, best first.
  function rankMatches(query, labels) {
    var wanted = normalise(query).trim();
    if (!wanted) { return []; }
    var found = [];
    labels.forEach(function (label, index) {
      var rank = matchRank(normalise(label), wanted);
      if (rank >= 0) { found.push({ index: index, rank: rank, label: label }); }
    });
    var lang = document.documentElement.lang || undefined;
    found.sort(function (a, b) {
      return a.rank - b.rank || a.label.localeCompare(b.label, lang) || a.index - b.index;
    });
    return found.map(function (f) { return f.index; });
  }

  // --- colours

  function hexToRgb(hex) {
    var v = parseInt(hex.slice(1), 16);
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  }

  function faded(hex) {
    if (!/^#[0-9a-fA-F]{6}$/.test(hex)) { return hex; }
    var rgb = hexToRgb(hex).map(function (c) { return Math.round(c + (255 - c) * DIM_MIX); });
    return "#" + rgb.map(function (c) { return (c < 16 ? "0" : "") + c.toString(16); }).join("");
  }

  // A member's colour when the graph is coloured by `mode` (sector, role, group, community).
  function colourOf(node, mode, style) {
    if (mode === "sector" || !style || !style.palette) { return node.color; }
    var index = mode === "role" ? node.role : mode === "group" ? node.group : node.community;
    if (typeof index !== "number" || index < 0) { return style.other; }
    return style.palette[index % style.palette.length];
  }

  var DEFAULT_FONT = { color: "#1d2327", size: 14, strokeWidth: 3, strokeColor: "#ffffff" };
  // vis-network's own values for those: a node with a font of its own gets these under it, as
  // it did when every node carried its font, instead of the default above.
  var VIS_FONT = { color: "#343434", size: 14, strokeWidth: 0, strokeColor: "#ffffff" };

  // vis-network's node for a member, sized already if `size` is given: sizing after the
  // network exists makes vis update every node a second time (0.4 s for 2,000). Options that
  // are the same for every node (font, border) are given once in the network's options,
  // not copied onto each node, which vis would otherwise parse per node. Members of the
  // network graphs (format 2) get no label: this script draws the names (see drawLabels).
  function visNode(n, size, ownLabels) {
    var node = { id: n.id, x: n.x, y: n.y, color: n.color, shape: n.shape, sector: n.sector };
    if (!ownLabels) { node.label = n.label; }
    if (size !== undefined) { node.size = size; }
    if (n.external) { node.borderWidth = 3; node.shapeProperties = { borderDashes: [4, 3] }; }
    if (n.font) { node.font = Object.assign({}, VIS_FONT, n.font); }
    return node;
  }

  function networkOptions(data) {
    var options = data.options || {};
    var nodes = options.nodes || {};
    options.nodes = nodes;
    if (!nodes.font) { nodes.font = DEFAULT_FONT; }
    if (nodes.borderWidth === undefined) { nodes.borderWidth = 1; }
    if (!nodes.shapeProperties) { nodes.shapeProperties = { borderDashes: false }; }
    options.interaction = Object.assign({}, options.interaction || {}, { hover: true });
    return options;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // `attrs` with the member's `lang` when its name is in another language than the page's
  // (the graph data says so), for an element that shows the name: a screen reader then
  // reads the name in its own language.
  function withLang(member, attrs) {
    if (member.lang) { attrs.lang = member.lang; }
    return attrs;
  }

  // A message with "{name}" in it, the name in its own element when it has a `lang`.
  function sayName(target, message, member, after) {
    var parts = message.split("{name}");
    target.textContent = parts[0];
    target.appendChild(member.lang ? el("span", { lang: member.lang }, member.label)
                                   : document.createTextNode(member.label));
    target.appendChild(document.createTextNode(parts.slice(1).join("{name}") + (after || "")));
  }

  function showPanel(root, data, member, onClose) {
    var panel = root.querySelector(".graph-panel");
    if (!panel) { return; }
    panel.textContent = "";
    if (!member) { panel.hidden = true; return; }
    var node = detailsOf(member);
    var close = el("button", { type: "button", "class": "panel-close", "aria-label": data.labels.close }, "×");
    close.addEventListener("click", function () {
      showPanel(root, data, null);
      if (onClose) { onClose(); }
      root.querySelector(".graph-canvas").focus();
    });
    panel.appendChild(close);
    panel.appendChild(el("h3", node.panelTitle ? {} : withLang(node, {}), node.panelTitle || node.label));
    var facts = [node.sectorLabel, node.roleLabel, node.external ? data.labels.external : ""];
    panel.appendChild(el("p", { "class": "muted" }, facts.filter(Boolean).join(" · ")));
    var list = el("dl", { "class": "facts" });
    node.figures.forEach(function (f) {
      list.appendChild(el("dt", {}, f[0]));
      list.appendChild(el("dd", {}, f[1]));
    });
    panel.appendChild(list);
    if (node.url) {
      panel.appendChild(el("a", { href: node.url, "class": "button" }, data.labels.open));
    }
    panel.hidden = false;
  }

  // A few members that sit close together in the whole network's layout (a member's own
  // ties) would be zoomed in on until their circles and names overlap: spread them out
  // around their centre to a span that leaves room between them.
  function spread(nodes) {
    if (nodes.length < 2) { return; }
    var xs = nodes.map(function (n) { return n.x; }), ys = nodes.map(function (n) { return n.y; });
    var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs);
    var minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
    var span = Math.max(maxX - minX, maxY - minY), wanted = 180 * Math.sqrt(nodes.length);
    if (!(span > 0) || span >= wanted) { return; }
    var factor = wanted / span, cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
    nodes.forEach(function (n) { n.x = cx + (n.x - cx) * factor; n.y = cy + (n.y - cy) * factor; });
  }

  // --- the view in the address: #member=<id>&steps=1&strength=3&colour=community …

  var STATE_KEYS = ["member", "steps", "strength", "colour", "size", "hide-types", "hide-sectors"];

  function readState(hash) {
    var state = {};
    var params = new URLSearchParams(String(hash || "").replace(/^#/, ""));
    STATE_KEYS.forEach(function (key) { if (params.has(key)) { state[key] = params.get(key); } });
    return state;
  }

  function writeState(state) {
    var params = new URLSearchParams();
    STATE_KEYS.forEach(function (key) { if (state[key]) { params.set(key, state[key]); } });
    return params.toString();
  }

  // The bundle shows its sections by the address' fragment: there the view stays out of it.
  function ownsAddress() {
    return typeof window.netcardBundleGraph !== "function" && !!window.history && !!window.URLSearchParams;
  }

  function init(root) {
    var data = readData(root);
    if (!data || typeof vis === "undefined") { return; }
    root.classList.add("graph-live");
    var compact = data.format === 2;
    var style = data.style || {};
    var items = expand(data);
    spread(items.nodes);
    var control = function (name) { return root.querySelector("select[name=" + name + "]"); };
    var metricSelect = control("size-by"), colourSelect = control("colour-by");
    var stepsSelect = control("steps"), strengthSelect = control("min-strength");
    var metric = function () { return metricSelect ? metricSelect.value : "degree"; };
    var colourMode = function () { return colourSelect ? colourSelect.value : "sector"; };
    var options = networkOptions(data);
    // Without physics (the default: the layout comes with the data) nodes are made at their
    // size. With physics, vis lays the graph out with its default size first and the sizes
    // follow, as they always have: the layout then settles at once, where laying it out with
    // the larger sizes keeps it moving for seconds after it is first drawn.
    var physics = !!(options.physics && options.physics.enabled);
    var byId = {}, sizeOf = {};
    var sizes = scaleSizes(items.nodes, metric());
    sizes.forEach(function (s) { sizeOf[s.id] = s.size; });
    var nodes = new vis.DataSet(items.nodes.map(function (n, i) {
      byId[n.id] = n;
      return visNode(n, physics ? undefined : sizes[i].size, true);
    }));
    var edges = new vis.DataSet(items.edges);
    var neighbours = {};
    items.edges.forEach(function (e) {
      (neighbours[e.from] = neighbours[e.from] || []).push(e.to);
      (neighbours[e.to] = neighbours[e.to] || []).push(e.from);
    });
    var hiddenTypes = {}, hiddenSectors = {};
    var minStrength = 1, steps = 0, focused = null, hovered = null, near = null;
    var area = null, inArea = null, levelIn = {};  // the competence graph's chosen area, who has it, at what level
    function nodeShown(n) {
      return !hiddenSectors[n.sector] && (near === null || near[n.id] === true) &&
        (inArea === null || inArea[n.id] === true);
    }
    function edgeShown(e) {
      return !hiddenTypes[e.type] && (e.strength === undefined || e.strength >= minStrength) &&
        (area === null || e.to === area);
    }
    var nodeView = new vis.DataView(nodes, { filter: nodeShown });
    var edgeView = new vis.DataView(edges, { filter: edgeShown });
    var canvas = root.querySelector(".graph-canvas");
    var network = new vis.Network(canvas, { nodes: nodeView, edges: edgeView }, options);
    // Ready only once the graph is on screen: vis draws in the next animation frame. A graph
    // in a hidden container is never drawn (vis skips it), so it is ready at once.
    function ready() {
      root.classList.add("graph-ready");
      canvas.setAttribute("data-ready", "true");
    }
    if (canvas.clientWidth) { network.once("afterDrawing", ready); } else { ready(); }
    // For tests: how many animated moves of the view (zoom, fit, focus) are under way (an
    // interrupted one ends, with its "animationFinished", when the next starts), and how
    // many times the names have been drawn.
    root.netcardMoves = 0;
    root.netcardFrames = 0;
    function animated(duration) {
      root.netcardMoves += 1;
      return { duration: duration };
    }
    network.on("animationFinished", function () { root.netcardMoves = Math.max(0, root.netcardMoves - 1); });

    // --- names on the canvas

    var widths = {};
    function drawLabels(ctx) {
      var drawn = [];
      root.netcardLabels = drawn;
      root.netcardFrames += 1;
      var ratio = canvas.clientWidth ? ctx.canvas.width / ctx.canvas.clientWidth : 1;
      var scale = network.getScale();
      var ids = nodeView.getIds();
      var positions = network.getPositions(ids);
      var lit = highlighted();
      var order = ids.filter(function (id) { return !lit || lit[id]; });
      var metricName = metric();
      var first = function (id) {
        return id === hovered || id === focused ? 2 : area !== null ? (id === area ? 1 : 0) : 0;
      };
      var weight = function (id) {
        return area !== null ? (levelIn[id] || 0) : (byId[id].metrics[metricName] || 0);
      };
      order.sort(function (a, b) {
        return first(b) - first(a) || weight(b) - weight(a) ||
          (byId[b].metrics.degree || 0) - (byId[a].metrics.degree || 0) || (a < b ? -1 : a > b ? 1 : 0);
      });
      var width = ctx.canvas.clientWidth, height = ctx.canvas.clientHeight;
      var grid = {}, cell = 64;
      ctx.save();
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.font = LABEL_FONT;
      ctx.textAlign = "left";
      ctx.textBaseline = "top";
      ctx.lineJoin = "round";
      // Free of names drawn already, and when `strict` of every other member's circle too
      // (its own member's circle, `own`, a corner place is close to but never on).
      function free(box, strict, own) {
        if (box.x < 0 || box.y < 0 || box.x + box.w > width || box.y + box.h > height) { return false; }
        for (var gx = Math.floor(box.x / cell); gx <= Math.floor((box.x + box.w) / cell); gx++) {
          for (var gy = Math.floor(box.y / cell); gy <= Math.floor((box.y + box.h) / cell); gy++) {
            var list = grid[gx + ":" + gy] || [];
            for (var i = 0; i < list.length; i++) {
              if ((strict ? list[i].node !== own : !list[i].node) && overlaps(box, list[i])) { return false; }
            }
          }
        }
        return true;
      }
      function take(box) {
        for (var gx = Math.floor(box.x / cell); gx <= Math.floor((box.x + box.w) / cell); gx++) {
          for (var gy = Math.floor(box.y / cell); gy <= Math.floor((box.y + box.h) / cell); gy++) {
            var key = gx + ":" + gy;
            (grid[key] = grid[key] || []).push(box);
          }
        }
      }
      // A name goes where it covers no other name and no other member (a phone's small
      // frame puts members close together): the first of twelve places around its member
      // that is free, else it is left out. Only the member pointed at or focused on (and the
      // competence graph's chosen area) may, as a last resort, cover another member. The
      // first few members the view is ranked by (the hubs, whose neighbours crowd round
      // them) may instead have their name a little way off, joined to them by a line that,
      // like the name, crosses no other member (see farPlace).
      var radii = {}, marks = [];
      root.netcardMarks = marks;  // for tests: each member drawn, its centre and radius
      order.forEach(function (id) {
        var at = positions[id];
        if (!at) { return; }
        var dom = network.canvasToDOM(at), r = (sizeOf[id] || 10) * scale;
        radii[id] = r;
        marks.push({ id: id, x: dom.x, y: dom.y, r: r });
        take({ x: dom.x - r, y: dom.y - r, w: 2 * r, h: 2 * r, node: id });
      });
      order.forEach(function (id, rank) {
        var node = byId[id], at = positions[id];
        if (!at) { return; }
        var dom = network.canvasToDOM(at);
        if (widths[id] === undefined) { widths[id] = ctx.measureText(node.label).width; }
        var w = widths[id] + 6, h = LABEL_PX + 4, r = radii[id] + 2;
        var corner = r * 0.75;  // a corner's place: off the circle, diagonally
        var across = slidIn(dom, w);
        var candidates = [
          { x: dom.x - w / 2, y: dom.y + r },            // below
          { x: dom.x - w / 2, y: dom.y - r - h },        // above
          { x: dom.x + r, y: dom.y - h / 2 },            // right
          { x: dom.x - r - w, y: dom.y - h / 2 },        // left
          { x: dom.x + corner, y: dom.y + corner },      // below right
          { x: dom.x - corner - w, y: dom.y + corner },  // below left
          { x: dom.x + corner, y: dom.y - corner - h },  // above right
          { x: dom.x - corner - w, y: dom.y - corner - h }, // above left
          // a long name, below or above, starting or ending under its member
          { x: dom.x - w * 0.1, y: dom.y + r }, { x: dom.x - w * 0.9, y: dom.y + r },
          { x: dom.x - w * 0.1, y: dom.y - r - h }, { x: dom.x - w * 0.9, y: dom.y - r - h },
          // a name nearly as wide as the frame (a phone's), below or above, slid into it
          { x: across, y: dom.y + r }, { x: across, y: dom.y - r - h }
        ];
        var box = null, passes = first(id) > 0 ? 2 : 1;
        for (var pass = 0; pass < passes && !box; pass++) {
          for (var c = 0; c < candidates.length && !box; c++) {
            var tried = { x: candidates[c].x, y: candidates[c].y, w: w, h: h };
            if (free(tried, pass === 0, id)) { box = tried; }
          }
        }
        var leader = null;
        if (!box && rank < FAR_NAMES) {
          var far = farPlace(dom, r, w, h, id);
          if (far) { box = far.box; leader = far.leader; }
        }
        if (!box) { return; }
        take(box);
        if (leader) {
          take(leader.box);
          ctx.lineWidth = 1.5;
          ctx.strokeStyle = "#1d2327";
          ctx.beginPath();
          ctx.moveTo(leader.from.x, leader.from.y);
          ctx.lineTo(leader.to.x, leader.to.y);
          ctx.stroke();
        }
        ctx.lineWidth = 4;
        ctx.strokeStyle = "rgba(255,255,255,0.92)";
        ctx.strokeText(node.label, box.x + 3, box.y + 2);
        ctx.fillStyle = "#1d2327";
        ctx.fillText(node.label, box.x + 3, box.y + 2);
        drawn.push({ id: id, text: node.label, x: box.x, y: box.y, w: w, h: h, px: LABEL_PX,
                     leader: leader ? [leader.from, leader.to] : null });
      });
      // Where a name `w` wide starts when centred under or over its member, slid sideways
      // into the frame.
      function slidIn(dom, w) { return Math.max(0, Math.min(dom.x - w / 2, width - w)); }
      // A place for a name further from its member (below, above, right or left, one to
      // four lines away; below and above slid sideways into the frame for a long name)
      // where neither the name nor the line to it crosses another member or name; null
      // when there is none.
      function farPlace(dom, r, w, h, own) {
        var across = slidIn(dom, w);
        for (var step = 1; step <= 4; step++) {
          var d = step * (h + 2);
          var places = [
            { box: { x: across, y: dom.y + r + d, w: w, h: h },
              from: { x: dom.x, y: dom.y + r }, to: { x: dom.x, y: dom.y + r + d } },
            { box: { x: across, y: dom.y - r - d - h, w: w, h: h },
              from: { x: dom.x, y: dom.y - r }, to: { x: dom.x, y: dom.y - r - d } },
            { box: { x: dom.x + r + d, y: dom.y - h / 2, w: w, h: h },
              from: { x: dom.x + r, y: dom.y }, to: { x: dom.x + r + d, y: dom.y } },
            { box: { x: dom.x - r - d - w, y: dom.y - h / 2, w: w, h: h },
              from: { x: dom.x - r, y: dom.y }, to: { x: dom.x - r - d, y: dom.y } }
          ];
          for (var i = 0; i < places.length; i++) {
            var place = places[i], a = place.from, b = place.to;
            var line = { x: Math.min(a.x, b.x) - 1, y: Math.min(a.y, b.y) - 1,
                         w: Math.abs(b.x - a.x) + 2, h: Math.abs(b.y - a.y) + 2 };
            if (free(place.box, true, own) && free(line, true, own)) {
              return { box: place.box, leader: { from: a, to: b, box: line } };
            }
          }
        }
        return null;
      }
      ctx.restore();
      root.setAttribute("data-labels", String(drawn.length));
    }
    function overlaps(a, b) {
      return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    }
    network.on("afterDrawing", drawLabels);
    // For tests: where a member is drawn, in pixels of the page's viewport.
    root.netcardPosition = function (id) {
      var at = network.getPositions([id])[id], box = canvas.getBoundingClientRect();
      if (!at) { return null; }
      var dom = network.canvasToDOM(at);
      return { x: box.left + dom.x, y: box.top + dom.y };
    };

    // --- highlighting: a member and its neighbours stay, the rest fades; ties keep their look

    function highlighted() {
      var id = hovered || focused;
      if (!id || !byId[id]) { return null; }
      var lit = {};
      lit[id] = true;
      (neighbours[id] || []).forEach(function (other) { lit[other] = true; });
      return lit;
    }
    var shownColour = {}, edgeDimmed = {};
    function paint() {
      var lit = highlighted(), mode = colourMode(), nodeChanges = [], edgeChanges = [];
      items.nodes.forEach(function (n) {
        var colour = colourOf(n, mode, style);
        if (lit && !lit[n.id]) { colour = faded(colour); }
        if (shownColour[n.id] !== colour) {
          shownColour[n.id] = colour;
          nodeChanges.push({ id: n.id, color: colour });
        }
      });
      var centre = hovered || focused;
      items.edges.forEach(function (e) {
        var dim = !!lit && e.from !== centre && e.to !== centre;
        if (!!edgeDimmed[e.id] !== dim) {
          edgeDimmed[e.id] = dim;
          var colour = Object.assign({}, e.color, { opacity: dim ? DIM_EDGE_OPACITY : e.color.opacity });
          edgeChanges.push({ id: e.id, color: colour });
        }
      });
      if (nodeChanges.length) { nodes.update(nodeChanges); }
      if (edgeChanges.length) { edges.update(edgeChanges); }
      root.setAttribute("data-highlighted", centre || "");
    }
    items.nodes.forEach(function (n) { shownColour[n.id] = n.color; });
    if (compact && colourMode() !== "sector") { paint(); }

    network.on("hoverNode", function (params) { hovered = params.node; paint(); network.redraw(); });
    network.on("blurNode", function () { hovered = null; paint(); network.redraw(); });

    var sizedBy = metric();
    function resize() {
      sizedBy = metric();
      var next = scaleSizes(items.nodes, sizedBy);
      next.forEach(function (s) { sizeOf[s.id] = s.size; });
      nodes.update(next);
    }
    if (physics) { nodes.update(sizes); }

    // --- filters and focus

    function within(id, count) {
      var reach = {}, frontier = [id];
      reach[id] = true;
      for (var step = 0; step < count; step++) {
        var next = [];
        frontier.forEach(function (from) {
          (neighbours[from] || []).forEach(function (to) {
            if (!reach[to]) { reach[to] = true; next.push(to); }
          });
        });
        frontier = next;
      }
      return reach;
    }
    function refresh() {
      near = focused && steps > 0 ? within(focused, steps) : null;
      nodeView.refresh();
      edgeView.refresh();
      root.setAttribute("data-visible-edges", String(edgeView.length));
      root.setAttribute("data-visible-nodes", String(nodeView.length));
    }
    refresh();

    function updateLegend() {
      var mode = colourMode();
      var sectorList = root.querySelector(".legend-sectors"), list = root.querySelector(".legend-colours");
      var note = root.querySelector(".legend-note");
      if (!list || !sectorList) { return; }
      sectorList.hidden = mode !== "sector";
      if (note) { note.hidden = mode !== "community"; }
      list.textContent = "";
      list.hidden = mode === "sector";
      if (mode === "sector") { return; }
      var present = {};
      items.nodes.forEach(function (n) {
        var key = mode === "role" ? n.role : mode === "group" ? n.group : n.community;
        present[key] = n;
      });
      Object.keys(present).map(Number).sort(function (a, b) {
        return (a < 0 ? 1e9 : a) - (b < 0 ? 1e9 : b);
      }).forEach(function (key) {
        var name = mode === "role" ? data.roles[key]
          : mode === "group" ? (key < 0 ? data.labels.no_group : data.groups[key])
          : data.labels.community.replace("{n}", String(key + 1));
        var item = el("li", {});
        var dot = el("span", { "class": "sector-dot", "aria-hidden": "true" });
        dot.style.backgroundColor = colourOf(present[key], mode, style);
        item.appendChild(dot);
        item.appendChild(document.createTextNode(name));
        list.appendChild(item);
      });
    }

    var panelOpen = false;
    function focusNode(id, quiet) {
      if (!byId[id]) { return; }
      focused = id;
      panelOpen = true;
      refresh();
      paint();
      network.selectNodes([id]);
      if (steps > 0) { network.fit({ nodes: nodeView.getIds(), animation: quiet ? false : animated(400) }); }
      else { network.focus(id, { scale: Math.max(network.getScale(), 1), animation: quiet ? false : animated(400) }); }
      showPanel(root, data, byId[id], unfocus);
      root.setAttribute("data-focused", id);
      saveState();
    }
    function unfocus() {
      focused = null;
      panelOpen = false;
      network.unselectAll();
      root.removeAttribute("data-focused");
      refresh();
      paint();
      saveState();
    }
    network.on("click", function (params) {
      if (params.nodes.length) { focusNode(params.nodes[0]); }
      else if (panelOpen) { showPanel(root, data, null); unfocus(); }
    });

    // --- the view in the address

    var addressed = ownsAddress() && !!root.querySelector(".copy-link");
    function currentState() {
      var types = Object.keys(hiddenTypes).filter(function (k) { return hiddenTypes[k]; }).sort();
      var sectors = Object.keys(hiddenSectors).filter(function (k) { return hiddenSectors[k]; }).sort();
      return { member: focused || "", steps: focused && steps ? String(steps) : "",
               strength: minStrength > 1 ? String(minStrength) : "",
               colour: colourMode() !== "sector" ? colourMode() : "",
               size: metric() !== "degree" ? metric() : "",
               "hide-types": types.join(","), "hide-sectors": sectors.join(",") };
    }
    var restoring = false;
    function saveState() {
      if (!addressed || restoring) { return; }
      var text = writeState(currentState());
      var url = location.pathname + location.search + (text ? "#" + text : "");
      if (url !== location.pathname + location.search + location.hash) { history.replaceState(null, "", url); }
    }
    function setSelect(select, value) {
      if (!select || value === undefined) { return; }
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      if (known) { select.value = value; }
    }
    function applyState(state) {
      restoring = true;
      setSelect(colourSelect, state.colour || "sector");
      setSelect(metricSelect, state.size || "degree");
      setSelect(stepsSelect, state.steps || "0");
      setSelect(strengthSelect, state.strength || "1");
      steps = stepsSelect ? Number(stepsSelect.value) : 0;
      minStrength = strengthSelect ? Number(strengthSelect.value) : 1;
      var types = (state["hide-types"] || "").split(","), sectors = (state["hide-sectors"] || "").split(",");
      hiddenTypes = {}; hiddenSectors = {};
      root.querySelectorAll("input[data-filter]").forEach(function (box) {
        var isType = box.getAttribute("data-filter") === "type";
        var hidden = (isType ? types : sectors).indexOf(box.value) !== -1;
        box.checked = !hidden;
        (isType ? hiddenTypes : hiddenSectors)[box.value] = hidden;
      });
      if (metric() !== sizedBy) { resize(); }
      updateLegend();
      // A link that changes the view's options opens them, so the reader sees what is chosen.
      var optionsBox = root.querySelector("details.graph-options");
      if (optionsBox && (state.colour || state.size || state.steps || state.strength)) { optionsBox.open = true; }
      if (state.member && byId[state.member]) { focusNode(state.member, true); }
      else { focused = null; refresh(); paint(); }
      restoring = false;
    }

    // --- controls

    if (metricSelect) { metricSelect.addEventListener("change", function () { resize(); saveState(); }); }
    if (colourSelect) {
      colourSelect.addEventListener("change", function () { paint(); updateLegend(); saveState(); });
    }
    if (stepsSelect) {
      stepsSelect.addEventListener("change", function () {
        steps = Number(stepsSelect.value);
        refresh();
        if (focused) { network.fit({ nodes: nodeView.getIds(), animation: animated(300) }); }
        saveState();
      });
    }
    if (strengthSelect) {
      strengthSelect.addEventListener("change", function () {
        minStrength = Number(strengthSelect.value);
        refresh();
        saveState();
      });
    }
    root.querySelectorAll("input[data-filter]").forEach(function (box) {
      box.addEventListener("change", function () {
        var target = box.getAttribute("data-filter") === "type" ? hiddenTypes : hiddenSectors;
        target[box.value] = !box.checked;
        refresh();
        saveState();
      });
    });

    var search = root.querySelector("form.graph-search");
    var matchList = root.querySelector(".graph-matches");
    var labels = items.nodes.map(function (n) { return n.label; });
    function listMatches(found) {
      if (!matchList) { return; }
      matchList.textContent = "";
      matchList.hidden = found.length < 2;
      if (found.length < 2) { return; }
      found.forEach(function (index) {
        var node = items.nodes[index];
        var button = el("button", withLang(node, { type: "button", "class": "link-button", "data-match": node.id }), node.label);
        button.addEventListener("click", function () {
          focusNode(node.id);
          sayName(search.querySelector(".search-status"), data.labels.found, node);
        });
        var item = el("li", {});
        item.appendChild(button);
        matchList.appendChild(item);
      });
    }
    if (search) {
      var status = search.querySelector(".search-status");
      var input = search.querySelector("input");
      var describe = function (found) {
        var key = found.length === 1 ? "match_one" : "match_many";
        return data.labels[key].replace("{n}", String(found.length));
      };
      input.addEventListener("input", function () {
        var found = rankMatches(input.value, labels);
        listMatches(found);
        var text = "";
        if (input.value.trim()) { text = !found.length ? data.labels.not_found : found.length > 1 ? describe(found) : ""; }
        status.textContent = text;
      });
      search.addEventListener("submit", function (event) {
        event.preventDefault();
        var found = rankMatches(input.value, labels);
        listMatches(found);
        if (!input.value.trim()) { return; }
        if (!found.length) { status.textContent = data.labels.not_found; return; }
        var match = items.nodes[found[0]];
        focusNode(match.id);
        sayName(status, data.labels.found, match, found.length > 1 ? " " + describe(found) : "");
      });
    }

    root.querySelectorAll("button[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.getAttribute("data-zoom");
        if (action === "fit") { network.fit({ animation: animated(300) }); return; }
        var scale = network.getScale() * (action === "in" ? 1.3 : 1 / 1.3);
        network.moveTo({ scale: scale, animation: animated(200) });
      });
    });

    var copy = root.querySelector(".copy-link");
    if (copy) {
      copy.addEventListener("click", function () {
        saveState();
        var url = location.href, status = root.querySelector(".search-status");
        var say = function (text) { if (status) { status.textContent = text; } };
        var failed = function () { say(data.labels.copy_failed.replace("{url}", url)); };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(url).then(function () { say(data.labels.link_copied); }, failed);
        } else { failed(); }
      });
    }

    // The competence graph, one area at a time: the area in the middle, the members who have
    // it around it, the highest level nearest (a choice of area outside the graph's markup).
    var areaSelect = document.querySelector("select[data-graph-area='" + root.getAttribute("data-graph") + "']");
    if (areaSelect) {
      var showArea = function () {
        area = areaSelect.value;
        var around = items.edges.filter(function (e) { return e.to === area; });
        around.sort(function (a, b) { return b.width - a.width || (a.from < b.from ? -1 : 1); });
        inArea = {};
        levelIn = {};
        inArea[area] = true;
        var moves = [{ id: area, x: 0, y: 0 }];
        around.forEach(function (e, i) {
          inArea[e.from] = true;
          var angle = 2 * Math.PI * i / Math.max(around.length, 1) - Math.PI / 2;
          var level = Math.round(e.width / 1.2);  // competence_view.py: width = level × 1.2
          levelIn[e.from] = level;
          var radius = 100 + 20 * Math.sqrt(around.length) + (6 - level) * 55;
          moves.push({ id: e.from, x: Math.round(radius * Math.cos(angle)), y: Math.round(radius * Math.sin(angle)) });
        });
        nodes.update(moves);
        refresh();
        network.fit();
      };
      areaSelect.addEventListener("change", showArea);
      showArea();
    }

    // The "show in graph" buttons sit in the member table below the graph, which may not be
    // parsed yet when the graph starts early (see start below).
    afterParsing(function () {
      if (addressed) {
        applyState(readState(location.hash));
        window.addEventListener("hashchange", function () { applyState(readState(location.hash)); });
      } else if (metric() !== sizedBy) { resize(); }  // a choice the browser restored late
      updateLegend();
      document.querySelectorAll("button[data-show-node]").forEach(function (button) {
        button.addEventListener("click", function () {
          focusNode(button.getAttribute("data-show-node"));
          canvas.scrollIntoView({ behavior: "smooth", block: "center" });
        });
      });
    });
  }

  function afterParsing(callback) {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", callback); }
    else { callback(); }
  }

  // Whether the parser has gone past the end of `element` (so all of it, its JSON included,
  // is in the document).
  function parsed(element) {
    if (document.readyState !== "loading") { return true; }
    for (var node = element; node && node !== document.body; node = node.parentNode) {
      if (node.nextSibling) { return true; }
    }
    return false;
  }

  var started = [];
  function startParsed() {
    if (typeof vis === "undefined") { return; }
    document.querySelectorAll("[data-graph]").forEach(function (root) {
      if (started.indexOf(root) === -1 && parsed(root)) {
        started.push(root);
        init(root);
      }
    });
  }

  // A page may load this script (and vis-network) early and asynchronously: the network page
  // does, so that its graph starts as soon as the graph's own markup is parsed instead of
  // after the long member table below it. Until the page is parsed, look again every few
  // milliseconds. Either script may also run only after the page is parsed, in either
  // order: vis-network is then there by the load event at the latest.
  if (document.readyState === "loading") {
    var poll = function () {
      startParsed();
      if (document.readyState === "loading") { setTimeout(poll, 20); }
    };
    poll();
    document.addEventListener("DOMContentLoaded", startParsed);
  } else {
    startParsed();
  }
  if (document.readyState !== "complete") { window.addEventListener("load", startParsed); }

  // For tests: the page's data as the members, ties and vis-network nodes the graph is made of,
  // and the search's ranking.
  window.netcardGraph = { expand: expand, visNode: visNode, scaleSizes: scaleSizes,
                          rankMatches: rankMatches, normalise: normalise, readState: readState };
})();
