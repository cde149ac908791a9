/* Filter panels (<details class="filters-panel">) start closed on a phone
   unless a filter is on, so the results come first. On a wide screen they
   stand beside the results with room to spare: open them there. Without
   JavaScript the panel is one click away; nothing else depends on this. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 52rem)");
  function openOnWideScreens() {
    if (!wide.matches) return;
    document.querySelectorAll("details.filters-panel").forEach(function (panel) {
      panel.open = true;
    });
  }
  openOnWideScreens();
  wide.addEventListener("change", openOnWideScreens);
})();
