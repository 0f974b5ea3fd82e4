#include "ocr/word_repair.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <string>

#include "core/syllables.h"
#include "core/word_pairs.h"

namespace luutru::ocr {

void RepairWords(OcrEngine& engine, std::vector<OcrWord>& words) {
  std::vector<std::string> texts;
  texts.reserve(words.size());
  for (OcrWord& w : words) {
    if (std::optional<std::string> repaired = vi::RestoreVowelMark(w.text))
      w.text = std::move(*repaired);
    texts.push_back(w.text);
  }
  const std::vector<bool> may = vi::MayNeedToneRepair(texts);
  if (std::find(may.begin(), may.end(), true) == may.end()) return;
  std::vector<LetterOffers> offered = engine.LettersOffered(may);
  std::vector<vi::ReadWord> read(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    read[i].text = texts[i];
    if (i < offered.size() && may[i]) read[i].offered = std::move(offered[i]);
  }
  const std::vector<std::optional<std::string>> toned = vi::RestoreTonesByWordPairs(read);
  for (size_t i = 0; i < words.size(); ++i) {
    if (!toned[i]) continue;
    spdlog::debug("tone restored by its neighbours: {} -> {}", words[i].text, *toned[i]);
    words[i].text = *toned[i];
  }
}

}  // namespace luutru::ocr
