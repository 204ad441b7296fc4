/*
 * Ý kiến bạn đọc: comment counts for article pages and headline lists.
 *
 * Include once per page:  <script src="https://SERVICE/embed/counts.js" async></script>
 * Mark every place a count goes:  <span data-comment-count="ARTICLE_ID">0</span>
 *
 * Ids are asked for in batches (at most 100 ids and a short URL per request) from
 * GET /api/v1/counts, which browsers and CDNs cache (max-age + ETag). Numbers are
 * written with Vietnamese formatting. If the service cannot be reached, nothing is
 * thrown and every element keeps its fallback text. No dependencies.
 * Optional: data-api="https://SERVICE" on the script tag when the API lives elsewhere;
 * window.YKBDCounts.refresh() after adding elements dynamically.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var MAX_IDS = 100;
  var MAX_QUERY = 1800; // stays well inside every server's and proxy's request-line limit
  var VALID_ID = /^[A-Za-z0-9._~:\-]{1,128}$/;
  var format = (window.Intl && Intl.NumberFormat) ? new Intl.NumberFormat("vi-VN") : { format: String };

  function apiBase() {
    var explicit = script && script.getAttribute("data-api");
    if (explicit) return explicit.replace(/\/+$/, "");
    var src = (script && script.src) || "";
    return src.replace(/\/embed\/counts\.js(?:[?#].*)?$/, "");
  }

  function batches(ids) {
    var out = [], current = [], length = 0;
    ids.forEach(function (id) {
      var cost = encodeURIComponent(id).length + 1;
      if (current.length && (current.length >= MAX_IDS || length + cost > MAX_QUERY)) {
        out.push(current); current = []; length = 0;
      }
      current.push(id); length += cost;
    });
    if (current.length) out.push(current);
    return out;
  }

  function write(elements, counts) {
    elements.forEach(function (el) {
      var value = counts[el.getAttribute("data-comment-count")];
      if (typeof value === "number") {
        el.textContent = format.format(value);
        el.setAttribute("data-comment-count-loaded", "");
      }
    });
  }

  function refresh() {
    try {
      var base = apiBase();
      if (!base || !window.fetch) return;
      var elements = Array.prototype.slice.call(document.querySelectorAll("[data-comment-count]"));
      var seen = {}, ids = [];
      elements.forEach(function (el) {
        var id = el.getAttribute("data-comment-count");
        if (VALID_ID.test(id) && !seen[id]) { seen[id] = true; ids.push(id); }
      });
      batches(ids).forEach(function (batch) {
        var url = base + "/api/v1/counts?ids=" + batch.map(encodeURIComponent).join(",");
        fetch(url, { credentials: "omit", mode: "cors" })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (body) { if (body && body.counts) write(elements, body.counts); })
          .catch(function () { /* service unreachable: the fallback text stays */ });
      });
    } catch (error) { /* never break the host page */ }
  }

  window.YKBDCounts = { refresh: refresh };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", refresh);
  } else {
    refresh();
  }
})();
