#include "ingest/object_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/fs_util.h"
#include "test_util.h"

namespace luutru::ingest {
namespace {

TEST(Sha256Test, KnownDigest) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteFileAtomically(dir / "abc", "abc").ok());
  auto sha = Sha256OfFile(dir / "abc");
  ASSERT_TRUE(sha.ok());
  EXPECT_EQ(*sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ObjectStoreTest, StoresByteForByteReadOnlyOnce) {
  testing::TempDir dir;
  ArchiveLayout layout(dir / "archive");
  ObjectStore store(layout);
  ASSERT_TRUE(WriteFileAtomically(dir / "a.txt", "same bytes").ok());
  ASSERT_TRUE(WriteFileAtomically(dir / "b.txt", "same bytes").ok());

  auto first = store.Put(dir / "a.txt");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_FALSE(first->already_present);
  EXPECT_EQ(first->path, layout.ObjectPath(first->sha256));
  EXPECT_EQ(*ReadFile(first->path), "same bytes");
  struct stat st;
  ASSERT_EQ(::stat(first->path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0222, 0u) << "originals are read-only";

  auto second = store.Put(dir / "b.txt");
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->already_present);
  EXPECT_EQ(second->sha256, first->sha256);
  EXPECT_TRUE(std::filesystem::is_empty(layout.tmp())) << "no temporary left behind";
}

TEST(ObjectStoreTest, MissingSourceIsAnError) {
  testing::TempDir dir;
  ObjectStore store{ArchiveLayout(dir / "archive")};
  EXPECT_EQ(store.Put(dir / "absent").status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace luutru::ingest
