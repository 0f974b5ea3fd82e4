// The writer and the searcher together, on a real on-disk Xapian index.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "index/page_terms.h"
#include "index/schema.h"
#include "index/writer.h"
#include "search/searcher.h"
#include "test_util.h"

namespace luutru {
namespace {

using testing::MakeTextRecord;

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto writer = index::Writer::Open(dir_.path() / "index");
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    std::vector<Record> records = {
        MakeTextRecord("street", {"Trụ sở tại số 12 đường Lê Lợi"}),
        MakeTextRecord("person", {"Người ký: Trần Văn Dương"}),
        MakeTextRecord("decision",
                       {"QUYẾT ĐỊNH về việc số hóa tài liệu", "Điều 2. Quyết định này có hiệu lực",
                        "trang ba không liên quan"}),
        MakeTextRecord("scattered", {"định kỳ quyết toán"}),
    };
    records[2].metadata.doc_type = "QUYẾT ĐỊNH";
    records[2].metadata.number = "12/2023/QĐ-UBND";
    records[2].metadata.date = "2023-03-15";
    records[2].metadata.agency = "SỞ NỘI VỤ";
    records[1].metadata.doc_type = "THÔNG BÁO";
    records[1].metadata.number = "7/QĐ-SNV";
    records[1].metadata.date = "2021-01-02";
    records[1].metadata.signer = "Trần Văn Dương";
    records[1].metadata.confidentiality = "TỐI MẬT";
    records[1].metadata.urgency = "HỎA TỐC";
    for (const Record& r : records) ASSERT_TRUE((*writer)->AddRecord(r).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
    auto searcher = search::Searcher::Open(dir_.path() / "index");
    ASSERT_TRUE(searcher.ok()) << searcher.status().ToString();
    searcher_ = std::move(searcher).value();
  }

  // Adds `record` to the index and searches it again.
  void AddRecord(const Record& record) {
    {
      auto writer = index::Writer::Open(dir_.path() / "index");
      ASSERT_TRUE(writer.ok()) << writer.status().ToString();
      ASSERT_TRUE((*writer)->AddRecord(record).ok());
      ASSERT_TRUE((*writer)->Commit().ok());
    }
    auto searcher = search::Searcher::Open(dir_.path() / "index");
    ASSERT_TRUE(searcher.ok());
    searcher_ = std::move(searcher).value();
  }

  std::vector<std::string> Ids(const std::string& query) {
    auto results = searcher_->Search({.query = query});
    EXPECT_TRUE(results.ok()) << results.status().ToString();
    std::vector<std::string> ids;
    if (results.ok()) {
      for (const auto& hit : results->hits) ids.push_back(hit.record_id);
    }
    return ids;
  }

