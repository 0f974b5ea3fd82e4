// Vietnamese syllables: how Vietnamese a text is, and marks repaired by the closed set.
#include "core/syllables.h"

#include <gtest/gtest.h>

namespace luutru::vi {
namespace {

// A few syllables, as the word list has them (any case).
const Syllables& Few() {
  static const Syllables s({"quyết", "quyệt", "chống", "quốc", "cấp", "cập", "tổ", "tô", "chức",
                            "định", "được", "Việt", "nam", "ngày"});
  return s;
}

TEST(SyllablesTest, CountsWhatWordsAreSyllables) {
  SyllableCounts c = CountSyllables("Quyết định ngày 12 tổ chức quyét dinh xyz", Few());
  EXPECT_EQ(c.words, 8u);      // the number is no word
  EXPECT_EQ(c.syllables, 5u);  // Quyết, định, ngày, tổ, chức
  EXPECT_EQ(c.bare, 2u);       // quyét and dinh: syllables once their marks are stripped
}

TEST(SyllablesTest, AVowelsLostHatIsRestoredWhenOnlyOneSyllableFits) {
  EXPECT_EQ(RestoreVowelMark("quyét", Few()), "quyết");  // not quyệt: the tone is kept
  EXPECT_EQ(RestoreVowelMark("chóng", Few()), "chống");
  EXPECT_EQ(RestoreVowelMark("Quóc,", Few()), "Quốc,");
  EXPECT_EQ(RestoreVowelMark("(QUYÉT)", Few()), "(QUYẾT)");
}

TEST(SyllablesTest, NothingIsGuessed) {
  EXPECT_EQ(RestoreVowelMark("quyết", Few()), std::nullopt);  // a syllable already
  EXPECT_EQ(RestoreVowelMark("tô", Few()),
            std::nullopt);  // a syllable (the hook of tổ is lost, not its hat)
  EXPECT_EQ(RestoreVowelMark("câp", Few()), std::nullopt);  // no tone: cấp or cập
  EXPECT_EQ(RestoreVowelMark("été", Few()), std::nullopt);  // no Vietnamese word
  EXPECT_EQ(RestoreVowelMark("12", Few()), std::nullopt);
  EXPECT_EQ(RestoreVowelMark("", Few()), std::nullopt);
}

TEST(SyllablesTest, TheDebianListIsThere) {
  // scripts/setup installs hunspell-vi: without it text layers are not judged by syllables.
  const Syllables& all = Syllables::Vietnamese();
  ASSERT_FALSE(all.empty()) << "apt-get install hunspell-vi";
  EXPECT_TRUE(all.Contains("nghiêng"));
  EXPECT_EQ(RestoreVowelMark("quyét"), "quyết");
}

}  // namespace
}  // namespace luutru::vi
