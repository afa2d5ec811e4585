/* netcard: the interactive network graph (vis-network), its filters, search and panel.
   All data comes from the JSON block in the page; nothing is loaded from elsewhere.
   Text from content is only ever set with textContent, never as HTML. */
(function () {
  "use strict";

  function readData(root) {
    var source = document.getElementById(root.getAttribute("data-graph"));
    return source ? JSON.parse(source.textContent) : null;
  }

  // The graph's members as plain objects ({id, label, x, y, color, shape, sector, external,
  // metrics, details}) and its ties as vis-network's edges. The network page and the member
  // pages send the compact format 2 (network_view.py describes it: what many members share,
  // such as sector names and figure names, comes once); other graphs send vis items as they are.
  function expand(data) {
    if (data.format !== 2) {
      return { nodes: data.nodes.map(function (n) {
        return { id: n.id, label: n.label, x: n.x, y: n.y, color: n.color, shape: n.shape,
                 sector: n.sector, external: n.external, font: n.font, metrics: n.metrics,
                 details: n };
      }), edges: data.edges };
    }
    var style = data.style, sectors = data.sectors, roles = data.roles, types = data.types;
    var figureNames = data.figures;
    var nodes = data.nodes.map(function (n) {
      var r = n.row, sector = sectors[r[2]], external = r[4] === 1;
      // The panel's facts are made only when the member is shown.
      var details = function () {
        return { label: r[1], sectorLabel: sector[1], roleLabel: roles[r[3]], external: external,
                 figures: figureNames.map(function (name, i) { return [name, r[10 + i]]; }),
                 url: n.url };
      };
      return { id: r[0], label: r[1], x: r[5], y: r[6], color: sector[2],
               shape: external ? style.externalShape : style.shape, sector: sector[0],
               external: external, metrics: { degree: r[7], betweenness: r[8], effective_size: r[9] },
               details: details };
    });
    var edges = data.edges.map(function (e, i) {
      var type = types[e[2]], strength = e[3];
      var edge = { id: i, from: nodes[e[0]].id, to: nodes[e[1]].id, type: type[0],
                   color: { color: type[1], opacity: style.opacity },
                   width: style.widthBase + strength * style.widthPerStrength };
      // vis-network's defaults (no dashes, no arrows) are left out: it parses every option given.
      if (strength <= style.dashedUpTo) { edge.dashes = true; }
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

  var DEFAULT_FONT = { color: "#1d2327", size: 14, strokeWidth: 3, strokeColor: "#ffffff" };
  // vis-network's own values for those: a node with a font of its own gets these under it, as
  // it did when every node carried its font, instead of the default above.
  var VIS_FONT = { color: "#343434", size: 14, strokeWidth: 0, strokeColor: "#ffffff" };

  // vis-network's node for a member, sized already if `size` is given: sizing after the
  // network exists makes vis update every node a second time (0.4 s for 2,000). Options that
  // are the same for every node (font, border) are given once in the network's options,
  // not copied onto each node, which vis would otherwise parse per node.
  function visNode(n, size) {
    var node = { id: n.id, label: n.label, x: n.x, y: n.y, color: n.color, shape: n.shape,
                 sector: n.sector };
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
    return options;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function showPanel(root, data, member) {
    var panel = root.querySelector(".graph-panel");
    if (!panel) { return; }
    panel.textContent = "";
    if (!member) { panel.hidden = true; return; }
    var node = detailsOf(member);
    var close = el("button", { type: "button", "class": "panel-close", "aria-label": data.labels.close }, "×");
    close.addEventListener("click", function () { showPanel(root, data, null); root.querySelector(".graph-canvas").focus(); });
    panel.appendChild(close);
    panel.appendChild(el("h3", {}, node.panelTitle || node.label));
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

  function init(root) {
    var data = readData(root);
    if (!data || typeof vis === "undefined") { return; }
    var items = expand(data);
    spread(items.nodes);
    var metricSelect = root.querySelector("select[name=size-by]");
    var metric = function () { return metricSelect ? metricSelect.value : "degree"; };
    var options = networkOptions(data);
    // Without physics (large graphs: the layout comes with the data) nodes are made at their
    // size. With physics, vis lays the graph out with its default size first and the sizes
    // follow, as they always have: the layout then settles at once, where laying it out with
    // the larger sizes keeps it moving for seconds after it is first drawn.
    var physics = !!(options.physics && options.physics.enabled);
    var byId = {};
    var sizes = scaleSizes(items.nodes, metric());
    var nodes = new vis.DataSet(items.nodes.map(function (n, i) {
      byId[n.id] = n;
      return visNode(n, physics ? undefined : sizes[i].size);
    }));
    var edges = new vis.DataSet(items.edges);
    var hiddenTypes = {};
    var hiddenSectors = {};
    var nodeView = new vis.DataView(nodes, { filter: function (n) { return !hiddenSectors[n.sector]; } });
    var edgeView = new vis.DataView(edges, { filter: function (e) { return !hiddenTypes[e.type]; } });
    var canvas = root.querySelector(".graph-canvas");
    var network = new vis.Network(canvas, { nodes: nodeView, edges: edgeView }, options);
    // Ready only once the graph is on screen: vis draws in the next animation frame. A graph
    // in a hidden container is never drawn (vis skips it), so it is ready at once.
    function ready() {
      root.classList.add("graph-ready");
      canvas.setAttribute("data-ready", "true");
    }
    if (canvas.clientWidth) { network.once("afterDrawing", ready); } else { ready(); }

    var sizedBy = metric();
    function resize() {
      sizedBy = metric();
      nodes.update(scaleSizes(items.nodes, sizedBy));
    }
    if (physics) { nodes.update(sizes); }
    if (metricSelect) { metricSelect.addEventListener("change", resize); }

    root.querySelectorAll("input[data-filter]").forEach(function (box) {
      box.addEventListener("change", function () {
        var target = box.getAttribute("data-filter") === "type" ? hiddenTypes : hiddenSectors;
        target[box.value] = !box.checked;
        nodeView.refresh();
        edgeView.refresh();
        root.setAttribute("data-visible-edges", String(edgeView.length));
      });
    });
    root.setAttribute("data-visible-edges", String(edgeView.length));

    function focusNode(id) {
      if (!byId[id]) { return; }
      network.selectNodes([id]);
      network.focus(id, { scale: 1.3, animation: { duration: 400 } });
      showPanel(root, data, byId[id]);
      root.setAttribute("data-focused", id);
    }
    network.on("click", function (params) {
      if (params.nodes.length) { focusNode(params.nodes[0]); } else { showPanel(root, data, null); }
    });

    var search = root.querySelector("form.graph-search");
    if (search) {
      search.addEventListener("submit", function (event) {
        event.preventDefault();
        var query = search.querySelector("input").value.trim().toLowerCase();
        var status = search.querySelector(".search-status");
        if (!query) { return; }
        var match = items.nodes.filter(function (n) { return n.label.toLowerCase() === query; })[0] ||
          items.nodes.filter(function (n) { return n.label.toLowerCase().indexOf(query) !== -1; })[0];
        if (match) { focusNode(match.id); status.textContent = data.labels.found.replace("{name}", match.label); }
        else { status.textContent = data.labels.not_found; }
      });
    }

    root.querySelectorAll("button[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.getAttribute("data-zoom");
        if (action === "fit") { network.fit({ animation: { duration: 300 } }); return; }
        var scale = network.getScale() * (action === "in" ? 1.3 : 1 / 1.3);
        network.moveTo({ scale: scale, animation: { duration: 200 } });
      });
    });

    // The "show in graph" buttons sit in the member table below the graph, which may not be
    // parsed yet when the graph starts early (see start below).
    afterParsing(function () {
      if (metric() !== sizedBy) { resize(); }  // a choice the browser restored late
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

  function paintSwatches() {
    document.querySelectorAll(".swatch[data-color]").forEach(function (swatch) {
      var color = swatch.getAttribute("data-color");
      if (/^#[0-9a-fA-F]{6}$/.test(color)) { swatch.style.backgroundColor = color; }
    });
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
        paintSwatches();
        init(root);
      }
    });
  }

  function start() {
    paintSwatches();
    startParsed();
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
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  if (document.readyState !== "complete") { window.addEventListener("load", start); }

  // For tests: the page's data as the members, ties and vis-network nodes the graph is made of.
  window.netcardGraph = { expand: expand, visNode: visNode, scaleSizes: scaleSizes };
})();
