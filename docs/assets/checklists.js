/* Checklists: ticks kept in this browser (through hallPass, keyed by checklist and item ids only),
   a progress line read out politely, printing one checklist or a blank copy for two, erasing. */
(function () {
  "use strict";
  var store = window.hallPass;
  if (!store) return;
  var root = document.documentElement;

  function key(id) { return "checklist:" + id; }

  /* The one format ticks have had: {items: {itemId: true}}. Anything else (items as a list, a newer
     version) is set aside by hallPass, not deleted. */
  function upgrade(value) {
    if (!value || typeof value !== "object" || Array.isArray(value) || value.version !== undefined) return null;
    var items = value.items;
    return items && typeof items === "object" && !Array.isArray(items) ? value : null;
  }

  /* Saved ticks as {itemId: true}. */
  function savedTicks(id) {
    var saved = store.read(key(id), upgrade);
    var ticks = {};
    if (saved) for (var item in saved.items) if (saved.items[item] === true) ticks[item] = true;
    return ticks;
  }

  /* What the progress line adds when a tick could not be stored. */
  function notKept() {
    var keeping = store.keeping();
    return keeping.readOnly
      ? " (this change is not being kept: this browser’s storage for this site is full or read-only)"
      : " (kept " + keeping.lasts + ": this browser does not let the site save)";
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

  function restore(id) {
    show(id, savedTicks(id));
    each(sectionsOf(id), function (section) {
      var progress = section.querySelector(".hp-checklist__progress");
      if (progress) store.offerAside(progress, key(id), "saved ticks for this checklist", function () { restore(id); });
    });
  }

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

  /* Store one box as it is now: only that item is written over what is stored, so another tab's ticks
     stay. False when it could not be kept. */
  function save(box) {
    var id = box.closest(".hp-checklist[data-checklist]").getAttribute("data-checklist");
    var item = box.closest("[data-item]").getAttribute("data-item");
    return store.update(key(id), function (saved) {
      var items = (saved && saved.items) || {};
      if (box.checked) items[item] = true;
      else delete items[item];
      return Object.keys(items).length ? { items: items } : null;
    }, upgrade);
  }

  /* Ticks the reader gave before this script ran (it arrives after the page is shown) join what is
     stored, instead of being undone by the first restore. Only the reader's own: a box the browser
     restored (going back to the page) may hold ticks erased since. */
  function keepEarlyTicks(scope) {
    var boxes = scope.querySelectorAll(".hp-checklist__item input");
    Array.prototype.filter.call(boxes, store.changedBeforeNow).forEach(save);
  }

  function tick(box) {
    var section = box.closest(".hp-checklist[data-checklist]");
    var id = section.getAttribute("data-checklist");
    var kept = save(box);
    restore(id);
    if (!kept) {
      var progress = section.querySelector(".hp-checklist__progress");
      if (progress) progress.textContent += notKept();
    }
  }

  /* Print one checklist (or, with no section, the whole booklet). Where the page holds more than this
     checklist, the rest is hidden on paper. */
  function print(section, blank) {
    var alone = !section || section.classList.contains("hp-checklist--page") && document.querySelectorAll(".hp-checklist").length === 1;
    root.classList.toggle("hp-print-blank", blank);
    root.classList.toggle("hp-print-one", !alone);
    if (section) section.classList.add("hp-print-target");
    window.addEventListener("afterprint", function done() {
      window.removeEventListener("afterprint", done);
      root.classList.remove("hp-print-blank", "hp-print-one");
      if (section) section.classList.remove("hp-print-target");
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
      }, function () {
        var erased = store.eraseAll();
        return { undo: erased.undo, message: erased.left ? "Erased what could be erased. " + store.notErased(erased.left) : null };
      });
    } else if (action === "print-booklet" || action === "print-booklet-blank") {
      print(null, action === "print-booklet-blank");
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
        var gone = store.remove(key(id));
        show(id, gone ? {} : savedTicks(id));
        return {
          message: gone ? null : store.notErased(1),
          undo: function () {
            if (Object.keys(ticks).length) store.write(key(id), { items: ticks });
            restore(id);
          }
        };
      });
    }
  });

  /* After an erase anywhere (this page's button or the privacy page), show empty checklists. */
  document.addEventListener("hallpass:erased", function () { restoreAll(document); });
  document.addEventListener("hallpass:restored", function () { restoreAll(document); });
  /* Another tab ticked, unticked or erased: show what is stored now. */
  document.addEventListener("hallpass:changed", function () { restoreAll(document); });

  /* A new page (instant navigation keeps <html>) never inherits a print mode that was left on. */
  store.onEveryPage(function (scope) {
    root.classList.remove("hp-print-blank", "hp-print-one");
    keepEarlyTicks(scope);
    restoreAll(scope);
  });
})();
