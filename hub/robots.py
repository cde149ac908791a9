"""``/robots.txt``: crawlers may read every public page and are pointed at the
sitemap; they are kept out of what is one person's (sign-in and the account,
the share and adapt forms, password forms) and of the admin. The search stays
open: a result page names its canonical address, and a blocked page fails
Lighthouse's « page is crawlable » audit (the phone scores the matrix keeps)."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

# Below each language's prefix (/fr/…, /ar/…).
PRIVATE_PER_LANGUAGE = ("compte/", "partager/", "adapter/", "_util/")
PRIVATE = ("/admin/", "/documents/authenticate_with_password/")


@require_GET
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in PRIVATE]
    for code, _name in settings.LANGUAGES:
        lines += [f"Disallow: /{code}/{path}" for path in PRIVATE_PER_LANGUAGE]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
