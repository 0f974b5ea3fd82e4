// The loaders on the samples and on odd PDFs the tests write themselves (pdf_fixtures.h):
// encrypted, broken, a decompression bomb, a font without a Unicode mapping. Every file of
// ../shared/realworld goes through the loaders in e2e.realworld and asan.loaders.realworld.
#include "ingest/page_source.h"

#include <gtest/gtest.h>

#include "pdf_fixtures.h"
#include "test_util.h"

namespace luutru::ingest {
namespace {

using testing::SamplesDir;
using testing::TempDir;

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
  TempDir dir;
  auto path = dir / "locked.pdf";
  ASSERT_TRUE(testing::WriteTextPdf(path, "Cong van so 12", "openpassword").ok());
  auto locked = Open(path);
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.status().code(), StatusCode::kEncrypted);
  EXPECT_NE(locked.status().message().find("--password-file"), std::string::npos);
  auto opened = Open(path, {.pdf_password = "openpassword"});
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_GE((*opened)->page_count(), 1);
}

TEST(PageSourceTest, BrokenPdfIsCorrupt) {
  TempDir dir;
  ASSERT_TRUE(testing::WriteBrokenPdf(dir / "invalid.pdf").ok());
  auto source = Open(dir / "invalid.pdf");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), StatusCode::kCorrupt);
}

TEST(PageSourceTest, DecompressionBombPageIsRenderedWithinThePixelBudget) {
  // 8400x8400 pt page holding a 35000x35000 bitonal image.
  TempDir dir;
  ASSERT_TRUE(testing::WriteBombPdf(dir / "bomb.pdf").ok());
  auto source = Open(dir / "bomb.pdf", {.max_page_pixels = 20'000'000});
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
  TempDir dir;
  ASSERT_TRUE(testing::WriteType3NoUnicodePdf(dir / "type3.pdf").ok());
  auto source = Open(dir / "type3.pdf");
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
