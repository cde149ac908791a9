"""The FR↔AR glossary (``search.glossary``, ``GlossaryEntry``): its data file and
loader, the expansion of queries (analysed matching, alternatives, stop words),
the "all languages" search of the page and the API through it, and its admin."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from modelsearch.query import And, Or, PlainText

from search import glossary
from search.analysis import analyse
from search.facets import bump_version
from search.glossary import expand, expanding, read_data, translated_query
from search.models import ARABIC_LETTER, GlossaryEntry
from tests.test_search_page import html, make_page, plain, result_titles

pytestmark = pytest.mark.django_db

API = "/api/search/"
DATA = read_data()


@pytest.fixture(autouse=True)
def fresh_indexes():
    """The facet index and the compiled glossary are per process and the test
    database is rolled back without signals: start and end each test with fresh
    versions, so that no other test sees this one's glossary."""
    bump_version()
    glossary.bump_version()
    yield
    bump_version()
    glossary.bump_version()


@pytest.fixture
def loaded():
    """The project's glossary, as ``load_glossary`` loads it."""
    call_command("load_glossary", stdout=StringIO())


def add(*pairs):
    for french, arabic in pairs:
        GlossaryEntry.objects.create(french=french, arabic=arabic)


def titles(response):
    return [plain(title) for title in result_titles(html(response))]


def api_titles(client, params):
    response = client.get(API, params)
    assert response.status_code == 200
    return [result["title"] for result in response.json()["results"]]


# --- the data file ------------------------------------------------------------


def test_data_file_holds_at_least_150_valid_pairs():
    """search/data/glossary.json: at least 150 pairs, each with a French side in
    Latin letters and an Arabic side in Arabic letters, both made of words, each
    valid as the admin form would have it."""
    assert len(DATA) >= 150
    for item in DATA:
        assert set(item) <= {"french", "arabic", "note"}, item
        assert ARABIC_LETTER.search(item["arabic"]), item
        assert not ARABIC_LETTER.search(item["french"]), item
        assert analyse(item["french"]) and analyse(item["arabic"]), item
        GlossaryEntry(**item).full_clean(validate_constraints=False)


def test_data_file_has_no_duplicates():
    """No pair twice, neither as written nor once analysed (a duplicate would only
    repeat the same alternative)."""
    written = [(item["french"], item["arabic"]) for item in DATA]
    assert len(written) == len(set(written))
    analysed = [(tuple(analyse(fr)), tuple(analyse(ar))) for fr, ar in written]
    assert len(analysed) == len(set(analysed))


def test_data_file_covers_the_programme_vocabulary():
    """The programme's key terms are there, broken plurals as their own pairs."""
    pairs = {(item["french"], item["arabic"]) for item in DATA}
    expected = {
        ("participation citoyenne", "المشاركة المواطنة"),
        ("budget participatif", "الميزانية التشاركية"),
        ("association", "جمعية"),
        ("commune", "جماعة"),
        ("conseil communal", "المجلس الجماعي"),
        ("jeunes", "الشباب"),
        ("femmes", "النساء"),
        ("migrants", "المهاجرون"),
        ("handicap", "الإعاقة"),
        ("accessibilité", "الولوجيات"),
        ("formation", "التكوين"),
        ("financement", "التمويل"),
        ("appel à projets", "طلب مشاريع"),
        ("convention de partenariat", "اتفاقية شراكة"),
        ("plan d'action communal", "برنامج عمل الجماعة"),
        ("INDH", "المبادرة الوطنية للتنمية البشرية"),
        ("égalité", "المساواة"),
        ("genre", "النوع الاجتماعي"),
        ("subvention", "منحة"),
        ("bénévolat", "التطوع"),
        ("alphabétisation", "محو الأمية"),
        ("insertion professionnelle", "الإدماج المهني"),
        ("modèle", "نموذج"),
        ("modèles", "نماذج"),
        ("projets", "مشاريع"),
    }
    assert expected <= pairs, expected - pairs


def test_data_file_has_the_reviewers_corrections():
    """The pairs a French–Arabic reviewer corrected (issue 14): singulars
    for singulars, the Moroccan terms, and the listening cell."""
    pairs = {(item["french"], item["arabic"]) for item in DATA}
    arabic_of = {}
    for french, arabic in pairs:
        arabic_of.setdefault(french, set()).add(arabic)
    expected = {
        "public cible": "الفئة المستهدفة",
        "jardin d'enfants": "روض الأطفال",
        "support de formation": "دعامة تكوينية",
        "capitalisation": "تثمين",
        "capitalisation des expériences": "تثمين التجارب",
        "microcrédit": "السلفات الصغرى",
        "cellule d'écoute": "مركز الإنصات",
    }
    for french, arabic in expected.items():
        assert arabic_of.get(french) == {arabic}, (french, arabic_of.get(french))


