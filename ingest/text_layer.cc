#include "ingest/text_layer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace luutru::ingest {
namespace {

constexpr long kMinLetters = 20;         // fewer: a scan with a stray caption, OCR it
constexpr double kMaxBadShare = 0.02;    // replacement / control / private-use characters
constexpr double kMinLetterShare = 0.5;  // letters among visible characters

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
  return {true, ""};
}

}  // namespace luutru::ingest
