#include "ingest/page_reader.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <vector>

namespace luutru::ingest {
namespace {

// One reading of a page with one cleanup. Never throws; a failure is in page.error.
PageText ReadPageOnce(PageReader& reader, const PageJob& job, const ocr::CleanupOptions& cleanup) {
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::time_point from) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - from).count();
  };
  PageText page;
  page.number = job.number;
  const auto start = Clock::now();
  Result<ocr::CleanedPage> cleaned = ocr::CleanPage(job.image, cleanup, reader.orientation.get());
  const auto cleaned_at = Clock::now();
  if (!cleaned.ok()) {
    page.error = cleaned.status().ToString();
    return page;
  }
  if (!job.keep_as.empty()) {
    Status kept = ocr::WritePng(cleaned->image, job.keep_as.string());
    if (!kept.ok()) spdlog::warn("{}", kept.ToString());
  }
  page.rotation = cleaned->rotation;
  page.skew_deg = cleaned->skew_deg;
  page.width = cleaned->image.width;
  page.height = cleaned->image.height;
  page.dpi = cleaned->image.dpi;
  Result<ocr::OcrReading> reading = reader.engine->Recognize(cleaned->image);
  spdlog::debug("page {}: cleanup {} ms, OCR {} ms", job.number,
                std::chrono::duration_cast<std::chrono::milliseconds>(cleaned_at - start).count(),
                ms(cleaned_at));
  if (!reading.ok()) {
    page.error = reading.status().ToString();
    return page;
  }
  page.method = TextMethod::kOcr;
  page.text = std::move(reading->text);
  page.confidence = reading->confidence;
  page.words = std::move(reading->words);
  return page;
}

}  // namespace

PageText ReadPage(PageReader& reader, const PageJob& job, const ocr::CleanupOptions& cleanup,
                  double retry_below) {
  // First as the page lies: most pages of a backlog are upright, and asking the orientation
  // detector costs a quarter of a page's OCR time. A page that is turned reads with low
  // confidence, and is asked about below.
  ocr::CleanupOptions as_it_lies = cleanup;
  if (retry_below > 0 && cleanup.force_rotation < 0) as_it_lies.force_rotation = 0;
  PageText best = ReadPageOnce(reader, job, as_it_lies);
  if (!best.error.empty() || best.confidence >= retry_below) return best;

  PageJob again = job;
  again.keep_as.clear();
  std::vector<ocr::CleanupOptions> others;
  if (cleanup.force_rotation < 0 && cleanup.fix_orientation && reader.orientation) {
    others.push_back(cleanup);  // the detector's opinion
  }
  ocr::CleanupOptions turned = cleanup;
  turned.force_rotation = 180;
  others.push_back(turned);
  ocr::CleanupOptions binarized = cleanup;
  binarized.adaptive_binarize = true;
  others.push_back(binarized);
  for (const ocr::CleanupOptions& other : others) {
    PageText candidate = ReadPageOnce(reader, again, other);
    spdlog::debug("page {}: confidence {:.0f} (turned {}) -> {:.0f} (turned {}) on retry", job.number,
                  best.confidence, best.rotation, candidate.confidence, candidate.rotation);
    if (candidate.error.empty() && candidate.confidence > best.confidence) best = std::move(candidate);
    if (best.confidence >= retry_below) break;
  }
  return best;
}

}  // namespace luutru::ingest
