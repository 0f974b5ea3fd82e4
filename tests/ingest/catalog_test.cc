#include "ingest/catalog.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_util.h"

namespace luutru::ingest {
namespace {

TEST(CatalogTest, FilesAndRecordsPersistAcrossOpens) {
  testing::TempDir dir;
  {
    auto catalog = Catalog::Open(dir / "catalog.sqlite");
    ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
    ASSERT_TRUE((*catalog)->Begin().ok());
    ASSERT_TRUE(
        (*catalog)->PutFile({"/scans/a.pdf", 10, 20, "ab12", "ab", FileState::kDone, ""}).ok());
    ASSERT_TRUE((*catalog)
                    ->PutFile({"/scans/b.pdf", 1, 2, "", "", FileState::kFailed, "encrypted: x"})
                    .ok());
    ASSERT_TRUE((*catalog)->PutRecord({"ab", "ab12", "scans/a.pdf", "pdf", 3}).ok());
    ASSERT_TRUE((*catalog)->Commit().ok());
  }
  auto catalog = Catalog::Open(dir / "catalog.sqlite");
  ASSERT_TRUE(catalog.ok());
  auto a = (*catalog)->FindFile("/scans/a.pdf");
  ASSERT_TRUE(a.ok() && a->has_value());
  EXPECT_EQ((*a)->state, FileState::kDone);
  EXPECT_EQ((*a)->mtime_ns, 20);
  EXPECT_EQ((*a)->record_id, "ab");
  auto b = (*catalog)->FindFile("/scans/b.pdf");
  ASSERT_TRUE(b.ok() && b->has_value());
  EXPECT_EQ((*b)->state, FileState::kFailed);
  EXPECT_EQ((*b)->error, "encrypted: x");
  auto none = (*catalog)->FindFile("/scans/none.pdf");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  auto records = (*catalog)->ListRecords();
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].pages, 3);
}

TEST(CatalogTest, RunsAreRecorded) {
  testing::TempDir dir;
  auto catalog = Catalog::Open(dir / "catalog.sqlite");
  ASSERT_TRUE(catalog.ok());
  auto run = (*catalog)->StartRun("ingest");
  ASSERT_TRUE(run.ok());
  EXPECT_TRUE((*catalog)->FinishRun(*run, "{}").ok());
}

TEST(CatalogTest, CorrectedValuesOfAFieldAcrossRecords) {
  testing::TempDir dir;
  auto catalog = Catalog::Open(dir.path() / "catalog.sqlite");
  ASSERT_TRUE(catalog.ok());
  ASSERT_TRUE((*catalog)->PutCorrection("aaaa", "agency", "SỞ NỘI VỤ").ok());
  ASSERT_TRUE((*catalog)->PutCorrection("bbbb", "agency", "SỞ NỘI VỤ").ok());
  ASSERT_TRUE((*catalog)->PutCorrection("cccc", "agency", "SỞ TƯ PHÁP").ok());
  ASSERT_TRUE((*catalog)->PutCorrection("cccc", "signer", "Trần Văn An").ok());
  auto values = (*catalog)->CorrectedValues("agency");
  ASSERT_TRUE(values.ok());
  std::sort(values->begin(), values->end());
  EXPECT_EQ(*values, (std::vector<std::string>{"SỞ NỘI VỤ", "SỞ TƯ PHÁP"}));
  EXPECT_TRUE((*catalog)->CorrectedValues("urgency")->empty());
}

TEST(CatalogTest, UnwritableLocationIsAnError) {
  auto catalog = Catalog::Open("/proc/luutru-no/catalog.sqlite");
  EXPECT_FALSE(catalog.ok());
}

}  // namespace
}  // namespace luutru::ingest
