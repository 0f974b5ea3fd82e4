// The searchable PDF and hOCR writers, checked with Poppler: the words must come back out of
// the PDF, at the place of the ink they were read from.
#include "ocr/searchable_pdf.h"

#include <gtest/gtest.h>
#include <poppler-document.h>
#include <poppler-page.h>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "core/fs_util.h"
#include "ocr/deskew.h"
#include "ocr/engine.h"
#include "ocr/hocr.h"
#include "test_util.h"

namespace luutru::ocr {
namespace {

std::filesystem::path GlyphlessFont() {
  return std::filesystem::path(EffectiveTessdataDir({})) / "pdf.ttf";
}

Raster WhitePage(int w, int h, int dpi) {
  Raster r;
  r.width = w;
  r.height = h;
  r.dpi = dpi;
  r.pixels.assign(static_cast<size_t>(w) * h, 255);
  return r;
}

std::string PdfText(const std::filesystem::path& path, int page = 0) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path.string()));
  if (!doc) return "<not a PDF>";
  std::unique_ptr<poppler::page> p(doc->create_page(page));
  auto bytes = p->text().to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Where poppler finds `word` on page 0, in points from the top left.
bool FindWord(const std::filesystem::path& path, const std::string& word, poppler::rectf& where) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path.string()));
  std::unique_ptr<poppler::page> p(doc->create_page(0));
  for (const poppler::text_box& box : p->text_list()) {
    auto bytes = box.text().to_utf8();
    if (std::string(bytes.begin(), bytes.end()) == word) {
      where = box.bbox();
      return true;
    }
  }
  return false;
}

TEST(SearchablePdfTest, ImagePageCarriesItsWordsWhereTheyWereRead) {
  testing::TempDir dir;
  // A 300 dpi A4 page; "Quyết" read at 1 inch from the left, 2 inches from the top.
  std::vector<Word> words = {{"Quyết", {300, 600, 500, 660}, 95, 0, 0},
                             {"định", {520, 600, 680, 660}, 93, 0, 0}};
  std::vector<TextLayerPage> pages = {{2480, 3508, 300, 0, 0.0, &words}};
  auto out = dir / "out.pdf";
  Status s = WriteSearchablePdfFromImages(
      pages, [](int) -> Result<Raster> { return WhitePage(2480, 3508, 300); }, out,
      {.glyphless_font = GlyphlessFont()});
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_NE(PdfText(out).find("Quyết định"), std::string::npos) << PdfText(out);
  poppler::rectf where;
  ASSERT_TRUE(FindWord(out, "Quyết", where));
  EXPECT_NEAR(where.x(), 72.0, 3.0);
  EXPECT_NEAR(where.y() + where.height(), 660 * 72.0 / 300, 6.0);
}

TEST(SearchablePdfTest, LowResolutionImagesAreRaisedTo200Dpi) {
  testing::TempDir dir;
  std::vector<Word> none;
  std::vector<TextLayerPage> pages = {{1240, 1754, 150, 0, 0.0, &none}};
  auto out = dir / "low.pdf";
  ASSERT_TRUE(WriteSearchablePdfFromImages(
                  pages, [](int) -> Result<Raster> { return WhitePage(1240, 1754, 150); }, out,
                  {.glyphless_font = GlyphlessFont()})
                  .ok());
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(out.string()));
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->pages(), 1);
  std::string pdf = *ReadFile(out);
  EXPECT_NE(pdf.find("/Width 1653"), std::string::npos)
      << "1240 px at 150 dpi -> 1653 px at 200 dpi";
  int major = 0, minor = 0;
  doc->get_pdf_version(&major, &minor);
  EXPECT_GE(major * 10 + minor, 14);
}

TEST(SearchablePdfTest, PdfSourceKeepsItsPagesAndGainsText) {
  testing::TempDir dir;
  auto source = testing::SamplesDir() / "bc-tong-ket-van-thu.pdf";  // image-only PDF
  ASSERT_EQ(PdfText(source).find_first_not_of(" \n\f"), std::string::npos) << "no text before";
  std::vector<Word> words = {{"BÁO", {1100, 900, 1250, 960}, 90, 0, 0},
                             {"CÁO", {1270, 900, 1420, 960}, 90, 0, 0}};
  std::vector<TextLayerPage> pages = {{2480, 3508, 300, 0, 0.0, &words}};
  auto out = dir / "overlay.pdf";
  Status s = WriteSearchablePdfFromPdf(source, pages, out, {.glyphless_font = GlyphlessFont()});
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_NE(PdfText(out).find("BÁO CÁO"), std::string::npos) << PdfText(out);
}

TEST(SearchablePdfTest, ADocumentOfAScanKeepsItsOwnPagesOnly) {
  testing::TempDir dir;
  const auto source = dir / "scan.pdf";
  {
    QPDF pdf;
    pdf.emptyPDF();
    for (int width : {100, 200, 300}) {  // three pages told apart by their width
      auto page = pdf.makeIndirectObject(QPDFObjectHandle::parse(
          "<< /Type /Page /MediaBox [0 0 " + std::to_string(width) + " 842] >>"));
      page.replaceKey("/Contents", QPDFObjectHandle::newStream(&pdf, "0 0 10 10 re f\n"));
      QPDFPageDocumentHelper(pdf).addPage(QPDFPageObjectHelper(page), false);
    }
    QPDFWriter(pdf, source.c_str()).write();
  }
  std::vector<Word> words = {{"trang", {10, 10, 40, 30}, 90, 0, 0}};
  // The second document of the scan: its pages 2 and 3, numbered as in the scan.
  std::vector<TextLayerPage> pages = {{200, 842, 72, 0, 0.0, &words, 2},
                                      {300, 842, 72, 0, 0.0, &words, 3}};
  const auto out = dir / "part.pdf";
  Status s = WriteSearchablePdfFromPdf(source, pages, out, {.glyphless_font = GlyphlessFont()});
  ASSERT_TRUE(s.ok()) << s.ToString();
  QPDF written;
  written.processFile(out.c_str());
  std::vector<QPDFPageObjectHelper> kept = QPDFPageDocumentHelper(written).getAllPages();
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0].getMediaBox().getArrayItem(2).getIntValue(), 200);
  EXPECT_EQ(kept[1].getMediaBox().getArrayItem(2).getIntValue(), 300);
  EXPECT_NE(PdfText(out, 1).find("trang"), std::string::npos);
}

