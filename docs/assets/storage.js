/* The one place the site touches browser storage. Everything lives under "hallpass:v1:" in this
   browser only; nothing is ever sent anywhere. Storage can be missing, blocked, read-only or full,
   shared with other tabs, or hold a value this page cannot read; this module says which, so each page
   promises only what holds:
   - "browser": localStorage works; kept until erased.
   - "tab":     localStorage is blocked but sessionStorage works; kept until this tab is closed.
   - "page":    nothing can be stored; kept in memory until the reader leaves or reloads the page.
   - readOnly:  localStorage can be read (what was saved still shows) but not written (full, or
                refused); new changes are kept in memory only, and erasing still removes what it can.
   A value that cannot be read, or comes from a newer format, is never deleted: it is kept aside under
   "hallpass:v1:aside:<name>" until the reader keeps it as a file or erases it. */
(function () {
  "use strict";
  var NAMESPACE = "hallpass:";
  var PREFIX = NAMESPACE + "v1:";
  var ASIDE = "aside:";
  var memory = {}; /* values this page could not store: they win over storage until stored or erased */
  var held = {}; /* unreadable values that could not be moved aside: never overwritten */

  /* The real storage area behind the guard's stand-in (overrides/main.html), if it can be read. */
  function readable(name) {
    try {
      var area = window[name];
      if (area && area.hallPassStandIn) area = area.hallPassReal || null;
      if (!area) return null;
      area.getItem(PREFIX + "probe");
      return area;
    } catch (error) {
      return null;
    }
  }

  function writable(area) {
    if (!area) return false;
    try {
      area.setItem(PREFIX + "probe", "1");
      area.removeItem(PREFIX + "probe");
      return true;
    } catch (error) {
      return false;
    }
  }

  /* Where values live on this page, decided once per page load (storage does not change mode). */
  var local = readable("localStorage");
  var session = local ? null : readable("sessionStorage");
  var area = local || (writable(session) ? session : null);
  var mode = local ? "browser" : area ? "tab" : "page";
  var readOnly = !!local && !writable(local);

  function keeping() {
    return { mode: mode, readOnly: readOnly, lasts: readOnly || mode === "page" ? "until you leave or reload this page"
      : mode === "tab" ? "until you close this tab" : null };
  }

  function rawOf(name) {
    if (Object.prototype.hasOwnProperty.call(memory, name)) return memory[name];
    if (!area) return null;
    try { return area.getItem(PREFIX + name); } catch (error) { return null; }
  }

  function isRecord(value) { return !!value && typeof value === "object" && !Array.isArray(value); }

  /* Move an unreadable value aside (or, when storage cannot be written, leave it where it is and
     never write over it). Either way the owning page can offer it as a file. */
  function setAside(name, raw) {
    delete memory[name];
    try {
      area.setItem(PREFIX + ASIDE + name, raw);
      area.removeItem(PREFIX + name);
    } catch (error) {
      held[name] = raw;
    }
  }

  /* The value under `name`, as the page's current format, or null. `upgrade(value)` turns a parsed
     value of any format this page knows into the current one, and returns null for one it does not
     know (a newer format, or the wrong shape): that value is set aside, never deleted. */
  function read(name, upgrade) {
    if (held[name] !== undefined && !Object.prototype.hasOwnProperty.call(memory, name)) return null;
    var raw = rawOf(name);
    if (raw === null || raw === undefined) return null;
    var value;
    try { value = JSON.parse(raw); } catch (error) { value = undefined; }
    var current = value === undefined ? null : upgrade ? upgrade(value) : isRecord(value) ? value : null;
    if (current === null || current === undefined) {
      if (Object.prototype.hasOwnProperty.call(memory, name)) delete memory[name];
      else if (area) setAside(name, raw);
      return null;
    }
    return current;
  }

  /* Store a value; returns false when it is not kept in this browser until erased: kept for this tab
     (sessionStorage) or in memory only. keeping() says for how long. */
  function write(name, value) {
    var raw = JSON.stringify(value);
    if (area && held[name] === undefined) {
      try {
        area.setItem(PREFIX + name, raw);
        delete memory[name];
        return mode === "browser";
      } catch (error) { /* full or read-only: kept in memory below */ }
    }
    memory[name] = raw;
    return false;
  }

  /* Read, change, write: each change applies to what is stored now, so a change made in another tab
     to another item is kept, and an erase made there is not written back. */
  function update(name, change, upgrade) {
    var value = read(name, upgrade);
    var next = change(value);
    return next === null ? remove(name) : write(name, next);
  }

  /* Remove a value; returns false when the browser kept it (the page says so). */
  function remove(name) {
    delete memory[name];
    if (!area || held[name] !== undefined) return true;
    try {
      area.removeItem(PREFIX + name);
      return area.getItem(PREFIX + name) === null;
    } catch (error) {
      return false;
    }
  }

  /* A value kept aside for `name` (the raw text), or null. */
  function aside(name) {
    if (held[name] !== undefined) return held[name];
    if (!area) return null;
    try { return area.getItem(PREFIX + ASIDE + name); } catch (error) { return null; }
  }

  /* Erase what was kept aside; returns false when the browser kept it. */
  function eraseAside(name) {
    try {
      if (held[name] !== undefined) {
        area.removeItem(PREFIX + name);
        if (area.getItem(PREFIX + name) !== null) return false;
        delete held[name];
        return true;
      }
      if (area) area.removeItem(PREFIX + ASIDE + name);
      return !area || area.getItem(PREFIX + ASIDE + name) === null;
    } catch (error) {
      return false;
    }
  }

  /* Offer a text as a file the reader keeps (the name says nothing about the topic). */
  function download(fileName, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  /* What a page says when the browser kept `left` values it was asked to erase. */
  function notErased(left) {
    return "This browser would not let the site remove " + (left === 1 ? "one saved value" : left + " saved values") +
      ". To remove " + (left === 1 ? "it" : "them") + ", clear this site’s data in your browser’s settings.";
  }

  /* One calm line before `anchor` when a value of `name` was kept aside: keep it as a file, or erase
     it. `what` names it for the reader ("saved answers"); `done` runs once the line is gone. */
  function offerAside(anchor, name, what, done) {
    var old = anchor.parentNode.querySelector('.hp-aside[data-aside="' + name + '"]');
    var raw = aside(name);
    if (!raw) {
      if (old) old.remove();
      return;
    }
    if (old) return;
    var line = document.createElement("p");
    line.className = "hp-aside";
    line.setAttribute("data-aside", name);
    line.innerHTML = '<span></span> <button type="button" class="hp-aside__keep"></button> / ' +
      '<button type="button" class="hp-aside__erase"></button> <span class="hp-aside__status" role="status"></span>';
    line.children[0].textContent = "Some " + what + " could not be read by this page. They are kept aside, not used.";
    line.children[1].textContent = "Keep them as a file";
    line.children[2].textContent = "Erase them";
    line.children[1].onclick = function () {
      download("saved-data.txt", "text/plain", aside(name) || raw);
      line.children[3].textContent = "Saved as a file. Delete it when you no longer need it.";
    };
    line.children[2].onclick = function () {
      if (eraseAside(name)) {
        line.remove();
        if (done) done();
      } else {
        line.children[3].textContent = notErased(1);
      }
    };
    anchor.parentNode.insertBefore(line, anchor);
  }

  /* Every key this site wrote, any version, plus Material's own settings (palette, search) for this
     site, from every storage area that can be read, full or not. Returns {undo, left}: undo puts back
     exactly what was erased (the privacy page's Undo); left counts values the browser would not let go. */
  function eraseAll() {
    var kept = { memory: memory, held: held, areas: [] };
    var scope = window.__md_scope ? window.__md_scope.pathname : "/";
    var left = 0;
    memory = {};
    held = {};
    [readable("localStorage"), readable("sessionStorage")].forEach(function (store) {
      if (!store) return;
      var values = {};
      for (var i = 0; i < store.length; i++) {
        var key = store.key(i);
        if (key && (key.indexOf(NAMESPACE) === 0 || key.indexOf(scope + ".__") === 0)) values[key] = store.getItem(key);
      }
      Object.keys(values).forEach(function (key) {
        try { store.removeItem(key); } catch (error) { /* counted below */ }
        if (store.getItem(key) !== null) left++;
      });
      kept.areas.push({ store: store, values: values });
    });
    document.dispatchEvent(new CustomEvent("hallpass:erased"));
    return {
      left: left,
      undo: function restore() {
        memory = kept.memory;
        held = kept.held;
        kept.areas.forEach(function (saved) {
          Object.keys(saved.values).forEach(function (key) {
            try { saved.store.setItem(key, saved.values[key]); } catch (error) { /* full again: left as erased */ }
          });
        });
        document.dispatchEvent(new CustomEvent("hallpass:restored"));
      }
    };
  }

  /* Another tab changed or erased something: tell this page's owners, with the name that changed
     (null after a clear of the whole area). */
  window.addEventListener("storage", function (event) {
    if (event.key !== null && event.key.indexOf(NAMESPACE) !== 0) return;
    var name = event.key && event.key.indexOf(PREFIX) === 0 ? event.key.slice(PREFIX.length) : null;
    if (name && name.indexOf(ASIDE) === 0) name = name.slice(ASIDE.length);
    if (name === "probe") return;
    if (name) delete memory[name];
    document.dispatchEvent(new CustomEvent("hallpass:changed", { detail: { name: name } }));
  });

  /* Has the reader changed this control on this page? Noted from the first moment by an inline script in
     overrides/main.html (window.hallPassChanged). Scripts that arrive after the page is shown use it to
     keep taps made before they ran, and to leave alone a state the browser restored on its own. */
  function changedBeforeNow(control) { return !!window.hallPassChanged && window.hallPassChanged.has(control); }

  /* Run `setup` on every page view, including Material's instant navigation. */
  function onEveryPage(setup) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { setup(document); });
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { setup(document); });
    } else {
      setup(document);
    }
  }

  window.hallPass = {
    read: read, write: write, update: update, remove: remove, eraseAll: eraseAll, onEveryPage: onEveryPage,
    keeping: keeping, aside: aside, eraseAside: eraseAside, download: download, notErased: notErased,
    offerAside: offerAside, changedBeforeNow: changedBeforeNow
  };
})();