  testing::TempDir dir_;
  std::unique_ptr<search::Searcher> searcher_;
};

TEST_F(SearchTest, QueryWithoutDiacriticsMatchesEverySpelling) {
  std::vector<std::string> ids = Ids("duong");
  EXPECT_EQ(ids.size(), 2u);
}

TEST_F(SearchTest, QueryWithDiacriticsRanksTheExactSpellingFirst) {
  EXPECT_EQ(Ids("đường").front(), "street");
  EXPECT_EQ(Ids("dương").front(), "person");
  EXPECT_EQ(Ids("đường").size(), 2u) << "folded matches are still found";
}

TEST_F(SearchTest, NfdQueryIsTheSameQuery) {
  EXPECT_EQ(Ids("d\xC6\xB0\xC6\xA1\xCC\x80ng"), Ids("dường"));  // "dường" with NFD grave
}

TEST_F(SearchTest, PhraseMatchesAcrossSyllablesOnly) {
  EXPECT_EQ(Ids("\"quyết định\""), (std::vector<std::string>{"decision"}));
  EXPECT_EQ(Ids("\"quyet dinh\""), (std::vector<std::string>{"decision"}));
  std::vector<std::string> loose = Ids("quyet dinh");
  EXPECT_EQ(loose.size(), 2u) << "without quotes, both words anywhere";
}

// A Vietnamese word is written as syllables: a record whose subject holds "số hóa" ranks above
// records that hold "số" and "Hóa" apart, though they say them more often, typed with marks or
// without.
TEST_F(SearchTest, SyllablesTypedTogetherRankTheRecordHoldingTheWordFirst) {
  Record about = MakeTextRecord("about", {"Kế hoạch năm 2024 của Sở Nội vụ, số 12"});
  about.metadata.subject = "Về việc số hóa tài liệu lưu trữ";
  AddRecord(about);
  AddRecord(MakeTextRecord("apart", {"Số 5 đường Thanh Hóa; số 7 phố Hóa Mỹ, số 9 Thanh Hóa"}));
  for (const char* query : {"so hoa", "số hóa"}) {
    std::vector<std::string> ids = Ids(query);
    ASSERT_GE(ids.size(), 2u) << query;
    EXPECT_EQ(ids.front(), "about") << query;
  }
}

// Held in the text only, not the subject: the words typed together are looked for whole in the
// first records, which are ordered by them; the longest stretch held first ("chữ ký số" whole
// before "chữ ký" and "ký số" apart).
TEST_F(SearchTest, ARecordHoldingTheWordInItsTextRanksAboveOnesHoldingItsSyllablesApart) {
  AddRecord(MakeTextRecord("apart", {"Số 5 đường Thanh Hóa; số 7 phố Hóa Mỹ, số 9 Thanh Hóa. "
                                     "Chữ ký của ông Hóa, số 9, chữ ký của bà Số"}));
  AddRecord(MakeTextRecord("pieces", {"Chữ ký và con dấu; văn bản ký số"}));
  AddRecord(MakeTextRecord("text", {"Kế hoạch số hóa kho lưu trữ và dùng chữ ký số"}));
  for (const char* query : {"so hoa", "số hóa", "chu ky so", "chữ ký số"}) {
    std::vector<std::string> ids = Ids(query);
    ASSERT_GE(ids.size(), 2u) << query;
    EXPECT_EQ(ids.front(), "text") << query;
  }
  const std::vector<std::string> signatures = Ids("chu ky so");
  ASSERT_EQ(signatures.size(), 3u);
  EXPECT_EQ(signatures[1], "pieces") << "both pairs, apart, before one pair";
}

// A phrase is asked of the records holding its syllable pairs: found as before, on an index
// whose every database says it carries them (index/schema.h kMetadataPairs).
TEST_F(SearchTest, APhraseIsFoundThroughItsSyllablePairs) {
  EXPECT_EQ(Ids("\"số hóa tài liệu\""), std::vector<std::string>{"decision"});
  EXPECT_EQ(Ids("\"so hoa tai lieu\" quyet"), std::vector<std::string>{"decision"});
  EXPECT_TRUE(Ids("\"tài liệu số hóa\"").empty());
  EXPECT_EQ(Ids("\"số hóa\" OR \"đường Lê\"").size(), 2u);
}

// kĩ/kỹ, lý/lí, quý/quí: either spelling finds both, in words and in phrases; the record
// spelled as typed first.
TEST_F(SearchTest, FinalIOrYIsOneSpelling) {
  AddRecord(MakeTextRecord("ky", {"Phòng Kỹ thuật quản lý tài liệu quý hiếm"}));
  AddRecord(MakeTextRecord("ki", {"phòng kĩ thuật và quản lí hồ sơ"}));
  for (const char* query :
       {"kĩ thuật", "kỹ thuật", "ky thuat", "ki thuat", "\"kĩ thuật\"", "\"ky thuat\""}) {
    std::vector<std::string> ids = Ids(query);
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids, (std::vector<std::string>{"ki", "ky"})) << query;
  }
  EXPECT_EQ(Ids("kĩ thuật").front(), "ki");
  EXPECT_EQ(Ids("kỹ thuật").front(), "ky");
  EXPECT_EQ(Ids("quí hiếm"), std::vector<std::string>{"ky"});
  EXPECT_EQ(Ids("nguoiky:\"Trần Văn Dương\"").size(), 1u) << "filter values are left alone";
}

