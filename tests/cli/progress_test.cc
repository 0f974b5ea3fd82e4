// The progress lines of `luutru ingest`: the terminal bar and the JSON line for logs.
#include "cli/progress.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace luutru::cli {
namespace {

TEST(ProgressTest, TheBarShowsFilesPagesRateAndTimeLeft) {
  ingest::IngestProgress p{
      .files_done = 10, .files_total = 40, .pages = 20, .seconds = 100, .finished = false};
  const std::string line = ProgressBarLine(p, 20);
  EXPECT_EQ(line.substr(0, 22), "[#####...............]");
  EXPECT_NE(line.find("10/40 files  20 pages  0.2 pages/s"), std::string::npos) << line;
  EXPECT_NE(line.find("ETA 5m00s"), std::string::npos) << line;  // 10 s a file, 30 files left
  p.files_done = 40;
  p.finished = true;
  p.seconds = 3725;
  EXPECT_NE(ProgressBarLine(p, 20).find("done in 1h02m"), std::string::npos);
}

TEST(ProgressTest, NoTimeLeftBeforeTheFirstFile) {
  ingest::IngestProgress p{
      .files_done = 0, .files_total = 5, .pages = 0, .seconds = 3, .finished = false};
  EXPECT_EQ(ProgressBarLine(p, 10).find("ETA"), std::string::npos);
  auto j = nlohmann::json::parse(ProgressJsonLine(p))["progress"];
  EXPECT_FALSE(j.contains("eta_seconds"));
}

TEST(ProgressTest, TheJsonLineCarriesTheCounts) {
  ingest::IngestProgress p{
      .files_done = 3, .files_total = 6, .pages = 9, .seconds = 30, .finished = false};
  auto j = nlohmann::json::parse(ProgressJsonLine(p))["progress"];
  EXPECT_EQ(j["files_done"], 3);
  EXPECT_EQ(j["files_total"], 6);
  EXPECT_EQ(j["pages"], 9);
  EXPECT_DOUBLE_EQ(j["pages_per_second"].get<double>(), 0.3);
  EXPECT_DOUBLE_EQ(j["eta_seconds"].get<double>(), 30);
  EXPECT_FALSE(j["finished"].get<bool>());
}

TEST(ProgressTest, StylesParse) {
  ProgressStyle style = ProgressStyle::kAuto;
  EXPECT_TRUE(ParseProgressStyle("json", style));
  EXPECT_EQ(style, ProgressStyle::kJson);
  EXPECT_FALSE(ParseProgressStyle("fancy", style));
}

}  // namespace
}  // namespace luutru::cli
