"""A practice fiche as a PDF, in its own language and direction (issue #16).

``…/<fiche>/pdf/`` (``PracticePage.route``) is served by ``serving`` after
Wagtail's checks of the page's view restrictions. The PDF is the fiche as its
page shows it to an anonymous reader, laid out by the print stylesheet
(hub.css, ``@media print``) and typeset by WeasyPrint with Pango, which shapes
Arabic and lays it out right to left (``engine``). It is built by a background
task (``tasks``) and kept in the default storage (``stored``) under a name
holding the page, its language and its live revision: a new publication
names a new file, and the old ones go when it is built, or when the page is
unpublished or deleted (``signal_handlers``).
"""
