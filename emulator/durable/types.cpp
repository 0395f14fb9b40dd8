#include "emulator/durable/types.hpp"

#include <array>

namespace lemu::durable {
namespace {

constexpr std::array kOperationTypes{"EXECUTION", "CONTEXT", "STEP", "WAIT", "CALLBACK", "CHAINED_INVOKE"};
constexpr std::array kOperationActions{"START", "SUCCEED", "FAIL", "RETRY", "CANCEL"};
constexpr std::array kOperationStatuses{"STARTED",   "PENDING",   "READY",     "SUCCEEDED",
                                        "FAILED",    "CANCELLED", "TIMED_OUT", "STOPPED"};
constexpr std::array kExecutionStatuses{"RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "STOPPED"};
constexpr std::array kEventTypes{
    "ExecutionStarted",       "ExecutionSucceeded",    "ExecutionFailed",       "ExecutionTimedOut",
    "ExecutionStopped",       "ContextStarted",        "ContextSucceeded",      "ContextFailed",
    "WaitStarted",            "WaitSucceeded",         "WaitCancelled",         "StepStarted",
    "StepSucceeded",          "StepFailed",            "ChainedInvokeStarted",  "ChainedInvokeSucceeded",
    "ChainedInvokeFailed",    "ChainedInvokeTimedOut", "ChainedInvokeStopped",  "CallbackStarted",
    "CallbackSucceeded",      "CallbackFailed",        "CallbackTimedOut",      "InvocationCompleted",
};

template <typename Enum, std::size_t N>
std::optional<Enum> parse(const std::array<const char*, N>& names, std::string_view s) {
    for (std::size_t i = 0; i < N; ++i) {
        if (s == names[i]) {
            return static_cast<Enum>(i);
        }
    }
    return std::nullopt;
}

template <std::size_t N>
std::vector<std::string_view> all(const std::array<const char*, N>& names) {
    return {names.begin(), names.end()};
}

}  // namespace

std::string_view to_string(OperationType v) { return kOperationTypes[static_cast<std::size_t>(v)]; }
std::string_view to_string(OperationAction v) { return kOperationActions[static_cast<std::size_t>(v)]; }
std::string_view to_string(OperationStatus v) { return kOperationStatuses[static_cast<std::size_t>(v)]; }
std::string_view to_string(ExecutionStatus v) { return kExecutionStatuses[static_cast<std::size_t>(v)]; }
std::string_view to_string(EventType v) { return kEventTypes[static_cast<std::size_t>(v)]; }

std::optional<OperationType> parse_operation_type(std::string_view s) {
    return parse<OperationType>(kOperationTypes, s);
}
std::optional<OperationAction> parse_operation_action(std::string_view s) {
    return parse<OperationAction>(kOperationActions, s);
}
std::optional<OperationStatus> parse_operation_status(std::string_view s) {
    return parse<OperationStatus>(kOperationStatuses, s);
}
std::optional<ExecutionStatus> parse_execution_status(std::string_view s) {
    return parse<ExecutionStatus>(kExecutionStatuses, s);
}
std::optional<EventType> parse_event_type(std::string_view s) { return parse<EventType>(kEventTypes, s); }

std::string enum_value_set(const std::vector<std::string_view>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        out += (i == 0 ? "" : ", ");
        out += values[i];
    }
    return out + "]";
}

std::vector<std::string_view> all_operation_types() { return all(kOperationTypes); }
std::vector<std::string_view> all_operation_actions() { return all(kOperationActions); }
std::vector<std::string_view> all_execution_statuses() { return all(kExecutionStatuses); }

}  // namespace lemu::durable
