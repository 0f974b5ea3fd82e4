#include "index/record_data.h"

#include <nlohmann/json.hpp>

namespace luutru::index {

std::string EncodeRecordData(const RecordData& d) {
  nlohmann::json pages = nlohmann::json::array();
  for (const PageSpan& p : d.pages)
    pages.push_back({p.number, p.first_position, p.last_position, p.text.size()});
  nlohmann::json header{{"r", d.record_id},
                        {"s", d.source},
                        {"t", d.doc_type},
                        {"no", d.number},
                        {"d", d.date},
                        {"a", d.agency},
                        {"su", d.subject},
                        {"si", d.signer},
                        {"c", d.confidentiality},
                        {"u", d.urgency},
                        {"tp", d.title_position},
                        {"pg", pages}};
  std::string out = header.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out += '\0';
  for (const PageSpan& p : d.pages) out += p.text;
  return out;
}

Result<RecordData> DecodeRecordData(const std::string& bytes) {
  const size_t end = bytes.find('\0');
  if (end == std::string::npos) return Corrupt("record data without its page texts");
  try {
    auto j = nlohmann::json::parse(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(end));
    RecordData d;
    d.record_id = j.value("r", std::string());
    d.source = j.value("s", std::string());
    d.doc_type = j.value("t", std::string());
    d.number = j.value("no", std::string());
    d.date = j.value("d", std::string());
    d.agency = j.value("a", std::string());
    d.subject = j.value("su", std::string());
    d.signer = j.value("si", std::string());
    d.confidentiality = j.value("c", std::string());
    d.urgency = j.value("u", std::string());
    d.title_position = j.value("tp", 0u);
    size_t offset = end + 1;
    for (const auto& p : j.at("pg")) {
      PageSpan span;
      span.number = p.at(0).get<int>();
      span.first_position = p.at(1).get<unsigned>();
      span.last_position = p.at(2).get<unsigned>();
      const size_t size = p.at(3).get<size_t>();
      if (size > bytes.size() - offset)
        return Corrupt("record data: a page text runs past the end");
      span.text = bytes.substr(offset, size);
      offset += size;
      d.pages.push_back(std::move(span));
    }
    return d;
  } catch (const nlohmann::json::exception& e) {
    return Corrupt(std::string("record data: ") + e.what());
  }
}

}  // namespace luutru::index
