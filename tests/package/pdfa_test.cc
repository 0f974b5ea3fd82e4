// The PDF/A-2b copy of a document, made from a real archive (a scan and a PDF ingested) and
// checked offline as the digitization rules can be without a validator: the header, the XMP
// and the Info dictionary agreeing, the sRGB output intent, every font embedded; and a PDF
// whose content PDF/A forbids refused with what stands in the way. Then the digitizing
// organisation's signature on it: valid, covering the whole file, shown top right of page 1,
// and the file still PDF/A.
#include "package/pdfa.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "core/c_handle.h"
#include "core/fs_util.h"
#include "core/record_json.h"
#include "fake_engines.h"
#include "ingest/page_source.h"
#include "ingest/pdf_signatures.h"
#include "ingest/pipeline.h"
#include "package/sign.h"
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

// The page image XObject of `pdf`'s first page.
QPDFObjectHandle FirstPageImage(QPDF& pdf) {
  QPDFPageObjectHelper page = QPDFPageDocumentHelper(pdf).getAllPages().at(0);
  for (auto& [name, image] : page.getImages()) return image;
  return QPDFObjectHandle::newNull();
}

TEST_F(PdfATest, LosslessPagesKeepEveryPixelOfTheScan) {
  const fs::path scan = testing::SamplesDir() / "qd-so-hoa-tai-lieu.png";
  std::map<std::string, Record> records = Ingest({scan});
  const Record& record = records["qd-so-hoa-tai-lieu.png"];
  PdfAOptions options = Options();
  options.lossless_images = true;
  const fs::path lossless = dir_.path() / "lossless.pdf", jpeg = dir_.path() / "jpeg.pdf";
  ASSERT_TRUE(WritePdfA(record, layout_, lossless, options).ok());
  ASSERT_TRUE(WritePdfA(record, layout_, jpeg, Options()).ok());
  EXPECT_EQ(PdfAProblems(lossless).value(), "");

  Result<std::unique_ptr<ingest::PageSource>> source =
      ingest::OpenPageSource(scan, ingest::SniffFile(scan), {});
  ASSERT_TRUE(source.ok());
  Result<ingest::LoadedPage> original = (*source)->LoadPage(0);
  ASSERT_TRUE(original.ok());
  QPDF pdf;
  pdf.processFile(lossless.c_str());
  QPDFObjectHandle image = FirstPageImage(pdf);
  ASSERT_TRUE(image.isStream());
  EXPECT_EQ(image.getDict().getKey("/Width").getIntValue(), original->image.width);
  EXPECT_EQ(image.getDict().getKey("/Filter").unparse(), "/FlateDecode");
  auto samples = image.getStreamData(qpdf_dl_all);
  ASSERT_EQ(samples->getSize(), original->image.pixels.size());
  EXPECT_TRUE(std::equal(original->image.pixels.begin(), original->image.pixels.end(),
                         samples->getBuffer()))
      << "a pixel of the scan changed";
  QPDF lossy;
  lossy.processFile(jpeg.c_str());
  EXPECT_EQ(FirstPageImage(lossy).getDict().getKey("/Filter").unparse(), "/DCTDecode");
  EXPECT_FALSE(fs::exists(lossless.string() + ".pages-0.tmp")) << "the scratch copy is left";
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

// ---- The digitizing organisation's signature (package/sign.h) ----

using Key = CHandle<EVP_PKEY, EVP_PKEY_free>;
using Certificate = CHandle<X509, X509_free>;

// A fresh P-256 key and a self-signed certificate for it naming `organisation`.
std::pair<Key, Certificate> MakeSigner(const std::string& organisation) {
  Key key(EVP_EC_gen("P-256"));
  Certificate cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 7);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_NAME* name = X509_get_subject_name(cert.get());
  for (const auto& [field, value] : std::vector<std::pair<const char*, std::string>>{
           {"CN", "Chữ ký số thử nghiệm"}, {"O", organisation}}) {
    X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(value.data()),
                               static_cast<int>(value.size()), -1, 0);
  }
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key.get());
  X509_sign(cert.get(), key.get(), EVP_sha256());
  return {std::move(key), std::move(cert)};
}

// Writes the key (encrypted with `password`) and its certificate, one PEM file.
void WritePem(const fs::path& path, EVP_PKEY* key, X509* cert, const std::string& password) {
  CHandle<BIO, BIO_free_all> out(BIO_new_file(path.c_str(), "w"));
  PEM_write_bio_PrivateKey(out.get(), key, EVP_aes_256_cbc(),
                           reinterpret_cast<const unsigned char*>(password.data()),
                           static_cast<int>(password.size()), nullptr, nullptr);
  PEM_write_bio_X509(out.get(), cert);
}

