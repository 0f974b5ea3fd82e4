#include "index/page_terms.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "index/schema.h"

namespace luutru::index {
namespace {

bool Has(const std::vector<Posting>& postings, const std::string& term, unsigned pos) {
  return std::any_of(postings.begin(), postings.end(),
                     [&](const Posting& p) { return p.term == term && p.position == pos; });
}

TEST(TextPostingsTest, ExactAndFoldedFormsShareAPosition) {
  std::vector<Posting> p = TextPostings("QUYẾT ĐỊNH về việc");
  EXPECT_TRUE(Has(p, "quyết", 1));
  EXPECT_TRUE(Has(p, "XFquyet", 1));
  EXPECT_TRUE(Has(p, "định", 2));
  EXPECT_TRUE(Has(p, "XFdinh", 2));
  EXPECT_TRUE(Has(p, "việc", 4));
  EXPECT_TRUE(Has(p, "XFviec", 4));
  EXPECT_EQ(p.size(), 8u);
}

TEST(TextPostingsTest, NfdTextIndexesAsNfc) {
  std::vector<Posting> p = TextPostings("quye\xCC\x82\xCC\x81t");  // quyết in NFD
  EXPECT_TRUE(Has(p, "quyết", 1));
}

TEST(TextPostingsTest, OverlongWordsKeepTheirPlaceButAreNotIndexed) {
  std::string noise(100, 'x');
  std::vector<Posting> p = TextPostings("một " + noise + " hai");
  EXPECT_TRUE(Has(p, "một", 1));
  EXPECT_TRUE(Has(p, "hai", 3));
  EXPECT_EQ(p.size(), 4u);
}

TEST(FieldTermsTest, RecordFieldsBecomeFoldedBooleanTerms) {
  Record r;
  r.metadata.doc_type = "QUYẾT ĐỊNH";
  r.metadata.number = "12/2023/QĐ-UBND";
  r.metadata.date = "2023-03-15";
  r.metadata.agency = "SỞ  NỘI VỤ";
  PageText ocr, layer, ocr_again;
  ocr.method = ocr_again.method = TextMethod::kOcr;
  layer.method = TextMethod::kTextLayer;
  r.pages = {ocr, layer, ocr_again};
  std::vector<std::string> terms = FieldTerms(r);
  auto has = [&](const std::string& t) {
    return std::find(terms.begin(), terms.end(), t) != terms.end();
  };
  EXPECT_TRUE(has("XTquyet dinh"));
  EXPECT_TRUE(has("XN12/2023/qd-ubnd"));
  EXPECT_TRUE(has("XY2023"));
  EXPECT_TRUE(has("XAso noi vu"));
  EXPECT_TRUE(has("XMocr"));
  EXPECT_TRUE(has("XMtext-layer")) << "each way the record's pages were read";
  EXPECT_EQ(std::count(terms.begin(), terms.end(), "XMocr"), 1);
  EXPECT_FALSE(has("XS"));  // empty fields give no term
}

// What a text writes out, as terms: an abbreviation of the built-in list either way (as offices
// write it: capitals, or no syllable), a date in words.
TEST(WrittenTermsTest, AbbreviationsEitherWayAndDatesInWords) {
  auto has = [](const std::vector<std::string>& terms, const std::string& term) {
    return std::find(terms.begin(), terms.end(), term) != terms.end();
  };
  const std::string ubnd = std::string(kPrefixAbbreviation) + "ubnd";
  EXPECT_TRUE(has(WrittenTerms("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"), ubnd));
  EXPECT_TRUE(has(WrittenTerms("Căn cứ văn bản của UBND tỉnh"), ubnd));
  EXPECT_TRUE(has(WrittenTerms("Số: 12/2023/QĐ-UBND"), ubnd));
  EXPECT_TRUE(has(WrittenTerms("Số: 12/2023/QĐ-UBND"), std::string(kPrefixAbbreviation) + "qđ"));
  EXPECT_FALSE(has(WrittenTerms("ủy ban nhân"), ubnd)) << "the long form whole";
  const std::string tu = std::string(kPrefixAbbreviation) + "tu";
  EXPECT_TRUE(has(WrittenTerms("Số 123-QĐ/TU"), tu));
  EXPECT_TRUE(has(WrittenTerms("BAN THƯỜNG VỤ TỈNH ỦY"), tu));
  EXPECT_FALSE(has(WrittenTerms("Ông Tu và bà Tư"), tu)) << "a name, a syllable";

  const std::vector<std::string> dates = WrittenTerms("Hà Nội, ngày 05 tháng 01 năm 2022");
  EXPECT_TRUE(has(dates, std::string(kPrefixWrittenDate) + "20220105"));
  EXPECT_TRUE(has(dates, std::string(kPrefixWrittenDate) + "202201"));
  EXPECT_TRUE(
      has(WrittenTerms("trong tháng 3 năm 2001"), std::string(kPrefixWrittenDate) + "200103"));
  EXPECT_TRUE(WrittenTerms("ngày 31 tháng 02 năm 2022").empty()) << "no such day";
  EXPECT_TRUE(WrittenTerms("tháng 13 năm 2022").empty());
}

// A range of dates as the fewest terms: whole years, whole months, the other days.
TEST(RecordDateCoverTest, WholeYearsMonthsAndTheDaysLeft) {
  const std::string e(kPrefixRecordDate);
  EXPECT_EQ(RecordDateCover("20230315", "20230315", 400),
            (std::vector<std::string>{e + "20230315"}));
  EXPECT_EQ(RecordDateCover("20240101", "20240331", 400),
            (std::vector<std::string>{e + "202401", e + "202402", e + "202403"}));
  EXPECT_EQ(RecordDateCover("20221230", "20240201", 400),
            (std::vector<std::string>{e + "20221230", e + "20221231", e + "2023", e + "202401",
                                      e + "20240201"}));
  EXPECT_EQ(RecordDateCover("20240201", "20240229", 400), (std::vector<std::string>{e + "202402"}))
      << "a leap year's February whole";
  EXPECT_TRUE(RecordDateCover("", "20240101", 400).empty()) << "open: the dates' values";
  EXPECT_TRUE(RecordDateCover("20240101", "99999999", 400).empty());
  EXPECT_EQ(RecordDateCover("20240101", "20240131", 3).size(), 1u) << "one month";
  EXPECT_TRUE(RecordDateCover("20240101", "20240115", 3).empty()) << "fifteen days: too many";
  EXPECT_EQ(RecordDateTerms({2025, 2, 0}),
            (std::vector<std::string>{e + "2025", e + "202502", e + "20250201"}))
      << "a day not read counts as the first";
}

}  // namespace
}  // namespace luutru::index
