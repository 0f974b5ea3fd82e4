// Page cleanup before OCR, with OpenCV. Pure: image in, image out, no I/O.
// Thread-safe (no shared state).
#pragma once

#include "core/raster.h"
#include "core/status.h"

namespace luutru::ocr {

struct CleanupOptions {
  // Pages scanned below `min_dpi` are upsampled to `target_dpi`: Tesseract reads 10-12 pt
  // text best at 300 dpi. Default: 250 / 300.
  int min_dpi = 250;
  int target_dpi = 300;
  // Divide the page by its estimated background, which evens out dark corners, uneven
  // lighting and yellowed paper. Default: on.
  bool normalize_background = true;
};

struct CleanedPage {
  Raster image;          // 8-bit gray, ready for OCR
  int rotation = 0;      // degrees clockwise the page was turned
  double skew_deg = 0;   // skew that was removed
};

Result<CleanedPage> CleanPage(const Raster& page, const CleanupOptions& options);

}  // namespace luutru::ocr
