/* netcard bundle: one section at a time (the one the address names, else the first);
   a section's graphs start the first time it is shown, and are redrawn when it comes back. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var sections = Array.prototype.slice.call(document.querySelectorAll(".bundle-section"));
  var tocLinks = Array.prototype.slice.call(document.querySelectorAll(".bundle-toc a"));
  var skip = document.querySelector(".skip-link");
  var started = {};

  function scopedDocument(section) {
    return new Proxy(document, { get: function (target, key) {
      if (key === "querySelectorAll") {
        return function (selector) { return section.querySelectorAll(selector); };
      }
      if (key === "readyState") { return "complete"; }
      var value = target[key];
      return typeof value === "function" ? value.bind(target) : value;
    } });
  }

  function recordingVis(list) {
    var real = window.vis, shim = {};
    for (var key in real) { shim[key] = real[key]; }
    shim.Network = function (container, data, options) {
      var network = new real.Network(container, data, options);
      list.push(network);
      return network;
    };
    return shim;
  }

  function startGraphs(section) {
    if (started[section.id]) {
      started[section.id].forEach(function (network) { network.redraw(); network.fit(); });
      return;
    }
    started[section.id] = [];
    if (window.vis && window.netcardBundleGraph && section.querySelector("[data-graph]")) {
      window.netcardBundleGraph(scopedDocument(section), recordingVis(started[section.id]));
    }
  }

  function targetOf() {
    var id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* keep it as it is */ }
    return id ? document.getElementById(id) : null;
  }

  function show(scroll) {
    var target = targetOf();
    var section = (target && target.closest(".bundle-section")) || sections[0];
    if (!section) { return; }
    sections.forEach(function (s) { s.classList.toggle("is-current", s === section); });
    tocLinks.forEach(function (a) {
      if (a.getAttribute("href") === "#" + section.id) { a.setAttribute("aria-current", "true"); }
      else { a.removeAttribute("aria-current"); }
    });
    if (skip) { skip.setAttribute("href", "#" + section.id); }
    startGraphs(section);
    if (scroll && target) { target.scrollIntoView(); }
  }

  window.addEventListener("hashchange", function () { show(true); });
  window.addEventListener("beforeprint", function () {
    document.documentElement.classList.add("bundle-printing");
    sections.forEach(startGraphs);
  });
  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove("bundle-printing");
    show(false);
  });
  show(true);
})();
