/* netcard: full-text search with Pagefind's own JavaScript API (pagefind/pagefind.js,
   written into this site by the build; nothing loads from other hosts).
   The box in the header opens the search page; the search page asks Pagefind and
   lists the results. Browsers refuse module imports and fetch() for pages opened
   as files (file://), so there the page says how to serve the folder instead of
   failing request after request. */
(function () {
  "use strict";
  var MAX_RESULTS = 30;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  /* Pagefind's excerpt is escaped page text with <mark> around the matches:
     keep the text and the marks, nothing else. */
  function excerptNodes(html) {
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    var out = document.createDocumentFragment();
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function resultItem(data) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    var heading = document.createElement("h2");
    heading.appendChild(link);
    var excerpt = document.createElement("p");
    excerpt.appendChild(excerptNodes(data.excerpt || ""));
    item.appendChild(heading);
    item.appendChild(excerpt);
    return item;
  }

  function searchPage(root) {
    var form = root.querySelector("form");
    var input = form.querySelector("input");
    var status = root.querySelector(".search-status");
    var list = root.querySelector(".search-results");
    var messages = root.dataset;
    var numbers = new Intl.NumberFormat(document.documentElement.lang);
    var pagefind = null;
    var latest = 0;

    if (location.protocol === "file:") {
      status.textContent = messages.msgFile;
      return;
    }
    form.hidden = false;

    function api() {
      if (!pagefind) {
        pagefind = import(new URL(messages.index, location.href).href);
      }
      return pagefind;
    }

    function show(query, total, items) {
      list.textContent = "";
      items.forEach(function (data) { list.appendChild(resultItem(data)); });
      if (total === 0) {
        status.textContent = fill(messages.msgNone, { query: query });
      } else {
        var template = total === 1 ? messages.msgResultsOne : messages.msgResults;
        status.textContent = fill(template, { n: numbers.format(total), query: query });
      }
    }

    async function run(query) {
      var ticket = ++latest;
      if (!query) {
        list.textContent = "";
        status.textContent = "";
        return;
      }
      status.textContent = messages.msgSearching;
      try {
        var found = await (await api()).search(query);
        var items = await Promise.all(found.results.slice(0, MAX_RESULTS)
          .map(function (result) { return result.data(); }));
        if (ticket === latest) show(query, found.results.length, items);
      } catch (error) {
        pagefind = null;
        if (ticket === latest) {
          list.textContent = "";
          status.textContent = messages.msgUnavailable;
        }
      }
    }

    function remember(query) {
      var url = new URL(location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      history.replaceState(null, "", url.href);
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value.trim()); }, 200);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      remember(input.value.trim());
      run(input.value.trim());
    });
    var initial = new URLSearchParams(location.search).get("q");
    if (initial) {
      input.value = initial;
      run(initial.trim());
    }
  }

  /* The header box: the site's CSP allows no form submissions, so go to the
     search page with the query ourselves. */
  function headerBox(form) {
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var target = new URL(form.getAttribute("action"), location.href);
      var query = form.querySelector("input").value.trim();
      if (query) target.searchParams.set("q", query);
      location.assign(target.href);
    });
  }

  document.querySelectorAll("form.header-search").forEach(headerBox);
  document.querySelectorAll("[data-nc-search]").forEach(searchPage);
})();
