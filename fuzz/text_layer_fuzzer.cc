// Fuzz target: any bytes as the text of a PDF text layer. Judging it, decoding TCVN3 and VNI
// mojibake, Vietnamese normalization and folding, and ordering its words into lines must
// take any byte string (invalid UTF-8 included) without crashing.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/strings.h"
#include "core/vietnamese.h"
#include "ingest/text_layer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luutru;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)ingest::JudgeTextLayer(text);
  (void)vi::DecodeTcvn3Mojibake(text);
  (void)vi::DecodeVniMojibake(text);
  (void)vi::Fold(vi::Nfc(text));
  // Words with boxes taken from the bytes, as a PDF's content stream might give them.
  std::vector<Word> words;
  size_t at = 0;
  for (const std::string& piece : SplitSpaces(std::string(text))) {
    const int x = static_cast<int>(static_cast<unsigned char>(piece[0])) * 3;
    const int y = static_cast<int>(at % 97) * 5;
    words.push_back(
        Word{piece, Box{x, y, x + static_cast<int>(piece.size()) * 4, y + 9}, 100, 0, 0});
    ++at;
  }
  (void)ingest::WordsInLines(std::move(words));
  return 0;
}
