// `luutru merge`: the archives of three ingest parts (--part K/3) merged into one equal the
// archive one ingest of every file makes: records, text, fields, originals, catalog, hồ sơ,
// search results; merging again changes nothing; a bad part is refused whole.
#include "merge/merge.h"

#include <gtest/gtest.h>

#include <set>

#include "core/archive_layout.h"
#include "core/fs_util.h"
#include "core/record_json.h"
#include "fake_engines.h"
#include "hoso/attach.h"
#include "hoso/refresh.h"
#include "hoso/store.h"
#include "ingest/catalog.h"
#include "ingest/object_store.h"
#include "ingest/pipeline.h"
#include "ingest/verify.h"
#include "pdf_fixtures.h"
#include "search/searcher.h"
#include "test_util.h"

namespace luutru::merge {
namespace {

namespace fs = std::filesystem;

constexpr char kFile[] = "01.VP";

class MergeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Text PDFs (read from their text layer, no OCR), a few in a hồ sơ's folder, one twice.
    // (Helvetica's text layer holds no Vietnamese marks: the words are written without.)
    const char* subjects[] = {"chuyen doi so",     "tiep cong dan",    "phong chay chua chay",
                              "so hoa tai lieu",   "van thu luu tru",  "cai cach hanh chinh",
                              "an toan thong tin", "kiem tra cong vu", "thi dua khen thuong",
                              "quan ly tai san",   "dao tao can bo",   "bao cao tong ket"};
    for (int i = 0; i < 12; ++i) {
      const fs::path path =
          dir_ / "in" / (i < 5 ? "hs/" : "") / ("vb-" + std::to_string(i + 1) + ".pdf");
      fs::create_directories(path.parent_path());
      std::string text = "UBND TINH QUANG NGAI\nSo: " + std::to_string(100 + i) +
                         "/QD-UBND\nQUYET DINH ve " + subjects[i] + "\nnam 2024";
      ASSERT_TRUE(testing::WriteTextPdf(path, text).ok());
    }
    fs::copy_file(dir_ / "in/vb-7.pdf", dir_ / "in/vb-7-copy.pdf");
    duplicated_sha_ = ingest::Sha256OfFile(dir_ / "in/vb-7.pdf").value();
    ASSERT_TRUE(WriteFileAtomically(dir_ / "in/broken.pdf", "%PDF-1.4 not really").ok());
  }

  // Ingests the part `part` of the sources into `archive` as `luutru ingest` does, the hồ sơ's
  // folder attached to it.
  void Ingest(const fs::path& archive, ingest::SourcePart part = {}) {
    ingest::IngestOptions options;
    options.archive_dir = archive;
    options.jobs = 2;
    options.part = part;
    options.make_engine = []() -> Result<std::unique_ptr<ocr::OcrEngine>> {
      return std::unique_ptr<ocr::OcrEngine>(new testing::FakeOcrEngine("văn bản quét"));
    };
    auto report = ingest::RunIngest({(dir_ / "in").string()}, options);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    auto store = hoso::Store::Open(ArchiveLayout(archive).catalog());
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->PutFiles({{kFile, {{"title", "Hồ sơ văn bản năm 2024"}}}}).ok());
    std::vector<hoso::IngestedFile> in_file;
    for (const ingest::FileOutcome& f : report->files) {
      if (f.outcome == ingest::Outcome::kArchived && f.source.find("/hs/") != std::string::npos)
        in_file.push_back({f.source, f.record_id});
    }
    ASSERT_TRUE(hoso::AttachIngested(**store, in_file, kFile).ok());
    ASSERT_TRUE(hoso::RefreshDocuments(ArchiveLayout(archive), **store, {kFile}).ok());
  }

  std::vector<fs::path> IngestParts() {
    std::vector<fs::path> parts;
    for (int k = 0; k < 3; ++k) {
      parts.push_back(dir_ / ("part-" + std::to_string(k)));
      Ingest(parts.back(), {k, 3});
    }
    return parts;
  }

  // What an archive holds that must not depend on how it was made.
  struct Contents {
    std::map<std::string, std::string> records;  // id -> source, text, fields, hồ sơ place
    std::set<std::string> originals;
    std::map<std::string, std::string> files;  // catalog key -> state and record
    std::vector<std::string> documents;        // the hồ sơ's, in order
  };

  Contents Read(const fs::path& archive) {
    const ArchiveLayout layout(archive);
    Contents out;
    auto catalog = ingest::Catalog::Open(layout.catalog());
    EXPECT_TRUE(catalog.ok());
    const std::vector<ingest::RecordEntry> records = (*catalog)->ListRecords().value();
    for (const ingest::RecordEntry& r : records) {
      auto record = RecordFromJson(ReadFile(layout.RecordJson(r.id)).value());
      EXPECT_TRUE(record.ok()) << r.id;
      std::string seen = record->sha256 + "|" + record->metadata.number + "|" +
                         record->metadata.subject + "|" + record->metadata.date + "|";
      for (const PageText& p : record->pages) seen += p.text + "|";
      if (record->hoso) seen += record->hoso->code + "#" + std::to_string(record->hoso->ordinal);
      if (r.sha256 != duplicated_sha_) seen += "|" + record->source;  // first path of several
      out.records[r.id] = seen;
    }
    for (const auto& e : fs::recursive_directory_iterator(layout.objects()))
      if (e.is_regular_file()) out.originals.insert(e.path().filename());
    for (auto state : {ingest::FileState::kDone, ingest::FileState::kFailed}) {
      const std::vector<ingest::FileEntry> files = (*catalog)->ListFiles(state).value();
      for (const ingest::FileEntry& f : files)
        out.files[f.key] = std::string(ingest::FileStateName(f.state)) + " " + f.record_id;
    }
    auto store = hoso::Store::Open(layout.catalog());
    const std::vector<hoso::FileDocument> documents = (*store)->Documents(kFile).value();
    for (const hoso::FileDocument& d : documents)
      out.documents.push_back(std::to_string(d.ordinal) + " " + d.record_id);
    return out;
  }

  std::vector<std::string> Search(const fs::path& archive, const std::string& query,
                                  long long* total) {
    auto searcher = search::Searcher::Open(ArchiveLayout(archive).index());
    EXPECT_TRUE(searcher.ok()) << searcher.status().ToString();
    auto results = (*searcher)->Search({.query = query, .limit = 50});
    EXPECT_TRUE(results.ok());
    *total = results->total_records;
    std::vector<std::string> ids;
    for (const search::SearchHit& h : results->hits) ids.push_back(h.record_id);
    return ids;
  }

  testing::TempDir dir_;
  std::string duplicated_sha_;  // of the file given twice: its source is either path
};