// UBND, HĐND, QĐ … both ways: an abbreviation typed finds the long form written, and the long
// form typed finds the abbreviation written.
TEST_F(SearchTest, AbbreviationsAndTheirLongFormsFindEachOther) {
  AddRecord(MakeTextRecord("long", {"ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI giao nhiệm vụ"}));
  AddRecord(MakeTextRecord("short", {"Căn cứ văn bản của UBND tỉnh Quảng Ngãi"}));
  for (const char* query : {"ubnd tinh quang ngai", "ủy ban nhân dân tỉnh quảng ngãi"}) {
    std::vector<std::string> ids = Ids(query);
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids, (std::vector<std::string>{"long", "short"})) << query;
  }
}

TEST(PairTermsTest, AdjacentSyllablesOfAWordWithOnlySpaceBetween) {
  EXPECT_EQ(index::PairTerms("Số hóa, lưu trữ\nhồ sơ"),
            (std::vector<std::string>{"XPso hoa", "XPluu tru", "XPho so"}))
      << "\"trữ hồ\" makes no word: left out";
  EXPECT_TRUE(index::PairTerms("12/2023").empty());
  EXPECT_TRUE(index::PairTerms("một").empty());
}

TEST_F(SearchTest, OneResultPerRecordWithBestPageAndMatchingPages) {
  auto results = searcher_->Search({.query = "quyet dinh"});
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(results->total_records, 2) << ::testing::PrintToString(Ids("quyet dinh"));
  for (const auto& hit : results->hits) {
    if (hit.record_id != "decision") continue;
    EXPECT_EQ(hit.matching_pages, 3) << "page 3 holds neither word, but the record's type does";
    EXPECT_EQ(hit.page_count, 3);
    EXPECT_TRUE(hit.best_page == 1 || hit.best_page == 2);
    EXPECT_FALSE(hit.snippet.highlights.empty());
  }
}

TEST_F(SearchTest, FieldFiltersMatchFoldedValues) {
  EXPECT_EQ(Ids("loai:\"quyet dinh\" hieu luc"), (std::vector<std::string>{"decision"}));
  EXPECT_EQ(Ids("nam:2023 hieu luc"), (std::vector<std::string>{"decision"}));
  EXPECT_TRUE(Ids("nam:2022 hieu luc").empty());
}

TEST_F(SearchTest, FieldFiltersTakeValuesAsStaffTypeThem) {
  using Ids_ = std::vector<std::string>;
  EXPECT_EQ(Ids("loai:\"quyết định\" nam:2023 coquan:\"sở nội vụ\""), Ids_{"decision"});
  EXPECT_EQ(Ids("loai:\"THÔNG BÁO\" nam:2021"), Ids_{"person"});
  EXPECT_EQ(Ids("coquan:\"SO NOI VU\""), Ids_{"decision"});
  EXPECT_EQ(Ids("so:12/2023/QĐ-UBND"), Ids_{"decision"});
  EXPECT_EQ(Ids("so:12/2023/qd-ubnd"), Ids_{"decision"});
  EXPECT_EQ(Ids("so:ubnd"), Ids_{"decision"}) << "a part of the number";
  EXPECT_TRUE(Ids("so:13/2023/QĐ-UBND").empty());
  EXPECT_TRUE(Ids("coquan:\"sở tài chính\"").empty());
  EXPECT_EQ(Ids("nguoiky:\"tran van duong\""), Ids_{"person"});
  EXPECT_EQ(Ids("nguoiky:\"Trần Văn Dương\""), Ids_{"person"});
  EXPECT_EQ(Ids("domat:\"tối mật\""), Ids_{"person"});
  EXPECT_TRUE(Ids("domat:mật").empty()) << "MẬT is not TỐI MẬT";
  EXPECT_EQ(Ids("dokhan:\"hoa toc\""), Ids_{"person"});
  auto hit = searcher_->Search({.query = "nguoiky:\"tran van duong\""});
  ASSERT_TRUE(hit.ok());
  ASSERT_EQ(hit->hits.size(), 1u);
  EXPECT_EQ(hit->hits[0].summary.signer, "Trần Văn Dương") << "a hit carries the record's fields";
  EXPECT_EQ(hit->hits[0].summary.confidentiality, "TỐI MẬT");
  EXPECT_EQ(hit->hits[0].summary.number, "7/QĐ-SNV");
}

