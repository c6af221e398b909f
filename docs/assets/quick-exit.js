/* Quick exit: the button, or Shift pressed three times within a second, replaces this page with an
   everyday site. replace() keeps this page out of the Back button; it cannot erase history.
   Also: the discretion settings (neutral title, the note). */
(function () {
  "use strict";
  var WINDOW_MS = 1000;
  var SETTINGS = "settings"; /* read before paint by the inline script in overrides/main.html */
  var root = document.documentElement;
  var presses = [];

  function leave() {
    var link = document.querySelector("[data-quick-exit]");
    if (!link) return;
    root.style.visibility = "hidden"; /* hide the page at once, before the next one loads */
    window.location.replace(link.href);
  }

  /* A page restored by Back from the browser's cache would still be hidden: show it again (as GOV.UK does). */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) root.style.visibility = "";
  });

  /* Only Shift, three times in a row: any other key in between (typing capitals) starts the count again. */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      presses = [];
      return;
    }
    if (event.repeat) return;
    var now = Date.now();
    presses = presses.filter(function (time) { return now - time < WINDOW_MS; });
    presses.push(now);
    if (presses.length >= 3) {
      presses = [];
      leave();
    }
  });

  function settings() { return hallPass.read(SETTINGS) || {}; }

  /* A setting applies at once; when the browser will not let it be remembered, the switch says for how long it lasts. */
  function change(name, value, box) {
    var kept = hallPass.update(SETTINGS, function (current) {
      var next = current || {};
      next[name] = value;
      return next;
    });
    show();
    if (box && !kept) {
      var note = box.parentNode.querySelector(".hp-setting-note") || document.createElement("span");
      note.className = "hp-setting-note";
      note.setAttribute("role", "status");
      note.textContent = " This browser will not let the site remember this: it lasts " + hallPass.keeping().lasts + ".";
      box.parentNode.appendChild(note);
    }
  }

  /* Make the page match the stored settings: the title, every switch, the note. */
  function show() {
    var current = settings();
    window.hallPassNeutralTitle(current.neutralTitle === true);
    root.classList.toggle("hp-note-dismissed", current.noteDismissed === true);
    Array.prototype.forEach.call(document.querySelectorAll("[data-setting]"), function (box) {
      box.checked = current[box.getAttribute("data-setting")] === true;
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) return;
    if (target.closest("[data-quick-exit]")) {
      event.preventDefault();
      leave();
    } else if (target.closest("[data-action=dismiss-note]")) {
      change("noteDismissed", true);
    }
  });
  document.addEventListener("change", function (event) {
    var name = event.target.getAttribute("data-setting");
    if (name) change(name, event.target.checked, event.target);
  });
  document.addEventListener("hallpass:erased", show);
  document.addEventListener("hallpass:restored", show);
  document.addEventListener("hallpass:changed", show); /* another tab changed a setting */

  hallPass.onEveryPage(function () {
    show();
  });
})();
