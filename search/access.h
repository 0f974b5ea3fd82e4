// Who may see what. Every record needs a clearance from its confidentiality mark (MẬT, TỐI MẬT,
// TUYỆT MẬT); an unmarked record needs the archive's level for unmarked records (by default
// `internal`: staff, not the public). The search applies it inside the Xapian query, so counts,
// facets, snippets and suggestions never reveal a record above the caller's clearance.
#pragma once

#include <string>
#include <string_view>

#include "core/marks.h"
#include "core/status.h"

namespace luutru::search {

// Ordered: each level sees everything the levels below it see.
enum class Clearance { kPublic = 0, kInternal = 1, kMat = 2, kToiMat = 3, kTuyetMat = 4 };

// "public", "internal", "mat"/"mật", "toi-mat"/"tối mật", "tuyet-mat"/"tuyệt mật" (any case).
Result<Clearance> ParseClearance(std::string_view text);
// "public", "internal", "mat", "toi-mat", "tuyet-mat".
const char* ClearanceName(Clearance clearance);

struct Access {
  Clearance clearance = Clearance::kTuyetMat;  // the caller's. Default: sees everything (CLI).
  Clearance unmarked = Clearance::kInternal;   // what an unmarked record needs.
};

// The clearance a record with this mark needs; its confidentiality as in Metadata (a value
// other than the three printed marks, set by hand, needs the highest).
Clearance RequiredClearance(Secrecy secrecy, Clearance unmarked);
Clearance RequiredClearance(std::string_view confidentiality, Clearance unmarked);
bool MayRead(const Access& access, Secrecy secrecy);
bool MayRead(const Access& access, std::string_view confidentiality);

// Whether the caller sees the documents of a file whose access regime is "02" (Sử dụng có điều
// kiện, core/archival_codes.h): staff do (the internal clearance), the public never, even in
// an archive that shows its unmarked records to the public. Their marks still decide above.
bool SeesConditionalFiles(const Access& access);

}  // namespace luutru::search
