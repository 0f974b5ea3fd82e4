#include "core/syllables.h"

#include <spdlog/spdlog.h>

#include <fstream>

#include "core/vietnamese.h"

namespace luutru::vi {
namespace {

constexpr const char* kHunspellVietnamese = "/usr/share/hunspell/vi_VN.dic";

std::vector<std::string> ReadWordList(const char* path) {
  std::vector<std::string> words;
  std::ifstream in(path);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first) {  // a .dic file starts with its word count
      first = false;
      continue;
    }
    if (size_t slash = line.find('/'); slash != std::string::npos) line.resize(slash);  // affix flags
    if (!line.empty()) words.push_back(line);
  }
  return words;
}

}  // namespace

const Syllables& Syllables::Vietnamese() {
  static const Syllables* syllables = [] {
    auto* s = new Syllables(ReadWordList(kHunspellVietnamese));
    if (s->empty()) {
      spdlog::warn("{} not found: text layers are not checked for Vietnamese syllables "
                   "(apt-get install hunspell-vi)", kHunspellVietnamese);
    }
    return s;
  }();
  return *syllables;
}

Syllables::Syllables(const std::vector<std::string>& words) {
  for (const std::string& w : words) {
    std::string lower = Lower(w);
    folded_.insert(Fold(lower));
    exact_.insert(std::move(lower));
  }
}

SyllableCounts CountSyllables(std::string_view text, const Syllables& syllables) {
  SyllableCounts counts;
  if (syllables.empty()) return counts;
  for (const Token& token : Tokenize(Nfc(text))) {
    const std::string& w = token.word;
    bool letter = false;
    for (unsigned char c : w) letter |= !(c >= '0' && c <= '9');
    if (!letter) continue;
    ++counts.words;
    const std::string folded = Fold(w);
    if (syllables.Contains(w)) {
      ++counts.syllables;
    } else if (syllables.ContainsFolded(folded)) {
      ++counts.bare;
    } else {
      continue;
    }
    if (folded != w) ++counts.marked;
  }
  return counts;
}

}  // namespace luutru::vi
