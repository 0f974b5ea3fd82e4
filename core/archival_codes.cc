#include "core/archival_codes.h"

#include "core/strings.h"
#include "core/vietnamese.h"

namespace luutru {

std::optional<std::string_view> CodeNamed(std::span<const Code> list, std::string_view typed) {
  const std::string key = vi::TypedKey(typed);
  if (key.empty()) return std::nullopt;
  for (const Code& c : list) {
    // "1" for "01": spreadsheets drop a leading zero.
    const bool same_code = key == c.code || (c.code.size() == 2 && c.code[0] == '0' &&
                                             key.size() == 1 && key[0] == c.code[1]);
    if (same_code || key == vi::TypedKey(c.name)) return c.code;
  }
  return std::nullopt;
}

std::string_view NameOf(std::span<const Code> list, std::string_view code) {
  for (const Code& c : list) {
    if (c.code == code) return c.name;
  }
  return {};
}

std::string RetentionCode(std::string_view typed) {
  if (std::optional<std::string_view> code = CodeNamed(kRetentionCodes, typed))
    return std::string(*code);
  return Trim(typed).empty() ? "" : "07";
}

std::string DocumentTypeCode(std::string_view doc_type) {
  if (Trim(doc_type).empty()) return "";
  if (std::optional<std::string_view> code = CodeNamed(kDocumentTypeCodes, doc_type))
    return std::string(*code);
  return "32";
}

}  // namespace luutru
