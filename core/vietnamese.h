// Vietnamese text: normalization, case, diacritic folding and word splitting. One
// implementation, used by the index and by the query side, so both see the same words.
// All functions are pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace luutru::vi {

// Unicode NFC. Invalid UTF-8 bytes become U+FFFD.
std::string Nfc(std::string_view text);

// The code points of UTF-8 `text` (invalid bytes become U+FFFD), and back.
std::u32string Utf32(std::string_view text);
std::string Utf8(std::u32string_view text);

// True when `text` is well-formed UTF-8 (a file saved in another encoding is not).
bool IsValidUtf8(std::string_view text);

// UTF-16 code units of UTF-8 `text`, as PDF text strings hold them (invalid bytes U+FFFD).
std::u16string Utf16(std::string_view text);

// What a code point is, as Unicode says. The one header in front of ICU: no other folder
// includes it.
bool IsLetter(char32_t c);
bool IsDigit(char32_t c);
bool IsUpperCase(char32_t c);
bool IsLowerCase(char32_t c);
bool IsSpace(char32_t c);
// A control, private-use or unassigned code point, or U+FFFD: a glyph a PDF's font left unmapped.
bool IsUnmapped(char32_t c);

// NFC, then simple lower case ("QUYẾT ĐỊNH" -> "quyết định").
std::string Lower(std::string_view text);

// NFC, then simple upper case ("quyết định" -> "QUYẾT ĐỊNH").
std::string Upper(std::string_view text);

// `text` with its first letter in capitals ("về việc …" -> "Về việc …"); NFC.
std::string CapitalizeFirst(std::string_view text);

// Strips tone and vowel marks and maps đ/Đ to d/D, keeping case ("Quyết Định" -> "Quyet Dinh").
// Accepts NFC or NFD input.
std::string Fold(std::string_view text);

// How people type a name, compared: NFC, lower case, folded, spaces collapsed ("Vĩnh  viễn" ->
// "vinh vien"). Code lists and column headers are matched on it.
std::string TypedKey(std::string_view text);

// How a word is searched: folded (as Fold) and lower case, with its two spellings of final i/y
// made one: a syllable whose only vowel is a final "y" after its initial consonant is written
// with "i" ("kỹ"/"kĩ" -> "ki", "lý" -> "li", "quý"/"quí" -> "qui", "tỷ" -> "ti"); "y" alone
// ("ý"), "uy" ("thủy") and "ay" stay. The index and the query both use it. `word` is one word.
std::string SearchKey(std::string_view word);
// The same for a word already lower case and NFC (a Token's word): no normalization again.
std::string SearchKeyOfToken(std::string_view lower_nfc_word);

// True when Fold(text) differs from text, i.e. the text carries a Vietnamese mark or đ.
bool HasDiacritics(std::string_view text);

// A word of a text: its lower-case NFC form and where it stands in the input (bytes).
struct Token {
  std::string word;
  size_t offset = 0;
  size_t length = 0;
};

// Splits NFC text into words: runs of letters, digits and combining marks. Everything else
// (spaces, punctuation, '/', '-') separates. Offsets refer to `text` as given.
std::vector<Token> Tokenize(std::string_view text);

// Share of the letters in `text` that carry a Vietnamese mark or are đ/Đ (0..1).
double DiacriticLetterShare(std::string_view text);

// Old documents typed with TCVN3 (ABC, ".VnTime") fonts have text layers that PDF readers
// give as Latin-1 mojibake ("C¸c v¨n b¶n" for "Các văn bản"). When `text` reads like that,
// returns it decoded to Unicode (NFC); otherwise std::nullopt. Upper case typed with the
// ".VnTimeH" fonts comes back lower case: those fonts draw lower-case codes as capitals.
std::optional<std::string> DecodeTcvn3Mojibake(std::string_view text);

// Likewise for VNI fonts ("VNI-Times"), which spell a letter as its base and one or two
// modifier characters: "Vieät Nam" for "Việt Nam".
std::optional<std::string> DecodeVniMojibake(std::string_view text);

}  // namespace luutru::vi
