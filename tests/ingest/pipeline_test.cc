// The ingest pipeline end to end with fake OCR engines: storage, records, index, catalog,
// idempotence, duplicates and failures. (The real engine runs in ocr_test and e2e.samples.)
#include "ingest/pipeline.h"

#include <gtest/gtest.h>

#include <thread>

#include "core/archive_layout.h"
#include "core/fs_util.h"
#include "core/record_json.h"
#include "fake_engines.h"
#include "ingest/catalog.h"
#include "pdf_fixtures.h"
#include "search/searcher.h"
#include "test_util.h"

namespace luutru::ingest {
namespace {

namespace fs = std::filesystem;

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "in");
    options_.archive_dir = dir_ / "archive";
    options_.jobs = 2;
    options_.make_engine = [this]() -> Result<std::unique_ptr<ocr::OcrEngine>> {
      return std::unique_ptr<ocr::OcrEngine>(
          new testing::FakeOcrEngine("văn bản quét", &ocr_calls_));
    };
  }

  void AddSample(const std::string& name, const std::string& as = "") {
    fs::copy_file(testing::SamplesDir() / name, dir_ / "in" / (as.empty() ? name : as));
  }

  IngestReport Ingest() {
    auto report = RunIngest({(dir_ / "in").string()}, options_);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : IngestReport{};
  }

  long long Search(const std::string& query) {
    auto searcher = search::Searcher::Open(ArchiveLayout(options_.archive_dir).index());
    EXPECT_TRUE(searcher.ok());
    auto results = (*searcher)->Search({.query = query});
    EXPECT_TRUE(results.ok());
    return results.ok() ? results->total_records : -1;
  }

  testing::TempDir dir_;
  IngestOptions options_;
  std::atomic<int> ocr_calls_{0};
};

TEST_F(PipelineTest, ArchivesImagesAndPdfsIntoRecordsIndexAndStore) {
  AddSample("cv-chuyen-doi-so.pdf");
  AddSample("tb-lich-tiep-cong-dan.tif");
  AddSample("qd-so-hoa-tai-lieu.png");
  IngestReport r = Ingest();
  EXPECT_TRUE(r.complete());
  EXPECT_EQ(r.files_seen, 3);
  EXPECT_EQ(r.archived, 3);
  EXPECT_EQ(r.pages, 4);
  EXPECT_EQ(r.text_layer_pages, 1);
  EXPECT_EQ(r.ocr_pages, 3);
  EXPECT_GE(ocr_calls_, 3) << "each OCR'd page read, region by region (ocr/page_ocr.h)";

  ArchiveLayout layout(options_.archive_dir);
  for (const FileOutcome& f : r.files) {
    ASSERT_EQ(f.outcome, Outcome::kArchived) << f.source;
    auto json = ReadFile(layout.RecordJson(f.record_id));
    ASSERT_TRUE(json.ok());
    auto record = RecordFromJson(*json);
    ASSERT_TRUE(record.ok());
    EXPECT_EQ(fs::file_size(layout.ObjectPath(record->sha256)),
              static_cast<uintmax_t>(record->size));
    for (const PageText& p : record->pages) EXPECT_FALSE(p.text.empty()) << f.source;
  }
  EXPECT_EQ(Search("chuyen doi so"), 1);  // from the text layer
  EXPECT_EQ(Search("van ban quet"), 2);   // from the (fake) OCR: the TIFF and the PNG
}

TEST_F(PipelineTest, SecondRunArchivesNothingAndReadsNoPage) {
  AddSample("qd-so-hoa-tai-lieu.png");
  AddSample("cv-chuyen-doi-so.pdf");
  ASSERT_EQ(Ingest().archived, 2);
  int calls = ocr_calls_;
  IngestReport again = Ingest();
  EXPECT_EQ(again.archived, 0);
  EXPECT_EQ(again.unchanged, 2);
  EXPECT_EQ(ocr_calls_, calls);
  EXPECT_TRUE(again.complete());
}

TEST_F(PipelineTest, SameContentUnderAnotherNameIsOneRecord) {
  AddSample("qd-so-hoa-tai-lieu.png");
  AddSample("qd-so-hoa-tai-lieu.png", "copy-of-scan.png");
  IngestReport r = Ingest();
  EXPECT_EQ(r.archived, 1);
  EXPECT_EQ(r.duplicates, 1);
  EXPECT_EQ(r.files[0].record_id, r.files[1].record_id);
  EXPECT_EQ(Search("van ban quet"), 1);
  EXPECT_EQ(Ingest().unchanged, 2) << "the duplicate is remembered too";
}

