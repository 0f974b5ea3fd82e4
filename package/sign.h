// The digitizing organisation's digital signature on a PDF/A it hands over (Circular
// 05/2025/TT-BNV, Điều 8; ../shared/standards/README.md §4.1): a PAdES signature (CMS,
// detached, ETSI.CAdES.detached) over the whole file, made after the PDF/A conversion, shown
// at the top right of page 1 as the organisation's name and the signing time (ISO 8601,
// Vietnam time), Times New Roman 10 pt black, no seal image. The font is Liberation Serif
// (fonts-liberation2), Times New Roman's metric twin with Vietnamese letters, embedded as the
// subset the text needs, so that the signed file stays PDF/A.
#pragma once

#include <filesystem>
#include <string>

#include "core/status.h"

namespace luutru::package {

struct SignOptions {
  // The signing key and its certificate: a PKCS#12 file (.p12, .pfx), or a PEM file holding
  // the private key, with the certificate in it or in `certificate`.
  std::filesystem::path credentials;
  std::filesystem::path certificate;  // PEM; the first certificate signs, the others are its chain
  std::string password;               // of the PKCS#12 file or the encrypted PEM key
  // The name shown; default: the certificate subject's organisation (O), else its common name.
  std::string organisation;
  // The signing time shown and written as the signature's /M: ISO 8601 with its offset
  // ("2026-12-01T10:15:00+07:00"); empty: now, in Vietnam time (UTC+7).
  std::string signed_at;
  // The font of the visible text. Default: Debian's Liberation Serif (fonts-liberation2).
  std::filesystem::path font;
};

// Writes `out`: `in` with the signature (one signature field on page 1). `in` is left as it
// is; `out` appears whole or not at all. Fails with kInvalidArgument for credentials that cannot
// be read (wrong password, no certificate matching the key), naming the file, and for a PDF
// already signed (writing it anew would break that signature);
// kMissingDependency when the font is missing (install fonts-liberation2); kCorrupt when qpdf
// cannot read `in`.
Status SignPdf(const std::filesystem::path& in, const std::filesystem::path& out,
               const SignOptions& options);

// "2026-12-01T03:15:00Z" (or any ISO 8601 time with an offset) as Vietnam time:
// "2026-12-01T10:15:00+07:00". Empty when `iso` is not such a time.
std::string VietnamTime(const std::string& iso);

}  // namespace luutru::package
