#!/usr/bin/python3
"""Search latency of several builds on their indexes, in turn, over several rounds: the way the
issue 20 figures in docs/benchmarks.md are taken on a shared, noisy machine.

  bench/compare_builds.py --build NAME=TEXTINDEX:ARCHIVE [--build ...] [--rounds 3]
                          [--queries bench/queries.tsv] [--hits-dir DIR]

Each round runs every build once, in the order given: the OS page cache dropped (cold; needs
root, else the first pass is only a fresh process's), then `textindex query --passes 3`.
Prints each run and the medians over the rounds of warm p50/p95/p99 and the first pass's p95.
With --hits-dir, the first round also writes each build's first ten records per query
(NAME.tsv), to compare two builds' rankings.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scale_bench import drop_caches  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", action="append", required=True,
                    help="NAME=TEXTINDEX:ARCHIVE (a textindex binary and the archive it searches)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--queries", default=os.path.join(ROOT, "bench", "queries.tsv"))
    ap.add_argument("--hits-dir")
    a = ap.parse_args()
    builds = []
    for spec in a.build:
        name, _, rest = spec.partition("=")
        binary, _, archive = rest.partition(":")
        if not (name and os.access(binary, os.X_OK) and os.path.isdir(archive)):
            sys.exit(f"--build {spec}: want NAME=TEXTINDEX:ARCHIVE, an executable and a folder")
        builds.append((name, binary, archive))
    runs = {name: [] for name, _, _ in builds}
    for r in range(a.rounds):
        for name, binary, archive in builds:
            cold = drop_caches()
            cmd = [binary, "query", "--archive", archive, "--queries", a.queries, "--passes", "3"]
            if a.hits_dir and r == 0:
                os.makedirs(a.hits_dir, exist_ok=True)
                cmd += ["--hits", os.path.join(a.hits_dir, name + ".tsv")]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            answer = json.loads([line for line in out.splitlines() if line.startswith("{")][-1])
            runs[name].append(answer)
            w, f = answer["warm"], answer["first_pass"]
            print(f"round {r + 1} {name}: warm {w['p50']:.1f} / {w['p95']:.1f} / {w['p99']:.1f} ms, "
                  f"{'cold' if cold else 'first pass'} p95 {f['p95']:.1f} ms", flush=True)
    print("\n| build | warm p50 / p95 / p99 | cold p95 |\n|---|---|---|")
    for name, _, _ in builds:
        med = lambda part, p: statistics.median(x[part][p] for x in runs[name])  # noqa: E731
        print(f"| {name} | {med('warm', 'p50'):.1f} / {med('warm', 'p95'):.1f} / "
              f"{med('warm', 'p99'):.1f} ms | {med('first_pass', 'p95'):.1f} ms |")


if __name__ == "__main__":
    main()
