"""The permission matrix: every role × every action × own commune or another's.

One table (``POLICY``) says, for each action on each target, which roles may do
it; every other role must be refused. The cases are generated from it, so the
matrix is countable: 8 roles × 246 (action, target) pairs = 1968 cases
(asserted by ``test_matrix_size``). Each case goes through the real door a user
would use — the admin's views, their direct URLs and POSTs, previews,
revisions, the admin API, the page chooser and admin search, wagtail-localize's
views, the site's pages, the document URLs and the page each admin menu item
opens — and checks the effect in the
database, not only the status code, so that a refusal is really a refusal.

Commune A is Tanger, commune B is Tiznit. Decisions where Wagtail alone would
differ from the programme's policy (all written in ``POLICY``):

* a commune reviewer reads and edits their commune's pages (the editor's
  live preview needs that right), but creates nothing and publishes nothing;
* the commune team (editors and reviewers) may delete a *draft* of their
  commune — work that never went online — never a page that is or was live;
* while a practice is in commune review, it is locked for everyone but the
  commune's reviewers (and superusers): the coordination acts at its own step;
* the page chooser shows other people's drafts to nobody who cannot edit them;
* the translation group's right on the Arabic tree opens translations only: on
  an Arabic original (a page not made by wagtail-localize) the translator has
  nothing, not even the explorer's listing or the admin API;
* a document no live page publishes (a draft's attachment, a file sent with the
  share form, one attached to nothing) is downloaded only by those who work on
  it, and attached only by those who may choose it.
"""

from itertools import product

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings

from tests import permission_matrix_doors as doors
from tests.permission_matrix_doors import CO, EA, PA, RA, ROLES, SU, TN, TR

pytestmark = pytest.mark.django_db

STAFF = {SU, CO}
TEAM_A = STAFF | {EA, RA}  # commune A's editors and reviewers, and the staff
CREATORS_A = STAFF | {EA}
RESOURCES = STAFF | {TN}
ADMIN_USERS = {SU, CO, EA, RA, TR, TN}
MEMBERS = ADMIN_USERS | {PA}
NOBODY = set()

# Who may read a target's draft in the admin: edit form, draft view, preview,
# history, a revision, a comparison; the admin API (detail and listing).
READERS = {
    "draft_a": TEAM_A,
    "live_a": TEAM_A,
    "review_a": TEAM_A,
    "draft_b": STAFF,
    "live_b": STAFF,
    "template": RESOURCES,
    "training": RESOURCES,
    "arabic": TEAM_A | {TR},  # the Arabic section of A, and the translators
}
READ_ACTIONS = ("edit_form", "view_draft", "preview", "history", "revision")
READ_ACTIONS += ("compare", "api_detail", "api_listing")

