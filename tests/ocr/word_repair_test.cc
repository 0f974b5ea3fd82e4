// Words put right after any engine's reading (ocr/word_repair.h), through a fake engine: the
// repairs need nothing of Tesseract but the letters an engine offers.
#include "ocr/word_repair.h"

#include <gtest/gtest.h>

#include "core/vietnamese.h"

namespace luutru::ocr {
namespace {

// Reads nothing itself; offers `letter` in place `place` of every word it is asked about.
class OfferingEngine : public OcrEngine {
 public:
  OfferingEngine(size_t place, char32_t letter) : place_(place), letter_(letter) {}
  Result<std::vector<OcrWord>> RecognizeBlock(const RasterView&, int) override {
    return std::vector<OcrWord>{};
  }
  std::vector<LetterOffers> LettersOffered(const std::vector<bool>& wanted) override {
    std::vector<LetterOffers> offered(wanted.size());
    for (size_t i = 0; i < wanted.size(); ++i) {
      if (!wanted[i]) continue;
      ++asked;
      const std::u32string letters = vi::Utf32(last[i]);
      for (char32_t c : letters) offered[i].push_back({{c, 90.0f}});
      if (place_ < letters.size()) offered[i][place_].push_back({letter_, 40.0f});
    }
    return offered;
  }
  std::vector<std::string> last;  // the words of the "last reading", as the engine read them
  int asked = 0;

 private:
  size_t place_;
  char32_t letter_;
};

// Offers no letters, as an engine that cannot say.
class SilentEngine : public OcrEngine {
 public:
  Result<std::vector<OcrWord>> RecognizeBlock(const RasterView&, int) override {
    return std::vector<OcrWord>{};
  }
};

std::vector<OcrWord> Words(const std::vector<std::string>& texts) {
  std::vector<OcrWord> words;
  for (const std::string& t : texts) words.push_back(OcrWord{t, Box{0, 0, 10, 10}, 90, 0, 0});
  return words;
}

TEST(RepairWords, AToneTheEngineOfferedIsPutBackByTheWordItMakes) {
  OfferingEngine engine(1, U'ổ');
  engine.last = {"việc", "bỗ", "nhiệm"};
  std::vector<OcrWord> words = Words(engine.last);
  RepairWords(engine, words);
  EXPECT_EQ(words[1].text, "bổ");
  EXPECT_EQ(words[0].text, "việc");
  EXPECT_EQ(words[2].text, "nhiệm");
  EXPECT_GE(engine.asked, 1);
  EXPECT_LT(engine.asked, 3) << "offers are asked for the words that may need them only";
}

TEST(RepairWords, WithoutOffersNoToneIsGuessedButALostVowelMarkIsPutBack) {
  SilentEngine engine_that_cannot_say;
  std::vector<OcrWord> words = Words({"việc", "bỗ", "nhiệm", "quyét"});
  RepairWords(engine_that_cannot_say, words);
  EXPECT_EQ(words[1].text, "bỗ") << "a tone is changed only to one the engine saw";
  EXPECT_EQ(words[3].text, "quyết") << "a vowel's hat lost under its tone needs no offer";
}

}  // namespace
}  // namespace luutru::ocr
