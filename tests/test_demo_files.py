"""The demo content: taxonomy.json, practices.jsonl and the generated attachments.

These are plain file checks that need no database; run them with
``pytest tests/test_demo_files.py -p no:django``.
"""

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from odf import teletype
from odf import text as odftext
from odf.opendocument import load as load_odt
from openpyxl import load_workbook
from pypdf import PdfReader

from practices.demo.files import ATTACHMENTS, generate_demo_files

DEMO = Path(__file__).resolve().parents[1] / "practices" / "demo"
TAXONOMY = json.loads(
    (DEMO.parents[1] / "programme" / "data" / "taxonomy.json").read_text(
        encoding="utf-8"
    )
)
LINES = (DEMO / "practices.jsonl").read_text(encoding="utf-8").split("\n")
RECORDS = [json.loads(line) for line in LINES if line.strip()]
BY_REF = {r["ref"]: r for r in RECORDS}
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FORMATS = ("docx", "odt", "pdf", "xlsx")

MOROCCAN_TOTALS = {"total": 1385925, "men": 682123, "women": 703464}
TANGER = {"total": 1083462, "men": 530896, "women": 552566}
UNSPLIT_GAP = 338

PRACTICE_TEXT_FIELDS = (
    "context", "objectives", "actors_services", "actors_associations",
    "actors_authorities", "resources", "results", "difficulties", "lessons",
    "transferability", "contacts",
)  # fmt: skip
TRAINING_TEXT_FIELDS = (
    "objectives", "audience", "duration", "prerequisites", "trainer_contacts",
)  # fmt: skip


def slugs(key):
    return {item["slug"] for item in TAXONOMY[key]}


def originals(kind, language):
    return [
        r
        for r in RECORDS
        if r["type"] == kind and r["language"] == language and "translation_of" not in r
    ]


def translations(kind, language):
    return [
        r
        for r in RECORDS
        if r["type"] == kind and r["language"] == language and "translation_of" in r
    ]


def source_of(record):
    """The record a translation inherits its non-text fields from."""
    return BY_REF.get(record.get("translation_of"), record)


def attachment_paths():
    return sorted({a["path"] for r in RECORDS for a in r.get("attachments", [])})


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Run the generator once into a temporary folder laid out like the demo."""
    target = tmp_path_factory.mktemp("demo")
    paths = generate_demo_files(target)
    return target, paths


# ------------------------------------------------------------------- taxonomy.json
def test_moroccan_population_sums_match_programme_figures():
    """The ten Moroccan communes add up to the programme's census figures."""
    moroccan = [c for c in TAXONOMY["communes"] if c["country"] == "MA"]
    assert len(moroccan) == 10
    assert sum(c["population_total"] for c in moroccan) == MOROCCAN_TOTALS["total"]
    assert sum(c["population_men"] for c in moroccan) == MOROCCAN_TOTALS["men"]
    assert sum(c["population_women"] for c in moroccan) == MOROCCAN_TOTALS["women"]
    tanger = next(c for c in moroccan if c["slug"] == "tanger")
    assert (
        tanger["population_total"],
        tanger["population_men"],
        tanger["population_women"],
    ) == (TANGER["total"], TANGER["men"], TANGER["women"])


def test_unsplit_inhabitants_sit_in_one_small_commune_with_a_note():
    """Only one commune has men + women < total, by 338, and says why in fr/ar."""
    gaps = {
        c["slug"]: c["population_total"] - c["population_men"] - c["population_women"]
        for c in TAXONOMY["communes"]
        if c["population_total"] is not None
    }
    uneven = {slug: gap for slug, gap in gaps.items() if gap}
    assert len(uneven) == 1
    ((slug, gap),) = uneven.items()
    assert gap == UNSPLIT_GAP
    commune = next(c for c in TAXONOMY["communes"] if c["slug"] == slug)
    assert commune["population_total"] < 50000, "the gap belongs to a small commune"
    assert "338" in commune["note"]["fr"] and "338" in commune["note"]["ar"]
    noted = [c["slug"] for c in TAXONOMY["communes"] if c.get("note")]
    assert noted == [slug]


