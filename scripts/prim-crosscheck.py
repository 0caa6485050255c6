#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cross-check `transfersim discover` (PRIM) against EMA Workbench's PRIM on the same table.

Runs a sweep (or takes one given with --sweep), marks each point whose outcome misses the target
as a case of interest, then runs both PRIM implementations with the same settings (peel_alpha,
paste_alpha, mass_min 0.05; EMA's default lenient1 objective; every column as a float, so EMA uses
its real-valued peel and paste) and compares their trajectories box by box: coverage, density,
mass, the number of restricted dimensions and every limit. Not part of `make test` (it needs
`pip install ema-workbench` and a release build); see the README's "Policy search" section.

    python3 scripts/prim-crosscheck.py --binary .build/release/transfersim
    python3 scripts/prim-crosscheck.py --binary B --sweep out/uncertainty --target "converted_local.mean >= 250"
"""
import argparse
import csv
import inspect
import os
import subprocess
import sys
import tempfile

SWEEP = """scenario: {scenario}
design: latin_hypercube
points: 200
trials: 10
seed: 7
parameters:
  region.firms.absorptive_a: {{range: {{low: 1, high: 6}}}}
  region.firms.cash_median: {{range: {{low: 10, high: 80}}}}
  region.arrivals.annual_disclosures: {{range: {{low: 500, high: 1100}}}}
  region.achievements.value_median: {{range: {{low: 150, high: 450}}}}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--sweep", help="a finished sweep folder (default: run the sweep above into a temporary folder)")
    parser.add_argument("--target", default="converted_local.mean >= 220")
    parser.add_argument("--tolerance", type=float, default=1e-9)
    args = parser.parse_args()

    import ema_workbench
    import numpy as np
    import pandas as pd
    from ema_workbench.analysis import prim

    work = tempfile.mkdtemp(prefix="prim-crosscheck-")
    sweep = args.sweep
    if sweep is None:
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        spec = os.path.join(work, "sweep.yaml")
        with open(spec, "w") as f:
            f.write(SWEEP.format(scenario=os.path.join(root, "Scenarios", "default.yaml")))
        sweep = os.path.join(work, "sweep")
        subprocess.run([args.binary, "sweep", spec, "--out", sweep], check=True)
    out = os.path.join(work, "discover")
    # --points: the points of sweep.csv, the table compared here (a sweep that keeps its trials
    # would otherwise be read per trial).
    subprocess.run([args.binary, "discover", sweep, "--points", "--target", args.target, "--out", out], check=True,
                   stdout=subprocess.DEVNULL)

    table = pd.read_csv(os.path.join(sweep, "sweep.csv"))
    metric_start = next(i for i, c in enumerate(table.columns) if c.endswith(".mean"))
    dims = list(table.columns[1:metric_start])
    lhs, op, rhs = args.target.replace(">=", " >= ").replace("<=", " <= ").split()[:3]
    value = table[lhs].values
    threshold = float(rhs)
    met = value >= threshold if op == ">=" else value <= threshold
    y = ~met
    x = table[dims].astype(float).reset_index(drop=True)

    # EMA Workbench 2.x takes a threshold on y (0.5 for a boolean y); 3.0 takes a boolean y only.
    settings = dict(peel_alpha=0.05, paste_alpha=0.05, mass_min=0.05)
    if "threshold" in inspect.signature(prim.Prim.__init__).parameters:
        settings["threshold"] = 0.5
    p = prim.Prim(x, y, **settings)
    box = p.find_box()
    ema = box.peeling_trajectory.reset_index(drop=True)
    ema_lims = box.box_lims

    ours = list(csv.DictReader(open(os.path.join(out, "boxes.csv"))))
    print(f"EMA Workbench {ema_workbench.__version__}; table: {len(table)} points, {len(dims)} dimensions, "
          f"{int(y.sum())} cases of interest (target {args.target} missed)")
    print(f"trajectory length: transfersim {len(ours)}, EMA {len(ema)}")
    worst = 0.0
    problems = 0
    for i in range(max(len(ours), len(ema))):
        if i >= len(ours) or i >= len(ema):
            problems += 1
            print(f"box {i}: only in {'EMA' if i >= len(ours) else 'transfersim'}")
            continue
        a, b = ours[i], ema.iloc[i]
        diffs = {
            "coverage": abs(float(a["coverage"]) - b["coverage"]),
            "density": abs(float(a["density"]) - b["density"]),
            "mass": abs(float(a["mass"]) - b["mass"]),
            "res_dim": abs(len([d for d in a["restricted"].split(";") if d]) - b["res_dim"]),
        }
        for d in dims:
            diffs[d + ".low"] = abs(float(a[d + ".low"]) - ema_lims[i].loc[0, d])
            diffs[d + ".high"] = abs(float(a[d + ".high"]) - ema_lims[i].loc[1, d])
        bad = {k: v for k, v in diffs.items() if v > args.tolerance}
        worst = max(worst, max(diffs.values()))
        if bad:
            problems += 1
            print(f"box {i}: differs in {bad}")
    print(f"largest difference over every box, statistic and limit: {worst:.3g}")
    print("PRIM cross-check: " + ("AGREE" if problems == 0 else f"{problems} box(es) DIFFER"))
    return 0 if problems == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
