#!/usr/bin/python3
"""OCR accuracy and speed: luutru against the raw `tesseract` CLI and OCRmyPDF, in one run.

  bench/ocr_bench.py [--corpus ../shared/corpus/dev] [--jobs 2] [--repeat 1] [--no-ocrmypdf] [--out FILE.md]

For each repetition, on the same machine, one after another:
  1. `luutru ingest CORPUS --jobs J` into a fresh archive, then `luutru export`;
  2. `tesseract PAGE out -l vie`, page by page, J processes at once (xargs -P J);
  3. `ocrmypdf -l vie --rotate-pages --deskew --clean --skip-text --jobs J --sidecar TXT`,
     one input after another (images go in as they are; ocrmypdf takes PNG, JPEG and TIFF).
Each is scored with ../shared/bench/score --by degradation. Prints one Markdown table: CER
and word recall per degradation class and overall, and pages per minute, for all three.
Timings are medians over the repetitions. Needs ocrmypdf, poppler-utils (scripts/setup
installs the build; `apt-get install ocrmypdf` for the peer).
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCORE = os.path.join(ROOT, "..", "shared", "bench", "score")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ingest_bench import cli_pages, emit, raw_timings, run, tesseract_cli, timed  # noqa: E402


def score_by_class(corpus, jsonl):
    out = subprocess.run([sys.executable, SCORE, corpus, jsonl, "--json", "--by", "degradation"],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)["summary"]


def ocrmypdf_run(docs, work, jobs):
    out_dir = os.path.join(work, "ocrmypdf")
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    start = time.monotonic()
    lines = []
    for name in sorted(os.listdir(docs)):
        src = os.path.join(docs, name)
        side = os.path.join(out_dir, name + ".txt")
        cmd = ["ocrmypdf", "-l", "vie", "--rotate-pages", "--deskew", "--clean", "--skip-text",
               "--jobs", str(jobs), "--sidecar", side, "--output-type", "pdf", "-q"]
        if not name.lower().endswith(".pdf"):
            cmd += ["--image-dpi", "300"]  # used only when the image carries no resolution
        r = subprocess.run(cmd + [src, os.path.join(out_dir, name + ".pdf")],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Pages ocrmypdf skipped (text layer) carry no sidecar text; take pdftotext of its output.
        texts = []
        if r.returncode == 0:
            pdf_text = subprocess.run(["pdftotext", os.path.join(out_dir, name + ".pdf"), "-"],
                                      capture_output=True, text=True).stdout
            texts = pdf_text.split("\f")
            if texts and not texts[-1].strip():
                texts = texts[:-1]
        lines.append(json.dumps({"source": name, "pages": [{"text": t} for t in texts]}, ensure_ascii=False))
    seconds = time.monotonic() - start
    jsonl = os.path.join(work, "ocrmypdf.jsonl")
    with open(jsonl, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return seconds, jsonl


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "dev"))
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--luutru", default=os.path.join(ROOT, "build", "cli", "luutru"))
    ap.add_argument("--no-ocrmypdf", action="store_true", help="only luutru and the tesseract CLI")
    ap.add_argument("--out")
    a = ap.parse_args()
    docs = os.path.join(a.corpus, "docs")
    manifest = json.load(open(os.path.join(a.corpus, "MANIFEST.json")))
    total_pages = sum(e["pages"] for e in manifest)
    work = tempfile.mkdtemp(prefix="luutru-ocrbench-")
    try:
        pages = cli_pages(docs, work)
        tools = ["luutru", "tesseract"] + ([] if a.no_ocrmypdf else ["ocrmypdf"])
        times = {t: [] for t in tools}
        scores = {}
        for rep in range(a.repeat):
            archive = os.path.join(work, "archive")
            shutil.rmtree(archive, ignore_errors=True)
            times["luutru"].append(timed([a.luutru, "ingest", docs, "--archive", archive, "--jobs",
                                          str(a.jobs), "--log-level", "warn"], stderr=subprocess.DEVNULL))
            export = os.path.join(work, "luutru.jsonl")
            with open(export, "w") as f:
                run([a.luutru, "export", "--archive", archive], stdout=f)
            scores["luutru"] = score_by_class(a.corpus, export)
            sec, jsonl = tesseract_cli(pages, work, a.jobs)
            times["tesseract"].append(sec)
            scores["tesseract"] = score_by_class(a.corpus, jsonl)
            if "ocrmypdf" in tools:
                sec, jsonl = ocrmypdf_run(docs, work, a.jobs)
                times["ocrmypdf"].append(sec)
                scores["ocrmypdf"] = score_by_class(a.corpus, jsonl)
            print(f"run {rep + 1}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in times.items()),
                  file=sys.stderr)
        med = {k: statistics.median(v) for k, v in times.items()}
        classes = sorted(scores["luutru"], key=lambda c: (c != "all", c))
        rows = ["| class | docs | " + " | ".join(f"{t} CER | {t} recall" for t in tools) + " |",
                "|---|---|" + "---|---|" * len(tools)]
        for c in classes:
            cells = []
            for t in tools:
                s = scores[t].get(c, {})
                cells.append(f"{s.get('cer', float('nan')):.4f} | {s.get('word_recall', float('nan')):.4f}")
            rows.append(f"| {c} | {scores['luutru'][c]['docs']} | " + " | ".join(cells) + " |")
        rows.append("| pages/min | | " + " | ".join(f"{total_pages * 60 / med[t]:.0f} | ({med[t]:.1f} s)" for t in tools) + " |")
        rows.append("")
        versus = [f"vs the tesseract CLI ({a.jobs} processes): **{med['tesseract'] / med['luutru']:.2f}x**"]
        if "ocrmypdf" in tools:
            versus.insert(0, f"vs ocrmypdf: **{med['ocrmypdf'] / med['luutru']:.2f}x**")
        rows.append("- luutru, pages per minute, " + "; ".join(versus))
        rows.append(raw_timings(times))
        emit("\n".join(rows), a.out)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
