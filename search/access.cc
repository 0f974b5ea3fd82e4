#include "search/access.h"

#include "core/vietnamese.h"

namespace luutru::search {

Result<Clearance> ParseClearance(std::string_view text) {
  std::string key = vi::Fold(vi::Nfc(text));
  for (char& c : key) c = c == ' ' || c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
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
    case Clearance::kPublic: return "public";
    case Clearance::kInternal: return "internal";
    case Clearance::kMat: return "mat";
    case Clearance::kToiMat: return "toi-mat";
    case Clearance::kTuyetMat: return "tuyet-mat";
  }
  return "tuyet-mat";
}

Clearance RequiredClearance(std::string_view confidentiality, Clearance unmarked) {
  if (confidentiality.empty()) return unmarked;
  Result<Clearance> level = ParseClearance(confidentiality);
  // A mark that is not one of the three (a hand-set value) is treated as the highest.
  return level.ok() && *level >= Clearance::kMat ? *level : Clearance::kTuyetMat;
}

bool MayRead(const Access& access, std::string_view confidentiality) {
  return RequiredClearance(confidentiality, access.unmarked) <= access.clearance;
}

}  // namespace luutru::search