POLICY = {
    ("admin_home", "admin"): ADMIN_USERS,
    **{(a, t): who for a in READ_ACTIONS for t, who in READERS.items()},
    # Draft titles in lists: the page chooser, admin search, type usage report.
    ("chooser_browse", "draft_a"): TEAM_A,
    ("chooser_browse", "draft_b"): STAFF,
    ("chooser_search", "draft_a"): TEAM_A,
    ("chooser_search", "draft_b"): STAFF,
    ("admin_search", "draft_b"): STAFF,
    ("type_use", "draft_b"): STAFF,
    # Drafts are never served at their address, to anybody.
    ("site_url", "draft_a"): NOBODY,
    ("site_url", "draft_b"): NOBODY,
    # Create: the add form, then its POST.
    **{
        (action, parent): who
        for action in ("create_form", "create")
        for parent, who in {
            "section_a": CREATORS_A,
            "section_a_ar": CREATORS_A,
            "section_b": STAFF,
            "template_index": RESOURCES,
            "training_index": RESOURCES,
        }.items()
    },
    # A section is structure (issue #14, item 9): its commune's team adds
    # practices under it but does not edit it; the coordination does.
    ("edit_form", "section_a"): STAFF,
    ("edit_form", "section_a_ar"): STAFF,
    # Edit saves a draft revision; the live page changes only by publishing.
    ("edit", "draft_a"): TEAM_A,
    ("edit", "live_a"): TEAM_A,
    # In commune review the page is locked for all but its reviewers.
    ("edit", "review_a"): {SU, RA},
    ("edit", "draft_b"): STAFF,
    ("edit", "live_b"): STAFF,
    ("edit", "template"): RESOURCES,
    ("edit", "training"): RESOURCES,
    **{
        ("publish", t): STAFF
        for t in ("draft_a", "live_a", "draft_b", "template", "training")
    },
    ("publish", "review_a"): {SU},  # the coordination acts at its own step
    **{
        ("unpublish", t): STAFF
        for t in ("live_a", "live_b", "template", "training", "arabic")
    },
    # Discarding a draft that never went online is the commune team's call;
    # what is or was online is deleted by the coordination only.
    ("delete", "draft_a"): TEAM_A,
    **{("delete", t): STAFF for t in ("live_a", "draft_b", "live_b", "template")},
    ("delete", "arabic"): STAFF,
    # Out of one's own section: needs a right in the other commune's.
    ("move", "draft_a"): STAFF,
    ("move", "draft_b"): STAFF,
    ("move", "live_a"): STAFF,
    # Copy into A's section: needs to read the original and add there.
    ("copy", "draft_a"): CREATORS_A,
    ("copy", "draft_b"): STAFF,
    # The admin API's actions check the same rights as the views.
    ("api_publish", "draft_a"): STAFF,
    ("api_publish", "draft_b"): STAFF,
    ("api_unpublish", "live_b"): STAFF,
    ("api_delete", "draft_a"): TEAM_A,
    ("api_delete", "live_a"): STAFF,
    ("api_move", "draft_a"): STAFF,
    ("api_copy", "draft_b"): STAFF,
    # Wagtail's API translation asks simple_translation's permission, which no
    # group has: superusers only (everybody else uses wagtail-localize's).
    ("api_translate", "live_b"): {SU},
    # wagtail-localize: submit a translation; the translation editor.
    ("translate", "live_a"): STAFF | {TR},
    ("translate", "draft_b"): STAFF | {TR},
    ("translate", "template"): STAFF | {TR},
    ("translation_editor", "arabic"): READERS["arabic"],
    ("translation_preview", "arabic"): READERS["arabic"],
    ("translation_publish", "arabic"): STAFF,
    # Private material: a restricted page, a document of a private collection.
    ("private_page", "private"): MEMBERS,
    ("private_document", "private"): MEMBERS,
    ("private_version", "private"): MEMBERS,
    ("private_thumbnail", "private"): MEMBERS,
    ("private_document_admin", "private"): CREATORS_A,
}

# --- Arabic originals (issue #9, item 5) --------------------------------------
# Practices written in Arabic — not translations made by wagtail-localize — live
# and draft, in A's and B's Arabic sections. The translation group's right on
# the Arabic tree opens translations only (practices/publishing/translator_scope
# .py): the translator gets nothing on these, not even the explorer's listing;
# each commune's team has its usual rights on its own Arabic section.
ARABIC_TEAMS = {
    "ar_live_a": TEAM_A,
    "ar_draft_a": TEAM_A,
    "ar_live_b": STAFF,
    "ar_draft_b": STAFF,
}
ARABIC_READS = (*READ_ACTIONS, "workflow_history", "explore", "admin_search")
POLICY |= {
    **{(a, t): who for a in ARABIC_READS for t, who in ARABIC_TEAMS.items()},
    **{("edit", t): who for t, who in ARABIC_TEAMS.items()},
    # A draft that never went online is the commune team's to discard.
    ("delete", "ar_draft_a"): TEAM_A,
    **{("delete", t): STAFF for t in ("ar_live_a", "ar_live_b", "ar_draft_b")},
    **{("unpublish", t): STAFF for t in ("ar_live_a", "ar_live_b")},
    **{(a, t): STAFF for a in ("move", "lock") for t in ARABIC_TEAMS},
    # Copy into A's Arabic section: read the original and add there.
    **{("copy", t): CREATORS_A for t in ("ar_live_a", "ar_draft_a")},
    **{("copy", t): STAFF for t in ("ar_live_b", "ar_draft_b")},
    # The page chooser: live pages are choosable by every admin user (linking
    # to a published page is the point), drafts by those who may edit them.
    **{
        (a, t): who
        for a in ("chooser_browse", "chooser_search")
        for t, who in {
            "ar_live_a": ADMIN_USERS,
            "ar_live_b": ADMIN_USERS,
            "ar_draft_a": TEAM_A,
            "ar_draft_b": STAFF,
        }.items()
    },
}

