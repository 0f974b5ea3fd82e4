#include "ingest/text_layer.h"

#include <algorithm>
#include <cstdio>
#include <unordered_set>

#include "core/vietnamese.h"

namespace luutru::ingest {
namespace {

constexpr long kMinLetters = 20;         // fewer: a scan with a stray caption, OCR it
constexpr double kMaxBadShare = 0.02;    // replacement / control / private-use characters
constexpr double kMinLetterShare = 0.5;  // letters among visible characters
// Syllable measures (core/syllables.h) over at least this many words. Vietnamese prose:
// 0.9-1.0 of its words are syllables as written, 0.8-0.95 of them carry a mark; English or
// French look Vietnamese for at most half their words once stripped of marks.
constexpr size_t kMinWordsToJudge = 20;
constexpr double kLooksVietnamese = 0.6;  // words that are syllables once stripped
constexpr double kMinMarkedShare = 0.3;   // below: Vietnamese that lost its marks
constexpr double kMinValidShare = 0.8;    // below: in doubt, read the page too

// Vietnamese words so common that any page of Vietnamese holds many, written as they read
// with their marks stripped; none is an English or French word.
bool IsFoldedVietnameseFunctionWord(const std::string& w) {
  static const std::unordered_set<std::string> kWords = {
      "cua",   "cac",  "nhung", "duoc", "trong", "nguoi", "khong", "viec", "thuc",  "hien",
      "dinh",  "theo", "voi",   "cho",  "dong",  "nhan",  "quyet", "hanh", "chinh", "tren",
      "duoi",  "giua", "phai",  "cung", "nhu",   "thi",   "mot",   "hai",  "nam",   "ngay",
      "thang", "tinh", "huyen", "xa",   "uy",    "nuoc",  "cong",  "tac",  "quan",  "ly"};
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

TextLayerVerdict JudgeTextLayer(std::string_view text, const vi::Syllables& syllables) {
  long letters = 0, visible = 0, bad = 0;
  for (char32_t c : vi::Utf32(text)) {  // invalid bytes come as U+FFFD, unmapped
    if (c == '\n' || c == '\r' || c == '\t' || c == '\f' || vi::IsSpace(c)) continue;
    ++visible;
    if (vi::IsUnmapped(c)) {
      ++bad;
    } else if (vi::IsLetter(c) || vi::IsDigit(c)) {
      ++letters;
    }
  }
  if (letters < kMinLetters) return {false, false, "no text layer"};
  if (bad > kMaxBadShare * visible) {
    return {false, false,
            "text layer has unmapped glyphs (replacement, control or private-use characters)"};
  }
  if (letters < kMinLetterShare * visible) return {false, false, "text layer is mostly symbols"};
  if (IsVietnameseWithoutMarks(text)) {
    return {false, false,
            "text layer is Vietnamese without its diacritics (the font maps no marks)"};
  }
  const vi::SyllableCounts counts = vi::CountSyllables(text, syllables);
  if (counts.words >= kMinWordsToJudge && counts.looks_vietnamese() >= kLooksVietnamese) {
    char why[160];
    if (counts.marked_share() < kMinMarkedShare) {
      std::snprintf(
          why, sizeof why,
          "text layer is Vietnamese without most of its marks (%.0f%% of syllables marked)",
          100 * counts.marked_share());
      return {false, false, why};
    }
    if (counts.valid() < kMinValidShare) {
      std::snprintf(why, sizeof why, "text layer has %.0f%% of its words no Vietnamese syllable",
                    100 * (1 - counts.valid()));
      return {true, true, why};
    }
  }
  return {true, false, ""};
}

double LayerCoverage(const std::vector<Box>& ink, const std::vector<Word>& words, int dpi) {
  const double scale = dpi / 72.0;
  const int pad = std::max(2, dpi / 24);  // 3 pt: boxes of glyphs and of their ink differ a little
  std::vector<Box> layer;
  layer.reserve(words.size());
  for (const Word& w : words) {
    layer.push_back(
        Box{static_cast<int>(w.box.x0 * scale) - pad, static_cast<int>(w.box.y0 * scale) - pad,
            static_cast<int>(w.box.x1 * scale) + pad, static_cast<int>(w.box.y1 * scale) + pad});
  }
  double covered = 0, total = 0;
  for (const Box& b : ink) {
    const double area = static_cast<double>(b.x1 - b.x0) * (b.y1 - b.y0);
    total += area;
    for (const Box& l : layer) {
      if (b.x0 < l.x1 && l.x0 < b.x1 && b.y0 < l.y1 && l.y0 < b.y1) {
        covered += area;
        break;
      }
    }
  }
  return total > 0 ? covered / total : 1.0;
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
