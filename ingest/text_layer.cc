#include "ingest/text_layer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <unordered_set>

#include "core/vietnamese.h"

namespace luutru::ingest {
namespace {

constexpr long kMinLetters = 20;         // fewer: a scan with a stray caption, OCR it
constexpr double kMaxBadShare = 0.02;    // replacement / control / private-use characters
constexpr double kMinLetterShare = 0.5;  // letters among visible characters

// Vietnamese words so common that any page of Vietnamese holds many, written as they read
// with their marks stripped; none is an English or French word.
bool IsFoldedVietnameseFunctionWord(const std::string& w) {
  static const std::unordered_set<std::string> kWords = {
      "cua", "cac", "nhung", "duoc", "trong", "nguoi", "khong", "viec", "thuc", "hien",
      "dinh", "theo", "voi", "cho", "dong", "nhan", "quyet", "hanh", "chinh",
      "tren", "duoi", "giua", "phai", "cung", "nhu", "thi", "mot", "hai", "nam", "ngay",
      "thang", "tinh", "huyen", "xa", "uy", "nuoc", "cong", "tac", "quan", "ly"};
  return kWords.count(w) > 0;
}

// Vietnamese whose marks were lost (fonts that map only the base letters to Unicode): most
// words are Vietnamese words stripped bare, and next to no letter carries a mark. Indexing it
// would make exact search miss the record, so the page is OCR'd instead.
bool IsVietnameseWithoutMarks(std::string_view text) {
  std::vector<vi::Token> tokens = vi::Tokenize(text);
  if (tokens.size() < 20 || vi::DiacriticLetterShare(text) > 0.01) return false;
  size_t vietnamese = 0;
  for (const vi::Token& t : tokens) vietnamese += IsFoldedVietnameseFunctionWord(t.word);
  return vietnamese * 5 >= tokens.size();  // a fifth of the words or more
}

}  // namespace

TextLayerVerdict JudgeTextLayer(std::string_view text) {
  long letters = 0, visible = 0, bad = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t n = static_cast<int32_t>(text.size()), i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0 || c == 0xFFFD) {
      ++bad;
      ++visible;
      continue;
    }
    if (c == '\n' || c == '\r' || c == '\t' || c == '\f' || u_isspace(c)) continue;
    ++visible;
    int8_t type = u_charType(c);
    if (type == U_CONTROL_CHAR || type == U_PRIVATE_USE_CHAR || type == U_UNASSIGNED) {
      ++bad;
    } else if (u_isalpha(c) || u_isdigit(c)) {
      ++letters;
    }
  }
  if (letters < kMinLetters) return {false, "no text layer"};
  if (bad > kMaxBadShare * visible) {
    return {false, "text layer has unmapped glyphs (replacement, control or private-use characters)"};
  }
  if (letters < kMinLetterShare * visible) return {false, "text layer is mostly symbols"};
  if (IsVietnameseWithoutMarks(text)) {
    return {false, "text layer is Vietnamese without its diacritics (the font maps no marks)"};
  }
  return {true, ""};
}

std::vector<Word> WordsInLines(std::vector<Word> words) {
  auto middle = [](const Word& w) { return (w.box.y0 + w.box.y1) / 2; };
  std::stable_sort(words.begin(), words.end(),
                   [&](const Word& a, const Word& b) { return middle(a) < middle(b); });
  // A word joins the current line while its middle lies within the line's vertical extent.
  int line = -1, line_y0 = 0, line_y1 = -1;
  for (Word& w : words) {
    int m = middle(w);
    if (line < 0 || m < line_y0 || m > line_y1) {
      ++line;
      line_y0 = w.box.y0;
      line_y1 = w.box.y1;
    }
    w.line = line;
    w.block = 0;
  }
  std::stable_sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    return a.line != b.line ? a.line < b.line : a.box.x0 < b.box.x0;
  });
  return words;
}

}  // namespace luutru::ingest
