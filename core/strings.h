// Small string helpers every stage shares: trimming, splitting on spaces, joining, hex. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace luutru {

// Without leading and trailing spaces, tabs, carriage returns and newlines.
std::string_view Trim(std::string_view s);

// The space-separated words of `s` (runs of spaces are one separator).
std::vector<std::string> SplitSpaces(std::string_view s);

// `words` with one space between them.
std::string JoinWords(const std::vector<std::string>& words);

// Bytes as lower-case hexadecimal ("a0ff…"): digests, tokens, ids.
std::string HexLower(const unsigned char* bytes, size_t n);

}  // namespace luutru
