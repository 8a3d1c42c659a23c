"""What changed since the last release, and the release itself. Run by codegen.sh, from the repository's root,
with the generated tree to judge first on PYTHONPATH.

    changes.py report [--base-spec FILE] [--base-label TEXT]
        the spec's changes and the Python package's against the last release's snapshot
        (openapi/surface/VERSION.json), the version each calls for, BREAKING ones marked
    changes.py spec-version
        set the spec's info.version by its rule (surface_diff.spec_version)
    changes.py release
        the report, then: the CHANGELOG entry, overrides/cryptocloud/_version.py, the new snapshot
    changes.py snapshot
        write the snapshot of the current version from the tree as it is (the first one, made once)

The package's version follows what changed for its users (the Python surface: methods, models, enums, errors,
CLI); the spec's ``info.version`` follows what changed in the spec. ``--base-spec FILE`` compares the spec with
FILE instead of the snapshot's (a copy of the repository without git history has no other way to say "since
that spec"). Hand-written notes written under a ``## Unreleased`` heading of CHANGELOG.md become the new entry's
"Client changes"; without them, that section says "none noted" for a person to fill.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from pathlib import Path
from typing import Any

import public_surface
import surface_diff
from surface_diff import Change

SPEC = Path("openapi/cryptocloud.yaml")
SNAPSHOTS = Path("openapi/surface")
VERSION_FILE = Path("overrides/cryptocloud/_version.py")
CHANGELOG = Path("CHANGELOG.md")
VERSION_LINE = re.compile(r'^__version__ = "([^"]+)"$', re.MULTILINE)
SPEC_VERSION_LINE = re.compile(r'^(info:\n(?:  .*\n|\n)*?  version: )"?([^"\n]+)"?$', re.MULTILINE)
UNRELEASED = re.compile(r"^## Unreleased\n(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
FIRST_ENTRY = re.compile(r"^## ", re.MULTILINE)
USERS = "Changes for users"
SPEC_CHANGES = "Spec changes"
CLIENT = "Client changes"


def package_version() -> str:
    found = VERSION_LINE.search(VERSION_FILE.read_text())
    assert found, f"{VERSION_FILE}: no __version__ line"
    return found.group(1)


def latest_snapshot() -> tuple[Path, dict[str, Any]]:
    paths = sorted(SNAPSHOTS.glob("*.json"), key=lambda p: surface_diff.parse_version(p.stem))
    if not paths:
        raise SystemExit(f"changes: no snapshot in {SNAPSHOTS}/: make the first one with `changes.py snapshot`")
    snapshot: dict[str, Any] = json.loads(paths[-1].read_text())
    return paths[-1], snapshot


def spec_record(document: dict[str, Any]) -> dict[str, Any]:
    """What a snapshot keeps of the spec: its version, fingerprint and summary."""
    return {
        "version": str(document["info"]["version"]),
        "fingerprint": surface_diff.fingerprint(document),
        "surface": surface_diff.summarize(document),
    }


def snapshot_of(version: str, document: dict[str, Any], python: dict[str, Any]) -> dict[str, Any]:
    return {"package": version, "spec": spec_record(document), "python": python}


def dumps(value: Any, indent: int = 0) -> str:
    """JSON, keys sorted, one key a line, and a list or object of plain values (a parameter, an attribute, an
    enum's values) on one line: a change to the surface is a one-line change to the snapshot."""
    pad = " " * (indent + 1)
    nested = isinstance(value, dict) and any(isinstance(v, dict | list) for v in value.values())
    if nested:
        items = [f"{pad}{json.dumps(k)}: {dumps(v, indent + 1)}" for k, v in sorted(value.items())]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    if isinstance(value, list) and any(isinstance(v, dict | list) for v in value):
        return "[\n" + ",\n".join(pad + dumps(v, indent + 1) for v in value) + "\n" + " " * indent + "]"
    return json.dumps(value, sort_keys=True)


def write_snapshot(snapshot: dict[str, Any]) -> Path:
    path = SNAPSHOTS / f"{snapshot['package']}.json"
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(snapshot) + "\n")
    return path


