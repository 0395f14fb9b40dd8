#pragma once
// The platform lines Lambda writes around each invocation (runtime.md fact 35): START, END, REPORT
// (TAB-separated, ending in a TAB), INIT_START on a cold start, and the timeout line (fact 28).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/clock.hpp"

namespace lemu::invoke {

struct ReportFields {
    double duration_ms = 0;
    int memory_size_mb = 128;
    std::uint64_t max_memory_used_mb = 0;
    std::optional<double> init_duration_ms;  // cold start only
    std::optional<double> billed_cap_ms;     // a timed-out invocation bills at most its timeout
};

// "START RequestId: <id> Version: <ver>"
std::string start_line(std::string_view request_id, std::string_view version);
// "END RequestId: <id>"
std::string end_line(std::string_view request_id);
// "REPORT RequestId: <id>\tDuration: 3.01 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 36
// MB\t" plus "Init Duration: 110.10 ms\t" on a cold start.
std::string report_line(std::string_view request_id, const ReportFields& fields);
// ceil() of the duration as printed (two decimals): 3.01 -> 4, 2.90 -> 3, 3.00 -> 3.
std::int64_t billed_duration_ms(double duration_ms);
// "INIT_START Runtime Version: python:3.12.lemu\tRuntime Version ARN: arn:aws:lambda:<r>::runtime:lemu"
std::string init_start_line(std::string_view runtime, std::string_view region);
// "2024-01-02T03:04:05.678Z <id> Task timed out after 1.00 seconds"
std::string timeout_log_line(TimePoint at, std::string_view request_id, double elapsed_seconds);

}  // namespace lemu::invoke
