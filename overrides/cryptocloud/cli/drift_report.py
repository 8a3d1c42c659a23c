"""``cryptocloud drift``: recorded answers against the spec."""

from __future__ import annotations

import sys
from pathlib import Path

from ._app import _line, _show_records_when_narrow, click, main


@main.command("drift")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output: one JSON object per row.")
@click.option("--operation", help="operationId of bare answers (files that are just a response body).")
def drift(files: tuple[Path, ...], as_json: bool, operation: str | None) -> None:
    """Show what recorded answers have that the spec lacks or contradicts; exit 1 when there is drift.

    FILES are JSON (one record or a list), JSON lines (what record_to= writes) or HAR captures. A record is
    {"operation" or "path", "status", "body"}.
    """
    from .. import drift as spec_drift  # the spec is read only when asked

    try:
        rows, count = spec_drift.report(files, operation)
    except spec_drift.DriftInputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    if as_json:
        for row in rows:
            click.echo(_line(row.as_dict()))
    elif rows:
        columns = ["operation", "kind", "field", "expected", "sample", "seen_in", "count"]
        _show_records_when_narrow([row.as_dict() for row in rows], columns, False, "Drift: answers against the spec")
    click.echo(f"{count} answers read, {len(rows)} drift rows", err=True)
    sys.exit(1 if rows else 0)
