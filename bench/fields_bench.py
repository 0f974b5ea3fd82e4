#!/usr/bin/python3
"""Registry-field benchmark: what luutru extracts, scored against the corpus truth.

  bench/fields_bench.py [--corpus ../shared/corpus/dev] [--archive DIR] [--out FILE.md]

Ingests the corpus into a fresh archive (or uses --archive, already ingested), exports it,
and scores it with ../shared/bench/score --by degradation. Prints, per field, the share of
documents whose value is exactly right, beside the share that can be right at all: a field
whose value is printed on no page of the file (the truth describes the whole document, but a
PNG or JPEG holds page 1 only, so its signature block is not in the file) cannot be read.
Then fields_mean per degradation class, and the time `luutru reindex` takes to read every
record's fields again (no OCR). Needs the project built (scripts/setup).
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile, time, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ingest_bench import corpus_archive, emit, run, timed  # noqa: E402

FIELDS = ["doc_type", "number", "date", "place", "agency", "subject", "signer",
          "signer_title", "confidentiality", "urgency"]
# Values that are not copied from the page as printed: a date is read and rewritten ISO, a
# type may come from a number's code or a "V/v" line, marks are canonical.
DERIVED = {"date", "doc_type", "confidentiality", "urgency"}


def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip().casefold()


def reachable(corpus):
    """field -> share of documents whose true value is on the file's pages (or empty)."""
    truth_dir = os.path.join(corpus, "truth")
    counts, docs = {f: 0 for f in FIELDS}, 0
    for name in sorted(os.listdir(truth_dir)):
        t = json.load(open(os.path.join(truth_dir, name), encoding="utf-8"))
        text = norm(" ".join(t["pages"]))
        docs += 1
        for f in FIELDS:
            v = norm(t["meta"].get(f, ""))
            counts[f] += (not v) or f in DERIVED or v in text
    return {f: counts[f] / docs for f in FIELDS}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "dev"))
    ap.add_argument("--luutru", default=os.path.join(ROOT, "build", "cli", "luutru"))
    ap.add_argument("--archive", help="an archive of the corpus already ingested")
    ap.add_argument("--out", help="also write the Markdown table here")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="luutru-fields-")
    try:
        archive = corpus_archive(a.luutru, a.corpus, a.archive, work)
        reindex_s = timed([a.luutru, "reindex", "--archive", archive], stdout=subprocess.DEVNULL)
        export = os.path.join(work, "export.jsonl")
        with open(export, "w") as f:
            run([a.luutru, "export", "--archive", archive], stdout=f)
        out = subprocess.run([sys.executable, os.path.join(ROOT, "..", "shared", "bench", "score"),
                              a.corpus, export, "--by", "degradation", "--json"],
                             check=True, capture_output=True, text=True)
        summary = json.loads(out.stdout)["summary"]
        ceiling = reachable(a.corpus)
        s = summary["all"]
        rows = ["| field | luutru | can be right (value on the file's pages) |", "|---|---|---|"]
        for f in FIELDS:
            rows.append(f"| {f} | {s['fields'][f]:.3f} | {ceiling[f]:.3f} |")
        best = sum(ceiling.values()) / len(FIELDS)
        rows.append(f"| **mean** | **{s['fields_mean']:.3f}** | {best:.3f} |")
        rows += ["", "| class | docs | fields_mean |", "|---|---|---|"]
        for cls in sorted(summary, key=lambda k: (k != "all", k)):
            rows.append(f"| {cls} | {summary[cls]['docs']} | {summary[cls]['fields_mean']:.3f} |")
        records = s["docs"]
        rows += ["", f"- `luutru reindex` (fields read again from record.json, index rebuilt): "
                     f"{reindex_s:.2f} s for {records} records"]
        emit("\n".join(rows), a.out)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
