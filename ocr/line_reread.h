// A second and third opinion on the lines that matter most. Tesseract's reading of a line can
// hinge on its scale: "ngày 28" read as "ngày 26" at the page's own resolution is read right
// at 0.75x and 1.5x. The lines a registry field is taken from (a document's number, its date,
// the signer's name) are read again at other scales and the readings vote.
#pragma once

#include <functional>
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

// Reads again a line a seal lies over (the signer's name under the seal and the signature),
// from other pictures of it: the coloured ink that was taken off (`colour_taken_off`,
// ocr::CleanedPage) filled in from the ink around it, for the letters a red ring cut; and only
// the darkest ink kept, for a seal copied in gray, lighter than typed text; and as it is;
// each at a few scales. `rate` says how well a reading reads as what the line must be: 0 not at
// all, 2 as sure as it gets (reading stops there), 1 between. Returns the first reading rated
// highest (words in `page`'s coordinates); nothing when every reading is rated 0.
std::optional<OcrReading> ReadUnderSeal(OcrEngine& engine, const Raster& page,
                                        const Raster& colour_taken_off, const Box& box,
                                        const std::function<int(const std::string&)>& rate);

}  // namespace luutru::ocr
