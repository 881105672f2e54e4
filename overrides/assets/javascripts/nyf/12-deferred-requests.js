// Holds back the theme's requests that the first view does not need, until the
// reader asks for what they serve: overrides/partials/deferred-requests.html
// explains what and why. It was an inline script; it lives in site.js so that
// the Content-Security-Policy can refuse every inline script. site.js loads
// after the placeholders for Material's scripts, so they are all in the page.
(function () {
  "use strict";
  // What each request serves, and what shows the reader wants it.
  var GROUPS = {
    search: { started: false, waiting: [], where: ".md-search, label[for='__search'], #__search" },
    languages: { started: false, waiting: [], where: ".md-select" }
  };
  var DEFERRED_URLS = [
    [/search_index\.json(\?|#|$)/, "search"],
    [/sitemap\.xml(\?|#|$)/, "languages"]
  ];
  var SEARCH_WORKER = /\/workers\/search\.[^/]*\.js/;
  // The search of the page's language (partials/deferred-requests.html): its
  // own index instead of Material's root one, and our worker, which runs
  // Material's with matching fit for the language (workers/nyf-search.js).
  var search = document.querySelector("script[data-nyf-search-index]");
  function searchUrl(name, url) {
    var ours = search && search.getAttribute(name);
    return ours ? new URL(ours, document.baseURI).href : url;
  }

  function start(name) {
    var group = GROUPS[name];
    if (group.started) return;
    group.started = true;
    group.waiting.splice(0).forEach(function (run) { run(); });
  }
  function later(name, run) {
    var group = GROUPS[name];
    if (group.started) run(); else group.waiting.push(run);
  }
  function groupOf(url) {
    for (var i = 0; i < DEFERRED_URLS.length; i++) {
      if (DEFERRED_URLS[i][0].test(String(url))) return DEFERRED_URLS[i][1];
    }
    return null;
  }

  // Material requests both files with XMLHttpRequest: send them on demand.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.nyfDeferredGroup = groupOf(url);
    var args = Array.prototype.slice.call(arguments);
    if (this.nyfDeferredGroup === "search") args[1] = searchUrl("data-nyf-search-index", url);
    return open.apply(this, args);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this;
    var args = arguments;
    if (!xhr.nyfDeferredGroup) return send.apply(xhr, args);
    later(xhr.nyfDeferredGroup, function () { send.apply(xhr, args); });
  };

  // The search worker: a stand-in that queues messages until the real one
  // starts. Material only uses addEventListener("message") and postMessage.
  var RealWorker = window.Worker;
  if (RealWorker && typeof EventTarget === "function") {
    window.Worker = function (url, options) {
      if (!SEARCH_WORKER.test(String(url))) return new RealWorker(url, options);
      var standIn = new EventTarget();
      var queue = [];
      var real = null;
      standIn.postMessage = function (message) {
        if (real) real.postMessage(message); else queue.push(message);
      };
      standIn.terminate = function () { if (real) real.terminate(); };
      later("search", function () {
        var material = new URL(url, document.baseURI).href;
        var worker = searchUrl("data-nyf-search-worker", "");
        real = new RealWorker(worker ? worker + "#" + encodeURIComponent(material) : url, options);
        real.addEventListener("message", function (event) {
          standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
        });
        real.addEventListener("error", function () { standIn.dispatchEvent(new Event("error")); });
        queue.splice(0).forEach(function (message) { real.postMessage(message); });
      });
      return standIn;
    };
  }

  // Intent: focus, touch or a change inside the region. Material's keyboard
  // shortcuts for search focus the search field, which lands here too.
  function intent(event) {
    var target = event.target;
    if (!target || !target.closest) return;
    Object.keys(GROUPS).forEach(function (name) {
      if (target.closest(GROUPS[name].where)) start(name);
    });
  }
  ["focusin", "pointerdown", "mouseover", "change"].forEach(function (type) {
    document.addEventListener(type, intent, true);
  });

  // Material's scripts, when main.html defers them: run them in order on the
  // first sign of a search. Material waits for DOMContentLoaded, which has
  // passed by then, so its listener is called at once while it loads.
  var theme = document.querySelectorAll("script[data-nyf-deferred-src]");
  if (theme.length) {
    document.documentElement.classList.remove("no-js");
    document.documentElement.classList.add("js");
    var loadTheme = function () {
      var addEventListener = document.addEventListener;
      document.addEventListener = function (type, listener) {
        if (type === "DOMContentLoaded" && document.readyState !== "loading") {
          setTimeout(function () { listener.call(document, new Event(type)); }, 0);
          return;
        }
        return addEventListener.apply(this, arguments);
      };
      var remaining = theme.length;
      Array.prototype.forEach.call(theme, function (placeholder) {
        var script = document.createElement("script");
        script.async = false;  // keep Material's order
        script.src = placeholder.getAttribute("data-nyf-deferred-src");
        script.onload = script.onerror = function () {
          if (--remaining === 0) document.addEventListener = addEventListener;
        };
        placeholder.parentNode.insertBefore(script, placeholder);
      });
    };
    GROUPS.search.waiting.unshift(loadTheme);
  }
  // The styles of search results, split from the page's stylesheet after the
  // build (hooks/prune_css.py): fetched with the search, not on first view.
  var styles = document.querySelectorAll("script[data-nyf-deferred-stylesheet]");
  if (styles.length) {
    GROUPS.search.waiting.unshift(function () {
      Array.prototype.forEach.call(styles, function (placeholder) {
        var link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = placeholder.getAttribute("data-nyf-deferred-stylesheet");
        document.head.appendChild(link);
      });
    });
  }
  if (/[?&]h=/.test(location.search)) start("search");
})();
