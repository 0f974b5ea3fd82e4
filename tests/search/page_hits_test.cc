// A record's best page and matching pages, found from the database's position lists and from
// the record's own text (as for a record of a shard on another machine): the same answers.
#include "search/page_hits.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "index/document.h"
#include "index/record_data.h"
#include "index/schema.h"
#include "test_util.h"

namespace luutru::search {
namespace {

Xapian::Query Word(const std::string& folded) {
  return Xapian::Query(std::string(index::kPrefixFolded) + folded);
}

Xapian::Query Phrase(const std::vector<std::string>& folded) {
  std::vector<Xapian::Query> words;
  for (const std::string& w : folded) words.push_back(Word(w));
  return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end());
}

TEST(PageHitsInTextTest, AgreeWithThePositionListsOfTheDatabase) {
  Record report = testing::MakeTextRecord(
      "report", {"Mở đầu báo cáo tổng hợp.", "Kết quả số hóa tài liệu lưu trữ năm nay",
                 "Số hóa tài liệu và kết quả; số 12, phố Hóa", "Phụ lục danh mục hồ sơ"});
  report.metadata.doc_type = "BÁO CÁO";
  report.metadata.subject = "Về việc chuyển đổi số";
  report.metadata.agency = "SỞ NỘI VỤ";
  report.metadata.signer = "Nguyễn Văn An";
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const Xapian::docid docid = db.add_document(index::BuildRecordDocument(report));
  Result<index::RecordData> data = index::DecodeRecordData(db.get_document(docid).get_data());
  ASSERT_TRUE(data.ok()) << data.status().ToString();

  const std::vector<Xapian::Query> queries = {
      Word("ket"),                                                         // pages 2 and 3
      Xapian::Query(Xapian::Query::OP_AND, Word("so"), Word("hoa")),       // 2, 3; 3 holds more
      Phrase({"so", "hoa", "tai", "lieu"}),                                // 2 and 3
      Phrase({"hoa", "tai"}),                                              // not across pages
      Phrase({"chuyen", "doi", "so"}),                                     // the title: every page
      Xapian::Query(Xapian::Query::OP_AND, Word("phu"), Word("noi")),      // page 4, and the body
      Xapian::Query(Xapian::Query::OP_AND_NOT, Word("tai"), Word("nay")),  // page 3
      Phrase({"ho", "so", "ket"}),                                         // nowhere whole
  };
  for (const Xapian::Query& query : queries) {
    const WordWeights weights = QueryWordWeights(db, query);
    const PageHits from_index = FindPageHits(db, docid, query, weights, *data);
    const PageHits from_text = FindPageHitsInText(query, weights, *data);
    EXPECT_EQ(from_text.best_page, from_index.best_page) << query.get_description();
    EXPECT_EQ(from_text.matching_pages, from_index.matching_pages) << query.get_description();
  }
  // Not every answer the same page: the queries tell pages apart.
  const Xapian::Query first_page = Word("mo");
  EXPECT_EQ(FindPageHitsInText(first_page, QueryWordWeights(db, first_page), *data).best_page, 1);
  const Xapian::Query last_page = Word("phu");
  EXPECT_EQ(FindPageHitsInText(last_page, QueryWordWeights(db, last_page), *data).best_page, 4);
}

}  // namespace
}  // namespace luutru::search
