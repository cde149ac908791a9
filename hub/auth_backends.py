"""Login throttling (django-axes) for every login form, not for code.

Axes' backend refuses an ``authenticate()`` call that carries no request: it
cannot tell which address is guessing. Every login *form* passes its request
(Wagtail's admin login, Django's ``LoginView`` for members); a call without one
comes from code (the test client's ``login()``, a management command), which
no attacker reaches. This backend lets those through to the next backend
instead of failing them, and throttles everything else as axes does.
https://django-axes.readthedocs.io/en/latest/3_usage.html
"""

from axes.backends import AxesStandaloneBackend


class LoginThrottlingBackend(AxesStandaloneBackend):
    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
