#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Recovery check of `transfersim calibrate`: do the 90 % posterior intervals cover known values?

For each replicate s = 1…S:
1. true parameter values θ* are drawn from the uniform priors (a fixed pseudo-random stream per s);
2. one history of a small synthetic scenario is simulated at θ* (`calibrate --simulate`, under a seed
   of its own), and its figures become the observed file, each with as uncertainty its sd over 20
   further histories at θ* (the figure's own spread);
3. `transfersim calibrate` fits the two parameters to those figures from the uniform priors, and the
   posterior 5 % and 95 % points (calibration.csv) are compared with θ*.

Why the nominal rate is 90 %: θ* is drawn from the prior and the data from the model at θ*, so the
exact posterior's 90 % interval covers θ* with probability exactly 0.90 (Cook, Gelman & Rubin 2006;
Talts et al. 2018, simulation-based calibration). ABC at a finite tolerance ε targets
p(θ | distance ≤ ε), which conditions on the figures only up to ε and is in general wider than the
exact posterior, so its intervals tend to over-cover; what would be wrong is under-coverage
(intervals too narrow: overconfidence). The check is therefore one-sided: PASS when the empirical
coverage is at least 0.90 − 2 SE₀, with SE₀ = √(0.9 × 0.1 / n) the binomial standard error under the
nominal rate (n = S × parameters; a method with exactly nominal coverage fails it about 2–3 % of the
time; the two parameters of one replicate are not independent, so the binomial SE is approximate).
Since a calibration that returned its prior would also cover at 90 %, the check also requires the
intervals to be informative: for every parameter the median ratio of posterior to prior sd must be
at most 0.5 (a posterior equal to its prior has 1; `calibrate` warns from 0.9).

Not part of `make test` (minutes on 2 cores at the defaults, docs/calibration.md has the measured time);
`make calibration-recovery` (and `make calibration-check`) run it.
Usage: scripts/calibration-recovery.py --binary .build/release/transfersim [--replicates 40] [--jobs 2] [--out FILE]
"""
import argparse
import concurrent.futures
import csv
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# A small city: 4 simulated years, results arriving all four years. The values here are replaced by
# each replicate's priors (the observed file's `priors:`), so they only fill the scenario.
SCENARIO = """name: "recovery (synthetic)"
region:
  time: {horizon_years: 4, intake_years: 4}
  arrivals: {annual_disclosures: 80}
  approval: {probability: 0.8}
"""
# (path, low, high): the uniform priors, and the range each replicate's true value is drawn from.
PRIORS = [
    ("region.arrivals.annual_disclosures", 30.0, 150.0),
    ("region.approval.probability", 0.2, 0.95),
]
# (name, how the observed file maps it): results disclosed over the 4 years inform the arrival rate;
# results that passed the institution's approval (given those disclosed) inform the approval
# probability. Both are counts of a few hundred whose means move nearly linearly with their parameter.
FIGURES = [
    ("disclosed", "metric: disclosed"),
    ("approved", "funnel: approval"),
]
# Histories at θ* simulated to measure each figure's spread, its stated uncertainty.
SPREAD_HISTORIES = 20
NOMINAL = 0.90
MAX_SD_RATIO = 0.5


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def priors_yaml():
    """The priors as the observed file's nested `priors:` section."""
    tree = {}
    for path, low, high in PRIORS:
        node = tree
        parts = path.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = f"{{dist: uniform, low: {low:g}, high: {high:g}}}"
    lines = ["priors:"]

    def emit(node, depth):
        for key, value in node.items():
            if isinstance(value, dict):
                lines.append("  " * depth + f"{key}:")
                emit(value, depth + 1)
            else:
                lines.append("  " * depth + f"{key}: {value}")

    emit(tree, 1)
    return "\n".join(lines) + "\n"


def observed_yaml(values, uncertainties, source):
    text = "description: synthetic figures for the recovery check\nfigures:\n"
    for (name, mapping), value, u in zip(FIGURES, values, uncertainties):
        text += (f"  - name: {name}\n    {mapping}\n    value: {value:.17g}\n    uncertainty: {u:.17g}\n"
                 f"    source: \"{source}\"\n")
    return text + priors_yaml()


def truth(replicate):
    """θ* of a replicate: uniform on each prior, from a stream of its own."""
    stream = random.Random(f"transfersim recovery {replicate}")
    return [stream.uniform(low, high) for _, low, high in PRIORS]