ROOT = Path(__file__).resolve().parents[1]


def _programme_terms():
    """The programme's vocabulary: every theme, target public and document kind
    of the taxonomy (French, Arabic) and every tag of the demo fiches."""
    taxonomy = json.loads((ROOT / "programme/data/taxonomy.json").read_text())
    french = set()
    arabic = set()
    for vocabulary in ("themes", "target_publics", "document_kinds"):
        for item in taxonomy[vocabulary]:
            french.add(item["name"]["fr"])
            arabic.add(item["name"]["ar"])
    with open(ROOT / "practices/demo/practices.jsonl", encoding="utf-8") as lines:
        for fiche in map(json.loads, lines):
            (arabic if fiche["language"] == "ar" else french).update(fiche["tags"])
    return french, arabic


def test_every_programme_term_has_its_pair():
    """Each theme, public and document kind, and each recurring term of the demo
    fiches (their tags), is one side of a glossary pair: the list printed on
    failure is what the glossary misses."""
    french, arabic = _programme_terms()
    have_french = {tuple(analyse(item["french"])) for item in DATA}
    have_arabic = {tuple(analyse(item["arabic"])) for item in DATA}
    missing = sorted(t for t in french if tuple(analyse(t)) not in have_french)
    missing += sorted(t for t in arabic if tuple(analyse(t)) not in have_arabic)
    assert not missing, f"Sans paire dans le glossaire : {missing}"


# --- load_glossary ------------------------------------------------------------


def test_load_glossary_is_idempotent():
    """A second run creates and changes nothing; the count is the file's."""
    out = StringIO()
    call_command("load_glossary", stdout=out)
    assert GlossaryEntry.objects.count() == len(DATA)
    assert f"{len(DATA)} créée(s), 0 déjà proposée(s)" in out.getvalue()
    out = StringIO()
    call_command("load_glossary", stdout=out)
    assert GlossaryEntry.objects.count() == len(DATA)
    assert f"0 créée(s), {len(DATA)} déjà proposée(s)" in out.getvalue()


def test_load_glossary_keeps_coordinators_entries(loaded):
    """Reloading never touches, restores or deletes what the coordination did in
    the admin: an entry it added, a shipped pair's note it changed, a shipped pair
    it corrected or deleted (each shipped pair is offered once)."""
    add(("potager collectif", "بستان جماعي"))
    GlossaryEntry.objects.filter(french="commune", arabic="جماعة").update(note="")
    GlossaryEntry.objects.filter(french="province").update(arabic="عمالة")
    GlossaryEntry.objects.filter(french="provinces").delete()
    out = StringIO()
    call_command("load_glossary", stdout=out)
    assert "0 créée(s)" in out.getvalue()
    assert GlossaryEntry.objects.get(french="commune", arabic="جماعة").note == ""
    assert GlossaryEntry.objects.get(french="province").arabic == "عمالة"
    assert not GlossaryEntry.objects.filter(french="provinces").exists()
    assert GlossaryEntry.objects.filter(french="potager collectif").exists()


def test_load_glossary_adds_the_new_pairs_of_a_release(tmp_path, loaded):
    """A pair new in the file is added at the next load (``make serve`` runs it
    at each start, after ``migrate``); the others stay as the coordination left
    them."""
    path = tmp_path / "glossary.json"
    pairs = [*DATA, {"french": "potager collectif", "arabic": "بستان جماعي"}]
    path.write_text(json.dumps(pairs, ensure_ascii=False), encoding="utf-8")
    GlossaryEntry.objects.filter(french="provinces").delete()
    out = StringIO()
    call_command("load_glossary", str(path), stdout=out)
    assert f"1 créée(s), {len(DATA)} déjà proposée(s)" in out.getvalue()
    assert GlossaryEntry.objects.filter(french="potager collectif").exists()
    assert not GlossaryEntry.objects.filter(french="provinces").exists()
    assert expand("potager collectif") == "بستان جماعي"  # the cache followed


def test_every_start_of_production_loads_the_glossary():
    """An installation with real data has the glossary: ``make serve`` loads it
    after the migrations (the documented set-up), not only ``load_demo``."""
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text()
    serve = makefile.split("\nserve: $(BIN)/.runtime\n", 1)[1].split("\n\n", 1)[0]
    assert serve.index("migrate") < serve.index("load_glossary") < serve.index("exec")


