// Dotted leader lines ("Điều 1……………………, ngày … tháng …"): the blanks of forms and
// templates. Tesseract's LSTM turns long runs of dots into noise and takes the words beside
// them along, so the runs are found in the image, erased before OCR, and put back into the
// text as typed: periods, or ellipses ("…") where the dots stand an ellipsis's pitch apart.
// Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/raster.h"
#include "core/record.h"

namespace luutru::ocr {

struct DotLeader {
  Box box;           // in page pixels
  int dots = 0;      // how many dots it holds
  std::string text;  // the characters they were typed as: '.' and "…"
};

// Runs of at least three dots: small, round, alone, on one baseline, evenly spaced.
// `page`: 8-bit gray, upright and straight.
std::vector<DotLeader> FindDotLeaders(const Raster& page);

// The characters a run of dots was typed as. An ellipsis sets its three dots a third of an em
// apart, wider than periods typed one after another (a period advances about a quarter em in
// Times New Roman, Decree 30's typeface): dots joined by gaps of at least `ellipsis_pitch` are
// read three to an ellipsis; a dot left over at either end of such a run is a period.
// `gaps`: centre to centre distances between consecutive dots (one fewer than the dots).
std::string DotsAsTyped(const std::vector<double>& gaps, double ellipsis_pitch);

// A copy of `page` with the leaders painted white.
Raster EraseLeaders(const Raster& page, const std::vector<DotLeader>& leaders);

// The text of one layout region: its words line by line (blocks apart by a blank line), with
// the leaders that fall in it put back where they stood, as their text.
// `words`: in reading order, with line and block numbers, as OCR gave them.
std::string AssembleText(const std::vector<Word>& words, const std::vector<DotLeader>& leaders);

}  // namespace luutru::ocr
