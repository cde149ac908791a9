/*
 * wagtail-localize's translation editor (React) renders every segment as
 *   <li> [<h4 label>] <p source text> <div value: <p> or <textarea>> <ul toolbar>
 * with no dir nor lang: Arabic translations are typed left-to-right. This marks
 * each source <p> with the source locale's direction and language, and each
 * value <div> (and its textarea) with the target's, from the locales the editor
 * receives in its data-props. A MutationObserver follows React's re-renders
 * (a textarea appears when "Translate" or "Edit" is clicked).
 * Loaded on editor pages by the insert_editor_js hook
 * (practices/publishing/translation_editor.py).
 */
(function () {
    "use strict";

    var RTL = ["ar", "he", "fa", "ur"];

    function direction(code) {
        return RTL.indexOf(code.split("-")[0]) === -1 ? "ltr" : "rtl";
    }

    function mark(element, code, role) {
        var dir = direction(code);
        if (element.getAttribute("dir") !== dir) {
            element.setAttribute("dir", dir);
        }
        if (element.getAttribute("lang") !== code) {
            element.setAttribute("lang", code);
        }
        element.setAttribute("data-translation-" + role, "");
    }

    function markSegments(editor, source, target) {
        editor.querySelectorAll("li > p + div").forEach(function (value) {
            mark(value.previousElementSibling, source, "source");
            mark(value, target, "target");
            value.querySelectorAll("textarea, input[type=text]").forEach(
                function (field) {
                    mark(field, target, "target");
                }
            );
        });
    }

    function start(editor) {
        var props = JSON.parse(editor.dataset.props || "{}");
        if (!props.locale || !props.sourceLocale) {
            return;
        }
        var source = props.sourceLocale.code;
        var target = props.locale.code;
        var update = function () {
            markSegments(editor, source, target);
        };
        update();
        new MutationObserver(update).observe(editor, {
            childList: true,
            subtree: true,
        });
    }

    function init() {
        document.querySelectorAll(".js-translation-editor").forEach(start);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
