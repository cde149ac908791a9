"""A page's markup parsed for assertions, after checking its status."""

from bs4 import BeautifulSoup


def parsed(response, status=200):
    assert response.status_code == status
    return BeautifulSoup(response.content.decode(), "html.parser")
