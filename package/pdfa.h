// A document as the digitization rules hand it over (Circular 05/2025/TT-BNV, Điều 8;
// ../shared/standards/README.md §4): a two-layer PDF/A-2b — the page images as scanned under
// the words read from them as invisible text — with an sRGB output intent and XMP metadata
// that says so (pdfaid:part 2, conformance B) and describes the document in Dublin Core (its
// subject line as title, its issuing body, its date), the Info dictionary agreeing with it.
// Made from the record's searchable PDF (ocr/searchable_pdf.h), before any signature: a
// signature covers the bytes written here.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/archive_layout.h"
#include "core/record.h"
#include "core/status.h"

namespace luutru::package {

struct PdfAOptions {
  // The ICC profile of the output intent: sRGB, as scanners' colour is. Default: the first of
  // Debian's icc-profiles-free and ghostscript's copies that exists.
  std::filesystem::path icc_profile;
  // Tesseract's glyphless font for the invisible text (pdf.ttf). Default: Tesseract's own.
  std::filesystem::path glyphless_font;
  // The page images of an image scan (PNG, TIFF, JPEG) kept as scanned: every pixel of the
  // original, Flate-compressed, none resampled, instead of the searchable PDF's JPEG pages
  // raised to 200 dpi. The copy is made anew from the original in the archive (its words as
  // read). A PDF original's pages are its own either way. Default: off (the files are 3 to 10
  // times larger).
  bool lossless_images = false;
  // Written as the producer, in the Info dictionary and the XMP. Default: "luutru".
  std::string producer = "luutru";
  // The moment written as the file's creation and modification (ISO 8601 UTC); empty: now.
  // Fixed by tests and by a package rebuilt to the same bytes.
  std::string made_at;
};

// What a PDF/A says it holds, in its XMP (Dublin Core) and Info dictionary.
struct PdfADescription {
  std::string title;       // dc:title, /Title: a document's type, number and subject line
  std::string creator;     // dc:creator, /Author: its issuing body
  std::string date;        // dc:date: ISO 8601, as precise as known
  std::string identifier;  // dc:identifier: the record id, or the archival file's code
};

// Writes `out`: the record's pages (its own, for a document of a split scan). Fails with
// kUnsupported, naming what stands in the way, for an original PDF whose content PDF/A forbids
// (a font not embedded, an annotation that does not print); with
// kMissingDependency when no sRGB profile is found (install icc-profiles-free).
Status WritePdfA(const Record& record, const ArchiveLayout& layout,
                 const std::filesystem::path& out, const PdfAOptions& options = {});

// Writes `out`: the pages of `documents`, in their order, as one PDF/A-2b described `as` (an
// archival file's documents, described as the file). Fails as WritePdfA does, naming the
// document that stands in the way.
Status WriteDocumentsPdfA(const std::vector<Record>& documents, const PdfADescription& as,
                          const ArchiveLayout& layout, const std::filesystem::path& out,
                          const PdfAOptions& options = {});

// What in the PDF at `path` keeps it from being PDF/A-2b as luutru writes it, checked offline:
// the header version, the XMP (pdfaid part 2 and conformance B, uncompressed, its producer
// the Info dictionary's), an RGB output intent with its profile, every font embedded, every
// annotation printing, no encryption. Not a full validator (none is packaged for Debian 12):
// what can be told from the file's structure. Empty when nothing; one line per problem.
Result<std::string> PdfAProblems(const std::filesystem::path& path);

}  // namespace luutru::package
