#include "search/suggest.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "core/edit_distance.h"
#include "core/strings.h"
#include "core/vietnamese.h"
#include "core/word_pairs.h"
#include "index/page_terms.h"
#include "index/schema.h"

namespace luutru::search {
namespace {

// What one suggestion may cost: words respelled per query, and index words compared per word
// (those sharing its first letter; a million pages hold a few hundred thousand).
constexpr int kMaxWordsRespelled = 6;
constexpr int kMaxWordsCompared = 200'000;
// Pairs are respelled in queries of this many words at most.
constexpr long kMaxWordsForPairs = 4;

// The indexed folded word nearest to `folded`, or "" when none is near enough.
std::string NearestWord(const Xapian::Database& db, const std::string& folded) {
  const std::string prefix(index::kPrefixFolded);
  const int limit = folded.size() <= 4 ? 1 : 2;
  // Words sharing the first letter: OCR and typing rarely get that one wrong.
  std::string start = prefix;
  start += folded.front();
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

// The spellings one edit from a folded word (a letter changed, added or dropped; letters and
// digits of folded text), for the pair lookups of SuggestByPairs: generated, not looked for
// among the index's words, so that the cost does not grow with the index.
std::vector<std::string> OneEditAway(const std::string& folded) {
  static constexpr std::string_view kLetters = "abcdefghijklmnopqrstuvwxyz";
  std::vector<std::string> out;
  for (size_t i = 0; i <= folded.size(); ++i) {
    for (char c : kLetters) {
      out.push_back(folded.substr(0, i) + c + folded.substr(i));  // added
      if (i < folded.size() && folded[i] != c) {
        std::string changed = folded;
        changed[i] = c;
        out.push_back(std::move(changed));
      }
    }
    if (i < folded.size() && folded.size() > 1)
      out.push_back(folded.substr(0, i) + folded.substr(i + 1));
  }
  return out;
}

}  // namespace

std::string SuggestByPairs(const Xapian::Database& db, const std::string& typed,
                           unsigned min_records) {
  std::vector<std::string> chunks = SplitSpaces(vi::Nfc(typed));
  auto plain_word = [](const std::string& chunk) {
    if (chunk.find_first_of(":\"()*") != std::string::npos || chunk[0] == '-' || chunk[0] == '+' ||
        IsOperator(chunk))
      return false;
    const std::vector<vi::Token> tokens = vi::Tokenize(chunk);
    return tokens.size() == 1 && tokens[0].length == chunk.size() &&
           std::none_of(chunk.begin(), chunk.end(),
                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  };
  // A pair that makes a word of the dictionary (core/word_pairs.h), weighed by how many records
  // hold its rarer syllable; 0 for a pair that makes none.
  auto records = [&](const std::string& a, const std::string& b) -> Xapian::doccount {
    if (!vi::WordPairs::Vietnamese().JoinsFolded(a, b)) return 0;
    const std::string folded(index::kPrefixFolded);
    return std::min(db.get_termfreq(folded + a), db.get_termfreq(folded + b));
  };
  // A word or two typed: a longer query names several things, whose words need not stand together.
  if (std::count_if(chunks.begin(), chunks.end(), plain_word) > kMaxWordsForPairs) return "";
  const size_t n = chunks.size();
  // The words a respelling may read: plain and typed in lower case (a capital starts a name or
  // an abbreviation, which the dictionary does not know: "Tứ Kỳ", "UBND").
  std::vector<bool> word(n);
  std::vector<std::string> keys(n);
  for (size_t i = 0; i < n; ++i) {
    word[i] = plain_word(chunks[i]) && vi::Lower(chunks[i]) == chunks[i];
    if (word[i]) keys[i] = vi::SearchKey(chunks[i]);
  }
  auto joins = [&](size_t left, size_t right) {
    return right < n && word[left] && word[right] && records(keys[left], keys[right]) > 0;
  };
  // Whether two typed words stand one right after the other in some record (a phrase of their
  // folded words; asked only of words the dictionary does not join).
  auto together = [&](size_t left, size_t right) {
    const std::string folded(index::kPrefixFolded);
    const std::vector<std::string> words{folded + keys[left], folded + keys[right]};
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end()));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return !enquire.get_mset(0, 1, 1).empty();
  };
  // One word respelled, the one whose respelling the most records back.
  size_t respelled = n;
  std::string best_key;
  Xapian::doccount best = min_records - 1;
  int looked_up = 0;
  for (size_t i = 0; i < n; ++i) {
    // A word that makes a word of the dictionary with neither neighbour, and never stands
    // beside one of them in the index ("tiep cong dam": "cong dam" is no word and in no
    // record): likely mistyped. A name typed in lower case stands beside its neighbours in the
    // records that hold it ("pham thi trung"); words of two words ("van hoa lam viec") join.
    if (!word[i] || (i > 0 && joins(i - 1, i)) || joins(i, i + 1)) continue;
    if (++looked_up > kMaxWordsRespelled) break;
    const bool left = i > 0 && word[i - 1] && !together(i - 1, i);
    const bool right = i + 1 < n && word[i + 1] && !together(i, i + 1);
    if (!left && !right) continue;
    for (const std::string& other : OneEditAway(keys[i])) {
      const Xapian::doccount with_left = left ? records(keys[i - 1], other) : 0;
      const Xapian::doccount with_right = right ? records(other, keys[i + 1]) : 0;
      if (const Xapian::doccount found = std::max(with_left, with_right); found > best) {
        best = found;
        best_key = other;
        respelled = i;
      }
    }
  }
  if (respelled == n) return "";
  chunks[respelled] = best_key;
  return JoinWords(chunks);
}

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
