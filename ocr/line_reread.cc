#include "ocr/line_reread.h"

#include <algorithm>
#include <map>
#include <opencv2/imgproc.hpp>
#include <opencv2/photo.hpp>
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

namespace {

// Only the darkest ink of `gray`: the ink's gray levels split in two (Otsu), the lighter kept
// as paper. Typed text under a gray seal is the darker part.
cv::Mat DarkestInk(const cv::Mat& gray) {
  std::vector<std::uint8_t> ink;
  for (int y = 0; y < gray.rows; ++y) {
    const std::uint8_t* row = gray.ptr<std::uint8_t>(y);
    for (int x = 0; x < gray.cols; ++x) {
      if (row[x] < 200) ink.push_back(row[x]);
    }
  }
  cv::Mat out = cv::Mat(gray.size(), CV_8UC1, cv::Scalar(255));
  if (ink.empty()) return out;
  // Ink of one gray (no seal over it) is kept whole.
  const auto [darkest, lightest] = std::minmax_element(ink.begin(), ink.end());
  double split = 199;
  if (*lightest - *darkest > 40) {
    cv::Mat levels(ink, false), split_levels;
    split = cv::threshold(levels, split_levels, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  }
  out.setTo(0, gray <= split);
  return out;
}

std::optional<OcrReading> ReadUnderSealOrThrow(OcrEngine& engine, const Raster& page,
                                               const Raster& colour_taken_off, const Box& box,
                                               const std::function<int(const std::string&)>& rate) {
  // The line and room around it (ReadLineAt's margin), as a page of its own.
  const int height = box.y1 - box.y0;
  const cv::Rect room =
      cv::Rect(box.x0 - height, box.y0 - height, box.x1 - box.x0 + 2 * height, 3 * height) &
      cv::Rect(0, 0, page.width, page.height);
  if (room.empty()) return std::nullopt;
  const cv::Mat line = GrayView(page)(room);
  std::vector<cv::Mat> pictures;
  const bool same_geometry =
      colour_taken_off.width == page.width && colour_taken_off.height == page.height;
  if (same_geometry && colour_taken_off.channels == 1) {
    cv::Mat taken_off = GrayView(colour_taken_off)(room) < 128;
    if (cv::countNonZero(taken_off) > 0) {
      cv::dilate(taken_off, taken_off, cv::Mat::ones(3, 3, CV_8UC1));
      cv::Mat filled;
      cv::inpaint(line, taken_off, filled, 5, cv::INPAINT_TELEA);
      pictures.push_back(filled);
    }
  }
  pictures.push_back(DarkestInk(line));
  pictures.push_back(line);  // as cleaned: at another scale, a name the page reading garbled
  const Box inside{box.x0 - room.x, box.y0 - room.y, box.x1 - room.x, box.y1 - room.y};
  std::optional<OcrReading> best;
  int best_rate = 0;
  for (const cv::Mat& picture : pictures) {
    const Raster alone = ToRaster(picture, page.dpi);
    for (double scale : {1.0, 1.5, 0.75}) {
      Result<OcrReading> reading = ReadLineAt(engine, alone, inside, scale);
      if (!reading.ok()) continue;
      const int rated = rate(reading->text);
      if (rated <= best_rate) continue;
      best_rate = rated;
      best = std::move(*reading);
      if (best_rate >= 2) break;
    }
    if (best_rate >= 2) break;
  }
  if (!best) return std::nullopt;
  for (Word& w : best->words) {
    w.box = Box{w.box.x0 + room.x, w.box.y0 + room.y, w.box.x1 + room.x, w.box.y1 + room.y};
  }
  return best;
}

}  // namespace

std::optional<OcrReading> ReadUnderSeal(OcrEngine& engine, const Raster& page,
                                        const Raster& colour_taken_off, const Box& box,
                                        const std::function<int(const std::string&)>& rate) {
  if (box.y1 <= box.y0 || box.x1 <= box.x0 || page.empty() || page.channels != 1)
    return std::nullopt;
  try {
    return ReadUnderSealOrThrow(engine, page, colour_taken_off, box, rate);
  } catch (const cv::Exception&) {
    return std::nullopt;  // the page's own reading stands
  }
}

}  // namespace luutru::ocr
