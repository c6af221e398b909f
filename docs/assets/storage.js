/* The one place the site touches browser storage. Everything lives under "hallpass:v1:" in this
   browser only; nothing is ever sent anywhere. When storage is missing, full or blocked (private
   windows, file://), values are kept in memory for the visit so the page keeps working. */
(function () {
  "use strict";
  var NAMESPACE = "hallpass:";
  var PREFIX = NAMESPACE + "v1:";
  var memory = {};

  function storage() {
    try {
      var area = window.localStorage;
      if (area.hallPassStandIn) return null; /* blocked storage: see overrides/main.html */
      area.setItem(PREFIX + "probe", "1");
      area.removeItem(PREFIX + "probe");
      return area;
    } catch (error) {
      return null;
    }
  }

  /* Parsed value of a key, or null. A value that is not valid JSON, or not an object, is removed. */
  function read(name) {
    var area = storage();
    var raw = area ? area.getItem(PREFIX + name) : memory[name];
    if (raw === null || raw === undefined) return null;
    try {
      var value = JSON.parse(raw);
      if (value && typeof value === "object" && !Array.isArray(value)) return value;
    } catch (error) { /* corrupt: replaced below */ }
    remove(name);
    return null;
  }

  /* Store a value; returns false when it could only be kept in memory for this visit. */
  function write(name, value) {
    var raw = JSON.stringify(value);
    memory[name] = raw;
    var area = storage();
    if (!area) return false;
    try {
      area.setItem(PREFIX + name, raw);
      return true;
    } catch (error) {
      return false;
    }
  }

  function remove(name) {
    delete memory[name];
    var area = storage();
    if (area) area.removeItem(PREFIX + name);
  }

  /* Every key this site wrote, any version, plus Material's own settings (palette, search) for this
     site. Returns a function that puts back exactly what was erased (the privacy page's Undo). */
  function eraseAll() {
    var kept = { memory: memory, local: {}, search: null };
    memory = {};
    var area = storage();
    var scope = window.__md_scope ? window.__md_scope.pathname : "/";
    if (area) {
      for (var i = 0; i < area.length; i++) {
        var key = area.key(i);
        if (key.indexOf(NAMESPACE) === 0 || key.indexOf(scope + ".__") === 0) kept.local[key] = area.getItem(key);
      }
      Object.keys(kept.local).forEach(function (key) { area.removeItem(key); });
    }
    try {
      kept.search = window.sessionStorage.getItem(scope + ".__search");
      window.sessionStorage.removeItem(scope + ".__search");
    } catch (error) { /* none */ }
    document.dispatchEvent(new CustomEvent("hallpass:erased"));
    return function restore() {
      memory = kept.memory;
      var back = storage();
      if (back) Object.keys(kept.local).forEach(function (key) { back.setItem(key, kept.local[key]); });
      try { if (kept.search !== null) window.sessionStorage.setItem(scope + ".__search", kept.search); } catch (error) { /* none */ }
      document.dispatchEvent(new CustomEvent("hallpass:restored"));
    };
  }

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

  window.hallPass = { read: read, write: write, remove: remove, eraseAll: eraseAll, onEveryPage: onEveryPage };
})();
