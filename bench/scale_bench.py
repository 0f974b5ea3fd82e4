#!/usr/bin/python3
"""Search at scale: an index of N pages built through the real index writer, then latency.

  bench/scale_bench.py [--pages 1000000] [--archive DIR] [--keep] [--out FILE.md]

1. `build/bench/textindex synth`: N pages of records (1-4 pages each) made of runs of 30
   consecutive lines of the decree texts in ../shared/realworld/nd30-2020-text, with a
   header and registry fields drawn from lists, added through luutru's index writer as
   `luutru reindex` adds them (its default shards, each written by a thread of its own).
   Reports pages/s (until the index is synced to disk), then the time of compacting it as
   `luutru reindex` does (`textindex compact`; --no-compact skips it), and the index size.
2. `textindex query` over bench/queries.tsv, each query as written and without diacritics
   (88 queries): the first pass after the OS page cache is dropped (cold; needs root, else
   it is only the first pass of a fresh process), then three warm passes. p50/p95/p99 in ms.
"""
import argparse, json, os, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ingest_bench import emit  # noqa: E402


def drop_caches():
    subprocess.run(["sync"], check=False)
    try:
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
        return True
    except OSError:
        return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=1_000_000)
    ap.add_argument("--textindex", default=os.path.join(ROOT, "build", "bench", "textindex"))
    ap.add_argument("--texts", default=os.path.join(ROOT, "..", "shared", "realworld", "nd30-2020-text"))
    ap.add_argument("--queries", default=os.path.join(ROOT, "bench", "queries.tsv"))
    ap.add_argument("--archive", help="build here (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the archive")
    ap.add_argument("--no-compact", action="store_true",
                    help="search the index as written (luutru reindex --no-compact)")
    ap.add_argument("--out", help="also write the Markdown table here")
    a = ap.parse_args()
    archive = a.archive or tempfile.mkdtemp(prefix="luutru-scale-")
    os.makedirs(archive, mode=0o700, exist_ok=True)
    try:
        texts = sorted(os.path.join(a.texts, f) for f in os.listdir(a.texts) if f.endswith(".md"))
        out = subprocess.run([a.textindex, "synth", "--archive", archive, "--pages", str(a.pages)] + texts,
                             check=True, capture_output=True, text=True)
        build = json.loads(out.stdout)
        # Compacted as `luutru reindex` leaves a rebuilt index (--no-compact: as written).
        compaction = None
        if not a.no_compact:
            out = subprocess.run([a.textindex, "compact", "--archive", archive],
                                 check=True, capture_output=True, text=True)
            compaction = json.loads([l for l in out.stdout.splitlines() if l.startswith("{")][-1])
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(archive, "index"))
                   for f in fs)
        cold = drop_caches()
        out = subprocess.run([a.textindex, "query", "--archive", archive, "--queries", a.queries, "--passes", "3"],
                             check=True, capture_output=True, text=True)
        lat = json.loads(out.stdout)
        compacted = (f"{compaction['seconds']:.0f} s, {build['pages'] / (build['seconds'] + compaction['seconds']):.0f} "
                     f"pages/s with the build" if compaction else "not compacted")
        rows = [f"| pages | records | build | compaction | index size |", "|---|---|---|---|---|",
                f"| {build['pages']:,} | {build['records']:,} | {build['pages_per_second']:.0f} pages/s "
                f"({build['seconds']:.0f} s) | {compacted} | {size / 2**30:.2f} GiB |", "",
                f"| latency over {lat['queries']} queries | p50 | p95 | p99 | max |", "|---|---|---|---|---|"]
        for key, label in (("first_pass", "cold (page cache dropped)" if cold else "first pass"),
                           ("warm", "warm (3 passes)")):
            s = lat[key]
            rows.append(f"| {label} | {s['p50']:.1f} ms | {s['p95']:.1f} ms | {s['p99']:.1f} ms | {s['max']:.1f} ms |")
        emit("\n".join(rows), a.out)
    finally:
        if not a.keep and not a.archive:
            shutil.rmtree(archive, ignore_errors=True)


if __name__ == "__main__":
    main()
