// textindex: text-only records through the real index writer, for the search benchmarks.
//
//   textindex add --archive DIR FILE...   each file one record (pages of ~40 lines), its fields
//                                         read from its text, added to DIR's index
//   textindex synth --archive DIR --pages N [--shards N] [--documents-per-flush N] FILE...
//                                         N pages of records made from the lines of FILE...
//                                         (runs of consecutive lines, so phrases stay real),
//                                         with registry fields drawn from lists, written as
//                                         `luutru reindex` writes; prints the build rate
//   textindex query --archive DIR --queries TSV [--passes 5] [--cold]
//                                         search latency over a query set (each query as
//                                         written and without diacritics): p50/p95/p99
//
// The records are not in the catalog or records/ (they have no original to keep): they exist
// for searching, and a `luutru reindex` of the archive drops them.
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include "core/archive_access.h"
#include "core/archive_layout.h"
#include "core/fs_util.h"
#include "core/record.h"
#include "core/vietnamese.h"
#include "extract/fields.h"
#include "index/layout.h"
#include "index/merge.h"
#include "index/schema.h"
#include "index/writer.h"
#include "search/searcher.h"

namespace {

using namespace luutru;

constexpr int kLinesPerPage = 40;

// FNV-1a, 64 bits, as hex: a stable id for a text file's content (records of originals use
// SHA-256; these have none).
std::string ContentId(const std::string& bytes) {
  unsigned long long h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", h);
  return out;
}

Record TextRecord(const std::filesystem::path& path, const std::string& bytes) {
  Record r;
  r.id = ContentId(bytes);
  r.source = path.filename().string();
  r.format = "text";
  r.size = static_cast<long long>(bytes.size());
  std::istringstream lines(vi::Nfc(bytes));
  PageText page;
  int count = 0;
  auto flush = [&] {
    if (page.text.empty()) return;
    page.number = static_cast<int>(r.pages.size()) + 1;
    page.method = TextMethod::kTextLayer;
    page.confidence = 100;
    r.pages.push_back(std::move(page));
    page = PageText{};
    count = 0;
  };
  for (std::string line; std::getline(lines, line);) {
    // Markdown marks are not text: "## NGHỊ ĐỊNH" is the line "NGHỊ ĐỊNH".
    size_t start = line.find_first_not_of("#*_ ");
    line = start == std::string::npos ? "" : line.substr(start);
    while (!line.empty() && (line.back() == '*' || line.back() == ' ')) line.pop_back();
    if (line.empty()) continue;
    page.text += line + "\n";
    if (++count == kLinesPerPage) flush();
  }
  flush();
  extract::Fields fields = extract::ExtractFields(r.pages);
  r.metadata = fields.metadata;
  r.evidence = fields.evidence;
  return r;
}

int Add(const std::string& archive, const std::vector<std::string>& files) {
  ArchiveLayout layout(archive);
  Result<std::unique_ptr<index::Writer>> writer = index::Writer::Open(layout.index());
  if (!writer.ok()) {
    std::cerr << writer.status().ToString() << "\n";
    return 4;
  }
  for (const std::string& file : files) {
    Result<std::string> bytes = ReadFile(file);
    if (!bytes.ok()) {
      std::cerr << bytes.status().ToString() << "\n";
      return 4;
    }
    Record r = TextRecord(file, *bytes);
    if (Status s = (*writer)->AddRecord(r); !s.ok()) {
      std::cerr << s.ToString() << "\n";
      return 4;
    }
    std::cout << r.id << " " << r.source << " (" << r.pages.size() << " pages)\n";
  }
  Status s = (*writer)->Commit();
  if (!s.ok()) std::cerr << s.ToString() << "\n";
  return s.ok() ? 0 : 4;
}

std::vector<std::string> SourceLines(const std::vector<std::string>& files) {
  std::vector<std::string> lines;
  for (const std::string& file : files) {
    Result<std::string> bytes = ReadFile(file);
    if (!bytes.ok()) continue;
    std::istringstream in(vi::Nfc(*bytes));
    for (std::string line; std::getline(in, line);) {
      size_t start = line.find_first_not_of("#*_ ");
      if (start == std::string::npos) continue;
      line = line.substr(start);
      if (line.size() > 20) lines.push_back(line);
    }
  }
  return lines;
}

// Records of 1-4 pages (2.5 on average) until `pages` pages: runs of 30 consecutive source
// lines a page, a header on page 1, fields drawn from lists of real bodies, types and names.
int Synth(const std::string& archive, long long pages, long long first_record,
          const std::vector<std::string>& files, const index::WriterOptions& writer_options) {
  static const char* kTypes[] = {"QUYẾT ĐỊNH", "CÔNG VĂN",   "TỜ TRÌNH", "KẾ HOẠCH", "BÁO CÁO",
                                 "THÔNG BÁO",  "NGHỊ QUYẾT", "CHỈ THỊ",  "QUY CHẾ",  "BIÊN BẢN"};
  static const char* kCodes[] = {"QĐ", "", "TTr", "KH", "BC", "TB", "NQ", "CT", "QC", "BB"};
  static const char* kBodies[] = {
      "SỞ NỘI VỤ",       "SỞ TÀI CHÍNH",  "SỞ Y TẾ",        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
      "SỞ XÂY DỰNG",     "BAN TỔ CHỨC",   "BAN TUYÊN GIÁO", "VĂN PHÒNG",
      "ỦY BAN KIỂM TRA", "PHÒNG TƯ PHÁP", "SỞ TƯ PHÁP",     "SỞ CÔNG THƯƠNG"};
  static const char* kOrgs[] = {"SNV",   "STC", "SYT",    "SGDĐT", "SXD", "BTCTU",
                                "BTGTU", "VP",  "UBKTTU", "PTP",   "STP", "SCT"};
  static const char* kProvinces[] = {"HẢI DƯƠNG", "NGHỆ AN",  "THANH HÓA", "QUẢNG NINH",
                                     "ĐÀ NẴNG",   "HÀ NỘI",   "CẦN THƠ",   "LÂM ĐỒNG",
                                     "BẮC NINH",  "THÁI BÌNH"};
  static const char* kSurnames[] = {"Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng",
                                    "Vũ",     "Đặng", "Bùi", "Đỗ",   "Ngô"};
  static const char* kMiddles[] = {"Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Quang"};
  static const char* kGiven[] = {"An",  "Bình", "Dũng", "Hà",  "Hải",
                                 "Lan", "Long", "Nam",  "Sơn", "Trung"};
  static const char* kSubjects[] = {"số hóa tài liệu lưu trữ",
                                    "tổ chức khóa đào tạo nghiệp vụ văn thư, lưu trữ",
                                    "triển khai văn phòng điện tử",
                                    "kiểm tra việc thực hiện quy trình xử lý văn bản",
                                    "tăng cường bảo mật thông tin và an toàn dữ liệu",
                                    "khen thưởng tập thể, cá nhân có thành tích xuất sắc",
                                    "chuẩn hóa hoạt động văn phòng",
                                    "thành lập tổ công tác chuyển đổi số"};
  std::vector<std::string> lines = SourceLines(files);
  if (lines.size() < 100) {
    std::cerr << "too few source lines\n";
    return 1;
  }
  ArchiveLayout layout(archive);
  // As ingest::Reindex writes a fresh index: unsynced, then synced whole.
  index::WriterOptions options = writer_options;
  options.sync_commits = false;
  Result<std::unique_ptr<index::Writer>> writer = index::Writer::Open(layout.index(), options);
  if (!writer.ok()) {
    std::cerr << writer.status().ToString() << "\n";
    return 4;
  }
  // Another first record: other ids and other draws (the shards of one large archive).
  std::mt19937_64 rng(20261127 + static_cast<unsigned long long>(first_record));
  auto pick = [&](auto& list) { return list[rng() % std::size(list)]; };
  const auto start = std::chrono::steady_clock::now();
  long long made = 0, records = first_record;
  while (made < pages) {
    Record r;
    char id[17];
    std::snprintf(id, sizeof id, "%016llx",
                  static_cast<unsigned long long>(records) * 2654435761ULL + 1);
    r.id = id;
    r.source = "synthetic/" + std::to_string(records) + ".pdf";
    r.format = "pdf";
    const size_t type = rng() % std::size(kTypes);
    const size_t body = rng() % std::size(kBodies);
    const int year = 1995 + static_cast<int>(rng() % 31);
    Metadata& m = r.metadata;
    m.doc_type = kTypes[type];
    m.agency = kBodies[body];
    m.parent_agency = std::string("UBND TỈNH ") + pick(kProvinces);
    m.number = std::to_string(1 + rng() % 999) + "/" +
               (rng() % 2 ? std::to_string(year) + "/" : "") +
               (*kCodes[type] ? std::string(kCodes[type]) + "-" : "") + kOrgs[body];
    char date[11];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, 1 + static_cast<int>(rng() % 12),
                  1 + static_cast<int>(rng() % 28));
    m.date = date;
    m.subject = std::string(type == 1 ? "V/v " : "Về việc ") + pick(kSubjects);
    m.signer = std::string(pick(kSurnames)) + " " + pick(kMiddles) + " " + pick(kGiven);
    m.signer_title = "GIÁM ĐỐC";
    if (rng() % 10 == 0) m.confidentiality = "MẬT";
    const int count = 1 + static_cast<int>(rng() % 4);
    for (int p = 1; p <= count && made < pages; ++p, ++made) {
      PageText page;
      page.number = p;
      page.method = TextMethod::kOcr;
      page.confidence = 90;
      if (p == 1) {
        page.text = m.parent_agency + "\n" + m.agency + "\nSố: " + m.number + "\n" + m.doc_type +
                    "\n" + m.subject + "\n";
      }
      size_t from = rng() % (lines.size() - 30);
      for (size_t l = from; l < from + 30; ++l) page.text += lines[l] + "\n";
      r.pages.push_back(std::move(page));
    }
    if (Status s = (*writer)->AddRecord(r); !s.ok()) {
      std::cerr << s.ToString() << "\n";
      return 4;
    }
    ++records;
    if (records % 20000 == 0) {
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::cerr << made << " pages, " << static_cast<long long>(made / seconds) << " pages/s\n";
    }
  }
  if (Status s = (*writer)->Finish(); !s.ok()) {
    std::cerr << s.ToString() << "\n";
    return 4;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "{\"pages\": " << made << ", \"records\": " << records - first_record
            << ", \"seconds\": " << seconds << ", \"pages_per_second\": " << made / seconds
            << "}\n";
  return 0;
}

std::string Folded(const std::string& query) { return vi::Fold(vi::Nfc(query)); }

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

// Latency of Searcher::Search (first ten records, snippets) over the query set, each query as
// written and folded. Cold: the first pass of a fresh Searcher (after the caller dropped the
// OS cache); warm: the passes after one warm-up pass.
// `hits_file`, when given: each query and the ids of its first ten records, tab-separated, as
// the first pass found them (to compare two builds' rankings).
int Query(const std::string& archive, const std::string& queries_file, int passes, bool cold_only,
          const std::string& hits_file) {
  std::vector<std::string> queries;
  std::ifstream in(queries_file);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::string q = line.substr(0, line.find('\t'));
    queries.push_back(q);
    if (Folded(q) != q) queries.push_back(Folded(q));
  }
  Result<std::unique_ptr<search::Searcher>> searcher =
      search::Searcher::Open(ArchiveLayout(archive).index());
  if (!searcher.ok()) {
    std::cerr << searcher.status().ToString() << "\n";
    return 4;
  }
  long long partial = 0;  // answers missing a shard on another machine
  std::vector<double> cold, warm;
  std::ofstream hits;
  if (!hits_file.empty()) hits.open(hits_file);
  auto run_pass = [&](std::vector<double>& ms, long long& matched) {
    for (const std::string& q : queries) {
      auto t0 = std::chrono::steady_clock::now();
      Result<search::SearchResults> r = (*searcher)->Search({.query = q});
      if (!r.ok()) std::cerr << q << ": " << r.status().ToString() << "\n";
      if (hits.is_open() && &ms == &cold) {
        hits << q;
        for (const search::SearchHit& hit : r.ok() ? r->hits : std::vector<search::SearchHit>{})
          hits << '\t' << hit.record_id;
        hits << '\n';
      }
      long long total = r.ok() ? static_cast<long long>(r->total_records) : 0;
      if (r.ok() && r->partial()) ++partial;
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      matched += total;
    }
  };
  long long matched = 0;
  run_pass(cold, matched);
  if (!cold_only) {
    for (int p = 0; p < passes; ++p) run_pass(warm, matched);
  }
  auto stats = [](const std::vector<double>& v) {
    std::ostringstream o;
    o << "{\"p50\": " << Percentile(v, 0.5) << ", \"p95\": " << Percentile(v, 0.95)
      << ", \"p99\": " << Percentile(v, 0.99)
      << ", \"max\": " << (v.empty() ? 0 : *std::max_element(v.begin(), v.end()))
      << ", \"n\": " << v.size() << "}";
    return o.str();
  };
  // The slowest queries (warm, their worst pass), for the log.
  if (!warm.empty()) {
    std::vector<std::pair<double, std::string>> slow;
    for (size_t q = 0; q < queries.size(); ++q) {
      double worst = 0;
      for (size_t p = q; p < warm.size(); p += queries.size()) worst = std::max(worst, warm[p]);
      slow.emplace_back(worst, queries[q]);
    }
    std::sort(slow.rbegin(), slow.rend());
    for (size_t i = 0; i < std::min<size_t>(10, slow.size()); ++i) {
      std::cerr << slow[i].first << " ms  " << slow[i].second << "\n";
    }
  }
  std::cout << "{\"queries\": " << queries.size() << ", \"first_pass\": " << stats(cold)
            << ", \"warm\": " << stats(warm) << ", \"partial\": " << partial << "}\n";
  return 0;
}

