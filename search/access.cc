#include "search/access.h"

#include "core/vietnamese.h"

namespace luutru::search {

Result<Clearance> ParseClearance(std::string_view text) {
  std::string key = vi::Fold(vi::Nfc(text));
  for (char& c : key)
    c = c == ' ' || c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (key == "public") return Clearance::kPublic;
  if (key == "internal") return Clearance::kInternal;
  if (key == "mat") return Clearance::kMat;
  if (key == "toi-mat") return Clearance::kToiMat;
  if (key == "tuyet-mat") return Clearance::kTuyetMat;
  return InvalidArgument("unknown clearance '" + std::string(text) +
                         "': use public, internal, mat, toi-mat or tuyet-mat");
}

const char* ClearanceName(Clearance clearance) {
  switch (clearance) {
    case Clearance::kPublic:
      return "public";
    case Clearance::kInternal:
      return "internal";
    case Clearance::kMat:
      return "mat";
    case Clearance::kToiMat:
      return "toi-mat";
    case Clearance::kTuyetMat:
      return "tuyet-mat";
  }
  return "tuyet-mat";
}

Clearance RequiredClearance(Secrecy secrecy, Clearance unmarked) {
  switch (secrecy) {
    case Secrecy::kNone:
      return unmarked;
    case Secrecy::kMat:
      return Clearance::kMat;
    case Secrecy::kToiMat:
      return Clearance::kToiMat;
    case Secrecy::kTuyetMat:
    case Secrecy::kUnknown:
      return Clearance::kTuyetMat;
  }
  return Clearance::kTuyetMat;
}

Clearance RequiredClearance(std::string_view confidentiality, Clearance unmarked) {
  return RequiredClearance(SecrecyOf(confidentiality), unmarked);
}

bool MayRead(const Access& access, Secrecy secrecy) {
  return RequiredClearance(secrecy, access.unmarked) <= access.clearance;
}

bool MayRead(const Access& access, std::string_view confidentiality) {
  return MayRead(access, SecrecyOf(confidentiality));
}

bool SeesConditionalFiles(const Access& access) { return access.clearance >= Clearance::kInternal; }

}  // namespace luutru::search
