// The archive's one digest, against the published test vectors (FIPS 180-2).
#include "core/sha256.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace luutru {
namespace {

TEST(Sha256, TheStandardsVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, StreamedInPiecesAsAtOnce) {
  const std::string text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  Sha256 hash;
  for (size_t at = 0; at < text.size(); at += 7)
    hash.Update(text.data() + at, std::min<size_t>(7, text.size() - at));
  EXPECT_EQ(hash.HexDigest(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

}  // namespace
}  // namespace luutru
