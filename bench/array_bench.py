#!/usr/bin/env python3
"""An ingest split among N tasks on this machine (issue 21): `luutru ingest --part K/N` run as N
processes at once, each with its share of the cores (--jobs), as the tasks of a Slurm array
on one node run; then `luutru merge` of the parts. Prints, for each N, the wall time, the
pages per minute of each task and of all, and the merge's seconds.

  bench/array_bench.py SRC [--tasks 1 2 3] [--out FILE]
"""
import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src")
    ap.add_argument("--luutru", default=os.path.join(ROOT, "build", "cli", "luutru"))
    ap.add_argument("--tasks", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--out")
    a = ap.parse_args()
    cores = os.cpu_count() or 1
    rows = ["| tasks | --jobs each | wall | pages | pages/min per task (each) | pages/min, all | merge |",
            "|---|---|---|---|---|---|---|"]
    for n in a.tasks:
        work = tempfile.mkdtemp(prefix="luutru-array-")
        try:
            jobs = max(1, cores // n)
            start = time.monotonic()
            procs = [subprocess.Popen([a.luutru, "ingest", a.src, "--part", f"{k}/{n}", "--archive",
                                       os.path.join(work, f"part-{k}"), "--jobs", str(jobs),
                                       "--progress", "none", "--report", os.path.join(work, f"part-{k}.json")],
                                      stderr=subprocess.DEVNULL) for k in range(n)]
            for p in procs:
                p.wait()
            wall = time.monotonic() - start
            reports = [json.load(open(os.path.join(work, f"part-{k}.json"))) for k in range(n)]
            pages = sum(r["pages"]["total"] for r in reports)
            each = ", ".join(f"{r['pages_per_minute']:.0f}" for r in reports)
            start = time.monotonic()
            subprocess.run([a.luutru, "merge", *[os.path.join(work, f"part-{k}") for k in range(n)],
                            "--archive", os.path.join(work, "merged")], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            merge = time.monotonic() - start
            rows.append(f"| {n} | {jobs} | {wall:.0f} s | {pages} | {each} | {pages * 60 / wall:.0f} | {merge:.1f} s |")
            print(rows[-1], flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    table = "\n".join(rows)
    print(table)
    if a.out:
        open(a.out, "w").write(table + "\n")


if __name__ == "__main__":
    main()
