#pragma once
// The durable wire shapes shared by the REST router and the runner: Operation, OperationUpdate,
// ErrorObject and history events as JSON, the handler's invocation event (durable.md §3.1) and its
// result (§3.2). REST bodies carry timestamps as epoch seconds; the invocation event as epoch millis.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

#include "emulator/durable/durable_execution.hpp"

namespace lemu::durable::wire {

enum class TimeFormat { EpochSeconds, EpochMillis };

// Invocation events larger than this page their operations through NextMarker (the invoke payload
// limit is 6 MB; the rest is headroom for the envelope).
inline constexpr std::size_t kEventOperationBudget = 5 * 1024 * 1024;

nlohmann::json timestamp(TimePoint t, TimeFormat format);
nlohmann::json error_to_json(const ErrorObject& error);
nlohmann::json operation_to_json(const Operation& op, TimeFormat format);
nlohmann::json operations_to_json(const std::vector<Operation>& ops, TimeFormat format);
nlohmann::json event_to_json(const HistoryEvent& event, bool include_data);

// Throw InvalidRequestContentException for a wrong JSON type and ValidationException (the AWS
// message format) for a constraint of the model; `path` names the field in the message.
ErrorObject error_from_json(const nlohmann::json& j, const std::string& path);
OperationUpdate update_from_json(const nlohmann::json& j, std::size_t index);

// The payload the handler is invoked with.
std::string invocation_event(const InvocationStart& start, std::size_t operation_budget = kEventOperationBudget);
// The handler's answer; `function_error` is the invoke layer's "the function itself failed".
InvocationOutcome parse_invocation_result(std::string_view payload, bool function_error);

}  // namespace lemu::durable::wire
