#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks executed notebooks for what a reader would see: every figure drawn, every glyph present.

    scripts/check-notebooks.py EXECUTED.ipynb...   check notebooks nbconvert has executed
    scripts/check-notebooks.py --self-check         show that the check fails on broken notebooks

A code cell that draws a figure (it calls plt.show(), plt.subplots(), a pandas .plot, .barh, .hist,
.errorbar or .fill_between) must carry an image/png output: with a non-interactive backend (Agg) the
figure is drawn nowhere and the cell's output is empty. No output may contain matplotlib's
missing-glyph warning ("Glyph 19975 (…) missing from font(s) DejaVu Sans"): a label such as 万元 then
shows as empty boxes. Exits 1 naming each notebook, cell and problem, 0 when all pass.

--self-check builds three small notebooks and executes them with the inline backend (nbclient, as
`make notebooks` does): one that draws under the Agg backend (no image), one that writes 万元 with
DejaVu Sans as the only font (missing glyphs), and one done right (a CJK font, the inline backend).
It fails unless the check rejects the first two, each for its own reason, and passes the third.
"""
import re
import sys

DRAWS = re.compile(r"plt\.show\(|plt\.subplots\(|\.plot\(|\.plot\.|\.barh\(|\.hist\(|\.errorbar\(|\.fill_between\(")
MISSING_GLYPH = re.compile(r"Glyph \d+ .*missing from (current )?font|missing from font\(s\)")


def output_texts(output):
    """The text an output shows: a stream's text, or the text/plain of a result or display."""
    if output.get("output_type") == "stream":
        yield "".join(output.get("text", ""))
    for key in ("text/plain",):
        value = output.get("data", {}).get(key)
        if value:
            yield "".join(value)
    if output.get("output_type") == "error":
        yield "\n".join(output.get("traceback", []))


def problems(notebook, name):
    """Every problem of an executed notebook (a dict in nbformat 4), as readable lines."""
    found = []
    draws_any = False
    images = 0
    for index, cell in enumerate(notebook.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", ""))
        outputs = cell.get("outputs", [])
        has_image = any("image/png" in o.get("data", {}) for o in outputs)
        images += has_image
        where = f"{name}: cell {index + 1} ({cell.get('id', '?')})"
        if DRAWS.search(source):
            draws_any = True
            if not has_image:
                found.append(f"{where} draws a figure but has no image in its output "
                             "(a non-interactive backend such as Agg? use the inline backend)")
        for output in outputs:
            for text in output_texts(output):
                match = MISSING_GLYPH.search(text)
                if match:
                    line = next((l for l in text.splitlines() if MISSING_GLYPH.search(l)), match.group(0))
                    found.append(f"{where} shows the missing-glyph warning: {line.strip()} "
                                 "(no CJK font configured for matplotlib: install fonts-noto-cjk)")
    if draws_any and images == 0:
        found.append(f"{name}: draws figures but holds no image at all")
    return found


def check(paths):
    import json
    failures = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            failures += problems(json.load(f), path)
    for line in failures:
        print("check-notebooks: " + line, file=sys.stderr)
    if not failures:
        print(f"check-notebooks: {len(paths)} notebook(s): every figure drawn, no missing glyph")
    return 1 if failures else 0


SETUP_CJK = """%matplotlib inline
import matplotlib.pyplot as plt
from matplotlib import font_manager
cjk = sorted({f.name for f in font_manager.fontManager.ttflist if "CJK" in f.name})
assert cjk, "no CJK font"
plt.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", *cjk, "DejaVu Sans"]
"""
DRAW = """fig, ax = plt.subplots(figsize=(4, 2))
ax.plot([1, 2, 3], [3, 1, 2])
ax.set_ylabel("财政支出（万元）")
plt.show()
"""


def self_check():
    import nbformat
    from nbclient import NotebookClient

    cases = {
        # name: (setup cell, the problem the check must report, or None when it must pass)
        "agg-backend": ("import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
                        + SETUP_CJK.replace("%matplotlib inline\n", ""), "has no image"),
        "no-cjk-font": ("%matplotlib inline\nimport matplotlib.pyplot as plt\n"
                        "plt.rcParams['font.sans-serif'] = ['DejaVu Sans']\n", "missing-glyph"),
        "right": (SETUP_CJK, None),
    }
    ok = True
    for name, (setup, expected) in cases.items():
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(setup), nbformat.v4.new_code_cell(DRAW)]
        NotebookClient(nb, timeout=120, kernel_name="python3").execute()
        found = problems(nb, name)
        if expected is None:
            passed = not found
        else:
            passed = any(expected in line for line in found)
        print(f"check-notebooks self-check: {name}: "
              + ("; ".join(found) if found else "no problem") + (" — as expected" if passed else " — WRONG"))
        ok &= passed
    if not ok:
        print("check-notebooks self-check: the check does not catch what it should", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-check"]:
        sys.exit(self_check())
    if not sys.argv[1:] or any(a.startswith("-") for a in sys.argv[1:]):
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    sys.exit(check(sys.argv[1:]))
