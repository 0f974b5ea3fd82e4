#include "search/page_hits.h"

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "index/document.h"
#include "index/page_terms.h"
#include "index/schema.h"

namespace luutru::search {
namespace {

namespace schema = luutru::index;

// What a query says of one page: it matches there, it does not, or it only speaks of the
// record (a field filter, a range): those held, since the record matched.
enum class Verdict { kNo, kYes, kRecord };

bool Matches(Verdict v) { return v != Verdict::kNo; }

// The positions of a folded word in one record: read from the database when first asked, or
// all found at once in the record's own text.
class RecordPositions {
 public:
  RecordPositions(const Xapian::Database& db, Xapian::docid docid) : db_(&db), docid_(docid) {}
  // As the writer numbers them (index/document.cc): each page's words from its first
  // position, the title fields' from the record's title_position.
  explicit RecordPositions(const index::RecordData& record) {
    auto add = [&](const std::string& text, unsigned first) {
      for (const schema::Posting& p : schema::TextPostings(text)) {
        if (p.term.rfind(schema::kPrefixFolded, 0) == 0)
          positions_[p.term].push_back(first - 1 + p.position);
      }
    };
    for (const index::PageSpan& page : record.pages) add(page.text, page.first_position);
    add(schema::TitleFieldText(record.summary), record.title_position);
  }

  const std::vector<unsigned>& Of(const std::string& term) {
    auto [it, fresh] = positions_.try_emplace(term);
    if (fresh && db_ != nullptr) it->second = PositionsOf(*db_, docid_, term);
    return it->second;
  }

 private:
  const Xapian::Database* db_ = nullptr;  // null: every word's positions are known already
  Xapian::docid docid_ = 0;
  std::map<std::string, std::vector<unsigned>> positions_;
};

class PageMatcher {
 public:
  PageMatcher(RecordPositions& positions, unsigned title_position)
      : positions_(positions), title_position_(title_position) {}

  Verdict Eval(const Xapian::Query& q, const index::PageSpan& page) {
    switch (q.get_type()) {
      case Xapian::Query::LEAF_TERM: {
        const std::string term = *q.get_unique_terms_begin();
        if (!IsWord(term)) return Verdict::kRecord;
        return Occurrences(term, page) > 0 || InTitle(term) ? Verdict::kYes : Verdict::kNo;
      }
      case Xapian::Query::LEAF_MATCH_NOTHING:
        return Verdict::kNo;
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_FILTER:
      case Xapian::Query::OP_NEAR:
        return All(q, page);
      case Xapian::Query::OP_OR:
      case Xapian::Query::OP_XOR:
      case Xapian::Query::OP_SYNONYM:
      case Xapian::Query::OP_MAX:
      case Xapian::Query::OP_ELITE_SET:
        return Any(q, page);
      case Xapian::Query::OP_AND_MAYBE:
      case Xapian::Query::OP_SCALE_WEIGHT:
        return q.get_num_subqueries() > 0 ? Eval(q.get_subquery(0), page) : Verdict::kRecord;
      case Xapian::Query::OP_AND_NOT: {
        const Verdict left = Eval(q.get_subquery(0), page);
        if (left == Verdict::kNo) return left;
        for (size_t i = 1; i < q.get_num_subqueries(); ++i) {
          if (Eval(q.get_subquery(i), page) == Verdict::kYes) return Verdict::kNo;
        }
        return left;
      }
      case Xapian::Query::OP_PHRASE:
        return Phrase(q, page);
      default:  // ranges, match-all, wildcards: of the record, or of every page
        return Verdict::kRecord;
    }
  }

  // How often the folded word `term` occurs in the page's own words.
  int Occurrences(const std::string& term, const index::PageSpan& page) {
    const std::vector<unsigned>& at = Positions(term);
    auto from = std::lower_bound(at.begin(), at.end(), page.first_position);
    auto to = std::upper_bound(at.begin(), at.end(), page.last_position);
    return static_cast<int>(std::max<std::ptrdiff_t>(0, to - from));
  }

  static bool IsWord(const std::string& term) { return term.rfind(schema::kPrefixFolded, 0) == 0; }

 private:
  Verdict All(const Xapian::Query& q, const index::PageSpan& page) {
    Verdict out = Verdict::kRecord;
    for (size_t i = 0; i < q.get_num_subqueries(); ++i) {
      const Verdict v = Eval(q.get_subquery(i), page);
      if (v == Verdict::kNo) return v;
      if (v == Verdict::kYes) out = v;
    }
    return out;
  }

