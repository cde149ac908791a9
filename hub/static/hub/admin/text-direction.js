/* Admin text fields lay out their text by its own first strong letter
   (dir="auto"): French typed in an Arabic admin reads left to right, Arabic
   in a French admin right to left. Fields that already carry a direction
   (the translation editor marks its target's, translation-direction.js) keep
   it. A MutationObserver follows fields added later (inline rows, StreamField
   blocks, modals). Draftail needs nothing: Draft.js sets each block's
   direction from its text. Loaded on every admin page by the
   insert_global_admin_js hook (hub/wagtail_hooks.py). */
(function () {
  "use strict";
  var FIELDS =
    'textarea, input:not([type]), input[type="text"], input[type="search"], ' +
    'input[type="email"], input[type="url"], input[type="tel"]';

  function follow(field) {
    if (!field.hasAttribute("dir")) {
      field.setAttribute("dir", "auto");
    }
  }

  function mark(node) {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (node.matches(FIELDS)) follow(node);
    node.querySelectorAll(FIELDS).forEach(follow);
  }

  mark(document.documentElement);
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(mark);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
