#pragma once
// Wire shapes of the small function-level settings: reserved concurrency, tags, async-invoke configs and
// the account settings.

#include <map>
#include <optional>
#include <string>

#include "emulator/control/event_invoke_config.hpp"
#include "emulator/control/function_registry.hpp"
#include "routers/lambda/json_input.hpp"

namespace lemu::routers::lambda {

int decode_reserved_concurrency(const JsonInput& in);
Json encode_reserved_concurrency(std::optional<int> reserved);

std::map<std::string, std::string> decode_tags(const JsonInput& in);
Json encode_tags(const std::map<std::string, std::string>& tags);

control::EventInvokeConfigPatch decode_event_invoke_config(const JsonInput& in);
Json encode_event_invoke_config(const control::EventInvokeConfig& config, const std::string& function_arn);
// {"FunctionEventInvokeConfigs": [...], "NextMarker": ...}; keys are the qualifiers ("$LATEST", "1", "live").
Json encode_event_invoke_page(const control::Page<std::pair<std::string, control::EventInvokeConfig>>& page,
                              const std::string& function, const AccountRegion& home);

Json encode_account_settings(const control::AccountUsage& usage, std::uint64_t layer_code_size);

}  // namespace lemu::routers::lambda
