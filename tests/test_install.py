"""The install as a new user does it: a fresh venv with Python 3.11's own pip (no upgrade),
``pip install .``, then an HTML page analysed. Old pip does not install trafilatura's
``lxml[html_clean]`` extra, so this fails unless every run-time dependency is declared."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.paths import ROOT

PAGE = """<html><head><title>Harbour ferry saved</title></head><body><nav>Home · News</nav>
<article><h1>Harbour ferry saved</h1>
<p>“We will keep the boats running,” said Aisha Okonjo, the transport lead of Bristol City Council.</p>
<p>The plan costs £2.4 million, according to the council’s finance department, and starts in spring.</p>
<p>Crews met on Tuesday to plan the winter timetable and the repairs the older boats need.</p>
</article><footer>Share this</footer></body></html>"""


@pytest.mark.slow
def test_pip_install_with_the_bundled_pip_then_an_html_page_is_analysed(tmp_path: Path) -> None:
    python = shutil.which("python3.11")
    if python is None:
        pytest.skip("no python3.11 on this machine")
    # A copy of the checkout, so pip's in-tree build leaves nothing in the real one.
    source = tmp_path / "src"
    shutil.copytree(
        ROOT, source, ignore=shutil.ignore_patterns(".*", "build", "*.egg-info", "__pycache__", "tests", "bench")
    )
    venv = tmp_path / "venv"
    subprocess.run([python, "-m", "venv", str(venv)], check=True, timeout=300)
    pip = subprocess.run([venv / "bin/python", "-m", "pip", "--version"], capture_output=True, text=True, check=True)
    installed = subprocess.run(
        [venv / "bin/python", "-m", "pip", "install", "--quiet", str(source)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert installed.returncode == 0, f"{pip.stdout}{installed.stderr}"
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": ""}
    done = subprocess.run(
        [venv / "bin/newsreader", "analyze", "--no-cache", str(page)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
        env=env,
    )
    assert (done.returncode, done.stderr) == (0, "")
    [record] = [json.loads(line) for line in done.stdout.splitlines()]
    assert record["title"] == "Harbour ferry saved"
    assert any(entity["text"] == "Aisha Okonjo" for entity in record["entities"])
