// A whole page read with any engine (ocr/engine.h): the dotted leaders taken out of the image
// and put back into the text as typed (ocr/leaders.h), the layout's regions read one by one in
// reading order (ocr/layout.h) so that columns side by side never merge into one line, the page
// reduced once to the engine's reading resolution, every word back in the page's pixels and
// its lines and blocks numbered across the page, one deadline for the whole page. The same
// for Tesseract and for the fake engines of the tests.
#pragma once

#include "core/raster.h"
#include "core/status.h"
#include "ocr/engine.h"

namespace luutru::ocr {

// Reads `page` (cleaned: upright, straight, 8-bit gray or RGB; a colour page is one region
// and keeps its leaders). `page_timeout_ms` > 0: kTimedOut once the page has taken longer.
Result<OcrReading> RecognizePage(OcrEngine& engine, const Raster& page, int page_timeout_ms);

}  // namespace luutru::ocr
