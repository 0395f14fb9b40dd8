#include "sources/sqs/queue_config.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <charconv>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"

namespace lemu::sources::sqs {
namespace {

constexpr std::array kAttributeNames{
    "All", "Policy", "VisibilityTimeout", "MaximumMessageSize", "MessageRetentionPeriod",
    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "CreatedTimestamp",
    "LastModifiedTimestamp", "QueueArn", "ApproximateNumberOfMessagesDelayed", "DelaySeconds",
    "ReceiveMessageWaitTimeSeconds", "RedrivePolicy", "FifoQueue", "ContentBasedDeduplication", "KmsMasterKeyId",
    "KmsDataKeyReusePeriodSeconds", "DeduplicationScope", "FifoThroughputLimit", "RedriveAllowPolicy",
    "SqsManagedSseEnabled"};

[[noreturn]] void unknown_attribute(std::string_view name) {
    throw AwsError(ErrorCode::InvalidAttributeName, fmt::format("Unknown Attribute {}.", name));
}

[[noreturn]] void invalid_value(std::string_view name) {
    throw AwsError(ErrorCode::InvalidAttributeValue, fmt::format("Invalid value for the parameter {}.", name));
}

int parse_int(std::string_view name, std::string_view text, int min, int max) {
    std::optional<int> value = parse_number<int>(text);
    if (!value || *value < min || *value > max) {
        invalid_value(name);
    }
    return *value;
}

bool parse_bool(std::string_view name, std::string_view text) {
    if (iequals(text, "true")) {
        return true;
    }
    if (iequals(text, "false")) {
        return false;
    }
    invalid_value(name);
}

[[noreturn]] void invalid_redrive(std::string_view raw, std::string_view reason) {
    throw AwsError(ErrorCode::SqsInvalidParameterValue,
                   fmt::format("Value {} for parameter RedrivePolicy is invalid. Reason: {}", raw, reason));
}

int redrive_count(std::string_view raw, const nlohmann::json& count) {
    long long value = 0;
    std::string shown;
    if (count.is_number_integer()) {
        value = count.get<long long>();
        shown = std::to_string(value);
    } else if (count.is_string()) {
        shown = count.get<std::string>();
        auto [ptr, ec] = std::from_chars(shown.data(), shown.data() + shown.size(), value);
        if (ec != std::errc{} || ptr != shown.data() + shown.size()) {
            value = 0;
        }
    } else {
        shown = count.dump();
    }
    if (value < 1 || value > 1000) {
        invalid_redrive(raw, fmt::format("Invalid value for maxReceiveCount: {}, valid values are from 1 to 1000 both "
                                         "inclusive.",
                                         shown));
    }
    return static_cast<int>(value);
}

std::optional<RedrivePolicy> parse_redrive(const std::string& raw) {
    if (raw.empty()) {
        return std::nullopt;  // SetQueueAttributes with "" removes the policy
    }
    nlohmann::json doc = nlohmann::json::parse(raw, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        throw AwsError(ErrorCode::InvalidAttributeValue,
                       "Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not a valid JSON map.");
    }
    if (!doc.contains("maxReceiveCount")) {
        invalid_redrive(raw, "Redrive policy does not contain mandatory attribute: maxReceiveCount.");
    }
    if (!doc.contains("deadLetterTargetArn")) {
        invalid_redrive(raw, "Redrive policy does not contain mandatory attribute: deadLetterTargetArn.");
    }
    if (doc.size() != 2) {
        invalid_redrive(raw, "Only following attributes are supported: [maxReceiveCount, deadLetterTargetArn].");
    }
    RedrivePolicy policy;
    policy.max_receive_count = redrive_count(raw, doc["maxReceiveCount"]);
    const nlohmann::json& arn = doc["deadLetterTargetArn"];
    auto parts = arn.is_string() ? split(arn.get_ref<const std::string&>(), ':') : std::vector<std::string_view>{};
    if (parts.size() != 6 || parts[0] != "arn" || parts[5].empty()) {
        invalid_redrive(raw, "Invalid value for deadLetterTargetArn.");
    }
    if (parts[2] != "sqs") {
        invalid_redrive(raw, "Only SQS queues are valid resources for deadLetterTargetArn.");
    }
    policy.dead_letter_target_arn = arn.get<std::string>();
    return policy;
}

void require_json_object(std::string_view name, const std::string& raw) {
    nlohmann::json doc = nlohmann::json::parse(raw, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        invalid_value(name);
    }
}

void apply_fifo_only(QueueConfig& c, const std::string& name, const std::string& value) {
    if (!c.fifo) {
        if (name == "ContentBasedDeduplication") {
            unknown_attribute(name);
        }
        throw AwsError(ErrorCode::InvalidAttributeName,
                       fmt::format("You can specify the {} only when FifoQueue is set to true.", name));
    }
    if (name == "ContentBasedDeduplication") {
        c.content_based_deduplication = parse_bool(name, value);
    } else if (name == "DeduplicationScope") {
        if (value != "messageGroup" && value != "queue") {
            invalid_value(name);
        }
        c.deduplication_scope = value;
    } else {
        if (value != "perQueue" && value != "perMessageGroupId") {
            invalid_value(name);
        }
        c.fifo_throughput_limit = value;
    }
}

void apply_one(QueueConfig& c, const std::string& name, const std::string& value, AttributeContext context) {
    if (name == "DelaySeconds") {
        c.delay_seconds = parse_int(name, value, 0, kMaxDelaySeconds);
    } else if (name == "MaximumMessageSize") {
        c.maximum_message_size = parse_int(name, value, 1024, kDefaultMaximumMessageSize);
    } else if (name == "MessageRetentionPeriod") {
        c.message_retention_period = parse_int(name, value, 60, 1'209'600);
    } else if (name == "ReceiveMessageWaitTimeSeconds") {
        c.receive_wait_seconds = parse_int(name, value, 0, kMaxWaitTimeSeconds);
    } else if (name == "VisibilityTimeout") {
        c.visibility_timeout = parse_int(name, value, 0, kMaxVisibilityTimeout);
    } else if (name == "KmsDataKeyReusePeriodSeconds") {
        c.kms_data_key_reuse_period = parse_int(name, value, 60, 86'400);
    } else if (name == "RedrivePolicy") {
        c.redrive_policy = parse_redrive(value);
    } else if (name == "Policy" || name == "RedriveAllowPolicy") {
        if (!value.empty()) {
            require_json_object(name, value);
        }
        (name == "Policy" ? c.policy : c.redrive_allow_policy) = value;
    } else if (name == "KmsMasterKeyId") {
        c.kms_master_key_id = value;
    } else if (name == "SqsManagedSseEnabled") {
        c.sqs_managed_sse = parse_bool(name, value);
    } else if (name == "FifoQueue") {
        if (context == AttributeContext::Set) {
            if (!c.fifo) {
                unknown_attribute(name);
            }
            throw AwsError(ErrorCode::InvalidAttributeValue,
                           "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.");
        }
        if (!c.fifo || !iequals(value, "true")) {
            unknown_attribute(name);
        }
    } else if (name == "ContentBasedDeduplication" || name == "DeduplicationScope" || name == "FifoThroughputLimit") {
        apply_fifo_only(c, name, value);
    } else {
        unknown_attribute(name);  // includes the computed, read-only attributes
    }
}

}  // namespace

void apply_attributes(QueueConfig& config, const AttributeMap& attributes, AttributeContext context) {
    QueueConfig next = config;
    for (const auto& [name, value] : attributes) {
        apply_one(next, name, value, context);
    }
    bool kms = !next.kms_master_key_id.empty();
    if (kms && attributes.contains("SqsManagedSseEnabled") && next.sqs_managed_sse) {
        throw AwsError(ErrorCode::InvalidAttributeName,
                       "You can use one type of server-side encryption (SSE) at one time. You can either enable KMS "
                       "SSE or SQS SSE.");
    }
    if (kms) {
        next.sqs_managed_sse = false;
    }
    config = std::move(next);
}

std::string redrive_policy_json(const RedrivePolicy& policy) {
    return nlohmann::json{{"deadLetterTargetArn", policy.dead_letter_target_arn},
                          {"maxReceiveCount", policy.max_receive_count}}
        .dump();
}

std::optional<std::string> config_attribute(const QueueConfig& c, std::string_view name) {
    auto text = [](bool b) { return std::string(b ? "true" : "false"); };
    if (name == "DelaySeconds") return std::to_string(c.delay_seconds);
    if (name == "MaximumMessageSize") return std::to_string(c.maximum_message_size);
    if (name == "MessageRetentionPeriod") return std::to_string(c.message_retention_period);
    if (name == "ReceiveMessageWaitTimeSeconds") return std::to_string(c.receive_wait_seconds);
    if (name == "VisibilityTimeout") return std::to_string(c.visibility_timeout);
    if (name == "SqsManagedSseEnabled") return text(c.sqs_managed_sse);
    if (name == "RedrivePolicy" && c.redrive_policy) return redrive_policy_json(*c.redrive_policy);
    if (name == "Policy" && !c.policy.empty()) return c.policy;
    if (name == "RedriveAllowPolicy" && !c.redrive_allow_policy.empty()) return c.redrive_allow_policy;
    if (name == "KmsMasterKeyId" && !c.kms_master_key_id.empty()) return c.kms_master_key_id;
    if (name == "KmsDataKeyReusePeriodSeconds" && !c.kms_master_key_id.empty()) {
        return std::to_string(c.kms_data_key_reuse_period);
    }
    if (c.fifo) {
        if (name == "FifoQueue") return text(true);
        if (name == "ContentBasedDeduplication") return text(c.content_based_deduplication);
        if (name == "DeduplicationScope") return c.deduplication_scope;
        if (name == "FifoThroughputLimit") return c.fifo_throughput_limit;
    }
    return std::nullopt;
}

AttributeMap config_attributes(const QueueConfig& config) {
    AttributeMap out;
    for (std::string_view name : kAttributeNames) {
        if (auto value = config_attribute(config, name)) {
            out.emplace(std::string(name), std::move(*value));
        }
    }
    return out;
}

bool is_known_attribute_name(std::string_view name) {
    for (std::string_view known : kAttributeNames) {
        if (known == name) {
            return true;
        }
    }
    return false;
}

}  // namespace lemu::sources::sqs
