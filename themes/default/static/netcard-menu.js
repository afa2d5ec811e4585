/* netcard: the header's menu. Everything works without JavaScript (the menu and its
   groups are <details>); this adds what a menu button is expected to do:
   - the menu button says whether it is open (aria-expanded), and Escape closes it;
   - on a wide screen the menu is always open (its button is not shown);
   - one group's drop-down open at a time; a click elsewhere or Escape closes it. */
(function () {
  "use strict";
  var menu = document.querySelector("details.site-menu");
  if (!menu) return;
  var button = menu.querySelector("summary");
  var wide = window.matchMedia("(min-width: 48rem)");
  var groups = Array.prototype.slice.call(menu.querySelectorAll(".menu-group > details"));

  function showState() {
    button.setAttribute("aria-expanded", menu.open ? "true" : "false");
  }
  function fitScreen() {
    menu.open = wide.matches;
    if (!wide.matches) {  // in the phone's menu, the current page's group is unfolded
      groups.forEach(function (group) {
        group.open = group.parentNode.classList.contains("has-current");
      });
    } else {
      groups.forEach(function (group) { group.open = false; });
    }
    showState();
  }
  menu.addEventListener("toggle", showState);
  if (wide.addEventListener) wide.addEventListener("change", fitScreen);
  fitScreen();

  groups.forEach(function (group) {
    group.addEventListener("toggle", function () {
      if (!group.open || !wide.matches) return;
      groups.forEach(function (other) { if (other !== group) other.open = false; });
    });
  });
  document.addEventListener("click", function (event) {
    if (!wide.matches) return;
    groups.forEach(function (group) {
      if (group.open && !group.contains(event.target)) group.open = false;
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = groups.filter(function (group) { return group.open; });
    if (wide.matches && open.length) {
      open.forEach(function (group) { group.open = false; });
      open[0].querySelector("summary").focus();
    } else if (!wide.matches && menu.open && menu.contains(document.activeElement)) {
      menu.open = false;
      button.focus();
    }
  });
})();
