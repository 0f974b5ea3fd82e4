#include "index/inspect.h"

#include <xapian.h>

#include <sstream>

#include "index/schema.h"

namespace luutru::index {

Result<std::map<std::string, int>> IndexedRecords(const std::filesystem::path& index_dir) {
  try {
    Xapian::Database db(index_dir.string());
    std::map<std::string, int> pages;
    const std::string prefix(kPrefixRecord);
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
      pages[(*t).substr(prefix.size())] = static_cast<int>(t.get_termfreq());
    }
    return pages;
  } catch (const Xapian::Error& e) {
    return Corrupt("cannot read the index " + index_dir.string() + ": " + e.get_description());
  }
}

Result<std::string> CheckIndexTables(const std::filesystem::path& index_dir) {
  std::ostringstream out;
  try {
    size_t errors = Xapian::Database::check(index_dir.string(), 0, &out);
    if (errors == 0) return std::string();
    return std::to_string(errors) + " error(s) in the index tables:\n" + out.str();
  } catch (const Xapian::Error& e) {
    return Corrupt("the index " + index_dir.string() + " cannot be checked: " + e.get_description());
  }
}

}  // namespace luutru::index
