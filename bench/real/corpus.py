#!/usr/bin/python3
"""Assemble the real development set as a corpus that ../shared/bench/score reads.

    bench/real/corpus.py OUT_DIR [--realworld ../shared/realworld]

Writes OUT_DIR/docs/<id>.<ext>, OUT_DIR/truth/<id>.json and OUT_DIR/MANIFEST.json from
bench/real/truth/. A file whose pages were transcribed only in part (pages_in_file is larger
than the pages given) is cut to those pages with qpdf (bench/setup-peers installs it), so that nothing untranscribed is
scored: the score would count a signer read from an untranscribed last page as wrong.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--realworld", default=os.path.join(ROOT, "..", "shared", "realworld"))
    a = ap.parse_args()
    if not os.path.isdir(a.realworld):
        sys.exit(f"{a.realworld}: not found; the real set reads its files from ../shared/realworld")
    for sub in ("docs", "truth"):
        os.makedirs(os.path.join(a.out, sub), exist_ok=True)
    manifest = []
    truth_dir = os.path.join(HERE, "truth")
    for name in sorted(os.listdir(truth_dir)):
        rec = json.load(open(os.path.join(truth_dir, name), encoding="utf-8"))
        src = os.path.join(a.realworld, rec["file"])
        if not os.path.isfile(src):
            sys.exit(f"{src}: not found")
        ext = os.path.splitext(src)[1].lower()
        doc = os.path.join(a.out, "docs", rec["id"] + ext)
        if os.path.lexists(doc):
            os.remove(doc)
        pages = len(rec["pages"])
        if pages < rec["pages_in_file"]:
            if ext != ".pdf":
                sys.exit(f"{name}: only PDFs can be cut to their transcribed pages")
            subprocess.run(["qpdf", "--empty", "--pages", src, f"1-{pages}", "--", doc], check=True)
        else:
            shutil.copyfile(src, doc)
        rec["origin"] = rec["file"]
        rec["file"] = "docs/" + os.path.basename(doc)
        with open(os.path.join(a.out, "truth", rec["id"] + ".json"), "w", encoding="utf-8") as f:
            json.dump(rec, f, ensure_ascii=False, indent=1)
        manifest.append({"id": rec["id"], "file": rec["file"], "kind": rec["kind"],
                         "degradation": rec["degradation"], "pages": pages})
    with open(os.path.join(a.out, "MANIFEST.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    print(f"{a.out}: {len(manifest)} files, {sum(m['pages'] for m in manifest)} pages")


if __name__ == "__main__":
    main()
