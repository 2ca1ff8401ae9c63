// Progressive enhancement for the directory: results follow the search box and
// filters as they change. Without JavaScript the form submits as usual.
(function () {
  "use strict";
  var form = document.querySelector("form[data-live-search]");
  var results = document.querySelector("[data-results]");
  var status = document.querySelector("[data-live-status]");
  if (!form || !results || !window.fetch || !window.URLSearchParams) return;
  var timer = null;
  var controller = null;

  function currentQuery() {
    var params = new URLSearchParams(new FormData(form));
    params.forEach(function (value, key) { if (value === "") params.delete(key); });
    // Relevance is what no choice means: with words it ranks, without them it is by name.
    if (params.get("sort") === "relevance") params.delete("sort");
    return params;
  }

  function refresh() {
    var params = currentQuery();
    var url = form.action + (params.toString() ? "?" + params.toString() : "");
    params.set("fragment", "results");
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    results.setAttribute("aria-busy", "true");
    fetch(form.action + "?" + params.toString(), {
      headers: { "X-Requested-With": "fetch" },
      signal: controller ? controller.signal : undefined
    })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        results.innerHTML = html;
        results.removeAttribute("aria-busy");
        var count = results.querySelector("[data-result-count]");
        if (status && count) status.textContent = count.textContent.trim();
        window.history.replaceState(null, "", url);
      })
      .catch(function (error) {
        if (error.name !== "AbortError") results.removeAttribute("aria-busy");
      });
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, delay);
  }

  form.addEventListener("input", function (event) {
    if (event.target.name === "q") schedule(250);
  });
  form.addEventListener("change", function (event) {
    if (event.target.name !== "q") schedule(0);
  });
})();
