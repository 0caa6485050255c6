#!/usr/bin/env python3
# Copies the deploy/ templates into the Markdown files that show them, so the docs cannot drift:
# each `<!-- include: PATH -->` line is followed by a fenced block holding PATH's text, which this
# script rewrites (make docs runs it; DeployTemplatesTests fails when a block is stale).
# SPDX-License-Identifier: GPL-3.0-or-later
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
languages = {".yml": "yaml", ".sh": "sh", ".sbatch": "sh"}
pattern = re.compile(r"(<!-- include: (\S+) -->\n)```[a-z]*\n.*?```\n", re.S)


def expand(text: str) -> str:
    def block(match: re.Match) -> str:
        path = root / match.group(2)
        body = path.read_text(encoding="utf-8")
        return f"{match.group(1)}```{languages.get(path.suffix, '')}\n{body}```\n"
    return pattern.sub(block, text)


for name in sys.argv[1:] or ["docs/sweeps.md"]:
    doc = root / name
    doc.write_text(expand(doc.read_text(encoding="utf-8")), encoding="utf-8")
