#include "ingest/text_layer.h"

#include <gtest/gtest.h>

namespace luutru::ingest {
namespace {

TEST(TextLayerTest, RealVietnameseTextIsUsable) {
  EXPECT_TRUE(JudgeTextLayer("QUYẾT ĐỊNH Về việc số hóa tài liệu lưu trữ giai đoạn 2023").usable);
}

TEST(TextLayerTest, RealEnglishTextIsUsable) {
  EXPECT_TRUE(JudgeTextLayer("The quick brown fox jumps over the lazy dog, twice.").usable);
}

TEST(TextLayerTest, NoOrTooLittleTextMeansOcr) {
  EXPECT_FALSE(JudgeTextLayer("").usable);
  EXPECT_FALSE(JudgeTextLayer("  \n\f ").usable);
  EXPECT_FALSE(JudgeTextLayer("Trang 1").usable);  // a stray page label on a scan
}

TEST(TextLayerTest, UnmappedGlyphsMeanOcr) {
  std::string replacement;
  for (int i = 0; i < 40; ++i) replacement += "ab\xEF\xBF\xBD ";
  EXPECT_FALSE(JudgeTextLayer(replacement).usable);
  std::string controls;
  for (int i = 0; i < 40; ++i) controls += "abc\x01\x02 ";
  EXPECT_FALSE(JudgeTextLayer(controls).usable);
  std::string private_use;
  for (int i = 0; i < 40; ++i) private_use += "ab\xEE\x80\x81 ";  // U+E001
  EXPECT_FALSE(JudgeTextLayer(private_use).usable);
}

TEST(TextLayerTest, VietnameseThatLostItsMarksMeansOcr) {
  EXPECT_FALSE(
      JudgeTextLayer("Can cu Nghi dinh so 30/2020/ND-CP ngay 05 thang 3 nam 2020 cua Chinh phu "
                     "ve cong tac van thu; theo de nghi cua Chanh Van phong, viec thuc hien "
                     "cac quy dinh nay duoc giao cho nguoi dung dau co quan.")
          .usable);
  // The same text with its marks is fine, and English is not Vietnamese without marks.
  EXPECT_TRUE(
      JudgeTextLayer("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ "
                     "về công tác văn thư; theo đề nghị của Chánh Văn phòng, việc thực hiện "
                     "các quy định này được giao cho người đứng đầu cơ quan.")
          .usable);
  EXPECT_TRUE(
      JudgeTextLayer("The office of the provincial people's committee shall keep the records "
                     "of every decision in the archive, and staff may search them by number, "
                     "date, agency and subject within two working days.")
          .usable);
}

// Layers of real scans (issue 15): an old scanner's OCR without most marks, and an OmniPage
// layer whose marks came out as Western accents. Both read as Vietnamese once stripped.
TEST(TextLayerTest, AnOldScannersReadingWithoutMarksMeansOcr) {
  TextLayerVerdict ccitt = JudgeTextLayer(
      "UBND TINH QUANG NGAI CONG HOA XA HOI CHU NGHIA VIET NAM SO GIAO DUC VA DAO TAO Doc lap - Tu "
      "do - "
      "Hanh phuc S6: 463Y SGDDT -CTrTT Quang Ngai, ngay,94 thcing 5 nam 2019 V/v trien khai ke "
      "hoach "
      "kiem tra cong tac thi dua khen thuong nam hoc 2018-2019 Kinh gui cac don vi truc thuoc");
  EXPECT_FALSE(ccitt.usable) << ccitt.reason;
  TextLayerVerdict omnipage = JudgeTextLayer(
      "UY BAN NHAN DAN CONG HOA xA HQI CilU NGHIA VIET NAM TINH QUANG NGAI Dqc 14p - Tip do - Hanh "
      "phtic "
      "SO GIAO DVC vA DA\u00B0 TAO S6 1234 /QD-SGDDT Quang Ngai, ngay 12 thang 3 nam 2020 QUYET "
      "DINH "
      "Ve viec giao nhiem vu cho cac truong trung hoc pho thong tren dia ban tinh");
  EXPECT_FALSE(omnipage.usable) << omnipage.reason;
}

TEST(TextLayerTest, VietnameseWithManyWordsNoSyllableIsInDoubt) {
  // Marks where no Vietnamese syllable has them (a font whose mark glyphs map to the wrong
  // code points): still Vietnamese, so usable, but the page is read too.
  TextLayerVerdict verdict = JudgeTextLayer(
      "Căn cừ Nghỉ định sổ 30/2020/NĐ-CP ngầy 05 thắng 3 nẳm 2020 cũa Chính phủ vể công tảc văn "
      "thừ; "
      "thẹo đề nghỉ cũa Chánh Văn phồng, viềc thực hiển các quỷ định này đựơc giạo chọ ngừơi đứng "
      "đầu cơ "
      "quạn, vằ cấc đơn vỉ trục thuồc.");
  EXPECT_TRUE(verdict.usable);
  EXPECT_TRUE(verdict.doubtful) << verdict.reason;
  EXPECT_FALSE(
      JudgeTextLayer("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về "
                     "công tác văn thư; theo đề nghị của Chánh Văn phòng, việc thực hiện các quy "
                     "định này được giao cho người đứng đầu cơ quan, và các đơn vị trực thuộc.")
          .doubtful);
}

TEST(TextLayerTest, OtherLanguagesAreJudgedOnTheirCharactersAlone) {
  TextLayerVerdict french = JudgeTextLayer(
      "Le présent arrêté sera publié au recueil des actes administratifs de la préfecture et "
      "notifié à "
      "chacun des intéressés; le secrétaire général est chargé de son exécution dans le "
      "département.");
  EXPECT_TRUE(french.usable);
  EXPECT_FALSE(french.doubtful) << french.reason;
}

TEST(TextLayerTest, CoverageIsTheShareOfInkUnderTheLayersWords) {
  // Four word-like marks at 72 dpi; the layer has words over two of them (boxes in points).
  std::vector<Box> ink = {
      {100, 100, 160, 112}, {170, 100, 230, 112}, {100, 700, 160, 712}, {170, 700, 230, 712}};
  std::vector<Word> words(2);
  words[0].box = {100, 100, 160, 112};
  words[1].box = {170, 100, 230, 112};
  EXPECT_DOUBLE_EQ(LayerCoverage(ink, words, 72), 0.5);
  // The same at 300 dpi, the words still in points.
  std::vector<Box> ink300;
  for (const Box& b : ink)
    ink300.push_back({b.x0 * 300 / 72, b.y0 * 300 / 72, b.x1 * 300 / 72, b.y1 * 300 / 72});
  EXPECT_DOUBLE_EQ(LayerCoverage(ink300, words, 300), 0.5);
  EXPECT_DOUBLE_EQ(LayerCoverage(ink, {}, 72), 0.0);
  EXPECT_DOUBLE_EQ(LayerCoverage({}, words, 72), 1.0);  // a page with no text to cover
}

TEST(TextLayerTest, SymbolSoupMeansOcr) {
  std::string soup;
  for (int i = 0; i < 30; ++i) soup += "a#$%&*+=<> ";
  EXPECT_FALSE(JudgeTextLayer(soup).usable);
}

}  // namespace
}  // namespace luutru::ingest
