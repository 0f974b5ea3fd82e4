#include "hoso/archival_file.h"

#include "core/dates.h"

namespace luutru::hoso {

const std::vector<Element>& Elements() {
  static const std::vector<Element> elements = {
      {kCode,
       "Số và ký hiệu hồ sơ",
       {"Số và ký hiệu hồ sơ", "Số, ký hiệu hồ sơ", "Số ký hiệu hồ sơ", "Mã hồ sơ"},
       true,
       {}},
      {kTitle,
       "Tiêu đề hồ sơ",
       {"Tiêu đề hồ sơ", "Tên đề mục và tiêu đề hồ sơ", "Tiêu đề"},
       true,
       {}},
      {kRetention, "Thời hạn bảo quản", {"Thời hạn bảo quản", "Thời hạn"}, true, kRetentionCodes},
      {kAccess, "Chế độ sử dụng", {"Chế độ sử dụng", "Mức độ tiếp cận"}, true, kAccessCodes},
      {kLanguage, "Ngôn ngữ", {"Ngôn ngữ"}, true, kLanguageCodes},
      {kStartDate, "Thời gian bắt đầu", {"Thời gian bắt đầu", "Ngày bắt đầu"}, true, {}},
      {kEndDate, "Thời gian kết thúc", {"Thời gian kết thúc", "Ngày kết thúc"}, true, {}},
      {"keyword", "Từ khóa", {"Từ khóa"}, false, {}},
      {kTotalDocuments, "Tổng số tài liệu", {"Tổng số tài liệu", "Số văn bản"}, true, {}},
      {"numberOfPaper", "Số lượng tờ", {"Số lượng tờ", "Số tờ"}, true, {}},
      {kPages, "Số lượng trang", {"Số lượng trang", "Số trang"}, true, {}},
      {"format", "Tình trạng vật lý", {"Tình trạng vật lý"}, false, kPhysicalStateCodes},
      {"inforSign", "Ký hiệu thông tin", {"Ký hiệu thông tin"}, false, {}},
      {kReliability, "Mức độ tin cậy", {"Mức độ tin cậy"}, false, kReliabilityCodes},
      {"paperFileCode", "Mã hồ sơ gốc giấy", {"Mã hồ sơ gốc giấy"}, false, {}},
      {"description", "Ghi chú", {"Ghi chú", "Chú giải"}, false, {}},
      {"riskRecovery", "Chế độ dự phòng", {"Chế độ dự phòng"}, false, kBackupCodes},
      {"riskRecoveryStatus",
       "Tình trạng dự phòng",
       {"Tình trạng dự phòng"},
       false,
       kBackupStatusCodes},
      // luutru's own: the fonds and year that make the file's code unique beyond this archive
      // (TT 05's arcFileCode), who made the file (Decree 30 Appendix V), where the paper is.
      {kFonds, "Phông", {"Mã phông", "Phông", "Tên phông"}, false, {}},
      {"year", "Năm hình thành", {"Năm hình thành", "Năm", "Mục lục số"}, false, {}},
      {"creator", "Người lập hồ sơ", {"Người lập hồ sơ", "Người lập"}, false, {}},
      {"store", "Kho", {"Kho"}, false, {}},
      {"shelf", "Giá", {"Giá"}, false, {}},
      {kBox, "Hộp", {"Hộp", "Số hộp"}, false, {}},
      {kFolder, "Thư mục bản quét", {"Thư mục", "Đường dẫn", "Thư mục bản quét"}, false, {}},
  };
  return elements;
}

const Element* ElementNamed(std::string_view name) {
  for (const Element& e : Elements()) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

std::string ArchivalFile::Value(std::string_view element) const {
  if (element == kCode) return code;
  auto it = values.find(std::string(element));
  return it == values.end() ? std::string() : it->second;
}

const std::vector<Element>& DocumentElements() {
  static const std::vector<Element> elements = {
      {"autograph", "Bút tích", {"Bút tích"}, false, {}},
      {"keyword", "Từ khóa", {"Từ khóa"}, false, {}},
      {"description", "Ghi chú", {"Ghi chú"}, false, {}},
      {"inforSign", "Ký hiệu thông tin", {"Ký hiệu thông tin"}, false, {}},
      {"format", "Tình trạng vật lý", {"Tình trạng vật lý"}, false, kPhysicalStateCodes},
      {kLanguage, "Ngôn ngữ", {"Ngôn ngữ"}, false, kLanguageCodes},
      {kReliability, "Mức độ tin cậy", {"Mức độ tin cậy"}, false, kReliabilityCodes},
  };
  return elements;
}

std::string ShownValue(const Element& element, const std::string& value) {
  if (element.codes.empty() || value.empty()) return value;
  return value + " " + std::string(NameOf(element.codes, value));
}

std::string ArchivalFile::Shown(const Element& element) const {
  const std::string value = Value(element.name);
  if (element.name == kStartDate || element.name == kEndDate) return WrittenDate(value);
  std::string shown = ShownValue(element, value);
  if (element.name == kRetention && value == "07") shown += " (" + Value(kRetentionText) + ")";
  return shown;
}

}  // namespace luutru::hoso
