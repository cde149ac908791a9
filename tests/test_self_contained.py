"""A fresh clone stands alone (issue #9, item 12): the tests, benchmarks, CI
scripts and Makefile read only files of the repository, never a sibling folder
(``../shared``) that a clone does not have.

A cheap textual check, so that a path climbing out of the repository is caught
in review rather than on the first machine that lacks the folder.
"""

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHECKED = ["tests", "benchmarks", ".ci", "Makefile", "pyproject.toml"]
# Folders that hold code too: a sibling folder must not be read from there either.
APPS = ["hub", "programme", "documents", "practices", "search", "home"]
TEXT_SUFFIXES = {"", ".py", ".sh", ".toml", ".cfg", ".ini", ".json", ".txt"}

# Written in pieces so that this file does not match its own patterns.
SIBLING = re.compile(
    "|".join([r"\.\./" + "shared", r"(?<![\w/])" + "shared/search", "/work" + "/"])
)
PARENTS = re.compile(r"\.parents\[(\d+)\]")
PARENT_CHAIN = re.compile(r"__file__\)(?:\.resolve\(\))?((?:\.parent)+)\b")
SHELL_CLIMB = re.compile(r"\$\(dirname [^)]*\)/\.\./\.\.")
MAKE_CLIMB = re.compile(r"\.\./")


def files(names):
    for name in names:
        path = REPO / name
        candidates = [path] if path.is_file() else sorted(path.rglob("*"))
        for candidate in candidates:
            if (
                candidate.is_file()
                and candidate.suffix in TEXT_SUFFIXES
                and "__pycache__" not in candidate.parts
                # npm's packages (.ci/lighthouse): installed, not ours
                and "node_modules" not in candidate.parts
                and candidate != Path(__file__).resolve()
            ):
                yield candidate


def outside_references(path):
    """(line number, line) of every reference to a path outside the repository."""
    relative = path.relative_to(REPO)
    # Path(__file__).parents[k] is the repository's root for k = depth - 1.
    depth = len(relative.parts) - 1
    found = []
    for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
        climbs = [int(k) > depth for k in PARENTS.findall(line)]
        climbs += [g.count(".parent") > depth + 1 for g in PARENT_CHAIN.findall(line)]
        if (
            SIBLING.search(line)
            or any(climbs)
            or SHELL_CLIMB.search(line)
            or (relative.name == "Makefile" and MAKE_CLIMB.search(line))
        ):
            found.append((number, line.strip()))
    return found


@pytest.mark.parametrize("names", [CHECKED, APPS], ids=["tests-and-tools", "apps"])
def test_no_file_reads_outside_the_repository(names):
    problems = {
        str(path.relative_to(REPO)): refs
        for path in files(names)
        if (refs := outside_references(path))
    }
    assert problems == {}


def test_the_search_contract_is_in_the_repository():
    """The French+Arabic cases every search lane tests are the repository's."""
    assert (REPO / "tests/data/fr_ar_cases.json").is_file()


@pytest.mark.parametrize(
    "line",
    [
        'json.loads((Path(__file__).resolve().parents[2] / "x.json").read_text())',
        'shared = root.parent / "' + "shared/search/fr_ar_cases.json" + '"',
        'open("../' + 'shared/cases.json")',
        "ROOT = Path(__file__).resolve().parent.parent.parent",
    ],
)
def test_the_check_catches_a_path_outside(tmp_path, line, monkeypatch):
    """The patterns do find what they are for (from a file in tests/)."""
    monkeypatch.setattr(f"{__name__}.REPO", tmp_path)
    path = tmp_path / "tests/test_x.py"
    path.parent.mkdir()
    path.write_text(line + "\n")
    assert outside_references(path) == [(1, line)]
