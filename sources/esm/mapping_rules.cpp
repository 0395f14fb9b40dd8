#include "sources/esm/mapping_rules.hpp"

#include <fmt/format.h>

#include "emulator/core/text.hpp"

namespace lemu::sources::esm {
namespace {

AwsError invalid(std::string message) {
    return AwsError(ErrorCode::InvalidParameterValue, std::move(message));
}

}  // namespace

AwsError unrecognized_event_source() {
    return invalid("Unrecognized event source.");
}

AwsError function_does_not_exist() {
    return invalid("Function does not exist");
}

AwsError queue_does_not_exist() {
    return invalid(
        "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS "
        "Error "
        "Message: The specified queue does not exist.");
}

AwsError mapping_not_found() {
    return AwsError(ErrorCode::ResourceNotFound, "The resource you requested does not exist.");
}

AwsError duplicate_mapping(std::string_view source_arn, std::string_view function_arn,
                           std::string_view uuid) {
    return AwsError(
        ErrorCode::ResourceConflict,
        fmt::format("An event source mapping with SQS arn (\" {} \") and function (\" {} \") already "
                    "exists. Please update or delete the existing mapping with UUID {}",
                    source_arn, function_part(function_arn), uuid));
}

void check_batching(int batch_size, int maximum_batching_window, bool fifo) {
    if (batch_size > kMaxUnbatchedSize && maximum_batching_window == 0) {
        throw invalid(
            "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than "
            "10");
    }
    if (fifo && maximum_batching_window > 0) {
        throw invalid("Batching window is not supported for FIFO queues");
    }
}

void check_visibility(int queue_visibility_seconds, int function_timeout_seconds) {
    if (queue_visibility_seconds < function_timeout_seconds) {
        throw invalid(
            fmt::format("Queue visibility timeout: {} seconds is less than Function timeout: {} seconds",
                        queue_visibility_seconds, function_timeout_seconds));
    }
}

std::string mapping_arn(const AccountRegion& home, std::string_view uuid) {
    return fmt::format("arn:aws:lambda:{}:{}:event-source-mapping:{}", home.region, home.account, uuid);
}

std::string_view function_part(std::string_view function_arn) {
    constexpr std::string_view kMarker = ":function:";
    std::size_t at = function_arn.find(kMarker);
    return at == std::string_view::npos ? function_arn : function_arn.substr(at + kMarker.size());
}

std::string sqs_queue_name(std::string_view arn) {
    std::vector<std::string_view> parts = split(arn, ':');
    if (parts.size() != 6 || parts[0] != "arn" || parts[2] != "sqs" || parts[5].empty()) {
        return "";
    }
    return std::string(parts[5]);
}

}  // namespace lemu::sources::esm
