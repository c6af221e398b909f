/* Erasing asks first, in the page, and can be undone. hallPass.askFirst(button, words, erase) puts a
   panel after the button's row and focuses it; "Yes" calls erase(), which returns the undo function.
   words: {question, yes, done, undone}. erase() may instead return {undo, message}: the message then
   replaces `done`, to say exactly what could not be erased. */
(function () {
  "use strict";
  var count = 0;

  function askFirst(trigger, words, erase) {
    var row = trigger.closest(".hp-needs-js") || trigger;
    var old = row.nextElementSibling;
    if (old && old.classList.contains("hp-confirm")) old.remove();
    var id = "hp-confirm-" + ++count;
    var panel = document.createElement("div");
    panel.className = "hp-confirm";
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-labelledby", id);
    panel.tabIndex = -1;
    panel.innerHTML = '<p class="hp-confirm__question" id="' + id + '"></p>' +
      '<button type="button" class="md-button hp-button--warning"></button>' +
      '<button type="button" class="md-button">Cancel</button><p class="hp-confirm__status" role="status"></p>';
    var parts = panel.children, status = parts[3];
    parts[0].textContent = words.question;
    parts[1].textContent = words.yes;
    row.after(panel);
    panel.focus();

    parts[2].onclick = function () {
      panel.remove();
      trigger.focus();
    };
    parts[1].onclick = function () {
      var result = erase();
      var undo = typeof result === "function" ? result : result.undo;
      var again = parts[2];
      parts[0].remove();
      parts[0].remove(); /* the question, then "Yes": "Cancel" stays, as "Undo" */
      again.textContent = "Undo";
      status.textContent = (result && result.message) || words.done;
      again.focus();
      again.onclick = function () {
        undo();
        again.remove();
        status.textContent = words.undone;
        trigger.focus();
      };
    };
  }

  window.hallPass.askFirst = askFirst;
})();
