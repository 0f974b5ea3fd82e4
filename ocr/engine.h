// The OCR engine seam. The pipeline sees only this interface; TesseractEngine is the real one,
// tests add fakes. Thread contract: thread-compatible; create one engine per worker thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/raster.h"
#include "core/record.h"
#include "core/status.h"

namespace luutru::ocr {

struct OcrOptions {
  // Folder holding vie.traineddata (and osd.traineddata). Default: empty = Tesseract's own
  // (TESSDATA_PREFIX, else /usr/share/tesseract-ocr/5/tessdata on Debian).
  std::string tessdata_dir;
  // Tesseract language(s), "+"-joined. Default: "vie".
  std::string language = "vie";
  // Per-page recognition deadline in milliseconds; 0 = none. Default: 120 s.
  int page_timeout_ms = 120'000;
  // A finer page is given to Tesseract reduced to this resolution (each pixel the mean of
  // those it covers); word boxes stay in the page's pixels. Tesseract's Vietnamese network
  // reads lines 36 px high, about a 13-pt line at 150 dpi: handed a 300-dpi page it shrinks each
  // line by half itself, and the marks stacked on â, ê and ô fade. Real scans: word recall
  // 0.962 -> 0.968, marks lost 2.2 -> 1.7 per 100 words (docs/benchmarks.md). 0: the page's
  // own resolution. Default: 150.
  int reading_dpi = 150;
};

// A recognized word, in the coordinates of the page image that was read.
using OcrWord = Word;

struct OcrReading {
  std::string text;        // NFC, blocks in reading order separated by a blank line
  double confidence = 0;   // mean word confidence, 0..100
  std::vector<OcrWord> words;  // in reading order
};

class OcrEngine {
 public:
  virtual ~OcrEngine() = default;
  // Reads one cleaned page (8-bit gray or RGB).
  virtual Result<OcrReading> Recognize(const Raster& page) = 0;
  // Reads an image holding one line of text (no layout analysis). Engines that cannot answer
  // kUnsupported, and callers then keep the page's own reading.
  virtual Result<OcrReading> RecognizeLine(const Raster& line) {
    return Unsupported("this engine reads whole pages only");
  }
};

// Creates a Tesseract engine (LSTM, the languages of `options`). Fails with
// kMissingDependency, naming the package to install, when a model is absent.
Result<std::unique_ptr<OcrEngine>> CreateTesseractEngine(const OcrOptions& options);

// The tessdata folder that will be used, for messages.
std::string EffectiveTessdataDir(const OcrOptions& options);

}  // namespace luutru::ocr
