#pragma once
// One environment's log stream (the CloudWatch stream of real Lambda): the runtime's stdout and
// stderr plus the platform lines, written to lemu's "function" logger tagged with function, executed
// version and request id, and kept in the current invocation's tail when the caller asked for it.
// Thread-safe: lines arrive from I/O threads and from ProcessHandle::flush_output().

#include <spdlog/logger.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/invoke/log_tail.hpp"
#include "emulator/invoke/process_launcher.hpp"

namespace lemu::invoke {

class FunctionLog final : public OutputSink {
public:
    FunctionLog(std::string_view function, std::string_view version, std::size_t tail_bytes);

    void on_line(OutputStream stream, std::string_view line) override;
    // A platform line (START, END, REPORT, INIT_START, the timeout line).
    void platform(std::string_view line);
    // Lines from now on belong to `request_id`; with `keep_tail` they are also kept for the tail.
    void begin_invocation(std::string_view request_id, bool keep_tail);
    // Ends the current invocation and returns its tail ("" when it was not kept).
    std::string end_invocation();

private:
    void write(std::string_view line);  // mutex_ held

    std::mutex mutex_;
    std::shared_ptr<spdlog::logger> logger_;
    std::string stream_;  // "function:version"
    std::string request_id_;
    std::size_t tail_bytes_;
    std::optional<LogTail> tail_;
};

}  // namespace lemu::invoke
