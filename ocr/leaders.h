// Dotted leader lines ("Điều 1……………………, ngày … tháng …"): the blanks of forms and
// templates. Tesseract's LSTM turns long runs of dots into noise and takes the words beside
// them along, so the runs are found in the image, erased before OCR, and put back into the
// text as the exact number of dots. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/raster.h"
#include "core/record.h"

namespace luutru::ocr {

struct DotLeader {
  Box box;       // in page pixels
  int dots = 0;  // how many dots it holds
};

// Runs of at least three dots: small, round, alone, on one baseline, evenly spaced.
// `page`: 8-bit gray, upright and straight.
std::vector<DotLeader> FindDotLeaders(const Raster& page);

// A copy of `page` with the leaders painted white.
Raster EraseLeaders(const Raster& page, const std::vector<DotLeader>& leaders);

// The text of one layout region: its words line by line (blocks apart by a blank line), with
// the leaders that fall in it put back where they stood, as "....." of their length.
// `words`: in reading order, with line and block numbers, as OCR gave them.
std::string AssembleText(const std::vector<Word>& words, const std::vector<DotLeader>& leaders);

}  // namespace luutru::ocr
