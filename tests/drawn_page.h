// Pages drawn as OCR would give them, for the tests of field extraction.
#pragma once

#include <string>
#include <vector>

#include "core/record.h"

namespace luutru::extract {

// A page drawn as OCR would give it: lines at (x, y) on an A4 page at 150 dpi (1240 x 1754),
// each word 18 px a letter, 30 px high; one OCR line per entry.
struct DrawnLine {
  int x, y;
  std::string text;
  float confidence = 95;
};

inline PageText DrawnPage(int number, const std::vector<DrawnLine>& lines) {
  PageText page;
  page.number = number;
  page.method = TextMethod::kOcr;
  page.width = 1240;
  page.height = 1754;
  page.dpi = 150;
  page.confidence = 90;
  int line_no = 0;
  for (const DrawnLine& l : lines) {
    int x = l.x;
    size_t start = 0;
    while (start < l.text.size()) {
      size_t end = l.text.find(' ', start);
      if (end == std::string::npos) end = l.text.size();
      std::string word = l.text.substr(start, end - start);
      int width = 18 * static_cast<int>(word.size()) / (word.size() > 8 ? 2 : 1);
      if (!word.empty())
        page.words.push_back(
            Word{word, Box{x, l.y, x + width, l.y + 30}, l.confidence, line_no, 0});
      x += width + 12;
      start = end + 1;
    }
    page.text += l.text + "\n";
    ++line_no;
  }
  return page;
}

}  // namespace luutru::extract
