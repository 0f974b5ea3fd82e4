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

// White paper of `width` x `height` pixels at 300 dpi, in colour, to paint on.
struct ColourPage {
  Raster page;
  ColourPage(int width, int height) {
    page.width = width;
    page.height = height;
    page.channels = 3;
    page.dpi = 300;
    page.pixels.assign(static_cast<size_t>(width) * height * 3, 255);
  }
  void Paint(int x, int y, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    std::uint8_t* px = &page.pixels[(static_cast<size_t>(y) * page.width + x) * 3];
    px[0] = r;
    px[1] = g;
    px[2] = b;
  }
};

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
  ColourPage sheet(600, 400);
  const Raster& page = sheet.page;
  auto paint = [&](int x, int y, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    sheet.Paint(x, y, r, g, b);
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
  // Where the colour was taken off, for a line under the seal to be read again.
  const Raster& off = cleaned->colour_taken_off;
  ASSERT_EQ(off.width, cleaned->image.width);
  ASSERT_EQ(off.height, cleaned->image.height);
  EXPECT_LT(off.pixels[200 * 600 + 100], 128) << "the seal line was taken off";
  EXPECT_GT(off.pixels[150 * 600 + 100], 128) << "paper was not";
  EXPECT_GT(off.pixels[150 * 600 + 295], 128) << "nor black ink";
  EXPECT_TRUE(CleanPage(Gray(600, 400, 300, 255), {})->colour_taken_off.empty())
      << "a gray page had no colour to take off";
}

// An A4 page at 300 dpi holding one text line of bold, nearly square capitals (each as full
// as a punch hole) 2 mm from the top edge, and a punch hole in the left margin.
TEST(CleanupTest, PunchHolesGoButBoldCapitalsAtTheEdgeStay) {
  Raster page = Gray(2480, 3508, 300, 255);
  auto fill = [&](int x0, int y0, int w, int h, std::uint8_t v) {
    for (int y = y0; y < y0 + h; ++y) {
      for (int x = x0; x < x0 + w; ++x) page.pixels[static_cast<size_t>(y) * 2480 + x] = v;
    }
  };
  for (int i = 0; i < 6; ++i) fill(900 + i * 70, 24, 52, 56, 20);  // "ĐÀO TẠO", bold and blurred
  const int hole_x = 60, hole_y = 1700, r = 40;                    // a hole of 6.8 mm
  for (int y = -r; y <= r; ++y) {
    for (int x = -r; x <= r; ++x) {
      if (x * x + y * y <= r * r)
        page.pixels[static_cast<size_t>(hole_y + y) * 2480 + hole_x + x] = 30;
    }
  }
  CleanupOptions only_borders;
  only_borders.normalize_background = only_borders.denoise = only_borders.deskew = false;
  auto cleaned = CleanPage(page, only_borders);
  ASSERT_TRUE(cleaned.ok());
  const auto& p = cleaned->image.pixels;
  EXPECT_GT(p[static_cast<size_t>(hole_y) * 2480 + hole_x], 200) << "the hole is paper";
  for (int i = 0; i < 6; ++i) {
    EXPECT_LT(p[static_cast<size_t>(50) * 2480 + 926 + i * 70], 100) << "capital " << i << " kept";
  }
}

// Below a signature: a red seal (a ring 40 mm across with letters inside), a blue signature
// stroke, and a red name stamp, a row of letters on paper. The name is what stays.
TEST(CleanupTest, ARedNameStampIsKeptAndTheSealAndSignatureGo) {
  ColourPage sheet(1200, 900);
  const Raster& page = sheet.page;
  auto paint = [&](int x, int y, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    sheet.Paint(x, y, r, g, b);
  };
  auto letter = [&](int x0, int y0, std::uint8_t r, std::uint8_t g,
                    std::uint8_t b) {  // a hollow "O"
    for (int y = y0; y < y0 + 40; ++y) {
      for (int x = x0; x < x0 + 30; ++x) {
        if (y < y0 + 6 || y >= y0 + 34 || x < x0 + 6 || x >= x0 + 24) paint(x, y, r, g, b);
      }
    }
  };
  const int cx = 300, cy = 300, r = 236;  // the seal: a ring, and letters inside it
  for (int y = cy - r; y <= cy + r; ++y) {
    for (int x = cx - r; x <= cx + r; ++x) {
      const int d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
      if (d2 <= r * r && d2 >= (r - 12) * (r - 12)) paint(x, y, 210, 40, 40);
    }
  }
  for (int i = 0; i < 5; ++i) letter(200 + i * 40, 280, 210, 40, 40);
  for (int x = 600; x < 1100; ++x) {  // a signature stroke
    for (int t = 0; t < 5; ++t) paint(x, 300 + (x - 600) / 5 + t, 40, 40, 200);
  }
  for (int i = 0; i < 8; ++i) letter(600 + i * 40, 700, 210, 40, 40);  // the name stamp
  auto cleaned = CleanPage(page, {});
  ASSERT_TRUE(cleaned.ok());
  const auto& p = cleaned->image.pixels;
  auto at = [&](int x, int y) { return p[static_cast<size_t>(y) * 1200 + x]; };
  for (int i = 0; i < 8; ++i)
    EXPECT_LT(at(603 + i * 40, 720), 128) << "letter " << i << " of the name";
  EXPECT_GT(at(cx + r - 6, cy), 230) << "the seal's ring is paper";
  EXPECT_GT(at(203, 300), 230) << "and the letters inside it";
  EXPECT_GT(at(800, 342), 230) << "the signature stroke is paper";
}

TEST(CleanupTest, EmptyImageIsAnError) { EXPECT_FALSE(CleanPage(Raster{}, {}).ok()); }

}  // namespace
}  // namespace luutru::ocr
