// A file's digest as a package declares it: METS CHECKSUMTYPE names (MD5, SHA-1, SHA-256,
// SHA-384, SHA-512) and BagIt manifest names (md5, sha1, sha256, sha512), computed by OpenSSL.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace luutru::package {

class FixityDigest {
 public:
  // "SHA-256", "sha256", "MD5", ... (any case, with or without the dash). Unsupported for a
  // name it does not know (METS also allows Adler-32, CRC32, HAVAL, TIGER, WHIRLPOOL).
  static Result<FixityDigest> Named(std::string_view algorithm);

  FixityDigest(FixityDigest&&) noexcept;
  FixityDigest& operator=(FixityDigest&&) noexcept;
  ~FixityDigest();

  void Update(const void* bytes, size_t n);
  // Lower-case hex of everything given. Call once.
  std::string HexDigest();

 private:
  struct Impl;
  explicit FixityDigest(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Whether two hex digests are the same number (case does not matter: TT 05's samples write
// upper-case, E-ARK's and BagIt's lower-case).
bool SameDigest(std::string_view a, std::string_view b);

}  // namespace luutru::package
