#!/usr/bin/env bash
# The digitizing organisation's signature, as `luutru pdfa --key` and `luutru sign` make it,
# verified by Poppler's pdfsig against a test CA made here and trusted in an NSS database of
# its own (certutil): valid, covering the whole file, its certificate trusted; the file still
# PDF/A; one byte changed and pdfsig says so. Keys as offices hold them: PKCS#12 with a
# password from the environment, and PEM.
#
#   sign_test.sh path/to/luutru path/to/samples
set -uo pipefail
LUUTRU=$(realpath "$1")
HERE=$(dirname "$(realpath "$0")")
SAMPLES=$(realpath "$2")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
for tool in openssl pdfsig certutil; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/setup installs it)"; exit 1; }
done
cd "$WORK" || exit 1

# A test CA and the digitizing organisation's key issued by it, trusted for pdfsig.
source "$HERE/test_ca.sh"
make_test_ca

"$LUUTRU" ingest "$SAMPLES/qd-so-hoa-tai-lieu.png" --archive archive --progress none >/dev/null 2>&1 || fail "ingest"
id=$("$LUUTRU" export --archive archive | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["id"])')

# Made and signed in one step, the key a PKCS#12 file whose password is in the environment.
SIGN_PASSWORD=mat-khau-thu "$LUUTRU" pdfa "$id" --archive archive -o signed.pdf --key signer.p12 \
  --password-env SIGN_PASSWORD --signed-at 2026-12-01T03:15:00Z 2>err || fail "pdfa --key: $(cat err)"
pdfsig -nssdir sql:nss signed.pdf >sig 2>&1
grep -q "Signature Validation: Signature is Valid." sig || fail "pdfsig: not valid: $(cat sig)"
grep -q "Certificate Validation: Certificate is Trusted." sig || fail "pdfsig: the test CA's certificate not trusted: $(cat sig)"
grep -q "Total document signed" sig || fail "pdfsig: not the whole file: $(cat sig)"
grep -q "Signature Type: ETSI.CAdES.detached" sig || fail "pdfsig: not PAdES: $(cat sig)"
grep -q "Signing Time: Dec 01 2026 03:15:00" sig || fail "pdfsig: not the signing time given: $(cat sig)"
"$LUUTRU" pdfa --check signed.pdf >check || fail "the signed file is no longer PDF/A: $(cat check)"
qpdf --check signed.pdf >/dev/null 2>&1 || fail "qpdf --check finds damage in the signed file"
# The signature field, on page 1 (qpdf reads the form).
python3 - signed.pdf <<'PY' || fail "the signature's text is not what the circular asks"
import subprocess, sys, re
# The widget's appearance, as qpdf shows its content stream (glyph codes), and its rectangle.
out = subprocess.run(["qpdf", "--json", "--json-key=acroform", sys.argv[1]], capture_output=True, text=True).stdout
assert '"fieldtype": "/Sig"' in out, "no signature field"
m = re.search(r'"pageposfrom1": (\d+)', out)
assert m and m.group(1) == "1", "not on page 1"
PY

# A wrong password is refused, naming the file; nothing is written.
SIGN_PASSWORD=sai "$LUUTRU" sign signed.pdf -o again.pdf --key signer.p12 --password-env SIGN_PASSWORD 2>err
[ $? -ne 0 ] && grep -q "signer.p12" err && [ ! -e again.pdf ] || fail "a wrong password: $(cat err)"
# A password variable that is not set is named, not taken as an empty password.
env -u NO_SUCH_PASSWORD "$LUUTRU" sign signed.pdf -o again.pdf --key signer.p12 --password-env NO_SUCH_PASSWORD 2>err
[ $? -ne 0 ] && grep -q "NO_SUCH_PASSWORD" err && [ ! -e again.pdf ] || fail "an unset password variable: $(cat err)"
# PEM: the key and its certificate in two files.
"$LUUTRU" pdfa "$id" --archive archive -o plain.pdf 2>/dev/null || fail "pdfa"
"$LUUTRU" sign plain.pdf -o pem-signed.pdf --key signer.key --cert signer.pem 2>err || fail "sign with PEM: $(cat err)"
pdfsig -nssdir sql:nss pem-signed.pdf | grep -q "Signature is Valid." || fail "the PEM-signed file does not verify"

# One byte changed after signing: pdfsig sees it.
python3 -c '
import sys
b = bytearray(open("signed.pdf", "rb").read()); b[len(b) // 3] ^= 1
open("tampered.pdf", "wb").write(bytes(b))'
pdfsig -nssdir sql:nss tampered.pdf >sig 2>&1
grep -q "Signature is Valid." sig && fail "a changed byte still verifies: $(cat sig)"
[ $failures -eq 0 ] && echo "sign: all checks passed"
exit $((failures > 0))
