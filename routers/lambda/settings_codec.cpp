#include "routers/lambda/settings_codec.hpp"

#include <chrono>
#include <climits>

#include "emulator/control/code_store.hpp"
#include "routers/lambda/patterns.hpp"

namespace lemu::routers::lambda {
namespace {

constexpr std::uint64_t kTotalCodeSize = 80'530'636'800;

std::optional<std::string> destination(const std::optional<JsonInput>& config, std::string_view member,
                                       std::string_view field, Violations& v) {
    if (!config) {
        return std::nullopt;
    }
    std::optional<JsonInput> target = config->object(member);
    if (!target) {
        return std::nullopt;
    }
    std::optional<std::string> arn = target->string("Destination");
    v.max_length(arn, field, 350);
    v.pattern(arn, field, patterns::kDestination);
    return arn.value_or("");
}

}  // namespace

int decode_reserved_concurrency(const JsonInput& in) {
    Violations v;
    std::optional<std::int64_t> reserved = in.integer("ReservedConcurrentExecutions");
    v.required(reserved.has_value(), "reservedConcurrentExecutions");
    v.range(reserved, "reservedConcurrentExecutions", 0, INT_MAX);
    v.throw_if_any();
    return static_cast<int>(*reserved);
}

Json encode_reserved_concurrency(std::optional<int> reserved) {
    Json out = Json::object();
    if (reserved) {
        out["ReservedConcurrentExecutions"] = *reserved;
    }
    return out;
}

std::map<std::string, std::string> decode_tags(const JsonInput& in) {
    Violations v;
    std::optional<StringPairs> tags = in.string_map("Tags");
    v.required(tags.has_value(), "tags");
    v.throw_if_any();
    return std::map<std::string, std::string>(tags->begin(), tags->end());
}

Json encode_tags(const std::map<std::string, std::string>& tags) {
    return Json{{"Tags", Json(tags)}};
}

control::EventInvokeConfigPatch decode_event_invoke_config(const JsonInput& in) {
    control::EventInvokeConfigPatch patch;
    Violations v;
    std::optional<std::int64_t> retries = in.integer("MaximumRetryAttempts");
    v.range(retries, "maximumRetryAttempts", 0, 2);
    std::optional<std::int64_t> age = in.integer("MaximumEventAgeInSeconds");
    v.range(age, "maximumEventAgeInSeconds", 60, 21600);
    std::optional<JsonInput> config = in.object("DestinationConfig");
    patch.on_success_destination =
        destination(config, "OnSuccess", "destinationConfig.onSuccess.destination", v);
    patch.on_failure_destination =
        destination(config, "OnFailure", "destinationConfig.onFailure.destination", v);
    v.throw_if_any();
    if (retries) {
        patch.maximum_retry_attempts = static_cast<int>(*retries);
    }
    if (age) {
        patch.maximum_event_age_seconds = static_cast<int>(*age);
    }
    return patch;
}

Json encode_event_invoke_config(const control::EventInvokeConfig& config, const std::string& function_arn) {
    Json out = Json::object();
    out["LastModified"] = std::chrono::duration<double>(config.last_modified.time_since_epoch())
                              .count();  // a timestamp: epoch seconds
    out["FunctionArn"] = function_arn;
    if (config.maximum_retry_attempts) {
        out["MaximumRetryAttempts"] = *config.maximum_retry_attempts;
    }
    if (config.maximum_event_age_seconds) {
        out["MaximumEventAgeInSeconds"] = *config.maximum_event_age_seconds;
    }
    auto target = [](const std::string& arn) {
        return arn.empty() ? Json::object() : Json{{"Destination", arn}};
    };
    out["DestinationConfig"] = Json{{"OnSuccess", target(config.on_success_destination)},
                                    {"OnFailure", target(config.on_failure_destination)}};
    return out;
}

Json encode_event_invoke_page(const control::Page<std::pair<std::string, control::EventInvokeConfig>>& page,
                              const std::string& function, const AccountRegion& home) {
    Json items = Json::array();
    for (const auto& [qualifier, config] : page.items) {
        items.push_back(encode_event_invoke_config(config, function_arn(home, function, qualifier)));
    }
    Json out = Json::object();
    out["FunctionEventInvokeConfigs"] = std::move(items);
    if (!page.next_marker.empty()) {
        out["NextMarker"] = page.next_marker;
    }
    return out;
}

Json encode_account_settings(const control::AccountUsage& usage, std::uint64_t layer_code_size) {
    Json limit = Json::object();
    limit["TotalCodeSize"] = kTotalCodeSize;
    limit["CodeSizeUnzipped"] = control::kMaxUnzippedBytes;
    limit["CodeSizeZipped"] = control::kMaxZippedBytes;
    limit["ConcurrentExecutions"] = usage.account_concurrency;
    limit["UnreservedConcurrentExecutions"] = usage.account_concurrency - usage.reserved_concurrency;
    Json account_usage = Json::object();
    account_usage["TotalCodeSize"] = usage.total_code_size + layer_code_size;
    account_usage["FunctionCount"] = usage.function_count;
    return Json{{"AccountLimit", std::move(limit)}, {"AccountUsage", std::move(account_usage)}};
}

}  // namespace lemu::routers::lambda
