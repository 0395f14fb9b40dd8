#include "emulator/core/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <mutex>

namespace lemu::log {
namespace {

std::mutex g_mutex;
spdlog::sink_ptr g_sink;
spdlog::level::level_enum g_level = spdlog::level::info;

spdlog::sink_ptr sink_locked() {
    if (!g_sink) {
        g_sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        g_sink->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%-5l%$ [%n] %v");
    }
    return g_sink;
}

}  // namespace

bool is_level(std::string_view level) {
    return spdlog::level::from_str(std::string(level)) != spdlog::level::off || level == "off";
}

void setup(std::string_view level) {
    std::lock_guard lock(g_mutex);
    sink_locked();
    g_level = spdlog::level::from_str(std::string(level));
    spdlog::apply_all([](const std::shared_ptr<spdlog::logger>& logger) { logger->set_level(g_level); });
}

std::shared_ptr<spdlog::logger> get(std::string_view name) {
    std::lock_guard lock(g_mutex);
    std::string key(name);
    if (auto existing = spdlog::get(key)) {
        return existing;
    }
    auto logger = std::make_shared<spdlog::logger>(key, sink_locked());
    logger->set_level(g_level);
    spdlog::register_logger(logger);
    return logger;
}

}  // namespace lemu::log
