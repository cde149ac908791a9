"""Phone-first pages (issue #13), measured in Debian's Chromium: for every page
type, in French and Arabic, at 390×844 and 1280×900 — sideways overflow (px),
axe-core violations (all impacts), the header's share of the first screen, how
far down the first search result is and how many Tab presses after the skip
link reach it, and the bytes transferred.

    python -m benchmarks.phone_pages [--baseline COMMIT] [--lighthouse]

Each side is the demo built by its own code and served by gunicorn under
production settings over plain HTTP (tests/browser_site.py); ``--baseline``
builds an older commit beside this checkout (a git worktree) and prints both
side by side. ``--lighthouse`` adds Lighthouse's phone scores (home, practice,
search) from .ci/lighthouse (``npm ci --prefix .ci/lighthouse``);
``--screenshots docs/screenshots`` saves the first screen of the main pages
(the README shows them). Prints; asserts nothing.
"""

import argparse
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from benchmarks.serve_sides import REPO, add_worktree, commit_of, remove_worktree
from tests import page_tour
from tests.browser_site import DEMO_PASSWORD, start_demo_site
from tests.lighthouse import LIGHTHOUSE_PAGES, lighthouse_scores
from tests.page_tour import EDITOR, PUBLIC, RESULT

CHROMIUM = "/usr/bin/chromium"


def measure_page(page, name):
    row = {
        "overflow": page_tour.overflow(page),
        "axe": len(page_tour.axe_violations(page)),
        "header %": page_tour.header_share(page),
        "KB": round(page_tour.page_weight(page) / 1024, 1),
    }
    if name == "search":
        row["result y"] = page_tour.top_of(page, RESULT)
        row["tabs"] = page_tour.tabs_to(page, RESULT)
    return row


SCREENSHOT_PAGES = ("home", "practice-index-filtered", "practice", "search")


def tour(site, browser, screenshots=None):
    """{(lang, viewport, page): {figure: value}} for one side; the first screen
    of the main pages saved as JPEG in ``screenshots`` when given."""
    rows = {}
    for lang in ("fr", "ar"):
        for viewport_name, viewport in page_tour.VIEWPORTS.items():
            for name in PUBLIC:
                path = site.paths[lang].get(name)
                if not path:
                    continue
                context = browser.new_context(viewport=viewport, locale=lang)
                page = context.new_page()
                page.goto(site.url(path))
                if screenshots and name in SCREENSHOT_PAGES:  # before any Tab
                    shot = screenshots / f"{name}-{lang}-{viewport_name}.jpg"
                    page.screenshot(path=shot, type="jpeg", quality=70)
                rows[(lang, viewport_name, name)] = measure_page(page, name)
                context.close()
            context = browser.new_context(viewport=viewport, locale=lang)
            page = context.new_page()
            page_tour.log_in(page, site.base_url, lang, EDITOR, DEMO_PASSWORD)
            page_tour.submit_share_form_empty(page, site.base_url, lang)
            rows[(lang, viewport_name, "share-errors")] = measure_page(page, "share")
            for name, path in site.paths["admin"].items():
                page.goto(site.url(path))
                rows[(lang, viewport_name, f"admin-{name}")] = measure_page(page, name)
            context.close()
    return rows


FIGURES = ["overflow", "axe", "header %", "result y", "tabs", "KB"]


def table(sides):
    """The figures of every side, side by side (baseline → HEAD) per page."""
    names = list(sides)
    keys = list(dict.fromkeys(k for rows in sides.values() for k in rows))
    lines = [
        f"{'lang':4} {'viewport':8} {'page':24} "
        + " ".join(f"{f:>19}" for f in FIGURES),
        " " * 39 + " ".join(f"{' → '.join(names):>19}" for _ in FIGURES),
    ]
    for key in keys:
        cells = []
        for figure in FIGURES:
            values = [sides[n].get(key, {}).get(figure, "") for n in names]
            cells.append(f"{' → '.join(str(v) for v in values):>19}")
        lines.append(f"{key[0]:4} {key[1]:8} {key[2]:24} " + " ".join(cells))
    return lines


def say(line):
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", help="an older commit, measured beside HEAD")
    parser.add_argument("--lighthouse", action="store_true")
    parser.add_argument(
        "--screenshots", type=Path, help="save HEAD's main pages here (README)"
    )
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    sides, scores = {}, {}
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        roots = {}
        if args.baseline:
            old = Path(tmp) / "baseline"
            roots[add_worktree(args.baseline, old)] = old
            stack.callback(remove_worktree, old)
        roots[commit_of(REPO)] = REPO
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for commit, root in roots.items():
            say(f"building and serving {commit}…")
            site = start_demo_site(
                stack, Path(tmp) / commit, sys.executable, root=root, name=commit
            )
            shots = args.screenshots if root == REPO else None
            sides[commit] = tour(site, browser, shots)
            if args.lighthouse:
                scores[commit] = {
                    (lang, name): lighthouse_scores(site.url(site.paths[lang][name]))
                    for lang in ("fr", "ar")
                    for name in LIGHTHOUSE_PAGES
                }
        browser.close()
    for line in table(sides):
        say(line)
    for commit, by_page in scores.items():
        say(f"\nLighthouse (phone), {commit}")
        for (lang, name), score in by_page.items():
            figures = "  ".join(f"{k} {v}" for k, v in score.items())
            say(f"  {lang} {name:10} {figures}")


if __name__ == "__main__":
    main()