  Verdict Any(const Xapian::Query& q, const index::PageSpan& page) {
    Verdict out = Verdict::kNo;
    for (size_t i = 0; i < q.get_num_subqueries(); ++i) {
      const Verdict v = Eval(q.get_subquery(i), page);
      if (v == Verdict::kYes) return v;
      if (v == Verdict::kRecord) out = v;
    }
    return out;
  }

  // The words one after another, inside the page or inside the title fields.
  Verdict Phrase(const Xapian::Query& q, const index::PageSpan& page) {
    std::vector<std::string> terms;
    for (size_t i = 0; i < q.get_num_subqueries(); ++i) {
      const Xapian::Query sub = q.get_subquery(i);
      if (sub.get_type() != Xapian::Query::LEAF_TERM) return All(q, page);
      terms.push_back(*sub.get_unique_terms_begin());
    }
    if (terms.empty()) return Verdict::kRecord;
    for (unsigned start : Positions(terms[0])) {
      const bool in_page = start >= page.first_position && start <= page.last_position;
      if (!in_page && start < title_position_) continue;
      bool whole = true;
      for (size_t i = 1; i < terms.size() && whole; ++i) {
        const std::vector<unsigned>& at = Positions(terms[i]);
        whole = std::binary_search(at.begin(), at.end(), start + static_cast<unsigned>(i));
      }
      if (whole) return Verdict::kYes;
    }
    return Verdict::kNo;
  }

  bool InTitle(const std::string& term) {
    const std::vector<unsigned>& at = Positions(term);
    return !at.empty() && at.back() >= title_position_;
  }

  const std::vector<unsigned>& Positions(const std::string& term) { return positions_.Of(term); }

  RecordPositions& positions_;
  const unsigned title_position_;
};

PageHits PageHitsOf(RecordPositions& positions, const Xapian::Query& query,
                    const WordWeights& words, const index::RecordData& record) {
  PageMatcher matcher(positions, record.title_position);
  PageHits hits{0, 0};
  double best_score = -1;
  int holding_any = 0;
  for (const index::PageSpan& page : record.pages) {
    double score = 0;
    for (const auto& [word, weight] : words) {
      if (int n = matcher.Occurrences(word, page); n > 0) score += weight * (1.0 + std::log(n));
    }
    holding_any += score > 0;
    const bool matches = Matches(matcher.Eval(query, page));
    hits.matching_pages += matches;
    // The best page is a matching one if any page matches whole.
    const double rank = score + (matches ? 1e9 : 0);
    if (rank > best_score) {
      best_score = rank;
      hits.best_page = page.number;
    }
  }
  if (hits.matching_pages == 0) hits.matching_pages = holding_any;
  if (record.pages.empty()) hits.best_page = 1;
  hits.matching_pages = std::max(1, hits.matching_pages);
  return hits;
}

}  // namespace

std::vector<unsigned> PositionsOf(const Xapian::Database& db, unsigned docid,
                                  const std::string& term) {
  std::vector<unsigned> at;
  try {
    for (auto p = db.positionlist_begin(docid, term); p != db.positionlist_end(docid, term); ++p)
      at.push_back(*p);
  } catch (const Xapian::Error&) {
    // A word the document does not hold has no positions.
  }
  return at;
}

WordWeights QueryWordWeights(const Xapian::Database& db, const Xapian::Query& query) {
  WordWeights words;
  const double documents = std::max(1u, db.get_doccount());
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    if (!PageMatcher::IsWord(*t)) continue;
    words.emplace_back(*t, std::log(1.0 + documents / std::max(1u, db.get_termfreq(*t))));
  }
  return words;
}

PageHits FindPageHits(const Xapian::Database& db, unsigned docid, const Xapian::Query& query,
                      const index::RecordData& record) {
  return FindPageHits(db, docid, query, QueryWordWeights(db, query), record);
}

PageHits FindPageHits(const Xapian::Database& db, unsigned docid, const Xapian::Query& query,
                      const WordWeights& words, const index::RecordData& record) {
  RecordPositions positions(db, docid);
  return PageHitsOf(positions, query, words, record);
}

PageHits FindPageHitsInText(const Xapian::Query& query, const WordWeights& words,
                            const index::RecordData& record) {
  RecordPositions positions(record);
  return PageHitsOf(positions, query, words, record);
}

}  // namespace luutru::search
