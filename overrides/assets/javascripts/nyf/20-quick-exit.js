// Quick exit ("Exit this page"), modelled on the GOV.UK Design System
// component. The markup (partials/quick-exit.html) is a plain link that works
// without JavaScript; this part makes it leave faster and more completely:
//  - the page is blanked at once (overlay + inert + aria-hidden), before the
//    neutral site has even started to load;
//  - location.replace() swaps the current history entry, so Back does not
//    return to this page;
//  - Shift pressed three times within 5 seconds does the same;
//  - a back/forward-cache restore gives the reader a usable page again.
// The announcements come from data-* attributes rendered with gettext.
(function () {
  "use strict";

  // GOV.UK's research: three presses in five seconds is hard to do by accident
  // and easy to do on purpose.
  var PRESSES_NEEDED = 3;
  var PRESS_WINDOW_MS = 5000;
  // Clear the "press N more times" text a little after the window closes, so a
  // screen reader does not find a stale instruction later.
  var CLEAR_STATUS_MS = PRESS_WINDOW_MS;

  var root = document.querySelector("[data-nyf-exit]");
  if (!root) {
    return;
  }
  var button = root.querySelector("[data-nyf-exit-button]");
  var status = root.querySelector("[data-nyf-exit-status]");
  if (!button || !status) {
    return;
  }

  var exitUrl = button.href;
  var presses = 0;
  var pressTimer = null;
  var statusTimer = null;
  var statusSetTimer = null;
  // Shift is down and another key was pressed with it (Shift+A): that Shift
  // is typing, not a request to leave.
  var shiftDown = false;
  var shiftUsedWithOtherKey = false;
  var overlay = null;
  var overlayText = null;
  // Elements we made inert, with what they had before, to undo on restore.
  var hiddenElements = [];

  // Exposed as a button once we drive it: Space works, as for any button.
  button.setAttribute("role", "button");
  document.documentElement.classList.add("nyf-exit-js");

  // Keep Material's sticky header, sidebars and anchors below the bar: the
  // bar's real height (it grows when a long translation wraps) goes into a
  // custom property that 20-quick-exit.css uses. The CSS holds a fallback.
  function syncHeight() {
    var height = root.getBoundingClientRect().height;
    if (height > 0) {
      document.documentElement.style.setProperty("--nyf-exit-height", height + "px");
    }
  }
  syncHeight();
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(syncHeight).observe(root);
  } else {
    window.addEventListener("resize", syncHeight);
  }

  function announce(text) {
    // Empty first, so the same text twice is still announced.
    status.textContent = "";
    window.clearTimeout(statusTimer);
    window.clearTimeout(statusSetTimer);
    if (!text) {
      return;
    }
    statusSetTimer = window.setTimeout(function () {
      status.textContent = text;
    }, 50);
    statusTimer = window.setTimeout(function () {
      status.textContent = "";
    }, CLEAR_STATUS_MS);
  }

  function resetPresses() {
    presses = 0;
    window.clearTimeout(pressTimer);
    pressTimer = null;
  }

  function blankPage() {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.className = "nyf-exit-overlay";
      overlay.setAttribute("role", "status");
      // Heard by screen readers, never seen: the page must look blank.
      overlayText = document.createElement("span");
      overlayText.className = "nyf-exit-overlay__text";
      overlay.appendChild(overlayText);
    }
    document.body.appendChild(overlay);
    // Hide everything else from sight, from the keyboard and from assistive
    // technology. The overlay alone would leave the page readable by a screen
    // reader and reachable with Tab.
    hiddenElements = [];
    Array.prototype.forEach.call(document.body.children, function (element) {
      if (element === overlay) {
        return;
      }
      hiddenElements.push({
        element: element,
        ariaHidden: element.getAttribute("aria-hidden"),
        inert: element.inert === true
      });
      element.setAttribute("aria-hidden", "true");
      element.inert = true;
    });
    document.documentElement.classList.add("nyf-exiting");
    overlayText.textContent = root.getAttribute("data-nyf-exit-leaving") || "";
    if (document.activeElement && document.activeElement.blur) {
      document.activeElement.blur();
    }
  }

  function restorePage() {
    document.documentElement.classList.remove("nyf-exiting");
    hiddenElements.forEach(function (saved) {
      if (saved.ariaHidden === null) {
        saved.element.removeAttribute("aria-hidden");
      } else {
        saved.element.setAttribute("aria-hidden", saved.ariaHidden);
      }
      saved.element.inert = saved.inert;
    });
    hiddenElements = [];
    if (overlay && overlay.parentNode) {
      overlay.parentNode.removeChild(overlay);
    }
    resetPresses();
    shiftDown = false;
    shiftUsedWithOtherKey = false;
    announce("");
  }

  function exitPage(event) {
    if (event) {
      event.preventDefault();
    }
    resetPresses();
    blankPage();
    // replace(): the exited page leaves the history, unlike a normal link.
    window.location.replace(exitUrl);
  }

  button.addEventListener("click", exitPage);
  button.addEventListener("keydown", function (event) {
    // A link only reacts to Enter; a button also to Space. preventDefault
    // stops Space from scrolling the page.
    if (event.key === " " || event.key === "Spacebar") {
      exitPage(event);
    }
  });

  function isShift(event) {
    return event.key === "Shift";
  }

  document.addEventListener(
    "keydown",
    function (event) {
      if (isShift(event)) {
        if (!event.repeat) {
          shiftDown = true;
          shiftUsedWithOtherKey = false;
        }
        return;
      }
      // Any other key ends a sequence; with Shift held it is typing (Shift+A).
      if (shiftDown) {
        shiftUsedWithOtherKey = true;
      }
      if (presses > 0) {
        resetPresses();
        announce("");
      }
    },
    true
  );

  document.addEventListener(
    "keyup",
    function (event) {
      if (!isShift(event)) {
        return;
      }
      var counts = shiftDown && !shiftUsedWithOtherKey && !event.ctrlKey && !event.altKey && !event.metaKey;
      shiftDown = false;
      shiftUsedWithOtherKey = false;
      if (!counts) {
        resetPresses();
        return;
      }
      presses += 1;
      if (presses === 1) {
        pressTimer = window.setTimeout(function () {
          resetPresses();
          announce("");
        }, PRESS_WINDOW_MS);
      }
      if (presses >= PRESSES_NEEDED) {
        exitPage(null);
      } else if (PRESSES_NEEDED - presses === 2) {
        announce(root.getAttribute("data-nyf-exit-two-more"));
      } else {
        announce(root.getAttribute("data-nyf-exit-one-more"));
      }
    },
    true
  );

  // A page restored from the back/forward cache comes back as it was left:
  // blanked. Give the reader a working page again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      restorePage();
      syncHeight();
    }
  });
  // The window losing focus (for example Alt+Tab) ends a sequence.
  window.addEventListener("blur", function () {
    shiftDown = false;
    resetPresses();
  });
})();
