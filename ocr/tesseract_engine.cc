#include <omp.h>
#include <spdlog/spdlog.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "core/fs_util.h"
#include "core/sha256.h"
#include "core/vietnamese.h"
#include "ocr/engine.h"

namespace luutru::ocr {
namespace {

constexpr const char* kDebianTessdata = "/usr/share/tesseract-ocr/5/tessdata";

// Debian's libtesseract is built with OpenMP. With one engine per worker thread, Tesseract's
// own OpenMP threads would fight ours (measured: 3x slower on 2 cores, most of it spinning in
// the kernel). Setting OMP_THREAD_LIMIT from inside the process is too late: libgomp reads
// it when it loads; and omp_set_num_threads does not bind Tesseract's explicit
// `num_threads(...)` clauses. Allowing this thread no active parallel level does: every
// parallel region it starts runs on the thread itself (a per-thread ICV in libgomp).
void LimitOpenMpForThisThread() {
  thread_local bool limited = false;
  if (!limited) {
    omp_set_max_active_levels(0);
    limited = true;
  }
}

class TesseractEngine final : public OcrEngine {
 public:
  explicit TesseractEngine(const OcrOptions& options) : options_(options) {}
  ~TesseractEngine() override { api_.End(); }

  Status Init() {
    std::string dir = EffectiveTessdataDir(options_);
    std::stringstream languages(options_.language);
    for (std::string lang; std::getline(languages, lang, '+');) {
      auto model = std::filesystem::path(dir) / (lang + ".traineddata");
      std::error_code ec;
      if (!std::filesystem::exists(model, ec)) {
        return MissingDependency(
            "Tesseract model " + model.string() + " not found; install tesseract-ocr-" + lang +
            " (apt-get install tesseract-ocr-" + lang + ") or pass --tessdata DIR");
      }
    }
    if (api_.Init(dir.c_str(), options_.language.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
      return MissingDependency("Tesseract could not load '" + options_.language + "' from " + dir);
    }
    // Tesseract's warnings ("Estimating resolution as ...") would go to stderr unstructured.
    api_.SetVariable("debug_file", "/dev/null");
    // The letters the network also saw in each place (ChoiceIterator): a lost tone is put back
    // only where the engine offered it (LettersOffered, ocr/word_repair.h).
    api_.SetVariable("lstm_choice_mode", "2");
    api_.SetPageSegMode(tesseract::PSM_AUTO);
    return Status::Ok();
  }

  int ReadingDpi() const override { return options_.reading_dpi; }

  Result<std::vector<OcrWord>> RecognizeBlock(const RasterView& block, int time_left_ms) override {
    if (!block.pixels || block.width <= 0 || block.height <= 0)
      return InvalidArgument("empty block image");
    LimitOpenMpForThisThread();
    // The block is given as an image of its own (a pointer into the page with the page's row
    // stride, no copy): SetRectangle garbles LSTM recognition (tesseract-ocr/tesseract#845).
    api_.SetImage(block.pixels, block.width, block.height, block.channels,
                  static_cast<int>(block.stride));
    api_.SetSourceResolution(block.dpi);
    tesseract::ETEXT_DESC monitor;
    if (time_left_ms > 0) monitor.set_deadline_msecs(time_left_ms);
    const int rc = api_.Recognize(&monitor);
    if (monitor.deadline_exceeded()) {
      api_.Clear();
      return TimedOut("OCR of the block took longer than " + std::to_string(time_left_ms) + " ms");
    }
    if (rc != 0) {
      api_.Clear();
      return OcrFailed("Tesseract could not recognize the page");
    }
    // The reading is kept until the next image: LettersOffered asks it.
    return CollectWords();
  }

  Result<OcrReading> RecognizeLine(const Raster& line) override {
    if (line.empty()) return InvalidArgument("empty line image");
    LimitOpenMpForThisThread();
    api_.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    api_.SetImage(line.pixels.data(), line.width, line.height, line.channels,
                  line.width * line.channels);
    api_.SetSourceResolution(line.dpi);
    int rc = api_.Recognize(nullptr);
    OcrReading reading;
    if (rc == 0) reading.words = CollectWords();  // kept until the next image: LettersOffered
    api_.SetPageSegMode(tesseract::PSM_AUTO);
    if (rc != 0) {
      api_.Clear();
      return OcrFailed("Tesseract could not recognize the line");
    }
    double sum = 0;
    for (const OcrWord& w : reading.words) {
      if (!reading.text.empty()) reading.text += ' ';
      reading.text += w.text;
      sum += w.confidence;
    }
    reading.confidence =
        reading.words.empty() ? 0 : sum / static_cast<double>(reading.words.size());
    return reading;
  }

 private:
  // The words of the last recognized image, in its pixels, lines and blocks numbered from 0.
  std::vector<OcrWord> CollectWords() {
    std::vector<OcrWord> words;
    std::unique_ptr<tesseract::ResultIterator> it(api_.GetIterator());
    if (!it) return words;
    int line = 0, block = 0;
    bool first = true;
    do {
      if (it->Empty(tesseract::RIL_WORD)) continue;
      if (!first && it->IsAtBeginningOf(tesseract::RIL_BLOCK)) ++block;
      if (!first && it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) ++line;
      first = false;
      std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
      int left = 0, top = 0, right = 0, bottom = 0;
      it->BoundingBox(tesseract::RIL_WORD, &left, &top, &right, &bottom);
      words.push_back(OcrWord{vi::Nfc(text ? text.get() : ""), Box{left, top, right, bottom},
                              // Whole percent, as record.json keeps it: what is read
                              // from the page now and from record.json later agrees.
                              std::floor(it->Confidence(tesseract::RIL_WORD)), line, block});
    } while (it->Next(tesseract::RIL_WORD));
    return words;
  }

  std::vector<LetterOffers> LettersOffered(const std::vector<bool>& wanted) override {
    std::vector<LetterOffers> offered(wanted.size());
    std::unique_ptr<tesseract::ResultIterator> it(api_.GetIterator());
    if (!it) return offered;
    size_t n = 0;  // the words in the order CollectWords took them
    do {
      if (it->Empty(tesseract::RIL_WORD)) continue;
      if (n >= wanted.size()) break;
      if (wanted[n]) offered[n] = LettersOffered(*it);
      ++n;
    } while (it->Next(tesseract::RIL_WORD));
    return offered;
  }

  // For the word at `word`, the letters the network offered in each place, one entry per code
  // point of the word; empty when a place holds more than one code point.
  static LetterOffers LettersOffered(const tesseract::ResultIterator& word) {
    LetterOffers offered;
    tesseract::ResultIterator symbol(word);
    do {
      auto& place = offered.emplace_back();
      tesseract::ChoiceIterator choice(symbol);
      do {
        const char* letter = choice.GetUTF8Text();
        const std::u32string code_points = letter ? vi::Utf32(vi::Nfc(letter)) : std::u32string();
        if (code_points.size() != 1) return {};
        place.emplace_back(code_points[0], choice.Confidence());
      } while (choice.Next());
    } while (symbol.Next(tesseract::RIL_SYMBOL) && !symbol.IsAtBeginningOf(tesseract::RIL_WORD));
    return offered;
  }

  OcrOptions options_;
  tesseract::TessBaseAPI api_;
};

}  // namespace

std::string EffectiveTessdataDir(const OcrOptions& options) {
  if (!options.tessdata_dir.empty()) return options.tessdata_dir;
  if (const char* prefix = std::getenv("TESSDATA_PREFIX"); prefix && *prefix) return prefix;
  return kDebianTessdata;
}

std::string TextRecognitionDescription(const OcrOptions& options) {
  std::string out = std::string("Tesseract ") + tesseract::TessBaseAPI::Version();
  const std::string& languages = options.language;
  size_t start = 0;
  while (start <= languages.size()) {
    size_t end = languages.find('+', start);
    if (end == std::string::npos) end = languages.size();
    const std::string lang = languages.substr(start, end - start);
    start = end + 1;
    if (lang.empty()) continue;
    const std::filesystem::path model =
        std::filesystem::path(EffectiveTessdataDir(options)) / (lang + ".traineddata");
    Result<std::string> bytes = ReadFile(model);
    out += ", " + lang + ".traineddata " +
           (bytes.ok() ? "SHA-256 " + Sha256Hex(*bytes).substr(0, 16) : std::string("(absent)"));
  }
  return out;
}

Result<std::unique_ptr<OcrEngine>> CreateTesseractEngine(const OcrOptions& options) {
  auto engine = std::make_unique<TesseractEngine>(options);
  LUUTRU_RETURN_IF_ERROR(engine->Init());
  return std::unique_ptr<OcrEngine>(std::move(engine));
}

}  // namespace luutru::ocr
