"""Wagtail's database search backends, fed with our French+Arabic analysis.

SQLite FTS5 (``unicode61``) and PostgreSQL (``simple``) only split and lowercase, so
``search.analysis`` runs in Python on both sides: index text is
``analyse_to_string(original)`` and query terms are ``analyse(query)``.  The engines
then compare plain space-separated tokens, which both tokenise the same way.
Use ``search.backends.database`` as the ``BACKEND`` (it picks the SQLite or the
PostgreSQL subclass); ``sqlite.py`` and ``postgres.py`` say what they override.

This module holds what both subclasses share: the query-string builder (each engine
only brings its syntax), the autocomplete text, and ``rebind_globals`` for the one
place where modelsearch 1.3.2 offers no hook (``ObjectIndexer`` is hard-coded in
``SQLiteIndex.add_items`` and ``PostgresIndex.add_items``).
"""

from __future__ import annotations

import re
import types
from typing import NamedTuple

from search.analysis import analyse, analyse_query, analyse_to_string, normalise

__all__ = ["Syntax", "autocomplete_text", "boolean_query", "phrase_terms"]

# PostgreSQL ignores longer words ("word is too long to be indexed"), in documents
# and in queries; dropping them from queries on SQLite too keeps results identical.
MAX_TERM_BYTES = 2047
_WORD_RE = re.compile(r"\w+")  # the tokens of analyse(), before stemming


class Syntax(NamedTuple):
    """How an engine writes a term, a prefix term and the two operators."""

    term: str
    prefix: str
    and_: str
    or_: str


def _indexable(term: str) -> bool:
    return len(term.encode()) <= MAX_TERM_BYTES


def query_terms(text: str, stop_words=False) -> list[str]:
    """The analysed terms of a query; terms that analyse to nothing are gone, and
    so are stop words unless ``stop_words`` (phrases, autocomplete keep them)."""
    terms = analyse(text) if stop_words else analyse_query(text)
    return [term for term in terms if _indexable(term)]


def phrase_terms(text: str) -> str:
    """A phrase analysed word by word, still in order ("" if nothing is left)."""
    return " ".join(query_terms(text, stop_words=True))


def balanced(parts: list[str], joiner: str) -> str:
    """Join with one operator as a balanced, parenthesised tree.

    Depth log2(n) instead of n: a 10,000-character query stays far below FTS5's
    expression depth limit and PostgreSQL's stack depth, where a left-deep chain of
    modelsearch ``CombinedLexeme`` objects would also hit Python's recursion limit.
    """
    if len(parts) == 1:
        return parts[0]
    middle = len(parts) // 2
    left, right = balanced(parts[:middle], joiner), balanced(parts[middle:], joiner)
    return f"({left}{joiner}{right})"


def boolean_query(text: str, operator: str, syntax: Syntax, prefix=False):
    """The engine query for a ``PlainText``, or None when no term is left.

    Terms are analysed tokens (``\\w+`` only), so quoting them in ``syntax`` is safe
    whatever the visitor typed: quotes, ``*``, ``NEAR(``, ``AND OR NOT`` never reach
    the engine as syntax.  With ``prefix`` (autocomplete) the last word matches as a
    prefix of its stem *or* of its unstemmed form: "forma" stems to itself but
    "formation" to "form", so only the unstemmed form (see ``autocomplete_text``)
    completes a half-typed word.
    """
    terms = query_terms(text, stop_words=prefix)
    if not terms:
        return None
    parts = [syntax.term % term for term in terms]
    if prefix:
        words = [word for word in _WORD_RE.findall(normalise(text)) if _indexable(word)]
        last = dict.fromkeys([terms[-1], *words[-1:]])
        parts[-1] = balanced([syntax.prefix % term for term in last], syntax.or_)
    joiner = syntax.and_ if operator.lower() == "and" else syntax.or_
    return balanced(list(dict.fromkeys(parts)), joiner)


def autocomplete_text(text: str) -> str:
    """Analysed terms plus the normalised, unstemmed words that differ from them.

    Autocomplete matches prefixes; a stem can be shorter than what the user has
    already typed ("formation" → "form"), so the unstemmed (but folded, normalised)
    words are indexed too.
    """
    terms = analyse_to_string(text)
    stems = set(terms.split())
    words = [w for w in _WORD_RE.findall(normalise(text)) if w not in stems]
    return " ".join([terms, *dict.fromkeys(words)]).strip()


def _global_names(code) -> set[str]:
    """Names a code object (comprehensions included) may look up as globals."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _global_names(const)
    return names


def rebind_globals(function, **names):
    """A copy of ``function`` that sees ``names`` instead of its module's globals.

    ``SQLiteIndex.add_items`` and ``PostgresIndex.add_items`` build their indexers
    with the module-level ``ObjectIndexer`` and have no hook to change the class; a
    copy of the function with our indexer bound to that name changes nothing else,
    needs no copy of their code (~50 and ~70 lines) and patches no module.  If an
    upgrade stops using a name, this fails at import rather than silently indexing
    unanalysed text.
    """
    missing = set(names) - _global_names(function.__code__)
    if missing:
        raise RuntimeError(f"{function.__qualname__} no longer uses {missing}")
    rebound = types.FunctionType(
        function.__code__,
        {**function.__globals__, **names},
        function.__name__,
        function.__defaults__,
        function.__closure__,
    )
    rebound.__kwdefaults__ = function.__kwdefaults__
    rebound.__qualname__ = function.__qualname__
    rebound.__doc__ = function.__doc__
    return rebound