TEST_F(SearchTest, DateRanges) {
  using Ids_ = std::vector<std::string>;
  EXPECT_EQ(Ids("ngay:2023-01-01..2023-12-31"), Ids_{"decision"});
  EXPECT_EQ(Ids("ngay:2020..2021"), Ids_{"person"});
  EXPECT_EQ(Ids("ngay:..2022-06"), Ids_{"person"});
  EXPECT_EQ(Ids("ngay:2023-03-15..2023-03-15 hieu luc"), Ids_{"decision"});
  EXPECT_TRUE(Ids("ngay:2024..").empty());
  auto bad = searcher_->Search({.query = "ngay:hom..qua"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SearchTest, APartialDateIsFoundByItsMonthAndYear) {
  using Ids_ = std::vector<std::string>;
  Record partial = MakeTextRecord("partial", {"Công văn về tiếp công dân"});
  partial.metadata.date = "2022-09";  // its day written by hand and not read
  AddRecord(partial);
  EXPECT_EQ(Ids("ngay:09/2022"), Ids_{"partial"});
  EXPECT_EQ(Ids("nam:2022"), Ids_{"partial"});
  EXPECT_EQ(Ids("ngay:2022-06..2022-12"), Ids_{"partial"});
  EXPECT_TRUE(Ids("ngay:10/2022").empty());
}

TEST_F(SearchTest, AnIncomingStampsNumberIsAFilter) {
  Record received = MakeTextRecord("received", {"Công văn về tiếp công dân"});
  received.metadata.number = "574/UBND-KTTH";
  received.stamps.push_back(
      Stamp{Stamp::Kind::kIncoming, 1, Box{0, 0, 10, 10}, "2770", "2018-04-04"});
  AddRecord(received);
  EXPECT_EQ(Ids("soden:2770"), std::vector<std::string>{"received"});
  EXPECT_EQ(Ids("incoming_number:2770"), std::vector<std::string>{"received"});
  EXPECT_TRUE(Ids("soden:574").empty()) << "the document's own number is no entry number";
  EXPECT_TRUE(Ids("so:2770").empty()) << "nor the entry number the document's";
}

TEST_F(SearchTest, ANumberWhoseDigitsWereNotReadIsFoundByItsNotation) {
  Record partial = MakeTextRecord("partial", {"Chỉ thị về hóa đơn điện tử"});
  partial.metadata.number = "…/CT-UBND";
  AddRecord(partial);
  EXPECT_EQ(Ids("so:ct-ubnd"), std::vector<std::string>{"partial"});
  EXPECT_EQ(Ids("so:ct"), std::vector<std::string>{"partial"});
}

TEST_F(SearchTest, DatesAsPeopleWriteThem) {
  using Ids_ = std::vector<std::string>;
  EXPECT_EQ(Ids("ngay:15/03/2023"), Ids_{"decision"}) << "day/month/year";
  EXPECT_EQ(Ids("ngay:15-3-2023"), Ids_{"decision"});
  EXPECT_TRUE(Ids("ngay:16/03/2023").empty());
  EXPECT_EQ(Ids("ngay:03/2023"), Ids_{"decision"}) << "month/year";
  EXPECT_TRUE(Ids("ngay:04/2023").empty());
  EXPECT_EQ(Ids("ngay:2/1/2021"), Ids_{"person"}) << "without leading zeros";
  EXPECT_EQ(Ids("ngay:2021"), Ids_{"person"}) << "a year";
  EXPECT_EQ(Ids("ngay:01/2021..03/2021"), Ids_{"person"}) << "a range of months";
  EXPECT_EQ(Ids("ngày:15/03/2023"), Ids_{"decision"}) << "the filter's name with its marks";
  EXPECT_EQ(Ids("nam:2020..2022"), Ids_{"person"}) << "a range of years";
  EXPECT_EQ(Ids("nam:2021..2023 hieu luc"), Ids_{"decision"});
  EXPECT_EQ(Ids("nam:..2021"), Ids_{"person"});
}

// Typed among the words, without a filter: the record of that date, or the one whose text writes
// it out ("ngày 05 tháng 01 năm 2022").
TEST_F(SearchTest, DatesTypedAsWordsAreDates) {
  using Ids_ = std::vector<std::string>;
  EXPECT_EQ(Ids("15/03/2023"), Ids_{"decision"});
  EXPECT_EQ(Ids("15/3/2023"), Ids_{"decision"});
  EXPECT_EQ(Ids("03/2023"), Ids_{"decision"});
  EXPECT_EQ(Ids("thang 3/2023"), Ids_{"decision"});
  EXPECT_EQ(Ids("tháng 3 năm 2023"), Ids_{"decision"});
  EXPECT_EQ(Ids("ngày 15 tháng 3 năm 2023"), Ids_{"decision"});
  EXPECT_EQ(Ids("01/2021..03/2021"), Ids_{"person"});
  EXPECT_EQ(Ids("hiệu lực 03/2023"), Ids_{"decision"});
  EXPECT_TRUE(Ids("hiệu lực 04/2023").empty());
  AddRecord(MakeTextRecord("written", {"Hà Nội, ngày 05 tháng 01 năm 2022 về việc họp"}));
  EXPECT_EQ(Ids("5/1/2022"), Ids_{"written"}) << "the date written out in the text";
  EXPECT_EQ(Ids("ngay 05/01/2022"), Ids_{"written"});
  auto impossible = searcher_->Search({.query = "31/02/2022"});
  ASSERT_FALSE(impossible.ok());
  EXPECT_NE(impossible.status().message().find("không có ngày 31"), std::string::npos);
  EXPECT_TRUE(Ids("45/2018").empty()) << "two numbers that are no month: words, no error";
}

// An index written before format 3 holds no terms for abbreviations and written dates: they are
// asked as phrases and values, and found the same; one written with another built-in list of
// abbreviations asks them as phrases too.
TEST_F(SearchTest, AnIndexOfAnEarlierFormatFindsAbbreviationsAndDatesAsBefore) {
  AddRecord(MakeTextRecord("long", {"ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI, ngày 05 tháng 01 năm 2022"}));
  AddRecord(MakeTextRecord("short", {"Căn cứ văn bản của UBND tỉnh Quảng Ngãi"}));
  using Ids_ = std::vector<std::string>;
  auto sorted = [&](const std::string& query) {
    Ids_ ids = Ids(query);
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  const Ids_ both{"long", "short"};
  auto expect_same = [&](const char* format) {
    int files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_.path() / "index")) {
      if (entry.path().filename() != index::kFormatFile) continue;
      std::ofstream(entry.path()) << format;
      ++files;
    }
    ASSERT_GT(files, 0);
    auto searcher = search::Searcher::Open(dir_.path() / "index");
    ASSERT_TRUE(searcher.ok());
    searcher_ = std::move(searcher).value();
    EXPECT_EQ(sorted("ubnd tinh quang ngai"), both) << format;
    EXPECT_EQ(sorted("ủy ban nhân dân tỉnh quảng ngãi"), both) << format;
    EXPECT_EQ(Ids("5/1/2022"), Ids_{"long"}) << format;
    EXPECT_EQ(Ids("15/03/2023"), Ids_{"decision"}) << format;
    EXPECT_EQ(Ids("ngay:03/2023..04/2023"), Ids_{"decision"}) << format;
  };
  expect_same(index::CurrentIndexFormat().c_str());
  expect_same("3 00000000\n");
  expect_same("2\n");
}

TEST_F(SearchTest, ImpossibleDatesSayWhatIsWrongInVietnamese) {
  struct Case {
    const char* query;
    const char* says;
  };
  for (const Case& c :
       {Case{"ngay:02/13/2022", "không có tháng 13"}, Case{"ngay:13/2022", "không có tháng 13"},
        Case{"ngay:30/02/2023", "không có ngày 30"}, Case{"ngay:29/02/2023", "không có ngày 29"},
        Case{"ngay:hôm qua", "không phải là ngày"}, Case{"ngay:2023..2020", "sau ngày cuối"},
        Case{"nam:20x1", "không phải là năm"}, Case{"nam:2022..2020", "năm đầu sau năm cuối"}}) {
    auto results = searcher_->Search({.query = c.query});
    ASSERT_FALSE(results.ok()) << c.query;
    EXPECT_EQ(results.status().code(), StatusCode::kInvalidArgument) << c.query;
    EXPECT_NE(results.status().message().find(c.says), std::string::npos)
        << c.query << ": " << results.status().message();
  }
  EXPECT_EQ(Ids("ngay:29/02/2024"), std::vector<std::string>{}) << "a leap day is a date";
}

TEST_F(SearchTest, FiltersTakeTheirRecordJsonNamesToo) {
  using Ids_ = std::vector<std::string>;
  EXPECT_EQ(Ids("doc_type:\"quyet dinh\""), Ids_{"decision"});
  EXPECT_EQ(Ids("number:7/QĐ-SNV"), Ids_{"person"});
  EXPECT_EQ(Ids("signer:\"tran van duong\""), Ids_{"person"});
  EXPECT_EQ(Ids("agency:\"so noi vu\""), Ids_{"decision"});
  EXPECT_EQ(Ids("year:2021"), Ids_{"person"});
  EXPECT_EQ(Ids("date:15/03/2023"), Ids_{"decision"});
  EXPECT_EQ(Ids("confidentiality:\"toi mat\" urgency:\"hoa toc\""), Ids_{"person"});
}

TEST(FieldFilterNames, AreTheRecordFieldsNames) {
  // One vocabulary: a filter on a record field is named as core/record.h names the field.
  // The others (the year of the date, the incoming stamp's number, the archival file's) are
  // facts of the record, not fields, and no field is named as they are.
  int fields = 0;
  for (const index::FieldFilter& f : index::FieldFilters()) {
    if (!FieldNamed(f.alias)) {
      EXPECT_EQ(CanonicalFieldName(f.name), "") << f.name;
      continue;
    }
    ++fields;
    EXPECT_EQ(CanonicalFieldName(f.name), f.alias) << f.name;
  }
  EXPECT_GE(fields, 6);
  EXPECT_EQ(CanonicalFieldName(index::kDateFilterName), index::kDateFilterAlias);
}

TEST_F(SearchTest, AFilterValueOfSeveralWordsWithoutQuotesIsExplained) {
  auto results = searcher_->Search({.query = "loai:quyet dinh"});
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(results->total_records, 0);
  EXPECT_NE(results->hint.find("ngoặc kép: loai:\"quyet dinh\""), std::string::npos)
      << results->hint;
  EXPECT_EQ(results->suggestion, "loai:\"quyet dinh\"") << "the quoted query finds the decision";
  auto fine = searcher_->Search({.query = "loai:\"quyet dinh\" hieu luc"});
  ASSERT_TRUE(fine.ok());
  EXPECT_TRUE(fine->hint.empty());
  auto none = searcher_->Search({.query = "nguoiky:nguyen van an"});
  ASSERT_TRUE(none.ok());
  EXPECT_NE(none->hint.find("nguoiky:\"nguyen van an\""), std::string::npos) << none->hint;
  EXPECT_NE(none->suggestion, "nguoiky:\"nguyen van an\"")
      << "offered only when it finds something";
}

TEST_F(SearchTest, AQueryOfManyWildcardsIsRefusedInVietnamese) {
  auto many = searcher_->Search({.query = "a* OR b* OR c* OR d* OR e* OR f*"});
  ASSERT_FALSE(many.ok());
  EXPECT_EQ(many.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(many.status().message().find("tối đa 4"), std::string::npos) << many.status().message();
  EXPECT_TRUE(searcher_->Search({.query = "quy* OR hieu*"}).ok());
}

TEST(SearchCostTest, AWildcardStandsForItsMostFrequentWordsOnly) {
  // 300 words starting "kh": "kh*" finds the records of the most frequent 100 of each
  // database only (Xapian expands a wildcard in each of the index's two shards).
  testing::TempDir dir;
  auto writer = index::Writer::Open(dir / "index");
  ASSERT_TRUE(writer.ok());
  for (int i = 0; i < 300; ++i) {
    std::string text;
    for (int r = 0; r < (i < 100 ? 3 : 1); ++r) text += " khtu" + std::to_string(i);
    ASSERT_TRUE(
        (*writer)->AddRecord(testing::MakeTextRecord("r" + std::to_string(i), {text})).ok());
  }
  ASSERT_TRUE((*writer)->Commit().ok());
  auto searcher = search::Searcher::Open(dir / "index");
  ASSERT_TRUE(searcher.ok());
  auto results = (*searcher)->Search({.query = "kh*", .limit = 0});
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  EXPECT_GE(results->total_records, 100);
  EXPECT_LE(results->total_records, 200) << "not all 300";
}

TEST(SearchCostTest, CountsPastTheExactLimitSayWhatTheyAre) {
  // Of 6,000 records, 3,000 hold both "vanban" and "congvan": about 1,500 in each of the
  // index's two shards, more than the 1,000 counted exactly there. (Word frequencies alone
  // leave the count open: 4,200 and 4,286 records hold each. A word held by every record, or
  // one word alone, is counted exactly from its frequency, whatever the limit.) Three records
  // hold "hiem".
  testing::TempDir dir;
  auto writer = index::Writer::Open(dir / "index");
  ASSERT_TRUE(writer.ok());
  constexpr int kRecords = 6'000;
  int both = 0;
  for (int i = 0; i < kRecords; ++i) {
    std::string text = "so " + std::to_string(i);
    if (i % 10 < 7) text += " vanban";
    if (i % 7 < 5) text += " congvan";
    if (i % 10 < 7 && i % 7 < 5) ++both;
    if (i % 2000 == 7) text += " hiem";
    ASSERT_TRUE(
        (*writer)->AddRecord(testing::MakeTextRecord("r" + std::to_string(i), {text})).ok());
  }
  ASSERT_TRUE((*writer)->Commit().ok());
  auto searcher = search::Searcher::Open(dir / "index");
  ASSERT_TRUE(searcher.ok());
  auto rare = (*searcher)->Search({.query = "hiem"});
  ASSERT_TRUE(rare.ok()) << rare.status().ToString();
  EXPECT_EQ(rare->total_records, 3);
  EXPECT_EQ(rare->total_kind, search::TotalKind::kExact);

  search::SearchRequest staff{.query = "vanban congvan"};
  staff.access.clearance = search::Clearance::kInternal;
  auto common = (*searcher)->Search(staff);
  ASSERT_TRUE(common.ok());
  EXPECT_EQ(common->total_kind, search::TotalKind::kAtLeast) << common->total_records;
  EXPECT_GE(common->total_records, 2'000);
  EXPECT_LE(common->total_records, both) << "a lower bound, never more than there are";

  auto estimated = (*searcher)->Search({.query = "vanban congvan"});  // sees everything
  ASSERT_TRUE(estimated.ok());
  EXPECT_EQ(estimated->total_kind, search::TotalKind::kAbout);

  auto faceted = (*searcher)->Search({.query = "vanban congvan", .facets = true});
  ASSERT_TRUE(faceted.ok());
  EXPECT_EQ(faceted->total_kind, search::TotalKind::kExact) << "facets count up to 10,000";
  EXPECT_EQ(faceted->total_records, both);
}

TEST_F(SearchTest, SortByDateKeepsUndatedRecordsLast) {
  using Ids_ = std::vector<std::string>;
  auto sorted = [&](search::SortOrder order) {
    auto results = searcher_->Search({.query = "duong OR hieu OR dinh", .sort = order});
    EXPECT_TRUE(results.ok());
    Ids_ ids;
    for (const auto& hit : results->hits) ids.push_back(hit.record_id);
    return ids;
  };
  Ids_ newest = sorted(search::SortOrder::kNewestFirst);
  ASSERT_EQ(newest.size(), 4u);
  EXPECT_EQ((Ids_{newest[0], newest[1]}), (Ids_{"decision", "person"}));
  Ids_ oldest = sorted(search::SortOrder::kOldestFirst);
  ASSERT_EQ(oldest.size(), 4u);
  EXPECT_EQ((Ids_{oldest[0], oldest[1]}), (Ids_{"person", "decision"}));
}

TEST_F(SearchTest, FacetsCountRecordsNotPages) {
  auto results = searcher_->Search({.query = "loai:\"quyet dinh\" OR duong", .facets = true});
  ASSERT_TRUE(results.ok());
  const auto& types = results->facets.at("loai");
  ASSERT_EQ(types.size(), 2u);
  for (const search::FacetCount& type : types) {
    EXPECT_TRUE(type.value == "QUYẾT ĐỊNH" || type.value == "THÔNG BÁO") << type.value;
    EXPECT_EQ(type.records, 1) << type.value << ": the decision's three pages count once";
  }
  EXPECT_EQ(results->facets.at("nam").size(), 2u);
  EXPECT_EQ(results->facets.at("coquan")[0].value, "SỞ NỘI VỤ");
  ASSERT_EQ(results->facets.at("domat").size(), 1u);
  EXPECT_EQ(results->facets.at("domat")[0].value, "TỐI MẬT");
  EXPECT_EQ(results->facets.at("domat")[0].records, 1);
}

TEST_F(SearchTest, ABareDocumentNumberFindsItsRecordFirst) {
  EXPECT_EQ(Ids("12/2023/QĐ-UBND").front(), "decision");
  EXPECT_EQ(Ids("12/2023/qd-ubnd").front(), "decision");
  EXPECT_EQ(Ids("7/QĐ-SNV").front(), "person");
}

TEST_F(SearchTest, SuggestsASpellingTheIndexKnows) {
  auto results = searcher_->Search({.query = "so hoa tai lieeu"});
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(results->total_records, 0);
  EXPECT_EQ(results->suggestion, "so hoa tai lieu");
  auto fine = searcher_->Search({.query = "so hoa tai lieu"});
  ASSERT_TRUE(fine.ok());
  EXPECT_EQ(fine->suggestion, "") << "a query that finds its record needs no suggestion";
  auto filtered = searcher_->Search({.query = "hieuu loai:\"quyet dinh\""});
  ASSERT_TRUE(filtered.ok());
  EXPECT_EQ(filtered->suggestion, "hieu loai:\"quyet dinh\"") << "filters are kept as typed";
}

// "tiep cong dam" finds records ("dam" is a word: đảm, đám), but its last two words never stand
// together where "công dân" does: the respelling is offered all the same.
TEST_F(SearchTest, SuggestsTheWordItsNeighbourStandsWith) {
  AddRecord(MakeTextRecord("citizens", {"Lịch tiếp công dân của lãnh đạo"}));
  AddRecord(MakeTextRecord("citizens2", {"Báo cáo công tác tiếp công dân năm 2024"}));
  AddRecord(MakeTextRecord("other", {"tiếp nhận công văn, bảo đảm đúng hạn"}));
  auto results = searcher_->Search({.query = "tiep cong dam"});
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(results->total_records, 1) << "tiếp nhận công văn, bảo đảm";
  EXPECT_EQ(results->suggestion, "tiep cong dan");
  auto right = searcher_->Search({.query = "tiep cong dan"});
  ASSERT_TRUE(right.ok());
  EXPECT_EQ(right->suggestion, "") << "words that stand together need no respelling";

  // Two words of the dictionary side by side, a name typed in lower case, a place typed with
  // capitals: nothing to respell, though a near spelling would find more.
  AddRecord(MakeTextRecord("culture", {"Xây dựng văn hóa làm việc; năm việc cần làm"}));
  AddRecord(MakeTextRecord("name", {"Người ký: Phạm Thị Trung. Thăm thị trường"}));
  AddRecord(MakeTextRecord("place", {"UBND huyện Tứ Kỳ; chuyển tư liệu"}));
  for (const char* typed : {"van hoa lam viec", "pham thi trung", "UBND huyen Tu Ky"}) {
    auto found = searcher_->Search({.query = typed});
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->suggestion, "") << typed;
  }
}

TEST_F(SearchTest, ReindexingARecordReplacesItsPages) {
  auto writer = index::Writer::Open(dir_.path() / "index");
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->AddRecord(MakeTextRecord("decision", {"văn bản mới"})).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  writer->reset();
  EXPECT_EQ(Ids("hieu luc"), std::vector<std::string>{}) << "old pages are gone";
  EXPECT_EQ(Ids("van ban moi"), (std::vector<std::string>{"decision"}));
}

TEST_F(SearchTest, BadRequestsAreErrorsNotCrashes) {
  EXPECT_FALSE(searcher_->Search({.query = "x", .offset = -1}).ok());
  auto missing = search::Searcher::Open(dir_.path() / "nope");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(SearchTest, SecondWriterIsToldTheIndexIsBusy) {
  auto first = index::Writer::Open(dir_.path() / "index");
  ASSERT_TRUE(first.ok());
  auto second = index::Writer::Open(dir_.path() / "index");
  EXPECT_EQ(second.status().code(), StatusCode::kBusy);
}

}  // namespace
}  // namespace luutru
