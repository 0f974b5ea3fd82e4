// The index's folder layout and a record's document data.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "index/layout.h"
#include "index/record_data.h"
#include "index/writer.h"
#include "test_util.h"

namespace luutru::index {
namespace {

TEST(LayoutTest, ARecordAlwaysHashesToTheSameShard) {
  // Fixed values: a record moved between builds would be indexed twice.
  EXPECT_EQ(ShardOf("", 2), 1);
  EXPECT_EQ(ShardOf("882d0ebd114ea352", 7), ShardOf("882d0ebd114ea352", 7));
  std::set<int> used;
  for (int i = 0; i < 200; ++i) used.insert(ShardOf("record-" + std::to_string(i), 4));
  EXPECT_EQ(used, (std::set<int>{0, 1, 2, 3})) << "ids spread over every shard";
}

TEST(LayoutTest, AWriterCreatesTheShardsAndTheStubNamingThem) {
  testing::TempDir dir;
  const auto index_dir = dir / "index";
  EXPECT_EQ(DetectLayout(index_dir), IndexLayout::kNone);
  WriterOptions options;
  options.shards = 3;
  auto writer = Writer::Open(index_dir, options);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  EXPECT_EQ(DetectLayout(index_dir), IndexLayout::kShards);
  auto shards = ShardPaths(index_dir);
  ASSERT_TRUE(shards.ok());
  ASSERT_EQ(shards->size(), 3u);
  EXPECT_EQ((*shards)[2], index_dir / "shard-2");
  writer->reset();
  options.shards = 5;
  auto again = Writer::Open(index_dir, options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(ShardPaths(index_dir)->size(), 3u) << "an existing index keeps its shards";
}

TEST(LayoutTest, AFinishedUnsyncedWriterLeavesACommittedIndexAndTakesNoMore) {
  testing::TempDir dir;
  WriterOptions options;
  options.sync_commits = false;
  auto writer = Writer::Open(dir / "index", options);
  ASSERT_TRUE(writer.ok());
  Record r;
  r.id = "abc";
  r.pages.push_back(PageText{});
  ASSERT_TRUE((*writer)->AddRecord(r).ok());
  ASSERT_TRUE((*writer)->Finish().ok());
  EXPECT_EQ((*writer)->AddRecord(r).code(), StatusCode::kInternal);
  writer->reset();
  auto again = Writer::Open(dir / "index");
  EXPECT_TRUE(again.ok()) << "the shards were closed and unlocked";
}

TEST(LayoutTest, AnIndexOfTheOldLayoutIsRefusedNamingReindex) {
  testing::TempDir dir;
  const auto index_dir = dir / "index";
  std::filesystem::create_directories(index_dir);
  std::ofstream(index_dir / "iamglass") << "";  // what a single Xapian database holds
  EXPECT_EQ(DetectLayout(index_dir), IndexLayout::kPageDocuments);
  auto writer = Writer::Open(index_dir);
  EXPECT_EQ(writer.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(writer.status().message().find("luutru reindex"), std::string::npos);
}

TEST(LayoutTest, ABrokenStubIsCorruptNotACrash) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir / "index");
  std::ofstream(dir / "index" / "XAPIANDB") << "remote ../elsewhere\n";
  EXPECT_EQ(ShardPaths(dir / "index").status().code(), StatusCode::kCorrupt);
  std::ofstream(dir / "index" / "XAPIANDB") << "";
  EXPECT_EQ(ShardPaths(dir / "index").status().code(), StatusCode::kCorrupt);
}

TEST(RecordDataTest, RoundTripsFieldsPagesAndAnyText) {
  RecordData d;
  d.record_id = "abc";
  d.doc_type = "QUYẾT ĐỊNH";
  d.pages = {{1, 1, 40, "Trang một\n"}, {3, 57, 56, ""}, {4, 73, 90, std::string("nul \0 inside", 12)}};
  d.title_position = 107;
  auto back = DecodeRecordData(EncodeRecordData(d));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->doc_type, "QUYẾT ĐỊNH");
  EXPECT_EQ(back->title_position, 107u);
  ASSERT_EQ(back->pages.size(), 3u);
  EXPECT_EQ(back->pages[1].number, 3);
  EXPECT_EQ(back->pages[2].first_position, 73u);
  EXPECT_EQ(back->pages[2].text, d.pages[2].text);
}

TEST(RecordDataTest, DamagedDataIsCorrupt) {
  EXPECT_EQ(DecodeRecordData("{}").status().code(), StatusCode::kCorrupt);
  std::string cut = EncodeRecordData({"abc", "", "", "", "", "", "", "", "", "", {{1, 1, 2, "hai từ"}}, 5});
  cut.resize(cut.size() - 3);
  EXPECT_EQ(DecodeRecordData(cut).status().code(), StatusCode::kCorrupt);
}

}  // namespace
}  // namespace luutru::index
