#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes Tests/TransferSimCoreTests/Fixtures/sensitivity-salib.json: SALib's indices of the
evaluations of a Sobol and a Morris run of Scenarios/sensitivity/default-levers.yaml, to check
TransferSim's estimators against an independent implementation (SobolSALibTests).

    transfersim sensitivity Scenarios/sensitivity/default-levers.yaml --out out/sobol
    transfersim sensitivity Scenarios/sensitivity/default-levers.yaml --method morris --out out/morris
    pip install salib==1.6.0 pandas
    scripts/make-salib-fixtures.py out/sobol out/morris

The fixture keeps each output's evaluations (Y, in the samples' row order) and SALib's point
estimates; the test rebuilds the same designs (N = 256 Saltelli; 20 Morris trajectories, 4 levels,
the spec's seed) and analyses Y itself.
"""
import importlib.metadata
import json
import sys

import pandas as pd
from SALib.analyze import morris, sobol

sobol_dir, morris_dir = sys.argv[1], sys.argv[2]
outputs = ["local_conversion_share", "fiscal_cost_per_local_conversion"]
fixture = {"salib": importlib.metadata.version("SALib"), "sobol": {}, "morris": {}}

df = pd.read_csv(f"{sobol_dir}/sensitivity_samples.csv")
names = [c for c in df.columns[1:] if "." in c]
problem = {"num_vars": len(names), "names": names, "bounds": [[0, 1]] * len(names)}
fixture["parameters"] = names
for out in outputs:
    y = df[out].to_numpy()
    si = sobol.analyze(problem, y, calc_second_order=False, seed=1)
    fixture["sobol"][out] = {"y": y.tolist(), "S1": si["S1"].tolist(), "ST": si["ST"].tolist()}

dm = pd.read_csv(f"{morris_dir}/sensitivity_samples.csv")
for out in outputs:
    y = dm[out].to_numpy()
    mi = morris.analyze(problem, dm[names].to_numpy(), y, num_levels=4, seed=1)
    fixture["morris"][out] = {"y": y.tolist(), "mu_star": list(map(float, mi["mu_star"])),
                              "mu": list(map(float, mi["mu"])), "sigma": list(map(float, mi["sigma"]))}

with open("Tests/TransferSimCoreTests/Fixtures/sensitivity-salib.json", "w") as f:
    json.dump(fixture, f, indent=0)
    f.write("\n")
