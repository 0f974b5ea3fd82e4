// Snippets: the passage of a page that best shows why it matched, with the matching words
// marked. Pure and thread-safe; matching is by folded form, as the index matches.
#pragma once

#include <string>
#include <vector>

namespace luutru::search {

struct Highlight {
  size_t offset = 0;  // bytes into Snippet::text
  size_t length = 0;
};

struct Snippet {
  std::string text;  // may start or end with "…" where the page text was cut
  std::vector<Highlight> highlights;
};

struct SnippetOptions {
  // About how many words the snippet holds. Default: 30.
  int words = 30;
};

// `query_words`: the words of the query (any case, with or without marks).
Snippet MakeSnippet(const std::string& page_text, const std::vector<std::string>& query_words,
                    const SnippetOptions& options = {});

// Renders a snippet as HTML-escaped text with <mark>…</mark> around the highlights.
std::string SnippetToHtml(const Snippet& snippet);

}  // namespace luutru::search
