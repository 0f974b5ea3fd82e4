// `luutru verify` on a real archive (catalog, objects, record.json, Xapian) broken on purpose,
// one way at a time: each damage is found and named; --repair rebuilds what is derived and
// never touches an original.
#include "ingest/verify.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/fs_util.h"
#include "core/record_json.h"
#include "fake_engines.h"
#include "index/writer.h"
#include "ingest/pipeline.h"
#include "pdf_fixtures.h"
#include "search/searcher.h"
#include "test_util.h"

namespace luutru::ingest {
namespace {

namespace fs = std::filesystem;

class VerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "in");
    fs::copy_file(testing::SamplesDir() / "cv-chuyen-doi-so.pdf", dir_ / "in" / "cv.pdf");
    fs::copy_file(testing::SamplesDir() / "qd-so-hoa-tai-lieu.png", dir_ / "in" / "qd.png");
    options_.archive_dir = dir_ / "archive";
    options_.jobs = 1;
    options_.make_engine = []() -> Result<std::unique_ptr<ocr::OcrEngine>> {
      return std::unique_ptr<ocr::OcrEngine>(
          new testing::FakeOcrEngine("quyết định số hóa tài liệu"));
    };
    options_.cleanup.fix_orientation = false;
    auto report = RunIngest({(dir_ / "in").string()}, options_);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    ASSERT_EQ(report->archived, 2);
    for (const FileOutcome& f : report->files)
      ids_[fs::path(f.source).filename().string()] = f.record_id;
  }

  VerifyReport Verify(bool repair = false) {
    auto report = VerifyArchive(layout(), {.rehash = true, .repair = repair});
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : VerifyReport{};
  }

  static std::vector<std::string> Kinds(const VerifyReport& r) {
    std::vector<std::string> kinds;
    for (const VerifyProblem& p : r.problems) kinds.push_back(p.kind);
    return kinds;
  }

  size_t Hits(const std::string& query) {
    auto searcher = search::Searcher::Open(layout().index());
    if (!searcher.ok()) return 0;
    auto results = (*searcher)->Search({.query = query});
    return results.ok() ? results->hits.size() : 0;
  }

  ArchiveLayout layout() const { return ArchiveLayout(options_.archive_dir); }

  testing::TempDir dir_;
  IngestOptions options_;
  std::map<std::string, std::string> ids_;  // input file name -> record id
};

TEST_F(VerifyTest, AFreshArchiveAgrees) {
  VerifyReport r = Verify();
  EXPECT_TRUE(r.clean()) << ::testing::PrintToString(Kinds(r));
  EXPECT_EQ(r.records, 2);
  EXPECT_EQ(r.originals, 2);
  EXPECT_EQ(r.indexed_records, 2);
}

TEST_F(VerifyTest, AChangedOriginalIsNamedAndLeftAlone) {
  Result<std::string> json = ReadFile(layout().RecordJson(ids_["cv.pdf"]));
  ASSERT_TRUE(json.ok());
  Result<Record> record = RecordFromJson(*json);
  ASSERT_TRUE(record.ok());
  const fs::path original = layout().ObjectPath(record->sha256);
  fs::permissions(original, fs::perms::owner_write, fs::perm_options::add);
  std::ofstream(original, std::ios::app) << "bit rot";
  const auto size = fs::file_size(original);

  VerifyReport r = Verify(/*repair=*/true);
  ASSERT_EQ(Kinds(r), std::vector<std::string>{"original-damaged"});
  EXPECT_EQ(r.problems[0].subject, ids_["cv.pdf"]);
  EXPECT_NE(r.problems[0].detail.find("backup"), std::string::npos);
  EXPECT_EQ(r.unrepaired(), 1);
  EXPECT_EQ(fs::file_size(original), size) << "repair never rewrites an original";
}

TEST_F(VerifyTest, ALostIndexIsRebuilt) {
  fs::remove_all(layout().index());
  EXPECT_EQ(Kinds(Verify()), std::vector<std::string>{"index-missing"});
  VerifyReport repaired = Verify(/*repair=*/true);
  EXPECT_EQ(repaired.unrepaired(), 0);
  EXPECT_TRUE(Verify().clean());
  EXPECT_GE(Hits("tài liệu"), 1u);
}

