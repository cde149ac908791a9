"""The people, the targets and the doors of the permission matrix
(tests/test_permission_matrix.py): each door is a function
``(client, world, target) -> bool``, True when the request got what it asked for,
checked in the database and not only by its status code."""

import json

from django.test import Client, TestCase
from django.urls import reverse
from wagtail.models import (
    CollectionViewRestriction,
    Locale,
    Page,
    PageLogEntry,
    PageViewRestriction,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail_localize.models import Translation, TranslationSource

from practices.models import (
    PracticePage,
    TemplateIndexPage,
    TemplatePage,
    TrainingIndexPage,
    TrainingPage,
)
from tests.factories import (
    HubDocumentFactory,
    PracticePageFactory,
    TemplatePageFactory,
    TrainingPageFactory,
)
from tests.test_admin import practice_data, template_data, training_data
from tests.test_share_form import filled, pdf
from tests.workflow_helpers import (
    commune_collection,
    coordinators,
    editor_group,
    make_user,
    partners,
    reviewer_group,
    section,
    trainers,
    translators,
)

A, B = "tanger", "tiznit"

SU, CO, EA, RA = "superuser", "coordinator", "editor_a", "reviewer_a"
TR, TN, PA, AN = "translator", "trainer", "partner", "anonymous"
ROLES = (SU, CO, EA, RA, TR, TN, PA, AN)


# --- The people and the targets ---------------------------------------------


def people(django_user_model):
    """One user per role (anonymous has none)."""
    return {
        SU: django_user_model.objects.create_superuser(
            "super", "super@example.org", "x"
        ),
        CO: make_user(django_user_model, "coordination", coordinators()),
        EA: make_user(django_user_model, "redaction-a", editor_group(A)),
        RA: make_user(django_user_model, "relecture-a", reviewer_group(A)),
        TR: make_user(django_user_model, "traduction", translators()),
        TN: make_user(django_user_model, "formation", trainers()),
        PA: make_user(django_user_model, "partenaire", partners()),
    }


class World:
    """The targets of the matrix, by name."""

    def __init__(self, users, targets):
        self.users = users
        self.cookies = logins(users)
        self.pks = {}
        for name in targets:
            if name in AREAS:  # an admin area is a URL, not a thing to make
                self.pks[name] = None
                continue
            made = getattr(self, f"make_{name}")()
            self.pks[name] = made if made is None or isinstance(made, dict) else made.pk

    def __getitem__(self, name):
        """A fresh copy of the target: an earlier case may have changed it."""
        pk = self.pks[name]
        if isinstance(pk, dict):
            return {k: type(v).objects.get(pk=v.pk) for k, v in pk.items()}
        return pk if pk is None else Page.objects.get(pk=pk).specific

    def _revise(self, page):
        """A page as the admin leaves it: with a revision (live ones published)."""
        revision = page.save_revision(user=self.users[SU])
        if page.live:
            revision.publish(user=self.users[SU])
        return page

    def _draft(self, commune, title):
        page = PracticePageFactory(
            commune=commune,
            title=title,
            live=False,
            first_published_at=None,
            last_published_at=None,
        )
        return self._revise(page)

    def make_admin(self):
        return None

    def make_draft_a(self):
        return self._draft(A, "Brouillon zqxa de Tanger")

    def make_draft_b(self):
        return self._draft(B, "Brouillon zqxb de Tiznit")

    def make_live_a(self):
        return self._revise(PracticePageFactory(commune=A, title="Publiée Tanger"))

    def make_live_b(self):
        return self._revise(PracticePageFactory(commune=B, title="Publiée Tiznit"))

    def make_review_a(self):
        page = self._draft(A, "En relecture Tanger")
        page.get_workflow().start(page, self.users[EA])
        return page

    def make_template(self):
        return self._revise(TemplatePageFactory(attachments=1))

    def make_training(self):
        return self._revise(TrainingPageFactory())

    def make_arabic(self):
        """The Arabic translation, made by wagtail-localize, of another live
        practice of A (``live_a`` stays untranslated for "translate")."""
        source_page = self._revise(PracticePageFactory(commune=A, title="Source"))
        source, _created = TranslationSource.get_or_create_from_instance(source_page)
        translation = Translation.objects.create(
            source=source, target_locale=Locale.objects.get(language_code="ar")
        )
        translation.save_target(user=self.users[SU], publish=False)
        page = translation.get_target_instance()
        page.save_revision(user=self.users[SU]).publish(user=self.users[SU])
        return page

    def make_section_a(self):
        return section(A)

    def make_section_a_ar(self):
        return section(A, "ar")

    def make_section_b(self):
        return section(B)

    def make_template_index(self):
        return TemplateIndexPage.objects.get(locale__language_code="fr")

    def make_training_index(self):
        return TrainingIndexPage.objects.get(locale__language_code="fr")

    def make_private(self):
        """A live practice of A restricted, and a document of A's private
        collection, both to the groups the programme shares private material
        with (those of the collections' restrictions, set by ensure_roles)."""
        collection = commune_collection(A, private=True)
        groups = CollectionViewRestriction.objects.get(collection=collection).groups
        # The restricted page attaches the document: one that no live page
        # publishes reaches only those who work on it (document_access).
        document = HubDocumentFactory(collection=collection, title="Convention privée")
        page = self._revise(
            PracticePageFactory(commune=A, title="Réservée", attachments=[document])
        )
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(groups.all())
        return {"page": page, "document": document}

    # --- Draft attachments (issue #9, items 2 and 4) --------------------------
    # Documents no live page publishes: one attached only to a draft of A (in
    # the root collection: A's team reaches it through its page rights), one
    # A's editor sent with the share form (A's collection, attached to the
    # share form's draft), one of B's collection attached to nothing.

    def make_draft_attachment(self):
        document = HubDocumentFactory(title="Annexe du brouillon")
        page = PracticePageFactory(
            commune=A,
            title="Brouillon avec annexe",
            live=False,
            first_published_at=None,
            last_published_at=None,
            attachments=[document],
        )
        return {"page": self._revise(page), "document": document}

    def make_shared_upload(self):
        """Through the share form itself, as A's editor."""
        client = Client()
        client.force_login(self.users[EA])
        title = "Partagée avec un fichier"
        data = filled(title=title, attachments=[pdf("compte-rendu.pdf")])
        assert client.post("/fr/partager/", data).status_code == 302
        page = PracticePage.objects.get(title=title)
        return {"page": page, "document": page.attachments.get().document}

    def make_loose_document(self):
        collection = commune_collection(B)
        document = HubDocumentFactory(collection=collection, title="Fichier de B")
        return {"document": document}

    def other_section(self, page):
        """The section of the other commune than ``page``'s, same language."""
        other = B if page.commune.slug == A else A
        return section(other, page.locale.language_code)

    # --- Arabic originals (issue #9, item 5) ---------------------------------
    # Practices written in Arabic (no wagtail-localize ``Translation`` targets
    # them), live and draft, in each commune's Arabic section. The second word
    # of each title is what the search doors look for.

    def _arabic_original(self, commune, title, live):
        never = {} if live else {"first_published_at": None, "last_published_at": None}
        page = PracticePageFactory(
            language="ar", commune=commune, title=title, live=live, **never
        )
        return self._revise(page)

    def make_ar_live_a(self):
        return self._arabic_original(A, "منشورة zqxc طنجة", live=True)

    def make_ar_draft_a(self):
        return self._arabic_original(A, "مسودة zqxd طنجة", live=False)

    def make_ar_live_b(self):
        return self._arabic_original(B, "منشورة zqxe تيزنيت", live=True)

    def make_ar_draft_b(self):
        return self._arabic_original(B, "مسودة zqxf تيزنيت", live=False)


def logins(users):
    """The session cookie of each role's login, made once with the world: a
    login per case (a session row, ``last_login``, django-axes' access log)
    cost a tenth of the matrix. The sessions live in the world's transaction,
    so what a case does to its session is rolled back with the case."""
    cookies = {}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        cookies[role] = client.cookies
    return cookies


def client_for(role, cookies):
    client = Client(raise_request_exception=False)  # a 500 is a refusal too
    if role != AN:
        client.cookies.load(cookies[role])  # logged in as ``role``
    return client


# --- The actions: each returns True when the role got what it asked for -----


FORMS = {PracticePage: practice_data, TemplatePage: template_data}
FORMS[TrainingPage] = training_data


def edit_data(page, title):
    """The complete form of ``page``'s type (as the editor's JavaScript posts
    it), with ``page``'s slug and a new title."""
    data = FORMS[type(page)](page.locale.language_code)
    data.update(title=title, slug=page.slug)
    return data


def latest_title(page):
    return Page.objects.get(pk=page.pk).get_latest_revision_as_object().title


def ok(response):
    return response.status_code == 200


def admin_home(client, world, target):
    return ok(client.get(reverse("wagtailadmin_home")))


# --- The admin's areas (issue #14, item 8) -----------------------------------
# Each area a role is promised in the README ("Roles and publishing"), and a few
# no role but the superuser's: the page a menu item opens, by its URL name.


def _snippets(app_label, model):
    return f"wagtailsnippets_{app_label}_{model}:list"


AREAS = {
    "area_searchpicks": "wagtailsearchpromotions:index",
    "area_searchpicks_add": "wagtailsearchpromotions:add",
    "area_search_terms": "wagtailsearchpromotions:search_terms",
    **{
        f"area_{model}": _snippets("programme", model)
        for model in ("region", "commune", "partnership", "theme")
        + ("targetpublic", "documentkind")
    },
    "area_glossary": _snippets("hubsearch", "glossaryentry"),
    "area_search_queries": "search_query_report",  # « Recherches des agents »
    "area_users": "wagtailusers_users:index",
    "area_groups": "wagtailusers_groups:index",
    "area_documents": "wagtaildocs:index",
    "area_documents_add": "wagtaildocs:add_multiple",
    "area_images": "wagtailimages:index",
    "area_images_add": "wagtailimages:add_multiple",
    "area_collections": "wagtailadmin_collections:index",
    "area_workflows": "wagtailadmin_workflows:index",
    "area_sites": "wagtailsites:index",
    "area_locales": "wagtaillocales:index",
    "area_redirects": "wagtailredirects:index",
}


def admin_area(client, world, target):
    """GET the area: True on a 200; a refusal is a redirect (to the login or,
    with Wagtail's message, to the dashboard) or a 403 — anything else fails."""
    url = reverse(AREAS[target])
    response = client.get(url)
    assert response.status_code in (200, 302, 403), f"{url}: {response.status_code}"
    return ok(response)


def edit_form(client, world, target):
    page = world[target]
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    return ok(response) and page.title in response.content.decode()


def view_draft(client, world, target):
    page = world[target]
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=(page.pk,)))
    return ok(response) and page.title in response.content.decode()


