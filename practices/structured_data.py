"""schema.org descriptions of the hub's pages, as JSON-LD (hub/templatetags/
page_meta.py renders them): what search engines and other hubs read of a fiche.

A practice is an ``Article`` — a ``HowTo`` when its story is told as steps,
which are then its ``HowToStep``s; a document template a ``CreativeWork`` of its
kind; a training module a ``Course`` whose sessions are its syllabus. Only what
every reader of the page sees: no attached files (a viewer-dependent list) and
nothing from another page.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

CONTEXT = "https://schema.org"


def describe(page, request, themes=None):
    """``themes``: the page's themes if the view read them already."""
    kind = page.specific_class._meta.model_name
    data = {
        "@context": CONTEXT,
        "@type": "CreativeWork",
        "name": page.title,
        "description": page.summary,
        # The page's language: Wagtail serves a page in its locale's (routing).
        "inLanguage": get_language(),
        "url": page.get_full_url(request),
        "datePublished": page.first_published_at,
        "dateModified": page.last_published_at,
        "isPartOf": {"@type": "WebSite", "name": "Passerelle"},
        "about": [
            theme.name for theme in (page.themes.all() if themes is None else themes)
        ],
        "keywords": ", ".join(tag.name for tag in page.tags.all()),
    }
    publics = getattr(page, "target_publics", None)
    if publics is not None:
        data["audience"] = [
            {"@type": "Audience", "audienceType": public.name}
            for public in publics.all()
        ]
    describe_kind = {
        "practicepage": _practice,
        "templatepage": _template,
        "trainingpage": _training,
    }.get(kind)
    if describe_kind:
        describe_kind(page, data)
    return {key: value for key, value in data.items() if value not in ("", [], None)}


def _practice(page, data):
    steps = [block.value for block in page.body if block.block_type == "step"]
    data["@type"] = "HowTo" if steps else "Article"
    data["headline"] = page.title[:110]  # what Google reads of a headline
    if steps:
        data["step"] = [
            {
                "@type": "HowToStep",
                "position": number,
                "name": step["title"],
                "text": step["description"] or step["title"],
            }
            for number, step in enumerate(steps, start=1)
        ]
    if page.commune:
        data["author"] = data["spatialCoverage"] = _commune(page.commune)
    else:
        data["author"] = _programme()


def _template(page, data):
    if page.kind:
        data["genre"] = page.kind.name
    data["author"] = _programme()


def _training(page, data):
    data["@type"] = "Course"
    data["provider"] = _programme()
    data["coursePrerequisites"] = page.prerequisites
    data["syllabusSections"] = [
        {
            "@type": "Syllabus",
            "name": block.value["title"],
            "description": block.value["description"],
        }
        for block in page.sessions
        if block.block_type == "session"
    ]


def _commune(commune):
    place = {"@type": "GovernmentOrganization", "name": commune.name}
    if commune.latitude is not None and commune.longitude is not None:
        place["location"] = {
            "@type": "Place",
            "name": commune.name,
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": float(commune.latitude),
                "longitude": float(commune.longitude),
            },
        }
    return place


def _programme():
    return {
        "@type": "Organization",
        "name": _("Programme belgo-marocain de coopération intercommunale"),
    }
