#include "search/suggest.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "core/edit_distance.h"
#include "core/strings.h"
#include "core/vietnamese.h"
#include "index/schema.h"

namespace luutru::search {
namespace {

// What one suggestion may cost: words respelled per query, and index words compared per word
// (those sharing its first letter; a million pages hold a few hundred thousand).
constexpr int kMaxWordsRespelled = 6;
constexpr int kMaxWordsCompared = 200'000;

// The indexed folded word nearest to `folded`, or "" when none is near enough.
std::string NearestWord(const Xapian::Database& db, const std::string& folded) {
  const std::string prefix(index::kPrefixFolded);
  const int limit = folded.size() <= 4 ? 1 : 2;
  // Words sharing the first letter: OCR and typing rarely get that one wrong.
  const std::string start = prefix + folded.substr(0, 1);
  std::string best;
  int best_distance = limit + 1;
  Xapian::doccount best_freq = 0;
  int compared = 0;
  for (auto it = db.allterms_begin(start);
       it != db.allterms_end(start) && compared++ < kMaxWordsCompared; ++it) {
    std::string word = (*it).substr(prefix.size());
    int d = EditDistance(folded, word, limit);
    if (d > limit || d == 0) continue;
    Xapian::doccount freq = it.get_termfreq();
    if (d < best_distance || (d == best_distance && freq > best_freq)) {
      best = word;
      best_distance = d;
      best_freq = freq;
    }
  }
  return best;
}

bool IsOperator(const std::string& chunk) {
  return chunk == "AND" || chunk == "OR" || chunk == "NOT";
}

}  // namespace

std::string SuggestQuery(const Xapian::Database& db, const std::string& typed) {
  const std::string nfc = vi::Nfc(typed);
  std::vector<std::string> chunks = SplitSpaces(nfc);
  bool changed = false;
  int looked_up = 0;
  for (std::string& chunk : chunks) {
    if (chunk.find(':') == std::string::npos && chunk[0] != '-' && !IsOperator(chunk)) {
      // Replace the chunk's words from the last, so earlier offsets stay right.
      std::vector<vi::Token> tokens = vi::Tokenize(chunk);
      for (auto t = tokens.rbegin(); t != tokens.rend(); ++t) {
        std::string folded = vi::SearchKey(t->word);
        bool number = std::any_of(folded.begin(), folded.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c));
        });
        if (number || folded.size() < 2 ||
            db.term_exists(std::string(index::kPrefixFolded) + folded))
          continue;
        if (++looked_up > kMaxWordsRespelled) return changed ? JoinWords(chunks) : "";
        std::string nearest = NearestWord(db, folded);
        if (nearest.empty()) continue;
        chunk.replace(t->offset, t->length, nearest);
        changed = true;
      }
    }
  }
  return changed ? JoinWords(chunks) : "";
}

}  // namespace luutru::search