TEST(SearchablePdfTest, TheCopyCarriesNoScriptActionOrEmbeddedFileOfItsOriginal) {
  testing::TempDir dir;
  const auto source = dir / "active.pdf";
  {
    QPDF pdf;
    pdf.emptyPDF();
    auto page = pdf.makeIndirectObject(
        QPDFObjectHandle::parse("<< /Type /Page /MediaBox [0 0 595 842] /AA << /O << /S "
                                "/JavaScript /JS (app.alert(1)) >> >> "
                                "/Annots [ << /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << "
                                "/S /Launch /F (cmd.exe) >> >> "
                                "<< /Type /Annot /Subtype /Link /Rect [0 20 10 30] /A << /S /URI "
                                "/URI (https://example.org/) >> >> "
                                "<< /Type /Annot /Subtype /FileAttachment /Rect [0 40 10 50] /FS "
                                "<< /Type /Filespec /F (x.exe) >> >> ] >>"));
    page.replaceKey("/Contents", QPDFObjectHandle::newStream(&pdf, "0 0 10 10 re f\n"));
    QPDFPageDocumentHelper(pdf).addPage(QPDFPageObjectHelper(page), false);
    QPDFObjectHandle root = pdf.getRoot();
    root.replaceKey("/OpenAction",
                    QPDFObjectHandle::parse("<< /S /JavaScript /JS (app.launchURL('x')) >>"));
    root.replaceKey(
        "/Names", QPDFObjectHandle::parse(
                      "<< /JavaScript << /Names [(a) << /S /JavaScript /JS (1) >>] >> "
                      "/EmbeddedFiles << /Names [(x.exe) << /Type /Filespec /F (x.exe) >>] >> >>"));
    QPDFWriter(pdf, source.c_str()).write();
  }
  std::vector<Word> words = {{"chữ", {100, 100, 200, 140}, 90, 0, 0}};
  std::vector<TextLayerPage> pages = {{2480, 3508, 300, 0, 0.0, &words}};
  const auto out = dir / "copy.pdf";
  ASSERT_TRUE(
      WriteSearchablePdfFromPdf(source, pages, out, {.glyphless_font = GlyphlessFont()}).ok());
  QPDF copy;
  copy.processFile(out.c_str());
  QPDFObjectHandle root = copy.getRoot();
  EXPECT_FALSE(root.hasKey("/OpenAction"));
  EXPECT_FALSE(root.getKey("/Names").hasKey("/JavaScript"));
  EXPECT_FALSE(root.getKey("/Names").hasKey("/EmbeddedFiles"));
  QPDFObjectHandle page = QPDFPageDocumentHelper(copy).getAllPages().front().getObjectHandle();
  EXPECT_FALSE(page.hasKey("/AA"));
  std::vector<std::string> kept;
  QPDFObjectHandle annots = page.getKey("/Annots");
  for (int i = 0; i < annots.getArrayNItems(); ++i) {
    QPDFObjectHandle a = annots.getArrayItem(i);
    kept.push_back(a.getKey("/Subtype").getName() +
                   (a.hasKey("/A") ? " " + a.getKey("/A").getKey("/S").getName() : ""));
  }
  EXPECT_EQ(kept, (std::vector<std::string>{"/Link", "/Link /URI"}))
      << "the launch is gone, the web link stays";
  EXPECT_NE(PdfText(out).find("chữ"), std::string::npos);
}

TEST(SearchablePdfTest, MissingFontIsAClearError) {
  testing::TempDir dir;
  std::vector<TextLayerPage> pages;
  Status s = WriteSearchablePdfFromImages(pages, nullptr, dir / "x.pdf",
                                          {.glyphless_font = dir / "absent.ttf"});
  EXPECT_EQ(s.code(), StatusCode::kMissingDependency);
}

TEST(HocrTest, WordsLinesAndBlocksWithBoxes) {
  std::vector<Word> words = {{"Số:", {10, 20, 60, 40}, 91, 0, 0},
                             {"12/QĐ", {70, 20, 150, 40}, 88, 0, 0},
                             {"<tên>", {10, 60, 90, 80}, 77, 1, 1}};
  std::string hocr = RenderHocr(words, {1, 2480, 3508, 300});
  EXPECT_NE(hocr.find("class=\"ocr_page\" id=\"page_1\" title=\"bbox 0 0 2480 3508"),
            std::string::npos);
  EXPECT_NE(hocr.find("title=\"bbox 10 20 150 40\""), std::string::npos) << "line box is the union";
  EXPECT_NE(hocr.find("x_wconf 88\">12/QĐ</span>"), std::string::npos);
  EXPECT_NE(hocr.find("&lt;tên&gt;"), std::string::npos) << "escaped";
  EXPECT_NE(hocr.find("id=\"block_1_2\""), std::string::npos);
}

}  // namespace
}  // namespace luutru::ocr