def test_moroccan_communes_have_complete_figures_and_coordinates():
    """Moroccan communes carry all population figures; every commune has lat/lon."""
    for commune in TAXONOMY["communes"]:
        assert -90 < commune["latitude"] < 90 and -180 < commune["longitude"] < 180
        if commune["country"] == "MA":
            assert 27 < commune["latitude"] < 36 and -14 < commune["longitude"] < 0
            for key in ("population_total", "population_men", "population_women"):
                assert isinstance(commune[key], int) and commune[key] > 0
        else:
            assert 49 < commune["latitude"] < 52 and 2 < commune["longitude"] < 7


def test_exactly_four_target_publics():
    """The programme serves four publics, named in French and Arabic."""
    publics = {p["slug"]: p["name"] for p in TAXONOMY["target_publics"]}
    assert set(publics) == {"women", "youth", "specific-needs", "migrants"}
    assert publics["women"] == {"fr": "Femmes", "ar": "النساء"}
    assert publics["youth"] == {"fr": "Jeunes", "ar": "الشباب"}
    assert publics["migrants"] == {"fr": "Migrants", "ar": "المهاجرون"}


def test_vocabularies_have_unique_kebab_slugs_and_both_languages():
    """Every term has an ASCII kebab-case slug, unique in its list, and fr/ar names."""
    for key in ("regions", "themes", "target_publics", "document_kinds", "communes"):
        items = TAXONOMY[key]
        assert len({i["slug"] for i in items}) == len(items), key
        for item in items:
            assert KEBAB.match(item["slug"]), item["slug"]
            assert item["name"]["fr"].strip() and item["name"]["ar"].strip()
    assert {r["country"] for r in TAXONOMY["regions"]} == {"MA", "BE"}
    assert len(TAXONOMY["themes"]) >= 10


def test_communes_point_to_regions_of_their_country():
    """Each commune's region exists and lies in the commune's country."""
    regions = {r["slug"]: r["country"] for r in TAXONOMY["regions"]}
    for commune in TAXONOMY["communes"]:
        assert regions[commune["region"]] == commune["country"], commune["slug"]
    moroccan_regions = Counter(
        c["region"] for c in TAXONOMY["communes"] if c["country"] == "MA"
    )
    assert len(moroccan_regions) == 4
    assert min(moroccan_regions.values()) >= 2


def test_partnerships_pair_existing_communes_of_the_right_country():
    """Ten partnerships, each a Belgian commune with a Moroccan one, once each."""
    countries = {c["slug"]: c["country"] for c in TAXONOMY["communes"]}
    partnerships = TAXONOMY["partnerships"]
    assert len(partnerships) == 10
    for p in partnerships:
        assert countries.get(p["belgian"]) == "BE", p["slug"]
        assert countries.get(p["moroccan"]) == "MA", p["slug"]
        assert 2008 <= p["since"] <= 2019
        assert p["description"]["fr"] and p["description"]["ar"]
    assert len({p["moroccan"] for p in partnerships}) == 10
    assert len({p["belgian"] for p in partnerships}) == 10


# ------------------------------------------------------------------ practices.jsonl
def test_every_line_is_a_json_object():
    """The file is JSON Lines: one object per non-empty line, no blank lines."""
    assert LINES[-1] == "", "the file ends with a newline"
    for number, line in enumerate(LINES[:-1], start=1):
        assert line.strip(), f"blank line {number}"
        assert isinstance(json.loads(line), dict), f"line {number}"


def test_refs_are_unique_kebab_case():
    """Refs are stable ASCII kebab-case identifiers, each used once."""
    refs = [r["ref"] for r in RECORDS]
    assert len(refs) == len(set(refs))
    assert all(KEBAB.match(ref) for ref in refs)


def test_header_fields():
    """Every record has a known type, a language, a title, a summary and a body."""
    for r in RECORDS:
        assert r["type"] in ("practice", "template", "training"), r["ref"]
        assert r["language"] in ("fr", "ar"), r["ref"]
        for key in ("title", "summary", "body"):
            assert isinstance(r.get(key), str) and r[key].strip(), (r["ref"], key)
        assert "\n\n" not in r["summary"], r["ref"]


def test_translations_point_to_an_earlier_record_of_the_other_language():
    """translation_of names a record that comes earlier, same type, other language."""
    position = {r["ref"]: i for i, r in enumerate(RECORDS)}
    for i, r in enumerate(RECORDS):
        if "translation_of" not in r:
            continue
        source = BY_REF[r["translation_of"]]
        assert position[source["ref"]] < i, r["ref"]
        assert source["type"] == r["type"], r["ref"]
        assert source["language"] != r["language"], r["ref"]
        assert "translation_of" not in source, "no translation of a translation"


