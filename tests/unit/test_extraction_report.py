"""`wirehouse extract --format table`: readable sections per field kind, wrapped, with no Python reprs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tasks.core.extraction_report import report_file

PASSAGE = (
    "Flooding in the north\n\n"
    "At least 14 people were killed and 30 others injured when floods swept through villages near Lyon on "
    "Tuesday, the regional prefecture said. Police arrested two men suspected of looting abandoned shops in the "
    "town centre, according to a statement released by the interior ministry late on Wednesday evening.\n"
)


def test_table_format_is_one_readable_section_per_field_kind(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(PASSAGE)
    text = report_file(path, fmt="table", reference_date=dt.date(2026, 3, 5), width=72)
    lines = text.splitlines()
    for heading in ("Figures", "Counts (", "Places (", "People and organisations", "Dates (", "Event types"):
        assert any(line.startswith(heading) for line in lines), f"no {heading!r} section:\n{text}"
    assert max(len(line) for line in lines) <= 72, text
    for repr_marker in ("{'", "'}", "None", "[(", "Count(", "datetime."):
        assert repr_marker not in text, f"a Python repr ({repr_marker}) in:\n{text}"
    assert "killed" in text and "14" in text
    assert any(line.startswith("      ") for line in lines), "long items are not wrapped with an indent"
