#include "search/snippet.h"

#include <algorithm>
#include <unordered_set>

#include "core/html.h"
#include "core/vietnamese.h"

namespace luutru::search {
namespace {

constexpr const char* kEllipsis = "…";

// Page text joins lines with '\n'; a snippet reads as one line.
std::string FlattenWhitespace(std::string_view text) {
  std::string out(text);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  return out;
}

}  // namespace

Snippet MakeSnippet(const std::string& page_text, const std::vector<std::string>& query_words,
                    const SnippetOptions& options) {
  std::string text = vi::Nfc(page_text);
  std::vector<vi::Token> tokens = vi::Tokenize(text);
  Snippet snippet;
  if (tokens.empty()) return snippet;

  std::unordered_set<std::string> wanted;
  for (const std::string& w : query_words) {
    for (const vi::Token& t : vi::Tokenize(vi::Nfc(w))) wanted.insert(vi::SearchKey(t.word));
  }
  std::vector<bool> hit(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i)
    hit[i] = wanted.count(vi::SearchKeyOfToken(tokens[i].word)) > 0;

  // The window of `words` tokens holding the most hits (earliest on ties).
  size_t window = std::min<size_t>(std::max(options.words, 1), tokens.size());
  size_t best_start = 0, best_hits = 0, hits = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    hits += hit[i];
    if (i >= window) hits -= hit[i - window];
    if (i + 1 >= window && hits > best_hits) {
      best_hits = hits;
      best_start = i + 1 - window;
    }
  }
  // Start a little before the first hit, so it does not open the snippet.
  if (best_hits > 0) {
    size_t first = best_start;
    while (first < best_start + window && !hit[first]) ++first;
    size_t lead = std::min<size_t>(3, first);
    best_start = std::min(first - lead, tokens.size() - window);
  }
  size_t last = best_start + window - 1;
  size_t begin = best_start == 0 ? 0 : tokens[best_start].offset;
  size_t end = last + 1 == tokens.size() ? text.size() : tokens[last].offset + tokens[last].length;

  if (begin > 0) snippet.text = kEllipsis;
  size_t base = snippet.text.size();
  snippet.text += FlattenWhitespace(std::string_view(text).substr(begin, end - begin));
  for (size_t i = best_start; i <= last; ++i) {
    if (hit[i]) snippet.highlights.push_back({base + tokens[i].offset - begin, tokens[i].length});
  }
  if (end < text.size()) snippet.text += kEllipsis;
  return snippet;
}

std::string SnippetToHtml(const Snippet& snippet) {
  std::string out;
  size_t at = 0;
  for (const Highlight& h : snippet.highlights) {
    AppendHtmlEscaped(out, std::string_view(snippet.text).substr(at, h.offset - at));
    out += "<mark>";
    AppendHtmlEscaped(out, std::string_view(snippet.text).substr(h.offset, h.length));
    out += "</mark>";
    at = h.offset + h.length;
  }
  AppendHtmlEscaped(out, std::string_view(snippet.text).substr(at));
  return out;
}

}  // namespace luutru::search
