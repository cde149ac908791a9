"""Rich text from outside (the importer's JSON Lines, the share form) reaches the
public page only as far as the editor could have written it: no script, no
event handler, no style, no ``javascript:`` link, whatever the spelling.

Each payload goes in, the public page is fetched, and its HTML is parsed for
anything that could run script (tests/markup_checks.py).
"""

import pytest
from django.apps import apps
from wagtail.blocks import ListBlock, RichTextBlock, StreamBlock, StructBlock
from wagtail.fields import RichTextField, StreamField

from practices.models import PracticePage
from tests.factories import PracticePageFactory
from tests.import_helpers import import_file, practice, write_jsonl
from tests.markup_checks import script_capable_markup
from tests.test_share_form import created, filled, group_of, member

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "img onerror": "<img src=x onerror=alert(1)>",
    "script": "<script>alert(1)</script>",
    "iframe javascript": '<iframe src="javascript:alert(1)"></iframe>',
    "link javascript": '<a href="javascript:alert(1)">lien</a>',
    "link javascript, tab entity": '<a href="jav&#x09;ascript:alert(1)">lien</a>',
    "link javascript, letter entity": '<a href="&#106;avascript:alert(1)">lien</a>',
    "link javascript, spaces and case": '<a href="  JaVaScRiPt:alert(1)">lien</a>',
    "link data": '<a href="data:text/html;base64,PHNjcmlwdD4=">lien</a>',
    "style attribute": '<p style="background:url(javascript:alert(1))">stylé</p>',
    "on* attributes": '<p onclick="alert(1)" onmouseover=alert(1)>clic</p>',
    "svg onload": "<svg onload=alert(1)><circle r=1></circle></svg>",
    "svg script": "<svg><script>alert(1)</script></svg>",
    "math mutation": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "object": '<object data="javascript:alert(1)"></object>',
    "embed": '<embed src="javascript:alert(1)">',
    "wagtail media embed": '<embed embedtype="media" url="https://evil.example/">',
    "form action": '<form action="javascript:alert(1)"><button>ok</button></form>',
    "base": '<base href="javascript:alert(1)//">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "style element": "<style>body{background:url(javascript:alert(1))}</style>",
    "split tag": "<scr<script>ipt>alert(1)</script>",
    "comment": "<!--<script>alert(1)</script>--><p>fin</p>",
    "page link with handler": '<a linktype="page" id="1 onmouseover=alert(1)">x</a>',
    "details ontoggle": "<details open ontoggle=alert(1)><summary>x</summary>",
}


@pytest.fixture
def editor_client(client):
    """Tanger's editor, logged in: the share form's user."""
    client.force_login(member("redactrice-tanger", group_of("tanger")))
    return client


def public_html(client, page):
    page.refresh_from_db()
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


# The sanitiser -----------------------------------------------------------------


def sanitise_rich_text(html):
    # Imported here so that the importer and share form tests below also run
    # (and fail) on code that has no sanitiser.
    from hub.text import sanitise_rich_text

    return sanitise_rich_text(html)


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_sanitiser_leaves_nothing_that_runs(payload):
    assert script_capable_markup(sanitise_rich_text(f"<p>Avant</p>{payload}")) == []


def test_sanitiser_keeps_what_the_editor_writes():
    """Paragraphs, bold, italic, lists, h3/h4, external and internal links are
    kept exactly as Wagtail stores them (no rel added)."""
    html = (
        '<h3>Étapes</h3><p>Un <b>grand</b> <i>succès</i> : <a href="https://example.org/'
        '?a=1&amp;b=2">lien</a>, <a href="mailto:a@example.org">écrire</a>, '
        '<a href="tel:+212539000000">appeler</a>, <a href="/fr/pratiques/">relatif</a>'
        ', <a linktype="page" id="12">une fiche</a><br>fin</p>'
        "<ul><li>un</li></ul><ol><li>deux</li></ol><h4>Note</h4>"
    )
    assert sanitise_rich_text(html) == html


