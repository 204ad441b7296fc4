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
 * data-site="SLUG" on the script tag (the page's site) or on an element (that count's site),
 * default "default": each site's ids are asked in their own batches from /api/v1/sites/SLUG/counts;
 * window.YKBDCounts.refresh() after adding elements dynamically.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var MAX_IDS = 100;
  var MAX_QUERY = 1800; // stays well inside every server's and proxy's request-line limit
  var VALID_ID = /^[A-Za-z0-9._~:\-]{1,128}$/;
  var VALID_SITE = /^[a-z0-9-]{1,40}$/;
  var pageSite = (script && script.getAttribute("data-site")) || "default";

  function siteOf(el) {
    return el.getAttribute("data-site") || pageSite;
  }
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
      var value = Object.prototype.hasOwnProperty.call(counts, el.getAttribute("data-comment-count"))
        ? counts[el.getAttribute("data-comment-count")] : undefined;
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
      var bySite = {}, sites = [];
      elements.forEach(function (el) {
        var id = el.getAttribute("data-comment-count"), site = siteOf(el);
        if (!VALID_ID.test(id) || !VALID_SITE.test(site)) return;
        if (!bySite[site]) { bySite[site] = { seen: {}, ids: [], elements: [] }; sites.push(site); }
        var group = bySite[site];
        group.elements.push(el);
        if (!group.seen[id]) { group.seen[id] = true; group.ids.push(id); }
      });
      sites.forEach(function (site) {
        var path = base + "/api/v1" + (site === "default" ? "" : "/sites/" + site) + "/counts?ids=";
        batches(bySite[site].ids).forEach(function (batch) {
          fetch(path + batch.map(encodeURIComponent).join(","), { credentials: "omit", mode: "cors" })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (body) { if (body && body.counts) write(bySite[site].elements, body.counts); })
            .catch(function () { /* service unreachable: the fallback text stays */ });
        });
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
