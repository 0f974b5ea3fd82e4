#include "core/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "core/strings.h"

namespace luutru {
namespace {

// %* : the message, control characters and bytes that are not UTF-8 escaped.
class EscapedMessage : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    const std::string shown =
        EscapeForDisplay(std::string_view(msg.payload.data(), msg.payload.size()));
    dest.append(shown.data(), shown.data() + shown.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<EscapedMessage>();
  }
};

}  // namespace

std::unique_ptr<spdlog::formatter> LogFormatter() {
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<EscapedMessage>('*').set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%-5l%$ %*");
  return formatter;
}

void SetupLogging(const LogOptions& options) {
  auto logger = spdlog::stderr_color_mt("luutru");
  logger->set_formatter(LogFormatter());
  logger->set_level(spdlog::level::from_str(options.level));
  spdlog::set_default_logger(logger);
}

}  // namespace luutru
