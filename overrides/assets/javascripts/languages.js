// The languages page only (nyf.site_i18n.languages_page_markdown): each
// language's link leads to its home; with the page the reader came from
// (?p=parents/, set by the language button in the header), it leads to that
// page in the chosen language instead. Only a plain relative path is taken.
(function () {
  "use strict";
  var list = document.querySelector("[data-nyf-language-list]");
  var page = new URLSearchParams(location.search).get("p") || "";
  if (!list) return;
  if (/^([A-Za-z0-9_~-][A-Za-z0-9._~-]*\/)*$/.test(page)) {
    Array.prototype.forEach.call(list.querySelectorAll("a[hreflang]"), function (link) {
      link.href = link.getAttribute("href") + page;
    });
  }
  // Done: the links now lead to this page in each language (tests wait for it).
  list.setAttribute("data-nyf-ready", "");
})();
