"""Users' code type-checks the way the README says to write it, under mypy --strict and under pyright.

Both checkers run outside the repository (no project config), against the installed package, on
tests/user_code/typed_usage.py (a user's code, written the documented way) and on a script with the mistake the
README warns about, which both must reject.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import readme_examples
from support.reference import ROOT

PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"

MISTAKE = """from decimal import Decimal

from cryptocloud import Invoice


def total_fees(invoice: Invoice) -> Decimal:
    total = Decimal(0)
    total += invoice.fee_usd  # may be UNSET: test `is not UNSET` first
    return total
"""


@pytest.fixture(scope="module")
def scripts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("user")
    shutil.copy(ROOT / "tests" / "user_code" / "typed_usage.py", folder / "user_script.py")
    (folder / "mistake.py").write_text(MISTAKE)
    # The README's example of the absent-or-null rule, as printed.
    (rule,) = [b for b in readme_examples.blocks() if "details.received is UNSET" in b.code]
    (folder / "readme_rule.py").write_text(rule.code)
    return folder


def test_mypy_strict_accepts_the_documented_way_and_rejects_the_mistake(scripts: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(ROOT / ".venv" / ".mypy-user"), "."],
        cwd=scripts,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.stdout.splitlines() == [
        'mistake.py:8: error: Unsupported operand types for + ("Decimal" and "Unset")  [operator]',
        'mistake.py:8: note: Right operand is of type "Decimal | Unset"',
        "Found 1 error in 1 file (checked 3 source files)",
    ], result.stderr


def test_pyright_strict_accepts_the_documented_way_and_rejects_the_mistake(scripts: Path) -> None:
    if not PYRIGHT.exists():
        pytest.fail("node_modules/.bin/pyright is missing: run ./test.sh, which installs the pinned npm tools")
    (scripts / "pyrightconfig.json").write_text(json.dumps({"typeCheckingMode": "strict"}))
    result = subprocess.run(
        [str(PYRIGHT), "--outputjson", "--pythonpath", sys.executable],
        cwd=scripts,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    found = report["generalDiagnostics"]
    problems = [(Path(d["file"]).name, d["range"]["start"]["line"] + 1, d["rule"]) for d in found]
    assert {file for file, _, _ in problems} == {"mistake.py"}, problems  # the user script and the README's clean
    assert ("mistake.py", 8, "reportOperatorIssue") in problems
    assert report["summary"]["filesAnalyzed"] == 3
