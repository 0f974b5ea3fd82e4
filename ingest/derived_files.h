// The files derived from a record besides record.json: hOCR per OCR'd page and the searchable
// PDF. All can be rebuilt from the original in objects/ and record.json.
#pragma once

#include <filesystem>

#include "core/archive_layout.h"
#include "core/record.h"
#include "core/status.h"
#include "ingest/page_source.h"
#include "ocr/searchable_pdf.h"

namespace luutru::ingest {

// records/<id>/page-NNNN.hocr for every page read by OCR.
Status WriteHocrFiles(const Record& record, const ArchiveLayout& layout);

// records/<id>/searchable.pdf: for a PDF, the original with an invisible text layer on its
// OCR'd pages; for images, the original page images with their words. kCorrupt when the
// original cannot be made into one, and searchable.pdf.unavailable says why.
Status WriteSearchablePdf(const Record& record, const ArchiveLayout& layout,
                          const LoadOptions& load, ocr::SearchablePdfOptions options);

// The same file made anew at `out`, outside the archive (nothing there is touched): a copy with
// other options, such as the page images kept lossless for a hand-over (package/pdfa.h).
Status WriteSearchablePdfAt(const Record& record, const ArchiveLayout& layout,
                            const LoadOptions& load, ocr::SearchablePdfOptions options,
                            const std::filesystem::path& out);

}  // namespace luutru::ingest
