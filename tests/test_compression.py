"""HTML pages and API answers travel gzipped to browsers that accept it; files
never do (hub/compression.py)."""

import gzip

import pytest

from tests.factories import HubDocumentFactory, PracticePageFactory, TemplatePageFactory

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
PDF = b"%PDF-1.4\n" + b"0123456789" * 300 + b"\n%%EOF\n"


def unzipped(response):
    return gzip.decompress(response.content)


@pytest.mark.django_db
def test_a_practice_page_is_gzipped_and_unchanged_once_unzipped(client):
    page = PracticePageFactory(title="Budget participatif des jeunes")
    plain = client.get(page.url)
    zipped = client.get(page.url, **GZIP)
    assert plain.status_code == zipped.status_code == 200
    assert "Content-Encoding" not in plain
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert len(zipped.content) < len(plain.content) / 2
    html = unzipped(zipped).decode()
    assert "Budget participatif des jeunes" in html
    # The page's own headers survive (its policy, its type).
    assert zipped["Content-Type"].startswith("text/html")
    assert "Content-Security-Policy" in zipped


@pytest.mark.django_db
def test_the_search_api_is_gzipped(client):
    PracticePageFactory(title="Budget participatif", summary="budget " * 40)
    response = client.get("/api/search/", {"q": "budget", "lang": "fr"}, **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert b'"count"' in unzipped(response)


@pytest.mark.django_db
def test_a_document_download_is_never_recompressed(client):
    document = HubDocumentFactory(file__filename="convention.pdf", file__data=PDF)
    TemplatePageFactory(attachments=[document])
    url = document.versions.get().url
    whole = client.get(url, **GZIP)
    assert whole.status_code == 200
    assert "Content-Encoding" not in whole
    assert b"".join(whole.streaming_content) == PDF
    part = client.get(url, HTTP_RANGE="bytes=0-9", **GZIP)
    assert part.status_code == 206
    assert "Content-Encoding" not in part
    assert b"".join(part.streaming_content) == PDF[:10]


def test_probes_are_too_small_to_compress(client):
    response = client.get("/healthz", **GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