def test_translations_carry_every_text_field():
    """A translation translates all text fields its source has."""
    text_fields = {"title", "summary", "body", "sessions", "indicators"}
    text_fields |= set(PRACTICE_TEXT_FIELDS) | set(TRAINING_TEXT_FIELDS)
    for r in RECORDS:
        if "translation_of" not in r:
            continue
        source = BY_REF[r["translation_of"]]
        for key in text_fields & set(source):
            assert r.get(key), (r["ref"], key)
            assert r[key] != source[key], (r["ref"], key)
        for key in ("sessions", "indicators"):
            if key in source:
                assert len(r[key]) == len(source[key]), (r["ref"], key)
        assert r["tags"] and set(r["tags"]).isdisjoint(source["tags"]), r["ref"]


def test_record_counts():
    """Enough content of each kind and language for a convincing demo."""
    assert len(originals("practice", "fr")) >= 32
    assert len(translations("practice", "ar")) >= 22
    assert len(originals("practice", "ar")) == 4
    assert len(translations("practice", "fr")) >= 2
    assert len(originals("template", "fr")) >= 10
    assert len(translations("template", "ar")) >= 3
    assert len(originals("training", "fr")) >= 6
    assert len(translations("training", "ar")) >= 3


def test_practices_cover_communes_publics_and_core_themes():
    """The French practices cover all ten communes, four publics and key themes."""
    french = originals("practice", "fr")
    moroccan = {c["slug"] for c in TAXONOMY["communes"] if c["country"] == "MA"}
    assert {p["commune"] for p in french} == moroccan
    assert {t for p in french for t in p["target_publics"]} == slugs("target_publics")
    themes = Counter(t for p in french for t in p["themes"])
    for core in (
        "participation-citoyenne",
        "coordination-commune-associations",
        "recherche-financements",
    ):
        assert themes[core] >= 5, core


def test_referenced_slugs_exist_in_taxonomy():
    """Communes, regions, partnerships, themes, publics and kinds all exist."""
    communes = {c["slug"]: c for c in TAXONOMY["communes"]}
    partnerships = {p["slug"]: p for p in TAXONOMY["partnerships"]}
    for r in RECORDS:
        base = source_of(r)
        assert set(base.get("themes", [])) <= slugs("themes"), r["ref"]
        assert set(base.get("target_publics", [])) <= slugs("target_publics")
        if r["type"] == "template":
            assert base["kind"] in slugs("document_kinds"), r["ref"]
        if r["type"] != "practice":
            continue
        commune = communes[base["commune"]]
        assert commune["country"] == "MA" and commune["region"] == base["region"]
        if base.get("partnership"):
            assert partnerships[base["partnership"]]["moroccan"] == base["commune"]
        assert set(base["participants"]) <= slugs("target_publics"), r["ref"]


def test_practice_fields_are_complete_and_well_typed():
    """Original practices fill every section, with integer amounts and ISO dates."""
    for p in originals("practice", "fr") + originals("practice", "ar"):
        for key in PRACTICE_TEXT_FIELDS:
            assert isinstance(p.get(key), str) and p[key].strip(), (p["ref"], key)
            assert len(p[key].split("\n\n")) <= 4, (p["ref"], key)
        for key in ("funding_own", "funding_external", "year"):
            assert isinstance(p[key], int) and not isinstance(p[key], bool)
        assert p["status"] in ("planned", "ongoing", "completed", "stopped")
        assert all(isinstance(v, int) and v >= 0 for v in p["participants"].values())
        assert all(
            i["label"] and (i.get("value") is not None or i.get("note"))
            for i in p["indicators"]
        )
        for key in ("start_date", "end_date"):
            if key in p:
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", p[key]), p["ref"]
        if "start_date" in p and "end_date" in p:
            assert p["start_date"] <= p["end_date"], p["ref"]
        assert "@" not in p["contacts"] or "@example.org" in p["contacts"]


def test_trainings_and_templates_have_their_fields():
    """Trainings have sessions and durations; templates have a kind and 1–3 files."""
    for r in RECORDS:
        base = source_of(r)
        if r["type"] == "training":
            assert r["duration"] and r["sessions"], r["ref"]
            assert all(s["title"] and s["description"] for s in r["sessions"])
        if r["type"] == "template":
            assert base["kind"], r["ref"]
            assert 1 <= len(r["attachments"]) <= 3, r["ref"]


