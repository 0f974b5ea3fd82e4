#include "ocr/line_reread.h"

#include <algorithm>
#include <map>
#include <opencv2/imgproc.hpp>
#include <string>

#include "ocr/mat_view.h"
#include "ocr/word_repair.h"

namespace luutru::ocr {

Result<OcrReading> ReadLineAt(OcrEngine& engine, const Raster& page, const Box& box, double scale) {
  const int height = box.y1 - box.y0;
  if (height <= 0 || box.x1 <= box.x0 || page.empty()) return InvalidArgument("empty line");
  // The line with a margin of paper around it, as Tesseract likes a line.
  const int pad_x = height / 2, pad_y = height * 2 / 5;
  const cv::Rect crop =
      cv::Rect(box.x0 - pad_x, box.y0 - pad_y, box.x1 - box.x0 + 2 * pad_x, height + 2 * pad_y) &
      cv::Rect(0, 0, page.width, page.height);
  if (crop.empty()) return InvalidArgument("line outside the page");
  const cv::Mat view = page.channels == 1 ? GrayView(page) : ColorView(page);
  cv::Mat scaled;
  if (scale == 1.0) {
    scaled = view(crop);
  } else {
    cv::resize(view(crop), scaled, cv::Size(), scale, scale,
               scale < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
  }
  Result<OcrReading> reading =
      engine.RecognizeLine(ToRaster(scaled, static_cast<int>(page.dpi * scale)));
  if (!reading.ok()) return reading;
  std::vector<std::string> as_read;
  for (const Word& w : reading->words) as_read.push_back(w.text);
  RepairWords(engine, reading->words);
  for (size_t i = 0; i < as_read.size(); ++i) {
    if (reading->words[i].text == as_read[i]) continue;
    reading->text.clear();  // a word put right: the line's text made again from its words
    for (const Word& w : reading->words)
      reading->text += (reading->text.empty() ? "" : " ") + w.text;
    break;
  }
  // Back to the page's coordinates.
  for (Word& w : reading->words) {
    w.box = Box{
        crop.x + static_cast<int>(w.box.x0 / scale), crop.y + static_cast<int>(w.box.y0 / scale),
        crop.x + static_cast<int>(w.box.x1 / scale), crop.y + static_cast<int>(w.box.y1 / scale)};
  }
  return reading;
}

std::optional<OcrReading> RereadLine(OcrEngine& engine, const Raster& page, const Box& box,
                                     const std::string& current, const RereadOptions& options) {
  if (box.y1 <= box.y0 || box.x1 <= box.x0 || page.empty()) return std::nullopt;
  std::map<std::string, int> votes{{current, 1}};
  std::map<std::string, OcrReading> readings;
  for (size_t i = 0; i < options.scales.size(); ++i) {
    const double scale = options.scales[i];
    // Stop once the page's reading cannot be outvoted by the scales left (most lines: after
    // two readings that agree with it).
    int others = 0;
    for (const auto& [text, n] : votes) {
      if (text != current) others = std::max(others, n);
    }
    if (votes[current] > others + static_cast<int>(options.scales.size() - i)) break;
    Result<OcrReading> reading = ReadLineAt(engine, page, box, scale);
    if (!reading.ok()) return std::nullopt;
    ++votes[reading->text];
    readings.emplace(reading->text, std::move(*reading));
  }
  // A new reading wins only with more votes than every other, the page's own included.
  std::string best;
  int best_votes = 0;
  bool tie = false;
  for (const auto& [text, n] : votes) {
    if (n > best_votes) {
      best = text;
      best_votes = n;
      tie = false;
    } else if (n == best_votes) {
      tie = true;
    }
  }
  if (tie || best == current || best.empty() || best_votes < 2) return std::nullopt;
  return readings.at(best);
}

}  // namespace luutru::ocr
