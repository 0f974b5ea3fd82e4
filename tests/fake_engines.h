// OCR engines for tests: a fake that "reads" a fixed text, and one that always fails.
#pragma once

#include <atomic>
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

class FailingOcrEngine : public ocr::OcrEngine {
 public:
  Result<ocr::OcrReading> Recognize(const Raster&) override {
    return TimedOut("OCR of the page took longer than 1 s");
  }
};

}  // namespace luutru::testing
