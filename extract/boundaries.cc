#include "extract/boundaries.h"

#include <sstream>
#include <string>

#include "extract/patterns.h"

namespace luutru::extract {
namespace {

// A header fills the top of a page: its lines come first in reading order (the left block's,
// then the right block's), within this many.
constexpr int kOpeningLines = 16;

}  // namespace

PageOpening OpeningOf(const PageText& page) {
  PageOpening opening;
  std::istringstream lines(page.text);
  int n = 0;
  for (std::string line; n < kOpeningLines && std::getline(lines, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    ++n;
    const std::string rest = WithoutMotto(line);
    opening.motto = opening.motto || IsMotto(line) || rest != line;
    opening.number = opening.number || ParseNumberLine(rest).has_value();
    opening.date =
        opening.date || ParseDateLine(rest).has_value() || ParsePartialDateLine(rest).has_value();
  }
  return opening;
}

bool EndsDocument(const PageText& page) {
  std::istringstream lines(page.text);
  for (std::string line; std::getline(lines, line);) {
    if (IsRecipientsHeading(line)) return true;
  }
  return false;
}

std::vector<size_t> DocumentStarts(const std::vector<PageText>& pages) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (i == 0 || OpeningOf(pages[i]).StartsDocument()) starts.push_back(i);
  }
  return starts;
}

}  // namespace luutru::extract
