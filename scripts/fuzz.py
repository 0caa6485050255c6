#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mutation fuzzing of TransferSim's readers: scenario files (`validate`), sweep files and their
scenario and design CSV (`sweep`), sensitivity specs (`sensitivity`, the `*.spec.yaml` files of
the sweep corpus), for a bounded time.

    scripts/fuzz.py --binary .build/debug/transfersim --seconds 60 [--seed N] [--out .build/fuzz]

Each case takes a file of the committed corpus (Tests/Fuzz/corpus/{scenario,sweep}/), applies one to
four random mutations (bit flips, deleted, repeated or swapped lines, YAML tokens and extreme
numbers spliced in, truncation, lines spliced from another corpus file) and runs the command on it.
A case fails when the process
  - is killed by a signal or aborts (a crash: exit status >= 128, or "Fatal error" on stderr),
  - runs longer than --timeout seconds (a hang),
  - exits with a status other than 0, 64, 65 or 66 (sysexits as ENGINEERING.md uses them), or
  - exits 65 without an "error:" message on stderr.
Failing inputs are kept in OUT/failures/ with the command and its output; the script exits 1 when
there is any. The same --seed gives the same cases. `make fuzz` runs it (FUZZ_SECONDS=60).
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

TOKENS = [
    "{", "}", "[", "]", ":", ": ", "- ", ",", "&a ", "*a", "<<: *a", "!!binary ", "!!str ", "~", "null",
    "true", "0", "-1", "1e308", "-1e308", "1e-320", "nan", ".nan", ".inf", "-.inf", "0x10", "99999999999999999999",
    "18446744073709551616", "\t", "\"", "'", "#", "|", ">", "---", "...", "%YAML 1.2", "? ", "\u00a0", "é", "科技",
    "\ufeff", "\x00", "\r", "dist: ", "{dist: beta, a: 0, b: 0}", "{dist: normal, mean: 0, sd: -1}",
    "{dist: discrete, values: [], weights: []}", "{range: {low: 1, high: 0, steps: 0}}",
    "{range: {low: 0, high: 1, steps: 100000000}}", "{values: []}", "steps: -5", "points: 100000000",
    "design: sobol", "design: monte_carlo", "design: {csv: /dev/zero}", "scenario: /dev/zero",
    "scenario: missing.yaml", "targets: [\"x.mean >= \"]", "variants: {a: {policy: {}}}",
]
ALLOWED = {0, 64, 65, 66}


def mutate(text, rng, donors):
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(8)
        if kind == 0 and text:
            data = bytearray(text.encode("utf-8", "surrogatepass"))
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
            text = data.decode("utf-8", "replace")
            lines = text.split("\n")
        elif kind == 1 and len(lines) > 1:
            del lines[rng.randrange(len(lines))]
        elif kind == 2 and lines:
            i = rng.randrange(len(lines))
            lines[i:i] = [lines[i]] * rng.randint(1, 3)
        elif kind == 3 and len(lines) > 1:
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == 4 and lines:
            i = rng.randrange(len(lines))
            line = lines[i]
            at = rng.randrange(len(line) + 1)
            lines[i] = line[:at] + rng.choice(TOKENS) + line[at:]
        elif kind == 5 and lines:
            i = rng.randrange(len(lines))
            line = lines[i]
            if ":" in line:
                lines[i] = line[: line.index(":") + 1] + " " + rng.choice(TOKENS)
        elif kind == 6:
            donor = rng.choice(donors).split("\n")
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(donor))
        else:
            joined = "\n".join(lines)
            lines = joined[: rng.randrange(len(joined) + 1)].split("\n")
        text = "\n".join(lines)
    return text


