"""``hub.text``: plain text as paragraphs, as HTML and as paragraph blocks;
capped joins. (The sanitiser's allow-list: test_hostile_markup.)"""

from hub.text import join_capped, paragraph_blocks, paragraphs, plain_text_to_html


def test_paragraphs_split_on_blank_lines_whatever_the_newlines():
    text = "Un\r\ndeux\r\n\r\ntrois\r \r\n\n  quatre  \n\n\n"
    assert paragraphs(text) == ["Un\ndeux", "trois", "quatre"]
    assert paragraphs(None) == paragraphs("  \n ") == []


def test_plain_text_is_escaped_and_keeps_its_line_breaks():
    assert plain_text_to_html("a < b\n  c & d \n\nfin") == (
        "<p>a &lt; b<br>c &amp; d</p><p>fin</p>"
    )
    assert plain_text_to_html("") == plain_text_to_html(None) == ""


def test_markup_is_text_unless_html_may_pass():
    text = ' <p onclick="x()">Un <b>grand</b> succès</p><script>alert(1)</script>'
    assert plain_text_to_html(text).startswith("<p>&lt;p onclick=")
    assert plain_text_to_html(text, html_passes=True) == (
        " <p>Un <b>grand</b> succès</p>"
    )
    assert plain_text_to_html("Un <b>", html_passes=True) == "<p>Un &lt;b&gt;</p>"


def test_paragraph_blocks_one_per_paragraph():
    blocks = paragraph_blocks("Un\n\nDeux\ntrois")
    assert [(kind, value.source) for kind, value in blocks] == [
        ("paragraph", "<p>Un</p>"),
        ("paragraph", "<p>Deux<br>trois</p>"),
    ]


def test_join_capped_reads_no_further_than_the_limit():
    read = []

    def pieces():
        for piece in ["abc", "  ", None, "defg", "hij"]:
            read.append(piece)
            yield piece

    assert join_capped(pieces(), 6) == "abc\nde"
    assert read == ["abc", "  ", None, "defg"]
    assert join_capped(["a", "", "b"], 100) == "a\nb"
