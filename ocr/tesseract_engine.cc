#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <sstream>

#include "core/vietnamese.h"
#include "ocr/engine.h"

namespace luutru::ocr {
namespace {

constexpr const char* kDebianTessdata = "/usr/share/tesseract-ocr/5/tessdata";

// Debian's libtesseract is built with OpenMP. With one engine per worker thread, Tesseract's
// own threads would fight ours, so limit OpenMP before the first engine starts.
void LimitOpenMpOnce() {
  static std::once_flag once;
  std::call_once(once, [] { setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0); });
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
      if (!std::filesystem::exists(model)) {
        return MissingDependency("Tesseract model " + model.string() +
                                 " not found; install tesseract-ocr-" + lang +
                                 " (apt-get install tesseract-ocr-" + lang +
                                 ") or pass --tessdata DIR");
      }
    }
    if (api_.Init(dir.c_str(), options_.language.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
      return MissingDependency("Tesseract could not load '" + options_.language + "' from " + dir);
    }
    // Tesseract's warnings ("Estimating resolution as ...") would go to stderr unstructured.
    api_.SetVariable("debug_file", "/dev/null");
    api_.SetPageSegMode(tesseract::PSM_AUTO);
    return Status::Ok();
  }

  Result<OcrReading> Recognize(const Raster& page) override {
    if (page.empty()) return InvalidArgument("empty page image");
    api_.SetImage(page.pixels.data(), page.width, page.height, page.channels,
                  page.width * page.channels);
    api_.SetSourceResolution(page.dpi);
    tesseract::ETEXT_DESC monitor;
    if (options_.page_timeout_ms > 0) monitor.set_deadline_msecs(options_.page_timeout_ms);
    int rc = api_.Recognize(&monitor);
    if (monitor.deadline_exceeded()) {
      api_.Clear();
      return TimedOut("OCR of the page took longer than " +
                      std::to_string(options_.page_timeout_ms / 1000) + " s");
    }
    if (rc != 0) {
      api_.Clear();
      return OcrFailed("Tesseract could not recognize the page");
    }
    std::unique_ptr<char[]> text(api_.GetUTF8Text());
    OcrReading reading;
    reading.text = vi::Nfc(text ? text.get() : "");
    reading.confidence = api_.MeanTextConf();
    api_.Clear();
    return reading;
  }

 private:
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
  LimitOpenMpOnce();
  auto engine = std::make_unique<TesseractEngine>(options);
  LUUTRU_RETURN_IF_ERROR(engine->Init());
  return std::unique_ptr<OcrEngine>(std::move(engine));
}

}  // namespace luutru::ocr