def run_case(binary, args, cwd, timeout):
    started = time.monotonic()
    try:
        done = subprocess.run([binary] + args, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "", time.monotonic() - started
    return done.returncode, done.stderr.decode("utf-8", "replace"), time.monotonic() - started


def problem(status, stderr):
    if status is None:
        return "hang"
    if status < 0 or status >= 128 or "Fatal error" in stderr:
        return f"crash (status {status})"
    if status not in ALLOWED:
        return f"unexpected exit status {status}"
    if status == 65 and "error:" not in stderr:
        return "exit 65 without an error message"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "..", "Tests", "Fuzz", "corpus"))
    parser.add_argument("--out", default=".build/fuzz")
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    seed = options.seed if options.seed is not None else random.randrange(1 << 32)
    rng = random.Random(seed)
    corpus = os.path.abspath(options.corpus)
    scenarios = {n: open(os.path.join(corpus, "scenario", n), encoding="utf-8").read()
                 for n in sorted(os.listdir(os.path.join(corpus, "scenario")))}
    sweep_dir = os.path.join(corpus, "sweep")
    sweeps = {n: open(os.path.join(sweep_dir, n), encoding="utf-8").read()
              for n in sorted(os.listdir(sweep_dir)) if n.endswith(".yaml") and n != "small.yaml"}
    donors = list(scenarios.values()) + list(sweeps.values())
    failures = os.path.join(os.path.abspath(options.out), "failures")
    print(f"fuzz: seed {seed}, {options.seconds:g} s, corpus {len(scenarios)} scenarios and {len(sweeps)} sweeps")
    deadline = time.monotonic() + options.seconds
    cases = 0
    found = 0
    slowest = 0.0
    counts = {}
    with tempfile.TemporaryDirectory(prefix="transfersim-fuzz-") as work:
        while time.monotonic() < deadline:
            for name in os.listdir(work):
                path = os.path.join(work, name)
                shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
            for name in os.listdir(sweep_dir):
                if not name.endswith(".yaml") or name == "small.yaml":
                    shutil.copy(os.path.join(sweep_dir, name), work)
            if rng.random() < 0.5:
                name, text = rng.choice(sorted(scenarios.items()))
                case = mutate(text, rng, donors)
                files = {"case.yaml": case}
                args = ["validate", "case.yaml"]
            else:
                name, text = rng.choice(sorted(sweeps.items()))
                target = rng.random()
                files = {"case.yaml": text, "small.yaml": scenarios["small.yaml"],
                         "design.csv": open(os.path.join(sweep_dir, "design.csv"), encoding="utf-8").read()}
                mutated = "case.yaml" if target < 0.7 else ("small.yaml" if target < 0.85 else "design.csv")
                files[mutated] = mutate(files[mutated], rng, donors)
                case = files[mutated]
                command = "sensitivity" if name.endswith(".spec.yaml") else "sweep"
                args = [command, "case.yaml", "--out", "out", "--threads", "1", "--max-trial-runs", "200"]
            for file, content in files.items():
                with open(os.path.join(work, file), "w", encoding="utf-8", errors="surrogatepass") as handle:
                    handle.write(content)
            status, stderr, seconds = run_case(binary, args, work, options.timeout)
            slowest = max(slowest, seconds)
            cases += 1
            counts[status] = counts.get(status, 0) + 1
            what = problem(status, stderr)
            if what:
                found += 1
                folder = os.path.join(failures, f"case-{seed}-{cases}")
                os.makedirs(folder, exist_ok=True)
                for file, content in files.items():
                    with open(os.path.join(folder, file), "w", encoding="utf-8", errors="surrogatepass") as handle:
                        handle.write(content)
                with open(os.path.join(folder, "README.txt"), "w", encoding="utf-8") as handle:
                    handle.write(f"{what}\nfrom corpus file {name}\ncommand: transfersim {' '.join(args)}\n\n{stderr}")
                print(f"fuzz: {what} on a mutation of {name}: kept in {folder}", file=sys.stderr)
    shown = ", ".join(f"{'timeout' if k is None else k}: {v}" for k, v in sorted(counts.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)))
    print(f"fuzz: {cases} cases ({shown}), slowest {slowest:.2f} s, {found} failing")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
