"""The app's keys: its bindings, and the groups the help screen lists (widgets bind their own
keys; every key any of them knows is listed here for the help). The README's table follows it by hand."""

from __future__ import annotations

from textual.binding import Binding

from widgets.categories import CATEGORIES

APP_BINDINGS = [
    Binding("q", "quit", "Quit"),
    Binding("question_mark", "help", "Help"),
    Binding("slash", "search", "Search"),  # also taken before the keys queued behind it: ``NewsReader.on_event``
    Binding("e", "people", "People"),
    Binding("left_square_bracket", "toggle_list", "Articles", show=False),
    Binding("right_square_bracket", "toggle_panel", "Quotes", show=False),
    Binding("z", "whole_width", "Wide", show=False),
    Binding("escape", "clear", "Clear", show=False),
    Binding("b", "bookmark", "Bookmark"),
    Binding("B", "bookmarks_only", "Bookmarks", show=False),
    Binding("u", "toggle_read", "Read/unread", show=False),
    Binding("o", "open_url", "Open in browser", show=False),
    Binding("y", "copy_url", "Copy link", show=False),
    Binding("exclamation_mark", "unreadable", "Unreadable inputs", show=False),
    *(
        Binding(str(number), f"toggle_category('{category}')", f"Toggle {name}", show=False)
        for number, (category, name, _) in enumerate(CATEGORIES, 1)
    ),
    Binding("0", "toggle_all", "All highlights", show=False),
]

KEY_GROUPS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Everywhere",
        [
            ("tab / shift+tab", "next / previous pane"),
            ("/", "search everything loaded"),
            ("e", "people and organisations in all articles"),
            ("? / !", "this help / every input that could not be read, and why"),
            ("ctrl+p", "command palette (open an article, toggle highlights, themes…)"),
            (
                "1–7",
                "toggle highlighting of " + ", ".join(f"{n} {name}" for n, (_, name, _) in enumerate(CATEGORIES, 1)),
            ),
            ("0", "all highlighting on (off, when all are on)"),
            ("escape", "close search or dialog; clear marks and selection"),
            ("b", "bookmark the article (★ in the list); B shows bookmarks only"),
            ("u", "mark the article read / unread (• marks unread)"),
            ("o / y", "open the article's web address in the browser / copy it"),
            ("q", "quit"),
        ],
    ),
    (
        "Article list",
        [
            ("j / k, ↓ / ↑", "next / previous article"),
            ("g / G, home / end", "first / last article"),
            ("pgdn / pgup", "a page down / up"),
            ("enter, click", "read the article"),
        ],
    ),
    (
        "Reader",
        [
            ("j / k, ↓ / ↑", "scroll a line"),
            ("space / shift+space, pgdn / pgup", "scroll a page"),
            ("g / G", "top / bottom"),
            ("n / N", "next / previous entity; every mention of it is marked"),
            ("enter", "the selected entity's page: its articles, quotes, what others said"),
            ("click", "select the entity under the mouse"),
        ],
    ),
    (
        "Quotes and sources",
        [
            ("j / k, ↓ / ↑", "move"),
            ("enter, click", "show the quote in the reader (quote, cue and speaker marked); open / close a source"),
            ("s", "group by source / list in order"),
            ("a", "the source's page: everything it said, in every loaded article"),
        ],
    ),
    (
        "People and organisations (e)",
        [
            ("type", "filter by name: typos and initials work"),
            ("1–7 / 0", "only these kinds (as the legend numbers them) / every kind"),
            ("↓ / ↑, enter", "move; the entity's page"),
            ("enter on a page's line", "open the article there; another entity's page"),
            ("escape", "back"),
        ],
    ),
    (
        "Search",
        [
            ("type", "results as you type; the article list filters too"),
            ("↓, enter", "go to the results; open the article at the match"),
            ("escape", "close the search and clear the filter"),
            ("words", "any order, typos forgiven, initials (vp: Vladimir Putin)"),
            ("'word ^word word$ !word", "exact word, starts with, ends with, leave out"),
            ("a | b", "either a or b"),
            ("@ e: s: q: t: x:", "first, to search only names, sources, quotes, titles or text"),
            ("@ alone", "every person and organisation, most written about first"),
        ],
    ),
    (
        "Room to read (small terminals)",
        [
            ("[ / ]", "hide / show the article list / the quotes and sources panel"),
            ("z", "the reader alone, the whole width (again: every pane back)"),
        ],
    ),
]
