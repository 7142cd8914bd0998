"""The reader styles each line with exactly the mentions that touch it: one that
runs across a line break is marked on both lines, and mentions far down a long
article are found without walking every mention before them."""

from __future__ import annotations

from textual.app import App, ComposeResult

from widgets.marks import EntityMark, ReaderDocument
from widgets.reader import ReaderView


class ReaderApp(App):
    def compose(self) -> ComposeResult:
        yield ReaderView(id="reader")


def touching(marks: tuple[EntityMark, ...], start: int, end: int) -> list[tuple[int, int]]:
    return [(mark.start, mark.end) for mark in marks if mark.start < end and mark.end > start]


async def test_each_line_is_styled_with_the_mentions_that_touch_it() -> None:
    text = " ".join(f"Ada Lovelace met the Royal Society of London in year {n}." for n in range(60))
    marks = []
    for n, at in enumerate(range(0, len(text), 59)):
        marks.append(EntityMark(at, at + 12, "PERSON", n))
        society = text.index("Royal Society of London", at)
        marks.append(EntityMark(society, society + 23, "ORG", 1000 + n))
    marks.append(EntityMark(5, len(text) // 2, "GPE", 9999))  # a long one reaching far down
    document = ReaderDocument("Title", "", text, tuple(sorted(marks, key=lambda mark: mark.start)))
    app = ReaderApp()
    async with app.run_test(size=(50, 20)) as pilot:
        reader = app.query_one(ReaderView)
        reader.show(document)
        await pilot.pause()
        body = [(start, end) for role, start, end in reader._lines if role == "text"]
        assert any(start < mark.start < end < mark.end for mark in marks[:-1] for start, end in body), "none crosses"
        for start, end in body:
            found = [(s, e) for s, e, _ in reader._layers_between(reader._page(), start, end)]
            assert sorted(found) == sorted(touching(document.entities, start, end))
