// The second opinion: a page read with low confidence is read again with other cleanups and
// the best reading kept.
#include "ingest/page_reader.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace luutru::ingest {
namespace {

// An engine that is sure only when the page's dark marker is in the top-left quarter, i.e.
// when the page is the right way up; it says which way it saw it.
class MarkerEngine : public ocr::OcrEngine {
 public:
  Result<std::vector<ocr::OcrWord>> RecognizeBlock(const ocr::RasterView& page, int) override {
    ++calls;
    bool upright =
        page.pixels[static_cast<size_t>(page.height / 8) * page.stride + page.width / 8] < 128;
    const float confidence = upright ? 95.0f : 35.0f;
    // A page of text: a line of words, the first saying which way up the page was seen.
    std::vector<ocr::OcrWord> words(static_cast<size_t>(words_on_page),
                                    Word{"chữ", Box{10, 10, 60, 40}, confidence, 0, 0});
    words.front().text = upright ? "đúng" : "ngược";
    return words;
  }
  int calls = 0;
  int words_on_page = 12;
};

// A detector that misses the turn: it always says "upright".
class WrongDetector : public ocr::OrientationDetector {
 public:
  Result<ocr::Orientation> Detect(const Raster&) override { return ocr::Orientation{0, 20}; }
};

PageJob UpsideDownPage() {
  PageJob job;
  job.number = 3;
  job.image.width = 800;
  job.image.height = 1000;
  job.image.dpi = 300;
  job.image.pixels.assign(800 * 1000, 255);
  // The marker sits bottom-right: the page is upside down.
  for (int y = 860; y < 890; ++y) {
    for (int x = 680; x < 720; ++x) job.image.pixels[static_cast<size_t>(y) * 800 + x] = 0;
  }
  return job;
}

ocr::CleanupOptions Plain() {
  ocr::CleanupOptions options;
  options.normalize_background = false;
  options.remove_borders = false;
  options.deskew = false;
  return options;
}

TEST(PageReaderTest, UnsureReadingIsRetriedTurnedAndTheBestKept) {
  auto engine = std::make_unique<MarkerEngine>();
  MarkerEngine* seen = engine.get();
  PageReader reader{std::move(engine), std::make_unique<WrongDetector>()};
  PageText page = ReadPage(reader, UpsideDownPage(), Plain(), /*retry_below=*/70);
  EXPECT_EQ(page.text.rfind("đúng chữ", 0), 0u) << page.text;
  EXPECT_EQ(page.rotation, 180);
  EXPECT_EQ(page.confidence, 95);
  EXPECT_EQ(page.number, 3);
  // As it lies (35), as the detector says (still 35), turned 180° (95): then it stops.
  EXPECT_EQ(seen->calls, 3) << "stops retrying once sure";
}

// A detector that knows.
class RightDetector : public ocr::OrientationDetector {
 public:
  Result<ocr::Orientation> Detect(const Raster&) override { return ocr::Orientation{180, 20}; }
};

TEST(PageReaderTest, TheMottoIsSpelledAsPrintedInWordsAndText) {
  class MottoEngine : public ocr::OcrEngine {
   public:
    Result<std::vector<ocr::OcrWord>> RecognizeBlock(const ocr::RasterView&, int) override {
      std::vector<ocr::OcrWord> words;
      int x = 0;
      for (const char* w : {"UBND", "TỈNH"})
        words.push_back(Word{w, Box{x, 0, x += 50, 30}, 95, 0, 0});
      for (const char* w : {"CỘNG", "HÒA", "XÃ", "HỌI", "CHỦ", "NGHĨA", "VIỆT", "NAM"}) {
        words.push_back(Word{w, Box{x, 40, x += 50, 70}, 95, 1, 0});
      }
      for (int i = 0; i < 10; ++i) words.push_back(Word{"nội", Box{0, 100, 40, 130}, 95, 2, 0});
      return words;
    }
  };
  PageReader reader{std::make_unique<MottoEngine>(), nullptr};
  PageText page = ReadPage(reader, UpsideDownPage(), Plain(), 70, false);
  EXPECT_EQ(page.text.rfind("UBND TỈNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nnội", 0), 0u)
      << page.text;
  EXPECT_EQ(page.words[5].text, "HỘI");
}

TEST(PageReaderTest, APageOfAFewWordsIsNotRetried) {
  // A blank back with a seal showing through: a few words at low confidence, whichever way up.
  PageReader reader;
  auto engine = std::make_unique<MarkerEngine>();
  engine->words_on_page = 3;
  MarkerEngine* seen = engine.get();
  reader.engine = std::move(engine);
  PageText page = ReadPage(reader, UpsideDownPage(), Plain(), 70, false);
  EXPECT_EQ(seen->calls, 1);
  EXPECT_TRUE(page.error.empty());
}

TEST(PageReaderTest, DetectorIsAskedOnlyWhenTheReadingIsUnsure) {
  auto engine = std::make_unique<MarkerEngine>();
  MarkerEngine* seen = engine.get();
  PageReader reader{std::move(engine), std::make_unique<RightDetector>()};
  PageText page = ReadPage(reader, UpsideDownPage(), Plain(), /*retry_below=*/70);
  EXPECT_EQ(page.rotation, 180);
  EXPECT_EQ(page.confidence, 95);
  EXPECT_EQ(seen->calls, 2) << "as it lies, then as the detector says";
}

TEST(PageReaderTest, SureReadingIsNotRetried) {
  auto engine = std::make_unique<MarkerEngine>();
  MarkerEngine* seen = engine.get();
  PageReader reader{std::move(engine), nullptr};
  PageJob job = UpsideDownPage();
  PageText page = ReadPage(reader, job, Plain(), /*retry_below=*/0);
  EXPECT_EQ(page.text.rfind("ngược chữ", 0), 0u) << page.text;
  EXPECT_EQ(seen->calls, 1);
}

TEST(PageReaderTest, CleanupFailureIsThePagesError) {
  PageReader reader{std::make_unique<MarkerEngine>(), nullptr};
  PageText page = ReadPage(reader, PageJob{}, Plain(), 70);
  EXPECT_FALSE(page.error.empty());
  EXPECT_EQ(page.method, TextMethod::kNone);
}

PageText Reading(TextMethod method, std::string text) {
  PageText page;
  page.number = 2;
  page.method = method;
  page.text = std::move(text);
  return page;
}

TEST(PageReaderTest, ADoubtfulTextLayerGivesWayToAMoreVietnameseReading) {
  const PageText layer = Reading(TextMethod::kTextLayer,
                                 "Cãn cừ Nghỉ định sổ 30 ngầy 05 thắng 3 nẳm 2020 cũa Chính phủ");
  const PageText read =
      Reading(TextMethod::kOcr, "Căn cứ Nghị định số 30 ngày 05 tháng 3 năm 2020 của Chính phủ");
  EXPECT_EQ(MoreVietnamese(read, layer).method, TextMethod::kOcr);
  // A worse reading keeps the layer, and so does a page that could not be read.
  const PageText poor =
      Reading(TextMethod::kOcr, "Cän cü Nghi dirh sõ 30 ngáy 05 thămg 3 nấm 2020 cùa Chỉnh phũ");
  EXPECT_EQ(MoreVietnamese(poor, layer).method, TextMethod::kTextLayer);
  PageText failed = read;
  failed.error = "OCR failed";
  EXPECT_EQ(MoreVietnamese(failed, layer).method, TextMethod::kTextLayer);
}

}  // namespace
}  // namespace luutru::ingest

