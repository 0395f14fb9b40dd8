#include "emulator/control/environment_rules.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"

namespace lemu::control {
namespace {

constexpr std::array<std::string_view, 19> kReserved = {
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
    "TZ",
};

}  // namespace

bool is_reserved_environment_key(std::string_view key) {
    for (std::string_view reserved : kReserved) {
        if (reserved == key) {
            return true;
        }
    }
    return false;
}

void validate_environment(const std::vector<std::pair<std::string, std::string>>& variables) {
    std::vector<std::string> reserved;
    nlohmann::ordered_json measured = nlohmann::ordered_json::object();
    for (const auto& [key, value] : variables) {
        if (is_reserved_environment_key(key)) {
            reserved.push_back(key);
        }
        measured[key] = value;
    }
    if (!reserved.empty()) {
        throw AwsError(
            ErrorCode::InvalidParameterValue,
            "Lambda was unable to configure your environment variables because the environment variables "
            "you have provided contains reserved keys that are currently not supported for modification. "
            "Reserved keys used in this request: " +
                join(reserved, ", "));
    }
    std::string text = measured.dump();
    if (text.size() > kMaxEnvironmentBytes) {
        throw AwsError(
            ErrorCode::InvalidParameterValue,
            "Lambda was unable to configure your environment variables because the environment variables "
            "you have provided exceeded the 4KB limit. String measured: " +
                text);
    }
}

}  // namespace lemu::control
