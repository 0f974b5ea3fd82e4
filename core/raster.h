// A page image as plain bytes, the currency between loaders (ingest/) and OCR (ocr/), so that
// neither side exposes Leptonica's Pix or OpenCV's Mat in its public headers.
#pragma once

#include <cstdint>
#include <vector>

namespace luutru {

struct Raster {
  int width = 0;
  int height = 0;
  int channels = 1;                  // 1 = 8-bit gray, 3 = 8-bit RGB
  int dpi = 300;                     // resolution of the scan or of the rendering
  std::vector<std::uint8_t> pixels;  // row-major, rows tightly packed (stride = width*channels)

  bool empty() const { return pixels.empty(); }
  std::int64_t pixel_count() const { return static_cast<std::int64_t>(width) * height; }
};

}  // namespace luutru