def test_load_glossary_refuses_an_invalid_file_and_writes_nothing(tmp_path):
    """A pair whose Arabic side is not in Arabic letters stops the load before
    anything is written."""
    path = tmp_path / "glossary.json"
    pairs = [
        {"french": "commune", "arabic": "جماعة"},
        {"french": "budget", "arabic": "budget"},
    ]
    path.write_text(json.dumps(pairs, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="lettres arabes"):
        call_command("load_glossary", str(path), stdout=StringIO())
    assert not GlossaryEntry.objects.exists()


# --- expand -------------------------------------------------------------------


def test_expand_translates_french_into_arabic():
    """A French term is replaced by its Arabic side."""
    add(("budget participatif", "الميزانية التشاركية"))
    assert expand("budget participatif") == "الميزانية التشاركية"
    assert expand("Budgets participatifs") == "الميزانية التشاركية"


def test_expand_translates_arabic_into_french():
    """An Arabic term is replaced by its French side."""
    add(("participation citoyenne", "المشاركة المواطنة"))
    assert expand("المشاركة المواطنة") == "participation citoyenne"
    assert expand("مشاركة مواطنة") == "participation citoyenne"


def test_expand_prefers_the_longest_multiword_term():
    """Runs are matched leftmost-longest: "budget participatif" is one term, not
    "budget" followed by an untranslated "participatif"; several terms of one
    query are all translated."""
    add(
        ("budget", "الميزانية"),
        ("budget participatif", "الميزانية التشاركية"),
        ("participation citoyenne", "المشاركة المواطنة"),
    )
    assert expand("budget participatif et participation citoyenne") == (
        "الميزانية التشاركية المشاركة المواطنة"
    )
    assert expand("budget communal") == "الميزانية communal"


def test_expand_sees_through_arabic_prefixes_and_letter_forms():
    """والمشاركة, بالمشاركة, للمشاركة are المشاركة; أ/إ/ا and ة/ه do not matter;
    harakat are ignored."""
    add(("participation citoyenne", "المشاركة المواطنة"), ("égalité", "المساواة"))
    for query in (
        "والمشاركة المواطنة",
        "بالمشاركة المواطنة",
        "للمشاركة المواطنه",
        "المُشارَكة المُواطِنة",
    ):
        assert expand(query) == "participation citoyenne", query
    assert expand("والمساواة") == "égalité"


def test_expand_sees_through_french_accents_case_and_elision():
    """ "l'égalité", "L’EGALITE", "égalités" all match "égalité"; an elided article
    on a multiword term too."""
    add(("égalité", "المساواة"), ("accessibilité", "الولوجيات"))
    for query in ("l'égalité", "L’EGALITE", "égalités", "egalite"):
        assert expand(query) == "المساواة", query
    assert expand("d’accessibilite") == "الولوجيات"


def test_expand_keeps_the_users_other_words_without_stop_words():
    """Untranslated words stay (normalised) so that every word of the user still
    has to match; stop words of either language go: an Arabic text has no
    "des", a French one no "في"."""
    add(("formation", "التكوين"), ("femmes", "النساء"), ("jeunes", "الشباب"))
    assert expand("formation des femmes à Tanger") == "التكوين النساء tanger"
    assert expand("تكوين الشباب في طنجة") == "formation jeunes طنجه"


def test_expand_offers_every_translation_of_a_term():
    """A singular and its broken plural are two pairs; "modèles" (analysed like
    "modèle") gets both as alternatives, each Arabic form its French side."""
    add(("modèle", "نموذج"), ("modèles", "نماذج"))
    assert expand("modèles") == "(نموذج / نماذج)"
    assert expand("modèle de charte") == "(نموذج / نماذج) charte"
    assert expand("نماذج") == "modèles"
    assert expand("النموذج") == "modèle"


def test_expand_without_a_match_is_empty():
    """No glossary term: nothing to add. A run of stop words is not a term even
    when a place name analyses like it ("mon" / Mons)."""
    assert expand("budget") == ""  # empty glossary
    add(("Mons", "مونس"), ("budget", "الميزانية"))
    assert expand("potager scolaire") == ""
    assert expand("") == expand("!!!") == ""
    assert expand("mon potager") == ""
    assert expand("Mons") == "مونس"


def test_translated_query_is_and_of_or_alternatives():
    """The branch searched: AND between the user's words, OR between the
    translations of one term."""
    add(("modèle", "نموذج"), ("modèles", "نماذج"), ("budget", "الميزانية"))
    assert shape(translated_query("modèles de budget Tanger")) == (
        "AND(OR(نموذج, نماذج), الميزانية, tanger)"
    )
    assert shape(translated_query("budget")) == "الميزانية"
    assert translated_query("potager") is None


def shape(query):
    """A query object as text; every PlainText must keep AND between words."""
    if isinstance(query, PlainText):
        assert query.operator == "and"
        return query.query_string
    name = "AND" if isinstance(query, And) else "OR"
    assert isinstance(query, (And, Or))
    return f"{name}({', '.join(shape(sub) for sub in query.subqueries)})"


def test_glossary_follows_saves_and_deletes_at_once():
    """The compiled glossary is cached per process and rebuilt after any save or
    delete of an entry."""
    assert expand("potager") == ""
    entry = GlossaryEntry.objects.create(french="potager", arabic="بستان")
    assert expand("potager") == "بستان"
    entry.arabic = "حديقة"
    entry.save()
    assert expand("potager") == "حديقة"
    entry.delete()
    assert expand("potager") == ""


# --- merging the two searches -------------------------------------------------


class Hit:
    def __init__(self, pk):
        self.pk = pk


def test_expanding_puts_the_users_results_first_then_new_ones():
    """The user's query runs first; the translated branch only adds what it did
    not find, after it; the limit applies to the merge; a fallback in either call
    is reported."""
    add(("budget participatif", "الميزانية التشاركية"))
    calls = []

    def fake_search(queryset, query, *, limit=None, **kwargs):
        calls.append((query, kwargs))
        if isinstance(query, str):
            return [Hit(1), Hit(2)], "default", False
        return [Hit(3), Hit(2), Hit(4)], "database", True

    results, backend, degraded = expanding(fake_search)(
        None, "budget participatif", operator="and", limit=3
    )
    assert [hit.pk for hit in results] == [1, 2, 3]
    assert (backend, degraded) == ("database", True)
    assert calls[0] == ("budget participatif", {"operator": "and"})
    assert isinstance(calls[1][0], PlainText)
    assert calls[1][0].query_string == "الميزانية التشاركية"

    calls.clear()
    results, backend, degraded = expanding(fake_search)(None, "potager", operator="and")
    assert len(calls) == 1  # nothing to translate: one search
    assert (backend, degraded) == ("default", False)


def test_expanding_merges_ids_too():
    """With ``ids_only=True`` the results are pks: merged the same way."""
    add(("budget participatif", "الميزانية التشاركية"))

    def fake_search(queryset, query, *, limit=None, ids_only=False):
        assert ids_only
        return ([1, 2] if isinstance(query, str) else [3, 2, 4]), "default", False

    results, *_ = expanding(fake_search)(None, "budget participatif", ids_only=True)
    assert results == [1, 2, 3, 4]


# --- the search page and the API ---------------------------------------------


def test_french_query_finds_an_arabic_only_practice_in_all_languages(client, loaded):
    """/fr/search/?lang=all: "budget participatif" also finds the practice that
    exists only in Arabic; the French one comes first."""
    make_page("Budget participatif à Tiznit", summary="Un budget participatif.")
    make_page(
        "الميزانية التشاركية للشباب في طنجة",
        language="ar",
        summary="ميزانية تشاركية يقررها شباب الحي.",
    )
    params = {"q": "budget participatif", "lang": "all"}
    assert titles(client.get("/fr/search/", params)) == [
        "Budget participatif à Tiznit",
        "الميزانية التشاركية للشباب في طنجة",
    ]


def test_arabic_query_finds_a_french_only_practice_in_all_languages(client, loaded):
    """/ar/search/?lang=all: والمشاركة المواطنة finds a practice that exists only
    in French."""
    make_page(
        "Participation citoyenne des femmes",
        summary="Des comités de quartier avec les femmes.",
    )
    params = {"q": "والمشاركة المواطنة", "lang": "all"}
    assert titles(client.get("/ar/search/", params)) == [
        "Participation citoyenne des femmes"
    ]


def test_api_expands_both_ways_in_all_languages(client, loaded):
    """/api/search/?lang=all: French finds the Arabic-only practice, Arabic the
    French-only one."""
    make_page("Alphabétisation des femmes rurales", summary="Cours du soir.")
    make_page("التكوين المهني للشباب", language="ar", summary="ورشات في الحرف.")
    assert api_titles(client, {"q": "formation professionnelle", "lang": "all"}) == [
        "التكوين المهني للشباب"
    ]
    assert api_titles(client, {"q": "محو الأمية", "lang": "all"}) == [
        "Alphabétisation des femmes rurales"
    ]


def test_one_language_searches_are_not_expanded(client, loaded):
    """lang=fr and lang=ar search the user's words only: a French page that holds
    the Arabic term but not the French one is found in "all languages" only —
    which the search page searches when its own language finds nothing
    (tests/test_search_bridge.py), the API when asked."""
    make_page("Fiche bilingue", summary="Intitulé arabe : الميزانية التشاركية")
    make_page("صفحة مزدوجة", language="ar", summary="العنوان بالفرنسية : jumelage")
    fr = {"q": "budget participatif"}
    assert api_titles(client, {**fr, "lang": "fr"}) == []
    assert titles(client.get("/fr/search/", {**fr, "lang": "all"})) == [
        "Fiche bilingue"
    ]
    ar = {"q": "التوأمة"}
    assert api_titles(client, {**ar, "lang": "ar"}) == []
    assert api_titles(client, {**ar, "lang": "all"}) == ["صفحة مزدوجة"]


def test_translation_keeps_and_between_the_users_words(client, loaded):
    """ "budget participatif Tanger" finds the Arabic practice of طنجة, not the
    one of تيزنيت: every word of the user still has to match, in translation."""
    make_page("الميزانية التشاركية في طنجة", language="ar", summary="طنجة")
    make_page("الميزانية التشاركية في تيزنيت", language="ar", summary="تيزنيت")
    params = {"q": "budget participatif Tanger", "lang": "all"}
    assert api_titles(client, params) == ["الميزانية التشاركية في طنجة"]


def test_broken_plural_alternatives_both_find(client, loaded):
    """ "modèles" finds the Arabic pages that say نموذج and those that say
    نماذج."""
    make_page("نموذج اتفاقية", language="ar", page_type="template")
    make_page("نماذج محاضر الاجتماعات", language="ar", page_type="template")
    found = api_titles(client, {"q": "modèles", "lang": "all"})
    assert sorted(found) == sorted(["نموذج اتفاقية", "نماذج محاضر الاجتماعات"])


# --- admin ----------------------------------------------------------------------


def test_editing_an_entry_in_the_admin_changes_the_expansion_at_once(admin_client):
    """A coordinator corrects a pair in the snippet edit view: the next search
    uses the correction."""
    entry = GlossaryEntry.objects.create(french="potager", arabic="بستان")
    make_page("حديقة الحي المشتركة", language="ar", summary="حديقة يزرعها السكان")
    params = {"q": "potager", "lang": "all"}
    assert expand("potager") == "بستان"
    assert titles(admin_client.get("/fr/search/", params)) == []

    url = reverse("wagtailsnippets_hubsearch_glossaryentry:edit", args=[entry.pk])
    response = admin_client.post(
        url, {"french": "potager", "arabic": "حديقة", "note": "Jardin partagé."}
    )
    assert response.status_code == 302
    assert expand("potager") == "حديقة"
    assert titles(admin_client.get("/fr/search/", params)) == ["حديقة الحي المشتركة"]


def test_admin_refuses_invalid_and_duplicate_pairs(admin_client):
    """The add form refuses an Arabic side without Arabic letters and a pair that
    already exists."""
    add(("commune", "جماعة"))
    url = reverse("wagtailsnippets_hubsearch_glossaryentry:add")
    response = admin_client.post(url, {"french": "budget", "arabic": "budget"})
    assert response.status_code == 200
    assert "Le terme arabe doit être écrit en lettres arabes." in (
        response.content.decode()
    )
    response = admin_client.post(url, {"french": "commune", "arabic": "جماعة"})
    assert response.status_code == 200
    assert GlossaryEntry.objects.count() == 1


def test_glossary_listing_renders_and_searches(admin_client, loaded):
    """The "Glossaire" menu item leads to the snippet listing, which shows pairs
    and searches both sides."""
    assert (
        "Glossaire" in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    )
    url = reverse("wagtailsnippets_hubsearch_glossaryentry:list")
    content = admin_client.get(url).content.decode()
    assert "Glossaire" in content
    assert re.search(r"Al Ho\w+ma", content)
    content = admin_client.get(url, {"q": "citoyenne"}).content.decode()
    assert "participation citoyenne" in content
    assert "المشاركة المواطنة" in content
    assert "INDH" not in content
    content = admin_client.get(url, {"q": "التمويل"}).content.decode()
    assert "financement" in content


def test_editors_cannot_edit_the_glossary_without_the_permission(
    client, django_user_model
):
    """Without the model's permissions (given to coordinators with their role),
    the glossary admin is out of reach."""
    user = django_user_model.objects.create_user(username="salma", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    response = client.get(reverse("wagtailsnippets_hubsearch_glossaryentry:list"))
    assert response.status_code == 302
