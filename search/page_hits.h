// Which pages of a matching record hold the match. A record is one Xapian document; its pages
// are spans of word positions (index/record_data.h), so a page matches when the query, asked
// of that span's words (and of the title fields every page shares), would match.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "index/record_data.h"

namespace Xapian {
class Database;
class Query;
}  // namespace Xapian

namespace luutru::search {

struct PageHits {
  int best_page = 1;  // the matching page holding the query's words most (rarer words weigh more)
  // Pages that hold the whole query; when its words are spread over pages, those holding any.
  int matching_pages = 1;
};

// `docid`: the record's document in `db`. Filters on the record's fields (type, year, marks,
// ...) hold for every page; a wildcard is taken as matching every page.
PageHits FindPageHits(const Xapian::Database& db, unsigned docid, const Xapian::Query& query,
                      const index::RecordData& record);

// The query's words with their weight in `db` (rarer weighing more, as in the ranking): what
// FindPageHits asks of `db` once, given for the hits of one search.
using WordWeights = std::vector<std::pair<std::string, double>>;
WordWeights QueryWordWeights(const Xapian::Database& db, const Xapian::Query& query);
PageHits FindPageHits(const Xapian::Database& db, unsigned docid, const Xapian::Query& query,
                      const WordWeights& words, const index::RecordData& record);

// The same from the record's own text (its pages' and its title fields' words numbered as the
// writer numbers them) instead of the database's position lists: for a record of a shard on
// another machine, where each word's position list is a round trip. The title fields are those
// of its summary: a signer's title and a parent body are not in it.
PageHits FindPageHitsInText(const Xapian::Query& query, const WordWeights& words,
                            const index::RecordData& record);

// The positions of `term` in the record `docid` of `db`, in order; none when it does not hold it.
std::vector<unsigned> PositionsOf(const Xapian::Database& db, unsigned docid,
                                  const std::string& term);

}  // namespace luutru::search