def test_tags_are_lowercase_reused_and_in_the_record_language():
    """2–5 lowercase tags per record, in its own script, most of them shared."""
    arabic = re.compile(r"[\u0600-\u06FF]")
    usage = Counter(t for r in RECORDS for t in r["tags"])
    for r in RECORDS:
        assert 2 <= len(r["tags"]) <= 5, r["ref"]
        for tag in r["tags"]:
            assert tag == tag.lower() and tag.strip() == tag, tag
            assert bool(arabic.search(tag)) == (r["language"] == "ar"), (r["ref"], tag)
        assert any(usage[t] >= 2 for t in r["tags"]), r["ref"]
    assert sum(1 for n in usage.values() if n >= 3) >= 20


def test_texts_include_forms_search_must_conflate():
    """Apostrophe, ligature, plural and Arabic clitic and diacritic variants
    (Arabic-Indic digits are conflated in search's own tests: the demo writes
    Latin digits, below)."""
    corpus = "\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS)
    for form in (
        "l’école", "d'évaluation", "formatrice", "régionaux", "œuvre",
        "والمشاركة", "بالمشاركة", "للمشاركة", "مشاركات", "التدريبية", "مُشَارَكَة",
    ):  # fmt: skip
        assert form in corpus, form


# One Arabic tag for each French tag of a translated record (the Arabic demo's own
# wording where it had one, the glossary's otherwise).
TAG_PAIRS = {
    "accessibilité": "الولوجيات",
    "alphabétisation": "محو الأمية",
    "appel à projets": "طلب مشاريع",
    "artisanat": "الصناعة التقليدية",
    "associations": "الجمعيات",
    "budget": "الميزانية",
    "budget participatif": "الميزانية التشاركية",
    "bénévolat": "التطوع",
    "charte": "الميثاق",
    "cofinancement": "التمويل المشترك",
    "concertation": "التشاور",
    "convention": "الاتفاقية",
    "coopératives": "التعاونيات",
    "diaspora": "الجالية",
    "données ventilées": "المعطيات المصنفة",
    "emploi": "التشغيل",
    "espace public": "الفضاء العام",
    "femmes": "النساء",
    "financement": "التمويل",
    "formation": "التكوين",
    "formation professionnelle": "التكوين المهني",
    "genre": "مقاربة النوع",
    "handicap": "الإعاقة",
    "indh": "المبادرة الوطنية للتنمية البشرية",
    "jeunesse": "الشباب",
    "loi organique 113-14": "القانون التنظيمي 113.14",
    "migrants": "المهاجرون",
    "milieu rural": "العالم القروي",
    "modèle": "نموذج",
    "montage de projets": "إعداد المشاريع",
    "médiation interculturelle": "الوساطة بين الثقافات",
    "oasis": "الواحات",
    "partenariat": "الشراكة",
    "participation": "المشاركة",
    "patrimoine": "التراث",
    "plan d'action communal": "برنامج عمل الجماعة",
    "pétition": "العرائض",
    "scolarisation": "التمدرس",
    "sport": "الرياضة",
    "subventions": "المنح",
    "transparence": "الشفافية",
    "transport": "النقل",
    "vie associative": "الحياة الجمعوية",
    "échec": "الإخفاق",
    "éclairage public": "الإنارة العمومية",
    "écoute": "الإنصات",
    "éducation": "التربية",
    "égalité": "المساواة",
    "état civil": "الحالة المدنية",
}


def test_arabic_translations_keep_the_originals_tags():
    """An Arabic translation is tagged as its French original, tag for tag."""
    for record in RECORDS:
        original = BY_REF.get(record.get("translation_of"))
        if record["language"] != "ar" or original is None:
            continue
        expected = {TAG_PAIRS[tag] for tag in original["tags"]}
        assert set(record["tags"]) == expected, record["ref"]


def test_training_material_kind_is_named_as_the_glossary_names_it():
    """« Support de formation » is a دعامة تكوينية (an « عرض » is a talk)."""
    kinds = {item["slug"]: item["name"] for item in TAXONOMY["document_kinds"]}
    assert kinds["training-slides"] == {
        "fr": "Support de formation",
        "ar": "دعامة تكوينية",
    }


