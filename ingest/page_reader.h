// Reading one page image into text on a worker thread: cleanup, OCR, and a second opinion
// when the reading is unsure. Thread-compatible: a PageReader belongs to one worker thread.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "core/raster.h"
#include "core/record.h"
#include "ocr/cleanup.h"
#include "ocr/engine.h"
#include "ocr/orientation.h"

namespace luutru::ingest {

// A page to read: a value, handed from the loader to a worker.
struct PageJob {
  size_t file = 0;  // the pipeline's index of the source file
  int number = 1;
  Raster image;
  std::filesystem::path keep_as;  // where to keep the cleaned image; empty: not kept
  int page_count = 1;             // pages in the document: the last one carries the signature
  // A text layer in doubt (LoadedPage::layer_in_doubt): kept instead of the OCR reading when
  // more of its words are Vietnamese syllables.
  std::optional<PageText> text_layer;
};

// What one worker thread owns: its engine and its orientation detector, created once.
struct PageReader {
  std::unique_ptr<ocr::OcrEngine> engine;
  std::unique_ptr<ocr::OrientationDetector> orientation;  // null: no orientation fix
  int page_timeout_ms = 0;  // a page's OCR deadline (ocr::OcrOptions); 0: none
};

// Reads a page, first as it lies. A reading below `retry_below` mean word confidence is tried
// again with other cleanups (turned as the orientation detector says; turned 180°; adaptively
// binarized) and the best reading is kept, unless it holds fewer than 10 words (a blank back
// is not a page upside down). `retry_below` 0: one reading, with the detector asked first. With
// `reread_key_lines`, the lines registry fields come from (number, date, signer) are read again at
// other scales and the readings vote (ocr/line_reread.h). Never throws: a failure is in the
// result's `error`.
PageText ReadPage(PageReader& reader, const PageJob& job, const ocr::CleanupOptions& cleanup,
                  double retry_below, bool reread_key_lines = true);

// Of a page's OCR reading and its text layer, the one more of whose words are Vietnamese
// syllables (the OCR reading on a tie); the layer when the page could not be read.
PageText MoreVietnamese(PageText ocr, PageText layer);

}  // namespace luutru::ingest