def preview(client, world, target):
    page = world[target]
    data = edit_data(page, page.title)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    response = client.post(url, data)
    if not ok(response) or not json.loads(response.content).get("is_valid"):
        return False
    return page.title in client.get(url).content.decode()


def history(client, world, target):
    page = world[target]
    return ok(client.get(reverse("wagtailadmin_pages:history", args=(page.pk,))))


def revision(client, world, target):
    page = world[target]
    url = reverse(
        "wagtailadmin_pages:revisions_view",
        args=(page.pk, page.latest_revision_id),
    )
    response = client.get(url)
    return ok(response) and page.title in response.content.decode()


def compare(client, world, target):
    page = world[target]
    url = reverse(
        "wagtailadmin_pages:revisions_compare", args=(page.pk, "earliest", "latest")
    )
    return ok(client.get(url))


def api_detail(client, world, target):
    page = world[target]
    response = client.get(f"/admin/api/main/pages/{page.pk}/")
    return ok(response) and json.loads(response.content)["id"] == page.pk


def api_listing(client, world, target):
    page = world[target]
    response = client.get(
        "/admin/api/main/pages/", {"child_of": page.get_parent().pk, "limit": 20}
    )
    if not ok(response):
        return False
    items = json.loads(response.content)["items"]
    return page.pk in {item["id"] for item in items}