class Report:
    """The spec's and the package's changes since the last release, and the versions they call for."""

    def __init__(self, base_spec: str | None, base_label: str | None, python: bool = True) -> None:
        self.snapshot_path, self.snapshot = latest_snapshot()
        self.released = self.snapshot["package"]
        self.document = surface_diff.load(str(SPEC))
        spec_base = self.snapshot["spec"] if base_spec is None else spec_record(surface_diff.load(base_spec))
        self.spec_label = base_label or base_spec or f"{self.released} ({self.snapshot_path})"
        self.spec_released = spec_base["version"]
        self.spec_changes = surface_diff.group(
            surface_diff.compare(spec_base["surface"], surface_diff.summarize(self.document))
        )
        self.spec_needed, self.spec_why = surface_diff.spec_version(
            self.spec_released, spec_base["fingerprint"], self.document, self.spec_changes
        )
        self.python: dict[str, Any] | None = None
        self.python_changes: list[Change] = []
        self.needed = self.released
        self.python_error = "not collected"
        if python:
            self.collect()

    def collect(self) -> None:
        try:
            self.python = public_surface.collect()
        except Exception as exc:  # the layer does not even import with this generated code: say so, go on
            self.python_error = f"{type(exc).__name__}: {exc}"
        else:
            self.python_changes = surface_diff.group(public_surface.compare(self.snapshot["python"], self.python))
            self.python_error = ""
        self.needed = surface_diff.bump(self.released, self.python_changes)

    def spec_line(self) -> str:
        current = str(self.document["info"]["version"])
        if self.spec_needed == self.spec_released:
            return f"spec info.version: {current}, unchanged since {self.released}"
        step = f"{self.spec_released} -> {self.spec_needed}"
        if current != self.spec_needed:
            step += " (./codegen.sh --release sets it" + ("" if current == self.spec_released else f"; now {current}")
            step += ")"
        return f"spec info.version: {step}: {self.spec_why}"

    def text(self, releasing: bool = False) -> str:
        spec_title = f"spec against {self.spec_label}"
        out = surface_diff.render(self.spec_changes, title=spec_title) + self.spec_line() + "\n"
        title = f"public surface against {self.released} ({self.snapshot_path})"
        if self.python is None:
            return out + f"{title}: not collected, the package does not import: {self.python_error}\n"
        out += surface_diff.render(self.python_changes, title=title)
        current = package_version()
        if self.needed == self.released:
            return out + f"semver: {self.released}, no change for users since {self.released}\n"
        notes = [] if releasing else ["./codegen.sh --release writes it"]
        if current not in (self.released, self.needed):
            notes.append(f"the package says {current}")
        return out + f"semver: {self.released} -> {self.needed}" + (f" ({'; '.join(notes)})" if notes else "") + "\n"


def set_spec_version(report: Report) -> str:
    text = SPEC.read_text()
    found = SPEC_VERSION_LINE.search(text)
    assert found, f"{SPEC}: no info.version line"
    if found.group(2) != report.spec_needed:
        SPEC.write_text(text[: found.start(2)] + report.spec_needed + text[found.end(2) :])
        return f"spec info.version: {found.group(2)} -> {report.spec_needed}: {report.spec_why}"
    return f"spec info.version: {report.spec_needed} ({report.spec_why})"


def entry(report: Report, version: str, notes: str, today: datetime.date) -> str:
    def section(label: str, changes: list[Change], empty: str) -> str:
        lines = surface_diff.render(changes, markdown=True).strip() if changes else f"- {empty}"
        return f"{label}:\n\n{lines}\n"

    spec_empty = "none" if report.spec_needed == report.spec_released else report.spec_why
    spec_label = f"{SPEC_CHANGES} (`{SPEC}` {report.spec_released} -> {report.spec_needed})"
    if report.spec_needed == report.spec_released:
        spec_label = f"{SPEC_CHANGES} (`{SPEC}` {report.spec_released}, unchanged)"
    parts = [
        f"## {version} - {today.isoformat()}\n",
        section(f"{USERS} (the public-surface diff against {report.released})", report.python_changes, "none"),
        section(spec_label, report.spec_changes, spec_empty),
        f"{CLIENT} (hand-written layer, written by a person: what the diffs cannot see):\n\n"
        + (notes.strip() or "- none noted")
        + "\n",
    ]
    return "\n".join(parts)


def release(report: Report) -> int:
    if report.python is None:
        print(f"release: not made: {report.python_error}", file=sys.stderr)
        return 1
    changelog = CHANGELOG.read_text()
    unreleased = UNRELEASED.search(changelog)
    notes = unreleased.group(1) if unreleased else ""
    if unreleased:
        changelog = changelog[: unreleased.start()] + changelog[unreleased.end() :]
    spec_changed = report.spec_needed != report.spec_released
    if report.python_changes:
        version = report.needed
    elif spec_changed or notes.strip():
        version = surface_diff.bump(report.released, [Change("text", "", "", "", False)])
    else:
        print(f"release: nothing changed since {report.released} (no surface change, no notes): no release")
        return 1
    if str(report.document["info"]["version"]) != report.spec_needed:
        print(f"release: not made: {report.spec_line()}", file=sys.stderr)
        return 1
    first = FIRST_ENTRY.search(changelog)
    at = first.start() if first else len(changelog)
    today = datetime.datetime.now(datetime.UTC).date()
    CHANGELOG.write_text(changelog[:at] + entry(report, version, notes, today) + "\n" + changelog[at:])
    VERSION_FILE.write_text(VERSION_LINE.sub(f'__version__ = "{version}"', VERSION_FILE.read_text()))
    written = write_snapshot(snapshot_of(version, report.document, report.python))
    who = "from ## Unreleased" if notes.strip() else "none noted: write them if the hand-written layer changed"
    print(f"release {version}: {VERSION_FILE}, {CHANGELOG} (client changes: {who}), {written}")
    return 0


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    options = dict(zip(argv[1::2], argv[2::2], strict=False))
    unknown = set(options) - {"--base-spec", "--base-label"}
    if command not in ("report", "release", "spec-version", "snapshot") or unknown or len(argv) % 2 == 0:
        print(__doc__, file=sys.stderr)
        return 2
    if command == "snapshot":
        version = package_version()
        print(write_snapshot(snapshot_of(version, surface_diff.load(str(SPEC)), public_surface.collect())))
        return 0
    report = Report(options.get("--base-spec"), options.get("--base-label"), python=command != "spec-version")
    if command == "spec-version":
        print(set_spec_version(report))
        return 0
    sys.stdout.write(report.text(releasing=command == "release"))
    if command == "release":
        return release(report)
    return 1 if report.python is None else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
