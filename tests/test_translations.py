"""The interface catalogues in ``locale/``: French is the source language (msgid),
Arabic is a translation of every string.

What is checked: every .po parses, with the right Language and Plural-Forms
headers; the Arabic catalogue is complete (no empty msgstr, all six plural forms,
nothing fuzzy); placeholders survive translation; each committed .mo is exactly
what ``manage.py compile_translations`` writes; the catalogues hold every string
that ``makemessages`` finds in the code; and the site really speaks Arabic at
/ar/ — interface text and the titles of the structural pages alike."""

import gettext as gnu_gettext
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils.translation import gettext, ngettext, override

from home.models import HomePage
from home.site_structure import HOME_TITLE
from hub.i18n import catalogues, compiled_bytes
from practices import content_types
from tests.conftest import require_service

# The headers that Django's makemessages writes for each language (copied from
# Django's own catalogues); the .mo carries them, and gettext picks plural forms
# with them.
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "ar": (
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 "
        "&& n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 : 5;"
    ),
}
# What the README's makemessages command leaves out, besides hidden folders
# (.venv, .git, .ci: Django ignores ".*" by default).
IGNORED = ["tests", "static_collected", "media", "locale", "__pycache__"]
EXTENSIONS = (".py", ".html", ".txt")
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge", "msgattrib")

ARABIC = re.compile(r"[\u0600-\u06FF]")
# A Python %-format conversion: %s, %d, %(name)s, %5.2f…; "%%" is a literal "%".
PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]+)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?"
    r"(?P<kind>[diouxXeEfFgGcrsa%])"
)
NAMED_ONLY = re.compile(r"%\((\w+)\)")
# In a plural form used for a single number (Arabic: 0, 1 and 2), the count may
# be written out in words ("نتيجتان") instead of as the placeholder: the names
# that our plural strings, and Wagtail's that we translate again, give it.
COUNT_NAMES = {"counter", "count", "minutes", "total"}


def catalogue_paths():
    paths = list(catalogues())
    assert paths, "no locale/*/LC_MESSAGES/django.po"
    return paths


def po_of(language):
    return polib.pofile(
        str(Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES/django.po")
    )


def language_of(po_path):
    return Path(po_path).parents[1].name


def live(po):
    return [entry for entry in po if not entry.obsolete and entry.msgid]


def key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def placeholders(text, format_flagged):
    """(named placeholders as a set, positional ones in order) of ``text``."""
    if not format_flagged:
        return set(NAMED_ONLY.findall(text)), []
    named, positional = set(), []
    for match in PLACEHOLDER.finditer(text):
        if match["kind"] == "%":
            continue
        if match["name"]:
            named.add(match["name"])
        else:
            positional.append(match[0])
    return named, positional


def single_number_forms(plural_forms):
    """Indexes of plural forms that the language uses for exactly one number."""
    expression = re.search(r"plural=(.*?);?\s*$", plural_forms)[1]
    pick = gnu_gettext.c2py(expression)
    numbers = {}
    for n in range(1000):
        numbers.setdefault(pick(n), []).append(n)
    return {form for form, ns in numbers.items() if len(ns) == 1}


@pytest.mark.parametrize("po_path", catalogue_paths(), ids=language_of)
def test_catalogue_parses_with_correct_headers(po_path):
    """polib reads the file; Language names the folder's language; Plural-Forms is
    gettext's rule for that language; the header is not fuzzy (msgfmt would
    ignore a fuzzy header, plural rule included)."""
    po = polib.pofile(str(po_path))
    language = language_of(po_path)
    assert language in dict(settings.LANGUAGES)
    assert po.metadata.get("Language") == language
    assert po.metadata.get("Plural-Forms") == PLURAL_FORMS[language]
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    assert not po.metadata_is_fuzzy, "the header is marked fuzzy"
    assert live(po), "empty catalogue"


@pytest.mark.parametrize("po_path", catalogue_paths(), ids=language_of)
def test_nothing_fuzzy_and_plurals_complete(po_path):
    """No entry is fuzzy (a fuzzy translation is a guess by msgmerge and is left
    out of the .mo), and every plural entry has all the forms its language
    needs, none empty — French included, where msgstr[0]/[1] repeat the source."""
    po = polib.pofile(str(po_path))
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"])[1])
    fuzzy = [entry.msgid for entry in live(po) if entry.fuzzy]
    assert not fuzzy, f"fuzzy entries: {fuzzy}"
    for entry in live(po):
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(nplurals)]
            assert all(forms), f"{entry.msgid!r}: plural forms {forms}"
            assert len(entry.msgstr_plural) == nplurals, entry.msgid


