#include "sources/s3/notification_configuration.hpp"

#include <array>
#include <optional>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"

namespace lemu::sources::s3 {
namespace {

constexpr std::array<std::string_view, 27> kEvents{
    "s3:ReducedRedundancyLostObject",
    "s3:ObjectCreated:*",
    "s3:ObjectCreated:Put",
    "s3:ObjectCreated:Post",
    "s3:ObjectCreated:Copy",
    "s3:ObjectCreated:CompleteMultipartUpload",
    "s3:ObjectRemoved:*",
    "s3:ObjectRemoved:Delete",
    "s3:ObjectRemoved:DeleteMarkerCreated",
    "s3:ObjectRestore:*",
    "s3:ObjectRestore:Post",
    "s3:ObjectRestore:Completed",
    "s3:Replication:*",
    "s3:Replication:OperationFailedReplication",
    "s3:Replication:OperationNotTracked",
    "s3:Replication:OperationMissedThreshold",
    "s3:Replication:OperationReplicatedAfterThreshold",
    "s3:ObjectRestore:Delete",
    "s3:LifecycleTransition",
    "s3:IntelligentTiering",
    "s3:ObjectAcl:Put",
    "s3:LifecycleExpiration:*",
    "s3:LifecycleExpiration:Delete",
    "s3:LifecycleExpiration:DeleteMarkerCreated",
    "s3:ObjectTagging:*",
    "s3:ObjectTagging:Put",
    "s3:ObjectTagging:Delete",
};

constexpr std::size_t kMaxFilterValueBytes = 1024;

// "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE": what S3 can parse before it asks the service.
bool is_parsable_arn(std::string_view arn) {
    auto parts = split(arn, ':');
    if (parts.size() < 6 || parts[0] != "arn") {
        return false;
    }
    return !parts[1].empty() && !parts[2].empty() && !parts[5].empty();
}

// "s3:ObjectCreated:*" -> "s3:ObjectCreated:"; nullopt for names without a wildcard.
std::optional<std::string_view> wildcard_family(std::string_view event) {
    if (event.ends_with(":*")) {
        return event.substr(0, event.size() - 1);
    }
    return std::nullopt;
}

bool event_covers(std::string_view configured, std::string_view event) {
    if (configured == event) {
        return true;
    }
    auto family = wildcard_family(configured);
    return family && event.starts_with(*family);
}

std::string rule_value(const std::vector<FilterRule>& rules, std::string_view name) {
    for (const auto& rule : rules) {
        if (rule.name == name) {
            return rule.value;
        }
    }
    return {};
}

AwsError rule_error(std::string message, const FilterRule& rule) {
    AwsError error(ErrorCode::InvalidArgument, std::move(message));
    error.with("ArgumentName", "FilterRule.Name").with("ArgumentValue", rule.name);
    return error;
}

void normalise_rules(std::vector<FilterRule>& rules) {
    bool has_prefix = false;
    bool has_suffix = false;
    for (auto& rule : rules) {
        std::string lower = to_lower(rule.name);
        if (lower != "prefix" && lower != "suffix") {
            throw rule_error("filter rule name must be either prefix or suffix", rule);
        }
        bool& seen = lower == "prefix" ? has_prefix : has_suffix;
        if (seen) {
            throw rule_error("Cannot specify more than one " + lower + " rule in a filter.", rule);
        }
        seen = true;
        rule.name = lower == "prefix" ? "Prefix" : "Suffix";
        if (rule.value.size() > kMaxFilterValueBytes) {
            throw rule_error("Size of filter rule value cannot exceed 1024 bytes in UTF-8 representation", rule);
        }
    }
}

}  // namespace

bool is_notification_event(std::string_view event) {
    for (auto known : kEvents) {
        if (known == event) {
            return true;
        }
    }
    return false;
}

bool events_overlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (const auto& x : a) {
        for (const auto& y : b) {
            if (event_covers(x, y) || event_covers(y, x)) {
                return true;
            }
            auto fx = wildcard_family(x);
            auto fy = wildcard_family(y);
            if (fx && fy && *fx == *fy) {
                return true;
            }
        }
    }
    return false;
}

bool filters_overlap(const std::vector<FilterRule>& a, const std::vector<FilterRule>& b) {
    // Keys are unbounded, so a key with both prefixes and both suffixes exists exactly when each
    // pair of prefixes (and of suffixes) is nested; an absent rule is the empty string.
    std::string pa = rule_value(a, "Prefix");
    std::string pb = rule_value(b, "Prefix");
    std::string sa = rule_value(a, "Suffix");
    std::string sb = rule_value(b, "Suffix");
    bool prefixes = pa.starts_with(pb) || pb.starts_with(pa);
    bool suffixes = sa.ends_with(sb) || sb.ends_with(sa);
    return prefixes && suffixes;
}

void validate_configuration(NotificationConfiguration& config, Random& random) {
    // The ARN check comes first and wins over every other problem (LS-S3N test_multiple_invalid_*).
    for (const auto& c : config.lambda) {
        if (!is_parsable_arn(c.function_arn)) {
            throw AwsError(ErrorCode::InvalidArgument, "The ARN could not be parsed")
                .with("ArgumentName", "CloudFunction")
                .with("ArgumentValue", c.function_arn);
        }
    }
    for (auto& c : config.lambda) {
        if (c.id.empty()) {
            c.id = random_hex(random, 8) + "-" + random_hex(random, 4) + "-" + random_hex(random, 4) + "-" +
                   random_hex(random, 4) + "-" + random_hex(random, 12);
        }
        for (const auto& event : c.events) {
            if (!is_notification_event(event)) {
                throw AwsError(ErrorCode::InvalidArgument, "The event is not supported for notifications")
                    .with("ArgumentName", "Event")
                    .with("ArgumentValue", event);
            }
        }
        normalise_rules(c.filter_rules);
    }
    for (std::size_t i = 0; i < config.lambda.size(); ++i) {
        for (std::size_t j = i + 1; j < config.lambda.size(); ++j) {
            const auto& a = config.lambda[i];
            const auto& b = config.lambda[j];
            if (events_overlap(a.events, b.events) && filters_overlap(a.filter_rules, b.filter_rules)) {
                throw AwsError(ErrorCode::InvalidArgument,
                               "Configurations overlap. Configurations on the same bucket cannot share a common "
                               "event type.");
            }
        }
    }
}

bool configuration_matches(const LambdaConfiguration& config, std::string_view event_name,
                           std::string_view event_key) {
    bool wanted = false;
    for (const auto& configured : config.events) {
        wanted = wanted || event_covers(configured, event_name);
    }
    if (!wanted) {
        return false;
    }
    for (const auto& rule : config.filter_rules) {
        if (rule.name == "Prefix" && !event_key.starts_with(rule.value)) {
            return false;
        }
        if (rule.name == "Suffix" && !event_key.ends_with(rule.value)) {
            return false;
        }
    }
    return true;
}

}  // namespace lemu::sources::s3
