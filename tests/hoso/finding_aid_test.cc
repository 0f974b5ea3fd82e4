// The finding aid as LibreOffice saves it, and the code lists of TT 05/2025.
#include "hoso/finding_aid.h"

#include <gtest/gtest.h>

#include "core/archival_codes.h"

namespace luutru::hoso {
namespace {

TEST(ParseCsv, QuotesSeparatorsAndLineEnds) {
  const auto rows = ParseCsv("a,\"b, c\",\"say \"\"hi\"\"\"\r\n1,,\"two\nlines\"\n", ',');
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b, c", "say \"hi\""}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "", "two\nlines"}));
  EXPECT_EQ(ParseCsv("x;y\n", ';')[0], (std::vector<std::string>{"x", "y"}));
}

TEST(Codes, AsFindingAidsWriteThem) {
  EXPECT_EQ(RetentionCode("Vĩnh viễn"), "01");
  EXPECT_EQ(RetentionCode("VINH VIEN"), "01");
  EXPECT_EQ(RetentionCode("20 năm"), "05");
  EXPECT_EQ(RetentionCode("5"), "05") << "a code, its leading zero dropped by a spreadsheet";
  EXPECT_EQ(RetentionCode("5 năm"), "07") << "a period without a code of its own";
  EXPECT_EQ(RetentionCode("Đến khi văn bản hết hiệu lực"), "07");
  EXPECT_EQ(RetentionCode(""), "");
  EXPECT_EQ(DocumentTypeCode("QUYẾT ĐỊNH"), "02");
  EXPECT_EQ(DocumentTypeCode("CÔNG VĂN"), "22");
  EXPECT_EQ(DocumentTypeCode("GIẤY UỶ QUYỀN"), "16") << "the old place of the tone";
  EXPECT_EQ(DocumentTypeCode("THÔNG TƯ"), "32") << "not in the list: Khác";
  EXPECT_EQ(DocumentTypeCode(""), "");
  EXPECT_EQ(CodeNamed(kAccessCodes, "su dung co dieu kien"), "02");
  EXPECT_FALSE(CodeNamed(kAccessCodes, "hạn chế").has_value());
}

constexpr const char* kHeader =
    "\xEF\xBB\xBF"
    "STT;Số, ký hiệu hồ sơ;Tên đề mục và tiêu đề hồ sơ;Thời hạn bảo quản;Người lập hồ sơ;"
    "Chế độ sử dụng;Thời gian bắt đầu;Hộp\n";

TEST(ParseFindingAid, TakesTheColumnsOfDecree30AndTt05) {
  const std::string csv = std::string(kHeader) +
                          ";;I. TỔ CHỨC, CÁN BỘ;;;;;\n"
                          "1;01.TCCB;Hồ sơ tuyển dụng năm 2023;Vĩnh viễn;Lê Văn An;Mật;;3\n"
                          "2;02.TCCB;Hồ sơ khen thưởng;10 năm;Lê Văn An;;03/2023;3\n";
  Result<FindingAid> aid = ParseFindingAid(csv);
  ASSERT_TRUE(aid.ok()) << aid.status().ToString();
  EXPECT_TRUE(aid->errors.empty());
  EXPECT_EQ(aid->headings, 1);
  EXPECT_EQ(aid->ignored_columns, std::vector<std::string>{"STT"});
  ASSERT_EQ(aid->files.size(), 2u);
  const ArchivalFile& first = aid->files[0];
  EXPECT_EQ(first.code, "01.TCCB");
  EXPECT_EQ(first.Value(kTitle), "Hồ sơ tuyển dụng năm 2023");
  EXPECT_EQ(first.Value(kRetention), "01");
  EXPECT_EQ(first.Value(kAccess), "03");
  EXPECT_EQ(first.Value("creator"), "Lê Văn An");
  EXPECT_EQ(first.Value(kBox), "3");
  EXPECT_EQ(first.Value(kLanguage), "01") << "Vietnamese unless the list says otherwise";
  EXPECT_EQ(first.Value(kReliability), "02") << "a digitized paper file";
  EXPECT_EQ(aid->files[1].Value(kRetention), "06");
  EXPECT_EQ(aid->files[1].Value(kStartDate), "2023-03");
}

