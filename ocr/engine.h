// The OCR engine seam. The pipeline sees only this interface; TesseractEngine is the real one,
// tests add fakes. Thread contract: thread-compatible; create one engine per worker thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
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

// A region of a raster, read in place: its first pixel and the raster's row stride (no copy).
struct RasterView {
  const std::uint8_t* pixels = nullptr;
  int width = 0, height = 0;
  int channels = 1;   // 1 = 8-bit gray, 3 = 8-bit RGB
  size_t stride = 0;  // bytes from one row to the next
  int dpi = 0;
};

// The part of `raster` inside `region` (which must lie within it).
RasterView ViewOf(const Raster& raster, const Box& region);

// A recognized word, in the coordinates of the page image that was read.
using OcrWord = Word;

struct OcrReading {
  std::string text;            // NFC, blocks in reading order separated by a blank line
  double confidence = 0;       // mean word confidence, 0..100
  std::vector<OcrWord> words;  // in reading order
};

// The letters an engine also saw in each place of a word, with their confidence: one entry
// per code point of the word as read (core/word_pairs.h, ReadWord::offered).
using LetterOffers = std::vector<std::vector<std::pair<char32_t, float>>>;

// Recognizes text in images. What a page is (its layout, its dotted leaders, one deadline for
// all of it) is ocr/page_ocr.h's, the same for every engine.
class OcrEngine {
 public:
  virtual ~OcrEngine() = default;
  // Reads one region of a cleaned page as a block of text: its words in the view's pixels,
  // in the engine's reading order, their lines and blocks numbered from 0 (the page's text is
  // made from them). Fails with kTimedOut when `time_left_ms` (> 0) runs out.
  virtual Result<std::vector<OcrWord>> RecognizeBlock(const RasterView& block,
                                                      int time_left_ms) = 0;
  // The resolution the engine reads best at: a finer page is reduced to it, once, before its
  // blocks are read (word boxes come back in the page's pixels). 0: as it is.
  virtual int ReadingDpi() const { return 0; }
  // Reads an image holding one line of text (no layout analysis). Engines that cannot answer
  // kUnsupported, and callers then keep the page's own reading.
  virtual Result<OcrReading> RecognizeLine(const Raster& line) {
    return Unsupported("this engine reads whole pages only");
  }
  // For the words of the last RecognizeBlock or RecognizeLine, in the order they came back:
  // the letters offered in each place of the words `wanted` marks, {} for the others. Asked
  // for a few words only (ocr/word_repair.h): for every word it costs a tenth of the page's
  // reading time. Engines that cannot say answer nothing.
  virtual std::vector<LetterOffers> LettersOffered(const std::vector<bool>& wanted) { return {}; }
};

// Creates a Tesseract engine (LSTM, the languages of `options`). Fails with
// kMissingDependency, naming the package to install, when a model is absent.
Result<std::unique_ptr<OcrEngine>> CreateTesseractEngine(const OcrOptions& options);

// The tessdata folder that will be used, for messages.
std::string EffectiveTessdataDir(const OcrOptions& options);

// The engine and the models `options` would read with, as a package's PREMIS records them:
// "Tesseract 5.3.0, vie.traineddata SHA-256 0123456789abcdef". A model that is absent is
// named as such.
std::string TextRecognitionDescription(const OcrOptions& options);

}  // namespace luutru::ocr
