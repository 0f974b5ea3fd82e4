// The marks printed on Vietnamese documents that decide who may read them and how fast they
// move (Decree 30/2020, Appendix I; the Law on State Secrets), spelled as DESIGN.md spells
// them, and the key of each secrecy mark in the archive (the index keeps each mark's records
// apart, index/layout.h). One header owns them.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace luutru {

// Ordered by how restricted a record is; kUnknown is a mark set by hand that is none of the
// three, and counts as the most restricted.
enum class Secrecy { kNone = 0, kMat = 1, kToiMat = 2, kTuyetMat = 3, kUnknown = 4 };

struct SecrecyMark {
  Secrecy secrecy;
  std::string_view printed;  // as on the document and in record.json: "TỐI MẬT"; "" for none
  std::string_view key;      // in folder names and URLs: "toi-mat"
};
inline constexpr SecrecyMark kSecrecyMarks[] = {
    {Secrecy::kNone, "", "open"},
    {Secrecy::kMat, "MẬT", "mat"},
    {Secrecy::kToiMat, "TỐI MẬT", "toi-mat"},
    {Secrecy::kTuyetMat, "TUYỆT MẬT", "tuyet-mat"},
    {Secrecy::kUnknown, "", "other"},
};

// True when a record marked `a` is more restricted than one marked `b`.
inline bool MoreRestricted(Secrecy a, Secrecy b) {
  return static_cast<int>(a) > static_cast<int>(b);
}

// The mark of a record's `confidentiality` value: "" is none, the three printed spellings are
// theirs, anything else is kUnknown.
Secrecy SecrecyOf(std::string_view confidentiality);
const SecrecyMark& MarkOf(Secrecy secrecy);

// The three secrecy marks as printed, least restricted first: "MẬT", "TỐI MẬT", "TUYỆT MẬT".
inline constexpr std::string_view kPrintedSecrecyMarks[] = {
    kSecrecyMarks[1].printed, kSecrecyMarks[2].printed, kSecrecyMarks[3].printed};

// The urgency marks, as printed, least urgent first: "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC".
inline constexpr std::string_view kUrgencyMarks[] = {"KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"};

// "MẬT, TỐI MẬT or TUYỆT MẬT": the marks as a message names them.
std::string MarksForMessage(std::span<const std::string_view> marks);

}  // namespace luutru
