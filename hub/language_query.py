"""The query string the language switcher carries to the other language.

A visitor who filtered a list or searched, then switches language, expects the
same list or search in the other language, not the bare page. Most parameters
mean the same there (vocabulary slugs are shared by a term's translations,
years are years); some do not: the page number (the other list is not as long:
back to the first page), and values that belong to one language (free tags,
the search's language scope). ``hub`` knows no vocabulary, so the apps that
define parameters register a translator here (``register``), as page builders
register with ``hub.page_context``: one function that takes the kept
parameters and the routed suffix and gives back what the other language
understands.
"""

from django.http import QueryDict

# Reset, never carried: page 3 of a list may not exist in the other language.
DROPPED = ("page",)

_translators = []


def register(translator):
    """``translator(params, suffix, source, target) -> (params, suffix)``:
    ``params`` a list of (key, value), ``suffix`` a routable page's sub-path
    (``tag/budget-participatif/``), ``source``/``target`` language codes."""
    if translator not in _translators:
        _translators.append(translator)


def carried(query_dict, suffix, source, target):
    """(query string with its ``?``, or ``""``; suffix) for ``target``."""
    params = [
        (key, value)
        for key, values in query_dict.lists()
        if key not in DROPPED
        for value in values
        if value.strip()
    ]
    for translator in _translators:
        params, suffix = translator(params, suffix, source, target)
    if not params:
        return "", suffix
    query = QueryDict(mutable=True)
    for key, value in params:
        query.appendlist(key, value)
    return "?" + query.urlencode(), suffix
