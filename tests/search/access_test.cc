// Clearance levels: parsing, what each level may read, and the filter inside the search
// (results, counts, facets and suggestions) on a real index holding records of every mark.
#include "search/access.h"

#include <gtest/gtest.h>

#include <set>

#include "index/writer.h"
#include "search/searcher.h"
#include "test_util.h"

namespace luutru::search {
namespace {

TEST(ClearanceTest, ParsesEverySpelling) {
  EXPECT_EQ(*ParseClearance("public"), Clearance::kPublic);
  EXPECT_EQ(*ParseClearance("Internal"), Clearance::kInternal);
  EXPECT_EQ(*ParseClearance("MẬT"), Clearance::kMat);
  EXPECT_EQ(*ParseClearance("toi-mat"), Clearance::kToiMat);
  EXPECT_EQ(*ParseClearance("tối mật"), Clearance::kToiMat);
  EXPECT_EQ(*ParseClearance("TUYỆT MẬT"), Clearance::kTuyetMat);
  EXPECT_FALSE(ParseClearance("secret").ok());
  for (Clearance c : {Clearance::kPublic, Clearance::kInternal, Clearance::kMat, Clearance::kToiMat,
                      Clearance::kTuyetMat}) {
    EXPECT_EQ(*ParseClearance(ClearanceName(c)), c);
  }
}

TEST(ClearanceTest, EachLevelReadsWhatIsAtOrBelowIt) {
  const Access internal{Clearance::kInternal, Clearance::kInternal};
  EXPECT_TRUE(MayRead(internal, ""));
  EXPECT_FALSE(MayRead(internal, "MẬT"));
  const Access toi_mat{Clearance::kToiMat, Clearance::kInternal};
  EXPECT_TRUE(MayRead(toi_mat, "MẬT"));
  EXPECT_TRUE(MayRead(toi_mat, "TỐI MẬT"));
  EXPECT_FALSE(MayRead(toi_mat, "TUYỆT MẬT"));
  EXPECT_FALSE(MayRead(toi_mat, "MẬT NỘI BỘ")) << "an unknown mark counts as the highest";
  EXPECT_FALSE(MayRead({Clearance::kPublic, Clearance::kInternal}, ""));
  EXPECT_TRUE(MayRead({Clearance::kPublic, Clearance::kPublic}, ""));
}

class AccessSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto writer = index::Writer::Open(dir_.path() / "index");
    ASSERT_TRUE(writer.ok());
    for (const auto& [id, mark] :
         std::vector<std::pair<std::string, std::string>>{{"open", ""},
                                                          {"mat", "MẬT"},
                                                          {"toimat", "TỐI MẬT"},
                                                          {"tuyetmat", "TUYỆT MẬT"},
                                                          {"odd", "MẬT NỘI BỘ"},
                                                          {"dieukien", ""}}) {
      Record r;
      r.id = id;
      // A document of a file whose access regime is 02 (Sử dụng có điều kiện): staff only.
      if (id == "dieukien") r.hoso = ArchivalFileRef{"02.VP", 1, "", "", "01", "02"};
      r.source = id + ".pdf";
      r.metadata.doc_type = "BÁO CÁO";
      r.metadata.confidentiality = mark;
      PageText page;
      page.number = 1;
      page.text =
          "báo cáo tình hình quốc phòng " + id + (id == "tuyetmat" ? " kế hoạch xyzzyq" : "");
      r.pages.push_back(page);
      ASSERT_TRUE((*writer)->AddRecord(r).ok());
    }
    ASSERT_TRUE((*writer)->Commit().ok());
    searcher_ = std::move(Searcher::Open(dir_.path() / "index")).value();
  }

  std::set<std::string> Visible(Clearance clearance, const std::string& query = "quoc phong",
                                Clearance unmarked = Clearance::kInternal) {
    SearchRequest request{.query = query, .limit = 50, .facets = true};
    request.access = {clearance, unmarked};
    auto results = searcher_->Search(request);
    EXPECT_TRUE(results.ok());
    std::set<std::string> ids;
    for (const auto& hit : results->hits) ids.insert(hit.record_id);
    EXPECT_EQ(results->total_records, ids.size()) << "the count shows no more than the hits";
    int faceted = 0;
    for (const auto& value : results->facets["loai"]) faceted += value.records;
    EXPECT_EQ(static_cast<size_t>(faceted), ids.size()) << "facets count only what may be seen";
    return ids;
  }

