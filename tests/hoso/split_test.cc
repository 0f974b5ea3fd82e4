// A scan holding several documents made into a record each, in a real archive (catalog,
// index, records/): the documents follow the split, keep their ids and the values people set
// while their boundaries move, and keep their places in their archival file.
#include "hoso/split.h"

#include <gtest/gtest.h>

#include "core/fs_util.h"
#include "core/record_json.h"
#include "hoso/store.h"
#include "index/writer.h"
#include "ingest/catalog.h"
#include "ingest/record_fields.h"
#include "test_util.h"

namespace luutru::hoso {
namespace {

PageText Page(int number, const std::string& text) {
  PageText page;
  page.number = number;
  page.text = text;
  page.method = TextMethod::kTextLayer;
  return page;
}

std::string Header(const std::string& number, const std::string& type) {
  return "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: " + number +
         "\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
         "Quảng Ngãi, ngày 02 tháng 10 năm 2022\n\n" +
         type + "\nVề việc công tác văn thư\n";
}
const char* kContinuation = "2\n\nĐiều 3. Chánh Văn phòng chịu trách nhiệm thi hành.\n";

class SplitTest : public ::testing::Test {
 protected:
  // A scan of 5 pages: a decision (pages 1-2), a plan (3), a report (4-5), archived as one
  // record, the second document of file 01.VP.
  void SetUp() override {
    scan_.sha256 = std::string(64, 'a');
    scan_.id = RecordIdFor(scan_.sha256);
    scan_.source = "scans/01.VP/ho-so.pdf";
    scan_.format = "pdf";
    scan_.pages = {Page(1, Header("12/QĐ-UBND", "QUYẾT ĐỊNH")), Page(2, kContinuation),
                   Page(3, Header("7/KH-UBND", "KẾ HOẠCH")),
                   Page(4, Header("9/BC-UBND", "BÁO CÁO")), Page(5, kContinuation)};
    auto catalog = ingest::Catalog::Open(layout_.catalog());
    ASSERT_TRUE(catalog.ok());
    ASSERT_TRUE(ingest::FillFields(scan_, **catalog).ok());
    ASSERT_TRUE((*catalog)->PutRecord({scan_.id, scan_.sha256, scan_.source, "pdf", 5}).ok());
    ASSERT_TRUE(
        (*catalog)->PutRecord({"0123456789abcdef", std::string(64, 'b'), "a.pdf", "pdf", 1}).ok());
    ASSERT_TRUE(WriteFileAtomically(layout_.RecordJson(scan_.id), RecordToJson(scan_)).ok());
    Record other;
    other.id = "0123456789abcdef";
    other.sha256 = std::string(64, 'b');
    other.pages = {Page(1, Header("3/TB-UBND", "THÔNG BÁO"))};
    ASSERT_TRUE(WriteFileAtomically(layout_.RecordJson(other.id), RecordToJson(other)).ok());
    auto writer = index::Writer::Open(layout_.index());
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->AddRecord(scan_).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
    auto store = Store::Open(layout_.catalog());
    ASSERT_TRUE(store.ok());
    ArchivalFile file;
    file.code = "01.VP";
    ASSERT_TRUE((*store)->PutFiles({file}).ok());
    ASSERT_TRUE((*store)->Append("01.VP", {"0123456789abcdef", scan_.id}).ok());
  }

  // As ingest finds it, or (`checked`) as the archivist sets it.
  Result<SplitOutcome> Split(std::vector<int> starts, bool checked = false) {
    SplitOptions options;
    options.checked = checked;
    options.searchable_pdf = false;  // no original in objects/ to draw from
    return SplitScan(layout_, scan_.id, std::move(starts), options);
  }
  Record Read(const std::string& id) {
    Result<std::string> json = ReadFile(layout_.RecordJson(id));
    EXPECT_TRUE(json.ok()) << id;
    return json.ok() ? RecordFromJson(*json).value() : Record{};
  }
  std::vector<std::string> FileOrder() {
    std::vector<std::string> ids;
    const std::vector<FileDocument> documents =
        Store::Open(layout_.catalog()).value()->Documents("01.VP").value();
    for (const FileDocument& d : documents) ids.push_back(d.record_id);
    return ids;
  }