def test_every_arabic_entry_is_translated():
    """Every msgid of the Arabic catalogue has a non-empty translation, written
    in Arabic (at least one Arabic letter: a French string pasted into msgstr
    fails)."""
    untranslated, not_arabic = [], []
    for entry in live(po_of("ar")):
        texts = (
            list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        )
        if not texts or not all(text.strip() for text in texts):
            untranslated.append(entry.msgid)
        elif not all(ARABIC.search(text) for text in texts):
            not_arabic.append(entry.msgid)
    assert not untranslated, f"untranslated: {untranslated}"
    assert not not_arabic, f"translations without Arabic text: {not_arabic}"


@pytest.mark.parametrize("po_path", catalogue_paths(), ids=language_of)
def test_placeholders_survive_translation(po_path):
    """Each msgstr has the same placeholders as its msgid: the same set of named
    ones (%(x)s) and the same positional ones (%s, %d) in the same order —
    otherwise formatting raises or shows the wrong value. The one latitude: a
    plural form used for a single number (Arabic 0, 1, 2) may spell the count
    out instead of showing %(counter)s."""
    po = polib.pofile(str(po_path))
    single = single_number_forms(po.metadata["Plural-Forms"])
    problems = []
    for entry in live(po):
        flagged = "python-format" in entry.flags
        if entry.msgid_plural:
            named, positional = placeholders(entry.msgid_plural, flagged)
            named |= placeholders(entry.msgid, flagged)[0]
            translations = sorted(entry.msgstr_plural.items())
        else:
            named, positional = placeholders(entry.msgid, flagged)
            translations = [(None, entry.msgstr)]
        for form, text in translations:
            if not text:
                continue  # untranslated: falls back to the msgid (French only)
            got_named, got_positional = placeholders(text, flagged)
            allowed_missing = COUNT_NAMES & named if form in single else set()
            if got_positional != positional or not (
                named - allowed_missing <= got_named <= named
            ):
                problems.append((entry.msgid, form, text))
    assert not problems, f"placeholders differ: {problems}"


@pytest.mark.parametrize("po_path", catalogue_paths(), ids=language_of)
def test_mo_is_what_compile_translations_writes(po_path):
    """The committed .mo is byte for byte what ``manage.py compile_translations``
    (polib, no system gettext) makes of the .po: a .po edited without
    recompiling fails here."""
    mo_path = Path(po_path).with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} missing: run manage.py compile_translations"
    assert mo_path.read_bytes() == compiled_bytes(Path(po_path)), (
        f"{mo_path} is stale: run manage.py compile_translations"
    )


def _copy_sources(source, target):
    """Copy what makemessages reads (.py, .html, .txt) minus what the README's
    command ignores, so extraction never writes in the work tree (makemessages
    leaves temporary ``*.html.py`` files beside templates while it runs)."""

    def ignore(directory, names):
        skipped = []
        for name in names:
            path = Path(directory) / name
            if name.startswith(".") or name in IGNORED:
                skipped.append(name)
            elif path.is_file() and path.suffix not in EXTENSIONS:
                skipped.append(name)
        return skipped

    shutil.copytree(source, target, ignore=ignore, symlinks=True)


