#include "ocr/hocr.h"

#include <algorithm>
#include <sstream>

#include "core/html.h"

namespace luutru::ocr {
namespace {

std::string BBox(const Box& b) {
  return "bbox " + std::to_string(b.x0) + " " + std::to_string(b.y0) + " " + std::to_string(b.x1) +
         " " + std::to_string(b.y1);
}

}  // namespace

std::string RenderHocr(const std::vector<Word>& words, const HocrPage& page) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n"
         "    \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
         "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"vi\" lang=\"vi\">\n"
         " <head>\n  <title></title>\n"
         "  <meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n"
         "  <meta name=\"ocr-system\" content=\"luutru (tesseract vie)\"/>\n"
         "  <meta name=\"ocr-capabilities\" content=\"ocr_page ocr_carea ocr_line ocrx_word\"/>\n"
         " </head>\n <body>\n";
  const int p = page.number;
  out << "  <div class=\"ocr_page\" id=\"page_" << p << "\" title=\""
      << BBox({0, 0, page.width, page.height}) << "; ppageno " << p - 1 << "; scan_res " << page.dpi
      << " " << page.dpi << "\">\n";
  for (size_t i = 0; i < words.size();) {
    // A block: the run of words sharing words[i].block; within it, lines likewise.
    size_t block_end = i;
    Box block_box = words[i].box;
    while (block_end < words.size() && words[block_end].block == words[i].block) {
      block_box = Union(block_box, words[block_end].box);
      ++block_end;
    }
    out << "   <div class=\"ocr_carea\" id=\"block_" << p << "_" << words[i].block + 1
        << "\" title=\"" << BBox(block_box) << "\">\n";
    for (size_t j = i; j < block_end;) {
      size_t line_end = j;
      Box line_box = words[j].box;
      while (line_end < block_end && words[line_end].line == words[j].line) {
        line_box = Union(line_box, words[line_end].box);
        ++line_end;
      }
      out << "    <span class=\"ocr_line\" id=\"line_" << p << "_" << words[j].line + 1
          << "\" title=\"" << BBox(line_box) << "\">";
      for (size_t k = j; k < line_end; ++k) {
        out << "\n     <span class=\"ocrx_word\" id=\"word_" << p << "_" << k + 1 << "\" title=\""
            << BBox(words[k].box) << "; x_wconf " << static_cast<int>(words[k].confidence) << "\">"
            << HtmlEscaped(words[k].text) << "</span>";
      }
      out << "\n    </span>\n";
      j = line_end;
    }
    out << "   </div>\n";
    i = block_end;
  }
  out << "  </div>\n </body>\n</html>\n";
  return out.str();
}

}  // namespace luutru::ocr