def chooser_shows(response, page):
    """The chooser answers JSON (its HTML in "html", non-ASCII escaped): read
    the HTML itself, or an Arabic title would never be found."""
    if not ok(response):
        return False
    try:
        html = json.loads(response.content)["html"]
    except (ValueError, KeyError, TypeError):
        html = response.content.decode()
    return page.title in html


def chooser_browse(client, world, target):
    page = world[target]
    url = reverse("wagtailadmin_choose_page_child", args=(page.get_parent().pk,))
    return chooser_shows(client.get(url), page)


def chooser_search(client, world, target):
    page = world[target]
    response = client.get(
        reverse("wagtailadmin_choose_page_search"), {"q": page.title.split()[1]}
    )
    return chooser_shows(response, page)


def admin_search(client, world, target):
    page = world[target]
    response = client.get(
        reverse("wagtailadmin_pages:search"), {"q": page.title.split()[1]}
    )
    return ok(response) and page.title in response.content.decode()


def type_use(client, world, target):
    page = world[target]
    url = reverse("wagtailadmin_pages:type_use", args=("practices", "practicepage"))
    response = client.get(url)
    return ok(response) and page.title in response.content.decode()


def site_url(client, world, target):
    page = world[target]
    return ok(client.get(f"/fr/pratiques/{page.get_parent().slug}/{page.slug}/"))


