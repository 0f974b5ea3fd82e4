#include "ocr/cleanup.h"

#include <gtest/gtest.h>

namespace luutru::ocr {
namespace {

Raster Gray(int w, int h, int dpi, std::uint8_t value) {
  Raster r;
  r.width = w;
  r.height = h;
  r.dpi = dpi;
  r.pixels.assign(static_cast<size_t>(w) * h, value);
  return r;
}

TEST(CleanupTest, LowResolutionPagesAreEnlargedByAWholeFactorWithoutBlur) {
  auto cleaned = CleanPage(Gray(1240, 1754, 150, 255), {});
  ASSERT_TRUE(cleaned.ok());
  EXPECT_EQ(cleaned->image.dpi, 300);
  EXPECT_EQ(cleaned->image.width, 2480);
  EXPECT_EQ(cleaned->image.height, 3508);
  // 72 dpi: three times; 200 dpi is left as it is.
  auto coarse = CleanPage(Gray(595, 842, 72, 255), {});
  ASSERT_TRUE(coarse.ok());
  EXPECT_EQ(coarse->image.dpi, 216);
  EXPECT_EQ(coarse->image.width, 3 * 595);
  auto fine = CleanPage(Gray(1654, 2339, 200, 255), {});
  ASSERT_TRUE(fine.ok());
  EXPECT_EQ(fine->image.width, 1654);
  // Each pixel repeated: a one-pixel dot becomes a 2x2 block of the same gray, no new grays.
  Raster dot = Gray(400, 400, 100, 255);
  dot.pixels[static_cast<size_t>(200) * 400 + 200] = 0;
  CleanupOptions plain;
  plain.normalize_background = plain.denoise = plain.remove_borders = plain.deskew = false;
  auto doubled = CleanPage(dot, plain);
  ASSERT_TRUE(doubled.ok());
  ASSERT_EQ(doubled->image.width, 800);
  int dark = 0, other = 0;
  for (uint8_t v : doubled->image.pixels) {
    dark += v == 0;
    other += v != 0 && v != 255;
  }
  EXPECT_EQ(dark, 4);
  EXPECT_EQ(other, 0);
}

TEST(CleanupTest, ThreeHundredDpiPagesKeepTheirSize) {
  auto cleaned = CleanPage(Gray(2480, 3508, 300, 255), {});
  ASSERT_TRUE(cleaned.ok());
  EXPECT_EQ(cleaned->image.width, 2480);
  EXPECT_EQ(cleaned->image.dpi, 300);
}

TEST(CleanupTest, ColourBecomesGray) {
  Raster rgb;
  rgb.width = 400;
  rgb.height = 300;
  rgb.channels = 3;
  rgb.pixels.assign(400 * 300 * 3, 200);
  auto cleaned = CleanPage(rgb, {});
  ASSERT_TRUE(cleaned.ok());
  EXPECT_EQ(cleaned->image.channels, 1);
  EXPECT_EQ(cleaned->image.pixels.size(), 400u * 300u);
}

TEST(CleanupTest, UnevenLightingIsFlattenedAndTextKept) {
  // Paper that darkens from 250 (left) to 120 (right), with a black bar of "text" in the middle.
  Raster page = Gray(1200, 800, 300, 0);
  for (int y = 0; y < 800; ++y) {
    for (int x = 0; x < 1200; ++x) {
      bool ink = y >= 390 && y < 400 && x >= 100 && x < 1100;
      page.pixels[y * 1200 + x] = ink ? 20 : static_cast<std::uint8_t>(250 - 130 * x / 1200);
    }
  }
  auto cleaned = CleanPage(page, {});
  ASSERT_TRUE(cleaned.ok());
  const auto& p = cleaned->image.pixels;
  EXPECT_GT(p[100 * 1200 + 1150], 230) << "dark paper on the right becomes white";
  EXPECT_GT(p[100 * 1200 + 50], 230);
  EXPECT_LT(p[395 * 1200 + 1000], 100) << "text stays dark";
}

TEST(CleanupTest, SealLineIsWipedAndTheStrokeUnderItJoined) {
  // White paper, a black vertical stroke (a letter's stem), and a red seal line 8 px thick
  // drawn across it and across empty paper.
  Raster page;
  page.width = 600;
  page.height = 400;
  page.channels = 3;
  page.dpi = 300;
  page.pixels.assign(600 * 400 * 3, 255);
  auto paint = [&](int x, int y, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    std::uint8_t* px = &page.pixels[(static_cast<size_t>(y) * 600 + x) * 3];
    px[0] = r;
    px[1] = g;
    px[2] = b;
  };
  for (int y = 100; y < 300; ++y) {
    for (int x = 290; x < 300; ++x) paint(x, y, 10, 10, 10);
  }
  for (int y = 196; y < 204; ++y) {
    for (int x = 50; x < 550; ++x) paint(x, y, 200, 30, 30);
  }
  auto cleaned = CleanPage(page, {});
  ASSERT_TRUE(cleaned.ok());
  const auto& p = cleaned->image.pixels;
  EXPECT_GT(p[200 * 600 + 100], 230) << "the seal line on paper is gone";
  EXPECT_GT(p[200 * 600 + 500], 230);
  EXPECT_LT(p[200 * 600 + 295], 100) << "the stem under the seal line is whole again";
  EXPECT_GT(p[200 * 600 + 310], 230) << "and not widened along the line";
}

TEST(CleanupTest, EmptyImageIsAnError) {
  EXPECT_FALSE(CleanPage(Raster{}, {}).ok());
}

}  // namespace
}  // namespace luutru::ocr
