#include "core/record.h"

namespace luutru {

const char* TextMethodName(TextMethod method) {
  switch (method) {
    case TextMethod::kOcr: return "ocr";
    case TextMethod::kTextLayer: return "text-layer";
    case TextMethod::kNone: return "none";
  }
  return "none";
}

TextMethod TextMethodFromName(const std::string& name) {
  if (name == "ocr") return TextMethod::kOcr;
  if (name == "text-layer") return TextMethod::kTextLayer;
  return TextMethod::kNone;
}

std::string RecordIdFor(const std::string& sha256_hex) { return sha256_hex.substr(0, 16); }

}  // namespace luutru