CREATED = {
    "section_a": (PracticePage, practice_data),
    "section_a_ar": (PracticePage, practice_data),
    "section_b": (PracticePage, practice_data),
    "template_index": (TemplatePage, template_data),
    "training_index": (TrainingPage, training_data),
}


def add_url(world, target):
    model, _data = CREATED[target]
    parent = world[target]
    return reverse(
        "wagtailadmin_pages:add",
        args=(model._meta.app_label, model._meta.model_name, parent.pk),
    )


def create_form(client, world, target):
    return ok(client.get(add_url(world, target)))


def create(client, world, target):
    model, make_data = CREATED[target]
    parent = world[target]
    data = make_data(parent.locale.language_code)
    data["slug"] = "nouvelle-page-matrice"
    client.post(add_url(world, target), data)
    return model.objects.child_of(parent).filter(slug=data["slug"]).exists()


def edit(client, world, target):
    page = world[target]
    data = edit_data(page, "Titre changé par la matrice")
    client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    return latest_title(page) == "Titre changé par la matrice"


def publish(client, world, target):
    page = world[target]
    data = edit_data(page, "Titre publié par la matrice")
    data["action-publish"] = ["action-publish"]
    client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    page.refresh_from_db()
    return page.live and page.title == "Titre publié par la matrice"


def unpublish(client, world, target):
    page = world[target]
    client.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)))
    page.refresh_from_db()
    return not page.live


def delete(client, world, target):
    page = world[target]
    client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))
    return not Page.objects.filter(pk=page.pk).exists()


def move(client, world, target):
    page = world[target]
    destination = world.other_section(page)
    url = reverse("wagtailadmin_pages:move_confirm", args=(page.pk, destination.pk))
    client.post(url)
    return Page.objects.get(pk=page.pk).get_parent().pk == destination.pk


def copy(client, world, target):
    """Copy into commune A's section (of the page's language): a way to read
    B's draft from A's side."""
    page = world[target]
    client.post(
        reverse("wagtailadmin_pages:copy", args=(page.pk,)),
        {
            "new_title": "Copie par la matrice",
            "new_slug": "copie-matrice",
            "new_parent_page": section(A, page.locale.language_code).pk,
        },
    )
    return Page.objects.filter(slug="copie-matrice").exists()


def api_action(client, page, action, **data):
    return client.post(
        f"/admin/api/main/pages/{page.pk}/action/{action}/",
        json.dumps(data),
        content_type="application/json",
    )


def api_publish(client, world, target):
    page = world[target]
    api_action(client, page, "publish")
    page.refresh_from_db()
    return page.live


def api_unpublish(client, world, target):
    page = world[target]
    api_action(client, page, "unpublish")
    page.refresh_from_db()
    return not page.live


def api_delete(client, world, target):
    page = world[target]
    api_action(client, page, "delete")
    return not Page.objects.filter(pk=page.pk).exists()


