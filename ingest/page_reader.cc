#include "ingest/page_reader.h"

#include <spdlog/spdlog.h>

namespace luutru::ingest {
namespace {

// One reading of a page with one cleanup. Never throws; a failure is in page.error.
PageText ReadPageOnce(PageReader& reader, const PageJob& job, const ocr::CleanupOptions& cleanup) {
  PageText page;
  page.number = job.number;
  Result<ocr::CleanedPage> cleaned = ocr::CleanPage(job.image, cleanup, reader.orientation.get());
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
  PageText best = ReadPageOnce(reader, job, cleanup);
  if (!best.error.empty() || best.confidence >= retry_below) return best;
  PageJob again = job;
  again.keep_as.clear();
  ocr::CleanupOptions turned = cleanup;
  turned.force_rotation = (best.rotation + 180) % 360;
  ocr::CleanupOptions binarized = cleanup;
  binarized.adaptive_binarize = true;
  binarized.force_rotation = best.rotation;
  for (const ocr::CleanupOptions& other : {turned, binarized}) {
    PageText candidate = ReadPageOnce(reader, again, other);
    spdlog::debug("page {}: confidence {:.0f} -> {:.0f} on retry", job.number, best.confidence,
                  candidate.confidence);
    if (candidate.error.empty() && candidate.confidence > best.confidence) best = std::move(candidate);
    if (best.confidence >= retry_below) break;
  }
  return best;
}

}  // namespace luutru::ingest
