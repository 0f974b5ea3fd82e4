#include "search/snippet.h"

#include <gtest/gtest.h>

namespace luutru::search {
namespace {

std::vector<std::string> Marked(const Snippet& s) {
  std::vector<std::string> out;
  for (const Highlight& h : s.highlights) out.push_back(s.text.substr(h.offset, h.length));
  return out;
}

TEST(SnippetTest, HighlightsFoldedMatchesOfAQueryWithoutMarks) {
  Snippet s = MakeSnippet("Về việc số hóa tài liệu lưu trữ", {"so", "hoa"});
  EXPECT_EQ(s.text, "Về việc số hóa tài liệu lưu trữ");
  EXPECT_EQ(Marked(s), (std::vector<std::string>{"số", "hóa"}));
}

TEST(SnippetTest, PicksTheWindowWithTheMostMatchesAndMarksCuts) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "chữ ";
  text += "tiếp công dân định kỳ ";
  for (int i = 0; i < 50; ++i) text += "khác ";
  Snippet s = MakeSnippet(text, {"tiep", "cong", "dan"}, {.words = 10});
  EXPECT_EQ(Marked(s), (std::vector<std::string>{"tiếp", "công", "dân"}));
  EXPECT_EQ(s.text.rfind("…", 0), 0u) << s.text;
  EXPECT_NE(s.text.find("…", 5), std::string::npos) << s.text;
}

TEST(SnippetTest, NoMatchGivesThePageStart) {
  Snippet s = MakeSnippet("một hai ba bốn", {"zzz"}, {.words = 2});
  EXPECT_EQ(s.text, "một hai…");
  EXPECT_TRUE(s.highlights.empty());
}

TEST(SnippetTest, HtmlEscapesAndMarks) {
  Snippet s = MakeSnippet("a <b> & số", {"so"});
  EXPECT_EQ(SnippetToHtml(s), "a &lt;b&gt; &amp; <mark>số</mark>");
}

TEST(SnippetTest, EmptyText) { EXPECT_TRUE(MakeSnippet("", {"so"}).text.empty()); }

}  // namespace
}  // namespace luutru::search