def api_move(client, world, target):
    page = world[target]
    destination = world.other_section(page)
    api_action(
        client,
        page,
        "move",
        destination_page_id=destination.pk,
        position="last-child",
    )
    return Page.objects.get(pk=page.pk).get_parent().pk == destination.pk


def api_copy(client, world, target):
    page = world[target]
    api_action(
        client,
        page,
        "copy",
        destination_page_id=world["section_a"].pk,
        slug="copie-api-matrice",
    )
    return Page.objects.filter(slug="copie-api-matrice").exists()


def api_translate(client, world, target):
    page = world[target]
    api_action(client, page, "copy_for_translation", locale="ar")
    return arabic_of(page).exists()


def arabic_of(page):
    return Page.objects.filter(
        translation_key=page.translation_key, locale__language_code="ar"
    )


def translate(client, world, target):
    page = world[target]
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=(page.pk,)),
        {"locales": [Locale.objects.get(language_code="ar").pk]},
    )
    return arabic_of(page).exists()


def translation_of(page):
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale
    )


def translation_editor(client, world, target):
    page = world[target]
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    return ok(response) and "js-translation-editor" in (response.content.decode())


def translation_preview(client, world, target):
    page = world[target]
    url = reverse(
        "wagtail_localize:preview_translation", args=(translation_of(page).pk,)
    )
    return ok(client.get(url))


def translation_publish(client, world, target):
    page = world[target]
    published = PageLogEntry.objects.filter(page=page, action="wagtail.publish")
    before = published.count()
    # wagtail-localize publishes on commit: run what the commit would.
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            reverse("wagtailadmin_pages:edit", args=(page.pk,)), {"action": "publish"}
        )
    return published.count() > before


def private_page(client, world, target):
    page = world[target]["page"]
    response = client.get(page.url)
    return ok(response) and page.title in response.content.decode()


def served(response):
    if not ok(response):
        return False
    if response.streaming:
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    return len(body) > 0


def private_document(client, world, target):
    document = world[target]["document"]
    return served(client.get(document.url))


def private_version(client, world, target):
    document = world[target]["document"]
    return served(client.get(document.versions.first().url))


def private_thumbnail(client, world, target):
    document = world[target]["document"]
    assert document.thumbnail_url, "the PDF has a first-page thumbnail"
    return served(client.get(document.thumbnail_url))


def private_document_admin(client, world, target):
    document = world[target]["document"]
    response = client.get(reverse("wagtaildocs:edit", args=(document.pk,)))
    return ok(response) and document.title in response.content.decode()


# --- More admin doors on a page (issue #9, item 5: Arabic originals) ---------


def explore(client, world, target):
    """The explorer's listing of the page's parent shows the page."""
    page = world[target]
    response = client.get(reverse("wagtailadmin_explore", args=(page.get_parent().pk,)))
    return ok(response) and page.title in response.content.decode()


def workflow_history(client, world, target):
    page = world[target]
    url = reverse("wagtailadmin_pages:workflow_history", args=(page.pk,))
    return ok(client.get(url))


def lock(client, world, target):
    page = world[target]
    client.post(reverse("wagtailadmin_pages:lock", args=(page.pk,)))
    page.refresh_from_db()
    return page.locked


# --- Draft attachments (issue #9, items 2 and 4) ------------------------------


def draft_document(client, world, target):
    """Wagtail's serve view."""
    return served(client.get(world[target]["document"].url))


def draft_version(client, world, target):
    return served(client.get(world[target]["document"].versions.first().url))


def draft_thumbnail(client, world, target):
    document = world[target]["document"]
    assert document.thumbnail_url, "the PDF has a first-page thumbnail"
    return served(client.get(document.thumbnail_url))


def attach(client, world, target):
    """POST A's draft's edit form attaching the target's document (a forged id
    for those whose chooser does not offer it); True when the draft's latest
    revision attaches it."""
    page = world["draft_a"]
    document = world[target]["document"]
    data = edit_data(page, page.title)
    data |= nested_form_data(
        {"attachments": inline_formset([{"document": document.pk}])}
    )
    client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    latest = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    return document.pk in {a.document_id for a in latest.attachments.all()}
