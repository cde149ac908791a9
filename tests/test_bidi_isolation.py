"""Mixed-direction text in order (issue #14, item 2).

In an Arabic sentence a phone number « 05 39 00 00 00 » typed without markup
reads « 00 00 00 39 05 » (the Unicode bidi algorithm lays its digit groups out
right to left); an e-mail address, a URL, a Latin name or a search query
shifts the punctuation around it. Each such value sits in an isolate
(``<bdi>``, ``dir``), and languages are named in the reader's language, with
``lang`` only on text really in that language.
"""

import re

import pytest

from tests.factories import (
    HubDocumentFactory,
    PracticePageFactory,
    TemplatePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    translate,
)
from tests.parsed_pages import parsed
from tests.test_share_form import editor, editor_client  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
LETTER = re.compile(r"[^\W\d_]")
PHONE = "05 39 00 00 00"
ARABIC_CONTACTS = (
    f"مصلحة الشؤون الاجتماعية، الهاتف: {PHONE}، البريد: social@tanger.ma، "
    "الموقع: https://www.tanger.ma/social"
)


@pytest.fixture
def fiche():
    """A practice of Tanger in French and Arabic, with contacts and a document."""
    guide = HubDocumentFactory(title="Guide du budget participatif")
    practice = PracticePageFactory(
        title="Budget participatif des jeunes",
        commune="tanger",
        contacts=f"Service social : {PHONE}, social@tanger.ma",
        attachments=[guide],
    )
    arabic = translate(practice, title="الميزانية التشاركية للشباب")
    arabic.summary = "ميزانية يقترح الشباب مشاريعها ويصوتون عليها."
    arabic.contacts = ARABIC_CONTACTS
    arabic.save_revision().publish()
    return practice, arabic


def isolated_ltr(element):
    """Whether ``element`` is laid out inside a left-to-right isolate."""
    for node in [element, *element.parents]:
        if node.name == "bdi" or node.has_attr("dir"):
            return node.get("dir") == "ltr"
    return False


def test_arabic_contacts_keep_numbers_addresses_and_urls_in_order(client, fiche):
    _french, arabic = fiche
    contacts = parsed(client.get(arabic.url)).select_one("#contacts")
    phone = contacts.select_one('a[href="tel:+212539000000"]')
    assert phone.get_text() == PHONE
    assert isolated_ltr(phone)
    mail = contacts.select_one('a[href="mailto:social@tanger.ma"]')
    assert isolated_ltr(mail)
    url = contacts.select_one('a[href="https://www.tanger.ma/social"]')
    assert url.get_text() == "https://www.tanger.ma/social"
    assert isolated_ltr(url)
    assert " ".join(contacts.p.get_text().split()) == " ".join(ARABIC_CONTACTS.split())


def other_language_line(page):
    line = page.select_one(".other-language")
    return line, " ".join(line.get_text().split())


def test_other_language_line_names_the_language_in_the_readers_language(client, fiche):
    french, arabic = fiche
    line, text = other_language_line(parsed(client.get(arabic.url)))
    assert text == "هذه البطاقة متوفرة أيضًا باللغة الفرنسية."
    assert not line.select("[lang]")  # an Arabic sentence, not French text
    assert line.a["hreflang"] == "fr"
    line, text = other_language_line(parsed(client.get(french.url)))
    assert text == "Cette fiche existe aussi en arabe."
    assert not line.select("[lang]")


def test_untranslated_pages_say_so_in_the_readers_language(client):
    french = PracticePageFactory(title="Pratique en français seulement")
    arabic = PracticePageFactory(title="ممارسة بالعربية فقط", language="ar")
    assert other_language_line(parsed(client.get(french.url)))[1] == (
        "Pas encore traduite en arabe."
    )
    assert other_language_line(parsed(client.get(arabic.url)))[1] == (
        "لم تُترجم بعد إلى اللغة الفرنسية."
    )


def test_template_page_names_itself(client):
    template = TemplatePageFactory(title="Convention de partenariat")
    translate(template, title="اتفاقية شراكة")
    assert other_language_line(parsed(client.get(template.url)))[1] == (
        "Ce modèle de document existe aussi en arabe."
    )


def test_switcher_names_each_language_in_itself_with_its_direction(client, fiche):
    _french, arabic = fiche
    switcher = parsed(client.get(arabic.url)).select_one(".language-switcher")
    arabic_name = switcher.select_one('[lang="ar"]')
    french_name = switcher.select_one('[lang="fr"]')
    # Django's own name of Arabic carries a shadda: « العربيّة ».
    arabic_text = arabic_name.get_text().replace("\u0651", "")
    assert (arabic_text, arabic_name["dir"]) == ("العربية", "rtl")
    assert (french_name.get_text(), french_name["dir"]) == ("Français", "ltr")


def test_search_query_is_echoed_in_an_isolate(client, fiche):
    page = parsed(client.get("/ar/search/?q=budget participatif"))
    summary = page.select_one(".results-head [role=status]")
    assert summary.bdi.get_text() == "budget participatif"
    # No markup in a <title>: the Unicode isolates (FSI … PDI) instead.
    assert "\u2068budget participatif\u2069" in page.title.get_text()


def test_document_format_and_size_are_isolated(client, fiche):
    _french, arabic = fiche
    meta = parsed(client.get(arabic.url)).select_one("#documents .meta")
    isolates = [bdi.get_text() for bdi in meta.select("bdi")]
    assert "PDF" in isolates
    assert any(re.search(r"[0-9]", text) for text in isolates)  # the size


def public_pages(fiche):
    french, arabic = fiche
    only_french = PracticePageFactory(title="Une pratique sans traduction")
    return [
        french.url,
        arabic.url,
        only_french.url,
        "/fr/",
        "/ar/",
        "/fr/pratiques/",
        "/ar/pratiques/",
        "/fr/search/?q=budget",
        "/ar/search/?q=budget",
        "/ar/search/?q=الميزانية&lang=all",
    ]


def test_every_lang_attribute_wraps_text_in_that_language(client, fiche):
    """« lang="ar" » on Arabic letters, « lang="fr" » never on them."""
    wrong = []
    for url in public_pages(fiche):
        page = parsed(client.get(url))
        for element in page.select("body [lang]"):
            text = element.get_text()
            if not LETTER.search(text):
                continue
            arabic = bool(ARABIC_LETTER.search(text))
            if arabic != (element["lang"] == "ar"):
                wrong.append((url, element["lang"], " ".join(text.split())))
    assert not wrong


def test_share_form_lays_out_what_is_typed_in_its_own_direction(editor_client):  # noqa: F811
    """A French title typed in the Arabic form reads left to right."""
    form = parsed(editor_client.get("/ar/partager/")).select_one("main form")
    assert form.select_one("input[name=title]")["dir"] == "auto"
    assert form.select_one("textarea[name=contacts]")["dir"] == "auto"


@pytest.mark.parametrize(
    ("url", "status"),
    [("/ar/", 200), ("/ar/search/?q=budget", 200), ("/ar/nexiste-pas/", 404)],
)
def test_search_boxes_lay_out_the_query_in_its_own_direction(client, url, status):
    """« budget participatif » typed in the Arabic search box reads left to right."""
    boxes = parsed(client.get(url), status).select("input[type=search]")
    assert boxes and all(box.get("dir") == "auto" for box in boxes)
