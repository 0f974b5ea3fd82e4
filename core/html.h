// Escaping text for HTML and XML (snippets, hOCR). Pure.
#pragma once

#include <string>
#include <string_view>

namespace luutru {

// Appends `text` with & < > " ' escaped.
void AppendHtmlEscaped(std::string& out, std::string_view text);

inline std::string HtmlEscaped(std::string_view text) {
  std::string out;
  AppendHtmlEscaped(out, text);
  return out;
}

}  // namespace luutru
