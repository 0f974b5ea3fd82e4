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
    for (const auto& [id, mark] : std::vector<std::pair<std::string, std::string>>{
             {"open", ""}, {"mat", "MẬT"}, {"toimat", "TỐI MẬT"}, {"tuyetmat", "TUYỆT MẬT"}, {"odd", "MẬT NỘI BỘ"}}) {
      Record r;
      r.id = id;
      r.source = id + ".pdf";
      r.metadata.doc_type = "BÁO CÁO";
      r.metadata.confidentiality = mark;
      PageText page;
      page.number = 1;
      page.text = "báo cáo tình hình quốc phòng " + id + (id == "tuyetmat" ? " kế hoạch xyzzyq" : "");
      r.pages.push_back(page);
      ASSERT_TRUE((*writer)->AddRecord(r).ok());
    }
    ASSERT_TRUE((*writer)->Commit().ok());
    searcher_ = std::move(Searcher::Open(dir_.path() / "index")).value();
  }

  std::set<std::string> Visible(Clearance clearance, const std::string& query = "quoc phong") {
    SearchRequest request{.query = query, .limit = 50, .facets = true};
    request.access = {clearance, Clearance::kInternal};
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
  EXPECT_EQ(Visible(Clearance::kInternal), (std::set<std::string>{"open"}));
  EXPECT_EQ(Visible(Clearance::kMat), (std::set<std::string>{"open", "mat"}));
  EXPECT_EQ(Visible(Clearance::kToiMat), (std::set<std::string>{"open", "mat", "toimat"}));
  EXPECT_EQ(Visible(Clearance::kTuyetMat), (std::set<std::string>{"open", "mat", "toimat", "tuyetmat", "odd"}));
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

}  // namespace
}  // namespace luutru::search
