// Abbreviations expanded both ways in a query, from the built-in list and an archive's file.
#include "index/abbreviations.h"

#include <gtest/gtest.h>

#include <fstream>

#include "index/schema.h"
#include "test_util.h"

namespace luutru::index {
namespace {

TEST(AbbreviationsTest, AnAbbreviationTypedAsksForItsLongFormToo) {
  const Abbreviations& a = Abbreviations::BuiltIn();
  EXPECT_EQ(a.Expand("ubnd tỉnh"), "(ubnd OR \"ủy ban nhân dân\") tỉnh");
  EXPECT_EQ(a.Expand("HĐND"), "(HĐND OR \"hội đồng nhân dân\")");
  EXPECT_EQ(a.Expand("TTr"), "(TTr OR \"tờ trình\")");
}

TEST(AbbreviationsTest, ALongFormTypedAsksForItsAbbreviationToo) {
  const Abbreviations& a = Abbreviations::BuiltIn();
  EXPECT_EQ(a.Expand("uy ban nhan dan tinh"), "((uy ban nhan dan) OR UBND) tinh");
  EXPECT_EQ(a.Expand("Quyết định khen thưởng"), "((Quyết định) OR QĐ) khen thưởng");
}

TEST(AbbreviationsTest, ASyllableIsAWordUnlessTypedInCapitals) {
  const Abbreviations& a = Abbreviations::BuiltIn();
  EXPECT_EQ(a.Expand("tu"), "tu") << "tu is a syllable (tư, tự)";
  EXPECT_EQ(a.Expand("TU"), "(TU OR \"tỉnh ủy\" OR \"trung ương\")") << "TU and TƯ typed alike";
  EXPECT_EQ(a.Expand("TƯ"), "(TƯ OR \"trung ương\")");
  // Typed with đ, only the abbreviation written with đ; without, every one it folds to.
  EXPECT_EQ(a.Expand("HĐ"), "(HĐ OR \"hợp đồng\")");
  const std::string hd = a.Expand("hd");
  EXPECT_NE(hd.find("hướng dẫn"), std::string::npos) << hd;
  EXPECT_NE(hd.find("hợp đồng"), std::string::npos) << hd;
}

TEST(AbbreviationsTest, PhrasesFiltersAndOperatorsAreLeftAsTyped) {
  const Abbreviations& a = Abbreviations::BuiltIn();
  for (const char* typed : {"\"ubnd tỉnh\"", "coquan:ubnd", "-ubnd", "ubnd*", "hồ sơ lưu trữ"}) {
    EXPECT_EQ(a.Expand(typed), typed);
  }
  EXPECT_EQ(a.Expand("ubnd OR hđnd"),
            "(ubnd OR \"ủy ban nhân dân\") OR (hđnd OR \"hội đồng nhân dân\")");
}

TEST(AbbreviationsTest, AnArchivesFileAddsItsOwnAndABadLineIsNamed) {
  testing::TempDir dir;
  const auto file = dir.path() / "viet-tat.txt";
  std::ofstream(file) << "# của kho lưu trữ\nTTLTLS = Trung tâm Lưu trữ lịch sử  # tên cơ quan\n\n";
  Result<Abbreviations> a = Abbreviations::WithArchiveFile(file);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->Expand("ttltls"), "(ttltls OR \"trung tâm lưu trữ lịch sử\")");
  EXPECT_EQ(a->Expand("ubnd"), "(ubnd OR \"ủy ban nhân dân\")") << "the built-in list stays";

  // On an index holding the built-in entries' terms, those are asked by their term; an
  // archive's own, which the index does not know, by its long form.
  const std::string ubnd = a->Expand("ubnd", "f");
  EXPECT_EQ(ubnd.rfind("(ubnd OR f:", 0), 0u) << ubnd;
  const size_t n = std::stoul(ubnd.substr(std::string("(ubnd OR f:").size()));
  ASSERT_LT(n, a->list().size());
  EXPECT_TRUE(a->Indexed(n));
  EXPECT_EQ(a->TermOf(n), std::string(kPrefixAbbreviation) + "ubnd");
  EXPECT_EQ(a->Expand("ttltls", "f"), "(ttltls OR \"trung tâm lưu trữ lịch sử\")");
  EXPECT_EQ(a->Expand("ủy ban nhân dân tỉnh", "f"),
            "((ủy ban nhân dân) OR f:" + std::to_string(n) + ") tỉnh");

  std::ofstream(file) << "UBND Ủy ban nhân dân\n";
  Result<Abbreviations> bad = Abbreviations::WithArchiveFile(file);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("dòng 1"), std::string::npos);
  EXPECT_TRUE(Abbreviations::WithArchiveFile(dir.path() / "none.txt").ok());
}

}  // namespace
}  // namespace luutru::index
