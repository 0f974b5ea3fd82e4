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

// A hash of the bytes that is the same in every build and on every machine (FNV-1a, 64 bits;
// std::hash may differ): what shards and ingest parts are chosen by.
unsigned long long StableHash(std::string_view bytes);

// `text` as it can be shown and logged whatever its bytes: a line break as "\n", other
// control characters and bytes that are not UTF-8 as "\xNN" (a backslash stays as it is). A
// file name of any bytes becomes one line of valid UTF-8 that says which bytes it had.
std::string EscapeForDisplay(std::string_view text);

}  // namespace luutru
