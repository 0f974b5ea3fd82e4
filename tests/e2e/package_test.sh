#!/usr/bin/env bash
# The hand-over end to end (issue 19): a fonds of 3 archival files imported from a finding aid,
# its scans ingested, packaged as TT 05/2025 AIP_hoso with every PDF/A signed by a test CA made
# here; the packages, their ZIPs and a BagIt bag of them pass `luutru package --check --strict`;
# every PDF passes luutru's offline PDF/A check (also with --lossless page images), qpdf and pdfsig (valid, trusted); xmllint
# validates the METS and PREMIS with the built-in schemas written out; one byte flipped in one
# PDF and the check fails naming that file, in the folder, the ZIP and the bag.
# With a dev corpus and the standards' samples (../shared): the fonds is made of the dev
# corpus's documents, and the E-ARK samples are accepted or refused as their README says.
#
#   package_test.sh path/to/luutru path/to/samples [path/to/corpus/dev path/to/standards/samples]
set -uo pipefail
LUUTRU=$(realpath "$1")
HERE=$(dirname "$(realpath "$0")")
SAMPLES=$(realpath "$2")
DEV=${3:+$(realpath "$3")}
STANDARDS=${4:+$(realpath "$4")}
WORK=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
for tool in openssl pdfsig certutil qpdf unzip python3; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/setup installs it)"; exit 1; }
done
cd "$WORK" || exit 1

# A test CA and the digitizing organisation's key issued by it, trusted for pdfsig.
source "$HERE/test_ca.sh"
make_test_ca

# The fonds: 3 archival files of 2, 2 and 1 documents, one scan per document.
printf '%s\n' 'Số và ký hiệu hồ sơ,Tiêu đề hồ sơ,Thời hạn bảo quản,Chế độ sử dụng,Mã phông,Năm hình thành,Số lượng tờ' \
  '01.VP,"Hồ sơ chuyển đổi số, số hóa",Vĩnh viễn,Công khai,H30,2024,4' \
  '02.VP,Hồ sơ tiếp công dân,20 năm,Sử dụng có điều kiện,H30,2024,3' \
  '03.VP,Hồ sơ văn bản đến,10 năm,Công khai,H30,2024,1' >muc-luc.csv
