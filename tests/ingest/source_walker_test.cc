#include "ingest/source_walker.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>

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

  WalkResult r = WalkSources({(dir / "in").string(), (dir / "in/b.pdf").string()},
                             {.exclude = {dir / "in/archive"}});
  EXPECT_EQ(Names(r), (std::vector<std::string>{"b.pdf", "a.png"}));  // sorted by path, each once
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(r.files[1].size, 2);
  EXPECT_GT(r.files[1].mtime_ns, 0);
  EXPECT_TRUE(r.files[0].key.is_absolute());
}

TEST(SourceWalkerTest, MissingPathIsAProblemNotAnAbort) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteFileAtomically(dir / "a.pdf", "x").ok());
  WalkResult r = WalkSources({(dir / "absent").string(), (dir / "a.pdf").string()}, WalkOptions{});
  EXPECT_EQ(r.files.size(), 1u);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_NE(r.problems[0].find("absent"), std::string::npos);
}

TEST(SourceWalkerTest, LinksAreReportedNotFollowedUnlessAskedAndNeverOutOfTheFolder) {
  testing::TempDir dir;
  namespace fs = std::filesystem;
  ASSERT_TRUE(WriteFileAtomically(dir / "secret/shadow", "root:x:0:").ok());
  ASSERT_TRUE(WriteFileAtomically(dir / "in/scan.pdf", "x").ok());
  ASSERT_TRUE(WriteFileAtomically(dir / "in/sub/page.png", "x").ok());
  fs::create_symlink(dir / "secret/shadow", dir / "in/shadow.pdf");  // out of the folder
  fs::create_symlink(dir / "in/scan.pdf", dir / "in/again.pdf");     // inside
  fs::create_symlink(dir / "in/sub", dir / "in/linked-folder");      // inside, a folder
  fs::create_symlink(dir / "in", dir / "in/sub/loop");               // back up: a loop
  fs::create_symlink(dir / "in/gone.pdf", dir / "in/dangling.pdf");  // to nothing
  const std::string in = (dir / "in").string();

  WalkResult plain = WalkSources({in}, WalkOptions{});
  EXPECT_EQ(Names(plain), (std::vector<std::string>{"scan.pdf", "page.png"}));
  EXPECT_EQ(plain.problems.size(), 5u) << "every link is reported";
  for (const std::string& p : plain.problems)
    EXPECT_NE(p.find("not followed"), std::string::npos) << p;

  WalkResult followed = WalkSources({in}, {.follow_links = true});
  std::vector<std::string> names = Names(followed);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"again.pdf", "page.png"}))
      << "each file once, under the first name it was met by (a link's, here)";
  std::string problems;
  for (const std::string& p : followed.problems) problems += p + "\n";
  EXPECT_NE(problems.find("shadow.pdf: a link leading out of the folder given"), std::string::npos)
      << problems;
  EXPECT_NE(problems.find("dangling.pdf: a link to nothing"), std::string::npos) << problems;
  EXPECT_NE(problems.find("loop: a link back into a folder already walked"), std::string::npos)
      << problems;
  for (const SourceFile& f : followed.files) EXPECT_EQ(f.path.filename() == "shadow", false);

  // The folder given may itself be a link (a mounted share): the operator named it.
  fs::create_symlink(dir / "in", dir / "drop");
  EXPECT_EQ(Names(WalkSources({(dir / "drop").string()}, WalkOptions{})).size(), 2u);
}

TEST(SourceWalkerTest, AFolderThatCannotBeListedIsReported) {
  if (::geteuid() == 0)
    GTEST_SKIP() << "root lists every folder; the e2e exit code test covers this as nobody";
  testing::TempDir dir;
  ASSERT_TRUE(WriteFileAtomically(dir / "in/locked/a.pdf", "x").ok());
  std::filesystem::permissions(dir / "in/locked", std::filesystem::perms::none);
  WalkResult r = WalkSources({(dir / "in").string()}, WalkOptions{});
  std::filesystem::permissions(dir / "in/locked", std::filesystem::perms::owner_all);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_NE(r.problems[0].find("cannot list it"), std::string::npos);
}

TEST(SourceWalkerTest, PartsTakeEachFileOnceByItsPathInsideTheFolderGiven) {
  testing::TempDir dir;
  std::vector<std::string> all;
  for (int i = 0; i < 40; ++i) {
    std::string name = "y";
    name += std::to_string(2000 + i % 4) + "/scan-" + std::to_string(i) + ".pdf";
    ASSERT_TRUE(WriteFileAtomically(dir / "in" / name, "x").ok());
    all.push_back(name);
  }
  // The same files mounted elsewhere on another machine are split the same way.
  std::filesystem::create_directory_symlink(dir / "in", dir / "mounted-elsewhere");
  std::vector<std::string> taken;
  for (int k = 0; k < 3; ++k) {
    WalkResult part = WalkSources({(dir / "in").string()}, {.part = {k, 3}});
    WalkResult there = WalkSources({(dir / "mounted-elsewhere").string()}, {.part = {k, 3}});
    ASSERT_EQ(part.files.size(), there.files.size());
    EXPECT_GT(part.files.size(), 5u) << "part " << k << " of 40 files";
    for (size_t i = 0; i < part.files.size(); ++i) {
      EXPECT_EQ(part.files[i].relative, there.files[i].relative);
      EXPECT_EQ(PartOf(part.files[i].relative, 3), k);
      taken.push_back(part.files[i].relative);
    }
  }
  std::sort(taken.begin(), taken.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(taken, all) << "every file in exactly one part";

  WalkResult file = WalkSources({(dir / "in/y2001/scan-1.pdf").string()}, {});
  ASSERT_EQ(file.files.size(), 1u);
  EXPECT_EQ(file.files[0].relative, "scan-1.pdf") << "a file given: its name";
}

TEST(SourceWalkerTest, APartIsKOfN) {
  auto part = ParseSourcePart("2/3");
  ASSERT_TRUE(part.ok());
  EXPECT_EQ(part->index, 2);
  EXPECT_EQ(part->count, 3);
  for (const char* wrong : {"3/3", "-1/3", "1", "1/0", "a/3", "1/3x", "/3", ""}) {
    auto bad = ParseSourcePart(wrong);
    ASSERT_FALSE(bad.ok()) << wrong;
    EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(bad.status().message().find("K/N"), std::string::npos);
  }
}

}  // namespace
}  // namespace luutru::ingest
