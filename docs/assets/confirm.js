/* Erasing asks first, in the page, and can be undone: hallPass.askFirst(button, words, erase) shows a
   panel after the button's row, with focus on it. "Yes" runs erase(), which returns a function that
   puts everything back; the panel then offers Undo for as long as the reader stays on the page.
   words: {question, yes, done, undone}. Used by checklists, the worksheet and the privacy page. */
(function () {
  "use strict";
  var count = 0;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function askFirst(trigger, words, erase) {
    var row = trigger.closest(".hp-needs-js") || trigger;
    var old = row.nextElementSibling;
    if (old && old.classList.contains("hp-confirm")) old.remove();
    var panel = element("div", "hp-confirm");
    var question = element("p", "hp-confirm__question", words.question);
    var yes = element("button", "md-button hp-button--warning", words.yes);
    var no = element("button", "md-button", "Cancel");
    var status = element("p", "hp-confirm__status");
    question.id = "hp-confirm-" + (++count);
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-labelledby", question.id);
    panel.tabIndex = -1;
    status.setAttribute("role", "status");
    yes.type = no.type = "button";
    panel.append(question, yes, no, status);
    row.after(panel);
    panel.focus();

    no.addEventListener("click", function () {
      panel.remove();
      trigger.focus();
    });
    yes.addEventListener("click", function () {
      var undo = erase();
      var again = element("button", "md-button", "Undo");
      again.type = "button";
      question.remove();
      yes.remove();
      no.remove();
      status.textContent = words.done;
      panel.insertBefore(again, status);
      again.focus();
      again.addEventListener("click", function () {
        undo();
        again.remove();
        status.textContent = words.undone;
        trigger.focus();
      });
    });
  }

  window.hallPass.askFirst = askFirst;
})();
