#include "ingest/page_reader.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <vector>

#include "core/strings.h"
#include "core/syllables.h"
#include "extract/boundaries.h"
#include "extract/fields.h"
#include "extract/patterns.h"
#include "ocr/line_reread.h"
#include "ocr/page_ocr.h"

namespace luutru::ingest {
namespace {

// An upside-down page of text reads as many words of low confidence; fewer are no page of text.
constexpr size_t kMinWordsToRetry = 10;

// A word read with less confidence than this (0..100) is a speck the engine took for letters.
constexpr float kSpeckConfidence = 10;

// One reading of a page with one cleanup, and the cleaned image it was read from. Never
// throws; a failure is in page.error.
struct Reading {
  PageText page;
  Raster cleaned;
  Raster colour_taken_off;  // ocr::CleanedPage
};

Reading ReadPageOnce(PageReader& reader, const PageJob& job, const ocr::CleanupOptions& cleanup) {
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::time_point from) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - from).count();
  };
  Reading out;
  PageText& page = out.page;
  page.number = job.number;
  const auto start = Clock::now();
  Result<ocr::CleanedPage> cleaned = ocr::CleanPage(job.image, cleanup, reader.orientation.get());
  const auto cleaned_at = Clock::now();
  if (!cleaned.ok()) {
    page.error = cleaned.status().ToString();
    return out;
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
  Result<ocr::OcrReading> reading =
      ocr::RecognizePage(*reader.engine, cleaned->image, reader.page_timeout_ms);
  spdlog::debug("page {}: cleanup {} ms, OCR {} ms", job.number,
                std::chrono::duration_cast<std::chrono::milliseconds>(cleaned_at - start).count(),
                ms(cleaned_at));
  if (!reading.ok()) {
    page.error = reading.status().ToString();
    return out;
  }
  page.method = TextMethod::kOcr;
  page.text = std::move(reading->text);
  page.confidence = reading->confidence;
  page.words = std::move(reading->words);
  out.cleaned = std::move(cleaned->image);
  out.colour_taken_off = std::move(cleaned->colour_taken_off);
  return out;
}

// `line` of `page` as `better` reads it, in the page's words and its text. The engine may have
// split the line in two (a date line run into the subject's): every word of the line goes,
// whichever line the engine gave it, and the specks it read across the line's top or bottom
// ("p:" at confidence 0), which would land among the new words.
void ReplaceLine(PageText& page, const extract::KeyLine& line, ocr::OcrReading better) {
  size_t at = page.text.find(line.text);
  if (at == std::string::npos) return;  // words and text must stay one reading
  auto inside = [&](const Word& w) {
    int cx = (w.box.x0 + w.box.x1) / 2, cy = (w.box.y0 + w.box.y1) / 2;
    return cx >= line.box.x0 && cx <= line.box.x1 && cy >= line.box.y0 && cy <= line.box.y1;
  };
  auto first = std::find_if(page.words.begin(), page.words.end(), inside);
  if (first == page.words.end()) return;
  const int line_no = first->line, block = first->block;
  size_t position = static_cast<size_t>(first - page.words.begin());
  auto speck_across = [&](const Word& w) {
    return w.confidence < kSpeckConfidence && w.box.x0 < line.box.x1 && w.box.x1 > line.box.x0 &&
           w.box.y0 < line.box.y1 && w.box.y1 > line.box.y0;
  };
  std::erase_if(page.words, [&](const Word& w) { return inside(w) || speck_across(w); });
  for (Word& w : better.words) {
    w.line = line_no;
    w.block = block;
  }
  page.words.insert(page.words.begin() + static_cast<long>(std::min(position, page.words.size())),
                    better.words.begin(), better.words.end());
  spdlog::debug("page {}: '{}' read again as '{}'", page.number, line.text, better.text);
  page.text.replace(at, line.text.size(), better.text);
}

