#include "core/record.h"

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

bool IsPartialValue(std::string_view field, std::string_view value) {
  if (value.empty()) return false;
  if (field == "date") return value.size() < std::string_view("2025-01-01").size();
  if (field == "number") return value.substr(0, kUnreadDigits.size()) == kUnreadDigits;
  return false;
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
  if (name == "doc_type") return &m.doc_type;
  if (name == "number") return &m.number;
  if (name == "date") return &m.date;
  if (name == "place") return &m.place;
  if (name == "agency") return &m.agency;
  if (name == "parent_agency") return &m.parent_agency;
  if (name == "subject") return &m.subject;
  if (name == "signer") return &m.signer;
  if (name == "signer_title") return &m.signer_title;
  if (name == "confidentiality") return &m.confidentiality;
  if (name == "urgency") return &m.urgency;
  return nullptr;
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

}  // namespace luutru
