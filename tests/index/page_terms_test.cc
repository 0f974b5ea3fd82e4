#include "index/page_terms.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "index/schema.h"

namespace luutru::index {
namespace {

bool Has(const std::vector<Posting>& postings, const std::string& term, unsigned pos) {
  return std::any_of(postings.begin(), postings.end(),
                     [&](const Posting& p) { return p.term == term && p.position == pos; });
}

TEST(TextPostingsTest, ExactAndFoldedFormsShareAPosition) {
  std::vector<Posting> p = TextPostings("QUYẾT ĐỊNH về việc");
  EXPECT_TRUE(Has(p, "quyết", 1));
  EXPECT_TRUE(Has(p, "XFquyet", 1));
  EXPECT_TRUE(Has(p, "định", 2));
  EXPECT_TRUE(Has(p, "XFdinh", 2));
  EXPECT_TRUE(Has(p, "việc", 4));
  EXPECT_TRUE(Has(p, "XFviec", 4));
  EXPECT_EQ(p.size(), 8u);
}

TEST(TextPostingsTest, NfdTextIndexesAsNfc) {
  std::vector<Posting> p = TextPostings("quye\xCC\x82\xCC\x81t");  // quyết in NFD
  EXPECT_TRUE(Has(p, "quyết", 1));
}

TEST(TextPostingsTest, OverlongWordsKeepTheirPlaceButAreNotIndexed) {
  std::string noise(100, 'x');
  std::vector<Posting> p = TextPostings("một " + noise + " hai");
  EXPECT_TRUE(Has(p, "một", 1));
  EXPECT_TRUE(Has(p, "hai", 3));
  EXPECT_EQ(p.size(), 4u);
}

TEST(FieldTermsTest, RecordFieldsBecomeFoldedBooleanTerms) {
  Record r;
  r.metadata.doc_type = "QUYẾT ĐỊNH";
  r.metadata.number = "12/2023/QĐ-UBND";
  r.metadata.date = "2023-03-15";
  r.metadata.agency = "SỞ  NỘI VỤ";
  PageText ocr, layer, ocr_again;
  ocr.method = ocr_again.method = TextMethod::kOcr;
  layer.method = TextMethod::kTextLayer;
  r.pages = {ocr, layer, ocr_again};
  std::vector<std::string> terms = FieldTerms(r);
  auto has = [&](const std::string& t) {
    return std::find(terms.begin(), terms.end(), t) != terms.end();
  };
  EXPECT_TRUE(has("XTquyet dinh"));
  EXPECT_TRUE(has("XN12/2023/qd-ubnd"));
  EXPECT_TRUE(has("XY2023"));
  EXPECT_TRUE(has("XAso noi vu"));
  EXPECT_TRUE(has("XMocr"));
  EXPECT_TRUE(has("XMtext-layer")) << "each way the record's pages were read";
  EXPECT_EQ(std::count(terms.begin(), terms.end(), "XMocr"), 1);
  EXPECT_FALSE(has("XS"));  // empty fields give no term
}

}  // namespace
}  // namespace luutru::index
