// SHA-256, the archive's one digest: the names of originals in objects/ (and so record ids),
// the hashes of API tokens, the audit log's chain. OpenSSL's, streamed or over a string.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace luutru {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(const void* bytes, size_t n);
  // The digest of everything given, as lower-case hex (64 characters). Call once.
  std::string HexDigest();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The digest of `bytes`, as lower-case hex.
std::string Sha256Hex(std::string_view bytes);

}  // namespace luutru
