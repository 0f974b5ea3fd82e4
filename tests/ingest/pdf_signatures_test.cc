#include "ingest/pdf_signatures.h"

#include <gtest/gtest.h>

#include "core/fs_util.h"
#include "ingest/page_source.h"
#include "pdf_fixtures.h"
#include "test_util.h"

namespace luutru::ingest {
namespace {

constexpr const char* kText =
    "CONG VAN SO 12 VE VIEC KIEM TRA\nNoi dung cong van gom nhieu dong chu de doc.";
constexpr const char* kStamp = "Signed by: Van phong Thu nghiem";

class SignaturesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.path() / "signed.pdf";
    ASSERT_TRUE(testing::WriteSignedPdf(path_, kText, kStamp).ok());
    bytes_ = *ReadFile(path_);
  }
  std::vector<Signature> ReadAs(const std::string& bytes) {
    const auto copy = dir_.path() / "copy.pdf";
    EXPECT_TRUE(WriteFileAtomically(copy, bytes).ok());
    return ReadSignatures(copy, "");
  }
  testing::TempDir dir_;
  std::filesystem::path path_;
  std::string bytes_;
};

TEST_F(SignaturesTest, ReadsWhoSignedWhenAndThatItHolds) {
  std::vector<Signature> sigs = ReadSignatures(path_, "");
  ASSERT_EQ(sigs.size(), 1u);
  EXPECT_EQ(sigs[0].field, "Signature1");
  EXPECT_EQ(sigs[0].signer, "Văn phòng Thử nghiệm");
  EXPECT_EQ(sigs[0].organization, "Tỉnh Thử nghiệm");
  EXPECT_EQ(sigs[0].verdict, Signature::Verdict::kValid);
  EXPECT_TRUE(sigs[0].whole_file);
  EXPECT_EQ(sigs[0].page, 1);
  // The signed signingTime (now), not the unsigned /M of 2025.
  ASSERT_EQ(sigs[0].signed_at.size(), 20u) << sigs[0].signed_at;
  EXPECT_NE(sigs[0].signed_at, "2025-02-07T00:56:24Z");
  EXPECT_EQ(sigs[0].signed_at.back(), 'Z');
}

TEST_F(SignaturesTest, AChangedByteBreaksIt) {
  std::string changed = bytes_;
  size_t at = changed.find("D:20250207");  // the signature dictionary's /M, inside the signed bytes
  ASSERT_NE(at, std::string::npos);
  changed[at + 2] = '3';
  std::vector<Signature> sigs = ReadAs(changed);
  ASSERT_EQ(sigs.size(), 1u);
  EXPECT_EQ(sigs[0].verdict, Signature::Verdict::kInvalid);
}

TEST_F(SignaturesTest, BytesAddedAfterItLeaveItValidButNotWhole) {
  std::vector<Signature> sigs = ReadAs(bytes_ + "\n% a later incremental change\n");
  ASSERT_EQ(sigs.size(), 1u);
  EXPECT_EQ(sigs[0].verdict, Signature::Verdict::kValid);
  EXPECT_FALSE(sigs[0].whole_file);
}

TEST_F(SignaturesTest, ADamagedSignatureIsKeptAsUnreadable) {
  std::string damaged = bytes_;
  size_t at = damaged.find("/Contents <");
  ASSERT_NE(at, std::string::npos);
  damaged.replace(at + 11, 8, "00000000");
  std::vector<Signature> sigs = ReadAs(damaged);
  ASSERT_EQ(sigs.size(), 1u);
  EXPECT_EQ(sigs[0].verdict, Signature::Verdict::kUnreadable);
  EXPECT_EQ(sigs[0].field, "Signature1");
}

TEST_F(SignaturesTest, AnUnsignedPdfHasNone) {
  const auto plain = dir_.path() / "plain.pdf";
  ASSERT_TRUE(testing::WriteTextPdf(plain, kText).ok());
  EXPECT_TRUE(ReadSignatures(plain, "").empty());
  EXPECT_FALSE(WithoutSignatureStamps(plain, "", 1 << 30).has_value());
  EXPECT_TRUE(ReadSignatures(dir_.path() / "missing.pdf", "").empty());
}

TEST_F(SignaturesTest, TheStampIsNotThePagesText) {
  Result<std::unique_ptr<PageSource>> source = OpenPdf(path_, {});
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  EXPECT_EQ((*source)->signatures().size(), 1u);
  Result<LoadedPage> page = (*source)->LoadPage(0);
  ASSERT_TRUE(page.ok());
  EXPECT_NE(page->text.find("KIEM TRA"), std::string::npos) << page->text;
  EXPECT_EQ(page->text.find("Signed by"), std::string::npos) << page->text;
  for (const Word& w : page->words) EXPECT_NE(w.text, "Signed");
}

}  // namespace
}  // namespace luutru::ingest
