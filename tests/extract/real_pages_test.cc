// Field extraction over the real pages of bench/real/ as they were transcribed by hand (their
// header, signature and recipients blocks as printed, handwritten numbers and days included):
// what the OCR would give if it read every letter right. Table-driven from the project's own
// truth files, so that a change to extraction is judged on real documents, not only on the
// synthetic corpus.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "extract/fields.h"

namespace luutru::extract {
namespace {

const std::filesystem::path kTruth =
    std::filesystem::path(LUUTRU_SOURCE_DIR) / "bench" / "real" / "truth";

TEST(RealPages, FieldsFromTheTranscribedPages) {
  size_t documents = 0, fields = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kTruth)) {
    std::ifstream in(entry.path());
    const nlohmann::json truth = nlohmann::json::parse(in);
    std::vector<PageText> pages;
    for (const auto& text : truth["pages"]) {
      PageText page;
      page.number = static_cast<int>(pages.size()) + 1;
      page.method = TextMethod::kTextLayer;
      page.confidence = 100;
      page.text = text.get<std::string>();
      pages.push_back(std::move(page));
    }
    const Metadata m = ExtractFields(pages).metadata;
    const std::map<std::string, std::string> got = {
        {"doc_type", m.doc_type}, {"number", m.number},
        {"date", m.date},         {"place", m.place},
        {"agency", m.agency},     {"subject", m.subject},
        {"signer", m.signer},     {"signer_title", m.signer_title}};
    for (const auto& [field, value] : got) {
      EXPECT_EQ(value, truth["meta"].value(field, std::string()))
          << entry.path().filename() << " " << field;
      ++fields;
    }
    ++documents;
  }
  EXPECT_GE(documents, 9u) << "the real set's truth is in bench/real/truth";
  EXPECT_GE(fields, 72u);
}

}  // namespace
}  // namespace luutru::extract
