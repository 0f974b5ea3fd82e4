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

Result<std::unique_ptr<PageSource>> Open(const std::filesystem::path& path,
                                         LoadOptions options = {}) {
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

TEST(PageSourceTest, TiffPagesAreFoundInAnyOrder) {
  auto source = Open(SamplesDir() / "tb-lich-tiep-cong-dan.tif");
  ASSERT_TRUE(source.ok());
  auto second = (*source)->LoadPage(1);
  auto first = (*source)->LoadPage(0);
  auto second_again = (*source)->LoadPage(1);
  ASSERT_TRUE(first.ok() && second.ok() && second_again.ok());
  EXPECT_EQ(second->number, 2);
  EXPECT_EQ(first->number, 1);
  EXPECT_EQ(second->image.pixels, second_again->image.pixels);
  EXPECT_NE(first->image.pixels, second->image.pixels);
  EXPECT_EQ((*source)->LoadPage(2).status().code(), StatusCode::kCorrupt) << "no third page";
}

TEST(PageSourceTest, ColourJpegStaysColour) {
  auto source = Open(SamplesDir() / "kh-phong-chay-chua-chay.jpg");
  ASSERT_TRUE(source.ok());
  auto page = (*source)->LoadPage(0);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->image.channels, 3);
  EXPECT_EQ(page->image.pixels.size(),
            static_cast<size_t>(page->image.width) * page->image.height * 3);
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

TEST(PageSourceTest, AFewLinesOfTextOverAScanAreNotThePagesText) {
  TempDir dir;
  const std::string caption =
      "Signed by: Van phong Uy ban nhan dan tinh Thu nghiem, 2025-02-07 07:56";
  ASSERT_TRUE(testing::WriteCaptionedScanPdf(dir / "scan.pdf", caption).ok());
  auto page = Open(dir / "scan.pdf")->get()->LoadPage(0);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_FALSE(page->has_text);
  EXPECT_NE(page->note.find("covers"), std::string::npos) << page->note;
  EXPECT_FALSE(page->image.empty());

  // --ocr never keeps whatever layer there is; the same caption on a page of nothing else is
  // the page's text.
  LoadOptions never;
  never.ocr = OcrPolicy::kNever;
  auto kept = Open(dir / "scan.pdf", never)->get()->LoadPage(0);
  ASSERT_TRUE(kept.ok());
  EXPECT_TRUE(kept->has_text);
  EXPECT_NE(kept->text.find("Signed by"), std::string::npos);
  ASSERT_TRUE(testing::WriteTextPdf(dir / "caption.pdf", caption).ok());
  auto alone = Open(dir / "caption.pdf")->get()->LoadPage(0);
  ASSERT_TRUE(alone.ok());
  EXPECT_TRUE(alone->has_text) << alone->note;
}

TEST(PageSourceTest, AScanCoarserThanTheRenderingIsRenderedAsScanned) {
  TempDir dir;
  ASSERT_TRUE(testing::WriteScanPdf(dir / "150.pdf", 1240, 1754).ok());
  auto coarse = Open(dir / "150.pdf")->get()->LoadPage(0);
  ASSERT_TRUE(coarse.ok()) << coarse.status().ToString();
  EXPECT_EQ(coarse->image.dpi, 150);
  EXPECT_NEAR(coarse->image.width, 1240, 2);
  // A finer scan is rendered at --dpi as before, and so is a page that is not one image.
  ASSERT_TRUE(testing::WriteScanPdf(dir / "400.pdf", 3307, 4677).ok());
  auto fine = Open(dir / "400.pdf")->get()->LoadPage(0);
  ASSERT_TRUE(fine.ok());
  EXPECT_EQ(fine->image.dpi, 300);
  ASSERT_TRUE(testing::WriteScanPdf(dir / "strip.pdf", 1240, 400).ok());
  auto strip = Open(dir / "strip.pdf")->get()->LoadPage(0);
  ASSERT_TRUE(strip.ok());
  EXPECT_EQ(strip->image.dpi, 300);
}

TEST(PageSourceTest, ForcedOcrRendersABornDigitalPage) {
  LoadOptions force;
  force.ocr = OcrPolicy::kForce;
  auto source = Open(SamplesDir() / "cv-chuyen-doi-so.pdf", force);
  ASSERT_TRUE(source.ok());
  auto page = (*source)->LoadPage(0);
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->has_text);
  EXPECT_EQ(page->image.dpi, 300);
  EXPECT_EQ(page->note, "--ocr force");
}

