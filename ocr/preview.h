// A page as people look at it: turned upright as it was read, scaled to a width, as PNG.
#pragma once

#include <string>

#include "core/raster.h"
#include "core/record.h"
#include "core/status.h"

namespace luutru::ocr {

// `rotation`: degrees clockwise the page was turned before reading (PageText::rotation), a
// multiple of 90. `max_width`: the preview's widest, in pixels (never scaled up).
Result<std::string> EncodePreviewPng(const Raster& page, int rotation, int max_width);

// Where on the page: `box` in the coordinates of the page as it was read (`read_width` x
// `read_height`, upright), with a margin of half its height around it.
struct PreviewRegion {
  Box box;
  int read_width = 0, read_height = 0;
};
// Only that region of the upright page, as PNG (a field's crop for review).
Result<std::string> EncodeRegionPng(const Raster& page, int rotation, const PreviewRegion& region);

}  // namespace luutru::ocr
