/* "Copy" on script cards: the Clipboard API where allowed, a hidden text area otherwise, and a
   confirmation in the card's status region so screen readers hear it. */
(function () {
  "use strict";

  function copyWithTextArea(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "hp-visually-hidden";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(area);
    return copied;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyWithTextArea(text); }
      );
    }
    return Promise.resolve(copyWithTextArea(text));
  }

  function announce(button, message) {
    var status = button.parentNode.querySelector(".hp-card__status");
    if (!status) return;
    status.textContent = message;
    window.clearTimeout(button.hpTimer);
    button.hpTimer = window.setTimeout(function () { status.textContent = ""; }, 4000);
  }

  /* One listener for the whole document, so it survives instant navigation without re-binding. */
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest('[data-action="copy"]') : null;
    if (!button) return;
    copy(button.getAttribute("data-words")).then(function (copied) {
      announce(button, copied ? "Copied to your clipboard." : "Could not copy: select the words and copy them yourself.");
    });
  });
})();