# --- Draft attachments (issue #9, items 2 and 4) -------------------------------
# Documents no live page publishes (documents/access.py): downloaded —
# file, version, thumbnail — only by those who work on them (the collection's
# rights, the draft's page rights, the uploader), a 404 for everyone else. And a
# forged document id in A's draft's edit form: only those who may choose B's
# file attach it (practices/attachment_choice.py).
DRAFT_ATTACHMENTS = {
    "draft_attachment": TEAM_A | {TR},  # root collection, on a draft of A
    "shared_upload": TEAM_A | {TR},  # A's collection, the share form's draft
    "loose_document": STAFF | {TR},  # B's collection, attached to nothing
}
POLICY |= {
    **{
        (door, target): who
        for door in ("draft_document", "draft_version", "draft_thumbnail")
        for target, who in DRAFT_ATTACHMENTS.items()
    },
    ("attach", "loose_document"): STAFF,
}

# --- The admin's areas (issue #14, item 8) -----------------------------------
# Every area of the admin a role is promised in the README ("Roles and
# publishing"): its page answers 200 to that role, and refuses (a redirect or a
# 403, never an error) everyone else. The coordination manages promotions,
# vocabularies, the glossary and users; the commune editors and the trainers
# upload documents and images; each team explores its own part of the tree.
# The areas nobody is promised stay the superusers'.
UPLOADERS = STAFF | {EA, TN}
VOCABULARY_AREAS = ("region", "commune", "partnership", "theme", "targetpublic")
VOCABULARY_AREAS += ("documentkind",)
POLICY |= {
    ("admin_area", "area_searchpicks"): STAFF,
    ("admin_area", "area_searchpicks_add"): STAFF,
    **{("admin_area", f"area_{model}"): STAFF for model in VOCABULARY_AREAS},
    ("admin_area", "area_glossary"): STAFF,
    # « Recherches des agents » (search/query_report.py, Reports menu): the
    # agents' own words, for those who may act on them in the glossary.
    ("admin_area", "area_search_queries"): STAFF,
    ("admin_area", "area_users"): STAFF,
    **{
        ("admin_area", f"area_{kind}{page}"): UPLOADERS
        for kind in ("documents", "images")
        for page in ("", "_add")
    },
    # Each team finds its pages in the explorer (Wagtail answers 200 on any
    # page below one's explorable root, listing only what one may see).
    **{("explore", t): who for t, who in READERS.items() if t != "review_a"},
    **{
        ("admin_area", f"area_{name}"): {SU}
        for name in ("search_terms", "groups", "collections", "workflows")
        + ("sites", "locales", "redirects")
    },
}

CASES = [(action, target, role) for ((action, target), role) in product(POLICY, ROLES)]


def test_matrix_size():
    """The size stated in the module docstring."""
    size = (len(ROLES), len(POLICY), len(CASES))
    # 246 pairs since the coordination's report « Recherches des agents »
    # (area_search_queries) became a door (was 245, 1960 cases).
    assert size == (8, 246, 1968), f"{len(CASES)} cases"


# --- The world: made once per module, as the superuser ------------------------
#
# Building the targets for each case would cost minutes: they are made once, in
# a transaction the module fixture rolls back at the end; each case runs in its
# own savepoint (pytest-django), so what one case changes (a deletion, a
# publication) is undone before the next. The world hands out fresh instances.

TARGETS = sorted({target for _action, target in POLICY})


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Made once, in a transaction rolled back when the module is done."""
    media = tmp_path_factory.mktemp("matrix-media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock():
        with transaction.atomic():
            yield doors.World(doors.people(get_user_model()), TARGETS)
            transaction.set_rollback(True)


ACTIONS = {name: getattr(doors, name) for name, _target in POLICY}

# Cases expected to fail (xfail, strict): none today. A server error found by the
# matrix in code it does not own goes here with its reason until fixed.
KNOWN_FAILURES = {}


def case_params():
    for action, target, role in CASES:
        marks = []
        reason = KNOWN_FAILURES.get((action, target, role))
        if reason:
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        yield pytest.param(
            action, target, role, id=f"{action}-{target}-{role}", marks=marks
        )


@pytest.mark.parametrize(("action", "target", "role"), list(case_params()))
def test_permission(action, target, role, world):
    """``role`` may do ``action`` on ``target`` exactly when POLICY says so."""
    expected = role in POLICY[(action, target)]
    client = doors.client_for(role, world.cookies)
    got = ACTIONS[action](client, world, target)
    assert got == expected, (
        f"{role} {'could not' if expected else 'could'} {action} {target}"
    )
