/* Checklists: ticks kept in this browser (through hallPass, keyed by checklist and item ids only),
   a progress line read out politely, printing one checklist or a blank copy for two, erasing. */
(function () {
  "use strict";
  var store = window.hallPass;
  if (!store) return;
  var root = document.documentElement;
  var NOT_KEPT = " (for this visit only: this browser does not let the site save)";

  function key(id) { return "checklist:" + id; }

  /* Saved ticks as {itemId: true}; anything else stored under the key is removed. */
  function savedTicks(id) {
    var saved = store.read(key(id));
    var items = saved && saved.items;
    var ticks = {};
    if (!saved) return ticks;
    if (!items || typeof items !== "object" || Array.isArray(items)) {
      store.remove(key(id));
      return ticks;
    }
    for (var item in items) if (items[item] === true) ticks[item] = true;
    return ticks;
  }

  function sectionsOf(id) {
    return document.querySelectorAll('.hp-checklist[data-checklist="' + id + '"]');
  }

  function each(list, action) { Array.prototype.forEach.call(list, action); }

  /* Show `ticks` in every copy of the checklist on this page, and the count. */
  function show(id, ticks) {
    each(sectionsOf(id), function (section) {
      var count = 0;
      var boxes = section.querySelectorAll(".hp-checklist__item input");
      each(boxes, function (box) {
        box.checked = ticks[box.closest("[data-item]").getAttribute("data-item")] === true;
        if (box.checked) count++;
      });
      var progress = section.querySelector(".hp-checklist__progress");
      /* Personal steps (no data-total) keep no score. */
      if (progress) progress.textContent = progress.hasAttribute("data-total") ? count + " of " + boxes.length + " ticked" : "";
    });
  }

  function restore(id) { show(id, savedTicks(id)); }

  /* An item id an editor renamed (data/ids.lock, shown as data-renamed="old:new ..."): a saved tick
     under the old id moves to the new one, so the reader keeps it. Self-contained on purpose. */
  function moveRenamedTicks(section) {
    var renamed = section.getAttribute("data-renamed");
    var name = key(section.getAttribute("data-checklist"));
    var saved = renamed && store.read(name);
    if (!saved || !saved.items || typeof saved.items !== "object") return;
    var moved = false;
    renamed.split(" ").forEach(function (pair) {
      var ids = pair.split(":");
      if (saved.items[ids[0]] === true) {
        delete saved.items[ids[0]];
        saved.items[ids[1]] = true;
        moved = true;
      }
    });
    if (moved) store.write(name, saved);
  }

  function restoreAll(scope) {
    each(scope.querySelectorAll(".hp-checklist[data-checklist]"), function (section) {
      moveRenamedTicks(section);
      restore(section.getAttribute("data-checklist"));
    });
  }

  function tick(box) {
    var section = box.closest(".hp-checklist[data-checklist]");
    var id = section.getAttribute("data-checklist");
    var ticks = {};
    each(section.querySelectorAll(".hp-checklist__item input"), function (other) {
      if (other.checked) ticks[other.closest("[data-item]").getAttribute("data-item")] = true;
    });
    var kept = Object.keys(ticks).length ? store.write(key(id), { items: ticks }) : (store.remove(key(id)), true);
    show(id, ticks);
    if (!kept) {
      var progress = section.querySelector(".hp-checklist__progress");
      if (progress) progress.textContent += NOT_KEPT;
    }
  }

  /* Print one checklist. Where the page holds more than this checklist, the rest is hidden on paper. */
  function print(section, blank) {
    var alone = section.classList.contains("hp-checklist--page") && document.querySelectorAll(".hp-checklist").length === 1;
    root.classList.toggle("hp-print-blank", blank);
    root.classList.toggle("hp-print-one", !alone);
    section.classList.add("hp-print-target");
    window.addEventListener("afterprint", function done() {
      window.removeEventListener("afterprint", done);
      root.classList.remove("hp-print-blank", "hp-print-one");
      section.classList.remove("hp-print-target");
    });
    window.print();
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches(".hp-checklist__item input")) tick(event.target);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button) return;
    var action = button.getAttribute("data-action");
    var section = button.closest(".hp-checklist[data-checklist]");
    if (action === "erase-all") {
      store.askFirst(button, {
        question: "Erase every tick, answer and setting this site kept in this browser?",
        yes: "Yes, erase everything",
        done: "Done: everything this site kept in this browser is erased.",
        undone: "Everything is back as it was."
      }, store.eraseAll);
    } else if (!section) {
      return;
    } else if (action === "print" || action === "print-blank") {
      print(section, action === "print-blank");
    } else if (action === "erase") {
      var id = section.getAttribute("data-checklist");
      store.askFirst(button, {
        question: "Erase your ticks on this checklist?",
        yes: "Yes, erase my ticks",
        done: "Your ticks are erased.",
        undone: "Your ticks are back."
      }, function () {
        var ticks = savedTicks(id);
        store.remove(key(id));
        show(id, {});
        return function () {
          if (Object.keys(ticks).length) store.write(key(id), { items: ticks });
          show(id, ticks);
        };
      });
    }
  });

  /* After an erase anywhere (this page's button or the privacy page), show empty checklists. */
  document.addEventListener("hallpass:erased", function () { restoreAll(document); });
  document.addEventListener("hallpass:restored", function () { restoreAll(document); });

  /* A new page (instant navigation keeps <html>) never inherits a print mode that was left on. */
  store.onEveryPage(function (scope) {
    root.classList.remove("hp-print-blank", "hp-print-one");
    restoreAll(scope);
  });
})();
