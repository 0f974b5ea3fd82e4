#include "core/status.h"

namespace luutru {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kIoError:
      return "io_error";
    case StatusCode::kCorrupt:
      return "corrupt";
    case StatusCode::kUnsupported:
      return "unsupported";
    case StatusCode::kEncrypted:
      return "encrypted";
    case StatusCode::kTooLarge:
      return "too_large";
    case StatusCode::kTimedOut:
      return "timed_out";
    case StatusCode::kOcrFailed:
      return "ocr_failed";
    case StatusCode::kMissingDependency:
      return "missing_dependency";
    case StatusCode::kBusy:
      return "busy";
    case StatusCode::kNoSpace:
      return "no_space";
    case StatusCode::kAddressInUse:
      return "address_in_use";
    case StatusCode::kInsecure:
      return "insecure";
    case StatusCode::kInternal:
      return "internal";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(StatusCodeName(code_)) + ": " + message_;
}

Status Status::WithContext(const std::string& context) const {
  if (ok()) return *this;
  return Status(code_, context + ": " + message_);
}

}  // namespace luutru
