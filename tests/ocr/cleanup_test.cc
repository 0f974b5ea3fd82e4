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

TEST(CleanupTest, LowResolutionPagesAreUpsampledTo300Dpi) {
  auto cleaned = CleanPage(Gray(1240, 1754, 150, 255), {});
  ASSERT_TRUE(cleaned.ok());
  EXPECT_EQ(cleaned->image.dpi, 300);
  EXPECT_EQ(cleaned->image.width, 2480);
  EXPECT_EQ(cleaned->image.height, 3508);
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

TEST(CleanupTest, EmptyImageIsAnError) {
  EXPECT_FALSE(CleanPage(Raster{}, {}).ok());
}

}  // namespace
}  // namespace luutru::ocr
