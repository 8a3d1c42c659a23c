"""Fresh virtual environments with the built wheel and exactly the packages some of its extras pull in.

The test suite runs offline, so the dependencies are not downloaded: each one is linked from the environment
running the tests (its import packages and its .dist-info, through a .pth folder), after resolving the closure
of the wheel's own Requires-Dist for the chosen extras. A package no extra asks for cannot be imported there.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from email.parser import Parser
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


def requirements_of(wheel: Path) -> list[Requirement]:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        headers = Parser().parsestr(archive.read(name).decode())
    return [Requirement(value) for value in headers.get_all("Requires-Dist") or []]


def closure(wanted: list[Requirement], extras: set[str]) -> set[str]:
    """Distribution names needed by ``wanted`` with ``extras`` on, recursively (as installed here)."""
    found: set[str] = set()
    queue = [(r, extras) for r in wanted]
    while queue:
        requirement, active = queue.pop()
        if requirement.marker and not any(requirement.marker.evaluate({"extra": e}) for e in active or {""}):
            continue
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        found.add(name)
        nested = [Requirement(r) for r in metadata.requires(requirement.name) or []]
        queue.extend((r, set(requirement.extras)) for r in nested)
    return found


def make_venv(where: Path, wheel: Path, extras: set[str], also: tuple[str, ...] = ()) -> Path:
    """A venv at ``where`` with the wheel installed by pip and the extras' dependencies; returns its bin/."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True, timeout=120)
    python = where / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        timeout=300,
        capture_output=True,
    )
    linked = where / "linked"
    linked.mkdir()
    for name in closure(requirements_of(wheel) + [Requirement(a) for a in also], extras):
        dist = metadata.distribution(name)
        for top in {f.parts[0] for f in dist.files or () if f.parts[0] not in ("..", "__pycache__")}:
            target = Path(str(dist.locate_file(top)))
            if target.exists() and not (linked / top).exists():
                (linked / top).symlink_to(target)
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.strip()
    Path(purelib, "linked-dependencies.pth").write_text(f"{linked}\n")
    return where / "bin"


def run(bin_dir: Path, *command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command of the venv, with only the venv on PATH and no PYTHONPATH from outside."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{bin_dir}{os.pathsep}/usr/bin:/bin"
    return subprocess.run(
        [str(bin_dir / command[0]), *command[1:]], capture_output=True, text=True, timeout=120, env=env, cwd=cwd
    )
