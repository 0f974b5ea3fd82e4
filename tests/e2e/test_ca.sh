# Sourced by the e2e tests that sign: makes, in the current folder, a test CA (ca.pem, ca.key),
# the digitizing organisation's key and certificate issued by it (signer.key, signer.pem;
# signer-key.pem holds both; signer.p12 is PKCS#12 with the password "mat-khau-thu"), and an
# NSS database trusting the CA (nss/) for pdfsig. Calls `fail` (defined by the test) when a
# step does not work.
make_test_ca() {
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 \
    -subj "/CN=luutru test CA/O=luutru tests" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null ||
    fail "cannot make the test CA"
  openssl req -newkey rsa:2048 -nodes -keyout signer.key -out signer.csr -utf8 \
    -subj "/CN=Trung tâm Lưu trữ/O=Trung tâm Lưu trữ lịch sử tỉnh Quảng Ngãi" 2>/dev/null ||
    fail "cannot make the signer's key"
  printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=emailProtection\n' >signer.ext
  openssl x509 -req -in signer.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out signer.pem -days 2 \
    -extfile signer.ext 2>/dev/null || fail "cannot issue the signer's certificate"
  cat signer.key signer.pem >signer-key.pem
  openssl pkcs12 -export -inkey signer.key -in signer.pem -certfile ca.pem -out signer.p12 \
    -passout pass:mat-khau-thu 2>/dev/null || fail "cannot make the PKCS#12 file"
  mkdir nss && certutil -N -d sql:nss --empty-password &&
    certutil -A -d sql:nss -n "luutru test CA" -t "CT,C,C" -i ca.pem || fail "cannot trust the test CA in an NSS database"
}
