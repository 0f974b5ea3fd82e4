// The vote of RereadLine, with an engine that answers by the scale it is shown; the pictures
// ReadUnderSeal reads a line under a seal from, with an engine that answers by what it sees.
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

// A line under a seal: a black bar (the letters) that a seal's ring crosses at x 280..300.
// Gray: the ring copied in gray lies over the bar and past it. Cut: a red ring was taken off,
// leaving paper across the bar, and the mask says where.
Raster LineUnderSeal(bool gray_ring) {
  Raster page = WhitePage();
  for (int y = 105; y < 135; ++y) {
    for (int x = 120; x < 480; ++x) page.pixels[y * page.width + x] = 40;
    for (int x = 280; x < 300; ++x) page.pixels[y * page.width + x] = gray_ring ? 60 : 255;
  }
  if (gray_ring) {
    for (int y = 60; y < 180; ++y) {
      for (int x = 280; x < 300; ++x) {
        if (y < 105 || y >= 135) page.pixels[y * page.width + x] = 150;
      }
    }
  }
  return page;
}

Raster RingTakenOff() {
  Raster mask = WhitePage();
  for (int y = 60; y < 180; ++y) {
    for (int x = 280; x < 300; ++x) mask.pixels[y * mask.width + x] = 0;
  }
  return mask;
}

// Reads "Vũ Ngọc Trung" when the line it is shown has no gray (the seal's) and no paper across
// the bar (the cut), else "g Ngọc Trung"; counts what it was shown.
class SeeingEngine : public OcrEngine {
 public:
  Result<std::vector<OcrWord>> RecognizeBlock(const RasterView&, int) override {
    return Unsupported("lines only");
  }
  Result<OcrReading> RecognizeLine(const Raster& line) override {
    ++readings;
    auto at = [&](int x, int y) { return line.pixels[y * line.width + x]; };
    // Gray: the seal's, above the bar. Cut: paper across the bar, in its middle row.
    bool gray = false, cut = false;
    for (int y = 0; y < line.height / 5; ++y) {
      for (int x = 0; x < line.width; ++x) gray = gray || (at(x, y) > 100 && at(x, y) < 200);
    }
    const int mid = line.height / 2;
    int first = -1, last = -1;
    for (int x = 0; x < line.width; ++x) {
      if (at(x, mid) < 100) last = x, first = first < 0 ? x : first;
    }
    for (int x = first; first >= 0 && x <= last; ++x) cut = cut || at(x, mid) > 200;
    const std::string text = gray || cut ? "g Ngọc Trung" : "Vũ Ngọc Trung";
    return OcrReading{text, 90, {Word{text, Box{5, 5, line.width - 5, line.height - 5}, 90, 0, 0}}};
  }
  int readings = 0;
};

int RateName(const std::string& text) { return text == "Vũ Ngọc Trung" ? 2 : 0; }

TEST(ReadUnderSeal, ACutRingIsFilledInFromTheInkAround) {
  SeeingEngine engine;
  std::optional<OcrReading> name =
      ReadUnderSeal(engine, LineUnderSeal(false), RingTakenOff(), kLine, RateName);
  ASSERT_TRUE(name);
  EXPECT_EQ(name->text, "Vũ Ngọc Trung");
  EXPECT_EQ(engine.readings, 1) << "the first picture, filled in, read as a name: no more";
  EXPECT_GT(name->words[0].box.x0, 0) << "words in the page's coordinates";
  // Without the mask nothing fills the cut in: no picture reads as a name.
  SeeingEngine blind;
  EXPECT_FALSE(ReadUnderSeal(blind, LineUnderSeal(false), Raster{}, kLine, RateName));
  EXPECT_EQ(blind.readings, 6) << "darkest ink and as cleaned, three scales each";
}

TEST(ReadUnderSeal, AGraySealGoesWithTheLighterInk) {
  SeeingEngine engine;
  std::optional<OcrReading> name =
      ReadUnderSeal(engine, LineUnderSeal(true), Raster{}, kLine, RateName);
  ASSERT_TRUE(name);
  EXPECT_EQ(name->text, "Vũ Ngọc Trung");
}

TEST(ReadUnderSeal, TheFirstReadingRatedHighestWins) {
  ScriptedLineEngine engine({});  // reads "???" at every scale
  auto rate = [](const std::string& text) { return text == "???" ? 1 : 0; };
  std::optional<OcrReading> line = ReadUnderSeal(engine, WhitePage(), Raster{}, kLine, rate);
  ASSERT_TRUE(line);
  EXPECT_EQ(engine.widths.size(), 6u) << "a reading rated 1 does not stop the search";
  EXPECT_FALSE(
      ReadUnderSeal(engine, WhitePage(), Raster{}, kLine, [](const std::string&) { return 0; }));
}

}  // namespace
}  // namespace luutru::ocr
