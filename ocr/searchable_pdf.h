// Searchable PDFs: the original page images with the words read by OCR laid over them as
// invisible text, so a viewer shows the scan and search, selection and copy find the words.
// Not thread-safe across calls sharing a file; otherwise stateless.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/raster.h"
#include "core/record.h"
#include "core/status.h"

namespace luutru::ocr {

// One page: the upright, straightened image the words refer to (PageText's width, height,
// dpi, rotation and skew), and the words. Pages without words get no text layer.
struct TextLayerPage {
  int width = 0, height = 0, dpi = 300;  // of the cleaned image the boxes are in
  int rotation = 0;                      // the original was turned this far clockwise
  double skew_deg = 0;                   // and skewed this far (counter-clockwise positive)
  const std::vector<Word>* words = nullptr;
  int number = 0;  // the source's page this is (1-based); 0: its place among the pages given
};

struct SearchablePdfOptions {
  // Tesseract's glyphless font (pdf.ttf, shipped with tesseract-ocr) for the invisible text.
  std::filesystem::path glyphless_font;
  // Page images below this resolution are upsampled for the PDF: Decree 30/2020 asks for
  // at least 200 dpi in digitized documents. Default: 200.
  int min_image_dpi = 200;
  // JPEG quality of gray and colour page images (bitonal pages are stored losslessly). Default: 85.
  int jpeg_quality = 85;
  // Page images as scanned: every pixel of the original kept (gray and colour Flate-compressed,
  // not JPEG) and none resampled (min_image_dpi not applied). Larger files; what a hand-over
  // copy "as the original" may ask for (package/pdfa.h). Default: off.
  bool lossless = false;
  // The password that opens an encrypted source PDF. The searchable copy is not encrypted.
  std::string source_password;
};

// From page images: page i shows `load_page(i)` (the original image as loaded, drawn upright
// and straight through the PDF's transformation matrix, its pixels untouched) under the words
// of pages[i]. Images are loaded one at a time while the file is written.
Status WriteSearchablePdfFromImages(const std::vector<TextLayerPage>& pages,
                                    const std::function<Result<Raster>(int)>& load_page,
                                    const std::filesystem::path& out,
                                    const SearchablePdfOptions& options);

// From a PDF: the original file with an invisible text layer added to each page that has words
// (pages[i] is page pages[i].number, or i+1). When `pages` names some pages only (a document
// of a scan that holds several), the others are left out. Everything else is kept as it was.
Status WriteSearchablePdfFromPdf(const std::filesystem::path& source,
                                 const std::vector<TextLayerPage>& pages,
                                 const std::filesystem::path& out,
                                 const SearchablePdfOptions& options);

}  // namespace luutru::ocr
