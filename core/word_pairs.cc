#include "core/word_pairs.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "core/vietnamese.h"

namespace luutru::vi {

// core/data/Viet74K.txt, built in by core/data/embed_word_list.cmake.
std::string_view EmbeddedWordList();

namespace {

constexpr char32_t kTones[] = {0x0300, 0x0301, 0x0303, 0x0309, 0x0323};  // huyền sắc ngã hỏi nặng

std::u32string LowerCase(std::u32string text) {
  for (char32_t& c : text) c = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
  return text;
}

// A word split into the letters and the punctuation read before and after them.
struct Split {
  std::u32string before, letters, after;
};

Split SplitLetters(std::string_view word) {
  const std::u32string all = Utf32(word);
  size_t begin = 0, end = all.size();
  while (begin < end && !u_isalpha(static_cast<UChar32>(all[begin]))) ++begin;
  while (end > begin && !u_isalpha(static_cast<UChar32>(all[end - 1]))) --end;
  return Split{all.substr(0, begin), all.substr(begin, end - begin), all.substr(end)};
}

// "Đăng", not "ĐĂNG" or "đăng".
bool IsCapitalized(std::u32string_view letters) {
  if (letters.empty() || !u_isupper(static_cast<UChar32>(letters[0]))) return false;
  for (char32_t c : letters.substr(1)) {
    if (u_isupper(static_cast<UChar32>(c))) return false;
  }
  return true;
}

bool IsRomanNumeral(std::u32string_view letters) {
  return !letters.empty() && letters.find_first_not_of(U"IVXLCDM") == std::u32string_view::npos;
}

bool HasTone(std::u32string_view letters, const icu::Normalizer2& nfd) {
  for (char32_t c : letters) {
    icu::UnicodeString parts;
    if (!nfd.getDecomposition(static_cast<UChar32>(c), parts)) continue;
    for (char32_t tone : kTones) {
      if (parts.indexOf(static_cast<UChar32>(tone)) >= 0) return true;
    }
  }
  return false;
}

// `letters` without their tone marks ("bỗ" → "bô"); the other marks (circumflex, horn, breve)
// stay.
std::u32string WithoutTone(const std::u32string& letters, const icu::Normalizer2& nfd,
                           const icu::Normalizer2& nfc) {
  std::u32string out;
  for (char32_t c : letters) {
    icu::UnicodeString parts;
    if (!nfd.getDecomposition(static_cast<UChar32>(c), parts)) {
      out += c;
      continue;
    }
    for (char32_t tone : kTones)
      parts.findAndReplace(icu::UnicodeString(static_cast<UChar32>(tone)), "");
    UErrorCode err = U_ZERO_ERROR;
    const icu::UnicodeString composed = nfc.normalize(parts, err);
    if (U_FAILURE(err) || composed.countChar32() != 1) return letters;
    out += static_cast<char32_t>(composed.char32At(0));
  }
  return out;
}

// The syllables `toneless` becomes with a tone on one of its vowels: (place, toned letter).
std::vector<std::pair<size_t, char32_t>> TonedForms(const std::u32string& toneless,
                                                    const Syllables& syllables,
                                                    const icu::Normalizer2& nfc) {
  std::vector<std::pair<size_t, char32_t>> forms;
  for (size_t k = 0; k < toneless.size(); ++k) {
    for (char32_t tone : kTones) {
      const UChar32 toned =
          nfc.composePair(static_cast<UChar32>(toneless[k]), static_cast<UChar32>(tone));
      if (toned < 0) continue;  // no vowel
      std::u32string form = toneless;
      form[k] = static_cast<char32_t>(toned);
      if (syllables.Contains(Utf8(form))) forms.emplace_back(k, static_cast<char32_t>(toned));
    }
  }
  return forms;
}

// One block's words, and for each the toned forms that would make it a word with a neighbour.
class ToneFinder {
 public:
  ToneFinder(const std::vector<std::string>& words, const Syllables& syllables,
             const WordPairs& pairs)
      : syllables_(syllables), pairs_(pairs) {
    UErrorCode err = U_ZERO_ERROR;
    nfd_ = icu::Normalizer2::getNFDInstance(err);
    nfc_ = icu::Normalizer2::getNFCInstance(err);
    if (U_FAILURE(err) || syllables.empty() || pairs.size() == 0) nfd_ = nfc_ = nullptr;
    for (const std::string& w : words) {
      split_.push_back(SplitLetters(w));
      lower_.push_back(Utf8(LowerCase(split_.back().letters)));
    }
  }