// The index step of `luutru merge` (index/merge.h), every record of each part taken (these
// archives have no catalog): seconds and pages per second.
// The index compacted as `luutru compact` does it, timed.
int Compact(const std::string& archive) {
  const auto start = std::chrono::steady_clock::now();
  Result<index::CompactionResult> done = index::CompactIndex(ArchiveLayout(archive).index());
  if (!done.ok()) {
    std::cerr << done.status().ToString() << "\n";
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "{\"seconds\": " << seconds << ", \"bytes_before\": " << done->bytes_before
            << ", \"bytes_after\": " << done->bytes_after << "}\n";
  return 0;
}

int Merge(const std::string& archive, const std::vector<std::string>& part_dirs) {
  std::vector<index::IndexPart> parts;
  long long pages = 0;
  for (const std::string& dir : part_dirs) {
    index::IndexPart part{ArchiveLayout(dir).index(), {}};
    Result<index::IndexDatabases> named = index::ReadIndexDatabases(part.index_dir);
    if (!named.ok()) {
      std::cerr << named.status().ToString() << "\n";
      return 4;
    }
    for (const index::ShardDb& db : named->databases) {
      Xapian::Database source(db.path.string());
      const std::string prefix(index::kPrefixRecord);
      for (auto t = source.allterms_begin(prefix); t != source.allterms_end(prefix); ++t)
        part.records.insert((*t).substr(prefix.size()));
      for (auto d = source.postlist_begin(""); d != source.postlist_end(""); ++d) {
        pages += static_cast<long long>(
            Xapian::sortable_unserialise(source.get_document(*d).get_value(index::kSlotPageCount)));
      }
    }
    parts.push_back(std::move(part));
  }
  const auto start = std::chrono::steady_clock::now();
  Result<index::IndexMergeResult> merged = index::MergeIndexes(
      ArchiveLayout(archive).index(), parts, ArchiveLayout(archive).tmp() / "merge-index");
  if (!merged.ok()) {
    std::cerr << merged.status().ToString() << "\n";
    return 4;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "{\"records\": " << merged->added << ", \"pages\": " << pages
            << ", \"seconds\": " << seconds << ", \"pages_per_second\": " << pages / seconds
            << "}\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"textindex: text-only records through luutru's index writer (benchmarks)"};
  app.require_subcommand(1);
  std::string archive;
  std::vector<std::string> files;
  CLI::App* add = app.add_subcommand("add", "Add text files as records to an archive's index");
  add->add_option("--archive", archive, "Archive folder")->required();
  add->add_option("files", files, "Text files (UTF-8)")->required();
  long long pages = 0;
  CLI::App* synth =
      app.add_subcommand("synth", "Build an index of N synthetic pages from text files");
  synth->add_option("--archive", archive, "Archive folder")->required();
  synth->add_option("--pages", pages, "Pages to make")->required();
  synth->add_option("files", files, "Source texts (UTF-8)")->required();
  long long first_record = 0;
  synth->add_option("--first-record", first_record,
                    "Number records from this one (shards of one archive: 0, 1000000, ...)");
  index::WriterOptions writer_options;
  synth->add_option("--shards", writer_options.shards,
                    "Shards of the new index (default: luutru's)");
  synth->add_option("--documents-per-flush", writer_options.documents_per_flush,
                    "Documents a shard holds before writing them out (default: luutru's)");
  std::string queries;
  int passes = 5;
  bool first_pass_only = false;
  std::string hits_file;
  CLI::App* query = app.add_subcommand("query", "Search latency over a query set");
  query->add_option("--archive", archive, "Archive folder")->required();
  query->add_option("--queries", queries, "bench/queries.tsv")->required();
  query->add_option("--passes", passes, "Warm passes after the first");
  query->add_flag("--first-pass-only", first_pass_only, "Only the first (cold) pass");
  query->add_option("--hits", hits_file, "Write each query's first ten record ids here");
  std::vector<std::string> parts;
  CLI::App* merge = app.add_subcommand(
      "merge", "Merge the indexes of part archives into --archive as luutru merge does (timed)");
  merge->add_option("--archive", archive, "Archive folder merged into")->required();
  merge->add_option("parts", parts, "Part archive folders")->required();
  CLI::App* compact =
      app.add_subcommand("compact", "Compact an archive's index as luutru compact does (timed)");
  compact->add_option("--archive", archive, "Archive folder")->required();
  CLI11_PARSE(app, argc, argv);
  if (add->parsed()) return Add(archive, files);
  if (compact->parsed()) return Compact(archive);
  if (merge->parsed()) return Merge(archive, parts);
  if (synth->parsed()) {
    // Made as luutru makes an archive: private (core/archive_access.h).
    if (luutru::Status s = luutru::PrepareArchiveAccess(archive); !s.ok()) {
      std::cerr << s.ToString() << "\n";
      return 1;
    }
    return Synth(archive, pages, first_record, files, writer_options);
  }
  if (query->parsed()) return Query(archive, queries, passes, first_pass_only, hits_file);
  return 1;
}
