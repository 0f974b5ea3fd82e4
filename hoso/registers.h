// The printable registers of Decree 30/2020 Appendix V, as CSV for LibreOffice: UTF-8 with a
// byte-order mark (so that it opens with its marks right), CRLF, a cell quoted when it holds
// a comma, a quote or a line break; Vietnamese headers in the forms' order.
//
// - Mục lục hồ sơ, tài liệu nộp lưu (the files): STT · Số, ký hiệu hồ sơ · Tiêu đề hồ sơ ·
//   Thời gian tài liệu · Thời hạn bảo quản · Số tờ/Số trang · Ghi chú.
// - Mục lục văn bản, tài liệu trong hồ sơ (the documents, file by file): the file's code, then
//   STT · Số, ký hiệu văn bản · Ngày tháng năm văn bản · Tên loại và trích yếu nội dung ·
//   Tác giả văn bản · Tờ số/Trang số · Ghi chú.
#pragma once

#include <string>
#include <vector>

#include "core/archive_layout.h"
#include "core/status.h"
#include "hoso/store.h"

namespace luutru::hoso {

Result<std::string> FilesRegisterCsv(const ArchiveLayout& layout, Store& store);
Result<std::string> DocumentsRegisterCsv(const ArchiveLayout& layout, Store& store);

// One CSV line (CRLF-terminated) of `cells`.
std::string CsvLine(const std::vector<std::string>& cells);

}  // namespace luutru::hoso
