// Judging a PDF text layer before trusting it. Pure.
#pragma once

#include <string>
#include <string_view>

namespace luutru::ingest {

struct TextLayerVerdict {
  bool usable = false;
  std::string reason;  // why not: "no text", "replacement characters", ...
};

// Usable when it holds real words: enough of them, and not the garbage that fonts without a
// Unicode mapping produce (replacement, control or private-use characters, symbol soup).
TextLayerVerdict JudgeTextLayer(std::string_view text);

}  // namespace luutru::ingest
