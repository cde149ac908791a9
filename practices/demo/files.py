"""Generate the attachment files referenced by ``practices.jsonl``.

Why generate instead of committing the files? The demo attachments are real office
documents (DOCX, ODT, PDF, XLSX), i.e. binaries: committing them would bloat the git
history and make every wording change an unreviewable blob diff. Building them here
from plain Python keeps their content reviewable, needs nothing downloaded (only
python-docx, odfpy, reportlab and openpyxl, already project dependencies) and lets
the importer or a test recreate them anywhere with ``generate_demo_files()``.

Output is deterministic: document metadata dates are fixed, ZIP entries get a fixed
timestamp and reportlab runs in invariant mode, so two runs write the same bytes
(for a given library version). French PDFs use DejaVu Sans when installed (for
accents) and fall back to Helvetica; Arabic text only goes into DOCX and ODT files,
whose viewers handle right-to-left shaping.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Pt
from odf import dc, meta
from odf import table as odftable
from odf import text as odftext
from odf.element import Element
from odf.namespaces import nsdict
from odf.opendocument import OpenDocumentText
from odf.style import (
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TextProperties,
)
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

AUTHOR = "Passerelle — programme de coopération belgo-marocain"
FIXED_DATETIME = dt.datetime(2024, 1, 15, 9, 0, 0)
ZIP_DATE = (2024, 1, 15, 9, 0, 0)
ISO_DATE = "2024-01-15T09:00:00Z"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

Block = tuple[str, object]
Builder = Callable[[Path], None]


# --------------------------------------------------------------------------- blocks
def _t(text: str) -> Block:
    return ("title", text)


def _h(text: str) -> Block:
    return ("h", text)


def _p(text: str) -> Block:
    return ("p", text)


def _ul(*items: str) -> Block:
    return ("ul", list(items))


def _tbl(*rows: list[str]) -> Block:
    return ("table", [list(r) for r in rows])


def _br() -> Block:
    return ("break", None)


# ------------------------------------------------------------------ determinism
_DATE_RE = re.compile(
    r"(<(dcterms:created|dcterms:modified|meta:creation-date|dc:date)[^>]*>)"
    r"[^<]*(</\2>)"
)


def _freeze_zip(path: Path) -> None:
    """Rewrite a ZIP-based document with fixed entry timestamps and dates."""
    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w") as dst:
        for info, data in entries:
            if info.filename in ("docProps/core.xml", "meta.xml"):
                data = _DATE_RE.sub(
                    lambda m: m.group(1) + ISO_DATE + m.group(3), data.decode()
                ).encode()
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = info.compress_type
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, data)


# ------------------------------------------------------------------------ DOCX
_BIDI_SUCCESSORS = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _docx_rtl(paragraph) -> None:
    """Mark a python-docx paragraph and its runs as right-to-left."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert_element_before(OxmlElement("w:bidi"), *_BIDI_SUCCESSORS)
    for run in paragraph.runs:
        run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))


def _write_docx(path: Path, title: str, blocks: list[Block], rtl=False) -> None:
    doc = Document()
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, AUTHOR, AUTHOR
    props.created = props.modified = props.last_printed = FIXED_DATETIME
    props.revision = 1
    props.language = "ar-MA" if rtl else "fr-BE"
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, content in blocks:
        paragraphs = []
        if kind == "title":
            paragraphs.append(doc.add_heading(content, level=0))
        elif kind == "h":
            paragraphs.append(doc.add_heading(content, level=2))
        elif kind == "p":
            paragraphs.append(doc.add_paragraph(content))
        elif kind == "ul":
            for item in content:
                paragraphs.append(doc.add_paragraph(item, style="List Bullet"))
        elif kind == "table":
            tbl = doc.add_table(rows=0, cols=len(content[0]), style="Table Grid")
            if rtl:
                tbl._tbl.tblPr.append(OxmlElement("w:bidiVisual"))
            for i, row in enumerate(content):
                cells = tbl.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    para = cell.paragraphs[0]
                    para.add_run(value).bold = i == 0
                    paragraphs.append(para)
            doc.add_paragraph()
        elif kind == "break":
            doc.add_page_break()
        if rtl:
            for para in paragraphs:
                _docx_rtl(para)
    doc.save(path)
    _freeze_zip(path)


# ------------------------------------------------------------------------- ODT
def _canonical_odf_namespaces() -> None:
    """Pin odfpy's namespace declarations.

    odfpy keeps the namespaces to declare in a class-level dict that grows as
    elements are used, so the first document saved in a process (or one saved after
    other odfpy work) would not match the others byte for byte. Registering every
    known namespace in a fixed order makes the output independent of history.
    """
    declared = Element.namespaces
    merged = {**declared, **nsdict}
    declared.clear()
    declared.update(sorted(merged.items(), key=lambda item: (item[1], item[0])))


def _odt_styles(doc: OpenDocumentText, rtl: bool) -> dict[str, Style]:
    direction = (
        {"writingmode": "rl-tb", "textalign": "end"} if rtl else {"textalign": "start"}
    )
    styles = {}
    specs = {
        "Title": ("20pt", "bold", "0.4cm"),
        "Heading": ("13pt", "bold", "0.3cm"),
        "Body": ("10.5pt", "normal", "0.2cm"),
        "Cell": ("9.5pt", "normal", "0.05cm"),
        "CellHead": ("9.5pt", "bold", "0.05cm"),
    }
    for name, (size, weight, margin) in specs.items():
        style = Style(name=name, family="paragraph")
        style.addElement(ParagraphProperties(marginbottom=margin, **direction))
        style.addElement(
            TextProperties(
                fontsize=size,
                fontweight=weight,
                fontsizecomplex=size,
                fontweightcomplex=weight,
                fontname="DejaVu Sans",
                fontnamecomplex="DejaVu Sans",
            )
        )
        doc.automaticstyles.addElement(style)
        styles[name] = style
    cell = Style(name="CellBox", family="table-cell")
    cell.addElement(TableCellProperties(border="0.5pt solid #555555", padding="0.1cm"))
    doc.automaticstyles.addElement(cell)
    styles["CellBox"] = cell
    return styles


def _odt_table(doc, styles, rows: list[list[str]], name: str) -> None:
    col = Style(name=f"{name}Col", family="table-column")
    col.addElement(TableColumnProperties(columnwidth=f"{16.5 / len(rows[0]):.2f}cm"))
    doc.automaticstyles.addElement(col)
    tbl = odftable.Table(name=name)
    tbl.addElement(
        odftable.TableColumn(numbercolumnsrepeated=len(rows[0]), stylename=col)
    )
    for i, row in enumerate(rows):
        tr = odftable.TableRow()
        for value in row:
            tc = odftable.TableCell(stylename=styles["CellBox"], valuetype="string")
            para_style = styles["CellHead" if i == 0 else "Cell"]
            tc.addElement(odftext.P(stylename=para_style, text=value))
            tr.addElement(tc)
        tbl.addElement(tr)
    doc.text.addElement(tbl)


def _write_odt(path: Path, title: str, blocks: list[Block], rtl=False) -> None:
    doc = OpenDocumentText()
    doc.meta.addElement(dc.Title(text=title))
    doc.meta.addElement(dc.Language(text="ar-MA" if rtl else "fr-BE"))
    doc.meta.addElement(meta.InitialCreator(text=AUTHOR))
    doc.meta.addElement(meta.CreationDate(text=ISO_DATE))
    styles = _odt_styles(doc, rtl)
    bullet = "• "
    for n, (kind, content) in enumerate(blocks):
        if kind == "title":
            doc.text.addElement(
                odftext.H(outlinelevel=1, stylename=styles["Title"], text=content)
            )
        elif kind == "h":
            doc.text.addElement(
                odftext.H(outlinelevel=2, stylename=styles["Heading"], text=content)
            )
        elif kind == "p":
            doc.text.addElement(odftext.P(stylename=styles["Body"], text=content))
        elif kind == "ul":
            for item in content:
                doc.text.addElement(
                    odftext.P(stylename=styles["Body"], text=bullet + item)
                )
        elif kind == "table":
            _odt_table(doc, styles, content, f"Tableau{n}")
    _canonical_odf_namespaces()
    doc.save(str(path))
    _freeze_zip(path)


# ------------------------------------------------------------------------- PDF
def _pdf_fonts() -> tuple[str, str]:
    """DejaVu Sans (accents) when installed, else the built-in Helvetica."""
    if not DEJAVU.exists():
        return "Helvetica", "Helvetica-Bold"
    registered = pdfmetrics.getRegisteredFontNames()
    if "DejaVuSans" not in registered:
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
    bold = "DejaVuSans-Bold" if DEJAVU_BOLD.exists() else "DejaVuSans"
    if bold not in registered and bold != "DejaVuSans":
        pdfmetrics.registerFont(TTFont(bold, str(DEJAVU_BOLD)))
    return "DejaVuSans", bold


def _write_pdf(path: Path, title: str, blocks: list[Block]) -> None:
    regular, bold = _pdf_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14)
    body.spaceAfter = 6
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11)
    cell.spaceAfter = 0
    cell_head = ParagraphStyle("cellh", parent=cell, fontName=bold)
    head = ParagraphStyle("h", parent=body, fontName=bold, fontSize=12.5, leading=16)
    head.spaceBefore = 8
    big = ParagraphStyle("t", parent=head, fontSize=17, leading=22, alignment=TA_CENTER)
    big.spaceAfter = 12
    story = []
    for kind, content in blocks:
        if kind == "title":
            story.append(Paragraph(escape(content), big))
        elif kind == "h":
            story.append(Paragraph(escape(content), head))
        elif kind == "p":
            story.append(Paragraph(escape(content), body))
        elif kind == "ul":
            story += [Paragraph("• " + escape(i), body) for i in content]
        elif kind == "table":
            data = [
                [Paragraph(escape(v), cell_head if r == 0 else cell) for v in row]
                for r, row in enumerate(content)
            ]
            width = (A4[0] - 4 * cm) / len(content[0])
            tbl = Table(data, colWidths=[width] * len(content[0]), repeatRows=1)
            tbl.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF4")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story += [tbl, Spacer(1, 8)]
        elif kind == "break":
            story.append(PageBreak())
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=title,
        author=AUTHOR,
        creator="Passerelle (reportlab)",
        invariant=1,
    )
    doc.build(story)


