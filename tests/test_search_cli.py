"""``newsreader search`` prints ranked hits as JSON lines."""

from __future__ import annotations

import json

import pytest

from tests.support.paths import SEEDS
from tui.cli import main


@pytest.mark.slow
def test_search_prints_ranked_hits_from_the_seeds(capsys):
    code = main(["search", "prigozin", str(SEEDS), "--format", "jsonl", "--limit", "5"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    records = [json.loads(line) for line in out.splitlines()]
    assert 0 < len(records) <= 5
    assert set(records[0]) == {"kind", "article_id", "title", "text", "start", "end", "score"}
    top = records[0]
    assert top["kind"] == "entity" and "Prigozhin" in top["text"]
    assert [r["score"] for r in records] == sorted((r["score"] for r in records), reverse=True)
