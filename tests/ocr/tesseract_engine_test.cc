// The real Tesseract engine with the Debian `vie` model.
#include <gtest/gtest.h>

#include "ingest/page_source.h"
#include "ocr/cleanup.h"
#include "ocr/engine.h"
#include "ocr/page_ocr.h"
#include "test_util.h"

namespace luutru::ocr {
namespace {

Raster LoadFirstPage(const std::filesystem::path& path) {
  auto source = ingest::OpenPageSource(path, ingest::SniffFile(path), {});
  EXPECT_TRUE(source.ok()) << source.status().ToString();
  auto page = (*source)->LoadPage(0);
  EXPECT_TRUE(page.ok()) << page.status().ToString();
  return page->image;
}

TEST(TesseractEngineTest, ReadsTesseractsOwnVietnameseReferenceWord) {
  // tests/data/viet.tif (from tesseract-ocr/test): Tesseract's own tests expect exactly "tiếng".
  auto engine = CreateTesseractEngine({});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  auto reading = RecognizePage(**engine, LoadFirstPage(testing::DataDir() / "viet.tif"), 0);
  ASSERT_TRUE(reading.ok()) << reading.status().ToString();
  EXPECT_NE(reading->text.find("tiếng"), std::string::npos) << reading->text;
}

TEST(TesseractEngineTest, ReadsAVietnameseSampleScan) {
  auto engine = CreateTesseractEngine({});
  ASSERT_TRUE(engine.ok());
  auto cleaned = CleanPage(LoadFirstPage(testing::SamplesDir() / "qd-so-hoa-tai-lieu.png"), {});
  ASSERT_TRUE(cleaned.ok());
  auto reading = RecognizePage(**engine, cleaned->image, 0);
  ASSERT_TRUE(reading.ok());
  for (const char* phrase : {"QUYẾT ĐỊNH", "số hóa tài liệu lưu trữ", "Nguyễn Văn An"}) {
    EXPECT_NE(reading->text.find(phrase), std::string::npos) << phrase << "\n" << reading->text;
  }
  EXPECT_GT(reading->confidence, 80);
}

TEST(TesseractEngineTest, AReducedReadingGivesWordBoxesInThePagesPixels) {
  auto cleaned = CleanPage(LoadFirstPage(testing::SamplesDir() / "qd-so-hoa-tai-lieu.png"), {});
  ASSERT_TRUE(cleaned.ok());
  ASSERT_GT(cleaned->image.dpi, 150);
  auto reduced = CreateTesseractEngine({.reading_dpi = 150});
  auto own = CreateTesseractEngine({.reading_dpi = 0});
  ASSERT_TRUE(reduced.ok() && own.ok());
  auto small = RecognizePage(**reduced, cleaned->image, 0);
  auto full = RecognizePage(**own, cleaned->image, 0);
  ASSERT_TRUE(small.ok() && full.ok());
  EXPECT_NE(small->text.find("QUYẾT ĐỊNH"), std::string::npos) << small->text;
  // The same word is found in the same place of the page, whichever resolution read it.
  auto find = [](const OcrReading& r, const std::string& text) {
    for (const OcrWord& w : r.words) {
      if (w.text == text) return w.box;
    }
    return Box{};
  };
  const Box a = find(*small, "QUYẾT"), b = find(*full, "QUYẾT");
  ASSERT_GT(b.x1, 0) << full->text;
  EXPECT_NEAR(a.x0, b.x0, 6);
  EXPECT_NEAR(a.y0, b.y0, 6);
  EXPECT_NEAR(a.x1, b.x1, 6);
  EXPECT_NEAR(a.y1, b.y1, 6);
}

TEST(TesseractEngineTest, MissingModelNamesThePackage) {
  auto engine = CreateTesseractEngine({.tessdata_dir = "/nonexistent"});
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.status().code(), StatusCode::kMissingDependency);
  EXPECT_NE(engine.status().message().find("apt-get install tesseract-ocr-vie"), std::string::npos);
}

TEST(TesseractEngineTest, EmptyImageIsAnError) {
  auto engine = CreateTesseractEngine({});
  ASSERT_TRUE(engine.ok());
  EXPECT_FALSE(RecognizePage(**engine, Raster{}, 0).ok());
}

}  // namespace
}  // namespace luutru::ocr
