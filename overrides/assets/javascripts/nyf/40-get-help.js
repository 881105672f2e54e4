// The helpline boxes: get-help (partials/get-help.html, end of every page) and
// the first-screen, crisis and support-handout boxes that hooks/helplines.py
// puts where a page has their marker. The reader chooses a country once, in
// any box; every box on every page then shows that country's lines.
//
// Plain ES2017, no libraries. Nothing is fetched before a country is chosen;
// then only that country's small helplines/<cc>.json from this site. The
// choice stays in this browser (localStorage): no cookie, no geolocation.
// Every value from the data is set with textContent or as a link's href
// built by the site's own build (tel:, sms:, https:), never as HTML.
(function () {
  "use strict";

  var STORAGE_KEY = "nyf-country";
  // Longer addresses are shown as their host only (as on the cards); the link keeps the path.
  var MAX_SHOWN_ADDRESS = 40;
  var CODE = /^[A-Z]{2}$/;
  var cache = {};

  // localStorage throws in some private modes and when storage is disabled;
  // the boxes then still work for the current page.
  // The chosen country, else the edition's default (window.nyfCountry, 00-base.js).
  function readChoice() {
    return window.nyfCountry();
  }

  function saveChoice(code) {
    try {
      if (code) {
        window.localStorage.setItem(STORAGE_KEY, code);
      } else {
        window.localStorage.removeItem(STORAGE_KEY);
      }
    } catch (error) {
      // Not remembered; nothing else to do.
    }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Only links the build made: tel:, sms: and https: addresses, and pages of
  // this site (which a local preview serves over http).
  function safeHref(href) {
    if (/^(tel:|sms:|https:\/\/)/.test(href || "")) return href;
    try {
      return new URL(href).origin === location.origin ? href : "";
    } catch (error) {
      return "";
    }
  }

  function link(text, href, className) {
    var node = element("a", className || "", text);
    var safe = safeHref(href);
    if (safe) node.href = safe;
    return node;
  }

  function numberLink(phone, href) {
    var node = link(phone.number, href, "nyf-tel");
    node.dir = "ltr";
    return node;
  }

  // One line, its numbers and its hours: "Name — Call 116 111 (free) · 24 hours".
  function service(line, labels, compact) {
    var card = element("div", "nyf-hl__service");
    card.appendChild(element("p", "nyf-hl__name", line.name));
    var reach = element("p", "nyf-hl__reach");
    (line.phones || []).forEach(function (phone) {
      reach.appendChild(document.createTextNode(labels.call + " "));
      reach.appendChild(numberLink(phone, phone.tel));
      if (phone.cost) reach.appendChild(document.createTextNode(" (" + phone.cost + ")"));
      reach.appendChild(document.createTextNode(" "));
    });
    (line.sms || []).forEach(function (sms) {
      reach.appendChild(document.createTextNode(labels.text + " "));
      reach.appendChild(numberLink(sms, sms.sms));
      reach.appendChild(document.createTextNode(" "));
    });
    if (reach.childNodes.length) card.appendChild(reach);
    var hours = line.always ? labels.always : line.hours;
    if (hours) card.appendChild(element("p", "nyf-hl__hours", hours));
    if (!compact) {
      ["chat", "report_url", "website"].forEach(function (name) {
        if (!line[name]) return;
        var p = element("p", "nyf-hl__web");
        p.appendChild(document.createTextNode(labels[name] + ": "));
        var shown = line[name].replace(/^https:\/\//, "");
        if (shown.length > MAX_SHOWN_ADDRESS) shown = shown.split("/")[0];
        p.appendChild(link(shown, line[name]));
        card.appendChild(p);
      });
    }
    return card;
  }

  function emergency(data, className) {
    var p = element("p", className || "nyf-hl__emergency", data.labels.emergency + " ");
    p.appendChild(numberLink(data.emergency, data.emergency.tel));
    return p;
  }

  function crisisPart(result, data, compact) {
    if (data.crisis) {
      result.appendChild(element("p", "nyf-hl__label", data.labels.crisis));
      result.appendChild(service(data.crisis, data.labels, compact));
    } else {
      result.appendChild(element("p", "nyf-hl__label", data.labels.no_crisis));
    }
    if (data.emergency) result.appendChild(emergency(data));
  }

  function moreLink(result, data, base) {
    var p = element("p", "nyf-hl__more nyf-no-print");
    p.appendChild(link(data.labels.more, new URL(data.page, base).href));
    result.appendChild(p);
  }

  function section(result, title, lines, labels) {
    if (!lines || !lines.length) return;
    result.appendChild(element("h3", "nyf-hl__section", title));
    lines.forEach(function (line) {
      result.appendChild(service(line, labels, false));
    });
  }

  var RENDER = {
    first: function (result, data, base) {
      var child = data.child[0];
      if (child && (!data.crisis || data.crisis.name !== child.name)) {
        result.appendChild(service(child, data.labels, true));
      }
      crisisPart(result, data, true);
      moreLink(result, data, base);
    },
    "get-help": function (result, data, base) {
      data.child.forEach(function (line) {
        if (!data.crisis || data.crisis.name !== line.name) {
          result.appendChild(service(line, data.labels, false));
        }
      });
      crisisPart(result, data, false);
      moreLink(result, data, base);
    },
    crisis: function (result, data) {
      crisisPart(result, data, true);
    },
    handout: function (result, data, base) {
      result.appendChild(element("p", "nyf-hl__country", data.name));
      if (data.emergency) result.appendChild(emergency(data));
      section(result, data.labels.child, data.child, data.labels);
      if (data.crisis && !data.child.some(function (c) { return c.name === data.crisis.name; })) {
        result.appendChild(element("h3", "nyf-hl__section", data.labels.crisis));
        result.appendChild(service(data.crisis, data.labels, false));
      }
      section(result, data.labels.hotline, data.hotline, data.labels);
      section(result, data.labels.police, data.police, data.labels);
      section(result, data.labels.removal, data.removal, data.labels);
      moreLink(result, data, base);
    },
    report: function (result, data, base) {
      section(result, data.labels.police, data.police, data.labels);
      section(result, data.labels.hotline, data.hotline, data.labels);
      if (data.emergency) result.appendChild(emergency(data));
      moreLink(result, data, base);
    },
    remove: function (result, data, base) {
      section(result, data.labels.removal, data.removal, data.labels);
      section(result, data.labels.hotline, data.hotline, data.labels);
      moreLink(result, data, base);
    },
  };

  function load(base, code) {
    var url = new URL(code.toLowerCase() + ".json", base).href;
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
    }
    return cache[url];
  }

  function show(box, code) {
    var result = box.querySelector("[data-nyf-hl-result]");
    var fallback = box.querySelector("[data-nyf-hl-fallback]");
    var base = new URL(box.getAttribute("data-nyf-hl-src"), document.baseURI);
    result.textContent = "";
    if (!code) {
      if (fallback) fallback.hidden = false;
      return;
    }
    load(base, code)
      .then(function (data) {
        result.textContent = "";
        RENDER[box.getAttribute("data-nyf-hl")](result, data, base);
        // The crisis box keeps "call your emergency number" when nothing is sourced.
        if (fallback) fallback.hidden = Boolean(data.crisis || data.emergency);
      })
      .catch(function () {
        // Without the data the box keeps its link to the directory.
        if (fallback) fallback.hidden = false;
      });
  }

  function init() {
    var boxes = document.querySelectorAll("[data-nyf-hl]");
    var selects = document.querySelectorAll("[data-nyf-hl-select]");
    var chosen = readChoice();
    function showAll(code) {
      for (var i = 0; i < boxes.length; i++) show(boxes[i], code);
    }
    Array.prototype.forEach.call(selects, function (select) {
      if (!select.querySelector('option[value="' + chosen + '"]')) chosen = "";
    });
    Array.prototype.forEach.call(selects, function (select) {
      select.value = chosen;
      select.addEventListener("change", function () {
        var code = CODE.test(select.value) ? select.value : "";
        saveChoice(code);
        Array.prototype.forEach.call(selects, function (other) {
          other.value = code;
        });
        showAll(code);
      });
      select.closest("[data-nyf-hl-choose]").hidden = false;
    });
    if (chosen) showAll(chosen);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
