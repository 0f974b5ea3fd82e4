#!/usr/bin/python3
"""Search quality: recall@10 and MRR over bench/queries.tsv, with and without diacritics (and,
for queries of plain words, as one quoted phrase with diacritics and unquoted without).

  bench/search_bench.py [--corpus ../shared/corpus/dev] [--archive DIR] [--out FILE.md]

Builds an archive of the corpus (`luutru ingest`, or uses --archive), adds the decree texts of
../shared/realworld/nd30-2020-text as text-only records through the real index writer
(build/bench/textindex), then runs every query of bench/queries.tsv through
`luutru search --json --limit 10`, as written (with diacritics) and folded (marks stripped,
đ -> d, as staff type), and scores the results against the expected records:
recall@10 (share of the expected records in the first ten) and MRR (1 / rank of the first
expected record, 0 when none is in the first ten).
"""
import argparse, json, os, shutil, subprocess, sys, tempfile, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ingest_bench import corpus_archive, emit, run  # noqa: E402


WHOLE_WINDOW = 50


def fold(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"))


def load_queries(path):
    queries = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        query, expected = line.split("\t")
        queries.append((query, [e.strip() for e in expected.split(",") if e.strip()]))
    return queries


def search(luutru, archive, query, limit=10):
    out = subprocess.run([luutru, "search", "--archive", archive, "--json", "--limit", str(limit),
                          "--log-level", "error", query], capture_output=True, text=True)
    if out.returncode != 0:
        return None
    return [os.path.basename(h["source"]) for h in json.loads(out.stdout)["hits"]]


def score(results, expected):
    if results is None:
        return 0.0, 0.0, None
    found = [r for r in results if r in expected]
    recall = len(set(found)) / len(expected)
    rank = next((i + 1 for i, r in enumerate(results) if r in expected), None)
    return recall, (1.0 / rank if rank else 0.0), rank


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "dev"))
    ap.add_argument("--decrees", default=os.path.join(ROOT, "..", "shared", "realworld", "nd30-2020-text"))
    ap.add_argument("--queries", default=os.path.join(ROOT, "bench", "queries.tsv"))
    ap.add_argument("--words", default=os.path.join(ROOT, "bench", "word_queries.txt"),
                    help="words whose holders should rank first (one per line)")
    ap.add_argument("--luutru", default=os.path.join(ROOT, "build", "cli", "luutru"))
    ap.add_argument("--textindex", default=os.path.join(ROOT, "build", "bench", "textindex"))
    ap.add_argument("--archive", help="an archive of the corpus already ingested (decrees are added to it)")
    ap.add_argument("--out", help="also write the Markdown table here")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="luutru-search-")
    try:
        archive = corpus_archive(a.luutru, a.corpus, a.archive, work)
        decrees = sorted(os.path.join(a.decrees, f) for f in os.listdir(a.decrees) if f.endswith(".md"))
        run([a.textindex, "add", "--archive", archive] + decrees, stdout=subprocess.DEVNULL)
        queries = load_queries(a.queries)
        variants = (("with", "as written (with diacritics)"), ("without", "without diacritics"),
                    ("quoted", "words of 2-3 syllables quoted, with diacritics"),
                    ("bare", "the same unquoted, without diacritics"))
        totals = {v: [0.0, 0.0, 0] for v, _ in variants}
        misses = []
        # Of each word query typed unquoted without marks, whether every record holding the word
        # (the quoted phrase's results) ranks above every one holding its syllables apart, in the
        # first WHOLE_WINDOW results (the searcher's window: search/searcher.cc).
        whole_ok, whole_asked, whole_misses = 0, 0, []
        for query, expected in queries:
            # A Vietnamese word of two or three syllables (no filter, number or date): also asked
            # quoted with marks, the reference, and unquoted without marks, as staff type it.
            words = query.replace('"', "")
            abbreviation = any(sum(c.isupper() for c in w) >= 2 for w in words.split())
            plain = (not any(c in query for c in ':/0123456789') and len(words.split()) <= 3
                     and not abbreviation)
            asked = [("with", query), ("without", fold(query))]
            if plain:
                asked += [("quoted", '"' + words + '"'), ("bare", fold(words))]
            for variant, q in asked:
                results = search(a.luutru, archive, q)
                recall, rr, rank = score(results, expected)
                totals[variant][0] += recall
                totals[variant][1] += rr
                totals[variant][2] += 1
                if recall < 1 or rank != 1:
                    misses.append(f"| `{q}` | {', '.join(expected)} | {rank or '-'} | {recall:.2f} | "
                                  f"{', '.join((results or [])[:3])} |")
        words_asked = [w for w, _ in queries if not any(c in w for c in ':/0123456789"')
                       and 2 <= len(w.split()) <= 3
                       and not any(sum(c.isupper() for c in x) >= 2 for x in w.split())]
        words_asked += [l.strip() for l in open(a.words, encoding="utf-8")
                        if l.strip() and not l.startswith("#")]
        for words in dict.fromkeys(words_asked):
            holders = set(search(a.luutru, archive, '"' + fold(words) + '"', WHOLE_WINDOW) or [])
            ranking = search(a.luutru, archive, fold(words), WHOLE_WINDOW) or []
            last_holder = max((i for i, r in enumerate(ranking) if r in holders), default=-1)
            first_apart = min((i for i, r in enumerate(ranking) if r not in holders), default=len(ranking))
            whole_asked += 1
            if last_holder < first_apart:
                whole_ok += 1
            else:
                whole_misses.append(f"`{fold(words)}`: {len(holders)} holders, the last at "
                                    f"{last_holder + 1}; one apart at {first_apart + 1}")
        rows = ["| queries | asked | recall@10 | MRR |", "|---|---|---|---|"]
        for variant, label in variants:
            n = totals[variant][2]
            rows.append(f"| {label} | {n} | {totals[variant][0] / n:.3f} | {totals[variant][1] / n:.3f} |")
        rows += ["", f"Word queries (unquoted, no marks) whose every holder of the word ranks above every "
                 f"record holding its syllables apart, in the first {WHOLE_WINDOW}: {whole_ok} of {whole_asked}"]
        rows += [f"- {m}" for m in whole_misses]
        if misses:
            rows += ["", "Queries whose expected records are not all in the first ten, or not first:", "",
                     "| query | expected | rank of the first | recall@10 | first three results |",
                     "|---|---|---|---|---|"] + misses
        emit("\n".join(rows), a.out)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
