/* netcard: sortable tables. Without JavaScript the table keeps its built order.
   Columns of figures (class "num") sort largest first, other columns A to Z. */
(function () {
  "use strict";
  function sortTable(table, column, button) {
    var body = table.tBodies[0];
    var header = button.closest("th");
    // A figure column shows the largest first (who has the most ties?); names go A to Z.
    // Clicking the same column again turns the order round.
    var current = header.getAttribute("aria-sort");
    var ascending = current ? current !== "ascending" : !header.classList.contains("num");
    table.querySelectorAll("th[aria-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[column].getAttribute("data-sort") || a.cells[column].textContent.trim();
      var y = b.cells[column].getAttribute("data-sort") || b.cells[column].textContent.trim();
      var nx = parseFloat(x), ny = parseFloat(y);
      var result = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, document.documentElement.lang);
      return ascending ? result : -result;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () { sortTable(table, index, button); });
    });
  });
})();
