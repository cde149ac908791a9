"""One Arabic term per concept across the interface (issues #13 and #14).

``locale/interface-terms.csv`` lists the recurring concepts with their French
and Arabic terms, a pattern that finds the concept in a msgid, and the Arabic
renderings that must not be used for it. The Arabic catalogue is checked entry
by entry; Django's and Wagtail's strings that public pages show are checked as
they are rendered (``hub.interface_overrides`` translates them again), and so
are the login page and the share form with errors, whole. A row may list no
variant: it then only documents the term. A label quoted in guillemets
(« … ») is left out of the catalogue check: it must read as the interface
shows it, Wagtail's own Arabic labels included.
"""

import csv
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import gettext, override

from hub.interface_overrides import PASSWORD
from tests.test_share_form import editor, editor_client  # noqa: F401 (fixtures)

LOCALE = Path(settings.LOCALE_PATHS[0])
# A variant is a whole Arabic word, maybe with its clitics (و ف ب ل ك, ال, لل):
# « الولوجيات » (accessibility) is not « ولوج », « الشباب » is not « باب ».
LETTER = "\u0600-\u06ff"
CLITICS = "(?:[وفبلك])?(?:ال|لل)?"


def word(variant):
    """A variant is an Arabic word or phrase, or a regular expression when it
    needs one: « تنسيق(?! بين) » is the programme's coordination, not the
    coordination between a commune and its associations (a theme's name)."""
    return re.compile(rf"(?<![{LETTER}]){CLITICS}(?:{variant})(?![{LETTER}])")


def terms():
    with open(LOCALE / "interface-terms.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["pattern"] = re.compile(row["msgid_pattern"], re.IGNORECASE)
        row["forbidden"] = [word(v) for v in row["not_arabic"].split("|") if v]
    return rows


TERMS = terms()


QUOTED = re.compile(r"«[^»]*»")


def forbidden_in(text, row):
    return [m[0] for variant in row["forbidden"] if (m := variant.search(text))]


def arabic_entries():
    po = polib.pofile(str(LOCALE / "ar/LC_MESSAGES/django.po"))
    for entry in po:
        if not entry.obsolete and entry.msgid:
            msgid = " ".join(filter(None, [entry.msgid, entry.msgid_plural]))
            yield msgid, " ".join([entry.msgstr, *entry.msgstr_plural.values()])


def test_glossary_is_well_formed():
    concepts = [row["concept"] for row in TERMS]
    assert len(concepts) >= 15 and len(set(concepts)) == len(concepts)
    for row in TERMS:
        assert row["french"] and row["arabic"], row["concept"]
        assert not forbidden_in(row["arabic"], row), row["concept"]


@pytest.mark.parametrize("row", TERMS, ids=lambda row: row["concept"])
def test_catalogue_uses_one_arabic_term_per_concept(row):
    """Every Arabic entry about the concept avoids its listed variants."""
    about = [(m, s) for m, s in arabic_entries() if row["pattern"].search(m)]
    wrong = [(m, s) for m, s in about if forbidden_in(QUOTED.sub("", s), row)]
    assert not wrong, f"{row['concept']}: use « {row['arabic']} » in {wrong}"


@pytest.mark.parametrize("row", TERMS, ids=lambda row: row["concept"])
def test_catalogue_uses_the_listed_arabic_term(row):
    """The table's term is the one in use: some entry about the concept says it
    (« الموضوع / المواضيع » lists two forms of one term)."""
    about = [s for m, s in arabic_entries() if row["pattern"].search(m)]
    forms = row["arabic"].split(" / ")
    assert about, f"{row['concept']}: no msgid matches {row['msgid_pattern']}"
    assert any(form in s for s in about for form in forms), row["concept"]


def test_overridden_django_and_wagtail_strings_follow_the_glossary():
    """Our catalogue wins over Django's and Wagtail's in Arabic, not in French
    (an empty French msgstr leaves Django's own French)."""
    password = next(row for row in TERMS if row["concept"] == "password")
    with override("ar"):
        rendered = [gettext(entry.msgid) for entry in PASSWORD]
    for msgid, text in zip((entry.msgid for entry in PASSWORD), rendered, strict=True):
        assert text != msgid, f"{msgid!r} has no Arabic in locale/"
        assert not forbidden_in(text, password), text
    assert rendered[0] == password["arabic"]
    with override("fr"):
        assert gettext("Password") == "Mot de passe"


def page_text_violations(html):
    return {
        row["concept"]: found for row in TERMS if (found := forbidden_in(html, row))
    }


@pytest.mark.django_db
def test_arabic_login_page_says_password_one_way(client):
    html = client.get("/ar/compte/connexion/").content.decode()
    html += client.post(
        "/ar/compte/connexion/", {"username": "nobody", "password": "faux"}
    ).content.decode()
    assert "كلمة المرور" in html
    assert page_text_violations(html) == {}


@pytest.mark.django_db
def test_arabic_share_form_with_errors_follows_the_glossary(editor_client):  # noqa: F811
    html = editor_client.post("/ar/partager/", {"language": "ar"}).content.decode()
    assert "بعض المعلومات تحتاج إلى تصحيح" in html
    assert page_text_violations(html) == {}


# Demo and search data that public pages show: the glossary, the vocabularies
# and the demo fiches.
DATA_FILES = [
    "search/data/glossary.json",
    "programme/data/taxonomy.json",
    "practices/demo/practices.jsonl",
]


@pytest.mark.parametrize("path", DATA_FILES)
def test_data_files_say_people_in_situation_of_disability(path):
    """Framework law 97.13's term, « الأشخاص في وضعية إعاقة », in the data too."""
    row = next(row for row in TERMS if row["concept"] == "people with specific needs")
    text = (Path(settings.BASE_DIR) / path).read_text(encoding="utf-8")
    assert not forbidden_in(text, row)
