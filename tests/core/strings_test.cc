// Shared string helpers and the edit distance.
#include "core/strings.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <sstream>

#include "core/edit_distance.h"
#include "core/logging.h"
#include "core/record.h"

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

namespace luutru {
namespace {

TEST(EscapeForDisplayTest, OneLineOfValidUtf8SayingEveryByte) {
  EXPECT_EQ(EscapeForDisplay("quyết định.pdf"), "quyết định.pdf");
  EXPECT_EQ(EscapeForDisplay("a.pdf\n2026-01-01 info archived"),
            "a.pdf\\n2026-01-01 info archived");
  EXPECT_EQ(EscapeForDisplay("x\r\x1b[2Jy\tz"), "x\\r\\x1b[2Jy\tz");
  EXPECT_EQ(EscapeForDisplay("cp1258-\xe0\xfe.pdf"), "cp1258-\\xe0\\xfe.pdf")
      << "not UTF-8: each byte said";
  EXPECT_EQ(EscapeForDisplay("\xc0\xaf"), "\\xc0\\xaf") << "an overlong slash";
  EXPECT_EQ(EscapeForDisplay("\xed\xa0\x80"), "\\xed\\xa0\\x80") << "a surrogate";
  EXPECT_EQ(EscapeForDisplay("\xf0\x9f\x93\x84"), "\xf0\x9f\x93\x84") << "four bytes, valid";
  EXPECT_EQ(EscapeForDisplay(std::string("a\0b", 3)), "a\\x00b");
}

TEST(EscapeForDisplayTest, LogLinesCannotBeForged) {
  auto stream = std::make_shared<std::ostringstream>();
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(*stream);
  sink->set_formatter(LogFormatter());
  spdlog::logger logger("test", sink);
  logger.warn("failed: {}", "in/a.pdf\n2026-11-30T01:00:00.000 info  archived everything");
  const std::string out = stream->str();
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << out;
  EXPECT_NE(out.find("a.pdf\\n2026-11-30"), std::string::npos) << out;
}

}  // namespace
}  // namespace luutru
