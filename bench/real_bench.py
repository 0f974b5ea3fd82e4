#!/usr/bin/python3
"""Reading real pages: luutru against the tesseract CLI (and OCRmyPDF) on bench/real, in one run.

  bench/real_bench.py [--repeat 3] [--jobs 2] [--no-ocrmypdf] [--out FILE.md]

The real development set (bench/real/README.md) is assembled from ../shared/realworld, then,
for each repetition, on the same machine, one after another:
  1. `luutru ingest --jobs J` into a fresh archive, then `luutru export`;
  2. `tesseract PAGE out -l vie`, page by page, J processes at once, on 300-dpi renderings;
  3. `ocrmypdf -l vie --rotate-pages --deskew --clean --skip-text --jobs J` (unless --no-ocrmypdf).
Prints CER, word recall and precision over all pages (../shared/bench/score), each page's
recall for luutru and the CLI side by side, the words whose stacked marks were lost (per
vowel with a hat, horn or breve, by tone), and pages per minute. Timings are medians.
"""
import argparse
import collections
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from ingest_bench import cli_pages, emit, raw_timings, run, tesseract_cli, timed  # noqa: E402
from ocr_bench import ocrmypdf_run  # noqa: E402

SCORE = os.path.join(ROOT, "..", "shared", "bench", "score")

# The vowels that carry a mark of their own (hat, horn, breve) under a tone mark: where a
# reading most often drops one of the two stacked marks.
BASES = {"â": "â", "ê": "ê", "ô": "ô", "ơ": "ơ", "ư": "ư", "ă": "ă"}
TONES = {"\u0300": "huyền", "\u0301": "sắc", "\u0309": "hỏi", "\u0303": "ngã", "\u0323": "nặng"}


def norm(text):
    return unicodedata.normalize("NFC", text)


def words(text):
    return collections.Counter(re.findall(r"\w+", norm(text).casefold()))


def mark_class(word):
    """'ê+sắc' for 'khiếu'; None for a word without a hat, horn or breve."""
    for ch in word:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        if base in BASES:
            tone = next((TONES[c] for c in parts if c in TONES), "ngang")
            return f"{BASES[base]}+{tone}"
    return None


