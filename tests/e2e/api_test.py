#!/usr/bin/env python3
"""The HTTP API against a real `luutru serve` on loopback over a real archive (samples/).

    api_test.py path/to/luutru path/to/samples

- The endpoints answer, with errors as JSON with a stable code; bad input gets a 4xx.
- Leak test: the five samples are marked unmarked, unmarked, MẬT, TỐI MẬT, TUYỆT MẬT; for each
  clearance (anonymous = public, then a user per level) every endpoint (search results, counts,
  facets, suggestions, record, page text, PDF, original) shows nothing above the level, and a
  hidden record answers exactly as a missing one.
- Audit: every access was logged; editing, deleting or moving an entry is caught by
  `luutru audit verify`, which names the entry.
- Beyond loopback, a request without a token is refused.
"""
import http.client
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import unicodedata
import urllib.parse
import urllib.request

LUUTRU, SAMPLES = sys.argv[1], sys.argv[2]
WORK = tempfile.mkdtemp(prefix="luutru-api-")
ARCHIVE = os.path.join(WORK, "archive")
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


def run(*args, check_rc=True):
    out = subprocess.run([LUUTRU, *args, "--archive", ARCHIVE], capture_output=True, text=True)
    if check_rc and out.returncode != 0:
        sys.exit(f"luutru {' '.join(args)}: exit {out.returncode}: {out.stderr[-1000:]}")
    return out


AUDIT_KEY = os.path.join(WORK, "etc", "audit.key")  # outside the archive, as the server demands


SERVERS = []  # every server started, stopped in `finally` whatever ends the test


