/* Quick exit: the button, or Shift pressed three times within a second, replaces this page with an
   everyday site. replace() keeps this page out of the Back button; it cannot erase history. */
(function () {
  "use strict";
  var WINDOW_MS = 1000;
  var presses = [];

  function leave() {
    var link = document.querySelector("[data-quick-exit]");
    if (!link) return;
    document.documentElement.style.visibility = "hidden"; /* hide the page at once, before the next one loads */
    window.location.replace(link.href);
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-quick-exit]")) {
      event.preventDefault();
      leave();
    }
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
})();