# ------------------------------------------------------------------------ XLSX
HEAD_FILL = PatternFill("solid", fgColor="DCE6F1")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
TOTAL_FILL = PatternFill("solid", fgColor="E2EFDA")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _new_workbook(title: str) -> Workbook:
    wb = Workbook()
    wb.properties.title = title
    wb.properties.creator = AUTHOR
    wb.properties.created = FIXED_DATETIME
    wb.properties.modified = FIXED_DATETIME
    return wb


def _header(ws, row: int, values: list[str], widths: list[int] | None = None) -> None:
    for col, value in enumerate(values, start=1):
        c = ws.cell(row=row, column=col, value=value)
        c.font, c.fill, c.border = Font(bold=True), HEAD_FILL, BOX
        c.alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in enumerate(widths or [], start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _save_workbook(wb: Workbook, path: Path) -> None:
    wb.save(path)
    _freeze_zip(path)


# ============================================================ partnership agreement
def _convention_fr() -> list[Block]:
    return [
        _t(
            "Convention de partenariat entre la Commune de [nom] et l'Association [nom]"
        ),
        _p("Projet : « [intitulé du projet] » — Convention n° [..]/[année]"),
        _h("Entre les soussignés"),
        _p(
            "La Commune de [nom], représentée par son Président, [nom], agissant en "
            "vertu de la délibération du conseil communal n° [..] du [date], "
            "ci-après « la Commune » ;"
        ),
        _p(
            "Et l'Association [nom], déclarée le [date] (récépissé définitif "
            "n° [..]), dont le siège est à [adresse], représentée par sa présidente "
            "ou son président, [nom], dûment mandaté par le bureau, ci-après "
            "« l'Association »."
        ),
        _h("Préambule"),
        _p(
            "Vu la loi organique n° 113-14 relative aux communes ; vu le dahir "
            "n° 1-58-376 du 15 novembre 1958 réglementant le droit d'association, tel "
            "que modifié et complété ; vu le Plan d'action communal [période], "
            "notamment son axe [..] ; considérant l'expérience de l'Association dans "
            "le domaine [..] ; il a été convenu ce qui suit."
        ),
        _h("Article 1 — Objet"),
        _p(
            "La présente convention définit les conditions dans lesquelles la Commune "
            "et l'Association réalisent conjointement le projet « [intitulé] », "
            "décrit dans la fiche projet annexée, au bénéfice de [publics cibles : "
            "femmes, jeunes, personnes à besoins spécifiques, migrants]."
        ),
        _h("Article 2 — Durée"),
        _p(
            "La convention est conclue pour [12, 24 ou 36] mois à compter de sa "
            "signature. Elle peut être renouvelée par avenant après l'évaluation "
            "prévue à l'article 10."
        ),
        _h("Article 3 — Engagements de la Commune"),
        _ul(
            "verser une contribution de [montant] MAD selon le calendrier de "
            "l'article 6 ;",
            "mettre à disposition [local, matériel, agent] ;",
            "désigner une personne référente au sein du service [..] ;",
            "faciliter l'accès de l'Association aux services communaux.",
        ),
        _h("Article 4 — Engagements de l'Association"),
        _ul(
            "réaliser les activités prévues dans la fiche projet ;",
            "tenir une comptabilité séparée pour le projet ;",
            "remettre un rapport intermédiaire et un rapport final, avec des "
            "données de participation ventilées par sexe, âge et public ;",
            "protéger la confidentialité des données personnelles des bénéficiaires ;",
            "informer sans délai la Commune de toute difficulté.",
        ),
        _h("Article 5 — Principes"),
        _p(
            "Les parties garantissent l'égal accès des femmes et des hommes aux "
            "activités, l'accessibilité des lieux aux personnes en situation de "
            "handicap et l'accueil sans discrimination des personnes migrantes. "
            "Aucune activité du projet ne peut revêtir un caractère partisan."
        ),
        _h("Article 6 — Financement et calendrier des versements"),
        _tbl(
            ["Tranche", "Montant (MAD)", "Date prévue", "Condition"],
            ["1re tranche (50 %)", "[..]", "au plus tard le 31 mars", "signature"],
            ["2e tranche (40 %)", "[..]", "30 septembre", "rapport intermédiaire"],
            ["Solde (10 %)", "[..]", "31 janvier N+1", "rapport final validé"],
        ),
        _h("Article 7 — Utilisation des fonds et justification"),
        _p(
            "La contribution ne peut être utilisée qu'aux fins prévues. Les pièces "
            "justificatives sont conservées cinq ans et tenues à la disposition des "
            "services communaux et des organes de contrôle compétents."
        ),
        _h("Article 8 — Communication"),
        _p(
            "Les supports du projet mentionnent le partenariat entre la Commune et "
            "l'Association et, le cas échéant, les autres bailleurs."
        ),
        _h("Article 9 — Comité de suivi"),
        _p(
            "Un comité de suivi paritaire (deux représentants de chaque partie) se "
            "réunit au moins une fois par semestre. Chaque réunion donne lieu à un "
            "procès-verbal signé."
        ),
        _h("Article 10 — Évaluation"),
        _p(
            "Une évaluation finale associe les bénéficiaires. Elle s'appuie sur les "
            "indicateurs de la fiche projet et sur la grille d'évaluation du "
            "programme."
        ),
        _h("Article 11 — Résiliation et règlement des différends"),
        _p(
            "En cas de manquement grave, la partie lésée adresse une mise en demeure ; "
            "sans réponse sous 30 jours, la convention peut être résiliée. Les "
            "différends sont d'abord examinés par le comité de suivi, puis, à défaut "
            "d'accord, portés devant le tribunal administratif compétent."
        ),
        _tbl(
            ["Pour la Commune", "Pour l'Association"],
            ["Le Président — [nom, signature]", "La présidente — [nom, signature]"],
            ["Fait à [ville], le [date]", "Fait à [ville], le [date]"],
        ),
    ]


def _convention_ar() -> list[Block]:
    return [
        _t("اتفاقية شراكة بين جماعة [الاسم] وجمعية [الاسم]"),
        _p("المشروع: «[عنوان المشروع]» — اتفاقية رقم [..]/[السنة]"),
        _h("بين الموقعين أسفله"),
        _p(
            "جماعة [الاسم]، ممثلة في شخص رئيسها [الاسم]، بناءً على مقرر المجلس "
            "الجماعي رقم [..] بتاريخ [..]، ويشار إليها فيما بعد بـ«الجماعة»؛"
        ),
        _p(
            "وجمعية [الاسم]، المصرح بها بتاريخ [..] (الوصل النهائي رقم [..])، "
            "ومقرها [العنوان]، ممثلة في شخص رئيستها أو رئيسها [الاسم]، ويشار إليها "
            "فيما بعد بـ«الجمعية»."
        ),
        _h("الديباجة"),
        _p(
            "بناءً على القانون التنظيمي رقم 113.14 المتعلق بالجماعات؛ وبناءً على "
            "الظهير الشريف رقم 1.58.376 الصادر في 15 نونبر 1958 بتنظيم حق تأسيس "
            "الجمعيات كما وقع تغييره وتتميمه؛ وبناءً على برنامج عمل الجماعة؛ تم "
            "الاتفاق على ما يلي."
        ),
        _h("المادة 1 — الموضوع"),
        _p(
            "تحدد هذه الاتفاقية شروط إنجاز الجماعة والجمعية بشكل مشترك لمشروع "
            "«[العنوان]» الموصوف في بطاقة المشروع المرفقة، لفائدة [الفئات "
            "المستهدفة: النساء، الشباب، الأشخاص في وضعية إعاقة، المهاجرون]."
        ),
        _h("المادة 2 — المدة"),
        _p(
            "تبرم الاتفاقية لمدة [12 أو 24 أو 36] شهرًا ابتداءً من تاريخ توقيعها، "
            "ويمكن تجديدها بملحق بعد التقييم المنصوص عليه في المادة 10."
        ),
        _h("المادة 3 — التزامات الجماعة"),
        _ul(
            "صرف مساهمة قدرها [المبلغ] درهم وفق الجدول الزمني للمادة 6؛",
            "وضع [مقر، معدات، موظف] رهن إشارة المشروع؛",
            "تعيين شخص مرجعي داخل مصلحة [..]؛",
            "تسهيل ولوج الجمعية إلى المصالح الجماعية.",
        ),
        _h("المادة 4 — التزامات الجمعية"),
        _ul(
            "إنجاز الأنشطة المنصوص عليها في بطاقة المشروع؛",
            "مسك محاسبة مستقلة خاصة بالمشروع؛",
            "تقديم تقرير مرحلي وتقرير نهائي بمعطيات مصنفة حسب الجنس والسن والفئة؛",
            "حماية سرية المعطيات الشخصية للمستفيدين؛",
            "إخبار الجماعة دون تأخير بأي صعوبة.",
        ),
        _h("المادة 5 — المبادئ"),
        _p(
            "يضمن الطرفان المساواة بين النساء والرجال في الولوج إلى الأنشطة، "
            "وولوجية الأماكن للأشخاص في وضعية إعاقة، واستقبال المهاجرين دون تمييز. "
            "ولا يجوز أن يكتسي أي نشاط طابعًا حزبيًا."
        ),
        _h("المادة 6 — التمويل وجدول صرف الدفعات"),
        _tbl(
            ["الدفعة", "المبلغ (درهم)", "التاريخ المتوقع", "الشرط"],
            ["الدفعة الأولى (50 ٪)", "[..]", "قبل 31 مارس", "التوقيع"],
            ["الدفعة الثانية (40 ٪)", "[..]", "30 شتنبر", "التقرير المرحلي"],
            ["الرصيد (10 ٪)", "[..]", "31 يناير من السنة الموالية", "التقرير النهائي"],
        ),
        _h("المادة 7 — استعمال الأموال وتبريرها"),
        _p(
            "لا تستعمل المساهمة إلا للأغراض المحددة، وتحفظ الوثائق المثبتة لمدة "
            "خمس سنوات رهن إشارة المصالح الجماعية وهيئات المراقبة المختصة."
        ),
        _h("المادة 8 — التواصل"),
        _p("تشير دعامات المشروع إلى الشراكة بين الجماعة والجمعية وإلى باقي المانحين."),
        _h("المادة 9 — لجنة التتبع"),
        _p(
            "تجتمع لجنة تتبع متساوية الأعضاء (ممثلان عن كل طرف) مرة كل ستة أشهر على "
            "الأقل، ويحرر محضر موقع لكل اجتماع."
        ),
        _h("المادة 10 — التقييم"),
        _p(
            "يُنجز تقييم نهائي بمشاركة المستفيدين، اعتمادًا على مؤشرات بطاقة المشروع "
            "وشبكة التقييم الخاصة بالبرنامج."
        ),
        _h("المادة 11 — الفسخ وتسوية النزاعات"),
        _p(
            "في حالة إخلال جسيم يوجه الطرف المتضرر إنذارًا، وإذا لم يتم الرد داخل "
            "30 يومًا يمكن فسخ الاتفاقية. وتُعرض النزاعات أولًا على لجنة التتبع، ثم "
            "على المحكمة الإدارية المختصة عند تعذر الاتفاق."
        ),
        _tbl(
            ["عن الجماعة", "عن الجمعية"],
            ["الرئيس — [الاسم والتوقيع]", "الرئيسة — [الاسم والتوقيع]"],
        ),
    ]


def build_convention_docx(path: Path) -> None:
    _write_docx(path, "Convention de partenariat commune–association", _convention_fr())


def build_convention_odt(path: Path) -> None:
    _write_odt(path, "Convention de partenariat commune–association", _convention_fr())


def build_convention_ar_docx(path: Path) -> None:
    _write_docx(path, "اتفاقية شراكة بين الجماعة والجمعية", _convention_ar(), rtl=True)


# ================================================================= call for projects
AAP_CRITERIA = [
    ("Pertinence au regard des besoins du territoire", 25),
    ("Qualité et faisabilité du projet", 20),
    ("Capacité de l'association", 15),
    ("Égalité femmes-hommes et inclusion", 15),
    ("Budget réaliste et cofinancement", 15),
    ("Partenariats et ancrage local", 10),
]


def build_appel_a_projets_pdf(path: Path) -> None:
    blocks = [
        _t("Appel à projets associatif 2024 — Commune de [nom]"),
        _h("1. Objet"),
        _p(
            "La Commune soutient les projets associatifs qui répondent aux priorités "
            "sociales de son Plan d'action communal : participation des jeunes, "
            "égalité femmes-hommes, inclusion des personnes à besoins spécifiques, "
            "accueil des migrants et action sociale de proximité."
        ),
        _h("2. Enveloppe"),
        _p(
            "Enveloppe totale : 1 200 000 MAD. Plafond par projet : 80 000 MAD. "
            "La subvention ne peut dépasser 80 % du coût total du projet."
        ),
        _h("3. Critères d'éligibilité"),
        _ul(
            "association légalement constituée depuis au moins un an, disposant d'un "
            "récépissé définitif ;",
            "siège ou activité principale sur le territoire de la commune ;",
            "assemblée générale tenue dans les douze derniers mois ;",
            "rapport d'activités et rapport financier remis pour toute subvention "
            "communale antérieure ;",
            "projet réalisé sur le territoire communal, sans caractère partisan ni "
            "lucratif.",
        ),
        _h("4. Pièces à fournir"),
        _ul(
            "formulaire de candidature et fiche projet ;",
            "budget prévisionnel équilibré (modèle joint) ;",
            "copie du récépissé, des statuts et du dernier procès-verbal "
            "d'assemblée générale ;",
            "attestation bancaire (RIB) au nom de l'association.",
        ),
        _h("5. Calendrier"),
        _tbl(
            ["Étape", "Date"],
            ["Publication de l'appel", "15 janvier"],
            ["Séance d'information", "29 janvier, salle des fêtes communale"],
            ["Date limite de dépôt", "29 février, 16 h"],
            ["Notation par la commission", "mars"],
            ["Publication des résultats et des notes", "au plus tard le 15 avril"],
        ),
        _h("6. Critères de sélection"),
        _tbl(
            ["Critère", "Points"],
            *[[name, str(points)] for name, points in AAP_CRITERIA],
            ["Total", "100"],
        ),
        _p(
            "Les projets obtenant moins de 50 points ne sont pas financés. Chaque "
            "critère est noté de 0 à 5 puis pondéré (grille de notation jointe)."
        ),
        _h("7. Commission et recours"),
        _p(
            "La commission comprend trois élus, deux cadres communaux et deux "
            "observateurs de la société civile sans droit de vote. Les agents qui ont "
            "accompagné la rédaction d'un dossier ne siègent pas. Un recours écrit "
            "peut être déposé dans les quinze jours suivant la publication."
        ),
        _h("8. Publication"),
        _p(
            "La liste des projets retenus et non retenus, avec leur note et le "
            "montant accordé, est affichée à la Commune et publiée en ligne."
        ),
    ]
    _write_pdf(path, "Appel à projets associatif — règlement", blocks)


def build_appel_a_projets_ar_odt(path: Path) -> None:
    blocks = [
        _t("طلب مشاريع موجه للجمعيات برسم سنة 2024 — جماعة [الاسم]"),
        _h("1. الموضوع"),
        _p(
            "تدعم الجماعة مشاريع الجمعيات التي تستجيب للأولويات الاجتماعية لبرنامج "
            "عملها: مشاركة الشباب، والمساواة بين النساء والرجال، وإدماج الأشخاص في "
            "وضعية إعاقة، واستقبال المهاجرين، والعمل الاجتماعي للقرب."
        ),
        _h("2. الغلاف المالي"),
        _p(
            "الغلاف الإجمالي: 1.200.000 درهم. السقف لكل مشروع: 80.000 درهم. ولا "
            "تتجاوز المنحة 80 ٪ من الكلفة الإجمالية للمشروع."
        ),
        _h("3. شروط الأهلية"),
        _ul(
            "جمعية مؤسسة قانونيًا منذ سنة على الأقل وحاصلة على الوصل النهائي؛",
            "مقر أو نشاط رئيسي داخل تراب الجماعة؛",
            "عقد الجمع العام خلال الاثني عشر شهرًا الأخيرة؛",
            "تقديم التقريرين الأدبي والمالي عن كل منحة جماعية سابقة؛",
            "مشروع ينجز داخل تراب الجماعة دون طابع حزبي أو ربحي.",
        ),
        _h("4. الوثائق المطلوبة"),
        _ul(
            "استمارة الترشيح وبطاقة المشروع؛",
            "ميزانية تقديرية متوازنة (النموذج مرفق)؛",
            "نسخة من الوصل والقانون الأساسي وآخر محضر للجمع العام؛",
            "شهادة بنكية باسم الجمعية.",
        ),
        _h("5. معايير الانتقاء"),
        _tbl(
            ["المعيار", "النقط"],
            ["الملاءمة مع حاجيات المجال الترابي", "25"],
            ["جودة المشروع وقابليته للإنجاز", "20"],
            ["قدرات الجمعية", "15"],
            ["المساواة بين النساء والرجال والإدماج", "15"],
            ["واقعية الميزانية والتمويل المشترك", "15"],
            ["الشراكات والتجذر المحلي", "10"],
            ["المجموع", "100"],
        ),
        _p("لا تمول المشاريع التي تحصل على أقل من 50 نقطة."),
        _h("6. اللجنة والطعون"),
        _p(
            "تتكون اللجنة من ثلاثة منتخبين وإطارين جماعيين وملاحظين اثنين من المجتمع "
            "المدني دون حق التصويت. ويمكن تقديم طعن كتابي داخل خمسة عشر يومًا من "
            "تاريخ النشر."
        ),
        _h("7. النشر"),
        _p(
            "تعلق لائحة المشاريع المقبولة وغير المقبولة، مع نقطها والمبالغ الممنوحة، "
            "بمقر الجماعة وتنشر على الإنترنت."
        ),
    ]
    _write_odt(path, "طلب مشاريع موجه للجمعيات", blocks, rtl=True)


def build_grille_notation_xlsx(path: Path) -> None:
    wb = _new_workbook("Grille de notation — appel à projets associatif")
    ws = wb.active
    ws.title = "Notation"
    ws["A1"] = "Grille de notation — appel à projets associatif 2024"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "Saisir les notes de 0 à 5 dans les cellules jaunes."
    heads = ["Critère", "Pondération"]
    for name in ("Dossier 1", "Dossier 2", "Dossier 3"):
        heads += [f"{name} — note /5", f"{name} — points"]
    _header(ws, 4, heads, [44, 13, 12, 12, 12, 12, 12, 12])
    sample = [(4, 3, 5), (3, 4, 4), (4, 2, 3), (5, 2, 3), (3, 3, 4), (4, 1, 3)]
    first = 5
    for i, ((name, weight), notes) in enumerate(zip(AAP_CRITERIA, sample, strict=True)):
        r = first + i
        ws.cell(r, 1, name)
        ws.cell(r, 2, weight)
        for d, note in enumerate(notes):
            ncol = 3 + 2 * d
            n = ws.cell(r, ncol, note)
            n.fill = INPUT_FILL
            col = get_column_letter(ncol)
            ws.cell(r, ncol + 1, f"=$B{r}*{col}{r}/5")
    last = first + len(AAP_CRITERIA) - 1
    total = last + 1
    ws.cell(total, 1, "Total /100").font = Font(bold=True)
    ws.cell(total, 2, f"=SUM(B{first}:B{last})")
    rank = total + 1
    ws.cell(rank, 1, "Classement").font = Font(bold=True)
    verdict = rank + 1
    ws.cell(verdict, 1, "Décision (seuil : 50 points)").font = Font(bold=True)
    points_cols = [get_column_letter(4 + 2 * d) for d in range(3)]
    for col in points_cols:
        ws[f"{col}{total}"] = f"=SUM({col}{first}:{col}{last})"
        ws[f"{col}{total}"].fill = TOTAL_FILL
        # 1 + number of dossiers with more points (portable, unlike a RANK union).
        better = "+".join(f"(${c}${total}>{col}{total})" for c in points_cols)
        ws[f"{col}{rank}"] = f"=1+{better}"
        ws[f"{col}{verdict}"] = f'=IF({col}{total}>=50,"Éligible","Non retenu")'
    scale = wb.create_sheet("Barème")
    _header(scale, 1, ["Note", "Signification"], [8, 70])
    for r, (note, label) in enumerate(
        [
            (0, "Critère absent ou non renseigné"),
            (1, "Très insuffisant"),
            (2, "Insuffisant : éléments vagues, non chiffrés"),
            (3, "Satisfaisant"),
            (4, "Bon : précis, chiffré, cohérent"),
            (5, "Excellent : précis, chiffré, appuyé sur des preuves"),
        ],
        start=2,
    ):
        scale.cell(r, 1, note)
        scale.cell(r, 2, label)
    _save_workbook(wb, path)


# ===================================================================== project sheet
def _fiche_projet() -> list[Block]:
    return [
        _t("Fiche projet"),
        _tbl(
            ["Rubrique", "À compléter"],
            ["Intitulé du projet", "[titre court et explicite]"],
            ["Porteur", "[commune / association, service, personne référente]"],
            ["Partenaires", "[associations, services de l'État, bailleurs]"],
            ["Lieu", "[quartier, douar, équipement]"],
            ["Durée", "[date de début — date de fin]"],
        ),
        _h("1. Le problème"),
        _p(
            "Décrire le problème en trois à cinq phrases, avec des faits chiffrés : "
            "combien de personnes sont concernées, où, depuis quand, et ce qui a déjà "
            "été tenté."
        ),
        _h("2. Objectifs"),
        _p(
            "Un objectif général et deux ou trois objectifs spécifiques, formulés "
            "de façon vérifiable (quoi, pour qui, combien, d'ici quand)."
        ),
        _h("3. Publics cibles"),
        _tbl(
            ["Public", "Femmes", "Hommes", "dont moins de 30 ans"],
            ["Bénéficiaires directs", "[..]", "[..]", "[..]"],
            ["dont personnes à besoins spécifiques", "[..]", "[..]", "[..]"],
            ["dont personnes migrantes", "[..]", "[..]", "[..]"],
        ),
        _h("4. Activités principales"),
        _ul("[activité 1]", "[activité 2]", "[activité 3]"),
        _h("5. Budget résumé"),
        _tbl(
            ["Poste", "Montant (MAD)", "Financeur"],
            ["Investissement", "[..]", "[..]"],
            ["Fonctionnement", "[..]", "[..]"],
            ["Ressources humaines", "[..]", "[..]"],
            ["Total", "[..]", ""],
        ),
        _h("6. Indicateurs"),
        _p(
            "Trois à cinq indicateurs au maximum, dont au moins un indicateur ventilé "
            "par sexe et un indicateur de satisfaction des bénéficiaires."
        ),
        _h("7. Risques et mesures"),
        _p("Les deux ou trois principaux risques et la manière de les réduire."),
    ]


def build_fiche_projet_docx(path: Path) -> None:
    _write_docx(path, "Fiche projet", _fiche_projet())


def build_fiche_projet_odt(path: Path) -> None:
    _write_odt(path, "Fiche projet", _fiche_projet())


# =================================================================== budget forecast
BUDGET_LINES = [
    ("Personnel", [
        ("Animateur ou animatrice jeunesse", "mois", 12, 4500, 0, 0),
        ("Coordinatrice (mi-temps)", "mois", 12, 3000, 36000, 0),
    ]),
    ("Équipement", [
        ("Ordinateurs portables", "unité", 3, 6500, 0, 0),
        ("Mobilier (tables, chaises, armoires)", "lot", 1, 18000, 18000, 0),
        ("Vidéoprojecteur", "unité", 1, 5500, 0, 0),
    ]),
    ("Activités", [
        ("Ateliers d'écriture de projets", "séance", 24, 800, 0, 4800),
        ("Sorties et échanges entre quartiers", "sortie", 4, 3500, 0, 0),
        ("Fournitures pédagogiques", "lot", 1, 6000, 0, 0),
    ]),
    ("Fonctionnement", [
        ("Électricité et eau", "mois", 12, 450, 5400, 0),
        ("Connexion internet", "mois", 12, 300, 3600, 0),
        ("Assurance des participants", "an", 1, 2400, 0, 2400),
    ]),
    ("Communication", [
        ("Affiches, dépliants, réseaux sociaux", "lot", 1, 4000, 0, 1000),
    ]),
]  # fmt: skip


def build_budget_previsionnel_xlsx(path: Path) -> None:
    wb = _new_workbook("Budget prévisionnel — espace jeunes de quartier")
    ws = wb.active
    ws.title = "Budget"
    ws["A1"] = "Budget prévisionnel — Espace jeunes de quartier (12 mois)"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = (
        "Saisir uniquement dans les cellules jaunes ; la colonne « Bailleurs » est "
        "calculée (total − commune − association)."
    )
    heads = [
        "Rubrique", "Poste", "Unité", "Quantité", "Coût unitaire (MAD)",
        "Total (MAD)", "Commune", "Association (valorisation)", "Bailleurs",
    ]  # fmt: skip
    _header(ws, 4, heads, [16, 38, 9, 10, 14, 14, 12, 16, 12])
    row, subtotal_rows = 5, []
    for rubric, lines in BUDGET_LINES:
        start = row
        for label, unit, qty, cost, commune, assoc in lines:
            values = [rubric, label, unit, qty, cost]
            for col, value in enumerate(values, start=1):
                ws.cell(row, col, value)
            for col, value in ((7, commune), (8, assoc)):
                ws.cell(row, col, value)
            for col in (4, 5, 7, 8):
                ws.cell(row, col).fill = INPUT_FILL
            ws.cell(row, 6, f"=D{row}*E{row}")
            ws.cell(row, 9, f"=F{row}-G{row}-H{row}")
            row += 1
        ws.cell(row, 2, f"Sous-total {rubric.lower()}").font = Font(bold=True)
        for col in "FGHI":
            ws[f"{col}{row}"] = f"=SUM({col}{start}:{col}{row - 1})"
            ws[f"{col}{row}"].fill = TOTAL_FILL
        subtotal_rows.append(row)
        row += 1
    excl = row
    ws.cell(excl, 2, "Total hors imprévus").font = Font(bold=True)
    for col in "FGHI":
        ws[f"{col}{excl}"] = "=" + "+".join(f"{col}{r}" for r in subtotal_rows)
    unforeseen = excl + 1
    ws.cell(unforeseen, 1, "Imprévus")
    ws.cell(unforeseen, 2, "Imprévus (5 % du total hors imprévus)")
    ws[f"F{unforeseen}"] = f"=ROUND(F{excl}*5%,0)"
    ws[f"G{unforeseen}"] = 0
    ws[f"H{unforeseen}"] = 0
    ws[f"I{unforeseen}"] = f"=F{unforeseen}-G{unforeseen}-H{unforeseen}"
    grand = unforeseen + 1
    ws.cell(grand, 2, "TOTAL GÉNÉRAL").font = Font(bold=True)
    for col in "FGHI":
        ws[f"{col}{grand}"] = f"={col}{excl}+{col}{unforeseen}"
        ws[f"{col}{grand}"].font = Font(bold=True)
        ws[f"{col}{grand}"].fill = TOTAL_FILL
    for r in range(5, grand + 1):
        for col in range(4, 10):
            ws.cell(r, col).number_format = "#,##0"
    synth = wb.create_sheet("Synthèse")
    _header(synth, 1, ["Indicateur", "Valeur"], [42, 16])
    rows = [
        ("Total des dépenses (MAD)", f"=Budget!F{grand}"),
        ("Apport de la Commune (MAD)", f"=Budget!G{grand}"),
        ("Apport de l'association (MAD)", f"=Budget!H{grand}"),
        ("Demande aux bailleurs (MAD)", f"=Budget!I{grand}"),
        ("Total des ressources (MAD)", "=SUM(B3:B5)"),
        ("Part du cofinancement local", "=(B3+B4)/B2"),
        ("Contrôle d'équilibre", '=IF(ABS(B2-B6)<0.5,"OK","ÉCART")'),
    ]
    for r, (label, formula) in enumerate(rows, start=2):
        synth.cell(r, 1, label)
        synth.cell(r, 2, formula).number_format = "#,##0"
    synth["B7"].number_format = "0.0%"
    _save_workbook(wb, path)


# ================================================================ terms of reference
def _termes_de_reference() -> list[Block]:
    return [
        _t("Termes de référence — Évaluation finale du projet « [intitulé] »"),
        _h("1. Contexte"),
        _p(
            "La Commune de [nom] met en œuvre depuis [année], avec [associations "
            "partenaires], le projet « [intitulé] », financé par [bailleurs] pour un "
            "montant de [..] MAD. Le projet arrive à son terme le [date] ; la "
            "convention prévoit une évaluation finale externe."
        ),
        _h("2. Objet de l'évaluation"),
        _p(
            "Apprécier les résultats obtenus, comprendre ce qui a fonctionné ou non, "
            "et formuler des recommandations utiles pour une éventuelle seconde phase "
            "ou pour d'autres communes du programme."
        ),
        _h("3. Questions d'évaluation"),
        _ul(
            "Le projet a-t-il répondu aux besoins prioritaires des publics visés, "
            "en particulier des femmes et des personnes à besoins spécifiques ?",
            "Dans quelle mesure les résultats attendus ont-ils été atteints ?",
            "Les moyens ont-ils été utilisés de façon économe et transparente ?",
            "Quels changements les bénéficiaires eux-mêmes observent-ils ?",
            "Qu'est-ce qui restera après la fin du financement extérieur ?",
        ),
        _h("4. Méthodologie attendue"),
        _p(
            "Revue documentaire, entretiens avec les services communaux et les "
            "associations, groupes de discussion avec les bénéficiaires (séparés "
            "femmes et hommes lorsque c'est pertinent, menés par une enquêtrice pour "
            "les groupes de femmes), atelier de restitution participatif."
        ),
        _h("5. Livrables"),
        _tbl(
            ["Livrable", "Échéance"],
            ["Note de cadrage méthodologique (5 pages)", "J + 10"],
            ["Atelier de restitution des premiers constats", "J + 35"],
            ["Rapport provisoire (30 pages maximum)", "J + 45"],
            ["Rapport final et résumé de 2 pages en français et en arabe", "J + 60"],
        ),
        _h("6. Profil recherché"),
        _p(
            "Consultant, consultante ou équipe ayant au moins cinq ans d'expérience "
            "en évaluation de projets sociaux, connaissance des collectivités "
            "territoriales marocaines, maîtrise de l'arabe et du français ; la "
            "connaissance de l'amazighe est un atout."
        ),
        _h("7. Durée, budget et offre"),
        _p(
            "Entre 15 et 25 jours de travail répartis sur deux mois. L'offre comprend "
            "une note méthodologique, un calendrier, les CV et une offre financière "
            "en MAD toutes taxes comprises, à adresser avant le [date] à "
            "evaluation@example.org."
        ),
    ]


def build_tdr_pdf(path: Path) -> None:
    _write_pdf(path, "Termes de référence — évaluation finale", _termes_de_reference())


def build_tdr_docx(path: Path) -> None:
    _write_docx(path, "Termes de référence — évaluation finale", _termes_de_reference())


# ==================================================================== meeting minutes
def build_pv_odt(path: Path) -> None:
    blocks = [
        _t("Procès-verbal de réunion de concertation"),
        _tbl(
            ["Rubrique", "À compléter"],
            ["Objet de la réunion", "[..]"],
            ["Date, heure et lieu", "[..]"],
            ["Organisée par", "[service communal, association]"],
            ["Animation", "[nom et fonction]"],
            ["Rédaction du procès-verbal", "[nom et fonction]"],
        ),
        _h("1. Participants"),
        _tbl(
            ["", "Femmes", "Hommes", "Total"],
            ["Habitants et habitantes", "[..]", "[..]", "[..]"],
            ["dont moins de 30 ans", "[..]", "[..]", "[..]"],
            ["dont personnes à besoins spécifiques", "[..]", "[..]", "[..]"],
            ["Associations (nombre)", "", "", "[..]"],
            ["Élus et agents communaux", "[..]", "[..]", "[..]"],
        ),
        _h("2. Ordre du jour"),
        _ul("[point 1]", "[point 2]", "[questions diverses]"),
        _h("3. Synthèse des échanges"),
        _p(
            "Résumer les avis exprimés par point de l'ordre du jour, sans nommer les "
            "personnes sauf accord. Signaler les désaccords et les points qui n'ont "
            "pas pu être traités."
        ),
        _h("4. Décisions et engagements"),
        _p(
            "Distinguer clairement ce qui a été décidé pendant la réunion de ce qui "
            "sera soumis au conseil communal ou à d'autres institutions."
        ),
        _h("5. Actions à mener"),
        _tbl(
            ["Action", "Responsable", "Échéance"],
            ["[..]", "[..]", "[..]"],
            ["[..]", "[..]", "[..]"],
        ),
        _h("6. Restitution"),
        _p(
            "Date et forme de la restitution aux participants (réunion, affichage, "
            "message) : [..]. Le procès-verbal est publié dans les quinze jours."
        ),
    ]
    _write_odt(path, "Procès-verbal de réunion de concertation", blocks)


def build_pv_ar_docx(path: Path) -> None:
    blocks = [
        _t("محضر اجتماع تشاوري"),
        _tbl(
            ["البند", "يُملأ"],
            ["موضوع الاجتماع", "[..]"],
            ["التاريخ والساعة والمكان", "[..]"],
            ["الجهة المنظمة", "[مصلحة جماعية، جمعية]"],
            ["التنشيط", "[الاسم والصفة]"],
            ["تحرير المحضر", "[الاسم والصفة]"],
        ),
        _h("1. المشاركون"),
        _tbl(
            ["", "نساء", "رجال", "المجموع"],
            ["السكان", "[..]", "[..]", "[..]"],
            ["منهم دون 30 سنة", "[..]", "[..]", "[..]"],
            ["منهم أشخاص في وضعية إعاقة", "[..]", "[..]", "[..]"],
            ["المنتخبون والموظفون الجماعيون", "[..]", "[..]", "[..]"],
        ),
        _h("2. جدول الأعمال"),
        _ul("[النقطة 1]", "[النقطة 2]", "[نقط مختلفة]"),
        _h("3. خلاصة النقاش"),
        _p(
            "تلخيص الآراء المعبر عنها في كل نقطة من جدول الأعمال دون ذكر الأسماء إلا "
            "بموافقة أصحابها، مع الإشارة إلى نقط الخلاف والنقط التي لم تتم مناقشتها."
        ),
        _h("4. القرارات والالتزامات"),
        _p(
            "التمييز بوضوح بين ما تقرر خلال الاجتماع وما سيعرض على المجلس الجماعي أو "
            "على مؤسسات أخرى."
        ),
        _h("5. الإجراءات الواجب القيام بها"),
        _tbl(
            ["الإجراء", "المسؤول", "الأجل"],
            ["[..]", "[..]", "[..]"],
            ["[..]", "[..]", "[..]"],
        ),
        _h("6. الإرجاع"),
        _p(
            "تاريخ وشكل الإرجاع للمشاركين (اجتماع، تعليق، رسالة): [..]. وينشر المحضر "
            "داخل أجل خمسة عشر يومًا."
        ),
    ]
    _write_docx(path, "محضر اجتماع تشاوري", blocks, rtl=True)


# ===================================================================== activity report
def build_rapport_activites_docx(path: Path) -> None:
    blocks = [
        _t("Rapport d'activités annuel — Association [nom]"),
        _p("Exercice : [année] — Subvention communale reçue : [montant] MAD"),
        _h("1. Présentation de l'association"),
        _p("Objet, date de création, nombre de membres (femmes / hommes), bureau."),
        _h("2. Activités réalisées"),
        _tbl(
            ["Activité", "Période", "Lieu", "Réalisée ?", "Commentaire"],
            ["[..]", "[..]", "[..]", "oui / partiellement / non", "[..]"],
        ),
        _h("3. Participants"),
        _tbl(
            ["Public", "Femmes", "Hommes", "Total"],
            ["Moins de 15 ans", "[..]", "[..]", "[..]"],
            ["15 à 30 ans", "[..]", "[..]", "[..]"],
            ["Plus de 30 ans", "[..]", "[..]", "[..]"],
            ["dont personnes à besoins spécifiques", "[..]", "[..]", "[..]"],
            ["dont personnes migrantes", "[..]", "[..]", "[..]"],
        ),
        _h("4. Utilisation de la subvention"),
        _tbl(
            ["Ligne budgétaire", "Prévu (MAD)", "Réalisé (MAD)", "Écart (%)"],
            ["[..]", "[..]", "[..]", "[..]"],
        ),
        _p("Expliquer tout écart supérieur à 10 %."),
        _h("5. Difficultés rencontrées"),
        _p("Ce qui n'a pas marché, pourquoi, et ce que l'association a changé."),
        _h("6. Perspectives"),
        _p("Activités prévues l'année suivante et besoins d'appui."),
    ]
    _write_docx(path, "Rapport d'activités annuel — modèle", blocks)


def build_rapport_activites_pdf(path: Path) -> None:
    blocks = [
        _t("Association Jeunes Talents du Souss — Rapport d'activités 2022"),
        _p(
            "Exemple rempli, publié avec l'accord de l'association (Tiznit). "
            "Subvention communale reçue : 30 000 MAD."
        ),
        _h("1. Présentation"),
        _p(
            "Association créée en 2014, 46 membres (21 femmes, 25 hommes). Objet : "
            "accompagner les jeunes de Tiznit vers l'emploi et l'entrepreneuriat, en "
            "particulier dans l'artisanat."
        ),
        _h("2. Activités réalisées"),
        _tbl(
            ["Activité", "Période", "Réalisée ?", "Commentaire"],
            [
                "Suivi mensuel des 42 apprentis bijoutiers",
                "janv.–déc.",
                "oui",
                "11 visites annulées en août (fermeture des ateliers)",
            ],
            [
                "Trois ateliers de design avec des créateurs",
                "mars–mai",
                "oui",
                "un atelier mené en visioconférence",
            ],
            [
                "Stand au salon national de l'artisanat",
                "octobre",
                "oui",
                "vente de 38 pièces",
            ],
            [
                "Formation à la micro-entreprise",
                "novembre",
                "partiellement",
                "une session sur deux, faute de formateur disponible",
            ],
        ),  # fmt: skip
        _h("3. Participants"),
        _tbl(
            ["Public", "Femmes", "Hommes", "Total"],
            ["15 à 30 ans", "17", "25", "42"],
            ["Plus de 30 ans (maîtres artisans)", "2", "19", "21"],
            ["dont personnes à besoins spécifiques", "1", "2", "3"],
        ),
        _h("4. Utilisation de la subvention"),
        _tbl(
            ["Ligne budgétaire", "Prévu (MAD)", "Réalisé (MAD)", "Écart (%)"],
            ["Déplacements de suivi", "9 000", "7 650", "-15 %"],
            ["Ateliers de design", "12 000", "12 400", "+3 %"],
            ["Stand au salon", "6 000", "7 100", "+18 %"],
            ["Formation micro-entreprise", "3 000", "1 500", "-50 %"],
            ["Total", "30 000", "28 650", "-4,5 %"],
        ),
        _p(
            "Le coût du stand a dépassé la prévision (transport des vitrines). Le "
            "solde non utilisé de 1 350 MAD a été reversé à la Commune."
        ),
        _h("5. Difficultés"),
        _p(
            "Deux maîtres ont refusé les visites de suivi ; leurs apprentis ont été "
            "réaffectés. La formation à la micro-entreprise n'a pu être tenue qu'à "
            "moitié."
        ),
        _h("6. Perspectives 2023"),
        _p(
            "Accompagner l'installation des diplômés, négocier un accès au "
            "microcrédit et organiser une vente collective à Agadir."
        ),
    ]
    _write_pdf(path, "Rapport d'activités 2022 — exemple", blocks)


# ========================================================================== charter
CHARTE_FR = [
    ("Informer avant de consulter", "Les documents utiles sont diffusés au moins "
     "dix jours avant toute réunion, dans une langue claire, en arabe et en "
     "français, et oralement en amazighe lorsque c'est la langue des habitants."),
    ("Dire ce qui est négociable", "Chaque démarche annonce son degré de "
     "participation : information, consultation, concertation ou codécision."),
    ("Aller vers les habitants", "Les réunions se tiennent dans les quartiers et "
     "les douars, à des horaires compatibles avec le travail et les études."),
    ("Inclure", "Des mesures concrètes garantissent la présence des femmes, des "
     "jeunes, des personnes en situation de handicap et des personnes migrantes : "
     "garde d'enfants, lieux accessibles, interprétation, séances dédiées."),
    ("Respecter la parole", "Chaque personne peut s'exprimer sans intimidation ; "
     "les démarches participatives restent neutres sur le plan partisan."),
    ("Consigner fidèlement", "Un procès-verbal est publié dans les quinze jours."),
    ("Examiner chaque proposition", "Toute proposition reçue est examinée par le "
     "service compétent."),
    ("Répondre par écrit", "La Commune répond par écrit, dans un délai de soixante "
     "jours, en motivant ses refus."),
    ("Restituer publiquement", "Les suites données sont présentées lors d'une "
     "réunion publique de restitution."),
    ("Évaluer chaque année", "La charte est évaluée chaque année avec l'Instance "
     "de l'équité, de l'égalité des chances et de l'approche genre et les "
     "associations."),
]  # fmt: skip

CHARTE_AR = [
    ("الإخبار قبل الاستشارة", "تنشر الوثائق المفيدة قبل كل اجتماع بعشرة أيام على "
     "الأقل، بلغة واضحة، بالعربية والفرنسية، وشفهيًا بالأمازيغية حين تكون لغة "
     "السكان."),
    ("توضيح ما هو قابل للتفاوض", "تعلن كل مبادرة عن درجة المشاركة: إخبار أو "
     "استشارة أو تشاور أو قرار مشترك."),
    ("الذهاب إلى السكان", "تعقد الاجتماعات في الأحياء والدواوير وفي أوقات تلائم "
     "العمل والدراسة."),
    ("الإدماج", "تضمن تدابير ملموسة حضور النساء والشباب والأشخاص في وضعية إعاقة "
     "والمهاجرين: حضانة الأطفال، وأماكن ولوجة، وترجمة، وجلسات خاصة."),
    ("احترام الكلمة", "يحق لكل شخص التعبير دون ترهيب، وتبقى المقاربات التشاركية "
     "محايدة حزبيًا."),
    ("التدوين الأمين", "ينشر محضر داخل أجل خمسة عشر يومًا."),
    ("دراسة كل مقترح", "تدرس المصلحة المختصة كل مقترح يتم التوصل به."),
    ("الرد كتابة", "ترد الجماعة كتابة داخل أجل ستين يومًا مع تعليل الرفض."),
    ("الإرجاع العلني", "يقدم مآل المقترحات في اجتماع عمومي للإرجاع."),
    ("التقييم السنوي", "يقيَّم الميثاق كل سنة مع هيئة المساواة وتكافؤ الفرص ومقاربة "
     "النوع والجمعيات."),
]  # fmt: skip


def _charte_fr() -> list[Block]:
    blocks = [
        _t("Charte communale de la participation citoyenne"),
        _h("Préambule"),
        _p(
            "Considérant les articles 119 à 125 de la loi organique n° 113-14 "
            "relative aux communes, qui prévoient des mécanismes participatifs de "
            "dialogue et de concertation et le droit de pétition, la Commune de "
            "[nom] s'engage à respecter les principes suivants dans toutes ses "
            "démarches participatives."
        ),
    ]
    for n, (title, text) in enumerate(CHARTE_FR, start=1):
        blocks += [_h(f"Engagement {n} — {title}"), _p(text)]
    blocks += [
        _h("Mise en œuvre"),
        _p(
            "La Commune désigne une personne référente, inscrit une ligne budgétaire "
            "annuelle et publie chaque année un rapport sur l'application de la "
            "charte. Adoptée par délibération du conseil communal n° [..] du [date]."
        ),
    ]
    return blocks


def build_charte_odt(path: Path) -> None:
    _write_odt(path, "Charte communale de la participation citoyenne", _charte_fr())


def build_charte_pdf(path: Path) -> None:
    _write_pdf(path, "Charte communale de la participation citoyenne", _charte_fr())


def build_charte_ar_odt(path: Path) -> None:
    blocks = [
        _t("الميثاق الجماعي للمشاركة المواطنة"),
        _h("الديباجة"),
        _p(
            "اعتبارًا للمواد من 119 إلى 125 من القانون التنظيمي رقم 113.14 المتعلق "
            "بالجماعات، التي تنص على آليات تشاركية للحوار والتشاور وعلى الحق في "
            "تقديم العرائض، تلتزم جماعة [الاسم] باحترام المبادئ التالية في جميع "
            "مبادراتها التشاركية."
        ),
    ]
    for n, (title, text) in enumerate(CHARTE_AR, start=1):
        blocks += [_h(f"الالتزام {n} — {title}"), _p(text)]
    blocks += [
        _h("التفعيل"),
        _p(
            "تعين الجماعة شخصًا مرجعيًا، وتخصص بندًا سنويًا في الميزانية، وتنشر كل "
            "سنة تقريرًا عن تطبيق الميثاق. صودق عليه بمقرر المجلس الجماعي رقم [..] "
            "بتاريخ [..]."
        ),
    ]
    _write_odt(path, "الميثاق الجماعي للمشاركة المواطنة", blocks, rtl=True)


# ================================================================== evaluation grid
EVAL_CRITERIA = [
    "Pertinence : le projet répondait-il aux besoins ?",
    "Efficacité : les résultats attendus sont-ils atteints ?",
    "Efficience : les moyens ont-ils été bien utilisés ?",
    "Participation des bénéficiaires",
    "Égalité femmes-hommes",
    "Inclusion des personnes à besoins spécifiques et des migrants",
    "Durabilité : que restera-t-il après le projet ?",
]


def build_grille_evaluation_xlsx(path: Path) -> None:
    wb = _new_workbook("Grille d'évaluation de fin de projet")
    ws = wb.active
    ws.title = "Notes"
    ws["A1"] = "Grille d'évaluation de fin de projet — notes de 1 à 4"
    ws["A1"].font = Font(bold=True, size=13)
    heads = [
        "Critère", "Commune", "Association", "Bénéficiaires (groupe femmes)",
        "Bénéficiaires (groupe mixte)", "Moyenne", "Écart max.", "Justification",
    ]  # fmt: skip
    _header(ws, 3, heads, [52, 11, 12, 16, 16, 10, 10, 40])
    sample = [(4, 4, 3, 3), (3, 4, 3, 2), (3, 3, 2, 3), (2, 3, 2, 2),
              (3, 3, 2, 3), (2, 2, 1, 2), (2, 3, 2, 2)]  # fmt: skip
    for i, (criterion, notes) in enumerate(zip(EVAL_CRITERIA, sample, strict=True)):
        r = 4 + i
        ws.cell(r, 1, criterion)
        for j, note in enumerate(notes):
            ws.cell(r, 2 + j, note).fill = INPUT_FILL
        ws.cell(r, 6, f"=ROUND(AVERAGE(B{r}:E{r}),2)")
        ws.cell(r, 7, f"=MAX(B{r}:E{r})-MIN(B{r}:E{r})")
        ws.cell(r, 8, "[à compléter pendant l'atelier]")
    last = 3 + len(EVAL_CRITERIA)
    ws.cell(last + 1, 1, "Moyenne générale").font = Font(bold=True)
    for col in "BCDEF":
        ws[f"{col}{last + 1}"] = f"=ROUND(AVERAGE({col}4:{col}{last}),2)"
        ws[f"{col}{last + 1}"].fill = TOTAL_FILL
    ws.cell(last + 3, 1, "Un écart de 2 points ou plus est à discuter en atelier.")
    scale = wb.create_sheet("Échelle")
    _header(scale, 1, ["Note", "Signification"], [8, 60])
    for r, (note, label) in enumerate(
        [
            (1, "Insuffisant : objectif non atteint"),
            (2, "Partiel : progrès réels mais limités"),
            (3, "Satisfaisant : objectif atteint pour l'essentiel"),
            (4, "Très satisfaisant : objectif atteint ou dépassé"),
        ],
        start=2,
    ):
        scale.cell(r, 1, note)
        scale.cell(r, 2, label)
    _save_workbook(wb, path)


# ============================================================== participant tracking
PARTICIPANTS_SAMPLE = [
    ("P001", "Atelier d'écriture de projets", "F", 19, "Non", "Non"),
    ("P002", "Atelier d'écriture de projets", "H", 22, "Non", "Non"),
    ("P003", "Atelier d'écriture de projets", "F", 17, "Oui", "Non"),
    ("P004", "Atelier d'écriture de projets", "H", 27, "Non", "Oui"),
    ("P005", "Réunion de quartier", "F", 41, "Non", "Non"),
    ("P006", "Réunion de quartier", "F", 35, "Non", "Oui"),
    ("P007", "Réunion de quartier", "H", 52, "Oui", "Non"),
    ("P008", "Réunion de quartier", "F", 29, "Non", "Non"),
    ("P009", "Réunion de quartier", "H", 63, "Non", "Non"),
    ("P010", "Sortie d'échange", "F", 16, "Non", "Non"),
    ("P011", "Sortie d'échange", "H", 16, "Non", "Non"),
    ("P012", "Sortie d'échange", "F", 18, "Non", "Oui"),
    ("P013", "Sortie d'échange", "H", 14, "Oui", "Non"),
    ("P014", "Formation micro-entreprise", "F", 24, "Non", "Non"),
    ("P015", "Formation micro-entreprise", "F", 31, "Non", "Oui"),
    ("P016", "Formation micro-entreprise", "H", 26, "Non", "Non"),
    ("P017", "Formation micro-entreprise", "F", 28, "Oui", "Non"),
    ("P018", "Formation micro-entreprise", "H", 33, "Non", "Non"),
]


def build_suivi_participants_xlsx(path: Path) -> None:
    wb = _new_workbook("Suivi des participants")
    ws = wb.active
    ws.title = "Participants"
    heads = [
        "Code", "Activité", "Date", "Sexe (F/H)", "Âge", "Tranche d'âge",
        "Besoins spécifiques", "Migrant ou migrante",
    ]  # fmt: skip
    _header(ws, 1, heads, [8, 30, 12, 10, 7, 13, 12, 12])
    base = dt.date(2023, 3, 4)
    for i, (code, activity, sex, age, needs, migrant) in enumerate(PARTICIPANTS_SAMPLE):
        r = 2 + i
        date = base + dt.timedelta(days=14 * (i // 4))
        for col, value in enumerate((code, activity, date, sex, age), start=1):
            ws.cell(r, col, value)
        ws.cell(r, 3).number_format = "DD/MM/YYYY"
        ws.cell(r, 6, f'=IF(E{r}<15,"moins de 15",IF(E{r}<=30,"15-30","plus de 30"))')
        ws.cell(r, 7, needs)
        ws.cell(r, 8, migrant)
    sex_rule = DataValidation(type="list", formula1='"F,H"', allow_blank=True)
    yes_no = DataValidation(type="list", formula1='"Oui,Non"', allow_blank=True)
    ws.add_data_validation(sex_rule)
    ws.add_data_validation(yes_no)
    sex_rule.add("D2:D500")
    yes_no.add("G2:H500")
    synth = wb.create_sheet("Synthèse")
    _header(synth, 1, ["Indicateur", "Nombre", "Part"], [44, 10, 10])
    rng = "Participants!{}2:{}500"
    rows = [
        ("Participants (total)", f"=COUNTA({rng.format('A', 'A')})"),
        ("Femmes", f'=COUNTIF({rng.format("D", "D")},"F")'),
        ("Hommes", f'=COUNTIF({rng.format("D", "D")},"H")'),
        ("Jeunes de 15 à 30 ans", f'=COUNTIF({rng.format("F", "F")},"15-30")'),
        (
            "Jeunes femmes de 15 à 30 ans",
            f'=COUNTIFS({rng.format("D", "D")},"F",{rng.format("F", "F")},"15-30")',
        ),
        ("Personnes à besoins spécifiques", f'=COUNTIF({rng.format("G", "G")},"Oui")'),
        ("Personnes migrantes", f'=COUNTIF({rng.format("H", "H")},"Oui")'),
    ]
    for r, (label, formula) in enumerate(rows, start=2):
        synth.cell(r, 1, label)
        synth.cell(r, 2, formula)
        synth.cell(r, 3, f"=IF($B$2=0,0,B{r}/$B$2)").number_format = "0%"
    _save_workbook(wb, path)


# ============================================================ practice attachments
BP_PROJECTS = [
    ("Terrain de proximité Bir Chifa", 165000, 540, "Réalisé"),
    ("Éclairage du passage piéton vers le lycée (Aouama)", 48000, 498, "Réalisé"),
    ("Bibliothèque de quartier Beni Makada Lakdima", 210000, 455, "Réalisé"),
    ("Local du club de futsal féminin Nour", 130000, 410, "Réalisé"),
    ("Terrain de proximité Hay Al Majd", 158000, 362, "Reporté (foncier)"),
    ("Espace vert Hay Moulay Ali", 96000, 330, "Réalisé"),
    ("Rampes d'accès à la maison de jeunes Al Amal", 42000, 291, "Réalisé"),
    ("Terrain de proximité Aouama", 171000, 262, "Reporté (foncier)"),
    ("Espace vert Bir Chifa", 88000, 238, "Réalisé"),
    ("Studio d'enregistrement musical", 260000, 205, "Non retenu"),
    ("Salle de musculation de quartier", 140000, 176, "Non retenu"),
    ("Fresques murales du boulevard", 35000, 121, "Non retenu"),
]


def build_tanger_bp_xlsx(path: Path) -> None:
    wb = _new_workbook("Budget participatif des jeunes — résultats 2022")
    ws = wb.active
    ws.title = "Résultats 2022"
    ws["A1"] = "Budget participatif des jeunes — Beni Makada — vote de 2022"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = (
        "Sélection dans l'ordre des voix jusqu'à épuisement de l'enveloppe ; le "
        "premier projet qui dépasse l'enveloppe clôt la sélection (règlement, art. 9)."
    )
    _header(
        ws, 4, ["Rang", "Projet", "Coût estimé (MAD)", "Voix", "Part des voix",
                "Coût cumulé (MAD)", "Retenu", "État au 31/12/2023"],
        [6, 50, 16, 8, 12, 16, 9, 20],
    )  # fmt: skip
    first = 5
    for i, (name, cost, votes, state) in enumerate(BP_PROJECTS):
        r = first + i
        ws.cell(r, 1, i + 1)
        ws.cell(r, 2, name)
        ws.cell(r, 3, cost).number_format = "#,##0"
        ws.cell(r, 4, votes)
        ws.cell(r, 5, f"=D{r}/$D$20").number_format = "0.0%"
        ws.cell(r, 6, f"=SUM($C${first}:C{r})").number_format = "#,##0"
        ws.cell(r, 7, "Non" if state == "Non retenu" else "Oui")
        ws.cell(r, 8, state)
    others = first + len(BP_PROJECTS)
    ws.cell(others, 2, "Autres propositions faisables (19 projets)")
    ws.cell(others, 4, 242)
    ws.cell(others, 5, f"=D{others}/$D$20").number_format = "0.0%"
    ws.cell(18, 2, "Enveloppe")
    ws.cell(18, 3, 1200000).number_format = "#,##0"
    ws.cell(19, 2, "Coût des projets retenus")
    ws.cell(19, 3, f'=SUMIF(G{first}:G{others - 1},"Oui",C{first}:C{others - 1})')
    ws.cell(20, 2, "Total des voix (un vote par votant)").font = Font(bold=True)
    ws.cell(20, 4, f"=SUM(D{first}:D{others})")
    ws.cell(21, 2, "Projets retenus")
    ws.cell(21, 4, f'=COUNTIF(G{first}:G{others - 1},"Oui")')
    voters = wb.create_sheet("Votants")
    _header(voters, 1, ["Catégorie", "Votants", "Part"], [28, 10, 10])
    data = [
        ("Jeunes femmes", 1817), ("Jeunes hommes", 2313),
        ("16-18 ans", 1402), ("19-24 ans", 1689), ("25-30 ans", 1039),
    ]  # fmt: skip
    for r, (label, value) in enumerate(data, start=2):
        voters.cell(r, 1, label)
        voters.cell(r, 2, value)
        voters.cell(r, 3, f"=B{r}/$B$8").number_format = "0.0%"
    voters.cell(8, 1, "Total des votants").font = Font(bold=True)
    voters.cell(8, 2, "=B2+B3")
    voters.cell(9, 1, "Contrôle (tranches d'âge = total)")
    voters.cell(9, 2, '=IF(SUM(B4:B6)=B8,"OK","ÉCART")')
    _save_workbook(wb, path)


def build_tiznit_note_genre_pdf(path: Path) -> None:
    blocks = [
        _t("Commune de Tiznit — Note genre annexée au budget 2020 (extrait)"),
        _h("1. Objet de la note"),
        _p(
            "Cette note présente, pour trois programmes de dépenses, la répartition "
            "des bénéficiaires par sexe et les réaffectations décidées pour réduire "
            "les écarts. Elle a été examinée par l'Instance de l'équité, de l'égalité "
            "des chances et de l'approche genre le 3 octobre 2019."
        ),
        _h("2. Programme « sport de proximité » : créneaux hebdomadaires"),
        _tbl(
            [
                "Équipement",
                "Créneaux / semaine",
                "Femmes et filles 2017",
                "Femmes et filles 2020",
            ],
            ["Salle couverte municipale", "42", "4", "14"],
            ["Stade municipal", "28", "2", "6"],
            ["Terrain de proximité Al Massira", "21", "5", "7"],
            ["Piscine municipale", "35", "6", "12"],
            ["Total", "126", "17 (13 %)", "39 (31 %)"],
        ),  # fmt: skip
        _h("3. Réaffectations budgétaires (320 000 MAD, 14 % du budget sportif)"),
        _tbl(
            ["Ligne", "Variation (MAD)"],
            ["Subventions aux sections féminines des clubs", "+180 000"],
            ["Encadrement du sport féminin (vacataires)", "+90 000"],
            ["Vestiaires femmes de la salle couverte", "+50 000"],
            ["Subventions aux équipes seniors masculines", "-210 000"],
            ["Organisation de tournois", "-110 000"],
        ),
        _h("4. Éclairage public"),
        _p(
            "Le chemin reliant le quartier Al Massira au stade, emprunté par les "
            "lycéennes pour les entraînements du soir, a été éclairé (26 points "
            "lumineux), à la suite des marches exploratoires menées avec "
            "l'Association Tiwizi des femmes de Tiznit."
        ),
        _h("5. Recommandations pour le budget 2021"),
        _ul(
            "collecter chaque trimestre les données de fréquentation par sexe ;",
            "étendre l'analyse au programme d'action sociale ;",
            "inscrire la note genre dans la circulaire budgétaire interne.",
        ),
    ]
    _write_pdf(path, "Note genre annexée au budget 2020 — Tiznit", blocks)


SIDI_IFNI_RECOMMENDATIONS = [
    ("Publier un calendrier partagé des activités associatives", "Culture",
     "Réalisée (juin 2019)"),
    ("Réviser le règlement d'accès aux salles communales", "Équipements",
     "Réalisée (septembre 2019)"),
    ("Former les trésoriers à la comptabilité associative", "Associations",
     "Réalisée (février 2020)"),
    ("Réserver des créneaux aux associations féminines et de jeunesse",
     "Équipements", "Réalisée (octobre 2019)"),
    ("Créer un guichet unique des associations", "Associations",
     "En cours : agent désigné, local à trouver"),
    ("Publier la liste des subventions et leurs montants", "Finances",
     "En cours : première publication prévue en 2021"),
    ("Aménager un espace de stockage partagé", "Patrimoine",
     "Abandonnée : aucun local disponible"),
    ("Installer une rampe d'accès à la salle polyvalente", "Services techniques",
     "Reportée : budget 2021"),
]  # fmt: skip


def build_sidi_ifni_forum_odt(path: Path) -> None:
    rows = [["N°", "Recommandation", "Service", "Suite donnée (décembre 2020)"]]
    rows += [
        [str(n), rec, service, status]
        for n, (rec, service, status) in enumerate(SIDI_IFNI_RECOMMENDATIONS, start=1)
    ]
    blocks = [
        _t("Forum associatif de Sidi Ifni 2019 — relevé des recommandations"),
        _p(
            "Forum tenu le 20 avril 2019 à la salle polyvalente de Sidi Ifni : 214 "
            "participantes et participants représentant 63 associations (38 % de "
            "femmes). Relevé établi par le Service des affaires culturelles et "
            "associatives et validé par le comité de concertation."
        ),
        _h("Recommandations et suites données"),
        _tbl(*rows),
        _h("Bilan"),
        _p(
            "Quatre recommandations sur huit réalisées, deux en cours, une reportée et "
            "une abandonnée. Les refus et reports sont motivés dans le tableau, "
            "conformément à la charte de partenariat de 2017."
        ),
    ]
    _write_odt(path, "Forum associatif de Sidi Ifni 2019 — recommandations", blocks)


def build_support_formation_pdf(path: Path) -> None:
    slides = [
        ("Monter un projet social et chercher des financements",
         ["Formation de 3 jours (18 h)", "Binômes commune–association",
          "On travaille sur vos projets réels"]),
        ("1. Du problème au projet",
         ["Un problème = des faits chiffrés, pas une opinion",
          "Arbre à problèmes : causes, conséquences",
          "Qui est concerné ? Femmes, hommes, âges, besoins spécifiques"]),
        ("2. Le cadre logique sans jargon",
         ["Objectif général → objectifs spécifiques → résultats → activités",
          "Un indicateur = quoi, combien, quand, mesuré comment",
          "Pas plus de 5 indicateurs"]),
        ("3. Le budget prévisionnel",
         ["Quantité × coût unitaire, ligne par ligne",
          "Cofinancement : commune, association (valorisation), bailleurs",
          "Imprévus : 5 % maximum ; dépenses = ressources"]),
        ("4. Où chercher l'argent ?",
         ["INDH (comités provinciaux), conseils régionaux et provinciaux",
          "Fondations, coopération internationale, diaspora",
          "Lire le règlement deux fois : éligibilité, plafonds, pièces"]),
        ("5. Les erreurs qui font rejeter un dossier",
         ["Pièce administrative manquante (récépissé, PV d'AG, RIB)",
          "Budget déséquilibré ou non détaillé",
          "Objectifs sans chiffres ; publics non ventilés par sexe"]),
    ]  # fmt: skip
    blocks: list[Block] = []
    for i, (title, bullets) in enumerate(slides):
        if i:
            blocks.append(_br())
        blocks += [_t(title), _ul(*bullets)]
    _write_pdf(path, "Support — montage de projets et financements", blocks)


# ========================================================================= registry
ATTACHMENTS: dict[str, Builder] = {
    "files/convention-partenariat-commune-association.docx": build_convention_docx,
    "files/convention-partenariat-commune-association.odt": build_convention_odt,
    "files/convention-partenariat-commune-association-ar.docx": (
        build_convention_ar_docx
    ),
    "files/appel-a-projets-associations.pdf": build_appel_a_projets_pdf,
    "files/appel-a-projets-associations-ar.odt": build_appel_a_projets_ar_odt,
    "files/grille-notation-appel-a-projets.xlsx": build_grille_notation_xlsx,
    "files/fiche-projet.docx": build_fiche_projet_docx,
    "files/fiche-projet.odt": build_fiche_projet_odt,
    "files/budget-previsionnel-projet.xlsx": build_budget_previsionnel_xlsx,
    "files/termes-de-reference-evaluation.pdf": build_tdr_pdf,
    "files/termes-de-reference-evaluation.docx": build_tdr_docx,
    "files/proces-verbal-reunion-concertation.odt": build_pv_odt,
    "files/proces-verbal-reunion-concertation-ar.docx": build_pv_ar_docx,
    "files/rapport-activites-association.docx": build_rapport_activites_docx,
    "files/rapport-activites-association.pdf": build_rapport_activites_pdf,
    "files/charte-participation-citoyenne.odt": build_charte_odt,
    "files/charte-participation-citoyenne.pdf": build_charte_pdf,
    "files/charte-participation-citoyenne-ar.odt": build_charte_ar_odt,
    "files/grille-evaluation-projets.xlsx": build_grille_evaluation_xlsx,
    "files/suivi-participants.xlsx": build_suivi_participants_xlsx,
    "files/tanger-budget-participatif-resultats.xlsx": build_tanger_bp_xlsx,
    "files/tiznit-note-genre-budget.pdf": build_tiznit_note_genre_pdf,
    "files/sidi-ifni-forum-recommandations-2019.odt": build_sidi_ifni_forum_odt,
    "files/support-formation-montage-projets.pdf": build_support_formation_pdf,
}


def generate_demo_files(target_dir: Path) -> list[Path]:
    """Write every demo attachment under ``target_dir/files/``; return the paths.

    Paths in the registry are relative to the JSONL file, so passing the directory
    that holds ``practices.jsonl`` (or a copy of it) makes every attachment path
    resolve.
    """
    target_dir = Path(target_dir)
    (target_dir / "files").mkdir(parents=True, exist_ok=True)
    written = []
    for relative, builder in sorted(ATTACHMENTS.items()):
        path = target_dir / relative
        builder(path)
        written.append(path)
    return written
