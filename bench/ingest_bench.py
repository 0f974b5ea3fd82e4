#!/usr/bin/python3
"""Ingest benchmark: luutru against the raw `tesseract -l vie` CLI on the same pages, in one run.

  bench/ingest_bench.py [--corpus ../shared/corpus/dev] [--repeat 3] [--jobs 2] [--out FILE.md]

For each repetition, in this order on the same machine:
  1. `luutru ingest CORPUS --jobs J` into a fresh archive (wall time);
  2. the same command again on the same archive: re-ingest, nothing new (wall time);
  3. `tesseract PAGE out -l vie` page by page, one process at a time (the shared reference);
  4. the same with J processes at once (xargs -P J), the fair use of the same cores.
Page images for the CLI are made beforehand (pdftoppm -r 300 for PDFs; TIFF pages split with
tiffsplit is not needed: tesseract reads multi-page TIFF itself), outside the timings.
Each result set is scored with ../shared/bench/score. Medians over the repetitions are printed
as a Markdown table, with ratios. Needs poppler-utils and tesseract-ocr (scripts/setup).
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def timed(cmd, **kw):
    start = time.monotonic()
    run(cmd, **kw)
    return time.monotonic() - start


def raw_timings(times):
    """'- raw timings (s): a: 1.0, 1.1; b: …' for the table's notes."""
    return "- raw timings (s): " + "; ".join(
        f"{k}: " + ", ".join(f"{x:.1f}" for x in v) for k, v in times.items())


def emit(table, out_path):
    """Prints the table, and writes it to `out_path` too when one is given."""
    print(table)
    if out_path:
        with open(out_path, "w", encoding="utf-8") as f:
            f.write(table + "\n")


def corpus_archive(luutru, corpus, archive, work):
    """`archive` when given (a corpus archive made before), else one ingested now under `work`."""
    if archive:
        return archive
    archive = os.path.join(work, "archive")
    run([luutru, "ingest", os.path.join(corpus, "docs"), "--archive", archive, "--jobs", "2",
         "--log-level", "warn", "--progress", "none"], stdout=subprocess.DEVNULL)
    return archive


def score(corpus, jsonl):
    out = subprocess.run([sys.executable, os.path.join(ROOT, "..", "shared", "bench", "score"),
                          corpus, jsonl, "--json"], check=True, capture_output=True, text=True)
    s = json.loads(out.stdout)["summary"]["all"]
    return s


def cli_pages(docs, work):
    """(source file name, page image or multi-page input) in corpus order, made once."""
    pages = []
    for name in sorted(os.listdir(docs)):
        path = os.path.join(docs, name)
        if name.lower().endswith(".pdf"):
            prefix = os.path.join(work, "pages", os.path.splitext(name)[0])
            os.makedirs(os.path.dirname(prefix), exist_ok=True)
            run(["pdftoppm", "-r", "300", "-png", path, prefix])
            for p in sorted(f for f in os.listdir(os.path.dirname(prefix))
                            if f.startswith(os.path.basename(prefix) + "-")):
                pages.append((name, os.path.join(os.path.dirname(prefix), p)))
        else:
            pages.append((name, path))  # tesseract reads PNG, JPEG and every page of a TIFF
    return pages


