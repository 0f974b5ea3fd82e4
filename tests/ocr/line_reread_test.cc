// The vote of RereadLine, with an engine that answers by the scale it is shown.
#include "ocr/line_reread.h"

#include <gtest/gtest.h>

#include <map>

namespace luutru::ocr {
namespace {

// Reads a line as scripted for the width of the image it gets (one width per scale).
class ScriptedLineEngine : public OcrEngine {
 public:
  explicit ScriptedLineEngine(std::map<int, std::string> by_width)
      : by_width_(std::move(by_width)) {}
  Result<std::vector<OcrWord>> RecognizeBlock(const RasterView&, int) override {
    return Unsupported("lines only");
  }
  Result<OcrReading> RecognizeLine(const Raster& line) override {
    widths.push_back(line.width);
    auto it = by_width_.find(line.width);
    std::string text = it == by_width_.end() ? "???" : it->second;
    return OcrReading{
        text, 90, {Word{text, Box{10, 5, line.width - 10, line.height - 5}, 90, 0, 0}}};
  }
  std::vector<int> widths;

 private:
  std::map<int, std::string> by_width_;
};

Raster WhitePage() {
  Raster page;
  page.width = 1000;
  page.height = 400;
  page.dpi = 300;
  page.pixels.assign(1000 * 400, 255);
  return page;
}

// The line box 100..500 x 100..140: padded by 20 px each side, the crop is 440 x 72.
constexpr Box kLine{100, 100, 500, 140};

// The mechanism, at four scales other than the page's own.
const RereadOptions kFourScales{{0.75, 1.25, 1.5, 2.0}};

TEST(RereadLine, TheCleanedPagesOwnScaleIsReadFirst) {
  ScriptedLineEngine engine(
      {{440, "ngày 28"}, {330, "ngày 28"}, {550, "ngày 28"}, {660, "ngày 28"}, {880, "ngày 28"}});
  std::optional<OcrReading> better = RereadLine(engine, WhitePage(), kLine, "ngày 26");
  ASSERT_TRUE(better);
  EXPECT_EQ(engine.widths.front(), 440);
}

TEST(RereadLine, AMajorityOfOtherScalesReplacesTheReading) {
  ScriptedLineEngine engine(
      {{330, "ngày 28"}, {550, "ngày 28"}, {660, "ngày 28"}, {880, "ngày 26"}});
  std::optional<OcrReading> better = RereadLine(engine, WhitePage(), kLine, "ngày 26", kFourScales);
  ASSERT_TRUE(better);
  EXPECT_EQ(better->text, "ngày 28");
  EXPECT_EQ(engine.widths, (std::vector<int>{330, 550, 660, 880}));
  // Words come back in the page's coordinates: the crop starts at (80, 84).
  EXPECT_NEAR(better->words[0].box.x0, 80 + 10 / 0.75, 2);
  EXPECT_NEAR(better->words[0].box.y0, 84 + 5 / 0.75, 2);
}

TEST(RereadLine, ThePageReadingWinsTies) {
  ScriptedLineEngine engine(
      {{330, "ngày 28"}, {550, "ngày 28"}, {660, "ngày 26"}, {880, "ngày 20"}});
  EXPECT_FALSE(RereadLine(engine, WhitePage(), kLine, "ngày 26", kFourScales));
}

TEST(RereadLine, StopsWhenThePageReadingCannotBeOutvoted) {
  ScriptedLineEngine engine(
      {{330, "ngày 26"}, {550, "ngày 26"}, {660, "ngày 28"}, {880, "ngày 28"}});
  EXPECT_FALSE(RereadLine(engine, WhitePage(), kLine, "ngày 26", kFourScales));
  EXPECT_EQ(engine.widths, (std::vector<int>{330, 550})) << "two agreeing readings settle it";
}

TEST(RereadLine, NoAgreementKeepsThePageReading) {
  ScriptedLineEngine engine({{330, "a"}, {550, "b"}, {660, "c"}, {880, "d"}});
  EXPECT_FALSE(RereadLine(engine, WhitePage(), kLine, "e", kFourScales));
}

TEST(RereadLine, AnEngineWithoutLineReadingChangesNothing) {
  class PageOnly : public OcrEngine {
    Result<std::vector<OcrWord>> RecognizeBlock(const RasterView&, int) override {
      return std::vector<OcrWord>{};
    }
  } engine;
  EXPECT_FALSE(RereadLine(engine, WhitePage(), kLine, "x"));
}

}  // namespace
}  // namespace luutru::ocr