def test_sanitiser_drops_what_the_editor_cannot_write():
    assert sanitise_rich_text(
        '<h2>titre</h2><p class="x" id="y">texte</p><a linktype="document" '
        'id="3" target="_blank">doc</a><a href="ftp://example.org/">ftp</a>'
    ) == ('titre<p>texte</p><a id="3">doc</a><a>ftp</a>')


def test_escaped_markup_stays_text():
    assert sanitise_rich_text("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )


def rich_text_features():
    """The features of every rich text field and block of the hub's models."""
    features = set()

    def walk(block):
        if isinstance(block, RichTextBlock):
            features.update(block.features)
        elif isinstance(block, StreamBlock | StructBlock):
            for child in block.child_blocks.values():
                walk(child)
        elif isinstance(block, ListBlock):
            walk(block.child_block)

    for app in ("hub", "programme", "documents", "practices", "hubsearch", "home"):
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                if isinstance(field, RichTextField):
                    features.update(field.features)
                elif isinstance(field, StreamField):
                    walk(field.stream_block)
    return features


def test_allow_list_matches_the_editor_features():
    """A feature added to (or removed from) an editor must be added to (or
    removed from) the sanitiser's allow-list: the two never disagree."""
    from hub.text import FEATURE_TAGS

    assert rich_text_features() == set(FEATURE_TAGS)


# The importer --------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_imported_html_cannot_run_script(client, tmp_path, payload):
    record = practice(
        context=f"<p>Contexte sûr</p>{payload}",
        body=f"<p>Récit sûr</p>{payload}",
        results=f"<p>Résultats</p>{payload}",
        lessons=f"<p>Leçons</p>{payload}",
    )
    import_file(write_jsonl(tmp_path, [record]))
    page = PracticePage.objects.get(ref="p1")
    html = public_html(client, page)
    assert "Contexte sûr" in html and "Récit sûr" in html
    assert script_capable_markup(html) == []


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_imported_blocks_cannot_run_script(client, tmp_path, payload):
    """A body given as blocks: the paragraphs' HTML goes through the same
    sanitiser, the other blocks' texts are shown as text."""
    body = [
        {"type": "heading", "value": f"Étape {payload}"},
        {"type": "paragraph", "value": f"<p>Récit sûr</p>{payload}"},
        {"type": "paragraph", "value": f"Texte {payload}"},
        {"type": "step", "value": {"title": payload, "description": payload}},
        {"type": "testimony", "value": {"quote": payload, "author": payload}},
    ]
    import_file(write_jsonl(tmp_path, [practice(body=body)]))
    html = public_html(client, PracticePage.objects.get(ref="p1"))
    assert "Récit sûr" in html
    assert script_capable_markup(html) == []


def test_imported_plain_text_is_escaped(client, tmp_path):
    """Text that does not start as HTML is text: its markup shows as typed."""
    payload = "Texte <img src=x onerror=alert(1)> et <script>alert(1)</script>"
    import_file(write_jsonl(tmp_path, [practice(context=payload, body=payload)]))
    html = public_html(client, PracticePage.objects.get(ref="p1"))
    assert script_capable_markup(html) == []
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_imported_editor_markup_is_kept(client, tmp_path):
    target = PracticePageFactory(title="Cantine solidaire")
    body = (
        '<h3>Étapes</h3><p>Un <b>grand</b> <a href="https://example.org/">lien</a>'
        f', <a linktype="page" id="{target.pk}">la cantine</a></p><ul><li>un</li></ul>'
    )
    import_file(write_jsonl(tmp_path, [practice(body=body)]))
    page = PracticePage.objects.get(ref="p1")
    assert page.body[0].value.source == body
    html = public_html(client, page)
    assert f'<a href="{target.url}">la cantine</a>' in html


# The share form ----------------------------------------------------------------

SHARED_FIELDS = ("context", "objectives", "body", "results", "lessons", "contacts")


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_shared_text_cannot_run_script(client, editor_client, payload):
    """Whatever an agent types shows as text once the fiche is published."""
    typed = dict.fromkeys(SHARED_FIELDS, f"Texte sûr {payload}")
    page = created(editor_client, filled(title=f"Fiche {payload}"[:255], **typed))
    page.get_latest_revision().publish()
    html = public_html(client, page)
    assert "Texte sûr" in html
    assert script_capable_markup(html) == []
