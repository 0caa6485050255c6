#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate IRR/XIRR reference values with pyxirr (an independent implementation) for the tests.

    pip install pyxirr==0.10.8
    scripts/make-irr-fixtures.py > Tests/TransferSimCoreTests/Fixtures/irr-pyxirr.json

Series are fund-like (contributions, then distributions) with one sign change, so the IRR is unique,
and include awkward cases: late large inflows, long runs of zeros, IRR near zero, and IRR below -50 %
a year (XIRR kept within −99.9 % … +10,000 %). `irr` is pyxirr's periodic (monthly) IRR of `flows`; `xirr` is pyxirr's XIRR (Actual/365) of
`amounts` paid `days` days after the first flow.
"""
import datetime
import json
import math
import random

import pyxirr

rng = random.Random(20261122)
start = datetime.date(2020, 1, 1)


def series(kind):
    n = rng.randint(12, 240)
    paid_months = rng.randint(1, max(1, n // 3))
    flows = [0.0] * n
    for t in range(paid_months):
        if rng.random() < 0.7:
            flows[t] = -round(rng.uniform(10, 500), 2)
    if all(f == 0 for f in flows):
        flows[0] = -100.0
    paid = -sum(flows)
    first_out = rng.randint(paid_months, n - 1)
    if kind == "long_zeros":
        first_out = max(first_out, n - 3)
    if kind == "late_large":
        multiple = rng.uniform(2, 20)
        flows[n - 1] = round(paid * multiple, 2)
        for t in range(first_out, n - 1):
            if rng.random() < 0.1:
                flows[t] = round(rng.uniform(0, 0.05) * paid, 2)
    else:
        multiple = {
            "near_zero": rng.uniform(0.995, 1.005),
            "deep_loss": rng.uniform(0.001, 0.05),
            "ordinary": rng.uniform(0.3, 4.0),
            "long_zeros": rng.uniform(0.5, 3.0),
        }[kind]
        outs = [rng.random() for _ in range(first_out, n)]
        total = sum(outs)
        for k, t in enumerate(range(first_out, n)):
            flows[t] = round(paid * multiple * outs[k] / total, 2)
    return flows


def sign_changes(values):
    signs = [v > 0 for v in values if v != 0]
    return sum(1 for a, b in zip(signs, signs[1:]) if a != b)


cases = []
kinds = ["ordinary"] * 100 + ["late_large"] * 40 + ["long_zeros"] * 40 + ["near_zero"] * 30 + ["deep_loss"] * 30
for kind in kinds:
    flows = series(kind)
    if sign_changes(flows) != 1:
        continue
    irr = pyxirr.irr(flows)
    # Irregular dates: each flow paid a random number of days after the previous one.
    days, d = [], 0
    amounts = [f for f in flows if f != 0]
    for _ in amounts:
        days.append(d)
        d += rng.randint(1, 60)
    xirr = pyxirr.xirr([start + datetime.timedelta(days=x) for x in days], amounts)
    if irr is None or xirr is None or not math.isfinite(irr) or not math.isfinite(xirr):
        continue
    if not -0.999 <= xirr <= 100:   # beyond −99.9 % … +10,000 % a year a float IRR is not meaningful
        continue
    cases.append({"kind": kind, "flows": flows, "irr": irr, "days": days, "amounts": amounts, "xirr": xirr})

print(json.dumps({"generator": "scripts/make-irr-fixtures.py", "pyxirr": "0.10.8", "cases": cases}, indent=1))
