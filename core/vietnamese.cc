#include "core/vietnamese.h"

#include <iconv.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cerrno>
#include <unordered_map>
#include <utility>
#include <vector>

namespace luutru::vi {
namespace {

constexpr UChar32 kReplacement = 0xFFFD;

const icu::Normalizer2& NfcNormalizer() {
  UErrorCode err = U_ZERO_ERROR;
  static const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  return *nfc;
}

const icu::Normalizer2& NfdNormalizer() {
  UErrorCode err = U_ZERO_ERROR;
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  return *nfd;
}

// Calls fn(code_point, offset, length) for each code point; bad bytes arrive as U+FFFD.
template <typename Fn>
void ForEachCodePoint(std::string_view s, Fn fn) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  int32_t length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < length) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) c = kReplacement;
    fn(c, static_cast<size_t>(start), static_cast<size_t>(i - start));
  }
}

void AppendUtf8(std::string& out, UChar32 c) {
  char buf[U8_MAX_LENGTH];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(buf, n, U8_MAX_LENGTH, c, error);
  if (!error) out.append(buf, n);
}

bool IsMark(UChar32 c) {
  int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

// The base letter of a precomposed letter (ế -> e, Đ -> D), or the letter itself.
UChar32 FoldCodePoint(UChar32 c) {
  if (c < 0x80) return c;
  if (c == 0x0111) return 'd';  // đ has no canonical decomposition
  if (c == 0x0110) return 'D';  // Đ
  icu::UnicodeString decomposition;
  if (NfdNormalizer().getDecomposition(c, decomposition) && decomposition.length() > 0) {
    return decomposition.char32At(0);
  }
  return c;
}

bool IsWordChar(UChar32 c) { return u_isalnum(c) || IsMark(c); }

}  // namespace

std::string SearchKey(std::string_view word) { return SearchKeyOfToken(Lower(Nfc(word))); }

std::string SearchKeyOfToken(std::string_view lower_nfc_word) {
  std::string key = Fold(lower_nfc_word);
  // ^(consonants|qu)y$ -> ...i
  if (key.size() >= 2 && key.back() == 'y') {
    const std::string_view initial(key.data(), key.size() - 1);
    const bool consonants = initial.find_first_not_of("bcdghklmnpqrstvx") == std::string_view::npos;
    if (consonants || initial == "qu") key.back() = 'i';
  }
  return key;
}

std::string TypedKey(std::string_view text) {
  std::string key;
  bool space = false;
  for (char c : Fold(Lower(Nfc(text)))) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !key.empty();
      continue;
    }
    if (space) key += ' ';
    space = false;
    key += c;
  }
  return key;
}

bool IsValidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

std::u32string Utf32(std::string_view text) {
  const icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  std::u32string out;
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1))
    out.push_back(static_cast<char32_t>(s.char32At(i)));
  return out;
}

std::string Utf8(std::u32string_view text) {
  std::string out;
  icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(text.data()),
                                static_cast<int32_t>(text.size()))
      .toUTF8String(out);
  return out;
}

std::u16string Utf16(std::string_view text) {
  const icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  return std::u16string(reinterpret_cast<const char16_t*>(s.getBuffer()),
                        static_cast<size_t>(s.length()));
}

bool IsLetter(char32_t c) { return u_isalpha(static_cast<UChar32>(c)); }
bool IsDigit(char32_t c) { return u_isdigit(static_cast<UChar32>(c)); }
bool IsUpperCase(char32_t c) { return u_isupper(static_cast<UChar32>(c)); }
bool IsLowerCase(char32_t c) { return u_islower(static_cast<UChar32>(c)); }
bool IsSpace(char32_t c) { return u_isspace(static_cast<UChar32>(c)); }

bool IsUnmapped(char32_t c) {
  if (c == 0xFFFD) return true;
  const int8_t type = u_charType(static_cast<UChar32>(c));
  return type == U_CONTROL_CHAR || type == U_PRIVATE_USE_CHAR || type == U_UNASSIGNED;
}

