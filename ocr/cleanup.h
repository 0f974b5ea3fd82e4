// Page cleanup before OCR, with OpenCV: what a flatbed, a fax or a careless hand did to the
// page is undone, in this order: coloured ink suppressed, resolution normalized, background
// flattened, specks removed, scanner borders, frames and punch holes removed, orientation and
// skew corrected.
// Pure apart from the orientation detector it is given. Thread-safe.
#pragma once

#include "core/raster.h"
#include "core/status.h"
#include "ocr/deskew.h"
#include "ocr/orientation.h"

namespace luutru::ocr {

struct CleanupOptions {
  // Pages scanned below `min_dpi` are enlarged by the smallest whole factor that brings them
  // to it, each pixel repeated: an interpolating enlargement blurs the marks stacked on â, ê
  // and ô into their letters (real 100-dpi scan: word recall 0.956 enlarged 3x bicubic, 0.966
  // doubled; docs/benchmarks.md). Pages of unknown resolution are taken as `assumed_dpi`.
  // Default: 200 / 300.
  int min_dpi = 200;
  int assumed_dpi = 300;
  // Red and blue ink (seals, signatures, handwritten notes) becomes paper, so the black text
  // under a seal is read. Default: on.
  bool suppress_color_ink = true;
  // Divide the page by its estimated background: evens out dark corners, uneven light and
  // yellowed paper. Never applied to bitonal (fax) pages. Default: on.
  bool normalize_background = true;
  // Remove salt-and-pepper noise (a 3x3 median) from pages measured to be speckled.
  // Default: on.
  bool denoise = true;
  // Turn pages scanned sideways or upside down (needs an orientation detector), when the
  // detector is at least this confident. Default: on, 1.5.
  bool fix_orientation = true;
  double min_orientation_confidence = 1.5;
  // When >= 0, the page is turned by this many degrees clockwise instead of asking the
  // detector (a retry's second opinion). Default: -1 (detect).
  int force_rotation = -1;
  // Binarize with a local (adaptive) threshold before OCR, for stains and uneven ink that
  // background division leaves behind. Default: off (Tesseract binarizes the gray page).
  bool adaptive_binarize = false;
  // Straighten pages scanned askew. Default: on, up to ±15°.
  bool deskew = true;
  DeskewOptions deskew_options;
  // Whiten dark scanner borders and punch holes along the edges. Default: on.
  bool remove_borders = true;
};

struct CleanedPage {
  Raster image;          // 8-bit gray, upright and straight, ready for OCR
  int rotation = 0;      // degrees clockwise the page image was turned (0/90/180/270)
  double skew_deg = 0;   // skew that was removed (counter-clockwise positive)
  bool bitonal = false;  // the input had only black and white pixels
  // Where coloured ink (a seal, a signature) was taken off the page, in `image`'s geometry:
  // dark there, white elsewhere; empty when the page had none. What a line under a seal is
  // read again with (ocr/line_reread.h, ReadUnderSeal).
  Raster colour_taken_off;
};

// `orientation` may be null (no orientation fix).
Result<CleanedPage> CleanPage(const Raster& page, const CleanupOptions& options,
                              OrientationDetector* orientation = nullptr);

// Writes a page image as PNG (for `--keep-temp`: looking at what OCR was given).
Status WritePng(const Raster& page, const std::string& path);

}  // namespace luutru::ocr
