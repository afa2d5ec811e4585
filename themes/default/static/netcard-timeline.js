/* netcard: the network over time (the workbook's history page).
   Without JavaScript the picture shows the network as it is now. This adds a slider with
   a stop at every date where something changed; at each stop the members and ties that
   were there are shown and the others hidden. Members keep their places. On a narrow
   screen each drawing of a saved version's change is scrolled to what changed.
   Each element's data-present holds its times, "start/end start/end …": dates as
   "YYYY-MM-DD" (00 for a month or day not given), an empty start "from the beginning",
   an empty end "still"; a start is included, an end is not. */
(function () {
  "use strict";
  function covers(presence, key) {
    return presence.split(" ").some(function (interval) {
      if (!interval) { return false; }
      var parts = interval.split("/");
      return parts[0] <= key && (parts[1] === "" || key < parts[1]);
    });
  }
  function setUp(section) {
    var steps = section.getAttribute("data-steps").split(" ");
    var stops = section.querySelectorAll(".timeline-dates li");  // each date, and in a sentence
    var dates = Array.prototype.map.call(stops, function (li) { return li.textContent; });
    var phrases = Array.prototype.map.call(stops, function (li) { return li.getAttribute("data-at"); });
    var svg = section.querySelector("svg.timeline-svg");
    var caption = section.querySelector(".timeline-caption");
    if (!svg || steps.length < 2 || dates.length !== steps.length) { return; }
    var items = Array.prototype.slice.call(svg.querySelectorAll("[data-present]"));
    var now = caption.textContent;  // the words for the latest date, as the page has them

    var control = document.createElement("div");
    control.className = "timeline-control";
    var label = document.createElement("label");
    var words = document.createElement("span");
    words.className = "timeline-label";
    words.textContent = section.getAttribute("data-label");
    var range = document.createElement("input");
    range.type = "range";
    range.min = "0";
    range.max = String(steps.length - 1);
    range.step = "1";
    range.value = range.max;
    var shown = document.createElement("output");
    shown.className = "timeline-date";
    label.appendChild(words);
    label.appendChild(range);
    control.appendChild(label);
    control.appendChild(shown);
    section.insertBefore(control, caption);

    function show(index) {
      var key = steps[index];
      var counts = { members: 0, ties: 0 };
      items.forEach(function (item) {
        var here = covers(item.getAttribute("data-present"), key);
        item.classList.toggle("timeline-absent", !here);
        if (here) { counts[item.tagName.toLowerCase() === "g" ? "members" : "ties"] += 1; }
      });
      range.setAttribute("aria-valuetext", dates[index]);
      shown.textContent = dates[index];
      caption.textContent = index === steps.length - 1 ? now : section.getAttribute("data-at")
        .replace("{date}", phrases[index])
        .replace("{members}", String(counts.members))
        .replace("{ties}", String(counts.ties));
    }
    range.addEventListener("input", function () { show(Number(range.value)); });
    show(steps.length - 1);
  }
  // A drawing of a change wider than the screen (a phone) scrolls so that what changed
  // is in view, not the left edge of the network.
  function showChange(box) {
    if (box.scrollWidth <= box.clientWidth) { return; }
    var marks = box.querySelectorAll('[data-change="added"], [data-change="removed"]');
    if (!marks.length) { return; }
    var left = Infinity, right = -Infinity, frame = box.getBoundingClientRect();
    Array.prototype.forEach.call(marks, function (mark) {
      var rect = mark.getBoundingClientRect();
      left = Math.min(left, rect.left);
      right = Math.max(right, rect.right);
    });
    var middle = (left + right) / 2 - frame.left + box.scrollLeft;
    box.scrollLeft = Math.max(0, middle - box.clientWidth / 2);
  }
  document.querySelectorAll("section.timeline[data-steps]").forEach(setUp);
  document.querySelectorAll(".change-picture").forEach(showChange);
})();
