// Words put right after any engine read them, by what Vietnamese allows: a vowel's hat, horn
// or breve lost under its tone ("Quyét" -> "Quyết", vi::RestoreVowelMark), and a tone lost or
// read wrong that the word made with its neighbours tells and the engine itself offered
// ("bỗ nhiệm" -> "bổ nhiệm", vi::RestoreTonesByWordPairs). Applied to every block of a page
// (ocr/page_ocr.h) and every line read again (ocr/line_reread.h).
#pragma once

#include <vector>

#include "ocr/engine.h"

namespace luutru::ocr {

// `words` are the engine's last reading, in the order it gave them.
void RepairWords(OcrEngine& engine, std::vector<OcrWord>& words);

}  // namespace luutru::ocr
