/* netcard: the card's service finder. Without this script the card lists the services by
   customer group, then each service once; with it, a customer narrows the list down by
   whom a service is for, how it is used and its language. Nothing is fetched or sent. */
(function () {
  "use strict";

  function words(value) {
    return value ? value.split(" ").filter(Boolean) : [];
  }

  function setUp(finder) {
    var form = finder.querySelector(".service-filters");
    if (!form) { return; }
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var status = form.querySelector(".finder-status");
    var items = Array.prototype.slice.call(finder.querySelectorAll(".service"));
    var index = finder.querySelector(".service-index");

    function chosen() {
      var choice = {};
      selects.forEach(function (select) { choice[select.getAttribute("data-filter")] = select.value; });
      return choice;
    }

    function matches(item, choice) {
      var forGroups = words(item.getAttribute("data-groups"));
      if (choice.groups && forGroups.length && forGroups.indexOf(choice.groups) < 0) { return false; }
      if (choice.channels && words(item.getAttribute("data-channels")).indexOf(choice.channels) < 0) { return false; }
      if (choice.languages && words(item.getAttribute("data-languages")).indexOf(choice.languages) < 0) { return false; }
      return true;
    }

    function apply() {
      var choice = chosen(), count = 0;
      items.forEach(function (item) {
        var show = matches(item, choice);
        item.hidden = !show;
        if (show) { count += 1; }
      });
      var filtered = selects.some(function (select) { return select.value; });
      if (!filtered) {
        status.textContent = "";
      } else if (count === 0) {
        status.textContent = status.getAttribute("data-none");
      } else if (count === 1) {
        status.textContent = status.getAttribute("data-one");
      } else {
        status.textContent = status.getAttribute("data-many").replace("{count}", String(count));
      }
    }

    selects.forEach(function (select) { select.addEventListener("change", apply); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    // The filters do what the links by customer group do without JavaScript.
    if (index) { index.hidden = true; }
    apply();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-service-finder]"), setUp);
})();
