#include "index/page_data.h"

#include <nlohmann/json.hpp>

namespace luutru::index {

std::string EncodePageData(const PageData& d) {
  nlohmann::json j{{"r", d.record_id}, {"p", d.page},        {"n", d.page_count},
                   {"s", d.source},    {"t", d.doc_type},    {"no", d.number},
                   {"d", d.date},      {"a", d.agency},      {"su", d.subject},
                   {"si", d.signer},   {"c", d.confidentiality}, {"u", d.urgency},
                   {"x", d.text}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<PageData> DecodePageData(const std::string& bytes) {
  try {
    auto j = nlohmann::json::parse(bytes);
    PageData d;
    d.record_id = j.value("r", std::string());
    d.page = j.value("p", 1);
    d.page_count = j.value("n", 1);
    d.source = j.value("s", std::string());
    d.doc_type = j.value("t", std::string());
    d.number = j.value("no", std::string());
    d.date = j.value("d", std::string());
    d.agency = j.value("a", std::string());
    d.subject = j.value("su", std::string());
    d.signer = j.value("si", std::string());
    d.confidentiality = j.value("c", std::string());
    d.urgency = j.value("u", std::string());
    d.text = j.value("x", std::string());
    return d;
  } catch (const nlohmann::json::exception& e) {
    return Corrupt(std::string("page data: ") + e.what());
  }
}

}  // namespace luutru::index
