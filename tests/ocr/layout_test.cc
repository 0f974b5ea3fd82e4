// Reading order of a Decree 30 page, drawn as word-shaped ink.
#include "ocr/layout.h"

#include <gtest/gtest.h>

namespace luutru::ocr {
namespace {

// An A4 page at 300 dpi; text lines drawn as words of ink (100 x 30 px, 25 px apart).
struct DrawnPage {
  Raster page;
  DrawnPage() {
    page.width = 2480;
    page.height = 3508;
    page.dpi = 300;
    page.pixels.assign(static_cast<size_t>(page.width) * page.height, 255);
  }
  void Line(int x0, int x1, int y) {
    for (int x = x0; x + 100 <= x1; x += 125) {
      for (int yy = y; yy < y + 30; ++yy) {
        for (int xx = x; xx < x + 100; ++xx)
          page.pixels[static_cast<size_t>(yy) * page.width + xx] = 0;
      }
    }
  }
};

TEST(ReadingRegionsTest, TheBodysShortLastLineIsReadBeforeTheSignature) {
  DrawnPage d;
  for (int y : {200, 260, 320}) {
    d.Line(200, 900, y);    // issuing body, number
    d.Line(1300, 2200, y);  // motto, place and date
  }
  for (int y = 500; y < 1640; y += 60) d.Line(200, 2280, y);   // the body
  d.Line(200, 700, 1700);                                      // its last line, short
  for (int y : {1800, 1860, 2100}) d.Line(1400, 2100, y);      // the signature block
  for (int y : {1800, 1860, 1920, 1980}) d.Line(200, 800, y);  // the recipients
  const std::vector<Box> regions = ReadingRegions(d.page);
  ASSERT_EQ(regions.size(), 5u);
  const Box& body = regions[2];
  EXPECT_LT(body.y0, 500);
  EXPECT_GT(body.y1, 1730) << "the short last line is the body's";
  EXPECT_LT(body.y1, 1800) << "the footer is not";
  EXPECT_GT(regions[3].x0, 1000) << "signature, then recipients";
  EXPECT_LT(regions[4].x1, 1400);
}

TEST(ReadingRegionsTest, APageWithoutColumnsIsOneRegion) {
  DrawnPage d;
  for (int y = 300; y < 3000; y += 60) d.Line(200, 2280, y);
  const std::vector<Box> regions = ReadingRegions(d.page);
  ASSERT_EQ(regions.size(), 1u);
  EXPECT_EQ(regions[0], (Box{0, 0, 2480, 3508}));
}

}  // namespace
}  // namespace luutru::ocr
