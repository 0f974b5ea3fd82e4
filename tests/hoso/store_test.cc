// Archival files in a real catalog: the description kept, documents in order, ingested files
// attached by folder or by the file named.
#include "hoso/store.h"

#include <gtest/gtest.h>

#include "core/fs_util.h"
#include "core/record_json.h"
#include "hoso/attach.h"
#include "hoso/describe.h"
#include "hoso/finding_aid.h"
#include "hoso/registers.h"
#include "test_util.h"

namespace luutru::hoso {
namespace {

namespace fs = std::filesystem;

ArchivalFile File(const std::string& code, const std::string& title) {
  ArchivalFile file;
  file.code = code;
  file.values[std::string(kTitle)] = title;
  file.values[std::string(kRetention)] = "01";
  return file;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::Open(dir_.path() / "catalog.sqlite");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    ASSERT_TRUE(store_->PutFiles({File("01.VP", "Văn thư"), File("02.VP", "Lưu trữ")}).ok());
  }
  std::vector<std::string> Records(const std::string& code) {
    std::vector<std::string> ids;
    const Result<std::vector<FileDocument>> documents = store_->Documents(code);
    EXPECT_TRUE(documents.ok());
    for (const FileDocument& d : *documents) ids.push_back(d.record_id);
    return ids;
  }
  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreTest, ADescriptionIsReplacedAndItsDocumentsStay) {
  ASSERT_TRUE(store_->Append("01.VP", {"r1", "r2"}).ok());
  ASSERT_TRUE(store_->PutFiles({File("01.VP", "Văn thư năm 2024")}).ok());
  EXPECT_EQ(store_->Find("01.VP").value()->Value(kTitle), "Văn thư năm 2024");
  EXPECT_EQ(Records("01.VP"), (std::vector<std::string>{"r1", "r2"}));
  EXPECT_EQ(store_->List().value().size(), 2u);
  EXPECT_FALSE(store_->Find("09.VP").value().has_value());
}

TEST_F(StoreTest, DocumentsKeepTheirPlaces) {
  ASSERT_TRUE(store_->Append("01.VP", {"r1", "r2"}).ok());
  ASSERT_TRUE(store_->Append("01.VP", {"r2", "r3"}).ok()) << "r2 again keeps its place";
  const std::vector<FileDocument> docs = store_->Documents("01.VP").value();
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[2].record_id, "r3");
  EXPECT_EQ(docs[2].ordinal, 3);
  EXPECT_EQ(store_->FileOf("r3").value(), "01.VP");
  EXPECT_EQ(store_->Append("09.VP", {"r4"}).code(), StatusCode::kNotFound);
}

TEST_F(StoreTest, IngestedFilesGoToTheirFoldersFileInNameOrder) {
  const std::vector<IngestedFile> ingested = {{"/scans/01.VP/10.pdf", "r10"},
                                              {"/scans/01.VP/2.pdf", "r2"},
                                              {"/scans/02.VP/a/1.png", "r1"},
                                              {"/scans/loose/x.pdf", "rx"}};
  Result<std::map<std::string, int>> attached = AttachIngested(*store_, ingested);
  ASSERT_TRUE(attached.ok()) << attached.status().ToString();
  EXPECT_EQ(Records("01.VP"), (std::vector<std::string>{"r2", "r10"}));
  EXPECT_EQ(Records("02.VP"), std::vector<std::string>{"r1"}) << "the nearest folder so named";
  EXPECT_EQ(attached->at("01.VP"), 2);
  EXPECT_FALSE(store_->FileOf("rx").value().has_value()) << "a file in no hồ sơ's folder";
  // Named on the command line: every file goes there.
  ASSERT_TRUE(AttachIngested(*store_, {{"/elsewhere/y.pdf", "ry"}}, "02.VP").ok());
  EXPECT_EQ(Records("02.VP"), (std::vector<std::string>{"r1", "ry"}));
  EXPECT_EQ(AttachIngested(*store_, ingested, "09.VP").status().code(), StatusCode::kNotFound);
}

