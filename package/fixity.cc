#include "package/fixity.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>

#include "core/c_handle.h"

namespace luutru::package {

struct FixityDigest::Impl {
  CHandle<EVP_MD_CTX, EVP_MD_CTX_free> ctx{EVP_MD_CTX_new()};
};

namespace {
const EVP_MD* Algorithm(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (c != '-' && c != '_') key += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (key == "MD5") return EVP_md5();
  if (key == "SHA1") return EVP_sha1();
  if (key == "SHA256") return EVP_sha256();
  if (key == "SHA384") return EVP_sha384();
  if (key == "SHA512") return EVP_sha512();
  return nullptr;
}
}  // namespace

Result<FixityDigest> FixityDigest::Named(std::string_view algorithm) {
  const EVP_MD* md = Algorithm(algorithm);
  if (md == nullptr) {
    return Status(StatusCode::kUnsupported,
                  "checksum type \"" + std::string(algorithm) +
                      "\" is not one luutru computes (MD5, SHA-1, SHA-256, SHA-384, SHA-512)");
  }
  auto impl = std::make_unique<Impl>();
  if (impl->ctx == nullptr || EVP_DigestInit_ex(impl->ctx.get(), md, nullptr) != 1) {
    return Status(StatusCode::kInternal, "OpenSSL could not start a digest");
  }
  return FixityDigest(std::move(impl));
}

FixityDigest::FixityDigest(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FixityDigest::FixityDigest(FixityDigest&&) noexcept = default;
FixityDigest& FixityDigest::operator=(FixityDigest&&) noexcept = default;
FixityDigest::~FixityDigest() = default;

void FixityDigest::Update(const void* bytes, size_t n) {
  EVP_DigestUpdate(impl_->ctx.get(), bytes, n);
}

std::string FixityDigest::HexDigest() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_DigestFinal_ex(impl_->ctx.get(), digest, &n);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < n; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

bool SameDigest(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace luutru::package
