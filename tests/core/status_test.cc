#include "core/status.h"

#include <gtest/gtest.h>

namespace luutru {
namespace {

TEST(StatusTest, OkAndErrors) {
  EXPECT_TRUE(Status::Ok().ok());
  Status s = Encrypted("needs a password");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kEncrypted);
  EXPECT_EQ(s.ToString(), "encrypted: needs a password");
  EXPECT_EQ(s.WithContext("a.pdf").ToString(), "encrypted: a.pdf: needs a password");
}

Status FailsWhen(bool fail) {
  LUUTRU_RETURN_IF_ERROR(fail ? Corrupt("bad") : Status::Ok());
  return NotFound("reached the end");
}

TEST(StatusTest, ReturnIfErrorReturnsEarly) {
  EXPECT_EQ(FailsWhen(true).code(), StatusCode::kCorrupt);
  EXPECT_EQ(FailsWhen(false).code(), StatusCode::kNotFound);
}

TEST(ResultTest, ValueOrStatus) {
  Result<int> good = 42;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 42);
  EXPECT_TRUE(good.status().ok());
  Result<int> bad = TooLarge("35000x35000");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kTooLarge);
}

}  // namespace
}  // namespace luutru