mkdir -p scans/01.VP scans/02.VP scans/03.VP
if [ -n "$DEV" ]; then
  docs=($(python3 -c 'import json,sys; print(" ".join(d["file"] for d in json.load(open(sys.argv[1]))[:5]))' "$DEV/MANIFEST.json"))
  [ ${#docs[@]} -eq 5 ] || { echo "FAIL: $DEV/MANIFEST.json lists fewer than 5 documents"; exit 1; }
  src=("$DEV/${docs[0]}" "$DEV/${docs[1]}" "$DEV/${docs[2]}" "$DEV/${docs[3]}" "$DEV/${docs[4]}")
else
  src=("$SAMPLES/cv-chuyen-doi-so.pdf" "$SAMPLES/bc-tong-ket-van-thu.pdf" "$SAMPLES/qd-so-hoa-tai-lieu.png"
    "$SAMPLES/tb-lich-tiep-cong-dan.tif" "$SAMPLES/kh-phong-chay-chua-chay.jpg")
fi
ext() { echo "${1##*.}"; }
cp "${src[0]}" "scans/01.VP/1.$(ext "${src[0]}")"
cp "${src[1]}" "scans/01.VP/2.$(ext "${src[1]}")"
cp "${src[2]}" "scans/02.VP/1.$(ext "${src[2]}")"
cp "${src[3]}" "scans/02.VP/2.$(ext "${src[3]}")"
cp "${src[4]}" "scans/03.VP/1.$(ext "${src[4]}")"
"$LUUTRU" hoso import muc-luc.csv --archive archive >log 2>err || fail "hoso import: $(cat err)"
"$LUUTRU" ingest scans --archive archive --progress none >log 2>err || fail "ingest: $(tail -3 err)"

"$LUUTRU" package --all --fonds H30 --archive archive -o pk --zip --archive-code LTLS-QN \
  --organisation-code H30 --key signer-key.pem --signed-at 2026-12-01T03:15:00Z >written 2>err ||
  fail "package: $(cat err)"
cat err
mapfile -t packages <written
[ ${#packages[@]} -eq 3 ] || fail "expected 3 packages, got ${#packages[@]}: $(cat err)"
for p in "${packages[@]}"; do
  name=$(basename "$p")
  objid=$(python3 -c 'import sys,re; print(re.search(r"OBJID=\"([^\"]+)\"", open(sys.argv[1]).read()).group(1))' "$p/METS.xml")
  [ "$name" = "${objid//:/_}" ] || fail "$name is not its OBJID $objid with : as _"
  "$LUUTRU" package --check "$p" --strict >check 2>&1 || fail "check $name: $(cat check)"
  "$LUUTRU" package --check "$p.zip" --strict >check 2>&1 || fail "check $name.zip: $(cat check)"
  ls "$p"/representations/rep1/data/*.pdf >/dev/null 2>&1 || fail "$name holds no PDF"
  for pdf in "$p"/representations/rep1/data/*.pdf; do
    case "$(basename "$pdf")" in H30.2024.0[123].VP.00[12].pdf) ;; *) fail "PDF named $(basename "$pdf")" ;; esac
    "$LUUTRU" pdfa --check "$pdf" >check 2>&1 || fail "not PDF/A: $(cat check)"
    qpdf --check "$pdf" >/dev/null 2>&1 || fail "qpdf --check: $pdf"
    pdfsig -nssdir sql:nss "$pdf" >sig 2>&1
    grep -q "Signature Validation: Signature is Valid." sig || fail "pdfsig: $(basename "$pdf") not valid: $(cat sig)"
    grep -q "Certificate Validation: Certificate is Trusted." sig || fail "pdfsig: $(basename "$pdf") not trusted"
  done
  grep -q "<eventType>digital signature generation</eventType>" "$p/metadata/preservation/PREMIS.xml" ||
    fail "PREMIS does not record the signing"
  grep -q "<eventType>fixity check</eventType>" "$p/metadata/preservation/PREMIS.xml" ||
    fail "PREMIS does not record the fixity check"
  grep -q "Tesseract" "$p/metadata/preservation/PREMIS.xml" || fail "PREMIS does not name the OCR engine"
done
# A second opinion on the XML: xmllint with the schemas as the package carries them (METS
# imports XLink by its public URL: a catalog sends it to the package's copy).
if command -v xmllint >/dev/null; then
  p=${packages[0]}
  printf '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog"><system systemId="http://www.loc.gov/standards/xlink/xlink.xsd" uri="%s"/></catalog>\n' \
    "$WORK/$p/schemas/xlink.xsd" >catalog.xml
  export XML_CATALOG_FILES=$WORK/catalog.xml
  for f in "$p/METS.xml" "$p/representations/rep1/METS.xml"; do
    xmllint --nonet --noout --schema "$p/schemas/mets1_12.xsd" "$f" 2>xerr ||
      fail "xmllint: $f: $(cat xerr)"
  done
  for f in "$p/metadata/preservation/PREMIS.xml" "$p/representations/rep1/metadata/preservation/PREMIS_rep1.xml"; do
    xmllint --nonet --noout --schema "$p/schemas/premis-v3-0.xsd" "$f" 2>xerr ||
      fail "xmllint: $f: $(cat xerr)"
  done
fi
# The file's record holds what the finding aid and the documents say.
ead=$(grep -l "<arcFileCode>LTLS-QN.H30.2024.01.VP</arcFileCode>" pk/*/metadata/descriptive/EAD.xml)
[ -n "$ead" ] || fail "no package of 01.VP with arcFileCode LTLS-QN.H30.2024.01.VP"
[ -n "$ead" ] && for want in "<maintenance>01</maintenance>" "<totalDoc>2</totalDoc>" "<numberOfPaper>4</numberOfPaper>"; do
  grep -q "$want" "$ead" || fail "EAD.xml of 01.VP lacks $want"
done

# One byte flipped in one PDF: the check fails and names that file.
victim=$(ls "${packages[1]}"/representations/rep1/data/*.pdf | head -1)
rel=${victim#pk/}
flip() {
  python3 - "$1" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[len(b) // 2] ^= 0x01
open(p, "wb").write(bytes(b))
PY
}
cp -r "${packages[1]}" flipped-src && flip "$victim"
"$LUUTRU" package --check "${packages[1]}" >check 2>&1
rc=$?
[ $rc -eq 6 ] || fail "a flipped byte: check exit $rc, expected 6"
grep -q "lỗi \[FIXITY\] $(basename "$victim"): SHA-256 không khớp" check ||
  grep -q "lỗi \[FIXITY\] .*$(basename "$victim"): SHA-256 không khớp" check ||
  fail "the check does not name the changed file: $(cat check)"
rm -rf "${packages[1]}" && mv flipped-src "${packages[1]}"
# ... in the ZIP too.
(cd pk && unzip -q "$(basename "${packages[1]}").zip" -d zipped) && flip "pk/zipped/$rel" &&
  (cd pk/zipped && python3 -c 'import shutil,sys; shutil.make_archive(sys.argv[1], "zip", ".")' ../flipped) ||
  fail "cannot remake the ZIP"
"$LUUTRU" package --check pk/flipped.zip >check 2>&1 && fail "a flipped byte in a ZIP passes"
grep -q "$(basename "$victim"): SHA-256 không khớp" check || fail "ZIP: file not named: $(cat check)"

# The transfer bag, its packages' pages kept as scanned (lossless): made, checked, then broken.
"$LUUTRU" package --all --archive archive --bag bag --organisation-code H30 --lossless >/dev/null 2>err ||
  fail "package --bag --lossless: $(cat err)"
for pdf in bag/data/*/representations/rep1/data/*.pdf; do
  "$LUUTRU" pdfa --check "$pdf" >check 2>&1 || fail "lossless copy not PDF/A: $(cat check)"
  if pdfimages -list "$pdf" | awk 'NR > 2 {print $9}' | grep -q jpeg; then
    # An original PDF's own JPEG pages stay as they are; a scan's must not become JPEG.
    grep -q "\.pdf" <<<"$(grep -o '<originalName>[^<]*' "${pdf%/representations/*}/metadata/preservation/PREMIS.xml")" ||
      fail "a scan's page re-encoded as JPEG in the lossless copy: $pdf"
  fi
done
for f in bagit.txt bag-info.txt manifest-sha256.txt tagmanifest-sha256.txt; do
  [ -f "bag/$f" ] || fail "the bag lacks $f"
done
[ "$(ls bag/data | wc -l)" -eq 3 ] || fail "the bag holds $(ls bag/data | wc -l) packages, expected 3"
"$LUUTRU" package --check bag --strict >check 2>&1 || fail "check bag: $(cat check)"
grep -q "túi BagIt" check || fail "the bag is not checked as a bag: $(cat check)"
bagged=$(ls bag/data/*/representations/rep1/data/*.pdf | head -1)
flip "$bagged"
"$LUUTRU" package --check bag >check 2>&1 && fail "a flipped byte in a bag passes"
grep -q "\[BAGIT-FIXITY\] ${bagged#bag/}" check || fail "bag: the file is not named: $(cat check)"
grep -q "\[FIXITY\] ${bagged#bag/}" check || fail "bag: the package check does not name it: $(cat check)"

# A ZIP naming an entry outside itself is refused before anything is read.
python3 -c 'import zipfile; z = zipfile.ZipFile("evil.zip", "w"); z.writestr("../METS.xml", "<mets/>"); z.close()'
"$LUUTRU" package --check evil.zip >check 2>&1 && fail "a ZIP with ../ passes"
grep -q "outside the package" check || fail "the ../ entry is not named: $(cat check)"

# The E-ARK samples as their README says: one valid, two that must fail, and the fixture.
if [ -n "$STANDARDS" ]; then
  E="$STANDARDS/eark-csip-minimal"
  "$LUUTRU" package --check "$E/minimal_IP_with_schemas.zip" >check 2>&1 ||
    fail "the valid E-ARK sample is refused: $(cat check)"
  "$LUUTRU" package --check "$E/minimal_IP_nopcktyp.zip" >check 2>&1 && fail "minimal_IP_nopcktyp passes"
  grep -q "lỗi \[CSIP9\]" check || fail "minimal_IP_nopcktyp: CSIP9 not named: $(cat check)"
  "$LUUTRU" package --check "$E/minimal_IP_invmets.zip" >check 2>&1 && fail "minimal_IP_invmets passes"
  grep -q "lỗi \[XSD\].*namez" check || fail "minimal_IP_invmets: the schema error not named: $(cat check)"
  "$LUUTRU" package --check "$STANDARDS/luutru-fixture-aip_hoso" --strict >check 2>&1 ||
    fail "the AIP_hoso fixture is refused: $(cat check)"
  grep -q "TT 05/2025 AIP_hoso" check || fail "the fixture is not checked as TT 05: $(cat check)"
fi

[ $failures -eq 0 ] && echo "package: 3 packages made, checked, signed; broken copies refused" && exit 0
echo "$failures failure(s)"
exit 1
