// Field extraction over whole pages: both layouts, with word boxes and as plain text, OCR
// damage, numbers and dates quoted in the body, fields that are absent.
#include "extract/fields.h"

#include <gtest/gtest.h>

#include "drawn_page.h"

namespace luutru::extract {
namespace {

PageText TextPage(int number, const std::string& text) {
  PageText page;
  page.number = number;
  page.method = TextMethod::kTextLayer;
  page.confidence = 100;
  page.text = text;
  return page;
}

// Decree 30 State layout, as OCR reads a scan: two header columns, the signature bottom right.
std::vector<PageText> StateDecision() {
  return {
      DrawnPage(1, {{100, 100, "UBND TỈNH HẢI DƯƠNG"},
                    {640, 100, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
                    {130, 140, "SỞ NỘI VỤ"},
                    {700, 140, "Độc lập - Tự do - Hạnh phúc"},
                    {100, 210, "Số: 123/QĐ-SNV"},
                    {680, 210, "Hải Dương, ngày 15 tháng 3 năm 2023"},
                    {530, 320, "QUYẾT ĐỊNH"},
                    {300, 360, "Về việc ban hành quy chế làm việc của cơ quan và"},
                    {480, 400, "các đơn vị trực thuộc"},
                    {150, 480,
                     "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;"},
                    {150, 520, "Số 45/2018/QĐ-TTg ngày 01 tháng 2 năm 2018 được bãi bỏ."}}),
      DrawnPage(2, {{150, 100, "Điều 3. Quyết định này có hiệu lực kể từ ngày ký."},
                    {700, 300, "KT. GIÁM ĐỐC"},
                    {700, 340, "PHÓ GIÁM ĐỐC"},
                    {720, 420, "(Đã ký)"},
                    {700, 520, "Nguyễn Văn An"},
                    {100, 300, "Nơi nhận:"},
                    {100, 340, "- Như Điều 3;"},
                    {100, 380, "- UBND tỉnh;"},
                    {100, 420, "- Lưu: VT."}})};
}

TEST(ExtractFields, StateLayoutWithWordBoxes) {
  Fields f = ExtractFields(StateDecision());
  const Metadata& m = f.metadata;
  EXPECT_EQ(m.doc_type, "QUYẾT ĐỊNH");
  EXPECT_EQ(m.number, "123/QĐ-SNV");
  EXPECT_EQ(m.date, "2023-03-15");
  EXPECT_EQ(m.place, "Hải Dương");
  EXPECT_EQ(m.agency, "SỞ NỘI VỤ");
  EXPECT_EQ(m.parent_agency, "UBND TỈNH HẢI DƯƠNG");
  EXPECT_EQ(m.subject, "Về việc ban hành quy chế làm việc của cơ quan và các đơn vị trực thuộc");
  EXPECT_EQ(m.signer, "Nguyễn Văn An");
  EXPECT_EQ(m.signer_title, "PHÓ GIÁM ĐỐC");
  EXPECT_EQ(m.confidentiality, "");
  EXPECT_EQ(m.urgency, "");
  EXPECT_EQ(m.recipients, (std::vector<std::string>{"Như Điều 3", "UBND tỉnh", "Lưu: VT"}));
  ASSERT_TRUE(f.evidence.count(Field::kNumber));
  EXPECT_EQ(f.evidence.at(Field::kNumber).page, 1);
  EXPECT_EQ(f.evidence.at(Field::kNumber).box.x0, 100);
  EXPECT_EQ(f.evidence.at(Field::kNumber).box.y0, 210);
  EXPECT_NEAR(f.evidence.at(Field::kNumber).confidence, 0.95, 1e-6);
  EXPECT_EQ(f.evidence.at(Field::kSigner).page, 2);
  EXPECT_FALSE(f.evidence.count(Field::kUrgency)) << "no evidence for a field not found";
}

TEST(ExtractFields, ADateIsAsSureAsItsLeastSureWordASubjectAsItsWords) {
  std::vector<PageText> pages = StateDecision();
  for (Word& w : pages[0].words) {
    if (w.text == "15" || w.text == "chế")
      w.confidence = 50;  // a day written by hand; one word of the subject
  }
  Fields f = ExtractFields(pages);
  ASSERT_EQ(f.metadata.date, "2023-03-15");
  EXPECT_NEAR(f.evidence.at(Field::kDate).confidence, 0.50, 1e-6);
  EXPECT_NEAR(f.evidence.at(Field::kPlace).confidence, 0.50, 1e-6);
  EXPECT_GT(f.evidence.at(Field::kSubject).confidence, 0.85);
}

TEST(ExtractFields, ARepairKeepsWhatThePageRead) {
  std::vector<PageText> pages = StateDecision();
  for (Word& w : pages[0].words) {
    if (w.text == "TỈNH") w.text = "TÍNH";
  }
  for (Word& w : pages[1].words) {
    if (w.text == "Nguyễn") w.text = "Nguyền";
  }
  Fields f = ExtractFields(pages);
  EXPECT_EQ(f.metadata.parent_agency, "UBND TỈNH HẢI DƯƠNG");
  EXPECT_EQ(f.evidence.at(Field::kParentAgency).read, "UBND TÍNH HẢI DƯƠNG");
  EXPECT_EQ(f.metadata.signer, "Nguyễn Văn An");
  EXPECT_EQ(f.evidence.at(Field::kSigner).read, "Nguyền Văn An");
  EXPECT_EQ(f.evidence.at(Field::kNumber).read, "") << "read as it is";
}

TEST(ExtractFields, BodyNumbersAndDatesAreNeverTheDocumentsOwn) {
  std::vector<PageText> pages = StateDecision();
  // The header loses its number and date lines; the body still quotes both.
  std::erase_if(pages[0].words, [](const Word& w) { return w.line == 4 || w.line == 5; });
  Fields f = ExtractFields(pages);
  EXPECT_EQ(f.metadata.number, "");
  EXPECT_EQ(f.metadata.date, "");
  EXPECT_EQ(f.metadata.place, "");
  EXPECT_EQ(f.metadata.doc_type, "QUYẾT ĐỊNH");
}

TEST(ExtractFields, PartyLayoutAsPlainText) {
  // A born-digital PDF's text without positions: the reading order only.
  Fields f =
      ExtractFields({TextPage(1,
                              "TỈNH ỦY HÀ NỘI\nBAN TUYÊN GIÁO\n*\nSố 668-NQ/BTGTU\nHỎA TỐC\n"
                              "ĐẢNG CỘNG SẢN VIỆT NAM\nNinh Giang, ngày 25 tháng 08 năm 2001\n"
                              "NGHỊ QUYẾT\nVề kiểm tra việc thực hiện quy trình xử lý văn bản\n"
                              "1. Căn cứ Quyết định số 12-QĐ/TU ngày 02 tháng 01 năm 2000.\n"
                              "T/M BAN THƯỜNG VỤ\nBÍ THƯ\nPhạm Thị Trung\nNơi nhận:\n"
                              "- Thường trực Tỉnh ủy;\n- Lưu: VT.\n")});
  const Metadata& m = f.metadata;
  EXPECT_EQ(m.doc_type, "NGHỊ QUYẾT");
  EXPECT_EQ(m.number, "668-NQ/BTGTU");
  EXPECT_EQ(m.date, "2001-08-25");
  EXPECT_EQ(m.place, "Ninh Giang");
  EXPECT_EQ(m.agency, "BAN TUYÊN GIÁO");
  EXPECT_EQ(m.parent_agency, "TỈNH ỦY HÀ NỘI");
  EXPECT_EQ(m.subject, "Về kiểm tra việc thực hiện quy trình xử lý văn bản");
  EXPECT_EQ(m.urgency, "HỎA TỐC");
  EXPECT_EQ(m.confidentiality, "");
  EXPECT_EQ(m.signer, "Phạm Thị Trung");
  EXPECT_EQ(m.signer_title, "BÍ THƯ");
  EXPECT_EQ(m.recipients, (std::vector<std::string>{"Thường trực Tỉnh ủy", "Lưu: VT"}));
}

TEST(ExtractFields, TheSignerOfAnElectronicSignatureWhenTheBlockNamesNoOne) {
  const std::string head =
      "UBND TỈNH QUẢNG NGÃI\nSỞ TƯ PHÁP\nSố: 12/STP-VP\nQuảng Ngãi, ngày 03 tháng 02 năm 2025\n"
      "V/v triển khai công tác năm 2025\nKính gửi: Các phòng.\nNội dung công văn.\n";
  Fields f = ExtractFields(
      {TextPage(1, head + "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNơi nhận:\n- Lưu: VT.\n"
                          "Người ký: Lê Thị Hoa\nThời gian ký: 03/02/2025 09:12:40\n")});
  EXPECT_EQ(f.metadata.signer, "Lê Thị Hoa");
  EXPECT_EQ(f.metadata.signer_title, "PHÓ GIÁM ĐỐC");
  // A typed name under the signature is the signer's; an office's certificate names no one.
  f = ExtractFields(
      {TextPage(1, head + "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrần Văn Bình\nNơi nhận:\n- Lưu: VT.\n"
                          "Người ký: Lê Thị Hoa\n")});
  EXPECT_EQ(f.metadata.signer, "Trần Văn Bình");
  f = ExtractFields({TextPage(1, head + "Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi\n")});
  EXPECT_EQ(f.metadata.signer, "");
}

TEST(ExtractFields, ASubjectsSecondLineMayBeTheWiderAndOpenWithVe) {
  // Read small ("về việc"), its second line wider than the first and reaching up into it:
  // still one trích yếu, short of the body's measure, and it opens with a capital.
  Fields f = ExtractFields(
      {DrawnPage(1, {{100, 100, "UBND TỈNH HẢI DƯƠNG"},
                     {100, 210, "Số: 12/QĐ-UBND"},
                     {488, 320, "QUYẾT ĐỊNH"},
                     {413, 360, "về việc công nhận"},
                     {314, 385, "về trật tự, an toàn xã hội"},
                     {50, 480, "Căn cứ Nghị định số 30 của Chính phủ về văn thư;"}})});
  EXPECT_EQ(f.metadata.subject, "Về việc công nhận về trật tự, an toàn xã hội");
}

TEST(ExtractFields, ADateLineReadAsOneLineWithTheSubjectIsCutFromIt) {
  // OCR read the right column's date line on the same line as the left column's V/v subject,
  // the gap between them too narrow to cut the line there.
  Fields f = ExtractFields(
      {DrawnPage(1, {{100, 100, "UBND HUYỆN TỨ KỲ"},
                     {640, 100, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
                     {130, 140, "PHÒNG TƯ PHÁP"},
                     {700, 140, "Độc lập - Tự do - Hạnh phúc"},
                     {100, 200, "Số: 675/PTP-VP"},
                     {100, 240, "V/v tập huấn lưu trữ Hưng Yên, ngày 03 tháng 2 năm 2006"},
                     {150, 400, "Kính gửi: Các cơ quan, đơn vị"}})});
  EXPECT_EQ(f.metadata.subject, "V/v tập huấn lưu trữ");
  EXPECT_EQ(f.metadata.place, "Hưng Yên");
  EXPECT_EQ(f.metadata.date, "2006-02-03");
}

TEST(ExtractFields, ThePlaceIsReadWhenTheDayIsNot) {
  // The day written by hand and not read: no date, but the place is there.
  Fields f = ExtractFields({TextPage(1,
                                     "UBND TỈNH QUẢNG NGÃI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                                     "Số: 574 /UBND-KTTH\nQuảng Ngãi, ngày tháng 02 năm 2025\n"
                                     "Kính gửi: Thường trực HĐND tỉnh\n")});
  EXPECT_EQ(f.metadata.place, "Quảng Ngãi");
  EXPECT_EQ(f.metadata.date, "2025-02") << "the date as far as it is printed";
  EXPECT_FALSE(f.evidence.at(Field::kPlace).confidence >= 0.9)
      << "a place without its date is less sure";
  EXPECT_FALSE(f.evidence.at(Field::kDate).confidence >= 0.9);
  // Neither the day nor the month read: the year.
  Fields year = ExtractFields({TextPage(1,
                                        "UBND TỈNH QUẢNG NGÃI\nSố: 574 /UBND-KTTH\n"
                                        "Quảng Ngãi, ngày tháng năm 2025\n")});
  EXPECT_EQ(year.metadata.date, "2025");
  EXPECT_EQ(year.metadata.place, "Quảng Ngãi");
  // A sentence quoting a date is no date line.
  Fields body = ExtractFields(
      {TextPage(1,
                "UBND TỈNH QUẢNG NGÃI\nSố: 574 /UBND-KTTH\n"
                "Theo đề nghị của Sở Tài chính tại Công văn ngày tháng 02 năm 2025\n")});
  EXPECT_EQ(body.metadata.place, "");
  EXPECT_EQ(body.metadata.date, "");
  // A subject line run into the date line is no place.
  Fields merged =
      ExtractFields({TextPage(1,
                              "UBND HUYỆN TỨ KỲ\nPHÒNG TƯ PHÁP\nSố: 675/PTP-VP\n"
                              "V/v tổ chức tập huấn lưu trữ Hưng Yên, ngày; tháng 2 năm 2006\n")});
  EXPECT_EQ(merged.metadata.place, "");
  EXPECT_EQ(merged.metadata.date, "");
}

TEST(ExtractFields, ASpeckAfterABodysNameIsNoPartOfIt) {
  Fields f =
      ExtractFields({TextPage(1,
                              "TỈNH ỦY THANH HÓA.\nVĂN PHÒNG,\n*\nSố 12-CV/VPTU\n"
                              "ĐẢNG CỘNG SẢN VIỆT NAM\nThanh Hóa, ngày 15 tháng 3 năm 2023\n")});
  EXPECT_EQ(f.metadata.parent_agency, "TỈNH ỦY THANH HÓA");
  EXPECT_EQ(f.metadata.agency, "VĂN PHÒNG");
}

TEST(ExtractFields, ASpeckBeforeVvLosesNeitherSubjectNorType) {
  Fields f = ExtractFields(
      {TextPage(1,
                "UBND TỈNH HẢI DƯƠNG\nSỞ NỘI VỤ\nSố: 45/SNV-VP\n_ V/v tổ chức tập huấn\n"
                "Hải Dương, ngày 15 tháng 3 năm 2023\nKính gửi: Các phòng chuyên môn\n")});
  EXPECT_EQ(f.metadata.subject, "V/v tổ chức tập huấn");
  EXPECT_EQ(f.metadata.doc_type, "CÔNG VĂN");
}

TEST(ExtractFields, RecipientDashesReadAsTildesAreStillBullets) {
  // A short dash at the reading resolution often comes out as "~" or "~-".
  Fields f = ExtractFields({TextPage(
      1, "Nội dung văn bản.\nNơi nhận:\n~ Thường trực Tỉnh ủy;\n~- Như Điều 3;\n- Lưu: VT.\n")});
  EXPECT_EQ(f.metadata.recipients,
            (std::vector<std::string>{"Thường trực Tỉnh ủy", "Như Điều 3", "Lưu: VT"}));
}

TEST(ExtractFields, ATitleReadThroughASealIsTakenOnlyWhenItIsAKnownTitle) {
  // Under T/M, the title line came out of the seal as strokes and a damaged "BÍ THƯ"; the
  // lines between it and the name are the seal's ring.
  Fields seal = ExtractFields({TextPage(1,
                                        "Nội dung văn bản.\nT/M BAN THƯỜNG VỤ\n2/77. BI THƯ\n⁄ T\n"
                                        "1 ⁄ `\n`Vũ Ngọc Trung\nNơi nhận:\n- Lưu: VT.\n")});
  EXPECT_EQ(seal.metadata.signer, "Vũ Ngọc Trung");
  EXPECT_EQ(seal.metadata.signer_title, "BÍ THƯ");
  EXPECT_LT(seal.evidence[Field::kSignerTitle].confidence, 0.8) << "repaired, so trusted less";
  // The name under the signature could not be read: the title still can.
  Fields no_name =
      ExtractFields({TextPage(1,
                              "Nội dung văn bản.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n# Ầ :\n"
                              "`NgÂ Xuán Sơn\nNơi nhận:\n- Lưu: VT.\n")});
  EXPECT_EQ(no_name.metadata.signer, "");
  EXPECT_EQ(no_name.metadata.signer_title, "CHỦ TỊCH");
  // An unknown line under the authority is not taken for a title.
  Fields unknown = ExtractFields(
      {TextPage(1, "Nội dung văn bản.\nT/M BAN THƯỜNG VỤ\nX7 ⁄ ĐỒNG\nTrần Văn Bình\n")});
  EXPECT_EQ(unknown.metadata.signer, "Trần Văn Bình");
  EXPECT_EQ(unknown.metadata.signer_title, "");
}

TEST(ExtractFields, CongVanWithSubjectUnderTheNumberAndOneBodyName) {
  Fields f = ExtractFields({DrawnPage(1, {{120, 100, "ỦY BAN NHÂN DÂN"},
                                          {640, 100, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
                                          {130, 140, "TỈNH THANH HÓA"},
                                          {700, 140, "Độc lập - Tự do - Hạnh phúc"},
                                          {110, 210, "Số: 973/UBND-VP"},
                                          {80, 250, "V/v kiểm tra việc thực hiện quy"},
                                          {110, 290, "trình xử lý văn bản"},
                                          {700, 250, "Thanh Hóa, ngày 7 tháng 8 năm 2022"},
                                          {100, 340, "MẬT"},
                                          {150, 400, "Kính gửi: Các sở, ban, ngành"}})});
  const Metadata& m = f.metadata;
  EXPECT_EQ(m.doc_type, "CÔNG VĂN");
  EXPECT_EQ(m.agency, "ỦY BAN NHÂN DÂN TỈNH THANH HÓA");
  EXPECT_EQ(m.parent_agency, "");
  EXPECT_EQ(m.number, "973/UBND-VP");
  EXPECT_EQ(m.subject, "V/v kiểm tra việc thực hiện quy trình xử lý văn bản");
  EXPECT_EQ(m.date, "2022-08-07");
  EXPECT_EQ(m.confidentiality, "MẬT");
  EXPECT_EQ(m.signer, "") << "no signature block on this page";
  EXPECT_EQ(m.signer_title, "");
}

TEST(ExtractFields, OcrDamageIsRepairedAndTrustedLess) {
  Fields f = ExtractFields({DrawnPage(1, {{130, 100, "SỞ TÀI CHINH kụ", 60},
                                          {110, 210, "Sô: l2/2023/QĐ-STC", 70},
                                          {680, 210, "Hà Nội, ngay 05 thang 3 nam 2O23", 70},
                                          {520, 320, "QUYÊT ĐINH", 80},
                                          {300, 360, "Về việc phê duyệt kế hoạch", 90}})});
  const Metadata& m = f.metadata;
  EXPECT_EQ(m.number, "12/2023/QĐ-STC");
  EXPECT_EQ(m.date, "2023-03-05");
  EXPECT_EQ(m.doc_type, "QUYẾT ĐỊNH");
  EXPECT_EQ(m.agency, "SỞ TÀI CHÍNH");
  EXPECT_LT(f.evidence.at(Field::kNumber).confidence, 0.7);
  EXPECT_LT(f.evidence.at(Field::kDate).confidence, 0.7);
  EXPECT_NEAR(f.evidence.at(Field::kAgency).confidence, 0.6, 1e-6);
}

TEST(ExtractFields, DamagedTitleGivesWayToTheNumbersCode) {
  Fields f = ExtractFields({DrawnPage(1, {{130, 100, "SỞ NỘI VỤ"},
                                          {110, 210, "Số: 25/TTr-SNV"},
                                          {520, 320, "TÒ TRÌNK"},
                                          {300, 360, "Về việc triển khai văn phòng điện tử"}})});
  EXPECT_EQ(f.metadata.doc_type, "TỜ TRÌNH");
  EXPECT_LT(f.evidence.at(Field::kDocType).confidence, 1.0);
}

TEST(ExtractFields, UnreadableFirstPageLeavesTheHeaderEmpty) {
  std::vector<PageText> pages = StateDecision();
  pages[0].error = "ocr_failed: deadline passed";
  pages[0].words.clear();
  pages[0].text.clear();
  Fields f = ExtractFields(pages);
  EXPECT_EQ(f.metadata.number, "");
  EXPECT_EQ(f.metadata.agency, "");
  EXPECT_EQ(f.metadata.signer, "Nguyễn Văn An") << "the last page still signs";
}

TEST(KeyLines, TheLinesFieldsComeFromOnTheirPages) {
  std::vector<PageText> pages = StateDecision();
  auto texts = [](const std::vector<KeyLine>& lines) {
    std::vector<std::string> out;
    for (const KeyLine& l : lines) out.push_back(l.text);
    return out;
  };
  std::vector<KeyLine> header = KeyLines(pages[0]);
  EXPECT_EQ(texts(header),
            (std::vector<std::string>{"Số: 123/QĐ-SNV", "Hải Dương, ngày 15 tháng 3 năm 2023",
                                      "Về việc ban hành quy chế làm việc của cơ quan và"}));
  EXPECT_EQ(header[0].box.x0, 100);
  EXPECT_EQ(header[0].box.y0, 210);
  // Page 2 of 2, as the page reader asks: its signature counts wherever it stands.
  EXPECT_EQ(texts(KeyLines(pages[1], {.header = false})),
            std::vector<std::string>{"Nguyễn Văn An"});
  EXPECT_TRUE(KeyLines(pages[0], {.header = false}).empty())
      << "not the first page: no header lines";
  EXPECT_TRUE(KeyLines(pages[1], {.header = false, .signature = false}).empty())
      << "neither first nor last page: nothing";
  EXPECT_TRUE(KeyLines(TextPage(1, "Số: 12/QĐ-UBND\n")).empty())
      << "no boxes, nothing to read again";
  // A date line whose day was not read is read again too: other scales may read it.
  for (Word& w : pages[0].words) {
    if (w.text == "15") w.text = ";";
  }
  EXPECT_EQ(texts(KeyLines(pages[0]))[1], "Hải Dương, ngày ; tháng 3 năm 2023");
}

// Signature blocks a seal lies over, as OCR read them (dev corpus vb006, vb028; the real signed
// scan 22 TTR of Quảng Ngãi): the lines to read again under the seal, widened to the block.
TEST(KeyLines, ASignatureBlocksLinesUnderASealAreReadAgain) {
  auto sealed = [](const PageText& page) {
    std::vector<std::pair<UnderSeal, std::string>> out;
    for (const KeyLine& l : KeyLines(page, {.header = false, .signature = false}))
      out.emplace_back(l.under_seal, l.text);
    return out;
  };
  using Lines = std::vector<std::pair<UnderSeal, std::string>>;
  // A red ring cut the family name: "Vũ" read as "g".
  PageText red = DrawnPage(1, {{700, 900, "T/M BAN THƯỜNG VỤ"},
                               {780, 940, "BI THƯ"},
                               {760, 1000, "tŸ ẲN ...", 40},
                               {720, 1100, "g Ngọc Trung"},
                               {100, 1200, "Nơi nhận:"}});
  EXPECT_EQ(sealed(red), (Lines{{UnderSeal::kSignerName, "g Ngọc Trung"}}));
  const KeyLine name = KeyLines(red, {.header = false, .signature = false}).front();
  EXPECT_LT(name.box.x0, 700) << "widened to the block, where the name is centred";
  EXPECT_GT(name.box.x1, 720 + 4 * 18 + 12);
  // A gray seal over the title and the name: half a title, one word of the name.
  PageText gray = DrawnPage(2, {{650, 300, "TL. GIÁM ĐỐC"},
                                {760, 335, "ĂN PHÒNG"},
                                {820, 500, "Dũng"},
                                {100, 320, "Nơi nhận:"}});
  EXPECT_EQ(sealed(gray),
            (Lines{{UnderSeal::kSignerTitle, "ĂN PHÒNG"}, {UnderSeal::kSignerName, "Dũng"}}));
  // A name read whole, but with no family name to start it.
  PageText misread = DrawnPage(1, {{700, 900, "TM. ỦY BAN NHÂN DÂN"},
                                   {780, 940, "CHỦ TỊCH"},
                                   {720, 1100, "Xguyên Hoàng Giang"}});
  EXPECT_EQ(sealed(misread), (Lines{{UnderSeal::kSignerName, "Xguyên Hoàng Giang"}}));
  // A block that reads is left alone, and so is a page without a block.
  PageText read = DrawnPage(1, {{700, 900, "TM. ỦY BAN NHÂN DÂN"},
                                {780, 940, "CHỦ TỊCH"},
                                {720, 1100, "Nguyễn Hoàng Giang"}});
  EXPECT_TRUE(sealed(read).empty());
  EXPECT_TRUE(sealed(DrawnPage(1, {{100, 300, "Kính gửi: Sở Nội vụ"}})).empty());
  EXPECT_TRUE(
      KeyLines(misread, {.header = false, .signature = false, .signature_under_seal = false})
          .empty());
}

TEST(RateUnderSeal, WhatALineReadAgainMustBe) {
  struct Case {
    UnderSeal what;
    std::string line;
    int rate;
  };
  for (const Case& c : std::vector<Case>{
           {UnderSeal::kSignerName, "Vũ Ngọc Trung", 2},
           {UnderSeal::kSignerName, "` Đỗ Thanh Dũng", 2},
           {UnderSeal::kSignerName, "h Nguyễn Hoàng Giang", 2},  // a signature's stroke first
           {UnderSeal::kSignerName, "Đã Thanh Dũng", 1},         // a vowel from "Đỗ"
           {UnderSeal::kSignerName, "Ngâ Xuân Sơn", 1},          // a vowel from "Ngô"
           {UnderSeal::kSignerName, "Đã Thaänh Dũng", 0},        // "Thaänh" is no syllable
           {UnderSeal::kSignerName, "Xguyễn Hoàng Giang", 0},    // no family name
           {UnderSeal::kSignerName, "ngọc trung", 0},
           {UnderSeal::kSignerName, "", 0},
           {UnderSeal::kSignerTitle, "CHÁNH VĂN PHÒNG", 2},
           {UnderSeal::kSignerTitle, "CHANH VĂN PHÒNG", 1},
           {UnderSeal::kSignerTitle, "ĂN PHÒNG", 0},
           {UnderSeal::kNo, "Vũ Ngọc Trung", 0},
       }) {
    EXPECT_EQ(RateUnderSeal(c.what, c.line), c.rate) << c.line;
  }
}

TEST(KeepFromName, TheStrokesBeforeANameGo) {
  std::vector<Word> words = {{"h", Box{0, 0, 10, 30}, 40, 0, 0},
                             {"Nguyễn", Box{20, 0, 120, 30}, 90, 0, 0},
                             {"Hoàng", Box{130, 0, 220, 30}, 90, 0, 0},
                             {"Giang", Box{230, 0, 320, 30}, 90, 0, 0}};
  std::string text = "h Nguyễn Hoàng Giang";
  KeepFromName(words, text);
  EXPECT_EQ(text, "Nguyễn Hoàng Giang");
  ASSERT_EQ(words.size(), 3u);
  EXPECT_EQ(words.front().text, "Nguyễn");
  KeepFromName(words, text);
  EXPECT_EQ(text, "Nguyễn Hoàng Giang") << "a name alone stays as it is";
}

TEST(ExtractFields, AnAppendixHeadingIsNotAnIssuingBody) {
  Fields f = ExtractFields({TextPage(1,
                                     "Phụ lục III\nBẢNG CHỮ VIẾT TẮT TÊN LOẠI,\n"
                                     "(Kèm theo Nghị định số 30/2020/NĐ-CP\n"
                                     "ngày 05 tháng 3 năm 2020 của Chính phủ)\n"
                                     "I. BẢNG CHỮ VIẾT TẮT\n")});
  EXPECT_EQ(f.metadata.agency, "");
  EXPECT_EQ(f.metadata.date, "") << "a date inside a sentence";
  EXPECT_EQ(f.metadata.number, "");
}

TEST(ExtractFields, ASecrecyMarkOnALaterPageMarksTheRecordTheStrictestWins) {
  // A batch scan: an unmarked letter, then a TUYỆT MẬT decision as its second page.
  const std::string letter =
      "ỦY BAN NHÂN DÂN\nTỈNH NAM ĐỊNH\nSố: 12/UBND-VP\nV/v lịch họp\nKính gửi: các sở.\n";
  const std::string decision =
      "BỘ CÔNG AN\nSố: 7/QĐ-BCA\nTUYỆT MẬT\nQUYẾT ĐỊNH\nVề việc bảo vệ bí mật\n";
  Fields both = ExtractFields({TextPage(1, letter), TextPage(2, decision)});
  EXPECT_EQ(both.metadata.confidentiality, "TUYỆT MẬT");
  EXPECT_EQ(both.evidence.at(Field::kConfidentiality).page, 2);
  EXPECT_EQ(both.metadata.number, "12/UBND-VP") << "the other fields stay the first document's";
  Fields mat_first =
      ExtractFields({TextPage(1, "SỞ NỘI VỤ\nSố: 3/SNV\nMẬT\n"), TextPage(2, decision)});
  EXPECT_EQ(mat_first.metadata.confidentiality, "TUYỆT MẬT") << "the strictest mark wins";
  Fields lower_later = ExtractFields(
      {TextPage(1, "SỞ NỘI VỤ\nSố: 3/SNV\nTỐI MẬT\n"), TextPage(2, "Trang hai\nMẬT\n")});
  EXPECT_EQ(lower_later.metadata.confidentiality, "TỐI MẬT");
  Fields body =
      ExtractFields({TextPage(1, letter), TextPage(2, "Nội dung về tài liệu mật của cơ quan.\n")});
  EXPECT_EQ(body.metadata.confidentiality, "") << "the word in a sentence is no mark";
}

TEST(ExtractFields, NothingFromAPageOfBodyText) {
  Fields f = ExtractFields({TextPage(1,
                                     "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020;\n"
                                     "Điều 1. Văn bản hành chính được trình bày theo quy định.\n"
                                     "Số lượng bản sao do người ký quyết định.\n")});
  const Metadata& m = f.metadata;
  for (const FieldName& field : kMetadataFields) {
    const std::string_view name = field.json;
    if (const std::string* v = MetadataText(m, name)) EXPECT_EQ(*v, "") << name;
  }
  EXPECT_TRUE(f.evidence.empty());
}

}  // namespace
}  // namespace luutru::extract
