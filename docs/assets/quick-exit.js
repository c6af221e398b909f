/* Quick exit's settings: the neutral title and the first-visit note. Quick exit itself (the button, Shift
   three times) works from the first moment, inline in overrides/main.html; this script arrives once the
   page is parsed, and keeps what the reader changed before it ran. */
(function () {
  "use strict";
  var SETTINGS = "settings"; /* read before paint by the inline script in overrides/main.html */
  var root = document.documentElement;

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
    if (event.target.closest && event.target.closest("[data-action=dismiss-note]")) change("noteDismissed", true);
  });
  document.addEventListener("change", function (event) {
    var name = event.target.getAttribute("data-setting");
    if (name) change(name, event.target.checked, event.target);
  });
  document.addEventListener("hallpass:erased", show);
  document.addEventListener("hallpass:restored", show);
  document.addEventListener("hallpass:changed", show); /* another tab changed a setting */

  /* A switch turned, or the note dismissed, before this script ran: keep it, then show the page as stored. */
  function keepEarlyChanges() {
    var dismissed = root.classList.contains("hp-note-dismissed"); /* read first: change() shows what is stored */
    Array.prototype.forEach.call(document.querySelectorAll("[data-setting]"), function (box) {
      if (hallPass.changedBeforeNow(box)) change(box.getAttribute("data-setting"), box.checked, box);
    });
    if (dismissed && settings().noteDismissed !== true) change("noteDismissed", true);
  }

  keepEarlyChanges();
  hallPass.onEveryPage(show);
})();