def test_catalogues_hold_every_string_of_the_code(tmp_path, monkeypatch):
    """``makemessages`` run on a copy of the code (templates and Python of our
    apps, the README's ignores) finds no msgid that locale/ar or locale/fr lacks.
    Needs GNU gettext (a dev-time tool): skipped without it, failed in CI."""
    missing_tools = [tool for tool in GETTEXT_TOOLS if not shutil.which(tool)]
    require_service(
        not missing_tools,
        f"GNU gettext is not installed ({', '.join(missing_tools)} missing): "
        "apt-get install gettext",
        "gettext",
    )
    sources, locale_dir = tmp_path / "src", tmp_path / "locale"
    _copy_sources(Path(settings.BASE_DIR), sources)
    monkeypatch.chdir(sources)
    with override_settings(LOCALE_PATHS=[str(locale_dir)]):
        call_command(
            "makemessages",
            locale=["ar", "fr"],
            no_obsolete=True,
            ignore_patterns=IGNORED,
            verbosity=0,
        )
    for language in ("ar", "fr"):
        extracted = polib.pofile(str(locale_dir / language / "LC_MESSAGES/django.po"))
        in_code = {key(entry) for entry in live(extracted)}
        assert len(in_code) > 100, "extraction found almost nothing"
        in_catalogue = {key(entry) for entry in live(po_of(language))}
        missing = sorted(in_code - in_catalogue, key=str)
        assert not missing, (
            f"{len(missing)} msgid(s) missing from locale/{language}: {missing} — "
            "run the README's makemessages command, translate, then "
            "manage.py compile_translations"
        )


def test_django_uses_the_arabic_catalogue():
    """Django's gettext returns the Arabic translation, with the right one of the
    six plural forms for 0, 1, 2, 3, 11 and 100."""
    ar = {key(entry): entry for entry in live(po_of("ar"))}
    with override("ar"):
        assert gettext("Rechercher") == ar[(None, "Rechercher", None)].msgstr
        plural = next(entry for entry in ar.values() if entry.msgid_plural)
        for n, form in [(0, 0), (1, 1), (2, 2), (3, 3), (11, 4), (100, 5)]:
            assert (
                ngettext(plural.msgid, plural.msgid_plural, n)
                == plural.msgstr_plural[form]
            )
    with override("fr"):
        assert gettext("Rechercher") == "Rechercher"


@pytest.mark.django_db
def test_arabic_home_speaks_arabic(client):
    """/ar/ shows the interface in Arabic (the search button, the figures'
    heading) and none of the French interface text."""
    response = client.get("/ar/")
    assert response.status_code == 200
    html = response.content.decode()
    with override("ar"):
        search, figures = gettext("Rechercher"), gettext("Le programme en chiffres")
    assert ARABIC.search(search) and ARABIC.search(figures)
    assert search in html
    assert figures in html
    assert "Le programme en chiffres" not in html
    assert "Rechercher une pratique" not in html


@pytest.mark.django_db
def test_french_home_speaks_french(client):
    """/fr/ shows the French source strings."""
    response = client.get("/fr/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le programme en chiffres" in html
    assert "Rechercher" in html
    with override("ar"):
        assert gettext("Le programme en chiffres") not in html


@pytest.mark.django_db
def test_structural_pages_have_arabic_titles():
    """``ensure_site()`` (run by tests/conftest.py on the fresh test database)
    titles the Arabic home and index pages with their Arabic translations."""
    structural = [(HomePage, HOME_TITLE)]
    structural += [(t.index_model, t.index_title) for t in content_types.registered()]
    for model, title in structural:
        page = model.objects.get(locale__language_code="ar")
        with override("ar"):
            expected = str(title)
        with override("fr"):
            french = str(title)
        assert page.title == expected, model.__name__
        assert ARABIC.search(page.title), (model.__name__, page.title)
        assert page.title != french
        assert model.objects.get(locale__language_code="fr").title == french
