#include "ocr/page_ocr.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "core/vietnamese.h"
#include "ocr/layout.h"
#include "ocr/leaders.h"
#include "ocr/mat_view.h"
#include "ocr/word_repair.h"

namespace luutru::ocr {
namespace {

// The factor that brings `page` to `reading_dpi`; 1 when it is not finer (or 0).
double ReadingScale(int reading_dpi, const Raster& page) {
  if (reading_dpi <= 0 || page.dpi <= reading_dpi) return 1.0;
  return static_cast<double>(reading_dpi) / page.dpi;
}

// `box` times `scale`, within `image`.
Box Scaled(const Box& box, double scale, const Raster& image) {
  if (scale == 1.0) return box;
  return Box{std::clamp(static_cast<int>(std::floor(box.x0 * scale)), 0, image.width),
             std::clamp(static_cast<int>(std::floor(box.y0 * scale)), 0, image.height),
             std::clamp(static_cast<int>(std::ceil(box.x1 * scale)), 0, image.width),
             std::clamp(static_cast<int>(std::ceil(box.y1 * scale)), 0, image.height)};
}

Status PageTimedOut(int page_timeout_ms) {
  return TimedOut("OCR of the page took longer than " + std::to_string(page_timeout_ms / 1000) +
                  " s");
}

}  // namespace

Result<OcrReading> RecognizePage(OcrEngine& engine, const Raster& page, int page_timeout_ms) {
  if (page.empty()) return InvalidArgument("empty page image");
  // Dotted leaders are taken out of the image before OCR and put back into the text.
  std::vector<DotLeader> leaders;
  Raster erased;
  const Raster* image = &page;
  if (page.channels == 1) {
    leaders = FindDotLeaders(page);
    if (!leaders.empty()) {
      erased = EraseLeaders(page, leaders);
      image = &erased;
    }
  }
  const std::vector<Box> regions = page.channels == 1
                                       ? ReadingRegions(*image)
                                       : std::vector<Box>{{0, 0, page.width, page.height}};
  // What the engine is given: the page, reduced to its reading resolution when finer.
  const double scale = ReadingScale(engine.ReadingDpi(), *image);
  Raster reduced;
  if (scale < 1.0) {
    cv::Mat small;
    cv::resize(image->channels == 1 ? GrayView(*image) : ColorView(*image), small, cv::Size(),
               scale, scale, cv::INTER_AREA);
    reduced = ToRaster(small, static_cast<int>(std::lround(image->dpi * scale)));
  }
  const Raster& given = scale < 1.0 ? reduced : *image;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(page_timeout_ms);
  OcrReading reading;
  double weighted_confidence = 0;
  size_t weight = 0;
  for (const Box& region : regions) {
    spdlog::debug("OCR region {},{} {}x{}", region.x0, region.y0, region.x1 - region.x0,
                  region.y1 - region.y0);
    const Box part = Scaled(region, scale, given);
    if (part.x1 - part.x0 < 2 || part.y1 - part.y0 < 2) continue;  // a sliver: nothing to read
    int time_left_ms = 0;
    if (page_timeout_ms > 0) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return PageTimedOut(page_timeout_ms);
      time_left_ms = static_cast<int>(left.count());
    }
    Result<std::vector<OcrWord>> block = engine.RecognizeBlock(ViewOf(given, part), time_left_ms);
    if (!block.ok()) {
      if (block.status().code() == StatusCode::kTimedOut) return PageTimedOut(page_timeout_ms);
      return block.status();
    }
    // Into the page's pixels, numbered on from the words read before.
    const int first_line = reading.words.empty() ? 0 : reading.words.back().line + 1;
    const int first_block = reading.words.empty() ? 0 : reading.words.back().block + 1;
    std::vector<OcrWord> words = std::move(block).value();
    RepairWords(engine, words);
    for (OcrWord& w : words) {
      w.box = Scaled(
          Box{w.box.x0 + part.x0, w.box.y0 + part.y0, w.box.x1 + part.x0, w.box.y1 + part.y0},
          1 / scale, *image);
      w.line += first_line;
      w.block += first_block;
    }
    std::vector<DotLeader> inside;
    for (const DotLeader& l : leaders) {
      const int cx = (l.box.x0 + l.box.x1) / 2, cy = (l.box.y0 + l.box.y1) / 2;
      if (cx >= region.x0 && cx < region.x1 && cy >= region.y0 && cy < region.y1)
        inside.push_back(l);
    }
    const std::string text = AssembleText(words, inside);
    for (const OcrWord& w : words) weighted_confidence += w.confidence;
    weight += words.size();
    reading.words.insert(reading.words.end(), words.begin(), words.end());
    if (text.empty()) continue;
    if (!reading.text.empty()) reading.text += "\n\n";
    reading.text += text;
  }
  reading.text = vi::Nfc(reading.text);
  reading.confidence = weight > 0 ? weighted_confidence / static_cast<double>(weight) : 0;
  return reading;
}

}  // namespace luutru::ocr
