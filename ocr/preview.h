// A page as people look at it: turned upright as it was read, scaled to a width, as PNG.
#pragma once

#include <string>

#include "core/raster.h"
#include "core/status.h"

namespace luutru::ocr {

// `rotation`: degrees clockwise the page was turned before reading (PageText::rotation), a
// multiple of 90. `max_width`: the preview's widest, in pixels (never scaled up).
Result<std::string> EncodePreviewPng(const Raster& page, int rotation, int max_width);

}  // namespace luutru::ocr