  testing::TempDir dir_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(AccessSearchTest, EachClearanceSeesItsLevelAndBelow) {
  EXPECT_EQ(Visible(Clearance::kPublic), (std::set<std::string>{}));
  EXPECT_EQ(Visible(Clearance::kInternal), (std::set<std::string>{"open", "dieukien"}));
  EXPECT_EQ(Visible(Clearance::kMat), (std::set<std::string>{"open", "dieukien", "mat"}));
  EXPECT_EQ(Visible(Clearance::kToiMat),
            (std::set<std::string>{"open", "dieukien", "mat", "toimat"}));
  EXPECT_EQ(Visible(Clearance::kTuyetMat),
            (std::set<std::string>{"open", "dieukien", "mat", "toimat", "tuyetmat", "odd"}));
}

// An archive that shows its unmarked records to the public (serve --unmarked public) still
// keeps the documents of a file of access regime 02 for staff.
TEST_F(AccessSearchTest, AConditionalFilesDocumentsAreNeverPublic) {
  EXPECT_EQ(Visible(Clearance::kPublic, "quoc phong", Clearance::kPublic),
            (std::set<std::string>{"open"}));
  EXPECT_TRUE(Visible(Clearance::kPublic, "chedo:02", Clearance::kPublic).empty());
  EXPECT_EQ(Visible(Clearance::kInternal, "quoc phong", Clearance::kPublic),
            (std::set<std::string>{"open", "dieukien"}));
  const Access the_public{Clearance::kPublic, Clearance::kPublic};
  EXPECT_FALSE(searcher_->MayOpen("dieukien", the_public).value());
  EXPECT_TRUE(searcher_->MayOpen("open", the_public).value());
  EXPECT_TRUE(searcher_->MayOpen("dieukien", {Clearance::kInternal, Clearance::kPublic}).value());
  EXPECT_EQ(searcher_->CountRecords(the_public).value(), 1);
}

TEST_F(AccessSearchTest, AFilterForAHiddenMarkFindsNothing) {
  EXPECT_TRUE(Visible(Clearance::kMat, "domat:\"tối mật\"").empty());
  EXPECT_EQ(Visible(Clearance::kToiMat, "domat:\"tối mật\""), (std::set<std::string>{"toimat"}));
}

TEST_F(AccessSearchTest, SuggestionsComeOnlyFromWhatMayBeSeen) {
  SearchRequest request{.query = "xyzzyk"};  // one letter from a word only a TUYỆT MẬT record holds
  request.access = {Clearance::kToiMat, Clearance::kInternal};
  auto hidden = searcher_->Search(request);
  ASSERT_TRUE(hidden.ok());
  EXPECT_EQ(hidden->suggestion, "");
  request.access = {Clearance::kTuyetMat, Clearance::kInternal};
  auto cleared = searcher_->Search(request);
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(cleared->suggestion, "xyzzyq");
}

TEST_F(AccessSearchTest, AWordHeldOnlyByHiddenRecordsCannotBeProbedThroughSuggestions) {
  // The attack: a visible word beside a probe; a respelling of the probe into a hidden word,
  // or the probe left alone because a hidden record holds it, would tell the word exists.
  for (const char* query : {"xyzzyk OR quoc", "xyzzyk OR phongg", "bao xyzzyk"}) {
    SearchRequest request{.query = query};
    request.access = {Clearance::kToiMat, Clearance::kInternal};
    auto results = searcher_->Search(request);
    ASSERT_TRUE(results.ok());
    EXPECT_EQ(results->suggestion.find("xyzzyq"), std::string::npos)
        << query << " -> " << results->suggestion;
  }
  SearchRequest probe{.query = "xyzzyq OR phongg"};
  probe.access = {Clearance::kInternal, Clearance::kInternal};
  auto internal = searcher_->Search(probe);
  ASSERT_TRUE(internal.ok());
  SearchRequest unknown{.query = "xyzzyw OR phongg"};  // no record holds xyzzyw
  unknown.access = probe.access;
  auto none = searcher_->Search(unknown);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(internal->suggestion, "xyzzyq OR phong");
  EXPECT_EQ(none->suggestion, "xyzzyw OR phong")
      << "a hidden word and a word no record holds are treated alike";
}

// The ranking a caller sees depends only on the records the caller may read: adding hidden
// records full of the query's words changes no relevance and no order.
TEST(AccessStatisticsTest, HiddenRecordsMoveNoRelevance) {
  auto build = [](const std::filesystem::path& dir, bool with_hidden) {
    auto writer = index::Writer::Open(dir);
    ASSERT_TRUE(writer.ok());
    std::vector<Record> records = {
        testing::MakeTextRecord("a", {"kế hoạch phòng cháy chữa cháy năm nay"}),
        testing::MakeTextRecord("b", {"kế hoạch công tác văn thư lưu trữ"}),
        testing::MakeTextRecord("c", {"báo cáo phòng cháy chữa cháy quý ba"})};
    if (with_hidden) {
      for (int i = 0; i < 40; ++i) {
        Record hidden =
            testing::MakeTextRecord("h" + std::to_string(i), {"kế hoạch kế hoạch mật phòng cháy"});
        hidden.metadata.confidentiality = i % 2 ? "MẬT" : "TUYỆT MẬT";
        records.push_back(hidden);
      }
    }
    for (const Record& r : records) ASSERT_TRUE((*writer)->AddRecord(r).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  };
  testing::TempDir dir;
  build(dir / "plain", false);
  build(dir / "with-hidden", true);
  auto rank = [](const std::filesystem::path& index, const std::string& query) {
    auto searcher = Searcher::Open(index);
    EXPECT_TRUE(searcher.ok());
    SearchRequest request{.query = query};
    request.access = {Clearance::kInternal, Clearance::kInternal};
    auto results = (*searcher)->Search(request);
    EXPECT_TRUE(results.ok());
    std::vector<std::pair<std::string, double>> ranked;
    for (const auto& hit : results->hits) ranked.emplace_back(hit.record_id, hit.relevance);
    return ranked;
  };
  for (const char* query : {"ke hoach", "phong chay", "ke hoach OR bao cao"}) {
    EXPECT_EQ(rank(dir / "plain", query), rank(dir / "with-hidden", query)) << query;
  }
}

}  // namespace
}  // namespace luutru::search
