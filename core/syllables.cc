#include "core/syllables.h"

#include <spdlog/spdlog.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <fstream>
#include <set>

#include "core/vietnamese.h"

namespace luutru::vi {
namespace {

constexpr const char* kHunspellVietnamese = "/usr/share/hunspell/vi_VN.dic";

std::vector<std::string> ReadWordList(const char* path) {
  std::vector<std::string> words;
  std::ifstream in(path);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first) {  // a .dic file starts with its word count
      first = false;
      continue;
    }
    if (size_t slash = line.find('/'); slash != std::string::npos)
      line.resize(slash);  // affix flags
    if (!line.empty()) words.push_back(line);
  }
  return words;
}

}  // namespace

const Syllables& Syllables::Vietnamese() {
  static const Syllables* syllables = [] {
    auto* s = new Syllables(ReadWordList(kHunspellVietnamese));
    if (s->empty()) {
      spdlog::warn(
          "{} not found: text layers are not checked for Vietnamese syllables "
          "(apt-get install hunspell-vi)",
          kHunspellVietnamese);
    }
    return s;
  }();
  return *syllables;
}

Syllables::Syllables(const std::vector<std::string>& words) {
  for (const std::string& w : words) {
    std::string lower = Lower(w);
    folded_.insert(Fold(lower));
    exact_.insert(std::move(lower));
  }
}

SyllableCounts CountSyllables(std::string_view text, const Syllables& syllables) {
  SyllableCounts counts;
  if (syllables.empty()) return counts;
  for (const Token& token : Tokenize(Nfc(text))) {
    const std::string& w = token.word;
    bool letter = false;
    for (unsigned char c : w) letter |= !(c >= '0' && c <= '9');
    if (!letter) continue;
    ++counts.words;
    const std::string folded = Fold(w);
    if (syllables.Contains(w)) {
      ++counts.syllables;
    } else if (syllables.ContainsFolded(folded)) {
      ++counts.bare;
    } else {
      continue;
    }
    if (folded != w) ++counts.marked;
  }
  return counts;
}

std::optional<std::string> RestoreVowelMark(std::string_view word, const Syllables& syllables) {
  if (syllables.empty()) return std::nullopt;
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return std::nullopt;
  const icu::UnicodeString whole = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  // The letters, between what punctuation surrounds them.
  int32_t begin = 0, end = whole.length();
  while (begin < end && !u_isalpha(whole.char32At(begin))) begin = whole.moveIndex32(begin, 1);
  while (end > begin && !u_isalpha(whole.char32At(whole.moveIndex32(end, -1))))
    end = whole.moveIndex32(end, -1);
  if (begin == end) return std::nullopt;
  std::string before, letters, after;
  icu::UnicodeString(whole, 0, begin).toUTF8String(before);
  icu::UnicodeString(whole, begin, end - begin).toUTF8String(letters);
  icu::UnicodeString(whole, end).toUTF8String(after);
  const std::string lower = Lower(letters);
  if (syllables.Contains(lower) || !syllables.ContainsFolded(Fold(lower))) return std::nullopt;

  icu::UnicodeString decomposed = nfd->normalize(icu::UnicodeString::fromUTF8(lower), err);
  if (U_FAILURE(err)) return std::nullopt;
  auto is_tone = [](UChar c) {
    return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
  };
  auto is_shape = [](UChar c) {
    return c == 0x0302 || c == 0x031B || c == 0x0306;
  };  // hat, horn, breve
  bool toned = false;
  for (int32_t i = 0; i < decomposed.length(); ++i) toned |= is_tone(decomposed.charAt(i));
  if (!toned) return std::nullopt;
  std::set<std::string> fits;
  for (int32_t i = 0; i < decomposed.length(); ++i) {
    const UChar base = decomposed.charAt(i);
    if (i + 1 < decomposed.length() && is_shape(decomposed.charAt(i + 1)))
      continue;  // shaped already
    std::vector<UChar> shapes;
    if (base == u'a') shapes = {0x0306, 0x0302};
    if (base == u'e') shapes = {0x0302};
    if (base == u'o') shapes = {0x0302, 0x031B};
    if (base == u'u') shapes = {0x031B};
    for (UChar shape : shapes) {
      icu::UnicodeString candidate(decomposed);
      candidate.insert(i + 1, shape);
      icu::UnicodeString composed = nfc->normalize(candidate, err);
      if (U_FAILURE(err)) return std::nullopt;
      std::string utf8;
      composed.toUTF8String(utf8);
      if (syllables.Contains(utf8)) fits.insert(utf8);
    }
  }
  if (fits.size() != 1) return std::nullopt;
  // The word's case: all capitals, a capital first, or none.
  const std::string& fit = *fits.begin();
  const bool capitals = letters == Upper(letters) && end - begin > 1;
  const std::string repaired = capitals                           ? Upper(fit)
                               : u_isupper(whole.char32At(begin)) ? CapitalizeFirst(fit)
                                                                  : fit;
  return before + repaired + after;
}

}  // namespace luutru::vi
