// Judging a PDF text layer before trusting it. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace luutru::ingest {

struct TextLayerVerdict {
  bool usable = false;
  std::string reason;  // why not: "no text", "replacement characters", ...
};

// Usable when it holds real words: enough of them, and not the garbage that fonts without a
// Unicode mapping produce (replacement, control or private-use characters, symbol soup).
TextLayerVerdict JudgeTextLayer(std::string_view text);

// Numbers the lines of a text layer's words (Word::line, and Word::block = 0) and puts them
// in line order, top to bottom, left to right within a line. A PDF gives words with boxes but
// in content-stream order, where the two header columns of a Vietnamese document interleave;
// words whose boxes share most of their height share a line.
std::vector<Word> WordsInLines(std::vector<Word> words);

}  // namespace luutru::ingest
