#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Recompute a Sobol analysis's point estimates from its saved evaluations with NumPy alone.

    scripts/sensitivity-crosscheck.py OUT/sensitivity_samples.csv OUTPUT [second_order]

An independent check of TransferSim's estimators (docs/sensitivity.md): reads the Saltelli rows of
`sensitivity_samples.csv` and prints, per parameter, ST (Jansen), S1 (Saltelli 2010 on the output
centred by the mean of all evaluations, as TransferSim and SALib 1.6 compute it) and the uncentred
S1, to compare with `sensitivity.csv`.
"""
import csv
import sys

import numpy as np

path, output = sys.argv[1], sys.argv[2]
second_order = len(sys.argv) > 3 and sys.argv[3] == "second_order"
with open(path, newline="") as f:
    rows = list(csv.DictReader(f))
names = [c for c in rows[0].keys() if c != "point" and "." in c]
k = len(names)
step = 2 * k + 2 if second_order else k + 2
y = np.array([float(r[output]) for r in rows])
if len(y) % step:
    sys.exit(f"{len(y)} rows are not a whole number of {step}-row Saltelli blocks")
y = y.reshape(-1, step)
a, b, ab = y[:, 0], y[:, -1], y[:, 1:1 + k]
v = np.var(np.r_[a, b])
c = np.mean(y)
st = 0.5 * np.mean((a[:, None] - ab) ** 2, axis=0) / v
s1 = np.mean((b[:, None] - c) * (ab - a[:, None]), axis=0) / v
s1_uncentred = np.mean(b[:, None] * (ab - a[:, None]), axis=0) / v
print(f"{'parameter':45s} {'S1':>12s} {'ST':>12s} {'S1 uncentred':>12s}")
for name, x1, xt, xs in zip(names, s1, st, s1_uncentred):
    print(f"{name:45s} {x1:12.6g} {xt:12.6g} {xs:12.6g}")
