#include "server/http.h"

#include <gtest/gtest.h>

namespace luutru::server {
namespace {

TEST(OneByteRange, TakesOneRangeAndRefusesWhatItCannotServe) {
  struct Case {
    const char* header;
    unsigned long long size;
    bool any;
    unsigned long long first, length;
    bool unsatisfiable;
  };
  const Case cases[] = {
      {"bytes=0-99", 1000, true, 0, 100, false},
      {"bytes=900-", 1000, true, 900, 100, false},
      {"bytes=-100", 1000, true, 900, 100, false},  // the last 100 bytes
      {"bytes=-5000", 1000, true, 0, 1000, false},  // more than the file: all of it
      {"bytes=990-2000", 1000, true, 990, 10, false},
      {"bytes=1000-", 1000, false, 0, 0, true},     // past the end: 416
      {"bytes=0-1,5-9", 1000, false, 0, 0, false},  // several ranges: the whole file
      {"bytes=9-1", 1000, false, 0, 0, false},
      {"bytes=a-b", 1000, false, 0, 0, false},
      {"items=0-1", 1000, false, 0, 0, false},
      {"", 1000, false, 0, 0, false},
  };
  for (const Case& c : cases) {
    bool unsatisfiable = false;
    const std::optional<ByteRange> range = OneByteRange(c.header, c.size, unsatisfiable);
    EXPECT_EQ(range.has_value(), c.any) << c.header;
    EXPECT_EQ(unsatisfiable, c.unsatisfiable) << c.header;
    if (range && c.any) {
      EXPECT_EQ(range->first, c.first) << c.header;
      EXPECT_EQ(range->length, c.length) << c.header;
    }
  }
}

}  // namespace
}  // namespace luutru::server
