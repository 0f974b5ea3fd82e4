// A page as field extraction sees it: fragments of text lines with their boxes. Pure.
#pragma once

#include <vector>

#include "core/record.h"

namespace luutru::extract {

// The words of one text line that stand together: a line is cut where a gap wider than
// twice the line's height separates them, so the two header columns of a Vietnamese document
// (issuing body | national motto) become two fragments even when OCR read them as one line.
struct Fragment {
  std::string text;         // NFC, words joined by one space
  Box box;                  // union of its words' boxes (zero when the page has no boxes)
  double confidence = 1.0;  // 0..1: the mean of its words' confidences
  double weakest = 1.0;     // 0..1: its least sure word's confidence
};

struct PageLayout {
  int page = 1;
  int width = 0, height = 0;  // of the space the boxes are in; 0 when there are no boxes
  bool has_boxes = false;
  std::vector<Fragment> fragments;  // in reading order
};

// From the page's words when it has them (OCR, or a PDF text layer with positions); else
// from its text, one fragment per line, without boxes.
PageLayout LayoutOf(const PageText& page);

}  // namespace luutru::extract