  const Split& split(size_t i) const { return split_[i]; }

  // The toned forms of word i, (place in its letters, toned letter), that make a word with a
  // neighbour where the word as read makes none; empty when the word is no such syllable.
  std::vector<std::pair<size_t, char32_t>> Fits(size_t i) const {
    std::vector<std::pair<size_t, char32_t>> fits;
    if (!nfd_) return fits;
    const Split& word = split_[i];
    const bool has_left = i > 0 && Adjacent(i - 1), has_right = Adjacent(i);
    if (!has_left && !has_right) return fits;
    const std::u32string letters = LowerCase(word.letters);
    if (!syllables_.Contains(lower_[i])) return fits;
    auto joins = [&](const std::string& syllable) {
      return (has_left && pairs_.Joins(lower_[i - 1], syllable)) ||
             (has_right && pairs_.Joins(syllable, lower_[i + 1]));
    };
    if (joins(lower_[i])) return fits;  // a word with a neighbour as read
    // A capital inside a sentence starts a name ("ông Bạch Đăng Ngọc", "Thanh Tịnh"): names
    // are no dictionary words.
    if (has_left && IsCapitalized(word.letters)) return fits;
    if (IsRomanNumeral(word.letters)) return fits;  // "Phụ lục VI"
    if (!HasTone(letters, *nfd_)) {
      for (const auto& [k, toned] : TonedForms(letters, syllables_, *nfc_)) {
        std::u32string form = letters;
        form[k] = toned;
        if (joins(Utf8(form))) fits.emplace_back(k, toned);
      }
      return fits;
    }
    // Read with another tone ("bỗ nhiệm" for "bổ nhiệm": hỏi and ngã are the marks OCR confuses
    // most) or with one it does not have ("chỉ tiết"). A toned syllable is far more often a
    // word of its own, so the evidence must be stronger: every neighbour a known syllable and
    // no name ("qwy định", "tỉnh Quảng Ngãi" testify to nothing), and the word made with the
    // syllable after it, or with the one before when one follows too ("địa bàn tỉnh;" is no
    // "bàn tính").
    if ((has_left && !Witness(i - 1)) || (has_right && !Witness(i + 1))) return fits;
    auto joins_toned = [&](const std::string& syllable) {
      return (has_right && pairs_.Joins(syllable, lower_[i + 1])) ||
             (has_left && has_right && pairs_.Joins(lower_[i - 1], syllable));
    };
    const std::u32string toneless = WithoutTone(letters, *nfd_, *nfc_);
    for (size_t k = 0; k < letters.size(); ++k) {
      if (letters[k] != toneless[k] && syllables_.Contains(Utf8(toneless)) &&
          joins_toned(Utf8(toneless))) {
        fits.emplace_back(k, toneless[k]);
      }
    }
    for (const auto& [k, toned] : TonedForms(toneless, syllables_, *nfc_)) {
      std::u32string form = toneless;
      form[k] = toned;
      if (form != letters && joins_toned(Utf8(form))) fits.emplace_back(k, toned);
    }
    return fits;
  }

  // Word i's letters as read, in their case, without a tone mark.
  std::u32string Toneless(size_t i) const {
    return nfd_ ? WithoutTone(split_[i].letters, *nfd_, *nfc_) : split_[i].letters;
  }

  // Word i is now `letters` (as repaired): its neighbours see it so.
  void Repaired(size_t i, const std::u32string& letters) { lower_[i] = Utf8(LowerCase(letters)); }

 private:
  // Whether word i is a syllable that can tell its neighbour's tone: a known syllable, not a name.
  bool Witness(size_t i) const {
    return syllables_.Contains(lower_[i]) && !IsCapitalized(split_[i].letters);
  }

