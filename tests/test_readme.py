"""The README's quick start and examples stay true."""

from __future__ import annotations

import re

from reference import ROOT

README = (ROOT / "README.md").read_text()


def test_quick_start_is_exactly_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    (block,) = re.findall(r"```sh\n(.*?)```", quick, re.DOTALL)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["./codegen.sh", "./test.sh"]
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("exec ./test.sh")


def test_python_examples_compile() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README, re.DOTALL)
    assert len(blocks) >= 2
    for i, block in enumerate(blocks):
        compile(block, f"README.md python block {i}", "exec")
