#include "cli/progress.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>

namespace luutru::cli {
namespace {

// Seconds left, from the pace of the files finished so far; negative when unknown.
double EtaSeconds(const ingest::IngestProgress& p) {
  if (p.files_done == 0 || p.files_total <= p.files_done)
    return p.files_total <= p.files_done ? 0 : -1;
  return p.seconds / p.files_done * (p.files_total - p.files_done);
}

std::string Duration(double seconds) {
  long s = std::lround(seconds);
  char text[32];
  if (s >= 3600) {
    std::snprintf(text, sizeof text, "%ldh%02ldm", s / 3600, s % 3600 / 60);
  } else {
    std::snprintf(text, sizeof text, "%ldm%02lds", s / 60, s % 60);
  }
  return text;
}

}  // namespace

bool ParseProgressStyle(const std::string& text, ProgressStyle& style) {
  if (text == "auto")
    style = ProgressStyle::kAuto;
  else if (text == "bar")
    style = ProgressStyle::kBar;
  else if (text == "json")
    style = ProgressStyle::kJson;
  else if (text == "none")
    style = ProgressStyle::kNone;
  else
    return false;
  return true;
}

std::string ProgressBarLine(const ingest::IngestProgress& p, int width) {
  const double share =
      p.files_total > 0 ? std::min(1.0, static_cast<double>(p.files_done) / p.files_total) : 1.0;
  const int filled = static_cast<int>(share * width);
  std::string line = "[" + std::string(static_cast<size_t>(filled), '#') +
                     std::string(static_cast<size_t>(width - filled), '.') + "] ";
  char text[160];
  const double rate = p.seconds > 0 ? p.pages / p.seconds : 0;
  std::snprintf(text, sizeof text, "%d/%d files  %d pages  %.1f pages/s", p.files_done,
                p.files_total, p.pages, rate);
  line += text;
  const double eta = EtaSeconds(p);
  if (p.finished) {
    line += "  done in " + Duration(p.seconds);
  } else if (eta >= 0) {
    line += "  ETA " + Duration(eta);
  }
  return line;
}

std::string ProgressJsonLine(const ingest::IngestProgress& p) {
  nlohmann::ordered_json j{
      {"files_done", p.files_done},
      {"files_total", p.files_total},
      {"pages", p.pages},
      {"pages_per_second", p.seconds > 0 ? std::round(p.pages / p.seconds * 100) / 100 : 0.0},
      {"seconds", std::round(p.seconds)},
      {"finished", p.finished}};
  const double eta = EtaSeconds(p);
  if (eta >= 0) j["eta_seconds"] = std::round(eta);
  return nlohmann::json{{"progress", j}}.dump();
}

// The bar, and the log sink that writes log lines above it: the line is cleared, the log line
// written, the bar drawn again.
struct ProgressDisplay::Bar : spdlog::sinks::base_sink<std::mutex> {
  std::vector<spdlog::sink_ptr> inner;
  std::string line;

  void Draw(const std::string& text) {
    std::lock_guard<std::mutex> lock(mutex_);
    line = text;
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
  }
  void Finish() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!line.empty()) std::fputc('\n', stderr);
    line.clear();
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    for (auto& sink : inner) {
      if (sink->should_log(msg.level)) {
        sink->log(msg);
        sink->flush();
      }
    }
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
  }
  void flush_() override {}
};

ProgressDisplay::ProgressDisplay(ProgressStyle style) : style_(style) {
  if (style_ == ProgressStyle::kAuto)
    style_ = ::isatty(STDERR_FILENO) ? ProgressStyle::kBar : ProgressStyle::kJson;
  if (style_ == ProgressStyle::kBar) {
    bar_ = std::make_shared<Bar>();
    auto& sinks = spdlog::default_logger()->sinks();
    bar_->inner = sinks;
    sinks = {bar_};
  }
}

ProgressDisplay::~ProgressDisplay() {
  if (bar_) {
    bar_->Finish();
    spdlog::default_logger()->sinks() = bar_->inner;
  }
}

void ProgressDisplay::Update(const ingest::IngestProgress& progress) {
  switch (style_) {
    case ProgressStyle::kBar:
      bar_->Draw(ProgressBarLine(progress, 30));
      if (progress.finished) bar_->Finish();
      break;
    case ProgressStyle::kJson:
      if (progress.finished || last_json_at_ < 0 || progress.seconds - last_json_at_ >= 10) {
        last_json_at_ = progress.seconds;
        std::fprintf(stderr, "%s\n", ProgressJsonLine(progress).c_str());
      }
      break;
    default:
      break;
  }
}

}  // namespace luutru::cli
