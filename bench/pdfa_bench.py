#!/usr/bin/python3
"""The PDF/A-2b copies handed over: luutru against OCRmyPDF, in one run, on one machine.

  bench/pdfa_bench.py [--corpus ../shared/corpus/dev] [--repeat 3] [--jobs 2] [--no-ocrmypdf]

luutru makes a document's PDF/A from what the archive already holds (the searchable PDF of
ingest), so its cost is measured apart from reading: (1) `luutru ingest CORPUS/docs` once;
(2) `luutru pdfa ID` for every record, timed; (3) `ocrmypdf -l vie --output-type pdfa-2` for
every original (reading included: what a user without luutru runs to get the same). Every
PDF/A is checked with `luutru pdfa --check`; sizes are summed. Then (4) `luutru sign` of every
luutru PDF/A with a fresh RSA-2048 key (openssl), timed, each signed file checked by `pdfsig`
and `luutru pdfa --check` (no peer signs: OCRmyPDF does not). Timings are medians over the
repetitions. Needs ocrmypdf (bench/setup-peers) unless --no-ocrmypdf.
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LUUTRU = os.environ.get("LUUTRU", os.path.join(ROOT, "build", "cli", "luutru"))


def timed(cmds):
    start = time.monotonic()
    for cmd in cmds:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "dev"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-ocrmypdf", action="store_true")
    args = ap.parse_args()
    docs = os.path.join(args.corpus, "docs")
    work = tempfile.mkdtemp(prefix="pdfa-bench-")
    archive = os.path.join(work, "archive")
    subprocess.run([LUUTRU, "ingest", docs, "--archive", archive, "--jobs", str(args.jobs),
                    "--progress", "none"], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    records = [json.loads(l) for l in subprocess.run(
        [LUUTRU, "export", "--archive", archive], check=True, capture_output=True,
        text=True).stdout.splitlines()]
    pages = sum(len(r["pages"]) for r in records)
    out = {"luutru": os.path.join(work, "luutru")}
    if not args.no_ocrmypdf:
        out["ocrmypdf"] = os.path.join(work, "ocrmypdf")
    times = {tool: [] for tool in out}
    times["luutru sign"] = []
    key = os.path.join(work, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", key + ".crt", "-days", "1", "-subj",
                    "/CN=bench/O=Trung tâm Lưu trữ lịch sử", "-utf8"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    signed = os.path.join(work, "signed")
    for _ in range(args.repeat):
        for d in out.values():
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)
        times["luutru"].append(timed(
            [[LUUTRU, "pdfa", r["id"], "-o", os.path.join(out["luutru"], r["id"] + ".pdf"),
              "--archive", archive] for r in records]))
        shutil.rmtree(signed, ignore_errors=True)
        os.makedirs(signed)
        times["luutru sign"].append(timed(
            [[LUUTRU, "sign", os.path.join(out["luutru"], r["id"] + ".pdf"), "-o",
              os.path.join(signed, r["id"] + ".pdf"), "--key", key, "--cert", key + ".crt"]
             for r in records]))
        if args.no_ocrmypdf:
            continue
        times["ocrmypdf"].append(timed(
            [["ocrmypdf", "-l", "vie", "--output-type", "pdfa-2", "--skip-text", "--jobs",
              str(args.jobs), "-q", os.path.join(docs, name),
              os.path.join(out["ocrmypdf"], name + ".pdf")] for name in sorted(os.listdir(docs))]))
    print(f"| tool | documents | pages | seconds (median of {args.repeat}) | pages/s | "
          f"pass luutru pdfa --check | MB |")
    print("|---|---|---|---|---|---|---|")
    out["luutru sign"] = signed
    for tool, d in out.items():
        files = sorted(os.listdir(d))
        passed = sum(subprocess.run([LUUTRU, "pdfa", "--check", os.path.join(d, f)],
                                    stdout=subprocess.DEVNULL).returncode == 0 for f in files)
        size = sum(os.path.getsize(os.path.join(d, f)) for f in files) / 1e6
        sec = statistics.median(times[tool])
        print(f"| {tool} | {len(files)} | {pages} | {sec:.2f} | {pages / sec:.1f} | "
              f"{passed}/{len(files)} | {size:.1f} |")
    valid = sum("Signature is Valid." in subprocess.run(
        ["pdfsig", os.path.join(signed, f)], capture_output=True, text=True).stdout
        for f in os.listdir(signed))
    print(f"\nsigned files pdfsig reads as valid: {valid}/{len(os.listdir(signed))}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