// The lines fields are read from (number, date, subject, signer) read again at other scales; a
// reading most scales agree on replaces the page's, in its words and its text. A signer's name
// a seal lies over is read again under the seal (ocr::ReadUnderSeal).
void RereadKeyLines(ocr::OcrEngine& engine, const Reading& reading, const PageJob& job,
                    PageText& page) {
  const auto start = std::chrono::steady_clock::now();
  // The header is on a document's first page: the scan's first, and, in a scan of several
  // documents, a page that opens with one. The signature is read again on the scan's last page
  // only: on the real set, reading the signature lines of a page that holds the recipients'
  // list again made two right names wrong (docs/benchmarks.md). Other pages' lines that look
  // like them are body text, not worth reading again.
  const bool opens = job.number == 1 || extract::OpeningOf(page).StartsDocument();
  const std::vector<extract::KeyLine> lines =
      extract::KeyLines(page, {.header = opens, .signature = job.number >= job.page_count});
  for (const extract::KeyLine& line : lines) {
    std::optional<ocr::OcrReading> better =
        line.under_seal == extract::UnderSeal::kNo
            ? ocr::RereadLine(engine, reading.cleaned, line.box, line.text)
            : ocr::ReadUnderSeal(engine, reading.cleaned, reading.colour_taken_off, line.box,
                                 [&](const std::string& text) {
                                   return extract::RateUnderSeal(line.under_seal, text);
                                 });
    if (better && line.under_seal == extract::UnderSeal::kSignerName)
      extract::KeepFromName(better->words, better->text);
    if (line.under_seal != extract::UnderSeal::kNo)
      spdlog::debug("page {}: under a seal '{}' [{},{} {},{}] -> '{}'", page.number, line.text,
                    line.box.x0, line.box.y0, line.box.x1, line.box.y1,
                    better ? better->text : "(nothing)");
    if (better) ReplaceLine(page, line, std::move(*better));
  }
  spdlog::debug("page {}: {} key lines read again in {} ms", page.number, lines.size(),
                std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - start)
                    .count());
}

// The mottos of the header are printed text every document carries: a line that is one of them
// with a mark misread ("XÃ HỌI") is spelled as the motto is, in its words and in the text.
void SpellMottos(PageText& page) {
  std::map<int, std::vector<size_t>> lines;
  for (size_t i = 0; i < page.words.size(); ++i) lines[page.words[i].line].push_back(i);
  for (const auto& [line, indexes] : lines) {
    std::string text;
    for (size_t i : indexes) text += (text.empty() ? "" : " ") + page.words[i].text;
    std::optional<std::string> spelled = extract::SpelledAsMotto(text);
    if (!spelled) continue;
    const std::vector<std::string> words = SplitSpaces(*spelled);
    const size_t at = page.text.find(text);
    if (words.size() != indexes.size() || at == std::string::npos) continue;
    for (size_t k = 0; k < indexes.size(); ++k) page.words[indexes[k]].text = words[k];
    page.text.replace(at, text.size(), *spelled);
  }
}

}  // namespace

PageText ReadPage(PageReader& reader, const PageJob& job, const ocr::CleanupOptions& cleanup,
                  double retry_below, bool reread_key_lines) {
  // First as the page lies: most pages of a backlog are upright, and asking the orientation
  // detector costs a quarter of a page's OCR time. A page that is turned reads with low
  // confidence, and is asked about below.
  ocr::CleanupOptions as_it_lies = cleanup;
  if (retry_below > 0 && cleanup.force_rotation < 0) as_it_lies.force_rotation = 0;
  Reading best = ReadPageOnce(reader, job, as_it_lies);
  // A page of a few words (a blank back with a seal showing through, a page number) reads
  // with low confidence however it is turned: it is not retried.
  if (best.page.error.empty() && best.page.confidence < retry_below &&
      best.page.words.size() >= kMinWordsToRetry) {
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
      Reading candidate = ReadPageOnce(reader, again, other);
      spdlog::debug("page {}: confidence {:.0f} (turned {}) -> {:.0f} (turned {}) on retry",
                    job.number, best.page.confidence, best.page.rotation, candidate.page.confidence,
                    candidate.page.rotation);
      if (candidate.page.error.empty() && candidate.page.confidence > best.page.confidence) {
        best = std::move(candidate);
      }
      if (best.page.confidence >= retry_below) break;
    }
  }
  if (best.page.error.empty()) SpellMottos(best.page);
  if (best.page.error.empty() && reread_key_lines)
    RereadKeyLines(*reader.engine, best, job, best.page);
  return std::move(best.page);
}

PageText MoreVietnamese(PageText ocr, PageText layer) {
  if (!ocr.error.empty()) return layer;
  const double read = vi::CountSyllables(ocr.text).valid(),
               typed = vi::CountSyllables(layer.text).valid();
  spdlog::debug(
      "page {}: text layer in doubt: {:.0f}% of its words are syllables, {:.0f}% of the OCR "
      "reading's",
      ocr.number, 100 * typed, 100 * read);
  return read >= typed ? std::move(ocr) : std::move(layer);
}

}  // namespace luutru::ingest
