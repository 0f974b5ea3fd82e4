// The PDF/A-2b copy of a document, made from a real archive (a scan and a PDF ingested) and
// checked offline as the digitization rules can be without a validator: the header, the XMP
// and the Info dictionary agreeing, the sRGB output intent, every font embedded; and a PDF
// whose content PDF/A forbids refused with what stands in the way.
#include "package/pdfa.h"

#include <gtest/gtest.h>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include "core/fs_util.h"
#include "core/record_json.h"
#include "fake_engines.h"
#include "ingest/pipeline.h"
#include "pdf_fixtures.h"
#include "test_util.h"

namespace luutru::package {
namespace {

namespace fs = std::filesystem;

class PdfATest : public ::testing::Test {
 protected:
  // Ingests `files` (copied into a folder of their own) with a fake engine; the records by
  // their file name.
  std::map<std::string, Record> Ingest(const std::vector<fs::path>& files) {
    const fs::path in = dir_.path() / "in";
    fs::create_directories(in);
    for (const fs::path& f : files) fs::copy_file(f, in / f.filename());
    ingest::IngestOptions options;
    options.archive_dir = layout_.root();
    options.jobs = 1;
    options.make_engine = []() -> Result<std::unique_ptr<ocr::OcrEngine>> {
      return std::unique_ptr<ocr::OcrEngine>(new testing::FakeOcrEngine("Quyết định số hóa"));
    };
    Result<ingest::IngestReport> report = ingest::RunIngest({in.string()}, options);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    std::map<std::string, Record> records;
    for (const ingest::FileOutcome& f : report->files) {
      Result<std::string> json = ReadFile(layout_.RecordJson(f.record_id));
      EXPECT_TRUE(json.ok()) << f.source << ": " << f.error;
      if (json.ok()) records[fs::path(f.source).filename()] = RecordFromJson(*json).value();
    }
    return records;
  }

  PdfAOptions Options() {
    PdfAOptions options;
    options.made_at = "2026-12-01T02:49:00Z";
    return options;
  }

  testing::TempDir dir_;
  ArchiveLayout layout_{dir_.path() / "archive"};
};

TEST_F(PdfATest, AScannedDocumentBecomesPdfA2bThatSaysWhatItIs) {
  std::map<std::string, Record> records =
      Ingest({testing::SamplesDir() / "qd-so-hoa-tai-lieu.png"});
  Record& record = records["qd-so-hoa-tai-lieu.png"];
  record.metadata.subject = "Về việc số hóa tài liệu lưu trữ";
  record.metadata.agency = "SỞ NỘI VỤ";
  const fs::path out = dir_.path() / "qd.pdf";
  Status written = WritePdfA(record, layout_, out, Options());
  ASSERT_TRUE(written.ok()) << written.ToString();
  Result<std::string> problems = PdfAProblems(out);
  ASSERT_TRUE(problems.ok()) << problems.status().ToString();
  EXPECT_EQ(*problems, "");

  QPDF pdf;
  pdf.processFile(out.c_str());
  EXPECT_EQ(pdf.getPDFVersion(), "1.7");
  auto data = pdf.getRoot().getKey("/Metadata").getStreamData(qpdf_dl_all);
  const std::string xmp(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
  EXPECT_NE(xmp.find("Về việc số hóa tài liệu lưu trữ"), std::string::npos) << "dc:title";
  EXPECT_NE(xmp.find("<rdf:li>SỞ NỘI VỤ</rdf:li>"), std::string::npos) << "dc:creator";
  EXPECT_NE(xmp.find("<xmp:CreateDate>2026-12-01T02:49:00+00:00</xmp:CreateDate>"),
            std::string::npos);
  QPDFObjectHandle info = pdf.getTrailer().getKey("/Info");
  EXPECT_EQ(info.getKey("/CreationDate").getUTF8Value(), "D:20261201024900+00'00'");
  EXPECT_EQ(info.getKey("/Author").getUTF8Value(), "SỞ NỘI VỤ");
  EXPECT_TRUE(pdf.getTrailer().hasKey("/ID")) << "PDF/A asks for the file identifier";
}

TEST_F(PdfATest, AnOriginalWhoseFontIsNotEmbeddedIsRefusedSayingSo) {
  const fs::path text_pdf = dir_.path() / "van-ban.pdf";
  ASSERT_TRUE(testing::WriteTextPdf(text_pdf, "CÔNG VĂN về việc lưu trữ").ok());  // Helvetica
  std::map<std::string, Record> records = Ingest({text_pdf});
  Status written = WritePdfA(records["van-ban.pdf"], layout_, dir_.path() / "cv.pdf", Options());
  EXPECT_EQ(written.code(), StatusCode::kUnsupported);
  EXPECT_NE(written.message().find("Helvetica is not embedded"), std::string::npos)
      << written.message();
  EXPECT_FALSE(fs::exists(dir_.path() / "cv.pdf"));
  // And the checker says the same of the searchable copy, with what else it lacks.
  Result<std::string> problems = PdfAProblems(layout_.SearchablePdf(records["van-ban.pdf"].id));
  ASSERT_TRUE(problems.ok());
  EXPECT_NE(problems->find("not embedded"), std::string::npos);
  EXPECT_NE(problems->find("no XMP metadata"), std::string::npos);
  EXPECT_NE(problems->find("no RGB output intent"), std::string::npos);
}

TEST_F(PdfATest, AFilesDocumentsBecomeOnePdfADescribedAsTheFile) {
  std::map<std::string, Record> records =
      Ingest({testing::SamplesDir() / "tb-lich-tiep-cong-dan.tif",
              testing::SamplesDir() / "qd-so-hoa-tai-lieu.png"});
  const std::vector<Record> documents = {records["qd-so-hoa-tai-lieu.png"],
                                         records["tb-lich-tiep-cong-dan.tif"]};
  const PdfADescription as{"Hồ sơ về số hóa tài liệu", "UBND huyện", "2022-10-02", "01.VP"};
  const fs::path out = dir_.path() / "01.VP.pdf";
  Status written = WriteDocumentsPdfA(documents, as, layout_, out, Options());
  ASSERT_TRUE(written.ok()) << written.ToString();
  EXPECT_EQ(PdfAProblems(out).value(), "");
  QPDF pdf;
  pdf.processFile(out.c_str());
  EXPECT_EQ(QPDFPageDocumentHelper(pdf).getAllPages().size(), 3u) << "1 page, then 2";
  EXPECT_EQ(pdf.getTrailer().getKey("/Info").getKey("/Title").getUTF8Value(),
            "Hồ sơ về số hóa tài liệu");
  EXPECT_FALSE(WriteDocumentsPdfA({}, as, layout_, out, Options()).ok());
}

TEST_F(PdfATest, WithoutAnSrgbProfileTheFixIsNamed) {
  std::map<std::string, Record> records =
      Ingest({testing::SamplesDir() / "qd-so-hoa-tai-lieu.png"});
  PdfAOptions options = Options();
  options.icc_profile = dir_.path() / "no-such.icc";
  Status written =
      WritePdfA(records["qd-so-hoa-tai-lieu.png"], layout_, dir_.path() / "x.pdf", options);
  EXPECT_FALSE(written.ok());
}

}  // namespace
}  // namespace luutru::package
