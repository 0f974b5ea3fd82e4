// The index's folder layout and a record's document data.
#include "index/layout.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "index/inspect.h"
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

Record MarkedRecord(const std::string& id, const std::string& mark) {
  Record r;
  r.id = id;
  r.metadata.confidentiality = mark;
  r.pages.push_back(PageText{});
  return r;
}

TEST(LayoutTest, AWriterCreatesTheShardsAndTheStubNamingThem) {
  testing::TempDir dir;
  const auto index_dir = dir / "index";
  EXPECT_EQ(DetectLayout(index_dir), IndexLayout::kNone);
  WriterOptions options;
  options.shards = 3;
  auto writer = Writer::Open(index_dir, options);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  EXPECT_EQ(DetectLayout(index_dir), IndexLayout::kMarkShards);
  auto named = ReadIndexDatabases(index_dir);
  ASSERT_TRUE(named.ok()) << named.status().ToString();
  EXPECT_EQ(named->shards, 3);
  EXPECT_EQ(named->generation, 0);
  ASSERT_EQ(named->databases.size(), 3u) << "the unmarked records' shards exist from the start";
  EXPECT_EQ(named->databases[2].path, index_dir / "g0-open-2");
  writer->reset();
  options.shards = 5;
  auto again = Writer::Open(index_dir, options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(ReadIndexDatabases(index_dir)->shards, 3) << "an existing index keeps its shards";
}

TEST(LayoutTest, EachMarksRecordsLiveInDatabasesOfTheirOwn) {
  testing::TempDir dir;
  auto writer = Writer::Open(dir / "index");
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->AddRecord(MarkedRecord("a1", "")).ok());
  ASSERT_TRUE((*writer)->AddRecord(MarkedRecord("b2", "TỐI MẬT")).ok());
  ASSERT_TRUE((*writer)->AddRecord(MarkedRecord("c3", "Mật lắm")).ok()) << "a mark set by hand";
  ASSERT_TRUE((*writer)->Commit().ok());
  auto named = ReadIndexDatabases(dir / "index");
  ASSERT_TRUE(named.ok());
  std::set<std::string> keys;
  for (const ShardDb& db : named->databases) keys.insert(std::string(MarkOf(db.secrecy).key));
  EXPECT_EQ(keys, (std::set<std::string>{"open", "toi-mat", "other"}));
  auto indexed = IndexedRecords(dir / "index");
  ASSERT_TRUE(indexed.ok());
  EXPECT_EQ(indexed->at("a1").secrecy, Secrecy::kNone);
  EXPECT_EQ(indexed->at("b2").secrecy, Secrecy::kToiMat);
  EXPECT_EQ(indexed->at("c3").secrecy, Secrecy::kUnknown);
}

