// The languages page only (nyf.site_i18n.languages_page_markdown): each
// language's link leads to its home; with the page the reader came from
// (?p=parents/, set by the language button in the header), it leads to that
// page in the chosen language instead. Only a plain relative path is taken.
(function () {
  "use strict";
  var page = new URLSearchParams(location.search).get("p") || "";
  if (!/^([A-Za-z0-9_~-][A-Za-z0-9._~-]*\/)*$/.test(page)) return;
  var links = document.querySelectorAll("[data-nyf-language-list] a[hreflang]");
  Array.prototype.forEach.call(links, function (link) {
    link.href = link.getAttribute("href") + page;
  });
})();
