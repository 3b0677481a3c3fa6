/* wenku: small page behaviours, no dependencies, no request outside the site.
   1. The report card's 主题与关键词 is folded on phones and open on wider screens.
   2. Digest pages (存在问题, 下一步打算): filter the items by year, unit and theme. */
(function () {
  "use strict";

  function openCardOnWideScreens() {
    if (!window.matchMedia("(min-width: 45em)").matches) return;
    document.querySelectorAll("details.wk-card-more").forEach(function (d) { d.open = true; });
  }

  function setUpFilters(form) {
    var list = document.querySelector(form.getAttribute("data-wk-for"));
    if (!list) return;
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-wk-year]"));
    var groups = Array.prototype.slice.call(list.querySelectorAll(".wk-digest-report, .wk-digest-year"));
    var counter = form.querySelector(".wk-filter-count");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    function matches(item) {
      return selects.every(function (select) {
        var wanted = select.value;
        if (!wanted) return true;
        var values = (item.getAttribute("data-wk-" + select.name) || "").split("|");
        return values.indexOf(wanted) >= 0;
      });
    }
    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        var ok = matches(item);
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("[data-wk-year]:not([hidden])");
      });
      if (counter) counter.textContent = "显示 " + shown + " / " + items.length + " 条";
    }
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  function start() {
    openCardOnWideScreens();
    document.querySelectorAll("form.wk-filters").forEach(setUpFilters);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