  testing::TempDir dir_;
  ArchiveLayout layout_{dir_.path()};
  Record scan_;
};

TEST_F(SplitTest, EachDocumentBecomesARecordInItsPlace) {
  Result<Scan> scan = LoadScan(layout_, scan_.id);
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  EXPECT_EQ(FoundStarts(*scan), (std::vector<int>{1, 3, 4}));
  Result<SplitOutcome> split = Split({1, 3, 4});
  ASSERT_TRUE(split.ok()) << split.status().ToString();
  ASSERT_EQ(split->documents.size(), 3u);
  EXPECT_EQ(split->documents[0], scan_.id) << "the first keeps the original's record";
  const Record plan = Read(split->documents[1]), report = Read(split->documents[2]);
  EXPECT_EQ(plan.metadata.number, "7/KH-UBND");
  EXPECT_EQ(report.metadata.doc_type, "BÁO CÁO");
  ASSERT_EQ(report.pages.size(), 2u);
  EXPECT_EQ(report.pages.front().number, 4) << "pages keep their numbers in the scan";
  ASSERT_TRUE(report.part.has_value());
  EXPECT_EQ(report.part->n, 3);
  EXPECT_EQ(report.part->of, 3);
  EXPECT_FALSE(report.part->checked) << "found, not checked by a person";
  EXPECT_EQ(Read(scan_.id).metadata.number, "12/QĐ-UBND");
  EXPECT_EQ(FileOrder(), (std::vector<std::string>{"0123456789abcdef", scan_.id,
                                                   split->documents[1], split->documents[2]}));
  ASSERT_TRUE(report.hoso.has_value());
  EXPECT_EQ(report.hoso->ordinal, 4);
  auto catalog = ingest::Catalog::Open(layout_.catalog()).value();
  EXPECT_EQ(catalog->RecordsOf(scan_.sha256).value().size(), 3u);
  EXPECT_FALSE(Split({1, 3, 4}).value().changed) << "the same split again changes nothing";
}

TEST_F(SplitTest, MovingABoundaryKeepsEachDocumentsRecordAndWhatPeopleSet) {
  ASSERT_TRUE(Split({1, 3, 4}).ok());
  const std::string plan = FileOrder()[2];
  const std::string report = FileOrder()[3];
  ASSERT_TRUE(ingest::SetFields(layout_, report, {{"signer", "Trần Văn Hà"}}).ok());
  ASSERT_TRUE(Store::Open(layout_.catalog())
                  .value()
                  ->PutDocumentValues("01.VP", report, {{"autograph", "Ý kiến của Chủ tịch"}})
                  .ok());
  // The plan joined to the decision: the report keeps its record and its signer.
  Result<SplitOutcome> joined = Split({1, 4}, true);
  ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  EXPECT_EQ(joined->documents, (std::vector<std::string>{scan_.id, report}));
  EXPECT_EQ(joined->removed, std::vector<std::string>{plan});
  EXPECT_EQ(Read(report).metadata.signer, "Trần Văn Hà");
  EXPECT_EQ(Read(scan_.id).pages.size(), 3u);
  EXPECT_FALSE(std::filesystem::exists(layout_.RecordDir(plan)));
  // A boundary moved by a page: the report's record follows the report, read again.
  Result<SplitOutcome> moved = Split({1, 5}, true);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->documents[1], report);
  EXPECT_EQ(moved->reread, (std::vector<std::string>{scan_.id, report}));
  EXPECT_EQ(Read(report).metadata.signer, "Trần Văn Hà") << "a value set by hand stays";
  const std::vector<FileDocument> kept =
      Store::Open(layout_.catalog()).value()->Documents("01.VP").value();
  ASSERT_EQ(kept.size(), 3u);
  EXPECT_EQ(kept[2].values.at("autograph"), "Ý kiến của Chủ tịch")
      << "and so do the document's own elements in its file";
  EXPECT_TRUE(Read(report).part->checked);
  // Split where it was: the plan's record comes back, with its own id.
  Result<SplitOutcome> again = Split({1, 3, 4}, true);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->documents, (std::vector<std::string>{scan_.id, plan, report}));
  // Joined whole: one record of every page, no longer a part of anything.
  ASSERT_TRUE(Split({1}, true).ok());
  EXPECT_FALSE(Read(scan_.id).part.has_value());
  EXPECT_EQ(Read(scan_.id).pages.size(), 5u);
  EXPECT_EQ(FileOrder(), (std::vector<std::string>{"0123456789abcdef", scan_.id}));
}

TEST_F(SplitTest, StartsOutsideTheScanAreRefusedNamingTheFix) {
  for (const std::vector<int>& bad :
       {std::vector<int>{2, 3}, std::vector<int>{1, 4, 3}, std::vector<int>{1, 9}, {}}) {
    Result<SplitOutcome> split = Split(bad);
    ASSERT_FALSE(split.ok());
    EXPECT_EQ(split.status().code(), StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(ParseStarts("1, 4,7").value(), (std::vector<int>{1, 4, 7}));
  EXPECT_FALSE(ParseStarts("1;4").ok());
  EXPECT_FALSE(ParseStarts("").ok());
}

}  // namespace
}  // namespace luutru::hoso
