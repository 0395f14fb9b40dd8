#pragma once
// spdlog setup and the named loggers of each module. One line per event; payloads only at debug.

#include <spdlog/spdlog.h>

#include <memory>
#include <string_view>

namespace lemu::log {

// Creates (once) the shared sink and sets the level of every lemu logger. Safe to call again.
void setup(std::string_view level);
// true when `level` names a spdlog level (trace, debug, info, warn, error, critical, off).
bool is_level(std::string_view level);
// A named logger ("http", "lambda", "invoke", "runtime", "sqs", ...) sharing the one sink.
std::shared_ptr<spdlog::logger> get(std::string_view name);

}  // namespace lemu::log
