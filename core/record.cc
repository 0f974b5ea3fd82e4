#include "core/record.h"

#include "core/archival_codes.h"
#include "core/sha256.h"
#include "core/vietnamese.h"

namespace luutru {

const char* TextMethodName(TextMethod method) {
  switch (method) {
    case TextMethod::kOcr:
      return "ocr";
    case TextMethod::kTextLayer:
      return "text-layer";
    case TextMethod::kNone:
      return "none";
  }
  return "none";
}

TextMethod TextMethodFromName(const std::string& name) {
  if (name == "ocr") return TextMethod::kOcr;
  if (name == "text-layer") return TextMethod::kTextLayer;
  return TextMethod::kNone;
}

const char* SignatureVerdictName(Signature::Verdict verdict) {
  switch (verdict) {
    case Signature::Verdict::kValid:
      return "valid";
    case Signature::Verdict::kInvalid:
      return "invalid";
    case Signature::Verdict::kUnreadable:
      return "unreadable";
  }
  return "unreadable";
}

Signature::Verdict SignatureVerdictFromName(const std::string& name) {
  if (name == "valid") return Signature::Verdict::kValid;
  if (name == "invalid") return Signature::Verdict::kInvalid;
  return Signature::Verdict::kUnreadable;
}

bool IsPartialValue(Field field, std::string_view value) {
  if (value.empty()) return false;
  switch (FieldOf(field).kind) {
    case FieldKind::kDate:
      return value.size() < std::string_view("2025-01-01").size();
    case FieldKind::kNumber:
      return value.substr(0, kUnreadDigits.size()) == kUnreadDigits;
    default:
      return false;
  }
}

const char* StampKindName(Stamp::Kind kind) {
  switch (kind) {
    case Stamp::Kind::kIncoming:
      return "incoming";
  }
  return "incoming";
}

Stamp::Kind StampKindFromName(const std::string&) { return Stamp::Kind::kIncoming; }

std::string* MetadataText(Metadata& m, std::string_view name) {
  for (const FieldName& field : kMetadataFields) {
    if (field.json == name) return field.text ? &(m.*field.text) : nullptr;
  }
  return nullptr;
}

// The table is in the enum's order: a field's row is found by its value.
static_assert([] {
  for (size_t i = 0; i < std::size(kMetadataFields); ++i) {
    if (static_cast<size_t>(kMetadataFields[i].field) != i) return false;
  }
  return true;
}());

std::optional<Field> FieldNamed(std::string_view json) {
  for (const FieldName& field : kMetadataFields) {
    if (field.json == json) return field.field;
  }
  return std::nullopt;
}

Metadata SummaryOf(const Metadata& metadata) {
  Metadata summary;
  for (Field field : kSummaryFields) {
    std::string Metadata::*text = FieldOf(field).text;
    summary.*text = metadata.*text;
  }
  return summary;
}

const std::string* MetadataText(const Metadata& m, std::string_view name) {
  return MetadataText(const_cast<Metadata&>(m), name);
}

bool IsMetadataField(std::string_view name) {
  for (const FieldName& field : kMetadataFields) {
    if (field.json == name) return true;
  }
  return false;
}

std::string_view CanonicalFieldName(std::string_view typed) {
  const std::string key = vi::Lower(vi::Fold(typed));
  for (const FieldName& field : kMetadataFields) {
    if (key == field.json || key == field.vietnamese) return field.json;
  }
  return {};
}

std::string RecordIdFor(const std::string& sha256_hex) { return sha256_hex.substr(0, 16); }

std::string PartRecordIdFor(const std::string& sha256_hex, int first_page, int k) {
  if (first_page <= 1 && k == 0) return RecordIdFor(sha256_hex);
  std::string key = sha256_hex + "/" + std::to_string(first_page);
  if (k > 0) key += "/" + std::to_string(k);
  return RecordIdFor(Sha256Hex(key));
}

Secrecy AccessSecrecy(const Record& record) {
  const Secrecy own = SecrecyOf(record.metadata.confidentiality);
  const bool secret_file = record.hoso && record.hoso->access == kAccessSecret;
  return secret_file && MoreRestricted(Secrecy::kMat, own) ? Secrecy::kMat : own;
}

std::string AccessMark(const Record& record) {
  const Secrecy secrecy = AccessSecrecy(record);
  if (secrecy == SecrecyOf(record.metadata.confidentiality)) return record.metadata.confidentiality;
  return std::string(MarkOf(secrecy).printed);
}

}  // namespace luutru
