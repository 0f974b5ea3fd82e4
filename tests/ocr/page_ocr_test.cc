// A page read through a fake engine (ocr/page_ocr.h): what is the page's and not the engine's
// (regions in reading order, words back in the page's pixels and numbered across it, the
// reading resolution, one deadline) holds for any engine.
#include "ocr/page_ocr.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace luutru::ocr {
namespace {

// An A4 page at 300 dpi with two columns of word-shaped ink from top to bottom.
Raster TwoColumnPage() {
  Raster page;
  page.width = 2480;
  page.height = 3508;
  page.dpi = 300;
  page.pixels.assign(static_cast<size_t>(page.width) * page.height, 255);
  for (int y = 300; y < 3000; y += 60) {
    for (int x0 : {200, 1340}) {
      for (int x = x0; x + 100 <= x0 + 940; x += 125) {
        for (int yy = y; yy < y + 30; ++yy) {
          for (int xx = x; xx < x + 100; ++xx)
            page.pixels[static_cast<size_t>(yy) * page.width + xx] = 0;
        }
      }
    }
  }
  return page;
}

// Says where in the page each block it is given lies: "left" (at the page's left edge) or "right",
// a word of two lines at the block's top left.
class WhereEngine : public OcrEngine {
 public:
  WhereEngine(const Raster& page, int reading_dpi) : page_(page), reading_dpi_(reading_dpi) {}
  int ReadingDpi() const override { return reading_dpi_; }
  Result<std::vector<OcrWord>> RecognizeBlock(const RasterView& block, int time_left_ms) override {
    views.push_back(block);
    if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    if (time_left_ms < 0) return TimedOut("block");
    // Where the view starts: in the page when it is given as it is; otherwise only its size
    // tells (the page was reduced).
    const bool as_is = reading_dpi_ == 0;
    const size_t offset = as_is ? static_cast<size_t>(block.pixels - page_.pixels.data()) : 0;
    const int x = as_is ? static_cast<int>(offset % block.stride) : 0;
    const std::string where = x < page_.width / 4 ? "left" : "right";
    return std::vector<OcrWord>{Word{where, Box{10, 20, 110, 50}, 90, 0, 0},
                                Word{"column", Box{10, 80, 150, 110}, 80, 1, 0}};
  }
  std::vector<RasterView> views;
  int delay_ms = 0;

 private:
  const Raster& page_;
  int reading_dpi_;
};

TEST(RecognizePage, TwoColumnsAreReadLeftThenRightWithWordsInThePagesPixels) {
  const Raster page = TwoColumnPage();
  WhereEngine engine(page, 0);
  Result<OcrReading> reading = RecognizePage(engine, page, 0);
  ASSERT_TRUE(reading.ok()) << reading.status().ToString();
  ASSERT_EQ(engine.views.size(), 2u) << "one block per column";
  EXPECT_EQ(reading->text, "left\ncolumn\n\nright\ncolumn");
  ASSERT_EQ(reading->words.size(), 4u);
  // The right column's words, in the page's pixels, numbered after the left column's.
  const OcrWord& right = reading->words[2];
  EXPECT_GT(right.box.x0, 1140) << "past the left column's ink";
  EXPECT_EQ(right.line, 2);
  EXPECT_EQ(right.block, 1);
  EXPECT_EQ(reading->words[3].line, 3);
  EXPECT_DOUBLE_EQ(reading->confidence, 85);
}

TEST(RecognizePage, AFinerPageIsReducedOnceToTheEnginesResolution) {
  const Raster page = TwoColumnPage();
  WhereEngine engine(page, 150);
  Result<OcrReading> reading = RecognizePage(engine, page, 0);
  ASSERT_TRUE(reading.ok());
  ASSERT_FALSE(engine.views.empty());
  EXPECT_EQ(engine.views[0].dpi, 150);
  EXPECT_LE(engine.views[0].height, page.height / 2 + 1);
  // A word the engine put at 10..110 of its half-size view is at 20..220 of the page's pixels.
  EXPECT_EQ(reading->words[0].box.x1 - reading->words[0].box.x0, 200);
}

TEST(RecognizePage, OneDeadlineForTheWholePage) {
  const Raster page = TwoColumnPage();
  WhereEngine engine(page, 0);
  engine.delay_ms = 30;
  Result<OcrReading> reading = RecognizePage(engine, page, 20);
  ASSERT_FALSE(reading.ok());
  EXPECT_EQ(reading.status().code(), StatusCode::kTimedOut);
  EXPECT_EQ(engine.views.size(), 1u) << "the second column is not begun past the deadline";
}

TEST(RecognizePage, AnEmptyPageIsAnError) {
  Raster empty;
  WhereEngine engine(empty, 0);
  EXPECT_EQ(RecognizePage(engine, empty, 0).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace luutru::ocr
