// How Vietnamese a text is, by the closed set of Vietnamese syllables: every word of the
// language is one or more syllables, and there are about 6,600 of them. A PDF text layer whose
// words are not syllables, or lost their marks, is not the page's text; an OCR reading whose
// words are not syllables is a poor one. Thread-safe after construction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace luutru::vi {

class Syllables {
 public:
  // Debian's hunspell-vi word list (/usr/share/hunspell/vi_VN.dic: the syllables, a few
  // abbreviations and names), loaded once. Empty when the package is missing (logged once):
  // texts are then not judged by it.
  static const Syllables& Vietnamese();
  // From a list of words (tests).
  explicit Syllables(const std::vector<std::string>& words);

  bool empty() const { return exact_.empty(); }
  // `word` lower case, NFC.
  bool Contains(const std::string& word) const { return exact_.count(word) > 0; }
  // A syllable once its marks are stripped (vi::Fold of a lower-case word).
  bool ContainsFolded(const std::string& folded) const { return folded_.count(folded) > 0; }

 private:
  std::unordered_set<std::string> exact_, folded_;
};

// What a text's words are, counted over the words that hold a letter (numbers are left out).
struct SyllableCounts {
  size_t words = 0;      // words with a letter
  size_t syllables = 0;  // Vietnamese syllables as written, marks and all
  size_t bare = 0;       // syllables once their marks are stripped (the marks lost or wrong)
  size_t marked = 0;     // of syllables + bare, those written with a mark or đ

  // Words that are syllables, as written (0..1).
  double valid() const { return words ? static_cast<double>(syllables) / words : 0; }
  // Words that are syllables once stripped of their marks: how Vietnamese the text looks.
  double looks_vietnamese() const {
    return words ? static_cast<double>(syllables + bare) / words : 0;
  }
  // Of those, the share written with marks; Vietnamese prose has 0.8-0.95.
  double marked_share() const {
    return syllables + bare ? static_cast<double>(marked) / (syllables + bare) : 0;
  }
};

SyllableCounts CountSyllables(std::string_view text,
                              const Syllables& syllables = Syllables::Vietnamese());

// A word read with its tone but without the hat, horn or breve of a vowel ("quyét", "chóng",
// "quóc"), repaired: it is no syllable, and giving one of its vowels a hat, horn or breve makes
// it exactly one syllable (quyết, chống, quốc). OCR drops the smaller of two stacked marks;
// the closed set of syllables tells which word it was when only one fits. nullopt when the
// word is a syllable, has no tone, or no or several repairs fit. Punctuation around the word
// and its case are kept ("Quyét," -> "Quyết,").
std::optional<std::string> RestoreVowelMark(std::string_view word,
                                            const Syllables& syllables = Syllables::Vietnamese());

}  // namespace luutru::vi
