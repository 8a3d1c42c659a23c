"""CHANGELOG.md: every entry has the format ``./codegen.sh --release`` writes (a version heading, a date or not,
known sections, one line a change), versions go down, the newest is the package's, and each version is the bump
its own entry's changes call for. Nothing here pins one release's lines."""

from __future__ import annotations

import datetime
import importlib
import itertools
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "openapi" / "codegen"))
surface_diff: Any = importlib.import_module("surface_diff")

HEADING = re.compile(r"^## (?:Unreleased|(\d+\.\d+\.\d+)(?: - (\d{4}-\d{2}-\d{2}))?)$")
LABELS = ("Changes for users", "Spec changes", "Client changes")
GENERATED = LABELS[:2]  # written by the command from a diff: one line a change
CHANGE = re.compile(r"^- (\*\*BREAKING\*\* )?[a-z]+(?: [a-z]+)? `[^`]+`: \S.*$")
NO_CHANGE = ("- none", "- only its text changed (descriptions, examples)")


def entries() -> list[tuple[str, list[str]]]:
    """(heading, body lines) of each entry, newest first; the preamble before the first heading left out."""
    found: list[tuple[str, list[str]]] = []
    for line in (ROOT / "CHANGELOG.md").read_text().splitlines():
        if line.startswith("## "):
            found.append((line, []))
        elif found:
            found[-1][1].append(line)
    return found


def sections(body: list[str]) -> dict[str, list[str]]:
    """Labelled sections of an entry: a line ``Label (...):`` then a blank line then its list."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for i, line in enumerate(body):
        labelled = line.endswith(":") and line[:1].isupper() and i + 1 < len(body) and body[i + 1] == ""
        if labelled and line.startswith(LABELS):
            label = next(name for name in LABELS if line.startswith(name))
            assert label not in found, f"{label} twice in one entry"
            current = found[label] = []
        elif current is not None and line.strip():
            current.append(line)
    return found


def released() -> list[tuple[str, dict[str, list[str]]]]:
    return [(heading.split()[1], sections(body)) for heading, body in entries() if heading != "## Unreleased"]


def test_every_heading_is_a_version_with_or_without_a_date() -> None:
    headings = [heading for heading, _ in entries()]
    assert headings, "CHANGELOG.md has no entry"
    for heading in headings:
        match = HEADING.match(heading)
        assert match, f"CHANGELOG.md: {heading!r} is not '## X.Y.Z', '## X.Y.Z - YYYY-MM-DD' or '## Unreleased'"
        if match.group(2):
            datetime.date.fromisoformat(match.group(2))
    assert "## Unreleased" not in headings[1:], "## Unreleased goes first, above the newest release"


def test_versions_go_down_and_the_newest_is_the_package_version() -> None:
    from cryptocloud import __version__

    versions = [surface_diff.parse_version(version) for version, _ in released()]
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions)
    assert released()[0][0] == __version__, "overrides/cryptocloud/_version.py and CHANGELOG.md disagree"


def test_the_generated_sections_are_one_line_a_change() -> None:
    for version, found in released():
        for label in GENERATED:
            for line in found.get(label, []):
                assert CHANGE.match(line) or line in NO_CHANGE, f"CHANGELOG.md {version}, {label}: {line!r}"


def test_each_version_is_the_bump_its_changes_call_for() -> None:
    """The users' diff decides (the spec's for entries made before the command); notes alone make a patch."""
    history = released()
    for (version, found), (previous, _) in itertools.pairwise(history):
        lines = found.get("Changes for users", found.get("Spec changes"))
        if lines is None:
            continue
        changes = [
            surface_diff.Change("line", "", line, "", line.startswith("- **BREAKING**"))
            for line in lines
            if CHANGE.match(line)
        ]
        expected = surface_diff.bump(previous, changes or [surface_diff.Change("notes", "", "", "", False)])
        assert version == expected, f"CHANGELOG.md {version}: its changes make {previous} -> {expected}"


def test_each_release_of_the_command_has_its_snapshot_and_each_snapshot_its_entry() -> None:
    snapshots = {path.stem for path in (ROOT / "openapi" / "surface").glob("*.json")}
    made = {version for version, found in released() if "Changes for users" in found}
    assert made <= snapshots, "a release without its openapi/surface/VERSION.json"
    assert snapshots <= {version for version, _ in released()}, "a snapshot without its CHANGELOG.md entry"
