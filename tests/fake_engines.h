// OCR engines for tests: a fake that "reads" a fixed text, and one that always fails.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "ocr/engine.h"

namespace luutru::testing {

class FakeOcrEngine : public ocr::OcrEngine {
 public:
  explicit FakeOcrEngine(std::string text, std::atomic<int>* calls = nullptr)
      : text_(std::move(text)), calls_(calls) {}
  Result<ocr::OcrReading> Recognize(const Raster& page) override {
    if (calls_) ++*calls_;
    return ocr::OcrReading{text_ + " " + std::to_string(page.width) + "x" + std::to_string(page.height), 87.5};
  }

 private:
  std::string text_;
  std::atomic<int>* calls_;
};

// Runs `hook` on every page before reading it as FakeOcrEngine does: to throw, or to wait.
class HookedOcrEngine : public ocr::OcrEngine {
 public:
  explicit HookedOcrEngine(std::function<void(const Raster&)> hook) : hook_(std::move(hook)) {}
  Result<ocr::OcrReading> Recognize(const Raster& page) override {
    hook_(page);
    return ocr::OcrReading{"văn bản quét", 87.5};
  }

 private:
  std::function<void(const Raster&)> hook_;
};

class FailingOcrEngine : public ocr::OcrEngine {
 public:
  Result<ocr::OcrReading> Recognize(const Raster&) override {
    return TimedOut("OCR of the page took longer than 1 s");
  }
};

}  // namespace luutru::testing