TEST(ParseFindingAid, EveryBadRowIsNamedWithItsFix) {
  const std::string csv = std::string(kHeader) +
                          "1;01.TCCB;Hồ sơ A;Vĩnh viễn;;Hạn chế;;\n"  // line 2: unknown access
                          "2;;Hồ sơ B;20 năm;An;;;\n"                 // line 3: no code
                          "3;01.TCCB;Hồ sơ C;20 năm;;;;\n"            // line 4: a code again
                          "4;04.TCCB;Hồ sơ D;;;;31/02/2023;\n"        // line 5: no period, no date
                          "5;05.TCCB;Hồ sơ E;Vĩnh viễn;;;;\n";        // good
  Result<FindingAid> aid = ParseFindingAid(csv);
  ASSERT_TRUE(aid.ok());
  ASSERT_EQ(aid->errors.size(), 4u);
  EXPECT_EQ(aid->errors[0].line, 2);
  EXPECT_NE(aid->errors[0].message.find("Công khai"), std::string::npos)
      << "names the codes to use: " << aid->errors[0].message;
  EXPECT_EQ(aid->errors[1].line, 3);
  EXPECT_NE(aid->errors[1].message.find("thiếu số và ký hiệu"), std::string::npos);
  EXPECT_EQ(aid->errors[2].line, 4);
  EXPECT_NE(aid->errors[2].message.find("đã có"), std::string::npos);
  EXPECT_EQ(aid->errors[3].line, 5);
  EXPECT_NE(aid->errors[3].message.find("thời hạn"), std::string::npos);
  EXPECT_NE(aid->errors[3].message.find("không phải ngày"), std::string::npos);
}

TEST(TakeValue, AnElementSetByHandIsCheckedAsAnImportChecksIt) {
  ArchivalFile file;
  file.code = "01.VP";
  ASSERT_NE(ElementTyped("Số lượng tờ"), nullptr);
  EXPECT_EQ(ElementTyped("so luong to")->name, "numberOfPaper");
  EXPECT_EQ(ElementTyped("mode")->name, kAccess);
  EXPECT_EQ(ElementTyped("không có"), nullptr);
  EXPECT_EQ(TakeValue(*ElementTyped("numberOfPaper"), "12", file), "");
  EXPECT_EQ(file.Value("numberOfPaper"), "12");
  EXPECT_NE(TakeValue(*ElementTyped("numberOfPaper"), "mười hai", file), "");
  EXPECT_EQ(TakeValue(*ElementTyped("Chế độ sử dụng"), "mat", file), "");
  EXPECT_EQ(file.Value(kAccess), "03");
  EXPECT_EQ(TakeValue(*ElementTyped("maintenance"), "5 năm", file), "");
  EXPECT_EQ(file.Value(kRetentionText), "5 năm");
  EXPECT_EQ(TakeValue(*ElementTyped("maintenance"), "Vĩnh viễn", file), "");
  EXPECT_EQ(file.Value(kRetentionText), "") << "a coded period keeps no words of an old one";
  EXPECT_EQ(TakeValue(*ElementTyped("numberOfPaper"), "", file), "");
  EXPECT_EQ(file.Value("numberOfPaper"), "") << "empty clears";
  EXPECT_NE(TakeValue(*ElementTyped("title"), "", file), "") << "a title cannot be cleared";
}

TEST(ParseFindingAid, RefusesWhatIsNoFindingAid) {
  EXPECT_FALSE(ParseFindingAid("Mã hồ sơ,Tiêu\xff\n").ok()) << "not UTF-8";
  Result<FindingAid> no_title = ParseFindingAid("Số và ký hiệu hồ sơ,Hộp\n01,1\n");
  ASSERT_FALSE(no_title.ok());
  EXPECT_NE(no_title.status().message().find("Tiêu đề hồ sơ"), std::string::npos);
  EXPECT_FALSE(ParseFindingAid("").ok());
}

TEST(DocumentElements, ADocumentsOwnElementsAreCheckedAsTheFilesAre) {
  std::map<std::string, std::string> values;
  const Element* autograph = DocumentElementTyped("Bút tích");
  ASSERT_NE(autograph, nullptr);
  EXPECT_EQ(TakeDocumentValue(*autograph, " Ý kiến của Bí thư ", values), "");
  EXPECT_EQ(values["autograph"], "Ý kiến của Bí thư");
  const Element* state = DocumentElementTyped("tinh trang vat ly");
  ASSERT_NE(state, nullptr);
  EXPECT_EQ(TakeDocumentValue(*state, "Tốt", values), "");
  EXPECT_EQ(values["format"], "01");
  EXPECT_NE(TakeDocumentValue(*state, "hư", values).find("không có trong danh mục mã"),
            std::string::npos);
  EXPECT_EQ(TakeDocumentValue(*autograph, "", values), "");
  EXPECT_FALSE(values.count("autograph")) << "an empty value clears it";
  EXPECT_EQ(DocumentElementTyped("Tiêu đề hồ sơ"), nullptr) << "a file's element, not a document's";
}

}  // namespace
}  // namespace luutru::hoso
