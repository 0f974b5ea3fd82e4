// The digital signatures of a PDF: read with qpdf, checked with OpenSSL's CMS. Offices publish
// scans signed with a visible stamp ("Ký bởi: Ủy ban nhân dân tỉnh …", "Thời gian ký: …"); the
// signature is a fact about the file worth keeping, and its stamp is not the page's text.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/record.h"

namespace luutru::ingest {

// Every signature field of the PDF at `path` that holds a signature, in the file's order.
// Never fails the file: a PDF qpdf cannot read, or one without signatures, gives none; a
// signature that cannot be checked is kept as Verdict::kUnreadable. The signed bytes are read
// in pieces, so that a large file is checked in little memory.
std::vector<Signature> ReadSignatures(const std::filesystem::path& path,
                                      const std::string& password);

// The PDF at `path` without the visible stamps of its signatures (their widget annotations),
// unencrypted, in memory: what its pages are read from, so that a stamp's text is neither
// taken as the page's text layer nor read by OCR. nullopt when no signature shows a stamp,
// when qpdf cannot read the file, or when the copy would exceed `max_bytes`.
std::optional<std::vector<char>> WithoutSignatureStamps(const std::filesystem::path& path,
                                                        const std::string& password,
                                                        long long max_bytes);

}  // namespace luutru::ingest
