#include "core/marks.h"

namespace luutru {

Secrecy SecrecyOf(std::string_view confidentiality) {
  if (confidentiality.empty()) return Secrecy::kNone;
  for (const SecrecyMark& mark : kSecrecyMarks) {
    if (!mark.printed.empty() && mark.printed == confidentiality) return mark.secrecy;
  }
  return Secrecy::kUnknown;
}

const SecrecyMark& MarkOf(Secrecy secrecy) { return kSecrecyMarks[static_cast<int>(secrecy)]; }

std::string MarksForMessage(std::span<const std::string_view> marks) {
  std::string out;
  for (size_t i = 0; i < marks.size(); ++i) {
    if (i > 0) out += i + 1 == marks.size() ? " or " : ", ";
    out += marks[i];
  }
  return out;
}

}  // namespace luutru