def test_demo_texts_use_the_corrected_terms():
    """The renderings the reviewer corrected in the glossary are gone from the
    demo's Arabic too (« السلفات الصغرى », « تثمين », « دعامة تكوينية »)."""
    corpus = (DEMO / "practices.jsonl").read_text(encoding="utf-8")
    for old in ("القروض الصغرى", "رسملة", "عرض تكويني"):
        assert old not in corpus, old


def test_demo_texts_write_latin_digits():
    """Latin digits throughout, in Arabic too (the interface's choice, and
    Moroccan administrative usage): no Arabic-Indic digit in the demo data."""
    indic = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
    sources = [
        DEMO / "practices.jsonl",
        DEMO / "files.py",
        DEMO.parents[1] / "programme" / "data" / "taxonomy.json",
        DEMO.parents[1] / "search" / "data" / "glossary.json",
    ]
    for source in sources:
        found = indic.findall(source.read_text(encoding="utf-8"))
        assert not found, (source.name, found)


# --------------------------------------------------------------------- attachments
def test_every_attachment_is_in_the_registry():
    """Every attachment path of the JSONL has a builder (and no builder is unused)."""
    assert set(attachment_paths()) == set(ATTACHMENTS)


def test_each_format_appears_at_least_twice():
    """DOCX, ODT, PDF and XLSX are each attached at least twice."""
    extensions = Counter(Path(p).suffix.lstrip(".") for p in attachment_paths())
    for fmt in FORMATS:
        assert extensions[fmt] >= 2, fmt


def test_generator_writes_every_referenced_file(generated):
    """generate_demo_files returns existing, small files covering all attachments."""
    target, paths = generated
    assert all(p.is_file() for p in paths)
    produced = {p.relative_to(target).as_posix() for p in paths}
    assert set(attachment_paths()) <= produced
    for path in paths:
        assert 0 < path.stat().st_size < 100_000, path.name


def test_generator_is_deterministic(generated, tmp_path):
    """A second run writes byte-identical files."""
    target, paths = generated
    again = {p.name: p.read_bytes() for p in generate_demo_files(tmp_path)}
    for path in paths:
        assert path.read_bytes() == again[path.name], path.name


def _docx_text(path):
    doc = Document(path)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _odt_text(path):
    doc = load_odt(str(path))
    elements = doc.getElementsByType(odftext.H) + doc.getElementsByType(odftext.P)
    return "\n".join(teletype.extractText(e) for e in elements)


def _pdf_text(path):
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _xlsx_text(path):
    workbook = load_workbook(path)
    return "\n".join(
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    )


READERS = {"docx": _docx_text, "odt": _odt_text, "pdf": _pdf_text, "xlsx": _xlsx_text}


@pytest.mark.parametrize("relative", attachment_paths())
def test_generated_file_opens_and_contains_text(generated, relative):
    """Each file opens with its library and holds text in the right script."""
    target, _ = generated
    text = READERS[Path(relative).suffix.lstrip(".")](target / relative)
    assert len(text.strip()) > 200, relative
    has_arabic = bool(re.search(r"[\u0600-\u06FF]", text))
    assert has_arabic == Path(relative).stem.endswith("-ar"), relative


def test_attachment_languages_match_their_files():
    """Arabic files are declared as such; PDFs stay French-only."""
    for r in RECORDS:
        for a in r.get("attachments", []):
            is_arabic = Path(a["path"]).stem.endswith("-ar")
            assert a.get("language", "fr") == ("ar" if is_arabic else "fr"), a
            if a["path"].endswith(".pdf"):
                assert not is_arabic


def test_spreadsheets_compute_with_formulas(generated):
    """The budget forecast and tracking sheets use formulas for their totals."""
    target, _ = generated
    budget = load_workbook(target / "files/budget-previsionnel-projet.xlsx")
    formulas = [
        c.value
        for row in budget["Budget"].iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=")
    ]
    assert any("SUM(" in f for f in formulas) and any("ROUND(" in f for f in formulas)
    synthesis = [c.value for row in budget["Synthèse"].iter_rows() for c in row]
    assert any(isinstance(v, str) and "IF(" in v for v in synthesis)
    tracking = load_workbook(target / "files/suivi-participants.xlsx")
    cells = [c.value for row in tracking["Synthèse"].iter_rows() for c in row]
    assert any(isinstance(v, str) and v.startswith("=COUNTIFS(") for v in cells)
