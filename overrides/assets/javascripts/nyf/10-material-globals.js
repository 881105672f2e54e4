// What Material's inline script in <head> used to define (partials/javascripts/
// base.html, Material 9.8.1), moved here so that the Content-Security-Policy
// can refuse every inline script. Material's bundle.js reads these globals; it
// runs only after this file (see 12-deferred-requests.js). The scope is the
// site's base URL, which Material also writes into the #__config JSON.
(function () {
  "use strict";
  var config = document.getElementById("__config");
  var base = ".";
  try {
    base = JSON.parse(config.textContent).base || ".";
  } catch (error) {
    // No config (our 404 page): the scope stays the current folder.
  }
  window.__md_scope = new URL(base, location);
  window.__md_hash = function (text) {
    return Array.prototype.reduce.call(text, function (hash, char) {
      return (hash << 5) - hash + char.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    try {
      storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      // Storage full or refused (private mode): Material works without it.
    }
  };

  // Material marks its drawer and search toggles autocomplete="off" so that a
  // browser restoring form state (Firefox, back/forward) does not reopen them;
  // that attribute is invalid on a checkbox (hooks/theme_markup.py removes it),
  // so close them here instead whenever a page is shown.
  window.addEventListener("pageshow", function () {
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (toggle) toggle.checked = false;
    });
  });

  // A wide table scrolls sideways inside the page; a keyboard user must be
  // able to reach it to scroll it (WCAG 2.1.1, axe scrollable-region-focusable).
  Array.prototype.forEach.call(document.querySelectorAll(".md-typeset table"), function (table) {
    if (table.scrollWidth > table.clientWidth && !table.hasAttribute("tabindex")) {
      table.setAttribute("tabindex", "0");
    }
  });
})();
