"""Where the project's files are, for tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_e39006ab1be085a9.txt"
