// Tones lost by OCR on syllables that are words without them, put back by their neighbours.
#include "core/word_pairs.h"

#include <gtest/gtest.h>

#include "core/vietnamese.h"

namespace luutru::vi {
namespace {

const Syllables& Few() {
  static const Syllables s({"tổ",   "tô",   "tố",   "chức", "số",  "sô",   "liệu",
                            "đây",  "đẩy",  "mạnh", "là",   "màu", "bạch", "đăng",
                            "đằng", "ngọc", "vi",   "vị",   "phụ", "lục",  "trí"});
  return s;
}

const WordPairs& Dictionary() {
  static const WordPairs p(
      "tổ chức\ntô màu\nsố liệu\nđẩy mạnh\nBạch Đằng\nphụ lục\nvị trí\ntổ chức hành chính\n");
  return p;
}

// A word as read, with `letter` offered at code point `place` with `confidence`.
ReadWord Read(const std::string& text, size_t place = 0, char32_t letter = 0,
              float confidence = 0) {
  ReadWord w{text, std::vector<std::vector<std::pair<char32_t, float>>>(Utf32(text).size())};
  for (size_t i = 0; i < w.offered.size(); ++i) w.offered[i].emplace_back(Utf32(text)[i], 90.0f);
  if (letter) w.offered[place].emplace_back(letter, confidence);
  return w;
}

std::vector<std::optional<std::string>> Restore(const std::vector<ReadWord>& words) {
  return RestoreTonesByWordPairs(words, Few(), Dictionary());
}

TEST(WordPairsTest, ReadsThePairsOfWordsOfSeveralSyllables) {
  EXPECT_TRUE(Dictionary().Joins("tổ", "chức"));
  EXPECT_TRUE(Dictionary().Joins("chức", "hành"));  // inside a longer word
  EXPECT_TRUE(Dictionary().Joins("bạch", "đằng"));  // lower case
  EXPECT_FALSE(Dictionary().Joins("tô", "chức"));
  EXPECT_FALSE(Dictionary().Joins("chức", "tổ"));
}

TEST(WordPairsTest, ALostToneComesBackWhenTheToneMakesAWordWithANeighbour) {
  auto out = Restore({Read("các"), Read("tô", 1, U'ổ', 40), Read("chức")});
  EXPECT_EQ(out[1], "tổ");
  out = Restore(
      {Read("Đây", 1, U'ẩ', 60), Read("mạnh")});  // a sentence's first word keeps its capital
  EXPECT_EQ(out[0], "Đẩy");
  out = Restore({Read("TÔ", 1, U'Ổ', 40), Read("CHỨC")});
  EXPECT_EQ(out[0], "TỔ");
  out = Restore({Read("hệ"), Read("sô", 1, U'ố', 20), Read("liệu")});
  EXPECT_EQ(out[1], "số");
}

// A syllable read with another tone than its own, or with one it does not have.
TEST(WordPairsTest, AToneReadWrongIsPutRightWhenBothNeighboursTestify) {
  static const Syllables syllables({"việc", "bỗ", "bổ", "bồ", "nhiệm", "sung", "quy", "định", "chỉ",
                                    "chi", "tiết", "địa", "bàn", "tỉnh", "tính", "quảng", "ngãi"});
  static const WordPairs pairs("bổ nhiệm\nbổ sung\nquy định\nchi tiết\nđịa bàn\nbàn tính\n");
  auto restore = [&](const std::vector<ReadWord>& words) {
    return RestoreTonesByWordPairs(words, syllables, pairs);
  };
  EXPECT_EQ(restore({Read("việc"), Read("bỗ", 1, U'ổ', 40), Read("nhiệm")})[1], "bổ");
  EXPECT_EQ(restore({Read("Bồ", 1, U'Ổ', 40), Read("sung")})[0], "Bổ");
  EXPECT_EQ(restore({Read("định"), Read("chỉ", 2, U'i', 40), Read("tiết")})[1],
            "chi");  // a tone too many
  // A word with the syllable before it only when one follows: the clause may end on a word.
  EXPECT_EQ(restore({Read("địa"), Read("bàn"), Read("tỉnh;", 1, U'í', 90), Read("Căn")})[2],
            std::nullopt);
  // A name or misread letters beside it testify to nothing.
  EXPECT_EQ(restore({Read("bàn"), Read("tỉnh", 1, U'í', 90), Read("Quảng"), Read("Ngãi")})[1],
            std::nullopt);
  EXPECT_EQ(restore({Read("qwy"), Read("định"), Read("chỉ", 2, U'i', 40), Read("tiết")})[2], "chi");
  EXPECT_EQ(restore({Read("qwy"), Read("địmh"), Read("chỉ", 2, U'i', 40), Read("tiết")})[2],
            std::nullopt);
}

TEST(WordPairsTest, TheBestOfferedToneWins) {
  ReadWord w = Read("tô", 1, U'ố', 30);
  w.offered[1].emplace_back(U'ổ', 70);
  static const WordPairs both("tổ chức\ntố chức\n");
  EXPECT_EQ(RestoreTonesByWordPairs({w, Read("chức")}, Few(), both)[0], "tổ");
}

TEST(WordPairsTest, NothingIsGuessed) {
  // The engine did not offer the toned letter, or gave it no weight.
  EXPECT_EQ(Restore({Read("tô"), Read("chức")})[0], std::nullopt);
  EXPECT_EQ(Restore({Read("tô", 1, U'ổ', 0), Read("chức")})[0], std::nullopt);
  // A word with its neighbour as read.
  EXPECT_EQ(Restore({Read("tô", 1, U'ổ', 90), Read("màu")})[0], std::nullopt);
  // No neighbour beside it: punctuation between.
  EXPECT_EQ(Restore({Read("tô,", 1, U'ổ', 90), Read("chức")})[0], std::nullopt);
  EXPECT_EQ(Restore({Read("tô", 1, U'ổ', 90)})[0], std::nullopt);
  // A name inside a sentence, a Roman numeral.
  EXPECT_EQ(Restore({Read("ông"), Read("Bạch"), Read("Đăng", 1, U'Ằ', 90), Read("Ngọc")})[2],
            std::nullopt);
  EXPECT_EQ(Restore({Read("Phụ"), Read("lục"), Read("VI", 1, U'Ị', 90), Read("trí")})[2],
            std::nullopt);
  // Two tones offered as strongly: no choice.
  ReadWord w = Read("tô", 1, U'ố', 50);
  w.offered[1].emplace_back(U'ổ', 50);
  static const WordPairs both("tổ chức\ntố chức\n");
  EXPECT_EQ(RestoreTonesByWordPairs({w, Read("chức")}, Few(), both)[0], std::nullopt);
  // The letters offered do not line up with the word.
  ReadWord short_offer{"tô", {{{U't', 90}}}};
  EXPECT_EQ(Restore({short_offer, Read("chức")})[0], std::nullopt);
}

TEST(WordPairsTest, OnlyTheWordsThatMayHaveLostAToneNeedTheEnginesOffers) {
  const std::vector<bool> may = MayNeedToneRepair(
      {"các", "tô", "chức", "tô", "màu", "tổ", "chức", "tô,", "chức"}, Few(), Dictionary());
  EXPECT_EQ(may, (std::vector<bool>{false, true, false, false, false, false, false, false, false}));
}

TEST(WordPairsTest, TheBuiltInDictionaryIsThere) {
  const WordPairs& pairs = WordPairs::Vietnamese();
  EXPECT_GT(pairs.size(), 70000u);
  EXPECT_TRUE(pairs.Joins("tổ", "chức"));
  EXPECT_TRUE(pairs.Joins("thẩm", "quyền"));
  EXPECT_FALSE(pairs.Joins("tô", "chức"));
}

}  // namespace
}  // namespace luutru::vi
