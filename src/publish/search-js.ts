/**
 * The search page's script. The index arrives as script files that push shards onto
 * `window.STACKLOG_SEARCH` (so it works from file://, where fetch is refused); MiniSearch
 * indexes them in the browser. Results are built with textContent.
 */
export const SEARCH_JS = `(function () {
  "use strict";
  var shards = window.STACKLOG_SEARCH || [];
  var docs = [];
  shards.forEach(function (s) {
    s.docs.forEach(function (d) {
      docs.push({ id: docs.length, url: d[0], kind: d[1], journal: s.title, text: d[2], tail: d[3] || "" });
    });
  });
  var ms = new MiniSearch({
    fields: ["journal", "text", "tail"],
    storeFields: ["url", "kind", "journal", "text"],
    searchOptions: { prefix: true, fuzzy: 0.15, combineWith: "AND", boost: { text: 3, journal: 1.5 } }
  });
  ms.addAll(docs);
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var count = document.getElementById("result-count");
  function show(q) {
    list.textContent = "";
    if (!q.trim()) { count.textContent = docs.length + " items indexed"; return; }
    var hits = ms.search(q).slice(0, 200);
    count.textContent = hits.length + (hits.length === 200 ? "+" : "") + " results";
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.url; a.textContent = h.text.length > 200 ? h.text.slice(0, 200) + "…" : h.text;
      var where = document.createElement("div");
      where.className = "where"; where.textContent = h.kind + " · " + h.journal;
      li.appendChild(a); li.appendChild(where); list.appendChild(li);
    });
  }
  input.addEventListener("input", function () {
    show(input.value);
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
  });
  var q = new URLSearchParams(location.search).get("q") || "";
  input.value = q;
  show(q);
})();
`;
