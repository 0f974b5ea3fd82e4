// Shared string helpers and the edit distance.
#include <gtest/gtest.h>

#include "core/edit_distance.h"
#include "core/record.h"
#include "core/strings.h"

namespace luutru {
namespace {

TEST(StringsTest, TrimSplitJoin) {
  EXPECT_EQ(Trim("  Số: 12 \t\r\n"), "Số: 12");
  EXPECT_EQ(Trim(" \t "), "");
  EXPECT_EQ(SplitSpaces("  Hà   Nội, ngày "), (std::vector<std::string>{"Hà", "Nội,", "ngày"}));
  EXPECT_TRUE(SplitSpaces("   ").empty());
  EXPECT_EQ(JoinWords({"Hà", "Nội"}), "Hà Nội");
  EXPECT_EQ(JoinWords({}), "");
}

TEST(EditDistanceTest, CountsEditsAndStopsPastTheLimit) {
  EXPECT_EQ(EditDistance("ngay", "ngay"), 0);
  EXPECT_EQ(EditDistance("ngay", "ngav"), 1);
  EXPECT_EQ(EditDistance("thang", "thag"), 1);
  EXPECT_EQ(EditDistance("quyet dinh", "quy dinh"), 2);
  EXPECT_EQ(EditDistance("", "abc"), 3);
  EXPECT_EQ(EditDistance("a", "abcdef", 2), 3) << "past the limit: limit + 1";
  EXPECT_EQ(EditDistance("abcd", "abxd", 2), 1);
}

TEST(BoxTest, UnionHoldsBoth) {
  EXPECT_EQ(Union(Box{10, 20, 30, 40}, Box{5, 25, 35, 38}), (Box{5, 20, 35, 40}));
}

}  // namespace
}  // namespace luutru
