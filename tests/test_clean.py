"""Cleaning: every offset downstream indexes clean_text's output, so what it
keeps, drops and folds must be exactly what the reader is meant to see."""

from __future__ import annotations

import pytest

from core.ingest.clean import clean_line, clean_text, split_title


def test_crlf_and_lone_cr_become_newlines():
    assert clean_text("one\r\ntwo\rthree\n") == "one\ntwo\nthree"


def test_unicode_line_and_paragraph_separators_become_newlines():
    assert clean_text("a\u2028b\u2029c") == "a\nb\n\nc"


def test_control_characters_are_removed():
    raw = "be\x00ll\x07 back\x08space fo\x0crm\x7f c1\x85\x9f end\x1b"
    assert clean_text(raw) == "bell backspace form c1 end"


@pytest.mark.parametrize(
    "raw",
    [
        "\x1b[31mred\x1b[0m text",  # SGR colour
        "\x1b[1;32;40mred\x1b[m text",  # several parameters, bare reset
        "\x1b[2J\x1b[Hred text",  # clear screen, cursor home
        "\x1b]0;window title\x07red text",  # OSC title ended by BEL
        "\x1b]8;;https://evil.example\x1b\\red\x1b]8;;\x1b\\ text",  # OSC 8 hyperlink, ST ends
        "\x1bcred text",  # full reset (two-byte escape)
        "\x1b7red\x1b8 text",  # save and restore cursor
        "\x1b(B\x1b[mred text",  # what `tput sgr0` prints
    ],
)
def test_ansi_escape_sequences_are_removed_whole(raw):
    # Stripping only ESC would leave "[31m" and the like in the article.
    assert clean_text(raw) == "red text"


@pytest.mark.parametrize(
    "mark",
    ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f"],
)
def test_bidi_controls_are_removed(mark):
    assert clean_text(f"pay{mark}1000 euros") == "pay1000 euros"


def test_zero_width_space_and_bom_removed_but_joiner_kept():
    # U+200D joins emoji sequences; removing it would split a family into people.
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clean_text(f"\ufeffzero\u200bwidth {family}") == f"zerowidth {family}"


def test_odd_spaces_fold_and_lines_are_trimmed():
    assert clean_text("  a\t\tb\u00a0c\u2009d\u3000e   \n") == "a b c d e"


def test_runs_of_blank_lines_fold_to_one_blank_line():
    raw = "\n\n\nPara one.\n\n\n\n\nPara two.\n   \n\t\n\nPara three.\n\n\n"
    assert clean_text(raw) == "Para one.\n\nPara two.\n\nPara three."


def test_single_newlines_inside_a_paragraph_are_kept():
    assert clean_text("line one\nline two") == "line one\nline two"


def test_text_is_nfc_normalised():
    # "e" + combining acute must be one character so offsets match what is drawn.
    assert clean_text("Zoe\u0301") == "Zo\u00e9"


@pytest.mark.parametrize(
    "junk",
    [
        "Related Articles",
        "Back to top button",
        "Share this article",
        "Subscribe to our newsletter",
        "RELATED STORIES",
        "Advertisement",
        "Comments (12)",
        "Tags: politics, Bristol",
        "You may also like",
        "Follow us on Facebook",
    ],
)
def test_trailing_junk_line_is_cut(junk):
    assert clean_text(f"Title\n\nThe last real paragraph.\n\n{junk}\n") == ("Title\n\nThe last real paragraph.")


def test_a_run_of_trailing_junk_with_blanks_is_cut_entirely():
    raw = (
        "The last real paragraph.\n\nShare this article\nFacebook\nTwitter\n\n"
        "Related Articles\n\nSubscribe to our newsletter\nBack to top button\n\n"
    )
    assert clean_text(raw) == "The last real paragraph."


def test_junk_lines_inside_the_article_are_kept():
    raw = "Share this article\n\nRelated Articles\n\nThe body goes on.\n\nSubscribe to our newsletter\n\nAnd ends here."
    assert clean_text(raw) == raw


def test_sentences_that_merely_start_like_junk_are_kept_at_the_end():
    for ending in (
        "Share prices fell 3 per cent on Friday.",
        "More than 300 people attended.",
        "Subscribers will be refunded.",
        "Related articles were withdrawn by the journal.",
    ):
        assert clean_text(f"Body.\n\n{ending}") == f"Body.\n\n{ending}"


def test_clean_line_flattens_to_one_line():
    assert clean_line("  A\ttitle\r\nover\x1b[1m two\u202e lines \n") == "A title over two lines"


def test_split_title_takes_first_non_empty_line():
    title, body = split_title("\r\n\n   Budget row [updated]  \n\n\nFirst para.\n\n\nSecond para.\n")
    assert title == "Budget row [updated]"
    assert body == "First para.\n\nSecond para."


def test_split_title_with_title_only():
    assert split_title("Just a title\n\n") == ("Just a title", "")


def test_split_title_of_empty_or_blank_text():
    assert split_title("") == ("", "")
    assert split_title(" \n\t\n\x00\n") == ("", "")


def test_split_title_body_is_stable_under_recleaning():
    # The body is what offsets index: cleaning it again must not shift anything.
    _, body = split_title("T\n\n\x1b[1mA\u00a0 b\x00c\r\n\r\n\r\nd\n\nShare this article\n")
    assert body == "A bc\n\nd"
    assert clean_text(body) == body


def test_clean_line_keeps_words_that_look_like_page_junk():
    assert clean_line("Title\nmore") == "Title more"
    assert clean_line("Share") == "Share"