void WritePkcs12(const fs::path& path, EVP_PKEY* key, X509* cert, const std::string& password) {
  CHandle<PKCS12, PKCS12_free> p12(
      PKCS12_create(password.c_str(), "signer", key, cert, nullptr, 0, 0, 0, 0, 0));
  CHandle<BIO, BIO_free_all> out(BIO_new_file(path.c_str(), "wb"));
  i2d_PKCS12_bio(out.get(), p12.get());
}

class SignTest : public PdfATest {
 protected:
  // A document's PDF/A, written once per test.
  fs::path PdfA() {
    std::map<std::string, Record> records =
        Ingest({testing::SamplesDir() / "qd-so-hoa-tai-lieu.png"});
    const fs::path out = dir_.path() / "qd.pdf";
    EXPECT_TRUE(WritePdfA(records["qd-so-hoa-tai-lieu.png"], layout_, out, Options()).ok());
    return out;
  }
  SignOptions Signing(const fs::path& credentials, const std::string& password) {
    SignOptions options;
    options.credentials = credentials;
    options.password = password;
    options.signed_at = "2026-12-01T03:15:00Z";
    return options;
  }
};

TEST_F(SignTest, ASignedPdfAVerifiesCoversTheWholeFileAndStaysPdfA) {
  const fs::path pdfa = PdfA();
  const std::string before = ReadFile(pdfa).value();
  auto [key, cert] = MakeSigner("Trung tâm Lưu trữ lịch sử tỉnh Quảng Ngãi");
  const fs::path pem = dir_.path() / "signer.pem";
  WritePem(pem, key.get(), cert.get(), "mật khẩu");
  const fs::path signed_pdf = dir_.path() / "qd-signed.pdf";
  Status s = SignPdf(pdfa, signed_pdf, Signing(pem, "mật khẩu"));
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(ReadFile(pdfa).value(), before) << "the PDF/A signed is left as it was";

  std::vector<Signature> signatures = ingest::ReadSignatures(signed_pdf, "");
  ASSERT_EQ(signatures.size(), 1u);
  EXPECT_EQ(signatures[0].verdict, Signature::Verdict::kValid);
  EXPECT_TRUE(signatures[0].whole_file);
  EXPECT_EQ(signatures[0].organization, "Trung tâm Lưu trữ lịch sử tỉnh Quảng Ngãi");
  EXPECT_EQ(signatures[0].signed_at, "2026-12-01T03:15:00Z") << "the signing time given";
  EXPECT_EQ(signatures[0].page, 1);
  Result<std::string> problems = PdfAProblems(signed_pdf);
  ASSERT_TRUE(problems.ok());
  EXPECT_EQ(*problems, "") << "the signature's font is embedded, its field prints";

  QPDF pdf;
  pdf.processFile(signed_pdf.c_str());
  QPDFObjectHandle form = pdf.getRoot().getKey("/AcroForm");
  EXPECT_EQ(form.getKey("/SigFlags").getIntValue(), 3);
  QPDFObjectHandle field = form.getKey("/Fields").getArrayItem(0);
  QPDFObjectHandle sig = field.getKey("/V");
  EXPECT_EQ(sig.getKey("/SubFilter").getName(), "/ETSI.CAdES.detached");
  EXPECT_EQ(sig.getKey("/M").getUTF8Value(), "D:20261201101500+07'00'") << "Vietnam time";
  // Top right of page 1, within 2 cm of both edges.
  QPDFPageObjectHelper page = QPDFPageDocumentHelper(pdf).getAllPages().front();
  const auto media = page.getMediaBox().getArrayAsRectangle();
  const auto rect = field.getKey("/Rect").getArrayAsRectangle();
  EXPECT_GT(rect.urx, media.urx - 57);
  EXPECT_GT(rect.ury, media.ury - 57);
  EXPECT_LT(rect.llx, rect.urx - 100) << "wide enough for the organisation's name";
  // The text shown: the organisation's name and the signing time, in an embedded font.
  QPDFObjectHandle appearance = field.getKey("/AP").getKey("/N");
  QPDFObjectHandle font = appearance.getDict().getKey("/Resources").getKey("/Font").getKey("/F1");
  EXPECT_EQ(font.getKey("/Subtype").getName(), "/Type0");
  EXPECT_NE(font.getKey("/BaseFont").getName().find("+LiberationSerif"), std::string::npos);
  QPDFObjectHandle descriptor =
      font.getKey("/DescendantFonts").getArrayItem(0).getKey("/FontDescriptor");
  EXPECT_TRUE(descriptor.getKey("/FontFile2").isStream());
  auto cmap_data = font.getKey("/ToUnicode").getStreamData(qpdf_dl_all);
  const std::string cmap(reinterpret_cast<const char*>(cmap_data->getBuffer()),
                         cmap_data->getSize());
  EXPECT_NE(cmap.find("<1EEF>"), std::string::npos) << "ữ of Lưu trữ, as Unicode";

  // A byte of the signed file changed: the signature no longer verifies.
  std::string bytes = ReadFile(signed_pdf).value();
  const size_t at = bytes.size() / 2;
  bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
  ASSERT_TRUE(WriteFileAtomically(signed_pdf, bytes).ok());
  signatures = ingest::ReadSignatures(signed_pdf, "");
  ASSERT_EQ(signatures.size(), 1u);
  EXPECT_NE(signatures[0].verdict, Signature::Verdict::kValid);
}

