#pragma once
// A bucket's notification configuration (Lambda destinations) and AWS's rules for it: which event
// names exist, how filter rules are written, when two configurations overlap, and which
// configurations an object event matches. Pure logic; the wire shape lives in routers/s3.

#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/random.hpp"

namespace lemu::sources::s3 {

struct FilterRule {
    std::string name;  // "Prefix" or "Suffix" once normalised (accepted in any case)
    std::string value;
};

struct LambdaConfiguration {
    std::string id;
    std::string function_arn;  // as configured: unqualified, or qualified with a version or an alias
    std::vector<std::string> events;  // "s3:ObjectCreated:*", "s3:ObjectRemoved:Delete", ...
    std::vector<FilterRule> filter_rules;
};

struct NotificationConfiguration {
    std::vector<LambdaConfiguration> lambda;

    bool empty() const { return lambda.empty(); }
};

// True for the event names S3 notifications accept (the s3 model's Event enum).
bool is_notification_event(std::string_view event);

// Checks and normalises a configuration the way PutBucketNotificationConfiguration does before it
// looks at destinations: unparsable ARNs, unknown events, bad filter rules, overlapping
// configurations. Generates missing ids with `random` and capitalises rule names. Throws AwsError.
void validate_configuration(NotificationConfiguration& config, Random& random);

// True when an event of `event_name` ("s3:ObjectCreated:Put") on an object whose event key (URL
// encoded, see encode_event_key) is `event_key` is delivered to `config`.
bool configuration_matches(const LambdaConfiguration& config, std::string_view event_name, std::string_view event_key);

// True when some event name matches both lists (exact names or "family:*" wildcards).
bool events_overlap(const std::vector<std::string>& a, const std::vector<std::string>& b);
// True when some key passes both rule sets.
bool filters_overlap(const std::vector<FilterRule>& a, const std::vector<FilterRule>& b);

}  // namespace lemu::sources::s3