def serve(listen="127.0.0.1:0"):
    proc = subprocess.Popen([LUUTRU, "serve", "--archive", ARCHIVE, "--listen", listen, "--max-upload-mb", "1",
                             "--audit-key", AUDIT_KEY],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    SERVERS.append(proc)
    line = proc.stdout.readline()
    if "listening on port" not in line:
        proc.kill()
        sys.exit(f"serve did not start: {line} {proc.stderr.read()[-1000:]}")
    return proc, int(line.split()[-1])


HEADERS = {}


def get(port, path, token=None, host="127.0.0.1"):
    request = urllib.request.Request(f"http://{host}:{port}{path}")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            HEADERS[path] = dict(r.headers)
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def post_files(port, path, files, token=None):
    """multipart/form-data with each (name, bytes) in a 'file' field."""
    boundary = "luutru-test-boundary"
    body = b""
    for name, data in files:
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                 f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    if token:
        headers["Authorization"] = "Bearer " + token
    # http.client, not urllib: a server that refuses a body by its headers answers before it is
    # sent whole, and the answer is read although sending the rest fails.
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST", path, body=body, headers=headers)
    except (BrokenPipeError, ConnectionResetError):
        pass
    response = conn.getresponse()
    status, data = response.status, response.read()
    conn.close()
    return status, json.loads(data or b"{}")


def get_json(port, path, token=None):
    status, _, body = get(port, path, token)
    return status, json.loads(body)


try:
    run("ingest", SAMPLES, "--jobs", "2", "--progress", "none")
    records = [json.loads(l) for l in run("export").stdout.splitlines()]
    by_source = {os.path.basename(r["source"]): r["id"] for r in records}
    marks = {"bc-tong-ket-van-thu.pdf": "", "cv-chuyen-doi-so.pdf": "", "qd-so-hoa-tai-lieu.png": "MẬT",
             "kh-phong-chay-chua-chay.jpg": "TỐI MẬT", "tb-lich-tiep-cong-dan.tif": "TUYỆT MẬT"}
    for source, mark in marks.items():
        run("set", by_source[source], f"confidentiality={mark}")
    levels = ["public", "internal", "mat", "toi-mat", "tuyet-mat"]
    need = {"": 1, "MẬT": 2, "TỐI MẬT": 3, "TUYỆT MẬT": 4}  # index into levels
    tokens = {None: None}
    for level in levels[1:]:
        tokens[level] = run("user", "add", "u-" + level, "--clearance", level).stdout.strip()
    check(len(tokens["mat"]) == 64, "a token is printed once")
    check("u-mat\tmat" in run("user", "list").stdout, "user list shows names and clearances")

    proc, port = serve()
    # --- Endpoints and errors ---
    status, body = post_files(port, "/api/v1/uploads", [("big.pdf", b"0" * (2 << 20))], tokens["mat"])
    check(status == 413 and body["error"]["code"] == "too_large", f"an upload over the limit: {status} {body}")
    status, body = get_json(port, "/healthz")
    check(status == 200 and body["status"] == "ok", "healthz")
    status, body = get_json(port, "/api/v1/search")
    check(status == 400 and body["error"]["code"] == "bad_request", f"search without q: {status} {body}")
    status, body = get_json(port, "/api/v1/search?q=" + "a" * 2000, tokens["internal"])
    check(status == 413 and body["error"]["code"] == "too_large", f"long query: {status}")
    status, body = get_json(port, "/api/v1/search?q=x&limit=1000", tokens["internal"])
    check(status == 400, f"page size over the limit: {status}")
    status, body = get_json(port, "/api/v1/search?q=x&limit=abc", tokens["internal"])
    check(status == 400, f"limit not a number: {status}")
    status, body = get_json(port, "/api/v1/search?q=x", "not-a-token")
    check(status == 401 and body["error"]["code"] == "unauthorized", f"unknown token: {status}")
    for path in ["/api/v1/records/..%2F..%2Fetc%2Fpasswd", "/api/v1/records/../../catalog.sqlite",
                 "/api/v1/records/zzzz", "/api/v1/nothing", "/api/v1/records/0123456789abcdef/pages/1/text"]:
        status, _, body = get(port, path, tokens["tuyet-mat"])
        check(400 <= status < 500 and json.loads(body)["error"]["code"], f"{path}: {status} {body[:100]}")

    # --- Leak test: each clearance, every endpoint ---
    missing = get(port, "/api/v1/records/0123456789abcdef", tokens["tuyet-mat"])
    for i, level in enumerate(["public"] + levels[1:]):
        token = tokens.get(level)
        visible = {rid for src, rid in by_source.items() if need[marks[src]] <= i}
        status, body = get_json(port, "/api/v1/search?q=l%C6%B0u+tr%E1%BB%AF+OR+v%C4%83n+OR+c%C3%B4ng&limit=100&facets=1", token)
        got = {h["record"] for h in body.get("hits", [])}
        check(status == 200 and got <= visible, f"{level}: search shows {sorted(got - visible)} above the level")
        check(body.get("total", 0) == len(got), f"{level}: total {body.get('total')} for {len(got)} hits")
        secrecy = {v["value"]: v["records"] for v in body.get("facets", {}).get("domat", [])}
        allowed_marks = {m for m in need if m and need[m] <= i}
        check(set(secrecy) <= allowed_marks, f"{level}: facets show marks {sorted(set(secrecy) - allowed_marks)}")
        for src, rid in by_source.items():
            hidden = rid not in visible
            for path in [f"/api/v1/records/{rid}", f"/api/v1/records/{rid}/pages/1/text",
                         f"/api/v1/records/{rid}/pages/1/image?width=200",
                         f"/api/v1/records/{rid}/pdf", f"/api/v1/records/{rid}/original"]:
                status, ctype, body = get(port, path, token)
                if hidden:
                    same = (status, body) == (404, missing[2]) if path.endswith(rid) else status == 404
                    check(same, f"{level}: {path} of a {marks[src] or 'unmarked'} record answered {status}")
                else:
                    check(status == 200, f"{level}: {path} answered {status}")
        # A word only the TUYỆT MẬT record has (its filter), typed wrongly: no suggestion below.
        status, body = get_json(port, "/api/v1/search?q=domat%3A%22tuy%E1%BB%87t+m%E1%BA%ADt%22", token)
        check(status == 200 and (body["total"] == 0) == (i < 4), f"{level}: domat filter count {body.get('total')}")

    # Suggestions: a mistyped word that only the TUYỆT MẬT record holds is suggested to its
    # level only.
    def words_of(rid):
        _, _, text = get(port, f"/api/v1/records/{rid}/pages/1/text", tokens["tuyet-mat"])
        return set(re.findall(r"\w{5,}", text.decode().lower()))
    secret = by_source["tb-lich-tiep-cong-dan.tif"]
    others = set().union(*(words_of(r) for s_, r in by_source.items() if r != secret))
    only_secret = sorted(w for w in words_of(secret) - others if w.isalpha())
    check(only_secret, "a word only the TUYỆT MẬT record holds")
    if only_secret:
        word = only_secret[0]
        typo = word[:-1] + ("q" if word[-1] != "q" else "x")
        folded = "".join(c for c in unicodedata.normalize("NFD", word.replace("đ", "d")) if not unicodedata.combining(c))
        for i, level in enumerate(["public"] + levels[1:]):
            status, body = get_json(port, "/api/v1/search?q=" + urllib.parse.quote(typo), tokens.get(level))
            suggested = body.get("suggestion", "")
            # Below TUYỆT MẬT a word of the visible records may be offered, never the secret one.
            check(status == 200 and ((folded in suggested.split()) == (i == 4)),
                  f"{level}: suggestion for {typo!r} is {suggested!r}")

    # A record's view: fields, pages, links; page text; PDF and original bytes.
    rid = by_source["cv-chuyen-doi-so.pdf"]
    status, body = get_json(port, f"/api/v1/records/{rid}", tokens["internal"])
    check(status == 200 and body["metadata"]["doc_type"] and body["pages"][0]["text_url"], "record view")
    status, _, text = get(port, body["pages"][0]["text_url"], tokens["internal"])
    check(status == 200 and len(text) == body["pages"][0]["chars"], f"a record's text_url: {status}")
    status, ctype, text = get(port, f"/api/v1/records/{rid}/pages/1/text", tokens["internal"])
    check(status == 200 and "số" in text.decode(), "page text")
    status, ctype, pdf = get(port, f"/api/v1/records/{rid}/original", tokens["internal"])
    check(status == 200 and pdf == open(os.path.join(SAMPLES, "cv-chuyen-doi-so.pdf"), "rb").read(),
          "the original comes back byte for byte")
    disposition = HEADERS.get(f"/api/v1/records/{rid}/original", {}).get("Content-Disposition", "")
    check('filename="cv-chuyen-doi-so.pdf"' in disposition and "filename*=UTF-8''cv-chuyen-doi-so.pdf" in disposition,
          f"the original keeps its name: {disposition}")
    status, ctype, pdf = get(port, f"/api/v1/records/{rid}/pdf", tokens["internal"])
    check(status == 200 and pdf.startswith(b"%PDF") and ctype == "application/pdf", "searchable PDF")
    status, ctype, png = get(port, f"/api/v1/records/{by_source['tb-lich-tiep-cong-dan.tif']}/pages/2/image",
                             tokens["tuyet-mat"])
    check(status == 200 and ctype == "image/png" and png.startswith(b"\x89PNG"), f"page image: {status} {ctype}")
    status, _, _ = get(port, f"/api/v1/records/{rid}/pages/9/image", tokens["internal"])
    check(status == 404, f"image of a page the record does not have: {status}")
    # Where a field was read (for review): the crop of its box; none for a field without one.
    status, ctype, png = get(port, f"/api/v1/records/{rid}/fields/number/image", tokens["internal"])
    check(status == 200 and ctype == "image/png" and png.startswith(b"\x89PNG"), f"a field's crop: {status} {ctype}")
    status, _, _ = get(port, f"/api/v1/records/{rid}/fields/no_such_field/image", tokens["internal"])
    check(status == 404, f"the crop of a field not read: {status}")

    # Uploads: a token is needed; the file is ingested in the background and the running
    # server finds it without a restart.
    upload = open(os.path.join(SAMPLES, "qd-so-hoa-tai-lieu.png"), "rb").read() + b"uploaded copy"
    status, body = post_files(port, "/api/v1/uploads", [("../../etc/scan.png", upload)])
    check(status == 403, f"an anonymous upload: {status}")
    status, body = post_files(port, "/api/v1/uploads", [], tokens["mat"])
    check(status == 400, f"an upload without files: {status}")
    status, body = post_files(port, "/api/v1/uploads", [("../../etc/scan.png", upload)], tokens["mat"])
    check(status == 202 and body.get("job"), f"upload: {status} {body}")
    job = body.get("job", "x")
    status, _ = get_json(port, f"/api/v1/jobs/{job}", tokens["internal"])
    check(status == 404, f"someone else's job: {status}")
    state = {}
    for _ in range(120):
        status, state = get_json(port, f"/api/v1/jobs/{job}", tokens["mat"])
        if state.get("state") in ("done", "failed"):
            break
        time.sleep(0.5)
    check(state.get("state") == "done" and state["outcomes"][0]["file"] == "scan.png"
          and state["outcomes"][0]["outcome"] == "archived", f"upload job: {state}")
    status, body = get_json(port, "/api/v1/search?q=scan.png+OR+so+hoa+tai+lieu&limit=20", tokens["mat"])
    check(any(h["source"] == "scan.png" for h in body.get("hits", [])),
          "the uploaded file is found without restarting the server")
    check(all("/" not in h["source"] for h in body.get("hits", [])), "search results show no server folders")
    check(not os.path.exists(os.path.join(ARCHIVE, "uploads", job)), "the upload folder is cleared once archived")
    status, body = get_json(port, f"/api/v1/records/{by_source['cv-chuyen-doi-so.pdf']}", tokens["internal"])
    check(body.get("source") == "cv-chuyen-doi-so.pdf", f"a record shows its file's name, not the server's path: {body.get('source')}")

    # Uploads: the limit holds for chunked bodies too; a body is not read before the caller is
    # known; two files of one name are two files; nothing of a refused upload stays; the bytes
    # of a file that cannot be archived are not kept.
    def uploads_left():
        folder = os.path.join(ARCHIVE, "uploads")
        return sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    def wait_job(job, token):
        for _ in range(120):
            status, state = get_json(port, f"/api/v1/jobs/{job}", token)
            if state.get("state") in ("done", "failed"):
                return state
            time.sleep(0.5)
        return {}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.putrequest("POST", "/api/v1/uploads")
    conn.putheader("Authorization", "Bearer " + tokens["mat"])
    conn.putheader("Content-Type", "multipart/form-data; boundary=b")
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    head = b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n\r\n'
    try:
        for chunk in [head] + [b"0" * 65536] * 40:  # 2.5 MB against a limit of 1 MB
            conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        conn.send(b"0\r\n\r\n")
        response = conn.getresponse()
        check(response.status == 413, f"a chunked upload over the limit: {response.status}")
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server stopped reading: refused all the same
    conn.close()
    check(uploads_left() == [], f"nothing of an oversized upload stays: {uploads_left()}")
    import socket
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"POST /api/v1/uploads HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                  b"Content-Length: 1000000000\r\n\r\n")
        started = time.monotonic()
        reply = s.recv(200)
        check(reply.startswith(b"HTTP/1.1 403") and time.monotonic() - started < 5,
              f"an anonymous upload is refused before its body is read: {reply[:40]}")
    letter = open(os.path.join(SAMPLES, "cv-chuyen-doi-so.pdf"), "rb").read()
    status, body = post_files(port, "/api/v1/uploads", [("thu.pdf", letter + b"\n%1\n"), ("../x/thu.pdf", letter + b"\n%2\n")],
                              tokens["mat"])
    state = wait_job(body.get("job", "x"), tokens["mat"])
    names = sorted(o["file"] for o in state.get("outcomes", []))
    check(names == ["thu (2).pdf", "thu.pdf"] and state["files_outcome"].get("archived") == 2,
          f"two files of one name are two files: {status} {state}")
    status, body = post_files(port, "/api/v1/uploads", [("ok.pdf", letter + b"\n%3\n"), ("..", b"x")], tokens["mat"])
    check(status == 400, f"an upload with a nameless file is refused: {status} {body}")
    check(uploads_left() == [], f"nothing of a refused upload stays: {uploads_left()}")
    objects_before = sum(len(f) for _, _, f in os.walk(os.path.join(ARCHIVE, "objects")))
    status, body = post_files(port, "/api/v1/uploads", [("broken.pdf", b"%PDF-1.4\n1 0 obj\n<<")], tokens["mat"])
    state = wait_job(body.get("job", "x"), tokens["mat"])
    check(state.get("outcomes", [{}])[0].get("outcome") == "failed", f"a broken upload fails: {state}")
    objects_after = sum(len(f) for _, _, f in os.walk(os.path.join(ARCHIVE, "objects")))
    check(objects_after == objects_before, f"a failed file's bytes are not kept ({objects_before} -> {objects_after})")

    # A copy of a record above the uploader's clearance is "archived", as a new file: never
    # "duplicate", which would tell the archive holds it. To a cleared uploader it is.
    secret = open(os.path.join(SAMPLES, "tb-lich-tiep-cong-dan.tif"), "rb").read()
    def upload_outcome(token):
        status, body = post_files(port, "/api/v1/uploads", [("copy.tif", secret)], token)
        return wait_job(body.get("job", "x"), token)
    state = upload_outcome(tokens["mat"])
    check(state.get("outcomes", [{}])[0].get("outcome") == "archived" and "duplicate" not in state.get("files_outcome", {}),
          f"a MẬT user uploading a copy of a TUYỆT MẬT record learns nothing: {state}")
    state = upload_outcome(tokens["tuyet-mat"])
    check(state.get("outcomes", [{}])[0].get("outcome") == "duplicate", f"a cleared uploader is told: {state}")

    # Metrics count only what the caller may see; the ingest runs' counts (every mark) are
    # for a caller who may see everything.
    status, _, metrics = get(port, "/metrics", tokens["tuyet-mat"])
    check(b'luutru_http_requests_total{route="search",code="200"}' in metrics, "metrics count searches")
    check(re.search(rb"^luutru_records 8$", metrics, re.M), "metrics: records in the archive (5 + 3 uploads)")
    check(b'luutru_last_ingest_files{outcome="duplicate"} 1' in metrics, "metrics: the last ingest run (an upload's)")
    check(b'luutru_upload_jobs_total{state="done"} 5' in metrics, "metrics: upload jobs")
    check(b"luutru_last_ingest_finished_seconds " in metrics, "metrics: when the last ingest ended")
    status, _, metrics = get(port, "/metrics", tokens["internal"])
    check(re.search(rb"^luutru_records 5$", metrics, re.M), f"metrics: an internal caller counts what it sees (5)")
    check(b"luutru_last_ingest" not in metrics and b"luutru_upload" not in metrics,
          "metrics: no counts of every mark below TUYỆT MẬT")
    status, _, metrics = get(port, "/metrics")
    check(re.search(rb"^luutru_records 0$", metrics, re.M), "metrics: the public sees no record")

    # HTTP limits: one byte range per download (several: the whole file, once), a request of
    # too many header lines refused, slow clients from one address held to its share while
    # others are answered.
    rid = by_source["cv-chuyen-doi-so.pdf"]
    size = os.path.getsize(os.path.join(SAMPLES, "cv-chuyen-doi-so.pdf"))
    def raw(request, source="127.0.0.1"):
        s = socket.socket()
        s.bind((source, 0))
        s.settimeout(10)
        s.connect(("127.0.0.1", port))
        s.sendall(request)
        data = b""
        try:
            while chunk := s.recv(65536):
                data += chunk
        except OSError:
            pass
        s.close()
        head, _, body = data.partition(b"\r\n\r\n")
        status = int(head.split(b" ")[1]) if head.startswith(b"HTTP/") else 0
        return status, head, body
    auth = f"Authorization: Bearer {tokens['tuyet-mat']}\r\n"
    status, head, body = raw(f"GET /api/v1/records/{rid}/original HTTP/1.1\r\nHost: x\r\n{auth}Range: bytes=0-3\r\n"
                             f"Connection: close\r\n\r\n".encode())
    check(status == 206 and body == b"%PDF" and f"bytes 0-3/{size}".encode() in head, f"one byte range: {status} {head[:200]}")
    many = "bytes=" + ",".join(f"{i}-{i + 5000}" for i in range(2700))
    status, head, body = raw(f"GET /api/v1/records/{rid}/original HTTP/1.1\r\nHost: x\r\n{auth}Range: {many}\r\n"
                             f"Connection: close\r\n\r\n".encode())
    check(status == 200 and len(body) == size, f"2,700 ranges: the whole file once ({status}, {len(body)} of {size} bytes)")
    status, _, _ = raw(f"GET /api/v1/records/{rid}/original HTTP/1.1\r\nHost: x\r\n{auth}Range: bytes={size + 10}-\r\n"
                       f"Connection: close\r\n\r\n".encode())
    check(status == 416, f"a range past the end: {status}")
    flood = "".join(f"X-Pad-{i}: {'a' * 20}\r\n" for i in range(3000))
    status, _, _ = raw(f"GET /healthz HTTP/1.1\r\nHost: x\r\n{flood}Connection: close\r\n\r\n".encode())
    check(status in (0, 413, 431), f"3,000 header lines are refused: {status}")
    slow, refused = [], 0
    for _ in range(70):  # past the 64 one address may hold
        s = socket.socket()
        s.bind(("127.0.0.2", 0))
        s.settimeout(2)
        try:
            s.connect(("127.0.0.1", port))
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            slow.append(s)
        except OSError:
            refused += 1
    time.sleep(0.5)
    closed = 0
    for s in slow:
        try:
            s.settimeout(0.05)
            closed += s.recv(1) == b""
        except socket.timeout:
            pass
        except OSError:
            closed += 1
    check(refused + closed >= 6, f"one address holds at most 64 connections: {refused} refused, {closed} closed of 70")
    status, _, body = raw(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    check(status == 200, f"another address is answered while slow clients hold theirs: {status}")
    for s in slow:
        s.close()

    # Fail closed: while the audit log cannot be written, nothing is answered.
    db = sqlite3.connect(os.path.join(ARCHIVE, "catalog.sqlite"))
    db.execute("CREATE TRIGGER audit_down BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'disk error'); END")
    db.commit()
    rid = by_source["cv-chuyen-doi-so.pdf"]
    for path in [f"/api/v1/records/{rid}/original", f"/api/v1/records/{rid}", "/api/v1/search?q=van"]:
        status, _, body = get(port, path, tokens["tuyet-mat"])
        check(status == 503 and json.loads(body)["error"]["code"] == "audit_unavailable",
              f"{path} while the audit log cannot be written: {status} {body[:80]}")
    db.execute("DROP TRIGGER audit_down")
    db.commit()
    db.close()
    status, _, body = get(port, f"/api/v1/records/{rid}/original", tokens["tuyet-mat"])
    check(status == 200 and body[:4] == b"%PDF", f"served again once the log can be written: {status}")

    # The clearance is checked before any of a record is read: a hidden record whose
    # record.json is damaged still answers exactly as a missing one.
    secret_json = os.path.join(ARCHIVE, "records", by_source["tb-lich-tiep-cong-dan.tif"], "record.json")
    kept = open(secret_json, "rb").read()
    open(secret_json, "wb").write(b"{damaged")
    missing = get(port, "/api/v1/records/0123456789abcdef", tokens["internal"])
    hidden = get(port, f"/api/v1/records/{by_source['tb-lich-tiep-cong-dan.tif']}", tokens["internal"])
    check((hidden[0], hidden[2]) == (missing[0], missing[2]), f"a hidden record answers as a missing one: {hidden}")
    open(secret_json, "wb").write(kept)
    proc.terminate()
    proc.wait(timeout=10)
    check(proc.returncode == 0, f"serve stops cleanly on SIGTERM (exit {proc.returncode})")

    # --- An upload a stopped server had not archived is archived when it starts again ---
    left = os.path.join(ARCHIVE, "uploads", "feedc0de")
    os.makedirs(left)
    with open(os.path.join(left, "left.png"), "wb") as f:
        f.write(open(os.path.join(SAMPLES, "qd-so-hoa-tai-lieu.png"), "rb").read() + b"left by a stopped server")
    proc, port = serve()
    for _ in range(120):
        if not os.path.exists(left):
            break
        time.sleep(0.5)
    check(not os.path.exists(left), "a waiting upload is archived when the server starts")
    status, _, metrics = get(port, "/metrics", tokens["tuyet-mat"])
    check(re.search(rb"^luutru_records 9$", metrics, re.M), "metrics: the waiting upload is a record")
    proc.terminate()
    proc.wait(timeout=10)

    # --- Beyond loopback: tokens required ---
    proc, port = serve("0.0.0.0:0")
    status, body = get_json(port, "/api/v1/search?q=van")
    check(status == 401, f"no token beyond loopback: {status}")
    status, body = get_json(port, "/healthz")
    check(status == 200, f"healthz needs no token (monitoring): {status}")
    status, _, _ = get(port, "/metrics")
    check(status == 401, f"metrics need a token beyond loopback: {status}")
    status, _, metrics = get(port, "/metrics", tokens["internal"])
    check(status == 200 and b"luutru_records" in metrics, f"metrics with a token: {status}")
    status, body = get_json(port, "/api/v1/search?q=van", tokens["internal"])
    check(status == 200, f"a token beyond loopback: {status}")
    proc.terminate()
    proc.wait(timeout=10)

    # --- Audit: logged, and tampering caught ---
    out = run("audit", "verify", "--audit-key", AUDIT_KEY)
    entries = int(out.stdout.split()[0])
    check(entries > 100 and "intact" in out.stdout, f"audit verify: {out.stdout}")
    catalog = os.path.join(ARCHIVE, "catalog.sqlite")
    db = sqlite3.connect(catalog)
    users = {u for (u,) in db.execute("SELECT DISTINCT user FROM audit")}
    check({"", "u-mat", "u-tuyet-mat"} <= users, f"audit users: {users}")
    check(db.execute("SELECT COUNT(*) FROM audit WHERE action='download-original' AND status=200").fetchone()[0] >= 1,
          "downloads are audited")
    db.close()
    for name, tamper, seq in [
        ("edit", "UPDATE audit SET target='nothing to see' WHERE seq=7", 7),
        ("delete", "DELETE FROM audit WHERE seq=12", 12),
        ("reorder", "UPDATE audit SET seq=-1 WHERE seq=20; UPDATE audit SET seq=20 WHERE seq=21; "
                    "UPDATE audit SET seq=21 WHERE seq=-1", 20),
    ]:
        copy = os.path.join(WORK, "tampered-" + name)
        shutil.copytree(ARCHIVE, copy)
        db = sqlite3.connect(os.path.join(copy, "catalog.sqlite"))
        db.executescript(tamper)
        db.commit()
        db.close()
        out = subprocess.run([LUUTRU, "audit", "verify", "--archive", copy, "--audit-key", AUDIT_KEY],
                             capture_output=True, text=True)
        check(out.returncode == 6 and f"entry {seq}" in out.stdout,
              f"audit {name}: exit {out.returncode}: {out.stdout.strip()}")
finally:
    for server in SERVERS:
        if server.poll() is None:
            server.kill()
            server.wait()
    shutil.rmtree(WORK, ignore_errors=True)

print("FAIL" if failures else "all API checks passed", f"({len(failures)} failures)" if failures else "")
sys.exit(1 if failures else 0)