def fold(word):
    """Every mark off: what a reading that lost marks still agrees on."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
    return stripped.replace("đ", "d")


def load(jsonl):
    out = {}
    for line in open(jsonl, encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            out[os.path.basename(r.get("source", ""))] = [p.get("text", "") if isinstance(p, dict) else p
                                                         for p in r.get("pages", [])]
    return out


def per_page(corpus, results):
    """{(doc id, page): (recall, truth words)} and the marks lost, per class."""
    pages, lost, seen = {}, collections.Counter(), collections.Counter()
    for entry in json.load(open(os.path.join(corpus, "MANIFEST.json"))):
        truth = json.load(open(os.path.join(corpus, "truth", entry["id"] + ".json"), encoding="utf-8"))
        read = results.get(os.path.basename(entry["file"]), [])
        for i, text in enumerate(truth["pages"]):
            want = words(text)
            got = words(read[i] if i < len(read) else "")
            total = sum(want.values())
            if total:
                pages[(entry["id"], i + 1)] = (sum((want & got).values()) / total, total)
            folded = collections.Counter()
            for w, n in got.items():
                folded[fold(w)] += n
            for w, n in want.items():
                cls = mark_class(w)
                if not cls:
                    continue
                seen[cls] += n
                missing = max(0, n - got[w])
                # Lost its marks: the word is missing, but a reading with other marks is there.
                lost[cls] += min(missing, folded[fold(w)] - got[w])
    return pages, lost, seen


def stamps(corpus, jsonl):
    """Incoming-mail stamps: (in the truth, found on their page, number right, date right, found where none is)."""
    got = {}
    for line in open(jsonl, encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            got[os.path.basename(r.get("source", ""))] = r.get("stamps", [])
    want = found = number = date = extra = 0
    for entry in json.load(open(os.path.join(corpus, "MANIFEST.json"))):
        truth = json.load(open(os.path.join(corpus, "truth", entry["id"] + ".json"), encoding="utf-8"))
        read = [s for s in got.get(os.path.basename(entry["file"]), []) if s.get("kind") == "incoming"]
        incoming = truth.get("incoming")
        if not incoming:
            extra += len(read)
            continue
        want += 1
        if read:
            found += 1
            number += read[0].get("number") == incoming.get("number")
            date += read[0].get("date") == incoming.get("date")
        extra += max(0, len(read) - 1)
    return want, found, number, date, extra


def score(corpus, jsonl):
    out = subprocess.run([sys.executable, SCORE, corpus, jsonl, "--json"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)["summary"]["all"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--luutru", default=os.path.join(ROOT, "build", "cli", "luutru"))
    ap.add_argument("--no-ocrmypdf", action="store_true")
    ap.add_argument("--out")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="luutru-realbench-")
    try:
        corpus = os.path.join(work, "corpus")
        run([sys.executable, os.path.join(HERE, "real", "corpus.py"), corpus], stdout=subprocess.DEVNULL)
        docs = os.path.join(corpus, "docs")
        total_pages = sum(e["pages"] for e in json.load(open(os.path.join(corpus, "MANIFEST.json"))))
        pages = cli_pages(docs, work)
        tools = ["luutru", "tesseract"] + ([] if a.no_ocrmypdf else ["ocrmypdf"])
        times = {t: [] for t in tools}
        outputs = {}
        for rep in range(a.repeat):
            archive = os.path.join(work, "archive")
            shutil.rmtree(archive, ignore_errors=True)
            os.makedirs(archive, mode=0o700)
            times["luutru"].append(timed([a.luutru, "ingest", docs, "--archive", archive, "--jobs", str(a.jobs),
                                          "--log-level", "warn", "--progress", "none"], stdout=subprocess.DEVNULL))
            outputs["luutru"] = os.path.join(work, "luutru.jsonl")
            with open(outputs["luutru"], "w") as f:
                run([a.luutru, "export", "--archive", archive], stdout=f)
            sec, outputs["tesseract"] = tesseract_cli(pages, work, a.jobs)
            times["tesseract"].append(sec)
            if "ocrmypdf" in tools:
                sec, outputs["ocrmypdf"] = ocrmypdf_run(docs, work, a.jobs)
                times["ocrmypdf"].append(sec)
            print(f"run {rep + 1}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in times.items()), file=sys.stderr)
        med = {t: statistics.median(v) for t, v in times.items()}
        scores = {t: score(corpus, outputs[t]) for t in tools}
        detail = {t: per_page(corpus, load(outputs[t])) for t in tools}

        rows = ["| | CER | word recall | word precision | fields | pages/min |", "|---|---|---|---|---|---|"]
        for t in tools:
            s = scores[t]
            rows.append(f"| {t} | {s['cer']:.4f} | {s['word_recall']:.4f} | {s['word_precision']:.4f} | "
                        f"{s['fields_mean']:.3f} | {total_pages * 60 / med[t]:.1f} ({med[t]:.1f} s) |")
        rows += ["", f"- luutru vs the tesseract CLI ({a.jobs} processes), pages per minute: "
                     f"**{med['tesseract'] / med['luutru']:.2f}x**", raw_timings(times), ""]
        want, found, number, date, extra = stamps(corpus, outputs["luutru"])
        rows += [f"- incoming-mail stamps (luutru): {found} of {want} found, số đến right {number}, "
                 f"ngày đến right {date}, {extra} found where there is none", ""]
        rows += ["| page | words | luutru recall | CLI recall |", "|---|---|---|---|"]
        for key in sorted(detail["luutru"][0]):
            lr, n = detail["luutru"][0][key]
            cr, _ = detail["tesseract"][0].get(key, (0, n))
            flag = " **below the CLI**" if lr < cr else ""
            rows.append(f"| {key[0]} p{key[1]} | {n} | {lr:.3f}{flag} | {cr:.3f} |")
        rows += ["", "Words whose marks were lost (the word missing, a reading of it with other marks there), "
                     "per vowel with a hat, horn or breve and its tone:", "",
                 "| mark | words | " + " | ".join(tools) + " |", "|---|---|" + "---|" * len(tools)]
        seen = detail["luutru"][2]
        for cls in sorted(seen, key=lambda c: (-seen[c], c)):
            rows.append(f"| {cls} | {seen[cls]} | " + " | ".join(str(detail[t][1][cls]) for t in tools) + " |")
        all_words = sum(n for _, n in detail["luutru"][0].values())
        rows.append(f"| all, per 100 words | {all_words} | " + " | ".join(
            f"{100 * sum(detail[t][1].values()) / max(1, all_words):.2f}" for t in tools) + " |")
        emit("\n".join(rows), a.out)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
