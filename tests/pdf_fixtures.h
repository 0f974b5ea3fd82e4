// PDFs that the loader tests need, written by the tests themselves (with qpdf), so that the
// suite needs no file from outside the project: an encrypted one, a broken one, a page that
// would be a decompression bomb, and text in a Type 3 font without a Unicode mapping.
#pragma once

#include <filesystem>
#include <string>

#include "core/status.h"

namespace luutru::testing {

// A one-page A4 PDF whose text layer is `text` (Helvetica, one line per '\n'), encrypted
// with AES-256 when `user_password` is given (the owner password is then its reverse).
Status WriteTextPdf(const std::filesystem::path& path, const std::string& text,
                    const std::string& user_password = "");

// A one-page PDF of `width` x `height` points whose content stream is `content` (compressed
// with Flate, as hostile files do: a few kilobytes that decode to megabytes).
Status WriteContentPdf(const std::filesystem::path& path, const std::string& content,
                       double width = 595, double height = 842);

// The bytes of a PDF whose page tree holds itself (/Kids [page, the tree]): a page of text,
// then a loop. Written by hand: qpdf refuses to write such a tree.
std::string PageTreeLoopPdf();

// A PDF cut short: its header and end marker and nothing between ("Couldn't find trailer").
Status WriteBrokenPdf(const std::filesystem::path& path);

// An 8400 x 8400 pt page (35,000 px a side at 300 dpi) holding a 35,000 x 35,000 bitonal CCITT
// image of a few bytes: rendering it whole would need 1.2 GB.
Status WriteBombPdf(const std::filesystem::path& path);

// A page of "words" in a Type 3 font whose glyph names (g258, g437) map to no Unicode and
// which has no ToUnicode: its extractable text is control characters, as Ghostscript writes.
Status WriteType3NoUnicodePdf(const std::filesystem::path& path);

// A page that shows 30 lines of words, drawn as hollow letter shapes (what a scan's image shows,
// with no text behind it), and one line of real text over it: `caption` (ASCII, Helvetica) at
// the foot of the page, as a scanner's page label or a signature's visible text.
Status WriteCaptionedScanPdf(const std::filesystem::path& path, const std::string& caption);

// An A4 page that is one gray image of `width_px` x `height_px` (white, a black bar across
// it), as a scanner writes: 1240 x 1754 is a 150-dpi scan.
Status WriteScanPdf(const std::filesystem::path& path, int width_px, int height_px);

// What WriteSignedPdf signs as.
struct TestSigner {
  std::string common_name = "Văn phòng Thử nghiệm";
  std::string organization = "Tỉnh Thử nghiệm";
  std::string pdf_date = "D:20250207075624+07'00'";  // the signature dictionary's /M
};

// A one-page PDF whose text layer is `text`, signed with a fresh self-signed key (an
// adbe.pkcs7.detached CMS over its bytes, signed attributes included), whose signature shows a
// stamp on the page reading `stamp_text` (ASCII). The signature covers the whole file.
Status WriteSignedPdf(const std::filesystem::path& path, const std::string& text,
                      const std::string& stamp_text, const TestSigner& signer = {});

}  // namespace luutru::testing
