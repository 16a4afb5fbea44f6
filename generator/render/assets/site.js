/* Summit Timeline: filters for event lists. Progressive enhancement: without this
   script every event stays listed and the (hidden) filter form is never shown.
   Filter state lives in the URL query (?person=&topic=&summit=&type=&key=1).
   It also outlines the source sentence a link points at (see markTarget). */
(function () {
  "use strict";
  var FIELDS = ["person", "topic", "summit", "type"];
  var ATTRIBUTES = { person: "people", topic: "topics", summit: "summits", type: "type" };

  function matches(item, wanted) {
    for (var i = 0; i < FIELDS.length; i++) {
      var field = FIELDS[i];
      if (!wanted[field]) continue;
      var values = (item.getAttribute("data-" + ATTRIBUTES[field]) || "").split(" ");
      if (values.indexOf(wanted[field]) < 0) return false;
    }
    return !(wanted.key && item.getAttribute("data-key") !== "1");
  }

  function headingBefore(list) {
    var node = list.previousElementSibling;
    return node && /^H[1-6]$/.test(node.tagName) ? node : null;
  }

  function apply(form, status, updateUrl) {
    var wanted = {};
    FIELDS.forEach(function (field) { wanted[field] = form.elements[field].value; });
    wanted.key = form.elements.key.checked;
    var items = document.querySelectorAll("li.st-event");
    var shown = 0;
    items.forEach(function (item) {
      var show = matches(item, wanted);
      item.hidden = !show;
      if (show) shown++;
    });
    var visibleEvents = {};
    document.querySelectorAll("ol.st-events").forEach(function (list) {
      var empty = !list.querySelector("li.st-event:not([hidden])");
      list.hidden = empty;
      var heading = headingBefore(list);
      if (heading) heading.hidden = empty;
    });
    // A year heading stays while any of its month lists shows an event.
    document.querySelectorAll("h2[id^='y']").forEach(function (year) {
      var node = year.nextElementSibling, any = false;
      while (node && node.tagName !== "H2") {
        if (node.tagName === "OL" && !node.hidden) any = true;
        node = node.nextElementSibling;
      }
      year.hidden = !any;
    });
    document.querySelectorAll("li.st-event:not([hidden])").forEach(function (item) {
      visibleEvents[item.getAttribute("data-anchor")] = true;
    });
    document.querySelectorAll(".st-visual a[data-event]").forEach(function (dot) {
      dot.classList.toggle("st-dimmed", !visibleEvents[dot.getAttribute("data-event")]);
    });
    var active = FIELDS.some(function (f) { return wanted[f]; }) || wanted.key;
    status.textContent = active ? "Showing " + shown + " of " + items.length + " events." : "";
    if (updateUrl && window.history && window.history.replaceState) {
      var params = new URLSearchParams();
      FIELDS.forEach(function (f) { if (wanted[f]) params.set(f, wanted[f]); });
      if (wanted.key) params.set("key", "1");
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }
  }

  function setUp() {
    var form = document.querySelector("form.st-filters");
    if (!form || form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "1");
    var status = document.querySelector(".st-filter-status") || document.createElement("p");
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (field) {
      var value = params.get(field);
      if (value && form.elements[field].querySelector("option[value='" + CSS.escape(value) + "']")) {
        form.elements[field].value = value;
      }
    });
    form.elements.key.checked = params.get("key") === "1";
    form.hidden = false;
    form.addEventListener("change", function () { apply(form, status, true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { apply(form, status, true); }, 0);
    });
    apply(form, status, false);
  }

  // The sentence the URL's fragment names gets .st-targeted (outlined like :target). After
  // Material's instant navigation :target is set only when its fragment click lands after
  // the new page is in place, which it often does not on a busy machine.
  function markTarget() {
    var marked = document.querySelectorAll("mark.st-targeted");
    for (var i = 0; i < marked.length; i++) marked[i].classList.remove("st-targeted");
    var id = window.location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (error) { /* keep it as written */ }
    var element = id && document.getElementById(id);
    var mark = element && element.closest("mark.st-hl");
    if (mark) mark.classList.add("st-targeted");
  }

  // Material's search box is a dialog without a name (axe: aria-dialog-name); name it.
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  }

  // The visual timeline opens on its latest events (the right end), not on the oldest
  // background events: on a phone the first screen would show a few dots of long ago.
  function showLatest() {
    var frame = document.querySelector(".st-visual-scroll");
    if (!frame || frame.getAttribute("data-scrolled")) return;
    frame.setAttribute("data-scrolled", "1");
    frame.scrollLeft = frame.scrollWidth;
  }

  function onPage() {
    setUp();
    markTarget();
    nameSearchDialog();
    showLatest();
  }

  window.addEventListener("hashchange", markTarget);
  // Material's instant navigation swaps pages without reloading: re-run on each page.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
