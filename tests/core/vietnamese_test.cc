#include "core/vietnamese.h"

#include <gtest/gtest.h>
#include <iconv.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <string>
#include <vector>

namespace luutru::vi {
namespace {

// Every Vietnamese vowel with every tone, by base letter; and đ. Lower then upper case.
struct LetterRow {
  const char* letters;  // space separated, NFC
  const char* base;     // what each folds to
};
const LetterRow kLetters[] = {
    {"a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ", "a"},
    {"e è é ẻ ẽ ẹ ê ề ế ể ễ ệ", "e"},
    {"i ì í ỉ ĩ ị", "i"},
    {"o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ", "o"},
    {"u ù ú ủ ũ ụ ư ừ ứ ử ữ ự", "u"},
    {"y ỳ ý ỷ ỹ ỵ", "y"},
    {"đ", "d"},
    {"A À Á Ả Ã Ạ Ă Ằ Ắ Ẳ Ẵ Ặ Â Ầ Ấ Ẩ Ẫ Ậ", "A"},
    {"E È É Ẻ Ẽ Ẹ Ê Ề Ế Ể Ễ Ệ", "E"},
    {"I Ì Í Ỉ Ĩ Ị", "I"},
    {"O Ò Ó Ỏ Õ Ọ Ô Ồ Ố Ổ Ỗ Ộ Ơ Ờ Ớ Ở Ỡ Ợ", "O"},
    {"U Ù Ú Ủ Ũ Ụ Ư Ừ Ứ Ử Ữ Ự", "U"},
    {"Y Ỳ Ý Ỷ Ỹ Ỵ", "Y"},
    {"Đ", "D"},
};

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(' ', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string ToNfd(const std::string& s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  std::string out;
  nfd->normalize(icu::UnicodeString::fromUTF8(s), err).toUTF8String(out);
  return out;
}

TEST(FoldTest, EveryVietnameseLetterUpperAndLowerNfcAndNfd) {
  int letters = 0;
  for (const LetterRow& row : kLetters) {
    for (const std::string& letter : Split(row.letters)) {
      SCOPED_TRACE(letter);
      EXPECT_EQ(Fold(letter), row.base);
      std::string nfd = ToNfd(letter);
      EXPECT_EQ(Fold(nfd), row.base) << "NFD input";
      EXPECT_EQ(Nfc(nfd), letter) << "NFD -> NFC";
      EXPECT_EQ(HasDiacritics(letter), letter != row.base);
      ++letters;
    }
  }
  EXPECT_EQ(letters, 2 * (6 * 12 + 1));  // 12 vowels x 6 tones + đ, both cases
}

TEST(LowerTest, EveryUpperCaseLetterMapsToItsLowerCase) {
  for (size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(Lower(kLetters[i + 7].letters), kLetters[i].letters);
  }
}

TEST(CapitalizeFirstTest, TheFirstLetterOnly) {
  EXPECT_EQ(CapitalizeFirst("về việc"), "Về việc");
  EXPECT_EQ(CapitalizeFirst("đơn vị"), "Đơn vị");
  EXPECT_EQ(CapitalizeFirst("(ủy ban)"), "(Ủy ban)");
  EXPECT_EQ(CapitalizeFirst("V/v"), "V/v");
  EXPECT_EQ(CapitalizeFirst(""), "");
}

TEST(FoldTest, Words) {
  EXPECT_EQ(Fold("Quyết Định"), "Quyet Dinh");
  EXPECT_EQ(Fold("đường"), "duong");
  EXPECT_EQ(Fold("dương"), "duong");
  EXPECT_EQ(Fold("12/2023/QĐ-UBND"), "12/2023/QD-UBND");
  EXPECT_EQ(Fold("plain ascii"), "plain ascii");
}

TEST(NfcTest, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(Nfc("a\xff"
                "b"),
            "a\xEF\xBF\xBD"
            "b");
}

TEST(TokenizeTest, SplitsOnPunctuationAndKeepsOffsets) {
  std::string text = "Số: 12/2023/QĐ-UBND, ngày 05";
  std::vector<Token> tokens = Tokenize(text);
  std::vector<std::string> words;
  for (const Token& t : tokens) words.push_back(t.word);
  EXPECT_EQ(words, (std::vector<std::string>{"số", "12", "2023", "qđ", "ubnd", "ngày", "05"}));
  for (const Token& t : tokens) {
    EXPECT_EQ(Lower(text.substr(t.offset, t.length)), t.word);
  }
}

TEST(TokenizeTest, EmptyAndSeparatorsOnly) {
  EXPECT_TRUE(Tokenize("").empty());
  EXPECT_TRUE(Tokenize(" ,.;- \n").empty());
}

TEST(DiacriticShareTest, VietnameseTextHasMarksEnglishHasNone) {
  EXPECT_GT(DiacriticLetterShare("Về việc số hóa tài liệu lưu trữ"), 0.2);
  EXPECT_EQ(DiacriticLetterShare("About the digitization of records"), 0.0);
  EXPECT_EQ(DiacriticLetterShare(""), 0.0);
}

// What a PDF reader gives for a TCVN3 (.VnTime) text layer: each TCVN3 byte as the
// Latin-1 character of the same code.
std::string AsTcvn3Mojibake(const std::string& unicode) {
  iconv_t cd = iconv_open("TCVN5712-1", "UTF-8");
  std::string in = unicode, out(unicode.size() * 2, '\0');
  char* src = in.data();
  char* dst = out.data();
  size_t in_left = in.size(), out_left = out.size();
  iconv(cd, &src, &in_left, &dst, &out_left);
  iconv(cd, nullptr, nullptr, &dst, &out_left);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  std::string latin1;
  for (unsigned char b : out) {
    if (b < 0x80) {
      latin1 += static_cast<char>(b);
    } else {
      latin1 += static_cast<char>(0xC0 | (b >> 6));
      latin1 += static_cast<char>(0x80 | (b & 0x3F));
    }
  }
  return latin1;
}

TEST(Tcvn3Test, MojibakeTextLayerIsDecoded) {
  const std::string text = "căn cứ nghị định số 30/2020/nđ-cp về công tác văn thư, lưu trữ hồ sơ";
  std::string mojibake = AsTcvn3Mojibake(text);
  ASSERT_NE(mojibake, text);
  auto decoded = DecodeTcvn3Mojibake(mojibake);
  ASSERT_TRUE(decoded.has_value()) << mojibake;
  EXPECT_EQ(*decoded, text);
}

TEST(VniTest, MojibakeTextLayerIsDecoded) {
  // How a VNI-Times text layer reads without the font: base letters and Latin-1 modifiers.
  const std::string vni =
      "ÑAÛNG COÄNG SAÛN VIEÄT NAM. Caên cöù Nghò ñònh soá 30/2020/NÑ-CP veà coâng taùc vaên thö, "
      "löu tröõ; hoà sô ñöôïc soá hoùa.";
  auto decoded = DecodeVniMojibake(vni);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded,
            "ĐẢNG CỘNG SẢN VIỆT NAM. Căn cứ Nghị định số 30/2020/NĐ-CP về công tác văn thư, "
            "lưu trữ; hồ sơ được số hóa.");
}

TEST(VniTest, UnicodeAndFrenchAreLeftAlone) {
  EXPECT_FALSE(
      DecodeVniMojibake("Căn cứ Nghị định số 30/2020/NĐ-CP về công tác văn thư").has_value());
  EXPECT_FALSE(DecodeVniMojibake("Où est la gare? Le café est très apprécié à Hanoï, même en été.")
                   .has_value());
}

TEST(Tcvn3Test, UnicodeAndOtherLatinTextAreLeftAlone) {
  EXPECT_FALSE(
      DecodeTcvn3Mojibake("Căn cứ Nghị định số 30/2020/NĐ-CP về công tác văn thư").has_value());
  EXPECT_FALSE(DecodeTcvn3Mojibake("Le café est très apprécié à Hanoï, même en été").has_value());
  EXPECT_FALSE(DecodeTcvn3Mojibake("Price: 30 ¢ · 40 ° · © 2020 ®").has_value());
}

TEST(CodePoints, WhatEachIsAsUnicodeSays) {
  EXPECT_TRUE(IsLetter(U'ệ'));
  EXPECT_TRUE(IsUpperCase(U'Đ'));
  EXPECT_TRUE(IsLowerCase(U'ư'));
  EXPECT_FALSE(IsLetter(U'5'));
  EXPECT_TRUE(IsDigit(U'5'));
  EXPECT_TRUE(IsSpace(U'\u00A0'));
  EXPECT_TRUE(IsUnmapped(U'\uE000'));  // private use: a font's glyph without its letter
  EXPECT_TRUE(IsUnmapped(U'\uFFFD'));
  EXPECT_TRUE(IsUnmapped(U'\u0007'));
  EXPECT_FALSE(IsUnmapped(U'ạ'));
}

TEST(CodePoints, Utf16AsPdfTextStringsHoldIt) {
  EXPECT_EQ(Utf16("Số"), u"Số");
  EXPECT_EQ(Utf16("\xF0\x9D\x90\x80"), u"\U0001D400");  // two units, a surrogate pair
  EXPECT_EQ(Utf16("a\xFF"), u"a\uFFFD");
}

}  // namespace
TEST(SearchKey, FinalIAndYAfterAConsonantAreOneSpelling) {
  EXPECT_EQ(vi::SearchKey("kỹ"), "ki");
  EXPECT_EQ(vi::SearchKey("kĩ"), "ki");
  EXPECT_EQ(vi::SearchKey("Lý"), "li");
  EXPECT_EQ(vi::SearchKey("quý"), "qui");
  EXPECT_EQ(vi::SearchKey("quí"), "qui");
  EXPECT_EQ(vi::SearchKey("tỷ"), "ti");
  EXPECT_EQ(vi::SearchKey("Mỹ"), "mi");
  for (const char* kept : {"ý", "thủy", "thuỷ", "nguy", "hay", "tuy", "Đây"}) {
    EXPECT_EQ(vi::SearchKey(kept), vi::Fold(vi::Lower(kept))) << kept;
  }
  EXPECT_EQ(vi::SearchKey("đường"), "duong");
}

TEST(TypedKey, ComparesAsPeopleTypeANameOrAHeader) {
  EXPECT_EQ(TypedKey("  Vĩnh  viễn "), "vinh vien");
  EXPECT_EQ(TypedKey("SỐ, KÝ HIỆU HỒ SƠ"), TypedKey("số, ký hiệu hồ sơ"));
  EXPECT_EQ(TypedKey("Đồng\tÝ"), "dong y");
  EXPECT_EQ(TypedKey(""), "");
}

}  // namespace luutru::vi
