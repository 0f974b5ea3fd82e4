// Levenshtein distance between two byte strings (folded Vietnamese is ASCII). Pure.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace luutru {

// Insertions, deletions and substitutions to turn `a` into `b`. With `limit` >= 0, any
// distance above it is reported as limit + 1 (and long differences are not computed).
inline int EditDistance(std::string_view a, std::string_view b, int limit = -1) {
  const int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  if (limit >= 0 && std::abs(la - lb) > limit) return limit + 1;
  std::vector<int> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      int next = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = row[j];
      row[j] = next;
    }
  }
  int d = row[b.size()];
  return limit >= 0 && d > limit ? limit + 1 : d;
}

}  // namespace luutru
