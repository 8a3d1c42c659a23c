"""codegen.sh: generated/ is pure generator output, and a broken spec never reaches it."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
from pathlib import Path

import pytest
from support.reference import ROOT

IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "node_modules", "__pycache__", "*_cache", "docs-build", "dist", "build"
)


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repo that tests may break; it shares the project's .venv."""
    copy = tmp_path_factory.mktemp("repo") / "repo"
    shutil.copytree(ROOT, copy, ignore=IGNORE)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    return copy


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["./codegen.sh", *args], cwd=repo, capture_output=True, text=True, timeout=120)


def test_check_passes_on_the_committed_tree() -> None:
    result = run(ROOT, "--check")
    assert result.returncode == 0, result.stderr
    assert "generated/ is a fresh regen of the spec" in result.stderr
    assert "operations" in result.stdout


@pytest.mark.parametrize("victim", ["models/invoice.py", "exact.py", "client.py"])
def test_check_fails_after_a_hand_edit(checkout: Path, victim: str) -> None:
    path = checkout / "generated" / "cryptocloud_client" / victim
    original = path.read_text()
    path.write_text(original + "# hand edit\n")
    try:
        result = run(checkout, "--check")
        assert result.returncode == 1
        assert victim.split("/")[-1] in result.stderr
        assert "differs from a fresh regen" in result.stderr
    finally:
        path.write_text(original)


def test_check_fails_on_a_stale_extra_file(checkout: Path) -> None:
    stale = checkout / "generated" / "cryptocloud_client" / "models" / "old_model.py"
    stale.write_text("")
    try:
        result = run(checkout, "--check")
        assert result.returncode == 1
        assert "old_model.py" in result.stderr
    finally:
        stale.unlink()


def test_invalid_spec_stops_and_leaves_generated_alone(checkout: Path) -> None:
    spec = checkout / "openapi" / "cryptocloud.yaml"
    original = spec.read_text()
    before = checkout / "before"
    shutil.copytree(checkout / "generated", before)
    spec.write_text(
        original.replace(
            "type: integer\n          minimum: 0\n          description: Whole hours.",
            "type: integr\n          minimum: 0\n          description: Whole hours.",
        )
    )
    assert spec.read_text() != original
    try:
        result = run(checkout)
        assert result.returncode == 1
        assert "integr" in result.stderr  # the validator's own message
        assert "left as it was" in result.stderr
        comparison = filecmp.dircmp(before, checkout / "generated")
        assert (comparison.left_only, comparison.right_only, comparison.diff_files) == ([], [], [])
    finally:
        spec.write_text(original)
        shutil.rmtree(before)


def test_regenerate_replaces_the_package_without_stale_files(checkout: Path) -> None:
    stale = checkout / "generated" / "cryptocloud_client" / "stale.py"
    stale.write_text("x = 1\n")
    result = run(checkout)
    assert result.returncode == 0, result.stderr
    assert not stale.exists()
    assert run(checkout, "--check").returncode == 0


def test_codegen_ends_with_both_diffs_against_the_last_release() -> None:
    result = run(ROOT, "--check")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    newest = max((ROOT / "openapi" / "surface").glob("*.json"), key=lambda p: tuple(map(int, p.stem.split("."))))
    snapshot = f"{newest.stem} (openapi/surface/{newest.name})"
    assert [line for line in lines if " against " in line] == [
        next(line for line in lines if line.startswith(f"spec against {snapshot}: ")),
        next(line for line in lines if line.startswith(f"public surface against {snapshot}: ")),
    ]
    assert any(line.startswith("spec info.version: ") for line in lines)
    assert lines[-1].startswith("semver: ")


def test_the_spec_base_from_git_or_from_a_file() -> None:
    """--diff REF takes the base spec from git; --base-spec FILE from a file (a copy without git history)."""
    # 93d6ea0 is the last commit before CryptoCloud became Trybit (spec 2.0.0, package 0.1.0), and
    # tests/recorded/spec-2.0.0.yaml is its spec.
    from_git = run(ROOT, "--check", "--diff", "93d6ea0")
    from_file = run(ROOT, "--check", "--base-spec", "tests/recorded/spec-2.0.0.yaml")
    assert (from_git.returncode, from_file.returncode) == (0, 0), from_git.stderr + from_file.stderr
    spec_lines = [
        ("spec against" + r.stdout.split("\nspec against", 1)[1]).split("\npublic surface against", 1)[0].splitlines()
        for r in (from_git, from_file)
    ]
    assert spec_lines[0][0].startswith("spec against 93d6ea0 (93d6ea0): ")
    assert spec_lines[1][0].startswith("spec against tests/recorded/spec-2.0.0.yaml: ")
    assert spec_lines[0][1:] == spec_lines[1][1:]
    assert "  BREAKING  field      Project.logo                             now nullable (response)" in spec_lines[1]


def test_codegen_usage() -> None:
    usage = "usage: ./codegen.sh [--check | --release] [--diff REF | --base-spec FILE]"
    for wrong in (["--diff"], ["--base-spec"], ["--check", "--release"], ["--release", "--diff", "HEAD"], ["-x"]):
        result = run(ROOT, *wrong)
        assert (result.returncode, result.stderr.strip()) == (2, usage), wrong


def test_money_and_time_fields_carry_their_own_description() -> None:
    """An IDE's hover shows the field's own description from the spec, not the shared Money or Timestamp one."""
    models = ROOT / "generated" / "cryptocloud_client" / "models"
    texts = {path.name: " ".join(path.read_text().split()) for path in models.glob("*.py")}
    generic = ("An amount of money, to be read as an exact decimal.", "A UTC time as `YYYY-MM-DD HH:MI:SS.FFFFFF`")
    assert [name for name, text in sorted(texts.items()) if any(g in text for g in generic)] == []
    for file, entry in [
        ("invoice.py", "amount_usd (Decimal): Invoice amount in USD."),
        ("invoice.py", "created (datetime.datetime): Creation time, UTC."),
        ("invoice_details.py", "received (Decimal | None | Unset): Amount received so far, in the payment currency."),
        ("statistics_amount.py", "paid (Decimal): Invoices paid in full."),
        ("invoice_create_request.py", "amount (Decimal): Payment amount, in `currency`."),
    ]:
        assert entry in texts[file], (file, entry)