TEST_F(PipelineTest, BadFilesAreReportedAndTheBatchGoesOn) {
  AddSample("cv-chuyen-doi-so.pdf");
  ASSERT_TRUE(WriteFileAtomically(dir_ / "in/truncated.pdf", "%PDF-1.4\n1 0 obj\n<<").ok());
  ASSERT_TRUE(WriteFileAtomically(dir_ / "in/scan.tif", "not really a TIFF").ok());
  ASSERT_TRUE(WriteFileAtomically(dir_ / "in/notes.txt", "not a scan").ok());
  AddSample("qd-so-hoa-tai-lieu.png", "photo.gif");
  ASSERT_TRUE(testing::WriteTextPdf(dir_ / "in/locked.pdf", "Cong van", "openpassword").ok());
  IngestReport r = Ingest();
  EXPECT_FALSE(r.complete());
  EXPECT_EQ(r.archived, 2) << "photo.gif is a PNG: content, not name, decides";
  EXPECT_EQ(r.failed, 3);
  EXPECT_EQ(r.skipped, 1);
  std::map<std::string, std::string> errors;
  for (const FileOutcome& f : r.files) errors[fs::path(f.source).filename().string()] = f.error;
  EXPECT_EQ(errors["locked.pdf"].rfind("encrypted:", 0), 0u) << errors["locked.pdf"];
  EXPECT_EQ(errors["truncated.pdf"].rfind("corrupt:", 0), 0u) << errors["truncated.pdf"];
  EXPECT_EQ(errors["scan.tif"].rfind("corrupt:", 0), 0u) << errors["scan.tif"];
  EXPECT_NE(errors["notes.txt"].find("not a scan"), std::string::npos) << errors["notes.txt"];
  int objects = 0;
  for (const auto& entry :
       fs::recursive_directory_iterator(ArchiveLayout(options_.archive_dir).objects())) {
    objects += entry.is_regular_file();
  }
  EXPECT_EQ(objects, 2) << "the bytes of the files that failed are not kept";

  IngestReport again = Ingest();
  EXPECT_EQ(again.known_failures, 3) << "unchanged failures are not retried by default";
  EXPECT_EQ(again.failed, 0);
  options_.retry_failed = true;
  EXPECT_EQ(Ingest().failed, 3);
}

TEST_F(PipelineTest, PasswordOpensAnEncryptedPdf) {
  ASSERT_TRUE(testing::WriteTextPdf(dir_ / "in/locked.pdf", "Cong van", "openpassword").ok());
  options_.load.pdf_password = "openpassword";
  IngestReport r = Ingest();
  EXPECT_EQ(r.archived, 1) << (r.files.empty() ? "" : r.files[0].error);
}

TEST_F(PipelineTest, OcrFailureOnEveryPageFailsTheFileNotTheRun) {
  options_.make_engine = []() -> Result<std::unique_ptr<ocr::OcrEngine>> {
    return std::unique_ptr<ocr::OcrEngine>(new testing::FailingOcrEngine());
  };
  AddSample("qd-so-hoa-tai-lieu.png");
  AddSample("cv-chuyen-doi-so.pdf");  // text layer: needs no OCR, so it is archived
  IngestReport r = Ingest();
  EXPECT_EQ(r.archived, 1);
  EXPECT_EQ(r.failed, 1);
  EXPECT_FALSE(r.complete());
}

TEST_F(PipelineTest, AReaderThatThrowsFailsItsPagesNotTheRun) {
  // std::bad_alloc (a hostile file under a memory limit) or any exception from a library.
  options_.make_engine = []() -> Result<std::unique_ptr<ocr::OcrEngine>> {
    return std::unique_ptr<ocr::OcrEngine>(
        new testing::HookedOcrEngine([](const ocr::RasterView&) { throw std::bad_alloc(); }));
  };
  AddSample("qd-so-hoa-tai-lieu.png");
  AddSample("cv-chuyen-doi-so.pdf");  // a text layer: no OCR
  IngestReport r = Ingest();
  EXPECT_EQ(r.archived, 1);
  EXPECT_EQ(r.failed, 1);
  std::map<std::string, std::string> errors;
  for (const FileOutcome& f : r.files) errors[fs::path(f.source).filename().string()] = f.error;
  EXPECT_EQ(errors["qd-so-hoa-tai-lieu.png"].rfind("too_large:", 0), 0u)
      << errors["qd-so-hoa-tai-lieu.png"];
  EXPECT_NE(errors["qd-so-hoa-tai-lieu.png"].find("memory"), std::string::npos);
}