  // Whether words i and i + 1 stand side by side, with no punctuation between them.
  bool Adjacent(size_t i) const {
    return i + 1 < split_.size() && !split_[i].letters.empty() && !split_[i + 1].letters.empty() &&
           split_[i].after.empty() && split_[i + 1].before.empty();
  }

  const Syllables& syllables_;
  const WordPairs& pairs_;
  const icu::Normalizer2* nfd_ = nullptr;
  const icu::Normalizer2* nfc_ = nullptr;
  std::vector<Split> split_;
  std::vector<std::string> lower_;  // each word's letters, lower case, as repaired so far
};

}  // namespace

const WordPairs& WordPairs::Vietnamese() {
  static const WordPairs* pairs = new WordPairs(EmbeddedWordList());
  return *pairs;
}

WordPairs::WordPairs(std::string_view word_list) {
  while (!word_list.empty()) {
    const size_t end = word_list.find('\n');
    const std::string word = Lower(Nfc(word_list.substr(0, end)));
    word_list.remove_prefix(end == std::string_view::npos ? word_list.size() : end + 1);
    for (size_t start = 0, space; (space = word.find(' ', start)) != std::string::npos;
         start = space + 1) {
      const size_t next = word.find(' ', space + 1);
      const std::string pair =
          word.substr(start, (next == std::string::npos ? word.size() : next) - start);
      const size_t gap = pair.find(' ');
      folded_pairs_.insert(SearchKeyOfToken(pair.substr(0, gap)) + ' ' +
                           SearchKeyOfToken(pair.substr(gap + 1)));
      pairs_.insert(pair);
    }
  }
}

bool WordPairs::Joins(const std::string& left, const std::string& right) const {
  return pairs_.count(left + ' ' + right) > 0;
}
bool WordPairs::JoinsFolded(const std::string& left, const std::string& right) const {
  return folded_pairs_.count(left + ' ' + right) > 0;
}

std::vector<bool> MayNeedToneRepair(const std::vector<std::string>& words,
                                    const Syllables& syllables, const WordPairs& pairs) {
  const ToneFinder finder(words, syllables, pairs);
  std::vector<bool> may(words.size());
  for (size_t i = 0; i < words.size(); ++i) may[i] = !finder.Fits(i).empty();
  return may;
}

std::vector<std::optional<std::string>> RestoreTonesByWordPairs(const std::vector<ReadWord>& words,
                                                                const Syllables& syllables,
                                                                const WordPairs& pairs) {
  std::vector<std::string> texts;
  for (const ReadWord& w : words) texts.push_back(w.text);
  ToneFinder finder(texts, syllables, pairs);
  std::vector<std::optional<std::string>> repaired(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    const Split& word = finder.split(i);
    if (words[i].offered.size() != word.before.size() + word.letters.size() + word.after.size())
      continue;
    // Of the toned forms that make a word with a neighbour, the one the engine offered most.
    std::optional<std::pair<size_t, char32_t>> best;
    float best_confidence = -1;
    bool tie = false;
    for (const auto& [k, toned] : finder.Fits(i)) {
      for (const auto& [letter, confidence] : words[i].offered[word.before.size() + k]) {
        if (static_cast<char32_t>(u_tolower(static_cast<UChar32>(letter))) != toned ||
            confidence <= 0)
          continue;
        if (confidence == best_confidence) {
          tie = true;
        } else if (confidence > best_confidence) {
          best = std::make_pair(k, toned);
          best_confidence = confidence;
          tie = false;
        }
      }
    }
    if (!best || tie) continue;
    std::u32string letters = finder.Toneless(i);
    const auto [k, toned] = *best;
    letters[k] = u_isupper(static_cast<UChar32>(letters[k]))
                     ? static_cast<char32_t>(u_toupper(static_cast<UChar32>(toned)))
                     : toned;
    repaired[i] = Utf8(word.before + letters + word.after);
    finder.Repaired(i, letters);
  }
  return repaired;
}

}  // namespace luutru::vi
