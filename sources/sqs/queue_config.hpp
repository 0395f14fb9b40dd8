#pragma once
// The configurable attributes of one queue, typed, with AWS's validation rules and messages.
// SQS exposes queue configuration as a string map (CreateQueue/SetQueueAttributes/GetQueueAttributes),
// so the attribute names ("VisibilityTimeout", ...) are part of the service's vocabulary, not only of
// its wire format: error texts such as "Unknown Attribute X." name them.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace lemu::sources::sqs {

using AttributeMap = std::map<std::string, std::string>;

inline constexpr int kDefaultMaximumMessageSize = 1'048'576;  // 1 MiB since 2025 (was 256 KiB)
inline constexpr int kMaxVisibilityTimeout = 43'200;         // 12 hours
inline constexpr int kMaxDelaySeconds = 900;
inline constexpr int kMaxWaitTimeSeconds = 20;

struct RedrivePolicy {
    std::string dead_letter_target_arn;
    int max_receive_count = 0;
    bool operator==(const RedrivePolicy&) const = default;
};

struct QueueConfig {
    bool fifo = false;
    int delay_seconds = 0;
    int maximum_message_size = kDefaultMaximumMessageSize;
    int message_retention_period = 345'600;  // 4 days
    int receive_wait_seconds = 0;
    int visibility_timeout = 30;
    std::optional<RedrivePolicy> redrive_policy;
    std::string policy;                // empty: none
    std::string redrive_allow_policy;  // empty: none
    std::string kms_master_key_id;     // empty: SSE-SQS (or none)
    int kms_data_key_reuse_period = 300;
    bool sqs_managed_sse = true;
    // FIFO only.
    bool content_based_deduplication = false;
    std::string deduplication_scope = "queue";
    std::string fifo_throughput_limit = "perQueue";
};

enum class AttributeContext { Create, Set };

// Validates `attributes` and applies them to `config` (which already says whether the queue is FIFO).
// Throws AwsError with AWS's code and text; `config` is left unchanged on error.
void apply_attributes(QueueConfig& config, const AttributeMap& attributes, AttributeContext context);

// The value GetQueueAttributes reports for a configurable attribute, or nullopt when the queue does not
// report it (an unset Policy, a FIFO attribute on a standard queue, ...).
std::optional<std::string> config_attribute(const QueueConfig& config, std::string_view name);

// Every configurable attribute this queue reports.
AttributeMap config_attributes(const QueueConfig& config);

// True for every name in the QueueAttributeName enumeration (configurable or computed, plus "All").
bool is_known_attribute_name(std::string_view name);

// The compact JSON AWS reports for a redrive policy.
std::string redrive_policy_json(const RedrivePolicy& policy);

}  // namespace lemu::sources::sqs
