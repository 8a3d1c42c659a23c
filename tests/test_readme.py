"""The README stays true: its quick start is the two commands CI runs, and every example in it runs
(readme_examples.py says how: Python blocks and console commands, against the fake CryptoCloud)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import readme_examples as examples
from support.reference import ROOT

README = (ROOT / "README.md").read_text()
BLOCKS = examples.blocks()


def test_quick_start_is_exactly_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    (block,) = re.findall(r"```sh\n(.*?)```", quick, re.DOTALL)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["./codegen.sh", "./test.sh"]
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("exec ./test.sh")


def test_every_block_is_run_or_known_as_not_runnable() -> None:
    unknown = [(b.id, b.language) for b in BLOCKS if b.language not in examples.RUN | examples.NOT_RUN]
    assert unknown == [], "give each block a language: python or console (run), or one of NOT_RUN"
    assert len([b for b in BLOCKS if b.language == "python"]) >= 5
    assert sum(len(examples.commands(b)) for b in BLOCKS if b.language == "console") >= 8


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.language == "python"], ids=lambda b: b.id)
def test_python_example_runs(block: examples.Block, tmp_path: Path) -> None:
    driven = examples.run_python(block, tmp_path)
    # A handler or a test function defined by the block was called, not only defined.
    assert driven >= len(re.findall(r"^@app\.(?:post|route)\(|^def test_", block.code, flags=re.MULTILINE))


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.language == "console"], ids=lambda b: b.id)
def test_console_example_runs(block: examples.Block, tmp_path: Path) -> None:
    assert examples.run_console(block, tmp_path) == len(examples.commands(block))


def test_the_flask_handler_says_at_start_up_that_the_secret_is_missing(tmp_path: Path) -> None:
    """Without CRYPTOCLOUD_SECRET the handler would refuse every postback: it stops at start-up, saying why."""
    (flask,) = [b for b in BLOCKS if b.language == "python" and "@app.post" in b.code and "Flask(__name__)" in b.code]
    with pytest.raises(SystemExit) as stopped:
        examples.run_python(flask, tmp_path, without=("CRYPTOCLOUD_SECRET",))
    assert str(stopped.value) == "set CRYPTOCLOUD_SECRET to the project's secret key (it signs postbacks)"


def test_the_collector_catches_a_broken_example(tmp_path: Path) -> None:
    """A README example that fails makes the test fail: a Python error, a wrong line of output, an exit code."""
    text = "```python\nfrom decimal import Decimal\nDecimal('1') + undefined_name\n```\n"
    (python,) = examples.blocks(text)
    with pytest.raises(NameError):
        examples.run_python(python, tmp_path)
    text = "```console\n$ cryptocloud invoice create --fake --amount -1\nerror: something else\n$ false\n```\n"
    (console,) = examples.blocks(text)
    with pytest.raises(AssertionError, match="expected: \\['error: something else'\\]"):
        examples.run_console(console, tmp_path)
    (console,) = examples.blocks("```console\n$ cryptocloud invoice get INV-NOPE1234 --fake\n```\n")
    with pytest.raises(AssertionError, match="exit code 5"):
        examples.run_console(console, tmp_path)