def tesseract_cli(pages, work, jobs):
    out_dir = os.path.join(work, f"cli-{jobs}")
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    lines = "".join(f"{img}\0{os.path.join(out_dir, str(i))}\0" for i, (_, img) in enumerate(pages))
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    seconds = timed(["xargs", "-0", "-n", "2", "-P", str(jobs), "sh", "-c",
                     'tesseract "$0" "$1" -l vie >/dev/null 2>&1'],
                    input=lines.encode(), env=env)
    docs = {}
    for i, (name, _) in enumerate(pages):
        text = open(os.path.join(out_dir, f"{i}.txt"), encoding="utf-8").read()
        # A multi-page TIFF comes back as one text with form feeds between pages.
        docs.setdefault(name, []).extend(text.split("\f") if "\f" in text.rstrip("\f") else [text])
    jsonl = os.path.join(work, f"cli-{jobs}.jsonl")
    with open(jsonl, "w", encoding="utf-8") as f:
        for name, texts in docs.items():
            f.write(json.dumps({"source": name, "pages": [{"text": t} for t in texts]},
                               ensure_ascii=False) + "\n")
    return seconds, jsonl


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "dev"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--luutru", default=os.path.join(ROOT, "build", "cli", "luutru"))
    ap.add_argument("--out", help="also write the Markdown table here")
    a = ap.parse_args()
    docs = os.path.join(a.corpus, "docs")
    work = tempfile.mkdtemp(prefix="luutru-bench-")
    try:
        pages = cli_pages(docs, work)
        t = {"luutru": [], "reingest": [], "cli1": [], "clij": []}
        scores = {}
        for rep in range(a.repeat):
            archive = os.path.join(work, "archive")
            shutil.rmtree(archive, ignore_errors=True)
            cmd = [a.luutru, "ingest", docs, "--archive", archive, "--jobs", str(a.jobs),
                   "--log-level", "warn"]
            t["luutru"].append(timed(cmd, stderr=subprocess.DEVNULL))
            t["reingest"].append(timed(cmd, stderr=subprocess.DEVNULL))
            export = os.path.join(work, "luutru.jsonl")
            with open(export, "w") as f:
                run([a.luutru, "export", "--archive", archive], stdout=f)
            scores["luutru"] = score(a.corpus, export)
            s1, j1 = tesseract_cli(pages, work, 1)
            sj, jj = tesseract_cli(pages, work, a.jobs)
            t["cli1"].append(s1)
            t["clij"].append(sj)
            scores["cli"] = score(a.corpus, jj)
            print(f"run {rep + 1}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in t.items()),
                  file=sys.stderr)
        med = {k: statistics.median(v) for k, v in t.items()}
        n_pages = len(pages)
        lu, cl = scores["luutru"], scores["cli"]
        rows = [
            "| run | wall time (median of %d) | pages/min | CER | word recall | missing files |" % a.repeat,
            "|---|---|---|---|---|---|",
        ]
        # Pages per minute over the corpus's pages (43 for dev).
        manifest = json.load(open(os.path.join(a.corpus, "MANIFEST.json")))
        total_pages = sum(entry["pages"] for entry in manifest)
        def ppm(sec):
            return total_pages * 60 / sec
        rows.append(f"| `luutru ingest --jobs {a.jobs}` | {med['luutru']:.1f} s | {ppm(med['luutru']):.0f} | "
                    f"{lu['cer']:.4f} | {lu['word_recall']:.4f} | {lu['missing']} |")
        rows.append(f"| `luutru ingest` again (nothing new) | {med['reingest']:.2f} s | | | | |")
        rows.append(f"| `tesseract -l vie`, page by page, 1 process | {med['cli1']:.1f} s | {ppm(med['cli1']):.0f} | "
                    f"{cl['cer']:.4f} | {cl['word_recall']:.4f} | {cl['missing']} |")
        rows.append(f"| `tesseract -l vie`, page by page, {a.jobs} processes | {med['clij']:.1f} s | {ppm(med['clij']):.0f} | "
                    f"(same) | (same) | |")
        ratios = [
            "",
            f"- luutru `--jobs {a.jobs}` vs tesseract CLI with {a.jobs} processes: "
            f"**{med['clij'] / med['luutru']:.2f}x** as fast ({med['clij']:.1f} s / {med['luutru']:.1f} s)",
            f"- luutru `--jobs {a.jobs}` vs tesseract CLI one process: "
            f"**{med['cli1'] / med['luutru']:.2f}x** as fast",
            f"- re-ingest / first ingest: **{100 * med['reingest'] / med['luutru']:.1f}%** of the first run's time",
            raw_timings(t),
            f"- {total_pages} corpus pages ({n_pages} CLI inputs); machine: {os.cpu_count()} cores",
        ]
        emit("\n".join(rows + ratios), a.out)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
