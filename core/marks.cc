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

}  // namespace luutru
