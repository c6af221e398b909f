/* Search, made to fit this guide (Material's search does the searching):
   - A search that finds nothing shows the calm note under the results (overrides/partials/search-none.html):
     the three ways in and Get help, never a blank screen.
   - Highlighting with no search words in any address. Material's own highlighting puts the words in the
     result's link (?h=words), and the browser writes that address into its history before any script can
     remove it; so it is off (mkdocs.yml) and this does the same job. Opening a result keeps the words
     Material marked in that page's results (its sections too) in sessionStorage, for the page the link
     opens and no other; that page reads them once, deletes them, and marks them in its text. */
(function () {
  "use strict";

  /* ---- Nothing found: the note. Material fills the result list and its count line; this only watches them. ---- */
  function watchForNoResults() {
    var result = document.querySelector(".md-search-result");
    var note = document.querySelector(".md-search .hp-search-none");
    var input = document.querySelector(".md-search__input");
    if (!result || !note || !input) return;  /* no note: a page without our search partial (Zensical) */

    /* The search box stays in place through instant navigation; its links were written for the first
       page, so fix them as full addresses before the address changes. */
    note.querySelectorAll("a[href]").forEach(function (link) { link.setAttribute("href", link.href); });

    var meta = result.querySelector(".md-search-result__meta");
    var list = result.querySelector(".md-search-result__list");
    var loading = meta.getAttribute("data-hp-loading");  /* "Initializing search": not an answer yet */

    function update() {
      var answered = meta.textContent.trim() !== loading;
      note.hidden = !(answered && input.value.trim() && !list.children.length);
    }

    new MutationObserver(update).observe(result, { childList: true, subtree: true, characterData: true });
    input.addEventListener("input", update);
    update();  /* this script arrives after the page is shown: a search may have answered already */
  }

  /* ---- Highlighting: the words kept when a result is opened, marked on the page it opens. ---- */
  var KEY = "hallpass:v1:search-marks";
  var TEXT_ONLY = /^(SCRIPT|STYLE|TEXTAREA|INPUT|SELECT|MARK|SVG)$/;

  function samePage(a, b) { return a.origin === b.origin && a.pathname === b.pathname; }

  /* Capture phase: before Material follows the link. Keyboard users open a result with Enter, which
     Material turns into a click on the link, so this sees every way in. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-search-result__link");
    if (!link) return;
    var words = [];
    var item = link.closest(".md-search-result__item") || link;
    Array.prototype.forEach.call(item.querySelectorAll("mark"), function (mark) {
      var word = mark.textContent.trim().toLowerCase();
      if (word && words.indexOf(word) < 0) words.push(word);
    });
    try {
      if (words.length) window.sessionStorage.setItem(KEY, JSON.stringify({ page: link.href, words: words }));
      else window.sessionStorage.removeItem(KEY);
    } catch (error) { /* no session storage: no highlighting, and nothing kept */ }
  }, true);

  function takeWords() {
    var kept = null;
    try {
      kept = JSON.parse(window.sessionStorage.getItem(KEY));
      window.sessionStorage.removeItem(KEY);
    } catch (error) { return []; }
    if (!kept || !Array.isArray(kept.words) || typeof kept.page !== "string") return [];
    return samePage(new URL(kept.page, window.location.href), window.location) ? kept.words : [];
  }

  function escape(word) { return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  /* Each word where a word starts in the text, as Material's search matched it (it adds a wildcard). */
  function mark(content, words) {
    var pattern = new RegExp("(^|[^\\p{L}\\p{N}])(" + words.map(escape).join("|") + ")", "giu");
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        for (var el = node.parentElement; el && el !== content; el = el.parentElement) {
          if (TEXT_ONLY.test(el.tagName.toUpperCase())) return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
    nodes.forEach(function (text) {
      var value = text.nodeValue, last = 0, found, parts = document.createDocumentFragment();
      pattern.lastIndex = 0;
      while ((found = pattern.exec(value))) {
        var start = found.index + found[1].length;
        parts.appendChild(document.createTextNode(value.slice(last, start)));
        var highlight = document.createElement("mark");
        highlight.setAttribute("data-md-highlight", "");
        highlight.textContent = found[2];
        parts.appendChild(highlight);
        last = start + found[2].length;
      }
      if (last === 0) return;
      parts.appendChild(document.createTextNode(value.slice(last)));
      text.parentNode.replaceChild(parts, text);
    });
  }

  hallPass.onEveryPage(function () {
    var words = takeWords();
    var content = document.querySelector("article.md-content__inner");
    if (words.length && content) mark(content, words);
  });

  watchForNoResults();
})();
