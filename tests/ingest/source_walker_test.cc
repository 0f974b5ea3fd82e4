#include "ingest/source_walker.h"

#include <gtest/gtest.h>

#include "core/fs_util.h"
#include "test_util.h"

namespace luutru::ingest {
namespace {

std::vector<std::string> Names(const WalkResult& r) {
  std::vector<std::string> out;
  for (const SourceFile& f : r.files) out.push_back(f.path.filename().string());
  return out;
}

TEST(SourceWalkerTest, WalksFoldersSkipsHiddenAndTheArchive) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteFileAtomically(dir / "in/b.pdf", "x").ok());
  ASSERT_TRUE(WriteFileAtomically(dir / "in/sub/a.png", "xy").ok());
  ASSERT_TRUE(WriteFileAtomically(dir / "in/.hidden.pdf", "x").ok());
  ASSERT_TRUE(WriteFileAtomically(dir / "in/.git/c.pdf", "x").ok());
  ASSERT_TRUE(WriteFileAtomically(dir / "in/archive/objects/d.pdf", "x").ok());

  WalkResult r = WalkSources({(dir / "in").string(), (dir / "in/b.pdf").string()}, {dir / "in/archive"});
  EXPECT_EQ(Names(r), (std::vector<std::string>{"b.pdf", "a.png"}));  // sorted by path, each once
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(r.files[1].size, 2);
  EXPECT_GT(r.files[1].mtime_ns, 0);
  EXPECT_TRUE(r.files[0].key.is_absolute());
}

TEST(SourceWalkerTest, MissingPathIsAProblemNotAnAbort) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteFileAtomically(dir / "a.pdf", "x").ok());
  WalkResult r = WalkSources({(dir / "absent").string(), (dir / "a.pdf").string()}, {});
  EXPECT_EQ(r.files.size(), 1u);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_NE(r.problems[0].find("absent"), std::string::npos);
}

}  // namespace
}  // namespace luutru::ingest