TEST(ContentScannerTest, CountsOnlyTheOperatorsDrawingSavesState) {
  struct Case {
    std::string content;
    int deepest;
  };
  for (const Case& c : std::vector<Case>{{"q Q q q", 2},
                                         {"q\nq\rq\tQ", 3},
                                         {"(q q q) Tj", 0},
                                         {"(a \\) q ( q ) q) Tj q", 1},
                                         {"/q 1 def /Q", 0},
                                         {"% q q q\nq", 1},
                                         {"<71> q", 1},
                                         {"<< /q 1 >> BDC q", 1},
                                         {std::string("BI /W 1 /H 1 ID \0q q q EI q", 27), 1},
                                         {"qq QQ q", 1}}) {
    ContentScanner scanner;
    scanner.Feed(c.content.data(), c.content.size());
    scanner.Finish();
    EXPECT_EQ(scanner.deepest(), c.deepest) << c.content;
  }
  ContentScanner split;  // a stream arrives in pieces
  for (char ch : std::string("q q (x) q Q")) split.Feed(&ch, 1);
  split.Finish();
  EXPECT_EQ(split.deepest(), 3);
}

TEST(PageSourceTest, NestedGraphicsStatesAreRefusedBeforePopplerDrawsThePage) {
  // 600,000 nested `q` in 2 KB took 3 GB of Poppler's memory; refused at the limit instead.
  TempDir dir;
  std::string nested;
  for (int i = 0; i < 20'000; ++i) nested += "q ";
  ASSERT_TRUE(testing::WriteContentPdf(dir / "nested.pdf", nested).ok());
  auto source = Open(dir / "nested.pdf");
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  auto page = (*source)->LoadPage(0);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kTooLarge);
  EXPECT_NE(page.status().message().find("nests"), std::string::npos) << page.status().message();

  std::string balanced;  // as deep as ever one level, however long
  for (int i = 0; i < 20'000; ++i) balanced += "q 1 0 0 1 0 0 cm Q ";
  ASSERT_TRUE(testing::WriteContentPdf(dir / "balanced.pdf", balanced).ok());
  EXPECT_TRUE((*Open(dir / "balanced.pdf"))->LoadPage(0).ok());
}

TEST(PageSourceTest, ADecompressionBombContentStreamIsRefused) {
  TempDir dir;
  ASSERT_TRUE(testing::WriteContentPdf(dir / "bomb.pdf", std::string(3 << 20, ' ')).ok());
  EXPECT_LT(std::filesystem::file_size(dir / "bomb.pdf"), 20'000u)
      << "kilobytes that decode to megabytes";
  LoadOptions options;
  options.content.max_bytes = 1 << 20;
  auto page = (*Open(dir / "bomb.pdf", options))->LoadPage(0);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kTooLarge);
  EXPECT_NE(page.status().message().find("decompression bomb"), std::string::npos);
}

TEST(PageSourceTest, APosterPageIsRenderedWithinTheRenderBudgetOrRefused) {
  // A blank 7000 x 7000 pt page rendered at 100 dpi took 7 GB and two minutes.
  TempDir dir;
  ASSERT_TRUE(testing::WriteContentPdf(dir / "poster.pdf", "", 7000, 7000).ok());
  auto huge = (*Open(dir / "poster.pdf"))->LoadPage(0);
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.status().code(), StatusCode::kTooLarge);
  ASSERT_TRUE(testing::WriteContentPdf(dir / "a0.pdf", "", 2384, 3370).ok());  // A0
  auto a0 = (*Open(dir / "a0.pdf"))->LoadPage(0);
  ASSERT_TRUE(a0.ok()) << a0.status().ToString();
  EXPECT_LE(static_cast<long long>(a0->image.width) * a0->image.height, 40'000'000);
  EXPECT_GE(a0->image.dpi, 100);
}

TEST(PageSourceTest, UnsupportedFormatNamesWhatIsTaken) {
  auto source = OpenPageSource("x.gif", FileFormat::kGif, {});
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(source.status().message().find("PDF, TIFF, PNG and JPEG"), std::string::npos);
}

}  // namespace
}  // namespace luutru::ingest
