// hOCR: a page's words with their boxes, as HTML that other tools (hocr-tools, OCRmyPDF,
// search engines) read. Pure.
#pragma once

#include <string>

#include "ocr/engine.h"

namespace luutru::ocr {

struct HocrPage {
  int number = 1;             // 1-based
  int width = 0, height = 0;  // of the image the boxes refer to
  int dpi = 300;
};

std::string RenderHocr(const std::vector<Word>& words, const HocrPage& page);

}  // namespace luutru::ocr
