#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cross-check `transfersim calibrate` against pyabc, an independent ABC-SMC implementation (PyPI).

Both run on the same simulator and the same observed file:
1. `transfersim calibrate SCENARIO --observed OBS --particles N --generations G` gives the posterior
   and its tolerance schedule (generations.csv: ∞ for the prior generation, then the medians);
2. pyabc's ABCSMC runs with the same priors (read from calibration.csv), the same distance (the
   Euclidean norm of the differences, each divided by its figure's uncertainty: PNormDistance, p = 2,
   fixed weights 1/uncertainty), the same kernel family (MultivariateNormalTransition, Silverman
   bandwidth), the same population size and the SAME tolerance schedule (ListEpsilon), so both
   target the same ABC posterior p(θ | distance ≤ final tolerance). Its simulations call the
   transfersim binary (`calibrate --simulate`, one persistent process answering one history per line).
3. The posterior means are compared: each difference must be within 3 combined Monte Carlo standard
   errors, √(sd₁²/ESS₁ + sd₂²/ESS₂) (SMC particles are weighted and correlated, so ESS stands in for n).

Not part of `make test` (it needs pyabc and takes minutes); `make calibration-check` runs it.
Usage: scripts/calibration-crosscheck.py --binary .build/release/transfersim [--particles 300] [--generations 4]
"""
import argparse
import csv
import math
import os
import re
import subprocess
import sys
import tempfile


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def scipy_prior(text):
    """calibration.csv's prior text as (scipy name, args)."""
    nums = {k: float(v) for k, v in re.findall(r"(\w+) ([-0-9.e+]+)", text)}
    if text.startswith("uniform"):
        return "uniform", (nums["low"], nums["high"] - nums["low"])
    if text.startswith("triangular"):
        low, mode, high = nums["low"], nums["mode"], nums["high"]
        return "triang", ((mode - low) / (high - low), low, high - low)
    if text.startswith("beta"):
        return "beta", (nums["a"], nums["b"])
    sys.exit(f"crosscheck: prior form not supported here: {text}")


def weighted(x, w):
    m = sum(a * b for a, b in zip(x, w))
    v = sum(b * (a - m) ** 2 for a, b in zip(x, w)) / (1 - sum(b * b for b in w))
    ess = 1 / sum(b * b for b in w)
    return m, math.sqrt(v), ess


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--scenario", default="Scenarios/default.yaml")
    ap.add_argument("--observed", default="Scenarios/calibration/default.observed.yaml")
    ap.add_argument("--particles", type=int, default=300)
    ap.add_argument("--generations", type=int, default=4)
    ap.add_argument("--seed", default="20260101")
    ap.add_argument("--out", default="out/calibration/crosscheck")
    a = ap.parse_args()
    import numpy as np
    import pyabc

    subprocess.run([a.binary, "calibrate", a.scenario, "--observed", a.observed, "--particles", str(a.particles),
                    "--generations", str(a.generations), "--seed", a.seed, "--out", a.out], check=True,
                   stdout=subprocess.DEVNULL)
    cal = rows(os.path.join(a.out, "calibration.csv"))
    pred = rows(os.path.join(a.out, "predictive.csv"))
    gens = rows(os.path.join(a.out, "generations.csv"))
    post = rows(os.path.join(a.out, "posterior.csv"))
    names = [r["parameter"] for r in cal]
    keys = [f"p{i}" for i in range(len(names))]
    prior = pyabc.Distribution(**{k: pyabc.RV(*((lambda s: (s[0], *s[1]))(scipy_prior(r["prior"]))))
                                  for k, r in zip(keys, cal)})
    observed = {f"s{i}": float(r["observed"]) for i, r in enumerate(pred)}
    weights = {f"s{i}": 1 / float(r["uncertainty"]) for i, r in enumerate(pred)}
    tolerances = [float(g["tolerance"]) for g in gens]

    server = subprocess.Popen([a.binary, "calibrate", a.scenario, "--observed", a.observed, "--simulate"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    counter = [0]

    def model(par):
        counter[0] += 1
        server.stdin.write(",".join([str(counter[0])] + [repr(float(par[k])) for k in keys]) + "\n")
        line = server.stdout.readline().strip()
        return {f"s{i}": (float(x) if x not in ("", "nan") else float("nan")) for i, x in enumerate(line.split(","))}

    try:
        distance = pyabc.PNormDistance(p=2, fixed_weights=weights)
    except TypeError:
        distance = pyabc.PNormDistance(p=2, weights={0: weights})
    abc = pyabc.ABCSMC(model, prior, distance, population_size=a.particles, eps=pyabc.ListEpsilon(tolerances),
                       transitions=pyabc.MultivariateNormalTransition(), sampler=pyabc.SingleCoreSampler())
    db = "sqlite:///" + os.path.join(tempfile.mkdtemp(), "crosscheck.db")
    np.random.seed(int(a.seed) % 2**32)
    abc.new(db, observed)
    history = abc.run(max_nr_populations=len(tolerances))
    server.stdin.close()
    server.wait()
    df, w = history.get_distribution()
    w = list(w / w.sum())

    ours_w = [float(r["weight"]) for r in post]
    print(f"Cross-check: {a.scenario} against {a.observed}, {a.particles} particles, tolerances "
          + ", ".join("∞" if math.isinf(t) else f"{t:.4g}" for t in tolerances))
    print(f"transfersim: {sum(int(g['simulations']) for g in gens)} simulations; pyabc: {counter[0]} simulations")
    print(f"{'parameter':40} {'transfersim mean (se)':>24} {'pyabc mean (se)':>24} {'|diff|/se':>10}")
    ok = True
    for k, name in zip(keys, names):
        m1, s1, e1 = weighted([float(r[name]) for r in post], ours_w)
        m2, s2, e2 = weighted(list(df[k]), w)
        se = math.sqrt(s1 * s1 / e1 + s2 * s2 / e2)
        z = abs(m1 - m2) / se
        ok &= z <= 3
        print(f"{name:40} {m1:14.6g} ({s1 / math.sqrt(e1):.3g}) {m2:14.6g} ({s2 / math.sqrt(e2):.3g}) {z:10.2f}")
    print("agree within 3 Monte Carlo standard errors" if ok else "DISAGREE beyond 3 Monte Carlo standard errors")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
