/*
 * Draftail (Wagtail's rich text editor) renders its editable area as
 *   <div role="textbox" contenteditable aria-describedby="placeholder-…">
 * with no accessible name: a screen reader announces "text box" without the
 * field it belongs to (axe: aria-input-field-name, serious). This names each
 * one after the label of its field — the page field's <label id="…-label"> or
 * a StreamField block's label — through aria-labelledby, giving the label an
 * id when it has none. A MutationObserver follows new blocks and re-renders.
 * Loaded on editor pages by the insert_editor_js hook
 * (practices/publishing/rich_text_labels.py).
 */
(function () {
    "use strict";

    var counter = 0;

    // The field's own label; for a StreamField child shown without one (a
    // "Paragraphe" block), the block's type in its header; for a page field
    // whose panel carries the label, the nearest label or heading above it.
    function labelOf(editor) {
        var field = editor.closest(".w-field");
        var label = field && field.querySelector(".w-field__label");
        if (label) {
            return label;
        }
        var block = editor.closest(".c-sf-block");
        if (block) {
            return block.querySelector(".c-sf-block__type");
        }
        var panel = editor.closest("[data-panel]");
        return panel && panel.querySelector(".w-panel__heading, .w-field__label");
    }

    function name(editor) {
        if (editor.hasAttribute("aria-labelledby") || editor.hasAttribute("aria-label")) {
            return;
        }
        var label = labelOf(editor);
        if (!label) {
            return;
        }
        if (!label.id) {
            counter += 1;
            label.id = "rich-text-label-" + counter;
        }
        editor.setAttribute("aria-labelledby", label.id);
    }

    function nameAll() {
        document.querySelectorAll(".public-DraftEditor-content").forEach(name);
    }

    var pending = false;
    function schedule() {
        if (!pending) {
            pending = true;
            window.requestAnimationFrame(function () {
                pending = false;
                nameAll();
            });
        }
    }

    document.addEventListener("DOMContentLoaded", function () {
        nameAll();
        new MutationObserver(schedule).observe(document.body, {
            childList: true,
            subtree: true,
            attributes: true,
            attributeFilter: ["aria-labelledby"],
        });
    });
})();
