#!/usr/bin/env python3
"""Peak memory of `luutru ingest --jobs 2` on one long scanned PDF.

    bench/memory_bench.py [--pages 300] [--luutru build/cli/luutru]

The PDF is made of the scanned pages of ../shared/corpus/dev (pdf-scan files), cycled to
--pages pages (pikepdf, from Debian's python3-pikepdf, installed with ocrmypdf by
bench/setup-peers). Peak resident memory is measured by the kernel (/usr/bin/time -v) and
reported beside the run report's own figure.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared")

MAKE_PDF = r"""
import json, sys, pikepdf
sources, pages, out = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
pdf = pikepdf.new()
opened = [pikepdf.open(s) for s in sources]
scans = [p for src in opened for p in src.pages]
for i in range(pages):
    pdf.pages.append(scans[i % len(scans)])
pdf.save(out)
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--luutru", default=os.path.join(HERE, "..", "build", "cli", "luutru"))
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--corpus", default=os.path.join(SHARED, "corpus", "dev"))
    a = ap.parse_args()

    manifest = json.load(open(os.path.join(a.corpus, "MANIFEST.json")))
    scans = []
    for entry in manifest:
        truth = json.load(open(os.path.join(a.corpus, "truth", entry["id"] + ".json")))
        if truth["kind"] == "pdf-scan":
            scans.append(os.path.join(a.corpus, "docs", os.path.basename(truth["file"])))
    if not scans:
        sys.exit("no scanned PDFs in " + a.corpus)

    with tempfile.TemporaryDirectory(prefix="luutru-mem-") as work:
        big = os.path.join(work, f"scan-{a.pages}-pages.pdf")
        subprocess.run(["/usr/bin/python3", "-c", MAKE_PDF, json.dumps(scans), str(a.pages), big], check=True)
        size_mb = os.path.getsize(big) / 2**20
        report = os.path.join(work, "report.json")
        cmd = [a.luutru, "ingest", big, "--archive", os.path.join(work, "archive"), "--jobs", "2",
               "--progress", "none", "--log-level", "warn", "--report", report]
        run = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True)
        if run.returncode not in (0, 2):
            sys.exit(f"ingest failed ({run.returncode}): {run.stderr[-2000:]}")
        rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
        wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", run.stderr).group(1)
        r = json.load(open(report))
        print(f"command: {' '.join(cmd[:2])} <{a.pages}-page scanned PDF, {size_mb:.0f} MB> --jobs 2")
        print(f"pages: {r['pages']['total']} ({r['pages']['ocr']} OCR, {r['pages']['failed']} failed), "
              f"wall {wall}, {r['pages_per_minute']:.0f} pages/min")
        print(f"peak memory: {rss_kb / 1024:.0f} MB (kernel, /usr/bin/time), "
              f"{r['peak_memory_mb']} MB (run report)")


if __name__ == "__main__":
    main()
