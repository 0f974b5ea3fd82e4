// A second and third opinion on the lines that matter most. Tesseract's reading of a line can
// hinge on its scale: "ngày 28" read as "ngày 26" at the page's own resolution is read right
// at 0.75x and 1.5x. The lines a registry field is taken from (a document's number, its date,
// the signer's name) are read again at other scales and the readings vote.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/raster.h"
#include "core/record.h"
#include "ocr/engine.h"

namespace luutru::ocr {

struct RereadOptions {
  // The scales a line is read again at, of the cleaned page (which the page reading saw reduced,
  // ocr::OcrOptions::reading_dpi). Default: 1, 0.75, 1.25, 1.5, 2.
  std::vector<double> scales = {1.0, 0.75, 1.25, 1.5, 2.0};
};

// Reads the line inside `box` of `page` alone (a margin of paper around it), enlarged or
// reduced by `scale`; words in `page`'s coordinates.
Result<OcrReading> ReadLineAt(OcrEngine& engine, const Raster& page, const Box& box, double scale);

// Reads the line inside `box` of `page` again at each scale. Returns the reading (words in
// `page`'s coordinates) that a majority agrees on when it differs from `current`, the text the
// page reading gave the line; nothing when the page reading stands (it wins ties) or the
// engine cannot read single lines.
std::optional<OcrReading> RereadLine(OcrEngine& engine, const Raster& page, const Box& box,
                                     const std::string& current, const RereadOptions& options = {});

}  // namespace luutru::ocr