std::string Nfc(std::string_view text) {
  // Fast path: ASCII is always NFC.
  bool ascii = true;
  for (char ch : text) {
    if (static_cast<unsigned char>(ch) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return std::string(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString normalized = NfcNormalizer().normalize(u, err);
  std::string out;
  (U_SUCCESS(err) ? normalized : u).toUTF8String(out);
  return out;
}

namespace {

// NFC `text`, each code point mapped by `map`.
template <typename Map>
std::string MapCodePoints(std::string_view text, Map map) {
  std::string nfc = Nfc(text);
  std::string out;
  out.reserve(nfc.size());
  ForEachCodePoint(nfc, [&](UChar32 c, size_t, size_t) { AppendUtf8(out, map(c)); });
  return out;
}

}  // namespace

std::string Lower(std::string_view text) {
  return MapCodePoints(text, [](UChar32 c) { return u_tolower(c); });
}

std::string Upper(std::string_view text) {
  return MapCodePoints(text, [](UChar32 c) { return u_toupper(c); });
}

std::string CapitalizeFirst(std::string_view text) {
  bool first = true;
  return MapCodePoints(text, [&](UChar32 c) {
    if (!first || !u_isalpha(c)) return c;
    first = false;
    return u_toupper(c);
  });
}

std::string Fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  ForEachCodePoint(text, [&](UChar32 c, size_t, size_t) {
    if (IsMark(c)) return;  // NFD input: the marks stand alone
    AppendUtf8(out, FoldCodePoint(c));
  });
  return out;
}

bool HasDiacritics(std::string_view text) {
  bool found = false;
  ForEachCodePoint(text, [&](UChar32 c, size_t, size_t) {
    if (!found && c >= 0x80 && (IsMark(c) || FoldCodePoint(c) != c)) found = true;
  });
  return found;
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  Token current;
  bool in_word = false;
  ForEachCodePoint(text, [&](UChar32 c, size_t offset, size_t length) {
    if (IsWordChar(c)) {
      if (!in_word) {
        current = Token{{}, offset, 0};
        in_word = true;
      }
      AppendUtf8(current.word, u_tolower(c));
      current.length = offset + length - current.offset;
    } else if (in_word) {
      tokens.push_back(std::move(current));
      in_word = false;
    }
  });
  if (in_word) tokens.push_back(std::move(current));
  return tokens;
}

double DiacriticLetterShare(std::string_view text) {
  long letters = 0, marked = 0;
  ForEachCodePoint(text, [&](UChar32 c, size_t, size_t) {
    if (!u_isalpha(c)) return;
    ++letters;
    if (c >= 0x80 && FoldCodePoint(c) != c) ++marked;
  });
  return letters == 0 ? 0.0 : static_cast<double>(marked) / letters;
}

namespace {

// The byte a PDF reader turned into `c` through WinAnsiEncoding, or -1.
int WinAnsiByte(UChar32 c) {
  if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) return c;
  static const std::pair<UChar32, int> kHigh[] = {
      {0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84}, {0x2026, 0x85},
      {0x2020, 0x86}, {0x2021, 0x87}, {0x02C6, 0x88}, {0x2030, 0x89}, {0x0160, 0x8A},
      {0x2039, 0x8B}, {0x0152, 0x8C}, {0x017D, 0x8E}, {0x2018, 0x91}, {0x2019, 0x92},
      {0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95}, {0x2013, 0x96}, {0x2014, 0x97},
      {0x02DC, 0x98}, {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B}, {0x0153, 0x9C},
      {0x017E, 0x9E}, {0x0178, 0x9F}};
  for (const auto& [code, byte] : kHigh) {
    if (code == c) return byte;
  }
  if (c >= 0x80 && c < 0xA0) return c;  // read without any encoding
  return -1;
}

// TCVN3's lower-case Vietnamese letters sit at codes that Latin-1 spends on symbols
// (¨ © ª « ¬ soft hyphen ® ¯ ° ± ² ³ ´ µ ¶ · ¸ ¹ º » ¼ ½ ¾ ¿). Real text puts those between
// words, if anywhere; TCVN3 text puts them inside words.
bool IsTcvn3Signature(UChar32 c) { return c >= 0xA8 && c <= 0xBF; }

}  // namespace

std::optional<std::string> DecodeTcvn3Mojibake(std::string_view text) {
  std::string bytes;
  bytes.reserve(text.size());
  long letters = 0, inside_words = 0;
  UChar32 previous = ' ';
  bool single_byte = true;
  ForEachCodePoint(text, [&](UChar32 c, size_t, size_t) {
    int byte = WinAnsiByte(c);
    if (byte < 0) {
      single_byte = false;
      return;
    }
    bytes += static_cast<char>(byte);
    if (u_isalpha(c)) ++letters;
    if (IsTcvn3Signature(c) && (u_isalpha(previous) || IsTcvn3Signature(previous))) ++inside_words;
    previous = c;
  });
  if (!single_byte || inside_words < 5 || inside_words < 0.03 * static_cast<double>(letters)) {
    return std::nullopt;
  }
  iconv_t cd = iconv_open("UTF-8", "TCVN5712-1");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(bytes.size() * 4 + 16, '\0');
  char* in = bytes.data();
  size_t in_left = bytes.size();
  char* dst = out.data();
  size_t out_left = out.size();
  while (in_left > 0) {
    if (iconv(cd, &in, &in_left, &dst, &out_left) == static_cast<size_t>(-1)) {
      if (errno != EILSEQ && errno != EINVAL) break;
      ++in;  // a byte TCVN does not define: drop it
      --in_left;
    }
  }
  // TCVN has combining tone marks: the decoder holds the last letter back until told the
  // input has ended.
  iconv(cd, nullptr, nullptr, &dst, &out_left);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  std::string decoded = Nfc(out);
  // Decoded Vietnamese has marks on a good share of its letters; anything else was not TCVN3.
  if (DiacriticLetterShare(decoded) < 0.15) return std::nullopt;
  return decoded;
}

namespace {

// VNI spells a Vietnamese letter as base + modifiers, each a Latin-1 character. The tones are
// ù ø û õ ï (sắc huyền hỏi ngã nặng); â, ê and ô take â á à å ã ä (plain and the five tones
// together with the circumflex); ă is a + ê é è ú ü ë; ơ and ư are ô and ö + a tone;
// ỉ ĩ ị are æ ó ò, ỵ is î, đ is ñ. Upper case alike, with the upper-case modifiers.
struct VniTable {
  std::unordered_map<std::string, std::string> letters;  // VNI spelling (UTF-8) -> letter

  VniTable() {
    const char* tones[] = {"", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"};
    const char32_t tone_mods[] = {0, U'\u00F9', U'\u00F8', U'\u00FB', U'\u00F5', U'\u00EF'};
    const char32_t circ_mods[] = {U'\u00E2', U'\u00E1', U'\u00E0', U'\u00E5', U'\u00E3', U'\u00E4'};
    const char32_t breve_mods[] = {U'\u00EA', U'\u00E9', U'\u00E8',
                                   U'\u00FA', U'\u00FC', U'\u00EB'};
    for (bool upper : {false, true}) {
      auto mod = [&](char32_t c) {
        return upper ? static_cast<char32_t>(u_toupper(static_cast<UChar32>(c))) : c;
      };
      auto add = [&](std::u32string spelling, std::string base, const char* marks) {
        std::string key, value;
        for (char32_t c : spelling) AppendUtf8(key, static_cast<UChar32>(c));
        value = Nfc(base + marks);
        letters[key] = value;
      };
      for (const char* v : {"a", "e", "o", "u", "y"}) {
        std::string base = upper ? std::string(1, static_cast<char>(v[0] - 32)) : v;
        char32_t b = static_cast<char32_t>(base[0]);
        for (int t = 1; t < 6; ++t) add({b, mod(tone_mods[t])}, base, tones[t]);
        if (*v == 'a' || *v == 'e' || *v == 'o') {  // â ê ô
          for (int t = 0; t < 6; ++t)
            add({b, mod(circ_mods[t])}, base, (std::string("\u0302") + tones[t]).c_str());
        }
        if (*v == 'a') {  // ă
          for (int t = 0; t < 6; ++t)
            add({b, mod(breve_mods[t])}, base, (std::string("\u0306") + tones[t]).c_str());
        }
      }
      // ơ = ô + tone, ư = ö + tone (the plain ô and ö themselves stand for ơ and ư).
      for (auto [spelled, base] :
           {std::pair<char32_t, const char*>{U'\u00F4', "o"}, {U'\u00F6', "u"}}) {
        char32_t s = mod(spelled);
        std::string b = upper ? std::string(1, static_cast<char>(base[0] - 32)) : base;
        for (int t = 0; t < 6; ++t) {
          if (t == 0) {
            add({s}, b, "\u031B");
          } else {
            add({s, mod(tone_mods[t])}, b, (std::string("\u031B") + tones[t]).c_str());
          }
        }
      }
      std::string i = upper ? "I" : "i";
      add({mod(U'\u00ED')}, i, "\u0301");
      add({mod(U'\u00EC')}, i, "\u0300");
      add({mod(U'\u00E6')}, i, "\u0309");
      add({mod(U'\u00F3')}, i, "\u0303");
      add({mod(U'\u00F2')}, i, "\u0323");
      add({mod(U'\u00EE')}, upper ? "Y" : "y", "\u0323");
      add({mod(U'\u00F1')}, upper ? "\u0110" : "\u0111", "");
    }
  }
};

const VniTable& Vni() {
  static const VniTable table;
  return table;
}

}  // namespace

std::optional<std::string> DecodeVniMojibake(std::string_view text) {
  const auto& letters = Vni().letters;
  // Code point boundaries, so that lookups try two characters, then one.
  std::vector<std::pair<size_t, size_t>> cps;
  ForEachCodePoint(text, [&](UChar32, size_t offset, size_t length) {
    cps.push_back({offset, length});
  });
  std::string out;
  long letters_seen = 0, sequences = 0;
  for (size_t i = 0; i < cps.size();) {
    bool matched = false;
    for (size_t n : {2, 1}) {
      if (i + n > cps.size()) continue;
      size_t begin = cps[i].first, end = cps[i + n - 1].first + cps[i + n - 1].second;
      auto it = letters.find(std::string(text.substr(begin, end - begin)));
      if (it == letters.end()) continue;
      out += it->second;
      sequences += n == 2;
      i += n;
      matched = true;
      break;
    }
    if (matched) {
      ++letters_seen;
      continue;
    }
    std::string_view cp = text.substr(cps[i].first, cps[i].second);
    UChar32 c;
    int32_t k = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(cp.data()), k, static_cast<int32_t>(cp.size()), c);
    if (u_isalpha(c)) ++letters_seen;
    out += cp;
    ++i;
  }
  // Vietnamese typed in VNI has a modifier in most syllables; French "où" or "eû" do not add up.
  if (sequences < 5 || sequences < 0.08 * static_cast<double>(letters_seen)) return std::nullopt;
  std::string decoded = Nfc(out);
  if (DiacriticLetterShare(decoded) < 0.15) return std::nullopt;
  return decoded;
}

}  // namespace luutru::vi
