// OCR engines for tests: a fake that "reads" a fixed text, and one that always fails.
#pragma once

#include <atomic>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "ocr/engine.h"

namespace luutru::testing {

// `text`'s words on one line, side by side from the block's top left, at `confidence`.
inline std::vector<ocr::OcrWord> WordsOnOneLine(const std::string& text, float confidence = 87.5f) {
  std::vector<ocr::OcrWord> words;
  std::istringstream in(text);
  int x = 0;
  for (std::string w; in >> w; x += 60)
    words.push_back(Word{w, Box{x, 0, x + 50, 30}, confidence, 0, 0});
  return words;
}

class FakeOcrEngine : public ocr::OcrEngine {
 public:
  explicit FakeOcrEngine(std::string text, std::atomic<int>* calls = nullptr)
      : text_(std::move(text)), calls_(calls) {}
  Result<std::vector<ocr::OcrWord>> RecognizeBlock(const ocr::RasterView& block, int) override {
    if (calls_) ++*calls_;
    return WordsOnOneLine(text_ + " " + std::to_string(block.width) + "x" +
                          std::to_string(block.height));
  }

 private:
  std::string text_;
  std::atomic<int>* calls_;
};

// Runs `hook` on every page before reading it as FakeOcrEngine does: to throw, or to wait.
class HookedOcrEngine : public ocr::OcrEngine {
 public:
  explicit HookedOcrEngine(std::function<void(const ocr::RasterView&)> hook)
      : hook_(std::move(hook)) {}
  Result<std::vector<ocr::OcrWord>> RecognizeBlock(const ocr::RasterView& block, int) override {
    hook_(block);
    return WordsOnOneLine("văn bản quét");
  }

 private:
  std::function<void(const ocr::RasterView&)> hook_;
};

class FailingOcrEngine : public ocr::OcrEngine {
 public:
  Result<std::vector<ocr::OcrWord>> RecognizeBlock(const ocr::RasterView&, int) override {
    return TimedOut("OCR of the block took longer than 1 ms");
  }
};

}  // namespace luutru::testing
