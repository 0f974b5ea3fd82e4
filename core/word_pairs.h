// Which syllables make a Vietnamese word together. A Vietnamese word is written as separate
// syllables ("tổ chức", "thẩm quyền"); many syllables are also words of their own, so a
// syllable OCR read without its tone ("tô", "thâm") is no misspelling a syllable list can
// catch. Its neighbours can: "tô chức" is no word, "tổ chức" is. Thread-safe after construction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/syllables.h"

namespace luutru::vi {

class WordPairs {
 public:
  // The adjacent syllables of the words of more than one syllable in a 74,000-word Vietnamese
  // dictionary built into luutru (core/data/README.md says where it comes from).
  static const WordPairs& Vietnamese();
  // From a word list, one word per line (tests).
  explicit WordPairs(std::string_view word_list);

  // `left` and `right` lower case, NFC.
  bool Joins(const std::string& left, const std::string& right) const;
  // The same once marks are stripped: `left` and `right` as vi::SearchKey gives them ("so",
  // "hoa": số hóa). What the index keeps as syllable pairs (index/page_terms.h).
  bool JoinsFolded(const std::string& left, const std::string& right) const;
  size_t size() const { return pairs_.size(); }

 private:
  std::unordered_set<std::string> pairs_;         // "left right"
  std::unordered_set<std::string> folded_pairs_;  // the same, each syllable's SearchKey
};

// A word as the engine read it, with the other letters it offered in each place.
struct ReadWord {
  std::string text;  // NFC, with its case and the punctuation read around it
  // One entry per code point of `text`: the letters the engine also offered there and their
  // confidence (0..100). Empty when the engine gives none; the word is then left as read.
  std::vector<std::vector<std::pair<char32_t, float>>> offered;
};

// Which of `words` (one text block's words in reading order, as read) may have lost a tone, or
// been read with another, that their neighbours can tell: the engine's offered letters are needed
// for those only.
std::vector<bool> MayNeedToneRepair(const std::vector<std::string>& words,
                                    const Syllables& syllables = Syllables::Vietnamese(),
                                    const WordPairs& pairs = WordPairs::Vietnamese());

// Puts back a tone lost by OCR on a syllable that is also a word without it ("tô" for "tổ",
// "sô" for "số", "đây" for "đẩy"), judged by the word's neighbours: the syllable as read makes
// no word with the syllable before or after it, the syllable with the tone does ("tô chức" →
// "tổ chức"), and the engine offered that toned letter itself. A tone read wrong ("bỗ nhiệm",
// "chỉ tiết") is put right the same way, on stronger evidence (word_pairs.cc says which). `words`
// are one text block's words in reading order; neighbours count only when no punctuation stands
// between them. Returns, for each word, its repaired text or nullopt.
std::vector<std::optional<std::string>> RestoreTonesByWordPairs(
    const std::vector<ReadWord>& words, const Syllables& syllables = Syllables::Vietnamese(),
    const WordPairs& pairs = WordPairs::Vietnamese());

}  // namespace luutru::vi
