"""The progress display of import_wordpress: counts, a bar and an estimate on stderr."""

import io

from wordpress.importer import Report
from wordpress.management.commands import import_wordpress


def test_progress_shows_counts_a_bar_and_the_time_left(monkeypatch):
    clock = iter([100.0, 160.0, 220.0])
    monkeypatch.setattr(import_wordpress.time, "monotonic", lambda: next(clock))
    stream = io.StringIO()  # not a terminal: one line each time
    progress = import_wordpress.Progress(stream, interval=0)
    report = Report(created=240, updated=10, unchanged=0)

    progress("import", 0, 1000, report)
    progress("import", 250, 1000, report)
    progress("import", 1000, 1000, report)

    lines = stream.getvalue().splitlines()
    assert lines[1] == (
        "Importing posts [#####...............] 250/1,000 (25.0%) · 240 new, 10 updated, "
        "0 unchanged, 0 refused · 1 min 00 s elapsed, about 3 min 00 s left"
    )
    assert lines[2].startswith("Importing posts [####################] 1,000/1,000 (100.0%)")
    assert "left" not in lines[2]
