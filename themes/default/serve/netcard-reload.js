/* netcard serve: reloads the page after a successful rebuild and shows an overlay
   listing the problems after a failed one. Added by `netcard serve` to the pages it
   serves (never to a built site), as an external same-origin script because the
   pages' CSP allows no inline script. Plain ES5-style code. Error texts contain user
   content, so the overlay is built with textContent only. The stylesheet, the event
   stream and the status live beside this script under /__netcard__/. */
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = Number(new URL(script.src).searchParams.get("g") || "0");
  var overlay = null;
  var reloading = false;

  function beside(name) {
    return new URL(name, script.src).href;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function hideOverlay() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function showOverlay(status) {
    hideOverlay();
    if (!document.getElementById("netcard-overlay-style")) {
      var link = element("link");
      link.id = "netcard-overlay-style";
      link.rel = "stylesheet";
      link.href = beside("overlay.css");
      document.head.appendChild(link);
    }
    overlay = element("div", "netcard-overlay");
    overlay.id = "netcard-error-overlay";
    overlay.setAttribute("role", "alert");
    var box = element("div", "netcard-overlay-box");
    box.appendChild(element("h2", "", status.title));
    box.appendChild(element("p", "", status.summary));
    var list = element("ol", "netcard-overlay-errors");
    status.errors.forEach(function (error) {
      var item = element("li");
      if (error.location) { item.appendChild(element("code", "", error.location)); }
      item.appendChild(element("span", "netcard-overlay-message", error.message));
      if (error.hint) {
        item.appendChild(element("span", "netcard-overlay-hint", "how to fix: " + error.hint));
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    var close = element("button", "", "Hide");
    close.type = "button";
    close.addEventListener("click", hideOverlay);
    box.appendChild(close);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
  }

  function reload() {
    if (!reloading) { reloading = true; window.location.reload(); }
  }

  var newest = -1;  // the count of builds of the newest status applied

  function apply(status) {
    // The first status is fetched while the events stream in: an answer that arrives
    // late must not undo a newer one (hide the overlay of a build that failed since).
    if (status.builds < newest) { return; }
    newest = status.builds;
    if (!status.ok) { showOverlay(status); return; }
    hideOverlay();
    if (status.generation > shown) { reload(); }
  }

  function listen(name, handler) {
    source.addEventListener(name, function (event) { handler(JSON.parse(event.data)); });
  }

  var source = new EventSource(beside("events"));
  listen("status", apply);
  listen("reload", function (data) { if (data.generation > shown) { reload(); } });
  fetch(beside("status"), {cache: "no-store"})
    .then(function (response) { return response.json(); })
    .then(apply)
    .catch(function () {});
})();
