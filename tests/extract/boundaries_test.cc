// Where documents begin in a file scanned as one: page texts as OCR gives them (a header
// split into its two blocks, a motto run into the issuing body, a day written by hand).
#include "extract/boundaries.h"

#include <gtest/gtest.h>

namespace luutru::extract {
namespace {

PageText Page(const std::string& text) {
  PageText page;
  page.text = text;
  return page;
}

const char* kDecision =
    "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 12/QĐ-UBND\n\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Quảng Ngãi, ngày 02 tháng 10 năm 2022\n\nQUYẾT ĐỊNH\nVề việc ban hành quy chế\n";
const char* kPartyLetter =
    "TỈNH ỦY NGHỆ AN ĐẢNG CỘNG SẢN VIỆT NAM\nBAN TỔ CHỨC\n*\nSố 466-CV/BTCTU\n"
    "Nghệ An, ngày    tháng 05 năm 2019\nV/v thành lập tổ công tác\n";
const char* kContinuation =
    "2\n\nĐiều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ chịu trách nhiệm\n"
    "thi hành Quyết định này kể từ ngày 02 tháng 10 năm 2022.\n\nNơi nhận:\n- Như Điều 3;\n";
const char* kLetterQuotingAHeader =
    "3\n\ntheo Quyết định số 12/QĐ-UBND ngày 02/10/2022 của Ủy ban nhân dân tỉnh.\n"
    "Đề nghị các đơn vị thực hiện.\n";

TEST(DocumentStarts, AHeaderStartsADocumentItsFollowingPagesDoNot) {
  EXPECT_TRUE(OpeningOf(Page(kDecision)).StartsDocument());
  EXPECT_TRUE(OpeningOf(Page(kPartyLetter)).StartsDocument())
      << "the Party's motto run into the body's line, a day written by hand";
  EXPECT_FALSE(OpeningOf(Page(kContinuation)).StartsDocument());
  EXPECT_FALSE(OpeningOf(Page(kLetterQuotingAHeader)).StartsDocument())
      << "a number and a date in a sentence are no header";
  const std::vector<PageText> file = {Page(kDecision), Page(kContinuation), Page(kPartyLetter),
                                      Page(kLetterQuotingAHeader), Page(kDecision)};
  EXPECT_EQ(DocumentStarts(file), (std::vector<size_t>{0, 2, 4}));
  EXPECT_EQ(DocumentStarts({Page(kContinuation)}), std::vector<size_t>{0})
      << "the first page starts the first document whatever it holds";
  EXPECT_TRUE(DocumentStarts({}).empty());
}

TEST(DocumentStarts, TheRecipientsListEndsADocument) {
  EXPECT_TRUE(EndsDocument(Page(kContinuation)));
  EXPECT_TRUE(EndsDocument(Page("Như trên;\nNOI NHAN:\n- Lưu: VT.\n"))) << "read without marks";
  EXPECT_FALSE(EndsDocument(Page(kDecision)));
  EXPECT_FALSE(EndsDocument(Page(kLetterQuotingAHeader)));
}

}  // namespace
}  // namespace luutru::extract
