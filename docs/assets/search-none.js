/* When search finds nothing, show the calm note under the results (overrides/partials/search-none.html):
   the three ways in and Get help, never a blank screen. Material fills the result list and its count
   line; this only watches them. */
(function () {
  "use strict";

  var result = document.querySelector(".md-search-result");
  var note = document.querySelector(".md-search .hp-search-none");
  var input = document.querySelector(".md-search__input");
  if (!result || !note || !input) return;

  /* The search box stays in place through instant navigation; its links were written for the first
     page, so fix them as full addresses before the address changes. */
  note.querySelectorAll("a[href]").forEach(function (link) { link.setAttribute("href", link.href); });

  var meta = result.querySelector(".md-search-result__meta");
  var list = result.querySelector(".md-search-result__list");
  var loading = meta.textContent.trim();  /* "Initializing search": not an answer yet */

  function update() {
    var answered = meta.textContent.trim() !== loading;
    note.hidden = !(answered && input.value.trim() && !list.children.length);
  }

  new MutationObserver(update).observe(result, { childList: true, subtree: true, characterData: true });
  input.addEventListener("input", update);
})();