TEST(CsvLine, QuotesOnlyWhatLibreOfficeNeedsQuoted) {
  EXPECT_EQ(CsvLine({"01.VP", "Hồ sơ A, B", "say \"hi\"", ""}),
            "01.VP,\"Hồ sơ A, B\",\"say \"\"hi\"\"\",\r\n");
  EXPECT_EQ(ParseCsv(CsvLine({"a\nb", "c"}), ',')[0], (std::vector<std::string>{"a\nb", "c"}))
      << "read back as written";
}

TEST(NaturalLess, NumbersInNamesCompareAsNumbers) {
  EXPECT_TRUE(NaturalLess("a2.pdf", "a10.pdf"));
  EXPECT_FALSE(NaturalLess("a10.pdf", "a2.pdf"));
  EXPECT_TRUE(NaturalLess("a02.pdf", "a3.pdf"));
  EXPECT_TRUE(NaturalLess("a.pdf", "b.pdf"));
  EXPECT_FALSE(NaturalLess("a.pdf", "a.pdf"));
}

TEST(SplitNumber, AsTt05SplitsIt) {
  EXPECT_EQ(SplitNumber("123/QĐ-UBND"), (std::pair<std::string, std::string>{"123", "QĐ-UBND"}));
  EXPECT_EQ(SplitNumber("45/2018/QĐ-TTg"),
            (std::pair<std::string, std::string>{"45", "2018/QĐ-TTg"}));
  EXPECT_EQ(SplitNumber("…/CT-UBND"), (std::pair<std::string, std::string>{"", "CT-UBND"}));
  EXPECT_EQ(SplitNumber("466-CV/BTCTU"), (std::pair<std::string, std::string>{"466-CV", "BTCTU"}));
}

TEST_F(StoreTest, ADescriptionIsCompletedFromItsDocuments) {
  const ArchiveLayout layout(dir_.path());
  auto write = [&](const std::string& id, const std::string& date, int pages) {
    Record r;
    r.id = id;
    r.source = "/scans/" + id + ".pdf";
    r.metadata.doc_type = "QUYẾT ĐỊNH";
    r.metadata.number = "12/QĐ-UBND";
    r.metadata.date = date;
    r.pages.resize(pages);
    fs::create_directories(layout.RecordJson(id).parent_path());
    ASSERT_TRUE(WriteFileAtomically(layout.RecordJson(id), RecordToJson(r)).ok());
  };
  write("aaaa1111", "2023-05-02", 2);
  write("bbbb2222", "2021-11-30", 3);
  ASSERT_TRUE(store_->Append("01.VP", {"aaaa1111", "bbbb2222"}).ok());
  Result<FileDescription> d = Describe(layout, *store_, "01.VP");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->file.Value(kStartDate), "2021-11-30");
  EXPECT_EQ(d->file.Value(kEndDate), "2023-05-02");
  EXPECT_EQ(d->file.Value(kTotalDocuments), "2");
  EXPECT_EQ(d->file.Value(kPages), "5");
  EXPECT_EQ(d->derived.size(), 4u);
  ASSERT_EQ(d->documents.size(), 2u);
  EXPECT_EQ(d->documents[0].type_code, "02");
  EXPECT_EQ(d->documents[0].code_number, "12");
  EXPECT_EQ(d->documents[0].code_notation, "QĐ-UBND");
  // What the list left out and nothing tells: the access regime, the language, the sheets.
  EXPECT_NE(std::find(d->missing.begin(), d->missing.end(), std::string(kAccess)),
            d->missing.end());
  EXPECT_NE(std::find(d->missing.begin(), d->missing.end(), "numberOfPaper"), d->missing.end());
  EXPECT_EQ(Describe(layout, *store_, "09.VP").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace luutru::hoso
