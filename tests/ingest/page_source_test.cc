// The loaders on real files: the samples, and odd real-world files from ../shared/realworld.
#include "ingest/page_source.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace luutru::ingest {
namespace {

using testing::RealWorld;
using testing::SamplesDir;

Result<std::unique_ptr<PageSource>> Open(const std::filesystem::path& path, LoadOptions options = {}) {
  return OpenPageSource(path, SniffFile(path), options);
}

TEST(PageSourceTest, BornDigitalPdfGivesItsTextLayer) {
  auto source = Open(SamplesDir() / "cv-chuyen-doi-so.pdf");
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  ASSERT_EQ((*source)->page_count(), 1);
  auto page = (*source)->LoadPage(0);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->has_text);
  EXPECT_NE(page->text.find("chuyển đổi số"), std::string::npos);
  EXPECT_TRUE(page->image.empty());
}

TEST(PageSourceTest, ScannedPdfIsRenderedForOcrAt300Dpi) {
  auto source = Open(SamplesDir() / "bc-tong-ket-van-thu.pdf");
  ASSERT_TRUE(source.ok());
  auto page = (*source)->LoadPage(0);
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->has_text);
  EXPECT_EQ(page->image.dpi, 300);
  EXPECT_NEAR(page->image.width, 2480, 3);  // A4 at 300 dpi
  EXPECT_NEAR(page->image.height, 3508, 3);
}

TEST(PageSourceTest, MultiPageTiffHasEveryPageAndItsResolution) {
  auto source = Open(SamplesDir() / "tb-lich-tiep-cong-dan.tif");
  ASSERT_TRUE(source.ok());
  ASSERT_EQ((*source)->page_count(), 2);
  for (int i = 0; i < 2; ++i) {
    auto page = (*source)->LoadPage(i);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_EQ(page->number, i + 1);
    EXPECT_EQ(page->image.dpi, 300);
    EXPECT_EQ(page->image.channels, 1);
  }
}

TEST(PageSourceTest, ColourJpegStaysColour) {
  auto source = Open(SamplesDir() / "kh-phong-chay-chua-chay.jpg");
  ASSERT_TRUE(source.ok());
  auto page = (*source)->LoadPage(0);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->image.channels, 3);
  EXPECT_EQ(page->image.pixels.size(), static_cast<size_t>(page->image.width) * page->image.height * 3);
}

TEST(PageSourceTest, EncryptedPdfNeedsItsPassword) {
  auto path = RealWorld("pypdf-sample-files/005-libreoffice-writer-password.pdf");
  auto locked = Open(path);
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.status().code(), StatusCode::kEncrypted);
  EXPECT_NE(locked.status().message().find("--password-file"), std::string::npos);
  auto opened = Open(path, {.pdf_password = "openpassword"});
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_GE((*opened)->page_count(), 1);
}

TEST(PageSourceTest, BrokenPdfIsCorrupt) {
  auto source = Open(RealWorld("ocrmypdf-resources/invalid.pdf"));
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), StatusCode::kCorrupt);
}

TEST(PageSourceTest, DecompressionBombPageIsRenderedWithinThePixelBudget) {
  // 8400x8400 pt page holding a 35000x35000 bitonal image.
  auto source = Open(RealWorld("ocrmypdf-resources/hugemono.pdf"), {.max_page_pixels = 20'000'000});
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  auto page = (*source)->LoadPage(0);
  EXPECT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kTooLarge);
}

TEST(PageSourceTest, OversizedImageIsRefusedBeforeDecoding) {
  auto source = Open(SamplesDir() / "qd-so-hoa-tai-lieu.png", {.max_page_pixels = 1'000'000});
  ASSERT_TRUE(source.ok());
  auto page = (*source)->LoadPage(0);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kTooLarge);
  EXPECT_NE(page.status().message().find("--max-page-pixels"), std::string::npos);
}

TEST(PageSourceTest, FontsWithoutUnicodeMappingAreOcrd) {
  auto source = Open(RealWorld("ocrmypdf-resources/type3_font_nomapping.pdf"));
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  auto page = (*source)->LoadPage(0);
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->has_text) << page->text;
}

TEST(PageSourceTest, UnsupportedFormatNamesWhatIsTaken) {
  auto source = OpenPageSource("x.gif", FileFormat::kGif, {});
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(source.status().message().find("PDF, TIFF, PNG and JPEG"), std::string::npos);
}

}  // namespace
}  // namespace luutru::ingest
