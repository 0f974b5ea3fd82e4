// Errors as values. Every fallible call inside luutru returns a Status or a Result<T>;
// exceptions from third-party libraries are caught in the adapter that calls them.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace luutru {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,    // the caller asked for something malformed
  kNotFound,           // a file, record or resource is absent
  kIoError,            // the OS refused a read or a write
  kCorrupt,            // input or archive data is damaged
  kUnsupported,        // a format or feature we do not handle
  kEncrypted,          // a PDF that needs a password we do not have
  kTooLarge,           // a guard (pixels, size) refused the input
  kTimedOut,           // a deadline passed
  kOcrFailed,          // the OCR engine could not read a page
  kMissingDependency,  // a model, tool or library is not installed
  kBusy,               // another process holds the archive
  kNoSpace,            // the archive's filesystem is full: the run must stop, not the file fail
  kAddressInUse,       // the address a server was to listen on is taken by another process
  kInsecure,           // the archive's permissions let every account of the machine read it
  kInternal,           // a bug: an invariant did not hold
};

// Stable lower-case name of a code, used in reports and JSON ("encrypted", "corrupt", ...).
const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "corrupt: Couldn't find trailer dictionary"
  std::string ToString() const;

  // Same code, message prefixed with context: "vb001.pdf: corrupt: ...".
  Status WithContext(const std::string& context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) {
  return {StatusCode::kInvalidArgument, std::move(m)};
}
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status Corrupt(std::string m) { return {StatusCode::kCorrupt, std::move(m)}; }
inline Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
inline Status Encrypted(std::string m) { return {StatusCode::kEncrypted, std::move(m)}; }
inline Status TooLarge(std::string m) { return {StatusCode::kTooLarge, std::move(m)}; }
inline Status TimedOut(std::string m) { return {StatusCode::kTimedOut, std::move(m)}; }
inline Status OcrFailed(std::string m) { return {StatusCode::kOcrFailed, std::move(m)}; }
inline Status MissingDependency(std::string m) {
  return {StatusCode::kMissingDependency, std::move(m)};
}
inline Status Busy(std::string m) { return {StatusCode::kBusy, std::move(m)}; }
inline Status NoSpace(std::string m) { return {StatusCode::kNoSpace, std::move(m)}; }
inline Status AddressInUse(std::string m) { return {StatusCode::kAddressInUse, std::move(m)}; }
inline Status Insecure(std::string m) { return {StatusCode::kInsecure, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// A value or the Status saying why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(state_).ok() && "a Result needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }

  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace luutru

// Returns early from the calling function when `expr` yields a failed Status.
#define LUUTRU_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::luutru::Status luutru_status_ = (expr);        \
    if (!luutru_status_.ok()) return luutru_status_; \
  } while (0)
