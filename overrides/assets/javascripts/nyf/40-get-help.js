// The get-help box (partials/get-help.html): the reader chooses a country once
// and the box shows that country's child helpline on every page.
// Plain ES2017, no libraries. The choice stays in this browser (localStorage):
// no cookie, no geolocation, no request to any other host.
(function () {
  "use strict";

  var STORAGE_KEY = "nyf-country";

  // localStorage throws in some private modes and when storage is disabled;
  // the box then still works for the current page.
  function readChoice() {
    try {
      return window.localStorage.getItem(STORAGE_KEY) || "";
    } catch (error) {
      return "";
    }
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

  // tel: links are built from the data (hooks/helplines.py), never from input.
  function telLink(phone) {
    var link = element("a", "nyf-get-help__tel", phone.number);
    link.href = phone.tel;
    link.dir = "ltr";
    return link;
  }

  function render(result, country, labels, directory) {
    result.textContent = "";
    if (!country) return;
    country.helplines.forEach(function (helpline) {
      var card = element("div", "nyf-get-help__helpline");
      card.appendChild(element("p", "nyf-get-help__name", helpline.name));
      (helpline.phones || []).forEach(function (phone) {
        var line = element("p", "nyf-get-help__phone");
        line.appendChild(document.createTextNode(labels.call + " "));
        line.appendChild(telLink(phone));
        card.appendChild(line);
      });
      if (helpline.hours) card.appendChild(element("p", "nyf-get-help__hours", helpline.hours));
      ["chat", "website"].forEach(function (name) {
        if (!helpline[name]) return;
        var line = element("p");
        var link = element("a", "", labels[name]);
        link.href = helpline[name];
        line.appendChild(link);
        card.appendChild(line);
      });
      result.appendChild(card);
    });
    if (country.emergency.length) {
      var urgent = element("p", "nyf-get-help__emergency", labels.emergency + " ");
      urgent.appendChild(telLink(country.emergency[0]));
      result.appendChild(urgent);
    }
    var more = element("p");
    var link = element("a", "", labels.more);
    link.href = new URL(country.page, new URL(directory, document.baseURI)).href;
    more.appendChild(link);
    result.appendChild(more);
  }

  function start(box) {
    var select = box.querySelector("[data-nyf-get-help-select]");
    var result = box.querySelector("[data-nyf-get-help-result]");
    var directory = box.getAttribute("data-nyf-get-help-directory");
    fetch(box.getAttribute("data-nyf-get-help-src"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        var byCode = {};
        data.countries.forEach(function (country) {
          byCode[country.code] = country;
          var option = element("option", "", country.name);
          option.value = country.code;
          select.appendChild(option);
        });
        var chosen = readChoice();
        if (!byCode[chosen]) chosen = "";
        select.value = chosen;
        render(result, byCode[chosen], data.labels, directory);
        select.addEventListener("change", function () {
          saveChoice(select.value);
          render(result, byCode[select.value], data.labels, directory);
        });
        box.querySelector("[data-nyf-get-help-choose]").hidden = false;
      })
      .catch(function () {
        // Without the data the box keeps its link to the directory.
      });
  }

  function init() {
    var boxes = document.querySelectorAll("[data-nyf-get-help]");
    for (var i = 0; i < boxes.length; i++) start(boxes[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
