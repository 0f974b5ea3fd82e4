#include "extract/fragments.h"

#include <algorithm>
#include <sstream>

#include "extract/patterns.h"

namespace luutru::extract {
namespace {

// Where the header's date line starts when OCR read it as one line with the left column's
// ("V/v tổ chức … lưu trữ | Hưng Yên, ngày 3 tháng 2 năm 2006", the gap between them too
// narrow to cut): the place's first word, capitalized after a word that is not, in the right
// part of the page, and a date line from there to the end. 0 when there is none.
size_t RunInDateLine(const std::vector<const Word*>& line, int page_width) {
  for (size_t j = 1; j < line.size(); ++j) {
    if (line[j]->box.x0 < 2 * page_width / 5) continue;
    if (StartsWithLowerCase(line[j]->text) || !StartsWithLowerCase(line[j - 1]->text)) continue;
    std::string rest;
    for (size_t k = j; k < line.size(); ++k) rest += (rest.empty() ? "" : " ") + line[k]->text;
    if (ParseDateLine(rest) || ParsePartialDateLine(rest)) return j;
  }
  return 0;
}

// Cuts the words of one line (left to right) at column gaps, and before a date line run into it.
void AddLineFragments(const std::vector<const Word*>& line, int page_width,
                      std::vector<Fragment>& out) {
  const size_t date_line = RunInDateLine(line, page_width);
  int height = 0;
  for (const Word* w : line) height = std::max(height, w->box.y1 - w->box.y0);
  const int column_gap = std::max(2 * height, 1);
  Fragment current;
  double confidence_sum = 0, weakest = 100;
  int count = 0;
  auto flush = [&] {
    if (count == 0) return;
    current.confidence = confidence_sum / count / 100.0;
    current.weakest = weakest / 100.0;
    out.push_back(std::move(current));
    current = Fragment{};
    confidence_sum = 0;
    weakest = 100;
    count = 0;
  };
  for (size_t i = 0; i < line.size(); ++i) {
    const Word* w = line[i];
    if (w->text.empty()) continue;
    if (count > 0 && (w->box.x0 - current.box.x1 > column_gap || (date_line > 0 && i == date_line)))
      flush();
    if (count == 0) {
      current.box = w->box;
    } else {
      current.text += ' ';
      current.box = Union(current.box, w->box);
    }
    current.text += w->text;
    confidence_sum += w->confidence;
    weakest = std::min<double>(weakest, w->confidence);
    ++count;
  }
  flush();
}

}  // namespace

PageLayout LayoutOf(const PageText& page) {
  PageLayout layout;
  layout.page = page.number;
  if (page.words.empty() || page.width <= 0 || page.height <= 0) {
    std::istringstream lines(page.text);
    for (std::string line; std::getline(lines, line);) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      layout.fragments.push_back(
          Fragment{line, Box{}, page.confidence / 100.0, page.confidence / 100.0});
    }
    return layout;
  }
  layout.width = page.width;
  layout.height = page.height;
  layout.has_boxes = true;
  std::vector<const Word*> line;
  for (size_t i = 0; i < page.words.size(); ++i) {
    line.push_back(&page.words[i]);
    if (i + 1 == page.words.size() || page.words[i + 1].line != page.words[i].line) {
      std::stable_sort(line.begin(), line.end(),
                       [](const Word* a, const Word* b) { return a->box.x0 < b->box.x0; });
      AddLineFragments(line, page.width, layout.fragments);
      line.clear();
    }
  }
  return layout;
}

}  // namespace luutru::extract