namespace luutru::ingest {
namespace {

// The page reading split a date line in two engine lines, with a speck across it; every other
// scale reads the line whole.
class SplitDateLineEngine : public ocr::OcrEngine {
 public:
  Result<std::vector<ocr::OcrWord>> RecognizeBlock(const ocr::RasterView&, int) override {
    std::vector<ocr::OcrWord> words;
    words.push_back(Word{"Hưng", Box{300, 100, 360, 130}, 95, 0, 0});
    int x = 370;
    for (const char* w : {"Yên,", "ngày;", "tháng", "2", "năm", "2006"}) {
      words.push_back(Word{w, Box{x, 100, x + 50, 130}, 90, 1, 0});
      x += 60;
    }
    words.push_back(Word{"p:", Box{500, 80, 510, 115}, 0, 0, 0});  // a speck, read as letters
    for (int i = 0; i < 10; ++i) words.push_back(Word{"nội", Box{100, 400, 140, 430}, 95, 2, 0});
    return words;
  }
  Result<ocr::OcrReading> RecognizeLine(const Raster& line) override {
    ocr::OcrReading r{"Hưng Yên, ngày 3 tháng 2 năm 2006", 96, {}};
    int x = 5;
    for (const char* w : {"Hưng", "Yên,", "ngày", "3", "tháng", "2", "năm", "2006"}) {
      r.words.push_back(Word{w, Box{x, 5, x + 20, line.height - 5}, 96, 0, 0});
      x += 25;
    }
    return r;
  }
};

TEST(PageReaderTest, AKeyLineReadAgainReplacesEveryWordUnderItAndTheSpecksAcrossIt) {
  PageReader reader{std::make_unique<SplitDateLineEngine>(), nullptr};
  PageJob first_page = UpsideDownPage();
  first_page.number = 1;  // the header's lines are the first page's
  PageText page = ReadPage(reader, first_page, Plain(), /*retry_below=*/0);
  std::vector<std::string> texts;
  for (const Word& w : page.words) texts.push_back(w.text);
  EXPECT_NE(std::find(texts.begin(), texts.end(), "3"), texts.end()) << page.text;
  EXPECT_EQ(std::find(texts.begin(), texts.end(), "ngày;"), texts.end())
      << "the old reading is gone";
  EXPECT_EQ(std::find(texts.begin(), texts.end(), "p:"), texts.end()) << "and the speck across it";
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "2006"), 1);
}

}  // namespace
}  // namespace luutru::ingest