TEST(LayoutTest, ARecordWhoseMarkChangedMovesAndIsHeldOnce) {
  testing::TempDir dir;
  auto writer = Writer::Open(dir / "index");
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->AddRecord(MarkedRecord("a1", "")).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  ASSERT_TRUE((*writer)->AddRecord(MarkedRecord("a1", "TUYỆT MẬT")).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  auto indexed = IndexedRecords(dir / "index");
  ASSERT_TRUE(indexed.ok());
  EXPECT_EQ(indexed->at("a1").secrecy, Secrecy::kTuyetMat);
  EXPECT_EQ(indexed->at("a1").copies, 1);
  ASSERT_TRUE((*writer)->AddRecord(MarkedRecord("a1", "")).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ(IndexedRecords(dir / "index")->at("a1").secrecy, Secrecy::kNone) << "and back";
  EXPECT_EQ(IndexedRecords(dir / "index")->at("a1").copies, 1);
}

TEST(LayoutTest, ARebuiltGenerationGoesLiveInOneSwitch) {
  testing::TempDir dir;
  const auto index_dir = dir / "index";
  {
    auto live = Writer::Open(index_dir);
    ASSERT_TRUE(live.ok());
    ASSERT_TRUE((*live)->AddRecord(MarkedRecord("old", "")).ok());
    ASSERT_TRUE((*live)->Commit().ok());
  }
  WriterOptions rebuild;
  rebuild.rebuild_generation = 1;
  rebuild.shards = 4;
  {
    auto fresh = Writer::Open(index_dir, rebuild);
    ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
    ASSERT_TRUE((*fresh)->AddRecord(MarkedRecord("new", "MẬT")).ok());
    ASSERT_TRUE((*fresh)->Finish().ok());
  }
  EXPECT_EQ(IndexedRecords(index_dir)->count("old"), 1u)
      << "the live index is untouched until the switch";
  std::ofstream(index_dir / "junk-left-by-a-crash") << "x";
  ASSERT_TRUE(SwitchGeneration(index_dir, 1).ok());
  auto named = ReadIndexDatabases(index_dir);
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->generation, 1);
  EXPECT_EQ(named->shards, 4);
  auto indexed = IndexedRecords(index_dir);
  EXPECT_EQ(indexed->count("old"), 0u);
  EXPECT_EQ(indexed->at("new").secrecy, Secrecy::kMat);
  EXPECT_FALSE(std::filesystem::exists(index_dir / "g0-open-0")) << "the old generation is removed";
  EXPECT_FALSE(std::filesystem::exists(index_dir / "junk-left-by-a-crash"));
  EXPECT_TRUE(UnnamedEntries(index_dir).empty());
}

TEST(LayoutTest, ARebuildKilledBeforeItsSwitchLeavesTheLiveIndexWhole) {
  testing::TempDir dir;
  const auto index_dir = dir / "index";
  {
    auto live = Writer::Open(index_dir);
    ASSERT_TRUE((*live)->AddRecord(MarkedRecord("kept", "")).ok());
    ASSERT_TRUE((*live)->Commit().ok());
  }
  WriterOptions rebuild;
  rebuild.rebuild_generation = 1;
  {
    auto fresh = Writer::Open(index_dir, rebuild);
    ASSERT_TRUE((*fresh)->AddRecord(MarkedRecord("half", "")).ok());
    ASSERT_TRUE((*fresh)->Commit().ok());
  }  // killed here: no switch
  EXPECT_EQ(IndexedRecords(index_dir)->count("kept"), 1u);
  EXPECT_EQ(IndexedRecords(index_dir)->count("half"), 0u);
  EXPECT_FALSE(UnnamedEntries(index_dir).empty()) << "what it left is known, for verify to remove";
  {
    auto again = Writer::Open(index_dir, rebuild);  // the next rebuild starts from nothing
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    ASSERT_TRUE((*again)->Finish().ok());
  }
  ASSERT_TRUE(SwitchGeneration(index_dir, 1).ok());
  EXPECT_EQ(IndexedRecords(index_dir)->count("half"), 0u) << "nothing of the killed build survives";
}

TEST(LayoutTest, AFinishedUnsyncedWriterLeavesACommittedIndexAndTakesNoMore) {
  testing::TempDir dir;
  WriterOptions options;
  options.sync_commits = false;
  auto writer = Writer::Open(dir / "index", options);
  ASSERT_TRUE(writer.ok());
  Record r = MarkedRecord("abc", "");
  ASSERT_TRUE((*writer)->AddRecord(r).ok());
  ASSERT_TRUE((*writer)->Finish().ok());
  EXPECT_EQ((*writer)->AddRecord(r).code(), StatusCode::kInternal);
  writer->reset();
  auto again = Writer::Open(dir / "index");
  EXPECT_TRUE(again.ok()) << "the shards were closed and unlocked";
}

TEST(LayoutTest, IndexesOfEarlierLayoutsAreRefusedNamingReindex) {
  testing::TempDir dir;
  const auto index_dir = dir / "index";
  std::filesystem::create_directories(index_dir);
  std::ofstream(index_dir / "iamglass") << "";  // what a single Xapian database holds
  EXPECT_EQ(DetectLayout(index_dir), IndexLayout::kPageDocuments);
  auto writer = Writer::Open(index_dir);
  EXPECT_EQ(writer.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(writer.status().message().find("luutru reindex"), std::string::npos);
  std::filesystem::remove(index_dir / "iamglass");
  std::ofstream(index_dir / "XAPIANDB")
      << "glass shard-0\nglass shard-1\n";  // the first sharded layout
  EXPECT_EQ(DetectLayout(index_dir), IndexLayout::kShards);
  EXPECT_EQ(Writer::Open(index_dir).status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(ReadIndexDatabases(index_dir).status().code(), StatusCode::kUnsupported);
}

TEST(LayoutTest, ABrokenStubIsCorruptNotACrash) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir / "index");
  for (const char* stub :
       {"# luutru index: shards=2\nremote ../elsewhere\n", "# luutru index: shards=2\n",
        "# luutru index: shards=2\nglass g0-secret-0\n",
        "# luutru index: shards=2\nglass g0-open-7\n",
        "# luutru index: shards=x\nglass g0-open-0\n",
        "# luutru index: shards=2\nglass g0-open-0\nglass g1-open-1\n"}) {
    std::ofstream(dir / "index" / "XAPIANDB") << stub;
    EXPECT_EQ(ReadIndexDatabases(dir / "index").status().code(), StatusCode::kCorrupt) << stub;
    EXPECT_TRUE(UnnamedEntries(dir / "index").empty())
        << "nothing is removed from an index that cannot be read";
  }
}

TEST(RecordDataTest, RoundTripsFieldsPagesAndAnyText) {
  RecordData d;
  d.record_id = "abc";
  d.summary.doc_type = "QUYẾT ĐỊNH";
  d.summary.urgency = "HỎA TỐC";
  d.pages = {
      {1, 1, 40, "Trang một\n"}, {3, 57, 56, ""}, {4, 73, 90, std::string("nul \0 inside", 12)}};
  d.title_position = 107;
  auto back = DecodeRecordData(EncodeRecordData(d));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->summary, d.summary);
  EXPECT_EQ(back->title_position, 107u);
  ASSERT_EQ(back->pages.size(), 3u);
  EXPECT_EQ(back->pages[1].number, 3);
  EXPECT_EQ(back->pages[2].first_position, 73u);
  EXPECT_EQ(back->pages[2].text, d.pages[2].text);
}

TEST(RecordDataTest, DataWrittenWithShortKeysIsReadAsItIs) {
  // As indexes kept it before the summary followed core's field table.
  const std::string old =
      std::string(R"({"r":"abc","s":"a.pdf","t":"QUYẾT ĐỊNH","no":"7/QĐ-SNV","c":"MẬT",)") +
      R"("tp":3,"pg":[[1,1,2,8]]})" + '\0' + "hai từ";
  auto back = DecodeRecordData(old);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->summary.doc_type, "QUYẾT ĐỊNH");
  EXPECT_EQ(back->summary.number, "7/QĐ-SNV");
  EXPECT_EQ(back->summary.confidentiality, "MẬT");
  EXPECT_EQ(back->pages[0].text, "hai từ");
}

TEST(RecordDataTest, DamagedDataIsCorrupt) {
  EXPECT_EQ(DecodeRecordData("{}").status().code(), StatusCode::kCorrupt);
  std::string cut = EncodeRecordData({"abc", "", {}, {{1, 1, 2, "hai từ"}}, 5});
  cut.resize(cut.size() - 3);
  EXPECT_EQ(DecodeRecordData(cut).status().code(), StatusCode::kCorrupt);
}

}  // namespace
}  // namespace luutru::index
