"""Every table a page shows sits in a card that scrolls sideways (`.table-wrap`), so a wide table never
pushes a phone's page past the screen; the PDF templates, printed on paper, are the exception."""

import re
from pathlib import Path

import lvxie

SRC = Path(lvxie.__file__).parent
PRINTED = {"core/pdf_table.html", "party/report_pdf.html"}


def _outer_tables_unwrapped(html: str) -> int:
    """Outermost <table> elements not opened right after a `table-wrap` div."""
    unwrapped, depth = 0, 0
    for match in re.finditer(r"<table\b|</table>", html):
        if match.group() == "</table>":
            depth -= 1
            continue
        if depth == 0 and not re.search(r'<div class="table-wrap">\s*$', html[: match.start()]):
            unwrapped += 1
        depth += 1
    return unwrapped


def test_every_table_on_a_page_scrolls_inside_its_card():
    templates = [p for p in SRC.rglob("templates/**/*.html") if "<table" in p.read_text(encoding="utf-8")]
    assert len(templates) > 10
    unwrapped = [
        name
        for p in templates
        if (name := p.as_posix().split("/templates/", 1)[1]) not in PRINTED
        and _outer_tables_unwrapped(p.read_text(encoding="utf-8"))
    ]
    assert unwrapped == []
