#!/usr/bin/env python3
"""Search over shards on other machines (issue 21): the same shard archives searched local and
through Xapian's remote backend (each behind its own `luutru shard serve`, i.e. xapian-tcpsrv,
on loopback), in turn, warm; then one shard server killed in the middle of a run.

  bench/remote_bench.py --shards A B C [--rounds 3] [--out FILE]

Each shard is an archive folder with an index (textindex synth --first-record N makes them).
Local: one index whose stub names every shard's databases (symbolic links in a temporary
folder), searched as luutru searches one archive. Remote: a search head whose stub lists the
three servers (`luutru shard add`). Latency is `textindex query` (Searcher::Search, the first
ten records with snippets), each query as written and without marks.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def local_head(shards, folder):
    """One index naming every shard's databases, renumbered: shards=N*k of each mark."""
    index = os.path.join(folder, "index")
    os.makedirs(index)
    per_mark = {}
    total = 0
    for archive in shards:
        stub = open(os.path.join(archive, "index", "XAPIANDB")).read().splitlines()
        count = int(stub[0].split("=")[1])
        for line in stub[1:]:
            backend, name = line.split()
            if backend != "glass":
                continue
            gen_mark, shard = name.rsplit("-", 1)
            mark = gen_mark.split("-", 1)[1]
            new = f"g0-{mark}-{total + int(shard)}"
            os.symlink(os.path.join(os.path.abspath(archive), "index", name), os.path.join(index, new))
            per_mark.setdefault(mark, []).append(new)
        total += count
    order = ["open", "mat", "toi-mat", "tuyet-mat", "other"]
    lines = [f"# luutru index: shards={total}"]
    for mark in order:
        for name in sorted(per_mark.get(mark, []), key=lambda n: int(n.rsplit("-", 1)[1])):
            lines.append(f"glass {name}")
    open(os.path.join(index, "XAPIANDB"), "w").write("\n".join(lines) + "\n")


def result(stdout):
    """textindex's JSON line (the log may write to stdout too)."""
    return json.loads([line for line in stdout.splitlines() if line.startswith('{"queries"')][-1])


def query(textindex, archive, queries, passes=3):
    out = subprocess.run([textindex, "query", "--archive", archive, "--queries", queries,
                          "--passes", str(passes)], check=True, capture_output=True, text=True)
    return result(out.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shards", nargs="+", required=True)
    ap.add_argument("--luutru", default=os.path.join(ROOT, "build", "cli", "luutru"))
    ap.add_argument("--textindex", default=os.path.join(ROOT, "build", "bench", "textindex"))
    ap.add_argument("--queries", default=os.path.join(ROOT, "bench", "queries.tsv"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="luutru-remote-")
    servers = []
    try:
        local_head(a.shards, os.path.join(work, "local"))
        ports = []
        for archive in a.shards:
            # textindex's archives hold an index only; serve asks for an archive's catalog.
            open(os.path.join(archive, "catalog.sqlite"), "a").close()
            port = free_port()
            ports.append(port)
            servers.append(subprocess.Popen([a.luutru, "shard", "serve", "--archive", archive,
                                             "--port", str(port)], stderr=subprocess.DEVNULL))
        time.sleep(2)
        for port in ports:
            added = subprocess.run([a.luutru, "shard", "add", f"127.0.0.1:{port}", "--archive",
                                    os.path.join(work, "remote")], check=True, capture_output=True,
                                   text=True)
            if " records" not in added.stdout:
                sys.exit(f"the shard server on port {port} does not answer: {added.stdout}")
        runs = {"local": [], "remote": []}
        for r in range(a.rounds):
            for kind in ("local", "remote"):
                answer = query(a.textindex, os.path.join(work, kind), a.queries)
                runs[kind].append(answer)
                w = answer["warm"]
                print(f"round {r + 1} {kind}: warm p50 {w['p50']:.1f} p95 {w['p95']:.1f} "
                      f"p99 {w['p99']:.1f} ms, partial {answer['partial']}", file=sys.stderr)

        # A shard server killed while a run goes on: every answer comes, the later ones partial.
        run = subprocess.Popen([a.textindex, "query", "--archive", os.path.join(work, "remote"),
                                "--queries", a.queries, "--passes", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        time.sleep(5)
        servers[-1].send_signal(signal.SIGTERM)
        servers[-1].wait()
        killed = result(run.communicate()[0])

        def median(kind, key, p):
            values = sorted(x[key][p] for x in runs[kind])
            return values[len(values) // 2]
        rows = [f"| {len(a.shards)} shards, {a.rounds} rounds, medians | warm p50 | p95 | p99 | max "
                "| answers partial (all rounds) |",
                "|---|---|---|---|---|---|"]
        for kind, label in (("local", "local (one archive's index naming every shard)"),
                            ("remote", "remote (xapian-tcpsrv each, loopback)")):
            partial = sum(x["partial"] for x in runs[kind])
            asked = sum(x["first_pass"]["n"] + x["warm"]["n"] for x in runs[kind])
            rows.append(f"| {label} | {median(kind, 'warm', 'p50'):.1f} ms | {median(kind, 'warm', 'p95'):.1f} ms | "
                        f"{median(kind, 'warm', 'p99'):.1f} ms | {median(kind, 'warm', 'max'):.1f} ms "
                        f"| {partial} of {asked} |")
        rows.append("")
        rows.append(f"One server killed 5 s into a run of {killed['warm']['n'] + killed['first_pass']['n']} "
                    f"searches: {killed['partial']} answers partial, none failed; slowest "
                    f"{max(killed['warm']['max'], killed['first_pass']['max']):.0f} ms, warm p99 "
                    f"{killed['warm']['p99']:.1f} ms.")
        table = "\n".join(rows)
        print(table)
        if a.out:
            open(a.out, "w").write(table + "\n")
    finally:
        for s in servers:
            if s.poll() is None:
                s.send_signal(signal.SIGTERM)
                s.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
