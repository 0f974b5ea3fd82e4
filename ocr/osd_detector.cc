#include <tesseract/baseapi.h>

#include <filesystem>

#include "ocr/orientation.h"

namespace luutru::ocr {
namespace {

class OsdDetector final : public OrientationDetector {
 public:
  ~OsdDetector() override { api_.End(); }

  Status Init(const OcrOptions& options) {
    std::string dir = EffectiveTessdataDir(options);
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::path(dir) / "osd.traineddata", ec)) {
      return MissingDependency("orientation model " + dir +
                               "/osd.traineddata not found; install tesseract-ocr-osd "
                               "(apt-get install tesseract-ocr-osd) or pass --tessdata DIR");
    }
    if (api_.Init(dir.c_str(), "osd", tesseract::OEM_TESSERACT_ONLY) != 0) {
      return MissingDependency("Tesseract could not load osd from " + dir);
    }
    api_.SetVariable("debug_file", "/dev/null");
    api_.SetPageSegMode(tesseract::PSM_OSD_ONLY);
    return Status::Ok();
  }

  Result<Orientation> Detect(const Raster& page) override {
    if (page.empty() || page.channels != 1) return InvalidArgument("orientation needs a gray page");
    api_.SetImage(page.pixels.data(), page.width, page.height, 1, page.width);
    api_.SetSourceResolution(page.dpi);
    int degrees = 0;
    float confidence = 0, script_confidence = 0;
    const char* script = nullptr;
    bool ok = api_.DetectOrientationScript(&degrees, &confidence, &script, &script_confidence);
    api_.Clear();
    if (!ok) return OcrFailed("too little text to detect the page orientation");
    return Orientation{degrees, confidence};
  }

 private:
  tesseract::TessBaseAPI api_;
};

}  // namespace

Result<std::unique_ptr<OrientationDetector>> CreateOsdDetector(const OcrOptions& options) {
  auto detector = std::make_unique<OsdDetector>();
  LUUTRU_RETURN_IF_ERROR(detector->Init(options));
  return std::unique_ptr<OrientationDetector>(std::move(detector));
}

}  // namespace luutru::ocr
