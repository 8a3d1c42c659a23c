"""What changed since the last release. Run by codegen.sh, from the repository's root, with the generated tree
to judge first on PYTHONPATH.

    changes.py report [--base-spec FILE] [--base-label TEXT]
        the spec's changes and the Python package's against the last release's snapshot
        (openapi/surface/VERSION.json), the version each calls for, BREAKING ones marked
    changes.py snapshot
        write the snapshot of the current version from the tree as it is (the first one, made once)

The package's version follows what changed for its users (the Python surface: methods, models, enums, errors,
CLI); the spec's ``info.version`` follows what changed in the spec. ``--base-spec FILE`` compares the spec with
FILE instead of the snapshot's (a copy of the repository without git history has no other way to say "since
that spec"). Hand-written notes written under a ``## Unreleased`` heading of CHANGELOG.md become the new entry's
"Client changes"; without them, that section says "none noted" for a person to fill.
"""

from __future__ import annotations

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
VERSION_LINE = re.compile(r'^__version__ = "([^"]+)"$', re.MULTILINE)


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

    def __init__(self, base_spec: str | None, base_label: str | None) -> None:
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
            step += " (to set at the release" + ("" if current == self.spec_released else f"; now {current}") + ")"
        return f"spec info.version: {step}: {self.spec_why}"

    def text(self) -> str:
        spec_title = f"spec against {self.spec_label}"
        out = surface_diff.render(self.spec_changes, title=spec_title) + self.spec_line() + "\n"
        title = f"public surface against {self.released} ({self.snapshot_path})"
        if self.python is None:
            return out + f"{title}: not collected, the package does not import: {self.python_error}\n"
        out += surface_diff.render(self.python_changes, title=title)
        current = package_version()
        if self.needed == self.released:
            return out + f"semver: {self.released}, no change for users since {self.released}\n"
        notes = ["set overrides/cryptocloud/_version.py and CHANGELOG.md at the release"]
        if current not in (self.released, self.needed):
            notes.append(f"the package says {current}")
        return out + f"semver: {self.released} -> {self.needed}" + (f" ({'; '.join(notes)})" if notes else "") + "\n"


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    options = dict(zip(argv[1::2], argv[2::2], strict=False))
    unknown = set(options) - {"--base-spec", "--base-label"}
    if command not in ("report", "snapshot") or unknown or len(argv) % 2 == 0:
        print(__doc__, file=sys.stderr)
        return 2
    if command == "snapshot":
        version = package_version()
        print(write_snapshot(snapshot_of(version, surface_diff.load(str(SPEC)), public_surface.collect())))
        return 0
    report = Report(options.get("--base-spec"), options.get("--base-label"))
    sys.stdout.write(report.text())
    return 1 if report.python is None else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
