#include "emulator/invoke/platform_log.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "emulator/invoke/function_errors.hpp"

namespace lemu::invoke {

std::string start_line(std::string_view request_id, std::string_view version) {
    return fmt::format("START RequestId: {} Version: {}", request_id, version);
}

std::string end_line(std::string_view request_id) {
    return fmt::format("END RequestId: {}", request_id);
}

std::int64_t billed_duration_ms(double duration_ms) {
    // Round to the printed hundredths first, so the billed figure never disagrees with the printed one.
    double hundredths = std::round(std::max(duration_ms, 0.0) * 100.0);
    return static_cast<std::int64_t>(std::ceil(hundredths / 100.0));
}

std::string report_line(std::string_view request_id, const ReportFields& fields) {
    std::int64_t billed = billed_duration_ms(fields.duration_ms);
    if (fields.billed_cap_ms) {
        billed = std::min(billed, static_cast<std::int64_t>(*fields.billed_cap_ms));
    }
    std::string line = fmt::format(
        "REPORT RequestId: {}\tDuration: {} ms\tBilled Duration: {} ms\tMemory Size: {} MB\tMax Memory Used: "
        "{} MB\t",
        request_id, two_decimals(fields.duration_ms), billed, fields.memory_size_mb,
        fields.max_memory_used_mb);
    if (fields.init_duration_ms) {
        line += fmt::format("Init Duration: {} ms\t", two_decimals(*fields.init_duration_ms));
    }
    return line;
}

std::string init_start_line(std::string_view runtime, std::string_view region) {
    // AWS prints "python:3.12.v18" for python3.12 and "provided:al2023.v50" for provided.al2023.
    std::string name(runtime);
    if (auto dot = name.find('.'); runtime.starts_with("provided") && dot != std::string::npos) {
        name[dot] = ':';
    } else if (auto digit = runtime.find_first_of("0123456789"); digit != std::string_view::npos) {
        name = fmt::format("{}:{}", runtime.substr(0, digit), runtime.substr(digit));
    }
    return fmt::format(
        "INIT_START Runtime Version: {}.lemu\tRuntime Version ARN: arn:aws:lambda:{}::runtime:lemu", name,
        region);
}

std::string timeout_log_line(TimePoint at, std::string_view request_id, double elapsed_seconds) {
    return fmt::format("{} {} Task timed out after {} seconds", iso8601_millis(at), request_id,
                       two_decimals(elapsed_seconds));
}

}  // namespace lemu::invoke