TEST_F(VerifyTest, AnIndexWithoutTheRecordsIsRebuilt) {
  {
    // An empty index, as if an old backup of it had been put back.
    fs::remove_all(layout().index());
    auto writer = index::Writer::Open(layout().index());
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  VerifyReport r = Verify();
  EXPECT_EQ(Kinds(r), (std::vector<std::string>{"not-indexed", "not-indexed"}));
  EXPECT_EQ(Verify(/*repair=*/true).unrepaired(), 0);
  EXPECT_TRUE(Verify().clean());
}

TEST_F(VerifyTest, ALostRecordIsForgottenSoTheNextIngestReadsItAgain) {
  fs::remove(layout().RecordJson(ids_["qd.png"]));
  VerifyReport r = Verify();
  ASSERT_EQ(Kinds(r), std::vector<std::string>{"record-missing"});
  EXPECT_NE(r.problems[0].detail.find("qd.png"), std::string::npos)
      << "names the source to ingest again";

  EXPECT_EQ(Verify(/*repair=*/true).unrepaired(), 0);
  EXPECT_TRUE(Verify().clean()) << "forgotten, and dropped from the index";
  auto again = RunIngest({(dir_ / "in").string()}, options_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->archived, 1);
  EXPECT_TRUE(fs::exists(layout().RecordJson(ids_["qd.png"])));
  EXPECT_TRUE(Verify().clean());
}

TEST_F(VerifyTest, MissingViewsAreWrittenAgain) {
  const std::string id = ids_["qd.png"];
  fs::remove(layout().SearchablePdf(id));
  fs::remove(layout().HocrPage(id, 1));
  EXPECT_EQ(Kinds(Verify()), std::vector<std::string>{"view-missing"});
  EXPECT_EQ(Verify(/*repair=*/true).unrepaired(), 0);
  EXPECT_TRUE(fs::exists(layout().SearchablePdf(id)));
  EXPECT_TRUE(fs::exists(layout().HocrPage(id, 1)));
  EXPECT_TRUE(Verify().clean());
}

TEST_F(VerifyTest, LeftoversOfAKilledRunAreRemoved) {
  ASSERT_TRUE(WriteFileAtomically(layout().tmp() / "object.123.0", "half a scan").ok());
  const fs::path half = layout().RecordJson(ids_["cv.pdf"]).string() + ".tmp.123";
  ASSERT_TRUE(WriteFileAtomically(half, "{").ok());
  EXPECT_EQ(Kinds(Verify()), (std::vector<std::string>{"leftover", "leftover"}));
  EXPECT_TRUE(Verify().clean()) << "a leftover harms nothing: listed, not a failure";
  EXPECT_EQ(Verify(/*repair=*/true).unrepaired(), 0);
  EXPECT_FALSE(fs::exists(half));
  EXPECT_TRUE(Verify().clean());
}

TEST_F(VerifyTest, ARecordThatCannotBeReadNowIsNotForgotten) {
  // EACCES or EIO on an intact record.json: reported, and nothing thrown away.
  const fs::path json = layout().RecordJson(ids_["cv.pdf"]);
  const fs::path kept = json.string() + ".kept";
  fs::rename(json, kept);
  fs::create_directories(json);  // read as a file, it fails as a disk error would
  VerifyReport r = Verify(/*repair=*/true);
  EXPECT_EQ(Kinds(r), std::vector<std::string>{"record-unreadable"});
  EXPECT_EQ(r.unrepaired(), 1);
  fs::remove(json);
  fs::rename(kept, json);
  EXPECT_TRUE(Verify().clean()) << "the record is still the catalog's";
}

TEST_F(VerifyTest, AnOriginalThatCannotBeMadeSearchableIsNotedOnce) {
  // A PDF whose page tree loops: its text is archived, its searchable copy cannot be made.
  ASSERT_TRUE(WriteFileAtomically(dir_ / "loop/loop.pdf", testing::PageTreeLoopPdf()).ok());
  auto report = RunIngest({(dir_ / "loop").string()}, options_);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->archived, 1);
  const std::string id = report->files[0].record_id;
  EXPECT_FALSE(fs::exists(layout().SearchablePdf(id)));
  EXPECT_TRUE(fs::exists(layout().SearchablePdfUnavailable(id)));
  EXPECT_TRUE(Verify().clean()) << ::testing::PrintToString(Kinds(Verify()));
}

TEST_F(VerifyTest, WaitsForAWriter) {
  auto writer = index::Writer::Open(layout().index());
  ASSERT_TRUE(writer.ok());
  auto report = VerifyArchive(layout(), {});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kBusy);
}

TEST(VerifyArchiveTest, NoArchiveIsAClearError) {
  testing::TempDir dir;
  auto report = VerifyArchive(ArchiveLayout(dir.path() / "nothing"), {});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kNotFound);
  EXPECT_NE(report.status().message().find("--archive"), std::string::npos);
}

}  // namespace
}  // namespace luutru::ingest