TEST_F(SignTest, APkcs12FileOpensWithItsPasswordOnly) {
  const fs::path pdfa = PdfA();
  auto [key, cert] = MakeSigner("Công ty Số hóa");
  const fs::path p12 = dir_.path() / "signer.p12";
  WritePkcs12(p12, key.get(), cert.get(), "đúng");
  const fs::path out = dir_.path() / "out.pdf";
  Status wrong = SignPdf(pdfa, out, Signing(p12, "sai"));
  EXPECT_EQ(wrong.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(wrong.message().find("signer.p12"), std::string::npos) << wrong.message();
  EXPECT_NE(wrong.message().find("password"), std::string::npos) << wrong.message();
  EXPECT_FALSE(fs::exists(out));
  Status right = SignPdf(pdfa, out, Signing(p12, "đúng"));
  ASSERT_TRUE(right.ok()) << right.ToString();
  std::vector<Signature> signatures = ingest::ReadSignatures(out, "");
  ASSERT_EQ(signatures.size(), 1u);
  EXPECT_EQ(signatures[0].verdict, Signature::Verdict::kValid);
  EXPECT_EQ(signatures[0].organization, "Công ty Số hóa");
}

TEST_F(SignTest, WhatCannotSignSaysWhy) {
  const fs::path pdfa = PdfA();
  auto [key, cert] = MakeSigner("A");
  auto [other_key, other_cert] = MakeSigner("B");
  const fs::path mismatched = dir_.path() / "mismatched.pem";
  WritePem(mismatched, key.get(), other_cert.get(), "x");
  Status s = SignPdf(pdfa, dir_.path() / "o.pdf", Signing(mismatched, "x"));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("does not belong to the key"), std::string::npos) << s.message();

  const fs::path pem = dir_.path() / "signer.pem";
  WritePem(pem, key.get(), cert.get(), "x");
  SignOptions no_font = Signing(pem, "x");
  no_font.font = dir_.path() / "no-such-font.ttf";
  s = SignPdf(pdfa, dir_.path() / "o.pdf", no_font);
  EXPECT_EQ(s.code(), StatusCode::kMissingDependency);
  EXPECT_NE(s.message().find("fonts-liberation2"), std::string::npos) << s.message();

  const fs::path once = dir_.path() / "once.pdf";
  ASSERT_TRUE(SignPdf(pdfa, once, Signing(pem, "x")).ok());
  s = SignPdf(once, dir_.path() / "o.pdf", Signing(pem, "x"));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("already signed"), std::string::npos) << s.message();

  SignOptions bad_time = Signing(pem, "x");
  bad_time.signed_at = "hôm qua";
  EXPECT_EQ(SignPdf(pdfa, dir_.path() / "o.pdf", bad_time).code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(fs::exists(dir_.path() / "o.pdf"));
}

TEST(VietnamTime, AnyZoneShownInVietnam) {
  EXPECT_EQ(VietnamTime("2026-12-01T03:15:00Z"), "2026-12-01T10:15:00+07:00");
  EXPECT_EQ(VietnamTime("2026-12-01T23:30:00+07:00"), "2026-12-01T23:30:00+07:00");
  EXPECT_EQ(VietnamTime("2026-12-31T20:00:00-05:00"), "2027-01-01T08:00:00+07:00");
  EXPECT_EQ(VietnamTime("2026-12-01T03:15:00.250Z"), "2026-12-01T10:15:00+07:00");
  EXPECT_EQ(VietnamTime("2026-12-01T03:15:00"), "") << "a time without its zone";
  EXPECT_EQ(VietnamTime("hôm qua"), "");
}

}  // namespace
}  // namespace luutru::package
