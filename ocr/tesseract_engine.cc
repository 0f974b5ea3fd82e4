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

#include "core/syllables.h"
#include "core/vietnamese.h"
#include "core/word_pairs.h"
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
    // only where the engine offered it (vi::RestoreTonesByWordPairs).
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
    std::vector<OcrWord> words = CollectWords();
    api_.Clear();
    return words;
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
    if (rc == 0) reading.words = CollectWords();
    api_.Clear();
    api_.SetPageSegMode(tesseract::PSM_AUTO);
    if (rc != 0) return OcrFailed("Tesseract could not recognize the line");
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
      std::string read = vi::Nfc(text ? text.get() : "");
      // A vowel's hat, horn or breve lost under its tone, put back when one syllable fits.
      if (std::optional<std::string> repaired = vi::RestoreVowelMark(read))
        read = std::move(*repaired);
      words.push_back(OcrWord{std::move(read), Box{left, top, right, bottom},
                              // Whole percent, as record.json keeps it: what is read
                              // from the page now and from record.json later agrees.
                              std::floor(it->Confidence(tesseract::RIL_WORD)), line, block});
    } while (it->Next(tesseract::RIL_WORD));
    RestoreTones(words);
    return words;
  }

  // A tone lost (or read wrong) on a syllable that is a word as read, put back by its neighbours
  // where the network offered it. The letters offered are asked for the few words that may need
  // them only: asking for every word costs a tenth of the page's reading time.
  void RestoreTones(std::vector<OcrWord>& words) {
    std::vector<vi::ReadWord> read(words.size());
    std::vector<std::string> texts;
    for (const OcrWord& w : words) texts.push_back(w.text);
    const std::vector<bool> may = vi::MayNeedToneRepair(texts);
    if (std::find(may.begin(), may.end(), true) == may.end()) return;
    std::unique_ptr<tesseract::ResultIterator> it(api_.GetIterator());
    if (!it) return;
    size_t n = 0;  // the words in the order CollectWords took them
    do {
      if (it->Empty(tesseract::RIL_WORD)) continue;
      if (n >= words.size()) break;
      read[n].text = texts[n];
      if (may[n]) read[n].offered = LettersOffered(*it);
      ++n;
    } while (it->Next(tesseract::RIL_WORD));
    const std::vector<std::optional<std::string>> toned = vi::RestoreTonesByWordPairs(read);
    for (size_t i = 0; i < words.size(); ++i) {
      if (!toned[i]) continue;
      spdlog::debug("tone restored by its neighbours: {} -> {}", words[i].text, *toned[i]);
      words[i].text = *toned[i];
    }
  }

  // For the word at `word`, the letters the network offered in each place, one entry per code
  // point of the word; empty when a place holds more than one code point.
  static std::vector<std::vector<std::pair<char32_t, float>>> LettersOffered(
      const tesseract::ResultIterator& word) {
    std::vector<std::vector<std::pair<char32_t, float>>> offered;
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

Result<std::unique_ptr<OcrEngine>> CreateTesseractEngine(const OcrOptions& options) {
  auto engine = std::make_unique<TesseractEngine>(options);
  LUUTRU_RETURN_IF_ERROR(engine->Init());
  return std::unique_ptr<OcrEngine>(std::move(engine));
}

}  // namespace luutru::ocr
