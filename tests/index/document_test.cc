// A two-page record as the index holds it, built and read without a database: terms,
// positions, page spans, value slots (index/schema.h).
#include "index/document.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "index/record_data.h"
#include "index/schema.h"

namespace luutru::index {
namespace {

Record TwoPageDecision() {
  Record r;
  r.id = "ab12cd34ef56ab78";
  r.source = "/scans/qd-12.pdf";
  PageText one, two;
  one.number = 1;
  one.text = "Quyết định về số hóa";
  two.number = 2;
  two.text = "Điều 2. Lưu trữ";
  r.pages = {one, two};
  r.metadata.doc_type = "QUYẾT ĐỊNH";
  r.metadata.number = "12/2023/QĐ-UBND";
  r.metadata.date = "2023-03-15";
  r.metadata.agency = "SỞ NỘI VỤ";
  r.metadata.subject = "Về số hóa";
  r.metadata.confidentiality = "MẬT";
  return r;
}

std::vector<Xapian::termpos> Positions(const Xapian::Document& doc, const std::string& term) {
  std::vector<Xapian::termpos> out;
  Xapian::TermIterator t = doc.termlist_begin();
  t.skip_to(term);
  if (t == doc.termlist_end() || *t != term) return out;
  for (Xapian::PositionIterator p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
    out.push_back(*p);
  return out;
}

bool HasTerm(const Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator t = doc.termlist_begin();
  t.skip_to(term);
  return t != doc.termlist_end() && *t == term;
}

TEST(RecordDocument, PagesFollowOneAnotherWithAGapAndTheTitleFieldsAfterThem) {
  const Xapian::Document doc = BuildRecordDocument(TwoPageDecision());
  const std::string folded(kPrefixFolded);
  // Page 1 holds positions 1..5, page 2 starts after the gap.
  EXPECT_EQ(Positions(doc, folded + "quyet").front(), 1u);
  const unsigned page_two = 5 + kPageGap + 1;
  EXPECT_EQ(Positions(doc, folded + "dieu"), std::vector<Xapian::termpos>{page_two});
  // "hóa" is on page 1 and in the subject, after both pages.
  const std::vector<Xapian::termpos> hoa = Positions(doc, folded + "hoa");
  ASSERT_EQ(hoa.size(), 2u);
  EXPECT_EQ(hoa[0], 5u);
  EXPECT_GT(hoa[1], page_two + 2 + kPageGap - 1);
  // The exact spelling ranks, without positions.
  EXPECT_TRUE(HasTerm(doc, "hóa"));
  EXPECT_TRUE(Positions(doc, "hóa").empty());

  Result<RecordData> data = DecodeRecordData(doc.get_data());
  ASSERT_TRUE(data.ok());
  ASSERT_EQ(data->pages.size(), 2u);
  EXPECT_EQ(data->pages[0].first_position, 1u);
  EXPECT_EQ(data->pages[0].last_position, 5u);
  EXPECT_EQ(data->pages[1].first_position, page_two);
  EXPECT_EQ(data->pages[1].text, "Điều 2. Lưu trữ");
  EXPECT_EQ(data->title_position, hoa[1] - 4)
      << "\"quyết định về số hóa\": the type, then the subject";
}

TEST(RecordDocument, FieldTermsAndValueSlots) {
  const Xapian::Document doc = BuildRecordDocument(TwoPageDecision());
  EXPECT_TRUE(HasTerm(doc, std::string(kPrefixRecord) + "ab12cd34ef56ab78"));
  EXPECT_TRUE(HasTerm(doc, std::string(kPrefixYear) + "2023"));
  EXPECT_TRUE(HasTerm(doc, std::string(kPrefixNumber) + "12/2023/qd-ubnd"));
  EXPECT_EQ(doc.get_value(kSlotRecordId), "ab12cd34ef56ab78");
  EXPECT_EQ(doc.get_value(kSlotDate), "20230315");
  EXPECT_EQ(Xapian::sortable_unserialise(doc.get_value(kSlotPageCount)), 2.0);
  EXPECT_EQ(doc.get_value(kSlotFacetDocType), "QUYẾT ĐỊNH");
  EXPECT_EQ(doc.get_value(kSlotFacetYear), "2023");
  EXPECT_EQ(doc.get_value(kSlotFacetSecrecy), "MẬT");
}

TEST(RecordDocument, APartialDateSortsAsItsFirstDayAndAnUnknownOneNotAtAll) {
  Record r = TwoPageDecision();
  r.metadata.date = "2025-02";
  EXPECT_EQ(BuildRecordDocument(r).get_value(kSlotDate), "20250201");
  r.metadata.date = "";
  EXPECT_EQ(BuildRecordDocument(r).get_value(kSlotDate), "");
}

// A wildcard on one prefix (the marks: any term under XC) must never take another's terms:
// no prefix is the beginning of another, the fields added by core's table included.
TEST(SchemaTest, NoTermPrefixBeginsAnother) {
  std::vector<std::string> prefixes = {
      std::string(kPrefixFolded),      std::string(kPrefixRecord),   std::string(kPrefixYear),
      std::string(kPrefixMethod),      std::string(kPrefixIncoming), std::string(kPrefixFile),
      std::string(kPrefixFonds),       std::string(kPrefixBox),      std::string(kPrefixRetention),
      std::string(kPrefixAccessRegime)};
  for (const FieldTerm& term : FieldTermPrefixes()) prefixes.push_back(term.prefix);
  ASSERT_GE(prefixes.size(), 12u);
  for (const std::string& a : prefixes) {
    for (const std::string& b : prefixes) {
      if (&a != &b) EXPECT_NE(b.rfind(a, 0), 0u) << a << " begins " << b;
    }
  }
  // Every text field of the table but the date is kept as a term, and so is a filter.
  for (const FieldName& field : kMetadataFields) {
    if (!field.text || field.kind == FieldKind::kDate) continue;
    bool kept = false;
    for (const FieldTerm& term : FieldTermPrefixes()) kept = kept || term.field == field.field;
    EXPECT_TRUE(kept) << field.json;
  }
}

}  // namespace
}  // namespace luutru::index
