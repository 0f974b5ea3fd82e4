// The code lists of Circular 05/2025/TT-BNV for archival files and their documents
// (../shared/standards/README.md §6): retention, access regime, language, physical state,
// reliability, backup status, and the 32 document types. A code is stored; its name is shown.
// National vocabularies, like the marks (core/marks.h): the archival files (hoso/), the index's
// terms and the registers all read them from here.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace luutru {

struct Code {
  std::string_view code;  // "01"
  std::string_view name;  // "Vĩnh viễn"
};

// Thời hạn bảo quản (`maintenance`): "07" Khác is any other period, kept as typed.
inline constexpr Code kRetentionCodes[] = {{"01", "Vĩnh viễn"}, {"02", "70 năm"}, {"03", "50 năm"},
                                           {"04", "30 năm"},    {"05", "20 năm"}, {"06", "10 năm"},
                                           {"07", "Khác"}};
// Chế độ sử dụng (`mode`). A file's regime bounds who sees its documents: "03" as the MẬT mark
// does (core/record.h, AccessSecrecy), "02" as staff only, never the public (search/access.h).
inline constexpr Code kAccessCodes[] = {
    {"01", "Công khai"}, {"02", "Sử dụng có điều kiện"}, {"03", "Mật"}};
inline constexpr std::string_view kAccessConditional = "02";
inline constexpr std::string_view kAccessSecret = "03";
// Ngôn ngữ (`language`).
inline constexpr Code kLanguageCodes[] = {
    {"01", "Tiếng Việt"},  {"02", "Tiếng Anh"},    {"03", "Tiếng Pháp"}, {"04", "Tiếng Nga"},
    {"05", "Tiếng Trung"}, {"06", "Việt - Anh"},   {"07", "Việt - Nga"}, {"08", "Việt - Pháp"},
    {"09", "Hán Nôm"},     {"10", "Việt - Trung"}, {"11", "Khác"}};
// Tình trạng vật lý (`format`).
inline constexpr Code kPhysicalStateCodes[] = {
    {"01", "Tốt"}, {"02", "Bình thường"}, {"03", "Hỏng"}};
// Mức độ tin cậy (`confidenceLevel`).
inline constexpr Code kReliabilityCodes[] = {
    {"01", "Gốc điện tử"}, {"02", "Số hóa"}, {"03", "Hỗn hợp"}};
// Chế độ dự phòng (`riskRecovery`) and tình trạng dự phòng (`riskRecoveryStatus`).
inline constexpr Code kBackupCodes[] = {{"1", "Có"}, {"0", "Không"}};
inline constexpr Code kBackupStatusCodes[] = {{"01", "Đã dự phòng"}, {"02", "Chưa dự phòng"}};
// Tên loại tài liệu (`typeName`): the administrative types of Decree 30/2020 Điều 7, then
// maps, technical drawings and "Khác".
inline constexpr Code kDocumentTypeCodes[] = {
    {"01", "Nghị quyết"},      {"02", "Quyết định"}, {"03", "Chỉ thị"},
    {"04", "Quy chế"},         {"05", "Quy định"},   {"06", "Thông cáo"},
    {"07", "Thông báo"},       {"08", "Hướng dẫn"},  {"09", "Chương trình"},
    {"10", "Kế hoạch"},        {"11", "Phương án"},  {"12", "Đề án"},
    {"13", "Dự án"},           {"14", "Báo cáo"},    {"15", "Tờ trình"},
    {"16", "Giấy ủy quyền"},   {"17", "Phiếu gửi"},  {"18", "Phiếu chuyển"},
    {"19", "Phiếu báo"},       {"20", "Biên bản"},   {"21", "Hợp đồng"},
    {"22", "Công văn"},        {"23", "Công điện"},  {"24", "Bản ghi nhớ"},
    {"25", "Bản thỏa thuận"},  {"26", "Giấy mời"},   {"27", "Giấy giới thiệu"},
    {"28", "Giấy nghỉ phép"},  {"29", "Thư công"},   {"30", "Bản đồ"},
    {"31", "Bản vẽ kỹ thuật"}, {"32", "Khác"}};

// The code `typed` names: the code itself ("01", "1") or its name in any case, with or without
// marks ("vinh vien"); nothing otherwise.
std::optional<std::string_view> CodeNamed(std::span<const Code> list, std::string_view typed);
// The name of `code`, or "" when the list has no such code.
std::string_view NameOf(std::span<const Code> list, std::string_view code);

// A retention period as a finding aid writes it: a code of kRetention ("Vĩnh viễn", "20 năm",
// "05"), else "07" Khác for any other period ("5 năm", "Đến khi văn bản hết hiệu lực").
std::string RetentionCode(std::string_view typed);

// The `typeName` code of a document type as luutru reads it ("QUYẾT ĐỊNH" -> "02"); "32" Khác
// for a type not in the list, "" for none.
std::string DocumentTypeCode(std::string_view doc_type);

}  // namespace luutru
