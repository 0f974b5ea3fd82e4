// The pieces of the package check that need no archive: paths inside a package, digests as
// METS and BagIt name them, the built-in schemas, and a transfer bag written and verified.
#include "package/check.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "package/bagit.h"
#include "package/files.h"
#include "package/fixity.h"
#include "package/schemas.h"

namespace luutru::package {
namespace {
namespace fs = std::filesystem;

TEST(NormalizeRelativeTest, ResolvesDotsAndRefusesEscapes) {
  EXPECT_EQ(NormalizeRelative("a/./b/../c.xml"), "a/c.xml");
  EXPECT_EQ(NormalizeRelative("representations/rep1/../../METS.xml"), "METS.xml");
  EXPECT_EQ(NormalizeRelative("../METS.xml"), "");
  EXPECT_EQ(NormalizeRelative("a/../../b"), "");
  EXPECT_EQ(NormalizeRelative("/etc/passwd"), "");
}

std::string Digest(const std::string& algorithm, const std::string& text) {
  Result<FixityDigest> d = FixityDigest::Named(algorithm);
  EXPECT_TRUE(d.ok()) << algorithm;
  d->Update(text.data(), text.size());
  return d->HexDigest();
}

TEST(FixityDigestTest, MetsAndBagItNamesGiveTheKnownDigests) {
  EXPECT_EQ(Digest("MD5", "abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(Digest("SHA-1", "abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(Digest("SHA-256", "abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Digest("sha256", "abc"), Digest("SHA-256", "abc"));
  EXPECT_EQ(Digest("sha512", "abc").size(), 128u);
  EXPECT_EQ(FixityDigest::Named("CRC32").status().code(), StatusCode::kUnsupported);
  EXPECT_TRUE(SameDigest("ABCDEF", "abcdef"));
  EXPECT_FALSE(SameDigest("abcdef", "abcde0"));
}

TEST(SchemasTest, BuiltInSchemasCompileAndJudge) {
  const std::string premis =
      R"(<premis xmlns="http://www.loc.gov/premis/v3" version="3.0" )"
      R"(xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><object xsi:type="representation">)"
      R"(<objectIdentifier><objectIdentifierType>LOCAL</objectIdentifierType>)"
      R"(<objectIdentifierValue>rep1</objectIdentifierValue></objectIdentifier></object></premis>)";
  Result<std::vector<std::string>> ok = SchemaProblems(XmlSchema::kPremis, premis, "p.xml");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_TRUE(ok->empty()) << ok->front();
  // PREMIS 2's objectCategory element is not PREMIS 3 (README §5.7).
  const std::string old = R"(<premis xmlns="http://www.loc.gov/premis/v3" version="3.0"><object>)"
                          R"(<objectCategory>file</objectCategory></object></premis>)";
  Result<std::vector<std::string>> bad = SchemaProblems(XmlSchema::kPremis, old, "old.xml");
  ASSERT_TRUE(bad.ok());
  ASSERT_FALSE(bad->empty());
  EXPECT_NE(bad->front().find("old.xml:"), std::string::npos);
  // A csip:OAISPACKAGETYPE outside its list fails through the driver schema.
  const std::string mets =
      R"(<mets xmlns="http://www.loc.gov/METS/" xmlns:csip="https://DILCIS.eu/XML/METS/CSIPExtensionMETS">)"
      R"(<metsHdr csip:OAISPACKAGETYPE="XYZ"/><structMap><div/></structMap></mets>)";
  Result<std::vector<std::string>> wrong = SchemaProblems(XmlSchema::kMets, mets, "METS.xml");
  ASSERT_TRUE(wrong.ok());
  EXPECT_FALSE(wrong->empty());
  Result<std::vector<std::string>> broken = SchemaProblems(XmlSchema::kMets, "<mets", "x.xml");
  ASSERT_TRUE(broken.ok());
  EXPECT_FALSE(broken->empty());
}

class BagTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("luutru-bag-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "pkg" / "data");
    std::ofstream(dir_ / "pkg" / "METS.xml") << "<mets/>";
    std::ofstream(dir_ / "pkg" / "data" / "a 100%.pdf") << "%PDF-1.7 page";
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

std::vector<Finding> BagFindings(const fs::path& bag) {
  Result<PackageFiles> files = PackageFiles::Open(bag);
  EXPECT_TRUE(files.ok());
  CheckReport report;
  VerifyBag(*files, {}, report);
  return report.findings;
}

TEST_F(BagTest, WrittenBagVerifiesAndAChangedByteIsNamed) {
  ASSERT_TRUE(WriteBag({dir_ / "pkg"}, dir_ / "bag", {.bagging_date = "2026-12-01"}).ok());
  EXPECT_TRUE(fs::exists(dir_ / "bag" / "tagmanifest-sha256.txt"));
  EXPECT_TRUE(BagFindings(dir_ / "bag").empty());
  std::ifstream info(dir_ / "bag" / "bag-info.txt");
  std::string text((std::istreambuf_iterator<char>(info)), {});
  EXPECT_NE(text.find("Payload-Oxum: 20.2"), std::string::npos) << text;

  std::ofstream(dir_ / "bag" / "data" / "pkg" / "data" / "a 100%.pdf") << "%PDF-1.7 pagE";
  std::vector<Finding> findings = BagFindings(dir_ / "bag");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "BAGIT-FIXITY");
  EXPECT_EQ(findings[0].file, "data/pkg/data/a 100%.pdf");

  std::ofstream(dir_ / "bag" / "data" / "pkg" / "extra.txt") << "x";
  findings = BagFindings(dir_ / "bag");
  EXPECT_EQ(findings.size(), 3u);  // the changed file, the unlisted one, the Payload-Oxum
}

TEST_F(BagTest, AnExistingFolderIsNeverOverwritten) {
  fs::create_directories(dir_ / "bag");
  EXPECT_EQ(WriteBag({dir_ / "pkg"}, dir_ / "bag").code(), StatusCode::kInvalidArgument);
}

TEST(CheckPackagesTest, NothingThereIsAnErrorNotAPass) {
  EXPECT_EQ(CheckPackages("/nonexistent/luutru/package").status().code(), StatusCode::kNotFound);
  const fs::path empty = fs::temp_directory_path() / "luutru-empty-package";
  fs::create_directories(empty);
  Result<CheckReport> report = CheckPackages(empty);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->Passed(false));
  fs::remove_all(empty);
}

}  // namespace
}  // namespace luutru::package
