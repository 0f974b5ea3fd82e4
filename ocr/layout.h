// Reading order for pages laid out as Decree 30/2020/NĐ-CP (and Party) documents: a header of
// two columns (issuing body and number on the left, national motto and place/date on the
// right), the title and body across the page, and a footer of two columns (recipients on
// the left, signature block on the right). Pure: found from the ink alone; thread-safe.
#pragma once

#include <vector>

#include "core/raster.h"
#include "core/record.h"

namespace luutru::ocr {

// The page's regions in reading order: header left, header right, body, footer right
// (signature), footer left (recipients). A page whose two columns run from top to bottom is
// read left column, then right. A page without columns is one region, the whole page.
// `page`: 8-bit gray, upright and straight.
std::vector<Box> ReadingRegions(const Raster& page);

}  // namespace luutru::ocr
