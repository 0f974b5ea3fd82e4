#!/usr/bin/env python3
"""Load on `luutru serve`: 32 concurrent clients for 60 s while an ingest writes to the archive.

    bench/load_bench.py [--pages 12000] [--clients 32] [--seconds 60]

1. An archive of --pages pages: text-only records built through the real index writer
   (`build/bench/textindex synth`, the decree texts of ../shared/realworld/nd30-2020-text),
   plus samples/ ingested, and a user with every clearance.
2. `luutru serve` on loopback; `luutru ingest` of ../shared/corpus/dev starts into the same
   archive (one OCR thread; it commits as it goes, and the server sees each commit).
3. `wrk` (Debian's package; installed here if missing) runs --clients connections for
   --seconds, each request a search of bench/queries.tsv (with and without diacritics) with
   facets, as the staff page asks it.
Prints requests/s, latency p50/p90/p99, and every error (non-2xx, socket errors).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
SHARED = os.path.join(ROOT, "..", "shared")


def fold(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--luutru", default=os.path.join(ROOT, "build", "cli", "luutru"))
    ap.add_argument("--textindex", default=os.path.join(ROOT, "build", "bench", "textindex"))
    ap.add_argument("--pages", type=int, default=12000)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=int, default=60)
    a = ap.parse_args()
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"], check=True)

    work = tempfile.mkdtemp(prefix="luutru-load-")
    archive = os.path.join(work, "archive")
    os.makedirs(archive)
    texts = sorted(os.path.join(SHARED, "realworld", "nd30-2020-text", f)
                   for f in os.listdir(os.path.join(SHARED, "realworld", "nd30-2020-text")) if f.endswith(".md"))
    synth = json.loads(subprocess.run([a.textindex, "synth", "--archive", archive, "--pages", str(a.pages)] + texts,
                                      check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
    subprocess.run([a.luutru, "ingest", os.path.join(ROOT, "samples"), "--archive", archive, "--progress", "none",
                    "--log-level", "warn"], check=True)
    token = subprocess.run([a.luutru, "user", "add", "bench", "--clearance", "tuyet-mat", "--archive", archive],
                           check=True, capture_output=True, text=True).stdout.strip()

    queries = []
    for line in open(os.path.join(HERE, "queries.tsv"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            q = line.split("\t")[0]
            queries += [q, fold(q)]
    paths = ["/api/v1/search?" + urllib.parse.urlencode({"q": q, "facets": 1, "limit": 10}) for q in queries]
    script = os.path.join(work, "queries.lua")
    with open(script, "w", encoding="utf-8") as f:
        f.write("local paths = {\n" + ",\n".join(json.dumps(p) for p in paths) + "\n}\n")
        f.write(f'wrk.headers["Authorization"] = "Bearer {token}"\n')
        f.write("local n = 0\nrequest = function()\n  n = n + 1\n"
                "  return wrk.format(\"GET\", paths[(n % #paths) + 1])\nend\n")

    server = subprocess.Popen([a.luutru, "serve", "--archive", archive, "--listen", "127.0.0.1:0",
                               "--audit-key", os.path.join(os.path.dirname(archive), "audit.key"),
                               "--threads", str(a.clients), "--log-level", "warn"],
                              stdout=subprocess.PIPE, text=True)
    port = int(server.stdout.readline().split()[-1])
    ingest = subprocess.Popen([a.luutru, "ingest", os.path.join(SHARED, "corpus", "dev", "docs"), "--archive", archive,
                               "--jobs", "1", "--progress", "none", "--log-level", "warn",
                               "--report", os.path.join(work, "ingest.json")])
    started = time.monotonic()
    out = subprocess.run(["wrk", "-t2", f"-c{a.clients}", f"-d{a.seconds}s", "--timeout", "10s", "--latency",
                          "-s", script, f"http://127.0.0.1:{port}"], capture_output=True, text=True).stdout
    ingest_running_at_end = ingest.poll() is None
    ingest.wait()
    ingest_seconds = time.monotonic() - started
    server.terminate()
    server.wait()
    report = json.load(open(os.path.join(work, "ingest.json")))

    def latency(p):
        m = re.search(rf"^\s*{p}%\s+(\S+)", out, re.M)
        return m.group(1) if m else "?"
    requests = re.search(r"(\d+) requests in", out)
    rate = re.search(r"Requests/sec:\s+(\S+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: (.*)", out)
    print(f"archive: {synth['pages'] + 6} pages before the run ({synth['pages']} synthetic in {synth['records']} "
          f"records + samples); ingest during the run: {report['pages']['total']} pages of "
          f"{report['files']['archived']} files in {ingest_seconds:.0f} s "
          f"({'still running when the load ended' if ingest_running_at_end else 'finished before the load ended'})")
    print(f"load: wrk -t2 -c{a.clients} -d{a.seconds}s, {len(paths)} searches with facets, in turn")
    print(f"requests: {requests.group(1) if requests else '?'} ({rate.group(1) if rate else '?'}/s); "
          f"latency p50 {latency(50)}, p90 {latency(90)}, p99 {latency(99)}")
    print(f"errors: non-2xx {non2xx.group(1) if non2xx else 0}; socket {sock.group(1) if sock else 'none'}")
    shutil.rmtree(work, ignore_errors=True)
    if non2xx or sock:
        print(out)
        sys.exit(1)


if __name__ == "__main__":
    main()
