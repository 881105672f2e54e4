// Country variants of advice (nyf/country_blocks.py), served as country.js: show the variant of the
// reader's country (window.nyfCountry in site.js: the country chosen in a
// helpline box, else the edition's). Loaded only on pages with a block.
(function () {
  "use strict";
  function apply() {
    var country = window.nyfCountry ? window.nyfCountry() : "";
    var blocks = document.querySelectorAll("[data-nyf-country-block]");
    for (var b = 0; b < blocks.length; b++) {
      var variants = blocks[b].querySelectorAll("[data-nyf-country-for]");
      var matched = false;
      for (var v = 0; v < variants.length; v++) {
        var codes = variants[v].getAttribute("data-nyf-country-for").split(" ");
        var shown = codes.indexOf(country) >= 0;
        if (codes[0] === "other") shown = !matched;
        matched = matched || shown;
        variants[v].hidden = !shown;
      }
    }
  }
  apply();
  // A choice in a helpline box (40-get-help.js saves it first, on the select).
  document.addEventListener("change", function (event) {
    if (event.target.hasAttribute("data-nyf-hl-select")) apply();
  });
})();
