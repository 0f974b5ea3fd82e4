// Ink that looks like words, found without reading it: to tell whether a PDF page's text layer
// covers what the page shows (a scan with a few lines of text over it is a scan to read). Pure.
#pragma once

#include <vector>

#include "core/raster.h"
#include "core/record.h"

namespace luutru::ocr {

// The boxes (in `page` pixels) of the page's word-like marks: dark ink joined letter to
// letter into words, as tall as text of about 5 to 40 points; ruled lines, frames, pictures and
// specks left out. `page` is gray or RGB at its `dpi` (72 is plenty).
std::vector<Box> WordLikeInk(const Raster& page);

}  // namespace luutru::ocr
