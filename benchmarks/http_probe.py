"""Single requests of the serving benchmark: checking an answer before a
scenario is measured, and logging a member in through the real login form.

Every request says it came through an HTTPS proxy (X-Forwarded-Proto, which
gunicorn and the production settings believe from the loopback): otherwise
production answers 301 to https://. Cookies are handled by hand because they
are marked Secure and the connection itself is plain HTTP, where a cookie jar
would keep them back.
"""

import http.client
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def request(base_url, path, method="GET", headers=None, body=None):
    """(status, response headers, body) of one request."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request(
            method, path, body=body, headers={**PROXY_HEADERS, **(headers or {})}
        )
        response = connection.getresponse()
        return response.status, response.msg, response.read()
    finally:
        connection.close()


def cookies_of(headers):
    """{name: value} from a response's Set-Cookie headers."""
    jar = SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        jar.load(value)
    return {name: morsel.value for name, morsel in jar.items()}


def cookie_header(cookies):
    return "; ".join(f"{name}={value}" for name, value in sorted(cookies.items()))


class LoginFailed(RuntimeError):
    pass


def log_in(base_url, login_path, username, password):
    """Log in as a browser does (the form's CSRF token and cookie, an Origin of
    the site over https) and return the Cookie header value of the session."""
    status, headers, page = request(base_url, login_path)
    token = CSRF_FIELD.search(page)
    if status != 200 or token is None:
        raise LoginFailed(f"GET {login_path}: {status}, no form with a CSRF token")
    cookies = cookies_of(headers)
    origin = "https://" + urlsplit(base_url).netloc
    status, headers, _ = request(
        base_url,
        login_path,
        method="POST",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie_header(cookies),
            "Origin": origin,
            "Referer": origin + login_path,
        },
        body=urlencode(
            {
                "csrfmiddlewaretoken": token.group(1).decode(),
                "username": username,
                "password": password,
            }
        ),
    )
    cookies.update(cookies_of(headers))
    if status != 302 or "sessionid" not in cookies:
        raise LoginFailed(f"POST {login_path} as {username}: {status}, no session")
    return cookie_header(cookies)
