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
4. Meanwhile an attacker opens --slow N connections from 127.0.0.2 sending their headers a byte
   every few seconds (slowloris), and from 127.0.0.3 asks a download with 2,700 overlapping
   byte ranges and sends requests of 3,000 header lines, over and over; a monitor asks
   /healthz from 127.0.0.1 twice a second on a fresh connection.
Prints requests/s, latency p50/p90/p99, every error (non-2xx, socket errors), what the
attacker was answered, and the slowest /healthz; exits 1 when one took a second or more.
"""
import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
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
    ap.add_argument("--slow", type=int, default=200, help="slow connections the attacker holds (0: no attack)")
    a = ap.parse_args()
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"], check=True)

    work = tempfile.mkdtemp(prefix="luutru-load-")
    archive = os.path.join(work, "archive")
    os.makedirs(archive, mode=0o700)
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
                               "--log-level", "warn"],
                              stdout=subprocess.PIPE, text=True)
    port = int(server.stdout.readline().split()[-1])
    ingest = subprocess.Popen([a.luutru, "ingest", os.path.join(SHARED, "corpus", "dev", "docs"), "--archive", archive,
                               "--jobs", "1", "--progress", "none", "--log-level", "warn",
                               "--report", os.path.join(work, "ingest.json")])
    started = time.monotonic()
    stop = threading.Event()
    attack = {"slow_sent": 0, "slow_alive": 0, "slow_refused": 0, "ranges": {}, "headers": {}}
    health = []
    threads = [threading.Thread(target=monitor, args=(port, stop, health))]
    if a.slow:
        download = f"/api/v1/records/{first_record(a.luutru, archive)}/original"
        threads += [threading.Thread(target=slowloris, args=(port, a.slow, stop, attack)),
                    threading.Thread(target=abuse, args=(port, token, download, stop, attack))]
    for t in threads:
        t.start()
    out = subprocess.run(["wrk", "-t2", f"-c{a.clients}", f"-d{a.seconds}s", "--timeout", "10s", "--latency",
                          "-s", script, f"http://127.0.0.1:{port}"], capture_output=True, text=True).stdout
    stop.set()
    for t in threads:
        t.join()
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
    if a.slow:
        print(f"attacker: {attack['slow_sent']} slow connections from 127.0.0.2, {attack['slow_alive']} kept open by "
              f"the server (the rest closed: one address's share), {attack['slow_refused']} refused; from 127.0.0.3, "
              f"2,700-range downloads answered {attack['ranges']}, 3,000-header requests answered {attack['headers']}")
    worst = max(health) if health else float("inf")
    health.sort()
    print(f"/healthz from 127.0.0.1: {len(health)} asked, median {health[len(health) // 2] * 1000:.0f} ms, "
          f"slowest {worst * 1000:.0f} ms" if health else "/healthz: never answered")
    shutil.rmtree(work, ignore_errors=True)
    if non2xx or sock or worst >= 1.0:
        print(out)
        sys.exit(1)


def first_record(luutru, archive):
    """A sample's record: it has an original to download (the synthetic ones do not)."""
    out = subprocess.run([luutru, "search", "--archive", archive, "--json", "-n", "50", "chuyen doi so"],
                         capture_output=True, text=True, check=True).stdout
    return next(h["record"] for h in json.loads(out)["hits"] if h["source"].endswith("cv-chuyen-doi-so.pdf"))


def monitor(port, stop, latencies):
    """/healthz twice a second, each on a fresh connection from 127.0.0.1; the time to answer (or
    10 s for no answer)."""
    while not stop.is_set():
        started = time.monotonic()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                answer = s.recv(100)
            latencies.append(time.monotonic() - started if answer.startswith(b"HTTP/1.1 200") else 10.0)
        except OSError:
            latencies.append(10.0)
        stop.wait(0.5)


def slowloris(port, count, stop, attack):
    """`count` connections from 127.0.0.2, each sending its request line, then a header byte
    every 5 s, never finishing."""
    held = []
    for _ in range(count):
        try:
            s = socket.socket()
            s.bind(("127.0.0.2", 0))
            s.settimeout(2)
            s.connect(("127.0.0.1", port))
            s.sendall(b"GET /api/v1/search?q=van HTTP/1.1\r\nHost: x\r\n")
            held.append(s)
        except OSError:
            attack["slow_refused"] += 1
    attack["slow_sent"] = len(held)
    while not stop.wait(5):
        for s in list(held):
            try:
                s.sendall(b"X")
                s.settimeout(0.01)
                if s.recv(1) == b"":  # closed by the server
                    held.remove(s)
            except socket.timeout:
                pass  # open, and waiting for the rest of the headers
            except OSError:
                held.remove(s)
        attack["slow_alive"] = len(held)
    for s in held:
        s.close()


def abuse(port, token, download, stop, attack):
    """From 127.0.0.3: a download with 2,700 overlapping ranges, and a request of 3,000 header
    lines, over and over; what each is answered."""
    ranges = "bytes=" + ",".join(f"{i}-{i + 100000}" for i in range(2700))
    flood = "".join(f"X-Pad-{i}: {'a' * 20}\r\n" for i in range(3000))
    requests = [("ranges", f"GET {download} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                           f"Range: {ranges}\r\nConnection: close\r\n\r\n"),
                ("headers", f"GET /healthz HTTP/1.1\r\nHost: x\r\n{flood}Connection: close\r\n\r\n")]
    while not stop.is_set():
        for kind, request in requests:
            try:
                s = socket.socket()
                s.bind(("127.0.0.3", 0))
                s.settimeout(10)
                s.connect(("127.0.0.1", port))
                s.sendall(request.encode())
                received, answer = 0, b""
                while chunk := s.recv(65536):
                    answer = answer or chunk
                    received += len(chunk)
                status = answer.split(b" ", 2)[1].decode() if answer.startswith(b"HTTP/") else "closed"
                s.close()
            except OSError:
                status = "refused"
            key = f"{status}" + (f" ({received // 1024} KB)" if kind == "ranges" and status.startswith("2") else "")
            attack[kind][key] = attack[kind].get(key, 0) + 1
        stop.wait(0.2)


if __name__ == "__main__":
    main()
