#!/usr/bin/python3
"""The hand-over packages: `luutru package` and `luutru package --check`, timed, with the check
an archivist could run by hand with Debian's tools (xmllint for the schemas, sha256sum for the
files) side by side, in one run, on one machine.

  bench/package_bench.py [--corpus ../shared/corpus/dev] [--per-file 4] [--repeat 3] [--jobs 2]

(1) The corpus's documents, PER_FILE to an archival file, in a folder each, with a finding aid:
`luutru hoso import` + `luutru ingest` once. (2) `luutru package --all -o DIR` (PDF/A of every
document, simpledc, PREMIS, METS, SHA-256, each package checked before it is moved into place),
timed, unsigned and signed with a fresh RSA-2048 key. (3) `luutru package --check DIR/*` timed. (4) The by-hand check of the same packages:
`xmllint --schema` of both METS (with the CSIP driver schema) and both PREMIS per package, and
`sha256sum` of every file: less than luutru checks (no CSIP rule, no comparison with METS), so
a floor for its cost. Medians over the repetitions.
"""
import argparse, glob, json, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LUUTRU = os.environ.get("LUUTRU", os.path.join(ROOT, "build", "cli", "luutru"))
SCHEMAS = os.path.join(ROOT, "package", "schemas")


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


def timed(fn):
    start = time.monotonic()
    fn()
    return time.monotonic() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "dev"))
    ap.add_argument("--per-file", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="package-bench-")
    try:
        manifest = json.load(open(os.path.join(args.corpus, "MANIFEST.json")))
        rows = ["Số và ký hiệu hồ sơ,Tiêu đề hồ sơ,Thời hạn bảo quản,Chế độ sử dụng,Mã phông,Năm hình thành"]
        for i, doc in enumerate(manifest):
            code = "%02d.BENCH" % (i // args.per_file + 1)
            folder = os.path.join(work, "scans", code)
            if not os.path.isdir(folder):
                os.makedirs(folder)
                rows.append(f"{code},Hồ sơ đo {code},Vĩnh viễn,Công khai,H30,2024")
            src = os.path.join(args.corpus, doc["file"])
            shutil.copy(src, os.path.join(folder, "%03d%s" % (i, os.path.splitext(src)[1])))
        open(os.path.join(work, "muc-luc.csv"), "w").write("\n".join(rows) + "\n")
        archive = os.path.join(work, "archive")
        run([LUUTRU, "hoso", "import", os.path.join(work, "muc-luc.csv"), "--archive", archive])
        run([LUUTRU, "ingest", os.path.join(work, "scans"), "--archive", archive, "--jobs",
             str(args.jobs), "--progress", "none"])
        files, documents = len(rows) - 1, len(manifest)

        key = os.path.join(work, "key.pem")
        run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out",
             key + ".crt", "-days", "2", "-subj", "/CN=bench/O=Trung tâm Lưu trữ"])
        open(key, "a").write(open(key + ".crt").read())
        make, signed, check, by_hand = [], [], [], []
        for r in range(args.repeat):
            out = os.path.join(work, "out%d" % r)
            make.append(timed(lambda: run([LUUTRU, "package", "--all", "--archive", archive,
                                           "-o", out])))
            signed.append(timed(lambda: run([LUUTRU, "package", "--all", "--archive", archive,
                                             "-o", out + "-signed", "--key", key])))
            packages = sorted(glob.glob(os.path.join(out, "urn_uuid_*")))
            assert len(packages) == files, f"{len(packages)} packages for {files} files"
            check.append(timed(lambda: run([LUUTRU, "package", "--check", "--strict", *packages])))
            env = dict(os.environ, XML_CATALOG_FILES=os.path.join(SCHEMAS, "catalog.xml"))

            def manual():
                for p in packages:
                    for mets in (os.path.join(p, "METS.xml"),
                                 os.path.join(p, "representations", "rep1", "METS.xml")):
                        run(["xmllint", "--nonet", "--noout", "--schema",
                             os.path.join(SCHEMAS, "csip-driver.xsd"), mets], env=env)
                    for premis in (os.path.join(p, "metadata", "preservation", "PREMIS.xml"),
                                   os.path.join(p, "representations", "rep1", "metadata",
                                                "preservation", "PREMIS_rep1.xml")):
                        run(["xmllint", "--nonet", "--noout", "--schema",
                             os.path.join(SCHEMAS, "premis-v3-0.xsd"), premis], env=env)
                    every = [f for f in glob.glob(os.path.join(p, "**"), recursive=True)
                             if os.path.isfile(f)]
                    run(["sha256sum", *every])
            by_hand.append(timed(manual))
        size = sum(os.path.getsize(f) for f in glob.glob(os.path.join(work, "out0", "**"),
                                                           recursive=True) if os.path.isfile(f))
        m, g, c, h = (statistics.median(x) for x in (make, signed, check, by_hand))
        print(f"corpus {args.corpus}: {documents} documents in {files} archival files, "
              f"{size / 1e6:.1f} MB of packages; medians of {args.repeat} runs")
        print(f"luutru package --all:          {m:6.2f} s  ({m / documents:.3f} s a document)")
        print(f"luutru package --all --key:    {g:6.2f} s  ({g / documents:.3f} s a document)")
        print(f"luutru package --check:        {c:6.2f} s  ({size / 1e6 / c:.0f} MB/s)")
        print(f"xmllint + sha256sum by hand:   {h:6.2f} s  (luutru's check / by hand = {c / h:.2f})")
        print("runs (make, signed, check, by hand):", [round(x, 2) for x in make],
              [round(x, 2) for x in signed],
              [round(x, 2) for x in check], [round(x, 2) for x in by_hand])
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