def replicate(a, work, s):
    folder = os.path.join(work, f"r{s:03d}")
    os.makedirs(folder)
    scenario = os.path.join(folder, "scenario.yaml")
    with open(scenario, "w", encoding="utf-8") as f:
        f.write(SCENARIO)
    theta = truth(s)
    # The observed history: one simulation at θ* under a seed the calibration never uses.
    placeholder = os.path.join(folder, "placeholder.observed.yaml")
    with open(placeholder, "w", encoding="utf-8") as f:
        f.write(observed_yaml([1.0] * len(FIGURES), [1.0] * len(FIGURES), "placeholder"))
    point = ",".join(f"{x:.17g}" for x in theta)
    served = subprocess.run([a.binary, "calibrate", scenario, "--observed", placeholder, "--simulate",
                             "--seed", str(1_000_000 + s)],
                            input="".join(f"{i},{point}\n" for i in range(SPREAD_HISTORIES + 1)),
                            capture_output=True, text=True, check=True)
    histories = [[float(x) for x in line.split(",")] for line in served.stdout.strip().split("\n")]
    values = histories[0]
    # Each figure's uncertainty: its sd over SPREAD_HISTORIES other histories at θ* (the scale of
    # what one history can say about it).
    uncertainties = [statistics.stdev(h[k] for h in histories[1:]) for k in range(len(FIGURES))]
    observed = os.path.join(folder, "observed.yaml")
    with open(observed, "w", encoding="utf-8") as f:
        f.write(observed_yaml(values, uncertainties, f"one history at the true values, seed {1_000_000 + s}"))
    started = time.monotonic()
    out = os.path.join(folder, "calibration")
    subprocess.run([a.binary, "calibrate", scenario, "--observed", observed, "--particles", str(a.particles),
                    "--min-tolerance", str(a.min_tolerance), "--until-acceptance", str(a.until_acceptance),
                    "--seed", str(s), "--threads", str(a.threads), "--out", out],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.monotonic() - started
    cal = {r["parameter"]: r for r in rows(os.path.join(out, "calibration.csv"))}
    gens = rows(os.path.join(out, "generations.csv"))
    result = {"replicate": s, "theta": theta, "values": values, "seconds": seconds,
              "generations": len(gens), "simulations": sum(int(g["simulations"]) for g in gens),
              "tolerance": float(gens[-1]["tolerance"]), "parameters": []}
    for (path, _, _), x in zip(PRIORS, theta):
        r = cal[path]
        low, high = float(r["posterior_p05"]), float(r["posterior_p95"])
        result["parameters"].append({"low": low, "high": high, "covered": low <= x <= high,
                                     "sd_ratio": float(r["sd_ratio"])})
    if not a.keep:
        shutil.rmtree(folder)
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--replicates", type=int, default=40)
    ap.add_argument("--particles", type=int, default=300)
    ap.add_argument("--min-tolerance", type=float, default=1.0,
                    help="the tolerance floor, in stated uncertainties (default 1: both figures together within one)")
    ap.add_argument("--until-acceptance", type=float, default=0.1)
    ap.add_argument("--jobs", type=int, default=2, help="replicates run at once (default 2)")
    ap.add_argument("--threads", type=int, default=1, help="threads per calibration (default 1)")
    ap.add_argument("--keep", action="store_true", help="keep each replicate's folder (printed at the end)")
    ap.add_argument("--out", help="also write what is printed to this file")
    a = ap.parse_args()
    log = open(a.out, "w", encoding="utf-8") if a.out else None

    def say(text=""):
        print(text, flush=True)
        if log:
            log.write(text + "\n")
            log.flush()

    if a.replicates < 1:
        sys.exit("calibration-recovery: --replicates must be at least 1")
    work = tempfile.mkdtemp(prefix="transfersim-recovery-")
    say("$ " + " ".join(sys.argv))
    say(f"recovery: {a.replicates} replicates × {len(PRIORS)} parameters, {a.particles} particles, "
        f"tolerance floor {a.min_tolerance:g}, stop below acceptance {a.until_acceptance:g}, "
        f"{a.jobs} at once × {a.threads} thread(s)")
    say("  " + "  ".join(f"p{k}: {path} uniform({low:g}, {high:g})" for k, (path, low, high) in enumerate(PRIORS)))
    started = time.monotonic()
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        futures = [pool.submit(replicate, a, work, s) for s in range(1, a.replicates + 1)]
        for future in futures:
            r = future.result()
            results.append(r)
            cells = "  ".join(
                f"p{k} {x:.4g} in [{p['low']:.4g}, {p['high']:.4g}] {'yes' if p['covered'] else 'NO '} (sd ratio {p['sd_ratio']:.2f})"
                for k, (x, p) in enumerate(zip(r["theta"], r["parameters"])))
            say(f"  {r['replicate']:3d}: {cells}; {r['generations']} generations, {r['simulations']:,} simulations, "
                f"tolerance {r['tolerance']:.3g}, {r['seconds']:.0f} s")
    wall = time.monotonic() - started

    n = len(results) * len(PRIORS)
    covered = sum(p["covered"] for r in results for p in r["parameters"])
    rate = covered / n
    se0 = math.sqrt(NOMINAL * (1 - NOMINAL) / n)
    se = math.sqrt(rate * (1 - rate) / n)
    floor = NOMINAL - 2 * se0
    say()
    for k, (path, _, _) in enumerate(PRIORS):
        c = sum(r["parameters"][k]["covered"] for r in results)
        ratios = [r["parameters"][k]["sd_ratio"] for r in results]
        say(f"{path}: {c} of {len(results)} intervals cover the truth; median sd ratio (posterior / prior) "
            f"{statistics.median(ratios):.3f}")
    say(f"coverage: {covered} of {n} = {100 * rate:.1f} % (binomial SE {100 * se:.1f} points; "
        f"nominal {100 * NOMINAL:.0f} %, SE under it {100 * se0:.1f} points)")
    say(f"simulations: {sum(r['simulations'] for r in results):,}; wall time {wall / 60:.1f} min")
    ok_coverage = rate >= floor
    informative = all(statistics.median(r["parameters"][k]["sd_ratio"] for r in results) <= MAX_SD_RATIO
                      for k in range(len(PRIORS)))
    if rate > NOMINAL + 2 * se0:
        say(f"note: coverage above {100 * (NOMINAL + 2 * se0):.1f} %: the intervals are conservative, as expected "
            "of ABC at a finite tolerance (its posterior is wider than the exact one)")
    verdict = "PASS" if ok_coverage and informative else "FAIL"
    say(f"{verdict}: coverage {100 * rate:.1f} % {'≥' if ok_coverage else '<'} {100 * floor:.1f} % "
        f"(nominal 90 % − 2 SE₀, one-sided: ABC over-covers, under-coverage is the failure); "
        f"median sd ratios {'all ≤' if informative else 'not all ≤'} {MAX_SD_RATIO} (the intervals are informative)")
    if a.keep:
        say(f"replicates kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    if log:
        log.close()
    sys.exit(0 if verdict == "PASS" else 1)


if __name__ == "__main__":
    main()