TEST_F(MergeTest, PartsMergedEqualOneIngestOfEveryFile) {
  Ingest(dir_ / "single");
  const std::vector<fs::path> parts = IngestParts();
  for (const fs::path& part : parts) {
    auto catalog = ingest::Catalog::Open(ArchiveLayout(part).catalog());
    EXPECT_GT((*catalog)->ListRecords()->size(), 0u) << part << ": 14 files in 3 parts";
  }
  auto report = MergeArchives(parts, dir_ / "merged");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->records_added, 12) << "12 contents; the copy and the broken file are none";
  EXPECT_EQ(report->documents_attached, 5);
  EXPECT_TRUE(report->conflicts.empty());

  const Contents single = Read(dir_ / "single");
  const Contents merged = Read(dir_ / "merged");
  EXPECT_EQ(merged.records, single.records);
  EXPECT_EQ(merged.originals, single.originals);
  EXPECT_EQ(merged.files, single.files) << "failed files are known too";
  EXPECT_EQ(merged.documents, single.documents) << "the hồ sơ's documents in file name order";
  EXPECT_EQ(merged.records.size(), 12u);

  for (const char* query : {"chuyen doi so", "quyet dinh", "\"tiếp công dân\"", "hoso:01.VP",
                            "ubnd quang ngai", "so hoa OR an toan"}) {
    long long single_total = 0, merged_total = 0;
    std::vector<std::string> a = Search(dir_ / "single", query, &single_total);
    std::vector<std::string> b = Search(dir_ / "merged", query, &merged_total);
    EXPECT_EQ(merged_total, single_total) << query;
    EXPECT_GT(single_total, 0) << query;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    EXPECT_EQ(b, a) << query;
  }
  auto verified = ingest::VerifyArchive(ArchiveLayout(dir_ / "merged"), {});
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_TRUE(verified->clean()) << ingest::VerifyReportToJson(*verified);
  EXPECT_EQ(verified->indexed_records, 12);
}

TEST_F(MergeTest, MergingAgainChangesNothing) {
  const std::vector<fs::path> parts = IngestParts();
  ASSERT_TRUE(MergeArchives(parts, dir_ / "merged").ok());
  const Contents before = Read(dir_ / "merged");
  const std::string stub = ReadFile(dir_ / "merged/index/XAPIANDB").value();

  auto again = MergeArchives({parts[1], parts[0], parts[2]}, dir_ / "merged");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->changed());
  EXPECT_EQ(again->records_added, 0);
  EXPECT_EQ(again->records_present, 12);
  EXPECT_EQ(Read(dir_ / "merged").records, before.records);
  EXPECT_EQ(Read(dir_ / "merged").documents, before.documents);
  EXPECT_EQ(ReadFile(dir_ / "merged/index/XAPIANDB").value(), stub) << "no new index generation";

  // One part at a time, in any order, gives the same archive.
  for (const fs::path& part : {parts[2], parts[0], parts[1]})
    ASSERT_TRUE(MergeArchives({part}, dir_ / "one-by-one").ok());
  EXPECT_EQ(Read(dir_ / "one-by-one").records.size(), 12u);
  long long total = 0;
  Search(dir_ / "one-by-one", "quyet dinh", &total);
  EXPECT_EQ(total, 12);
}

TEST_F(MergeTest, ABadPartIsRefusedWholeNamingTheFix) {
  const std::vector<fs::path> parts = IngestParts();
  auto not_archive = MergeArchives({parts[0], dir_ / "in"}, dir_ / "merged");
  ASSERT_FALSE(not_archive.ok());
  EXPECT_EQ(not_archive.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(not_archive.status().message().find("not an archive"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir_ / "merged/index/XAPIANDB")) << "nothing merged";

  auto itself = MergeArchives({parts[0]}, parts[0]);
  ASSERT_FALSE(itself.ok());
  EXPECT_EQ(itself.status().code(), StatusCode::kInvalidArgument);

  // A part whose original was damaged: its bytes are not their name.
  const ArchiveLayout part(parts[1]);
  auto catalog = ingest::Catalog::Open(part.catalog());
  const ingest::RecordEntry record = (*catalog)->ListRecords()->front();
  fs::permissions(part.ObjectPath(record.sha256), fs::perms::owner_write, fs::perm_options::add);
  ASSERT_TRUE(WriteFileAtomically(part.ObjectPath(record.sha256), "damaged").ok());
  auto damaged = MergeArchives({parts[1]}, dir_ / "merged");
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(damaged.status().message().find("luutru verify --archive"), std::string::npos);
}

}  // namespace
}  // namespace luutru::merge
