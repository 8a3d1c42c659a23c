"""nox: the test suite against the built wheel, on every Python 3.11+ found on this machine.

    .venv/bin/nox              # every interpreter found (python3.11, python3.12, ... on PATH)
    .venv/bin/nox -p 3.13      # one of them
    .venv/bin/nox -- -k fake   # arguments after -- go to pytest

Each session makes a virtual environment under .nox/ with the pinned tools of requirements-dev.txt (from the
package index), installs the wheel built from this checkout (not the checkout itself), and runs pytest there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent


def _interpreters() -> dict[str, str]:
    """Each Python 3.11+ here that runs: python3.X on PATH, or one of pyenv's versions (pyenv's shims are on
    PATH for every version but run only the selected ones)."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found: dict[str, str] = {}
    for minor in range(11, 20):
        name = f"python3.{minor}"
        for candidate in [shutil.which(name), *sorted(map(str, pyenv.glob(f"3.{minor}.*/bin/{name}")), reverse=True)]:
            if candidate and subprocess.run([candidate, "-c", ""], capture_output=True).returncode == 0:
                found[f"3.{minor}"] = candidate
                break
    return found


INTERPRETERS = _interpreters()
PYTHONS = list(INTERPRETERS)
# nox finds "3.12" on PATH: put the working interpreters' folders first (ahead of pyenv's shims).
os.environ["PATH"] = os.pathsep.join(
    [*dict.fromkeys(str(Path(p).parent) for p in INTERPRETERS.values()), os.environ["PATH"]]
)

nox.options.default_venv_backend = "venv"
nox.options.download_python = "never"  # only interpreters already on the machine
nox.options.sessions = ["tests"]
_built: list[Path] = []  # the wheel, built once per nox run


def _wheel(session: nox.Session) -> Path:
    if not _built:
        outdir = Path(tempfile.mkdtemp(prefix="cryptocloud-wheel-"))
        # Built by the interpreter running nox (the project's .venv, which has build and hatchling pinned).
        build = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(outdir), str(ROOT)]
        session.run(*build, external=True)
        _built.extend(outdir.glob("*.whl"))
    return _built[0]


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    session.install("-r", str(ROOT / "requirements-dev.txt"))
    session.install("--no-deps", "--force-reinstall", str(_wheel(session)))
    # The suite must import the installed wheel, never the checkout's overrides/ folder.
    session.run("python", "-c", "import cryptocloud, sys; sys.exit('site-packages' not in cryptocloud.__file__)")
    session.run("pytest", "-q", "-p", "no:cacheprovider", *session.posargs)


# The oldest and the newest httpx the package allows (pyproject.toml: httpx>=0.23.1,<0.29), each with the httpcore
# and h11 it was released with: ``_pool`` reads httpcore's private state, so the transport tests run on both.
HTTPX_RANGE = {
    "oldest": ["httpx==0.23.1", "httpcore==0.16.3", "h11==0.14.0", "anyio==3.7.1"],
    "newest": ["httpx==0.28.1", "httpcore==1.0.9", "h11==0.16.0", "anyio==4.16.0"],
}
TRANSPORT_TESTS = ["tests/test_answers_match_requests.py", "tests/test_wire_faults.py", "tests/test_connections.py"]


@nox.session(python=PYTHONS[:1])
@nox.parametrize("httpx_version", list(HTTPX_RANGE))
def httpx_range(session: nox.Session, httpx_version: str) -> None:
    """The transport tests (every wire fault, surplus answers, attacks) on the httpx backends, against the built
    wheel with the oldest and the newest httpx allowed. The aiohttp backend needs httpx >= 0.27 (as httpx-aiohttp
    does) and runs in the main suite."""
    pins = HTTPX_RANGE[httpx_version]
    wheel = _wheel(session)
    session.install("pytest==9.2.0", "hypothesis==6.170.17", f"{wheel}[testing]", *pins)
    session.install("--no-deps", "--force-reinstall", str(wheel))  # this checkout's, even when the version is not new
    session.run("python", "-c", "import httpx, httpcore, h11; print(httpx.__version__, httpcore.__version__)")
    session.run("pytest", "-q", "-p", "no:cacheprovider", "-k", "not aiohttp", *TRANSPORT_TESTS, *session.posargs)
