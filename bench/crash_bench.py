#!/usr/bin/env python3
"""Kill -9 an ingest at random moments, restart it each time, and prove nothing was lost.

    bench/crash_bench.py --luutru build/cli/luutru [--kills 20] [--seed 1] SOURCE...

1. A clean run archives SOURCE... into a reference archive.
2. The same sources go into a second archive: the run is started and killed with SIGKILL after
   a random delay, --kills times, then run to the end.
3. The two archives must agree: the same records, the same text on every page, the same
   outcome for every file; `luutru verify` finds nothing but leftovers of the killed runs,
   removes those with --repair, and then finds the archive clean.

Exits 0 when they agree; prints what differs otherwise. CI runs a shortened version
(tests/CMakeLists.txt, e2e.crash); docs/benchmarks.md quotes the full one.
"""
import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time


def ingest(luutru, archive, sources, commit_every=25):
    cmd = [luutru, "ingest", "--archive", archive, "--jobs", "2", "--progress", "none",
           "--log-level", "warn", "--commit-every", str(commit_every), *sources]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def finish(proc, what):
    _, err = proc.communicate()
    if proc.returncode not in (0, 2):
        sys.exit(f"{what}: ingest exit code {proc.returncode}\n{err[-2000:]}")


def archive_state(archive):
    """Records with their page texts, and each file's outcome, as the catalog and records/ hold them."""
    db = sqlite3.connect(f"file:{os.path.join(archive, 'catalog.sqlite')}?mode=ro", uri=True)
    records = {}
    for (rid,) in db.execute("SELECT id FROM records"):
        with open(os.path.join(archive, "records", rid, "record.json"), encoding="utf-8") as f:
            record = json.load(f)
        records[rid] = [p.get("text", "") for p in record["pages"]]
    files = {key: (state, rid if state == "done" else "")
             for key, state, rid in db.execute("SELECT key, state, record_id FROM files")}
    db.close()
    return records, files


def verify(luutru, archive, repair=False):
    cmd = [luutru, "verify", "--archive", archive, "--json", "--log-level", "error"]
    if repair:
        cmd.append("--repair")
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode not in (0, 6):
        sys.exit(f"verify failed with exit code {out.returncode}: {out.stderr[-2000:]}")
    return json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--luutru", default="build/cli/luutru")
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-delay", type=float, default=0,
                    help="longest wait before a kill, seconds (default: twice the clean run's time "
                         "shared by the kills, so that they fall all along the work)")
    ap.add_argument("--commit-every", type=int, default=2,
                    help="records per commit in the killed runs (small: each run keeps some progress)")
    ap.add_argument("--work", help="keep the archives here (default: a temporary folder)")
    ap.add_argument("sources", nargs="+")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    work = a.work or tempfile.mkdtemp(prefix="luutru-crash-")
    reference, faulted = os.path.join(work, "reference"), os.path.join(work, "faulted")

    started = time.monotonic()
    finish(ingest(a.luutru, reference, a.sources), "reference run")
    clean_seconds = time.monotonic() - started
    max_delay = a.max_delay or 2 * clean_seconds / max(1, a.kills)
    print(f"reference run: {clean_seconds:.1f} s; kills after 0.2-{max_delay:.1f} s")

    # Killed runs until --kills kills have landed; a run that finishes first means the work
    # is done, and the kills that remain cannot hit anything.
    killed_after = []
    while len(killed_after) < a.kills:
        delay = rng.uniform(0.2, max_delay)
        proc = ingest(a.luutru, faulted, a.sources, a.commit_every)
        try:
            proc.wait(timeout=delay)
            proc.stderr.close()
            print(f"run {len(killed_after) + 1}: finished before its kill at {delay:.1f} s")
            break
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            proc.stderr.close()
            killed_after.append(delay)
            print(f"kill {len(killed_after)}: after {delay:.1f} s")
    before_final = len(archive_state(faulted)[0]) if os.path.exists(os.path.join(faulted, "catalog.sqlite")) else 0
    print(f"{before_final} records archived by the killed runs; the final run does the rest")
    finish(ingest(a.luutru, faulted, a.sources), "final run")

    failures = []
    ref_records, ref_files = archive_state(reference)
    got_records, got_files = archive_state(faulted)
    if set(ref_records) != set(got_records):
        failures.append(f"records differ: missing {sorted(set(ref_records) - set(got_records))}, "
                        f"extra {sorted(set(got_records) - set(ref_records))}")
    for rid in set(ref_records) & set(got_records):
        if ref_records[rid] != got_records[rid]:
            failures.append(f"record {rid}: page text differs")
    if ref_files != got_files:
        diff = {k: (ref_files.get(k), got_files.get(k)) for k in set(ref_files) | set(got_files)
                if ref_files.get(k) != got_files.get(k)}
        failures.append(f"file outcomes differ: {diff}")

    report = verify(a.luutru, faulted)
    other = [p for p in report["problems"] if p["kind"] != "leftover"]
    if other:
        failures.append(f"verify: {other}")
    leftovers = len(report["problems"]) - len(other)
    repaired = verify(a.luutru, faulted, repair=True)
    after = verify(a.luutru, faulted)
    if not after["clean"]:
        failures.append(f"verify after --repair: {after['problems']}")
    if report["records"] != len(ref_records) or report["indexed_records"] != len(ref_records):
        failures.append(f"verify counts {report['records']} records, {report['indexed_records']} indexed; "
                        f"expected {len(ref_records)}")

    print(f"{len(killed_after)} of {a.kills} kills landed before the work was done; "
          f"{len(ref_records)} records, {len(ref_files)} files; "
          f"{leftovers} leftovers of killed runs (removed by --repair: {repaired['unrepaired'] == 0})")
    if failures:
        print("FAIL:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("same records, same text, same outcomes; index and catalog agree")


if __name__ == "__main__":
    main()
