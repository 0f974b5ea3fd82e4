// The line recognizers, table-driven over real header and signature lines, clean and as OCR
// damages them.
#include "extract/patterns.h"

#include <gtest/gtest.h>

namespace luutru::extract {
namespace {

struct NumberCase {
  const char* line;
  const char* number;  // "" = not a number line
  bool exact;
};

TEST(ParseNumberLine, ReadsStateAndPartyNumbersAndRepairsOcrDamage) {
  const NumberCase cases[] = {
      {"Số: 12/2023/QĐ-UBND", "12/2023/QĐ-UBND", true},
      {"Số: 45/2018/QĐ-TTg", "45/2018/QĐ-TTg", true},
      {"Số 123-QĐ/TU", "123-QĐ/TU", true},
      {"Số 981-QĐi/UBKTTU", "981-QĐi/UBKTTU", true},
      {"Số: 654/PTP-VP Đà Nẵng, ngày 20 tháng 7 năm 2009", "654/PTP-VP", true},
      {"Sô: l2 /2023/QĐ-UBND", "12/2023/QĐ-UBND", false},
      {"S6: 45/2O18/QĐ-TTg", "45/2018/QĐ-TTg", false},
      {"Só 123 - QĐ/TU", "123-QĐ/TU", false},
      {"Số; 7/TB-VP.", "7/TB-VP", false},
      {"SỞ NỘI VỤ", "", false},
      {"Số lượng văn bản đến", "", false},
      {"Số:   /QĐ-UBND", "…/QĐ-UBND", false},  // a blank form, or digits by hand not read: partial
      // The type's code as Appendix III spells it: a lost mark, an eth for Đ, a capital too many.
      {"Số: 86/QD-UBND", "86/QĐ-UBND", false},
      {"Số: 7/Q\u00D0-UBND", "7/QĐ-UBND", false},
      {"Số: 05/TTR-STP", "05/TTr-STP", false},
      {"Số 668-NQ/BTGTU", "668-NQ/BTGTU", true},
      {"Số: 12/HD-UBND", "12/HD-UBND", true},  // Hướng dẫn, or Hợp đồng (HĐ) without its mark: left
      {"Số: 574/UBND-KTTH", "574/UBND-KTTH", true},  // a công văn: no type code
      {"Sổ đăng ký văn bản 12", "", false},
      // What OCR made of a scratch beside the number (dev vb021, a low-resolution scan).
      {"Số: 675/PTP-VP 2 ` p: X", "675/PTP-VP", true},
      {"Số 45/2018/QĐ-TTg ngày 02 tháng 10 được bãi bỏ toàn bộ", "", false},  // a sentence
  };
  for (const NumberCase& c : cases) {
    std::optional<Match> m = ParseNumberLine(c.line);
    if (*c.number == '\0') {
      EXPECT_FALSE(m) << c.line << " -> " << (m ? m->value : "");
      continue;
    }
    ASSERT_TRUE(m) << c.line;
    EXPECT_EQ(m->value, c.number) << c.line;
    EXPECT_EQ(m->exact, c.exact) << c.line;
  }
}

struct DateCase {
  const char* line;
  const char* iso;  // "" = not a date line
  const char* place;
};

TEST(ParseDateLine, ReadsPlaceAndDateWithOcrDamage) {
  const DateCase cases[] = {
      {"Hà Nội, ngày 05 tháng 3 năm 2020", "2020-03-05", "Hà Nội"},
      {"Ninh Giang, ngày 25 tháng 08 năm 2001", "2001-08-25", "Ninh Giang"},
      {"TP. Hồ Chí Minh, ngày 1 tháng 12 năm 2019", "2019-12-01", "TP. Hồ Chí Minh"},
      {"Hưng Yên, ngày 3 tháng 2 năm 2006", "2006-02-03", "Hưng Yên"},
      {"Đà Nẵng, ngay 2O thang 7 nam 2009", "2009-07-20", "Đà Nẵng"},
      {"Hà Nội, ngảy 05 thảng 3 năm 2 020", "2020-03-05", "Hà Nội"},
      {"Hà Nội, ngày05 tháng 3 năm 2020", "2020-03-05", "Hà Nội"},
      {"Số: 654/PTP-VP Đà Nẵng, ngày 20 tháng 7 năm 2009", "2009-07-20", "Đà Nẵng"},
      {"ngày 29 tháng 2 năm 2024", "2024-02-29", ""},
      {"Hà Nội, ngày 29 tháng 2 năm 2023", "", ""},  // not a calendar date
      {"Hà Nội, ngày 31 tháng 4 năm 2020", "", ""},
      {"Hà Nội, ngày ... tháng ... năm 20...", "", ""},  // a blank form
      {"ngày 05 tháng 3", "", ""},
      {"Hà Nội, năm 2020", "", ""},
      // A speck after the year is read as a letter or two; a sentence going on is no date line.
      {"Hưng Yên, ngày 3 tháng 2 năm 2006 p:", "2006-02-03", "Hưng Yên"},
      {"Hưng Yên, ngày 3 tháng 2 năm 2006 của UBND", "", ""},
  };
  for (const DateCase& c : cases) {
    std::optional<DateLine> d = ParseDateLine(c.line);
    if (*c.iso == '\0') {
      EXPECT_FALSE(d) << c.line << " -> " << (d ? d->iso : "");
      continue;
    }
    ASSERT_TRUE(d) << c.line;
    EXPECT_EQ(d->iso, c.iso) << c.line;
    EXPECT_EQ(d->place, c.place) << c.line;
  }
}

TEST(ParseDateLine, RepairedDatesAreNotExact) {
  EXPECT_TRUE(ParseDateLine("Hà Nội, ngày 05 tháng 3 năm 2020")->exact);
  EXPECT_FALSE(ParseDateLine("Hà Nội, ngày 05 tháng 3 năm 2O20")->exact);
  EXPECT_FALSE(ParseDateLine("Hà Nội, ngàv 05 tháng 3 năm 2020")->exact);
}

struct MarkCase {
  const char* line;
  const char* confidentiality;
  const char* urgency;
};

TEST(Marks, WholeLinesInCapitalsOnly) {
  const MarkCase cases[] = {
      {"MẬT", "MẬT", ""},
      {"TỐI MẬT", "TỐI MẬT", ""},
      {"TUYỆT MẬT", "TUYỆT MẬT", ""},
      {"TÓI MẬT", "TỐI MẬT", ""},
      {"KHẨN", "", "KHẨN"},
      {"KHÂN", "", "KHẨN"},
      {"THƯỢNG KHẨN", "", "THƯỢNG KHẨN"},
      {"HỎA TỐC", "", "HỎA TỐC"},
      {"HOẢ TỐC", "", "HỎA TỐC"},
      {"mật", "", ""},
      {"Khẩn trương triển khai", "", ""},
      {"BÍ MẬT NHÀ NƯỚC", "", ""},
  };
  for (const MarkCase& c : cases) {
    std::optional<Match> conf = MatchConfidentiality(c.line);
    std::optional<Match> urg = MatchUrgency(c.line);
    EXPECT_EQ(conf ? conf->value : "", c.confidentiality) << c.line;
    EXPECT_EQ(urg ? urg->value : "", c.urgency) << c.line;
  }
}

TEST(DocTypes, TitlesAndDamagedTitles) {
  const std::pair<const char*, const char*> cases[] = {
      {"QUYẾT ĐỊNH", "QUYẾT ĐỊNH"},
      {"QUYÊT ĐINH", "QUYẾT ĐỊNH"},
      {"QUY ĐỊNH", "QUY ĐỊNH"},
      {"TỜ TRÌNH", "TỜ TRÌNH"},
      {"NGHỊ QUYẾT", "NGHỊ QUYẾT"},
      {"BÁO CÁO TÓM TẮT", "BÁO CÁO"},
      {"THÔNG TƯ LIÊN TỊCH", "THÔNG TƯ LIÊN TỊCH"},
      {"KẾ HOẠCH.", "KẾ HOẠCH"},
      {"Quyết định", ""},  // not a title line
      {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ""},
      {"CHỦ TỊCH", ""},
  };
  for (const auto& [line, type] : cases) {
    std::optional<Match> m = MatchDocTypeTitle(line);
    EXPECT_EQ(m ? m->value : "", type) << line;
  }
  EXPECT_TRUE(MatchDocTypeTitle("QUYẾT ĐỊNH")->exact);
  EXPECT_FALSE(MatchDocTypeTitle("QUYÊT ĐINH")->exact);
}

TEST(DocTypes, NumberCodesOfBothLayouts) {
  const std::pair<const char*, const char*> cases[] = {
      {"12/2023/QĐ-UBND", "QUYẾT ĐỊNH"},
      {"12/QD-UBND", "QUYẾT ĐỊNH"},  // the mark lost
      {"25/TTr-UBND", "TỜ TRÌNH"},
      {"01/2011/TT-BNV", "THÔNG TƯ"},
      {"123-QĐ/TU", "QUYẾT ĐỊNH"},
      {"981-QĐi/UBKTTU", "QUY ĐỊNH"},
      {"05-TT/TW", "THÔNG TRI"},
      {"466-CV/BTCTU", "CÔNG VĂN"},
      {"675/PTP-VP", ""},  // a State công văn: no type code
      {"12", ""},
  };
  for (const auto& [number, type] : cases) EXPECT_EQ(DocTypeForNumber(number), type) << number;
}

TEST(SignatureLines, ThePersonAnElectronicSignatureNames) {
  EXPECT_EQ(ESignatureSigner("Người ký: Nguyễn Văn An"), "Nguyễn Văn An");
  EXPECT_EQ(ESignatureSigner("Ký bởi: Trần Phước Hiền Email: tphien@quangngai.gov.vn"),
            "Trần Phước Hiền");
  EXPECT_EQ(ESignatureSigner("Người ký : Đặng Văn Minh"), "Đặng Văn Minh");
  // The office whose certificate signed a scan (real signed scans of Quảng Ngãi print this).
  EXPECT_EQ(ESignatureSigner("Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi"), std::nullopt);
  EXPECT_EQ(ESignatureSigner("Người ký: Sở Tư Pháp"), std::nullopt);
  EXPECT_EQ(ESignatureSigner("Thời gian ký: 07/02/2025 07:56:24"), std::nullopt);
  EXPECT_EQ(ESignatureSigner("Nguyễn Văn An"), std::nullopt);
}

TEST(SignatureLines, NamesTitlesAndAuthority) {
  EXPECT_TRUE(LooksLikePersonName("Nguyễn Văn An"));
  EXPECT_TRUE(LooksLikePersonName("Phạm Thị Trung"));
  EXPECT_TRUE(LooksLikePersonName("Đỗ Minh Thảo."));
  EXPECT_FALSE(LooksLikePersonName("CHỦ TỊCH"));
  EXPECT_FALSE(LooksLikePersonName("Nơi nhận:"));
  EXPECT_FALSE(LooksLikePersonName("Trần Phú, Lê Lợi"));
  EXPECT_FALSE(LooksLikePersonName("An"));
  for (const char* line : {"KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ",
                           "TL. BỘ TRƯỞNG", "TUQ. CHỦ TỊCH", "K/T BÍ THƯ", "TM.ỦY BAN NHÂN DÂN"}) {
    EXPECT_TRUE(IsSigningAuthority(line)) << line;
  }
  EXPECT_FALSE(IsSigningAuthority("GIÁM ĐỐC"));
  EXPECT_FALSE(IsSigningAuthority("PHÓ BÍ THƯ"));
  EXPECT_EQ(AfterSigningAuthority("KT. GIÁM ĐỐC"), "GIÁM ĐỐC");
  EXPECT_TRUE(IsUpperCaseLine("PHO Bí THƯ")) << "OCR's odd lower-case letter";
  EXPECT_EQ(CanonicalTitle("PHO Bí THƯ"), "PHÓ BÍ THƯ");
  EXPECT_EQ(CanonicalTitle("CHANH VAN PHONG"), "CHÁNH VĂN PHÒNG");
  EXPECT_EQ(CanonicalTitle("TRƯỞNG BAN TUYÊN GIÁO"), "TRƯỞNG BAN TUYÊN GIÁO")
      << "other titles as printed";
  // A known title heading more words: the title spelled as printed, the rest as read.
  EXPECT_EQ(CanonicalTitle("CHỮ TỊCH UBND TỈNH"), "CHỦ TỊCH UBND TỈNH");
  EXPECT_EQ(CanonicalTitle("PHO GIAM ĐỐC SỞ Y TẾ"), "PHÓ GIÁM ĐỐC SỞ Y TẾ");
  EXPECT_EQ(CanonicalTitle("KỸ SƯ TRƯỞNG"), "KỸ SƯ TRƯỞNG");
  // A title line read through a seal: strokes without letters at its ends.
  EXPECT_EQ(KnownTitle("2/77. BI THƯ"), "BÍ THƯ");
  EXPECT_EQ(KnownTitle("CHỦ TỊCH ⁄ `"), "CHỦ TỊCH");
  EXPECT_EQ(KnownTitle("[Í ..."), "") << "noise is no title";
  EXPECT_EQ(KnownTitle("TRƯỞNG BAN TUYÊN GIÁO"), "") << "only the list's titles";
  EXPECT_EQ(KnownTitle("BÍ THƯ XÃ"), "") << "a whole line, not a part of one";
}

TEST(HeaderLines, AMottoWithAMarkMisreadIsSpelledAsPrinted) {
  EXPECT_EQ(SpelledAsMotto("CỘNG HÒA XÃ HỌI CHỦ NGHĨA VIỆT NAM"),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  EXPECT_EQ(SpelledAsMotto("CỌNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
      << "HOÀ, the older placement, stays";
  EXPECT_EQ(SpelledAsMotto("Độc lập - Tư do - Hanh phúc"), "Độc lập - Tự do - Hạnh phúc");
  EXPECT_EQ(SpelledAsMotto("ĐẢNG CỘNG SẢN VIỆT NAM"), std::nullopt) << "already right";
  EXPECT_EQ(SpelledAsMotto("CỘNG HÒA XÃ HỘI CHỦ NGHĨA"), std::nullopt) << "cut short";
  EXPECT_EQ(SpelledAsMotto("UBND TỈNH CỘNG HÒA XÃ HỌI CHỦ NGHĨA VIỆT NAM"), std::nullopt)
      << "not only the motto";
  EXPECT_EQ(SpelledAsMotto("Công hòa xã hội"), std::nullopt);
}

TEST(HeaderLines, SubjectsMottosLocalities) {
  EXPECT_TRUE(IsCongVanSubject("V/v tổ chức khóa đào tạo"));
  EXPECT_TRUE(IsCongVanSubject("V/V tổ chức"));
  EXPECT_TRUE(IsCongVanSubject("V / v tổ chức"));
  EXPECT_TRUE(IsCongVanSubject("_ V/v tổ chức")) << "a speck read before it";
  EXPECT_FALSE(IsCongVanSubject("_ Về việc tổ chức"));
  EXPECT_FALSE(IsCongVanSubject("Về việc tổ chức"));
  EXPECT_TRUE(StartsSubject("Về việc tổ chức"));
  EXPECT_TRUE(StartsSubject("Về kiểm tra"));
  EXPECT_FALSE(StartsSubject("Vì vậy"));
  EXPECT_EQ(WithoutMotto("UBND TỈNH HẢI DƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            "UBND TỈNH HẢI DƯƠNG");
  EXPECT_EQ(WithoutMotto("SỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc"), "SỞ NỘI VỤ");
  EXPECT_EQ(WithoutMotto("ĐẢNG CỘNG SẢN VIỆT NAM"), "");
  EXPECT_EQ(BeforeMotto("SỞ NỘI VỤ CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "SỞ NỘI VỤ");
  EXPECT_TRUE(IsMotto("Độc lập - Tự do - Hạnh phúc"));
  EXPECT_FALSE(IsMotto("SỞ NỘI VỤ"));
  EXPECT_TRUE(StartsWithLocality("TỈNH THANH HÓA"));
  EXPECT_TRUE(StartsWithLocality("THÀNH PHỐ HÀ NỘI"));
  EXPECT_FALSE(StartsWithLocality("TỈNH ỦY HẢI DƯƠNG"));  // a Party committee, a body of its own
  EXPECT_TRUE(HasLocality("UBND HUYỆN TỨ KỲ"));
  EXPECT_FALSE(HasLocality("ỦY BAN NHÂN DÂN"));
  EXPECT_EQ(CanonicalPlace("Đà Năng"), "Đà Nẵng");
  EXPECT_EQ(CanonicalPlace("Ninh Giang"), "Ninh Giang");
  EXPECT_EQ(CanonicalPlace("Tưng Yên"),
            "Hưng Yên");  // one letter misread: the one province it can be
  EXPECT_EQ(CanonicalPlace("Hà Tiên"), "Hà Tiên");  // a town two letters from Hà Tĩnh
  EXPECT_EQ(CanonicalPlace("Vĩnh Yên"), "Vĩnh Yên");
  EXPECT_EQ(CanonicalBodyName("BAN TUYỂN GIÁO"), "BAN TUYÊN GIÁO");
  EXPECT_EQ(CanonicalBodyName("UY BAN NHAN DAN TỈNH THANH HÓA"), "ỦY BAN NHÂN DÂN TỈNH THANH HÓA");
  EXPECT_EQ(CanonicalBodyName("TRƯỜNG THPT Gia Lộc"), "TRƯỜNG THPT Gia Lộc");
}

TEST(BodyLines, StartsBody) {
  for (const char* line : {"Căn cứ Luật Tổ chức chính quyền địa phương", "Kính gửi: Sở Nội vụ",
                           "Điều 1. Phạm vi", "1. Các cơ quan", "a) Bảo đảm", "II. NỘI DUNG"}) {
    EXPECT_TRUE(StartsBody(line)) << line;
  }
  EXPECT_FALSE(StartsBody("Về việc tổ chức"));
  EXPECT_FALSE(StartsBody("QUYẾT ĐỊNH"));
}

}  // namespace
}  // namespace luutru::extract

namespace luutru::extract {
namespace {

TEST(ParseNumberLine, HandwrittenDigitsNotReadKeepTheNotation) {
  for (const auto& [line, want] : std::vector<std::pair<std::string, std::string>>{
           {"Số: 2ƒ /CT-UBND", "…/CT-UBND"},  // real scans: the hand's digits read as junk
           {"Số: đ /CT-UBND", "…/CT-UBND"},
           {"Số:      /QĐ-BCĐ138", "…/QĐ-BCĐ138"},
           {"Số: 574 /UBND-KTTH", "574/UBND-KTTH"},  // read: the number itself
       }) {
    std::optional<Match> m = ParseNumberLine(line);
    ASSERT_TRUE(m) << line;
    EXPECT_EQ(m->value, want) << line;
    EXPECT_FALSE(m->exact) << line;  // partial, or spaces around the slash
  }
  // Not a number line: no notation, or a sentence.
  EXPECT_FALSE(ParseNumberLine("Số: đ /abc"));
  EXPECT_FALSE(ParseNumberLine("Sở Nội vụ"));
}

TEST(RepairSurname, OneLetterOffTheOneFamilyNameItCanBe) {
  EXPECT_EQ(RepairSurname("Đã Minh Trung"), "Đỗ Minh Trung");
  EXPECT_EQ(RepairSurname("Trân Phước Hiên"), "Trần Phước Hiên");  // the given name is not guessed
  EXPECT_EQ(RepairSurname("Nguyễn Văn An"), "Nguyễn Văn An");
  EXPECT_EQ(RepairSurname("Lò Văn Giàng"), "Lò Văn Giàng");  // a family name of its own, not Lê
  EXPECT_EQ(RepairSurname("Hê Văn Tư"), "Hê Văn Tư");  // Hà, Hồ, Lê…: several fit, none taken
  EXPECT_EQ(RepairSurname("Trân"), "Trân");            // one word is no full name
}

TEST(RepairProvinceWord, TinhBeforeAProvinceIsTinh) {
  EXPECT_EQ(RepairProvinceWord("ỦY BAN NHÂN DÂN TĨNH QUẢNG NGÃI"),
            "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI");
  EXPECT_EQ(RepairProvinceWord("vốn ngoài ngân sách tại tính Quảng Ngãi"),
            "vốn ngoài ngân sách tại tỉnh Quảng Ngãi");
  EXPECT_EQ(RepairProvinceWord("Tình Thừa Thiên Huế"), "Tỉnh Thừa Thiên Huế");
  EXPECT_EQ(RepairProvinceWord("UBND TINH HA TINH"),
            "UBND TỈNH HA TINH");  // marks lost: the key decides
  // Left alone: right already, a name's syllable, no province after it, a quiet word.
  EXPECT_EQ(RepairProvinceWord("UBND TỈNH HÀ TĨNH"), "UBND TỈNH HÀ TĨNH");
  EXPECT_EQ(RepairProvinceWord("huyện Sơn Tịnh Quảng Ngãi"), "huyện Sơn Tịnh Quảng Ngãi");
  EXPECT_EQ(RepairProvinceWord("đường Hà Tĩnh Quảng Ngãi"), "đường Hà Tĩnh Quảng Ngãi");
  EXPECT_EQ(RepairProvinceWord("tính toán chi phí"), "tính toán chi phí");
  EXPECT_EQ(RepairProvinceWord("yên tĩnh"), "yên tĩnh");
  EXPECT_EQ(RepairProvinceWord(""), "");
}

}  // namespace
}  // namespace luutru::extract
