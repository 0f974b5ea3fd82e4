// Judging a PDF text layer before trusting it. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "core/syllables.h"

namespace luutru::ingest {

struct TextLayerVerdict {
  bool usable = false;
  // Usable, but Vietnamese with too many words that are no syllable (marks misplaced, letters
  // misread): the page is read by OCR too, and the more Vietnamese reading kept.
  bool doubtful = false;
  std::string reason;  // why not (or why in doubt): "no text", "replacement characters", ...
};

// Usable when it holds real words: enough of them, and not the garbage that fonts without a
// Unicode mapping produce (replacement, control or private-use characters, symbol soup), nor
// Vietnamese whose marks were lost (an old scanner's OCR, a font that maps only base letters):
// words that are Vietnamese syllables once stripped of their marks, written without them.
// A layer of another language is judged on its characters alone.
TextLayerVerdict JudgeTextLayer(std::string_view text,
                                const vi::Syllables& syllables = vi::Syllables::Vietnamese());

// The share (0..1) of a page's word-like ink (ocr::WordLikeInk, pixels of a rendering at
// `dpi`) that lies under the layer's words (`words`, in points from the top left): a layer
// that covers the page's text is near 1, the few lines of a stamp or a caption over a scan
// near 0. 1 when the page shows no word-like ink.
double LayerCoverage(const std::vector<Box>& ink, const std::vector<Word>& words, int dpi);

// Numbers the lines of a text layer's words (Word::line, and Word::block = 0) and puts them
// in line order, top to bottom, left to right within a line. A PDF gives words with boxes but
// in content-stream order, where the two header columns of a Vietnamese document interleave;
// words whose boxes share most of their height share a line.
std::vector<Word> WordsInLines(std::vector<Word> words);

}  // namespace luutru::ingest
