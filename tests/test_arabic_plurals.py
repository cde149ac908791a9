"""Arabic plural entries: six forms (nplurals=6: zero, one, two, 3–10, 11–99,
100 and up), written as Arabic writes them.

Forms 1 and 2 stand for exactly one and two: Arabic writes the word alone, in
the singular (« دقيقة واحدة ») or the dual (« دقيقتان », « بعد دقيقتين »), never
beside the number (« بعد 1 دقيقة », « 2 حرفين »). So those forms carry no count
placeholder — except a positional one (%d), which Python's ``%`` formatting
requires; the number then stands on its own (« … عن %d »), never before a noun.
The dual form shows a dual word (ending in ان / ين) unless it keeps that
positional number."""

import re
from pathlib import Path

import polib
from django.conf import settings
from django.utils.translation import ngettext, override

from tests.test_translations import COUNT_NAMES

LETTER = "\u0600-\u06ff"
NAMED = re.compile(r"%\((\w+)\)[sd]")
POSITIONAL_BEFORE_WORD = re.compile(rf"%[sd]\s+[{LETTER}]")
DUAL_WORD = re.compile(rf"[{LETTER}]{{2,}}(?:ان|ين)(?![{LETTER}])")
DIGIT_ONE_OR_TWO = re.compile(r"(?<![\d%])[12](?!\d)")


def plural_entries():
    po = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / "ar/LC_MESSAGES/django.po"))
    return [e for e in po if not e.obsolete and e.msgid_plural]


ENTRIES = plural_entries()


def count_name(entry):
    """The named placeholder that carries the count, if any."""
    names = set(NAMED.findall(entry.msgid_plural)) & COUNT_NAMES
    assert len(names) <= 1, (entry.msgid, names)
    return next(iter(names), None)


def test_there_are_plural_entries():
    assert len(ENTRIES) >= 10


def test_every_plural_entry_has_its_six_forms():
    for entry in ENTRIES:
        forms = [entry.msgstr_plural.get(i, "") for i in range(6)]
        assert all(f.strip() for f in forms), (entry.msgid, forms)
        assert set(entry.msgstr_plural) == set(range(6)), entry.msgid


def test_named_counts_use_a_known_name():
    """A plural string with named placeholders names its count with one of
    COUNT_NAMES, so the rules below (and the placeholder test) can find it."""
    for entry in ENTRIES:
        names = set(NAMED.findall(entry.msgid_plural))
        if names and "%d" not in entry.msgid_plural:
            assert names & COUNT_NAMES, (entry.msgid, names)


def test_one_and_two_are_written_as_words():
    problems = []
    for entry in ENTRIES:
        name = count_name(entry)
        for form in (1, 2):
            text = entry.msgstr_plural[form]
            if name and f"%({name})" in text:
                problems.append((entry.msgid, form, text, "count placeholder"))
            if POSITIONAL_BEFORE_WORD.search(text):
                problems.append((entry.msgid, form, text, "number before a noun"))
            if DIGIT_ONE_OR_TWO.search(text) and not DIGIT_ONE_OR_TWO.search(
                entry.msgid
            ):
                problems.append((entry.msgid, form, text, "digit"))
    assert not problems, problems


def test_the_dual_form_is_a_dual():
    wrong = [
        (e.msgid, e.msgstr_plural[2])
        for e in ENTRIES
        if not DUAL_WORD.search(e.msgstr_plural[2]) and "%d" not in e.msgstr_plural[2]
    ]
    assert not wrong, wrong


def test_lockout_minutes_read_naturally():
    """The lockout page's « in N minutes »: one, two, three, eleven."""
    msgid = "Vous pourrez réessayer dans %(minutes)s minute."
    plural = "Vous pourrez réessayer dans %(minutes)s minutes."
    with override("ar"):
        said = {
            n: ngettext(msgid, plural, n) % {"minutes": n} for n in (1, 2, 3, 11, 100)
        }
    assert "بعد دقيقة واحدة" in said[1]
    assert "بعد دقيقتين" in said[2]
    assert "3 دقائق" in said[3]
    assert "11 دقيقة" in said[11]
    assert "100 دقيقة" in said[100]