TEST_F(PipelineTest, FinishedRecordsAreCommittedWhileALongFileIsStillRead) {
  // The letter (a text layer) is read at once; the two-page TIFF after it keeps OCR busy
  // until the letter is done in the catalog: a commit on time, not on the next finished file.
  options_.commit_every_seconds =
      1;  // not yet due when the letter is read, long before the TIFF is
  options_.jobs = 1;
  const auto catalog_path = ArchiveLayout(options_.archive_dir).catalog();
  std::atomic<bool> committed_while_busy{false};
  options_.make_engine = [&]() -> Result<std::unique_ptr<ocr::OcrEngine>> {
    return std::unique_ptr<ocr::OcrEngine>(
        new testing::HookedOcrEngine([&](const ocr::RasterView&) {
          for (int i = 0; i < 200 && !committed_while_busy; ++i) {
            auto catalog = Catalog::Open(catalog_path);
            if (catalog.ok()) {
              auto done = (*catalog)->ListFiles(FileState::kDone);
              if (done.ok() && !done->empty()) committed_while_busy = true;
            }
            if (!committed_while_busy) std::this_thread::sleep_for(std::chrono::milliseconds(50));
          }
        }));
  };
  AddSample("cv-chuyen-doi-so.pdf");
  AddSample("tb-lich-tiep-cong-dan.tif");
  IngestReport r = Ingest();
  EXPECT_EQ(r.archived, 2);
  EXPECT_TRUE(committed_while_busy) << "the letter waited for the TIFF to be committed";
}

TEST_F(PipelineTest, NoNewIndexIsMadeBesideACatalogOfRecords) {
  // An index lost (or a rebuild killed in an earlier layout): a fresh empty index would hide
  // every record already archived, so the run refuses and names the repair.
  AddSample("cv-chuyen-doi-so.pdf");
  ASSERT_EQ(Ingest().archived, 1);
  fs::remove_all(ArchiveLayout(options_.archive_dir).index());
  AddSample("qd-so-hoa-tai-lieu.png");
  auto refused = RunIngest({(dir_ / "in").string()}, options_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(refused.status().message().find("verify --repair"), std::string::npos)
      << refused.status().message();
  EXPECT_FALSE(fs::exists(ArchiveLayout(options_.archive_dir).index()));
}

TEST_F(PipelineTest, AFileNameOfAnyBytesIsKeptAsValidUtf8SayingEachByte) {
  AddSample("cv-chuyen-doi-so.pdf", "c\xf4ng v\xe3n.pdf");  // Windows-1258 bytes, not UTF-8
  IngestReport r = Ingest();
  ASSERT_EQ(r.archived, 1);
  EXPECT_NE(r.files[0].source.find("c\\xf4ng v\\xe3n.pdf"), std::string::npos) << r.files[0].source;
  auto record = RecordFromJson(
      *ReadFile(ArchiveLayout(options_.archive_dir).RecordJson(r.files[0].record_id)));
  ASSERT_TRUE(record.ok());
  EXPECT_NE(record->source.find("c\\xf4ng v\\xe3n.pdf"), std::string::npos) << record->source;
  EXPECT_EQ(Ingest().unchanged, 1) << "the catalog knows the file by its bytes";
}

TEST_F(PipelineTest, MissingModelStopsTheRunBeforeAnyWork) {
  options_.make_engine = {};
  options_.ocr.tessdata_dir = (dir_ / "no-models").string();
  AddSample("qd-so-hoa-tai-lieu.png");
  auto report = RunIngest({(dir_ / "in").string()}, options_);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kMissingDependency);
  EXPECT_NE(report.status().message().find("tesseract-ocr-vie"), std::string::npos);
}

TEST_F(PipelineTest, ReportJsonCountsOutcomes) {
  AddSample("cv-chuyen-doi-so.pdf");
  std::string json = ReportToJson(Ingest());
  EXPECT_NE(json.find("\"complete\":true"), std::string::npos) << json;
  EXPECT_NE(json.find("\"archived\":1"), std::string::npos) << json;
  EXPECT_NE(json.find("\"outcome\":\"archived\""), std::string::npos) << json;
}

}  // namespace
}  // namespace luutru::ingest
