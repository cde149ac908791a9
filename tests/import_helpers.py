"""Small helpers for the import/export tests: write a JSON Lines file (and real
attachment files) into ``tmp_path``, run the commands, and take a snapshot of
everything an import may write, so a test can say "nothing changed"."""

import json
from io import StringIO
from pathlib import Path

import docx
import openpyxl
from django.core.management import call_command
from reportlab.pdfgen import canvas
from wagtail.models import Page, Revision

from documents.models import HubDocument
from practices import content_types
from tests.stored_media import stored_names


def write_jsonl(directory, records, name="import.jsonl"):
    """Write ``records`` one a line: dicts as JSON, strings as they are (so a
    test can write a malformed line)."""
    path = Path(directory) / name
    lines = [
        r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records
    ]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def make_docx(path, text="Convention de partenariat"):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    document.add_paragraph(text)
    document.save(path)
    return path


def make_pdf(path, text="Budget prévisionnel"):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, text)
    pdf.save()
    return path


def make_png(path, colour=(200, 80, 40)):
    """A small real PNG (the importer checks images as the admin's upload does)."""
    from PIL import Image

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 30), colour).save(path, format="PNG")
    return path


def make_xlsx(path, rows=(("poste", "montant"), ("salle", 1200))):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def import_file(path, *options):
    """Run ``import_practices``; returns (stdout, stderr) text.
    Raises CommandError like the command does."""
    out, err = StringIO(), StringIO()
    call_command("import_practices", str(path), *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def import_failing(path, *options):
    """Run an import expected to fail; returns (stderr, CommandError message)."""
    from django.core.management.base import CommandError

    out, err = StringIO(), StringIO()
    try:
        call_command("import_practices", str(path), *options, stdout=out, stderr=err)
    except CommandError as error:
        return err.getvalue(), str(error)
    raise AssertionError(f"import succeeded: {out.getvalue()}")


def export_file(path):
    out = StringIO()
    call_command("export_practices", str(path), stdout=out)
    return out.getvalue()


def media_files():
    """Every file in the media storage (local disk or S3), as relative paths."""
    return stored_names()


def hub_pages():
    return [page for model in content_types.models() for page in model.objects.all()]


def snapshot():
    """What an import writes: pages, revisions, documents, stored files."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "documents": HubDocument.objects.count(),
        "files": media_files(),
    }


def practice(ref="p1", **fields):
    """A minimal valid French practice record, with ``fields`` added."""
    return {"ref": ref, "language": "fr", "title": f"Pratique {ref}", **fields}


FULL_PRACTICE = practice(
    "budget-tanger",
    title="Budget participatif des quartiers",
    summary="Les habitants choisissent les projets de leur quartier.",
    body="Première réunion publique.\n\nVote des projets en mairie.",
    context="Peu de confiance entre habitants et commune.",
    objectives="Associer les femmes et les jeunes aux choix budgétaires.",
    actors_services="Service des finances",
    actors_associations="Association Al Amal",
    actors_authorities="Wilaya de Tanger",
    resources="Deux agents à mi-temps.",
    funding_own=150000,
    funding_external=50000,
    results="Douze projets financés.",
    participants={"women": 120, "Jeunes": 80},
    indicators=[{"label": "Projets votés", "value": "12"}],
    difficulties="La première année, peu de votants.",
    lessons="Voter le samedi.",
    transferability="Une ligne budgétaire dédiée.",
    contacts="finances@tanger.ma",
    start_date="2021-03-01",
    end_date="2022-06-30",
    status="completed",
    commune="tanger",
    partnership="molenbeek-tanger",
    themes=["budget-participatif"],
    target_publics=["women", "youth"],
    tags=["budget", "quartiers"],
    year=2022,
)

ARABIC_TRANSLATION = {
    "ref": "budget-tanger-ar",
    "language": "ar",
    "translation_of": "budget-tanger",
    "title": "الميزانية التشاركية للأحياء",
    "summary": "يختار السكان مشاريع حيهم.",
    "tags": ["ميزانية"],
}


def rich_records(directory):
    """A file with every case: French and Arabic originals, translations both
    ways, a template with Word/PDF/Excel files, a training with sessions."""
    directory = Path(directory)
    make_docx(directory / "files/convention.docx")
    make_pdf(directory / "files/guide.pdf")
    make_xlsx(directory / "files/budget.xlsx")
    template = {
        "ref": "convention",
        "type": "template",
        "language": "fr",
        "title": "Convention type",
        "kind": "partnership-agreement",
        "body": "Remplir les parties en jaune.",
        "themes": ["coordination-commune-associations"],
        "attachments": [
            {"path": "files/convention.docx", "title": "Convention (Word)"},
            {"path": "files/guide.pdf", "title": "Guide", "language": "fr-ar"},
        ],
    }
    return [
        FULL_PRACTICE,
        ARABIC_TRANSLATION,
        {
            "ref": "tiznit-femmes",
            "language": "ar",
            "title": "تعاونيات النساء في تيزنيت",
            "commune": "tiznit",
            "themes": ["egalite-femmes-hommes"],
            "year": 2023,
            "attachments": [{"path": "files/budget.xlsx", "title": "الميزانية"}],
        },
        {
            "ref": "tiznit-femmes-fr",
            "language": "fr",
            "translation_of": "tiznit-femmes",
            "title": "Les coopératives de femmes de Tiznit",
            "lessons": "Commencer petit.\n\nÉcouter les coopératives.",
        },
        template,
        {
            "ref": "convention-ar",
            "type": "template",
            "language": "ar",
            "translation_of": "convention",
            "title": "نموذج اتفاقية",
            "attachments": [
                {"path": "files/guide.pdf", "title": "Guide", "language": "fr-ar"}
            ],
        },
        {
            "ref": "formation-budget",
            "type": "training",
            "language": "fr",
            "title": "Monter un budget participatif",
            "duration": "2 jours",
            "objectives": "Savoir organiser un vote.",
            "sessions": [
                {"title": "Les bases", "duration": "3 h"},
                {"title": "Le vote", "description": "Organiser le scrutin."},
            ],
            "target_publics": ["youth", "women"],
            "year": 2024,
        },
    ]


def write_rich_file(directory, name="import.jsonl"):
    return write_jsonl(directory, rich_records(directory), name)
