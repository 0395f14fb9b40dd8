#pragma once
// The vocabulary of durable executions: operation types, actions and statuses, execution statuses
// and history event types, with their names as the Lambda durable API spells them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lemu::durable {

enum class OperationType { Execution, Context, Step, Wait, Callback, ChainedInvoke };
enum class OperationAction { Start, Succeed, Fail, Retry, Cancel };
enum class OperationStatus { Started, Pending, Ready, Succeeded, Failed, Cancelled, TimedOut, Stopped };
enum class ExecutionStatus { Running, Succeeded, Failed, TimedOut, Stopped };

enum class EventType {
    ExecutionStarted,
    ExecutionSucceeded,
    ExecutionFailed,
    ExecutionTimedOut,
    ExecutionStopped,
    ContextStarted,
    ContextSucceeded,
    ContextFailed,
    WaitStarted,
    WaitSucceeded,
    WaitCancelled,
    StepStarted,
    StepSucceeded,
    StepFailed,
    ChainedInvokeStarted,
    ChainedInvokeSucceeded,
    ChainedInvokeFailed,
    ChainedInvokeTimedOut,
    ChainedInvokeStopped,
    CallbackStarted,
    CallbackSucceeded,
    CallbackFailed,
    CallbackTimedOut,
    InvocationCompleted,
};

std::string_view to_string(OperationType v);
std::string_view to_string(OperationAction v);
std::string_view to_string(OperationStatus v);
std::string_view to_string(ExecutionStatus v);
std::string_view to_string(EventType v);

std::optional<OperationType> parse_operation_type(std::string_view s);
std::optional<OperationAction> parse_operation_action(std::string_view s);
std::optional<OperationStatus> parse_operation_status(std::string_view s);
std::optional<ExecutionStatus> parse_execution_status(std::string_view s);
std::optional<EventType> parse_event_type(std::string_view s);

// "[EXECUTION, CONTEXT, ...]" as quoted in validation messages.
std::string enum_value_set(const std::vector<std::string_view>& values);
std::vector<std::string_view> all_operation_types();
std::vector<std::string_view> all_operation_actions();
std::vector<std::string_view> all_execution_statuses();

inline bool is_terminal(OperationStatus s) {
    return s == OperationStatus::Succeeded || s == OperationStatus::Failed || s == OperationStatus::Cancelled ||
           s == OperationStatus::TimedOut || s == OperationStatus::Stopped;
}

}  // namespace lemu::durable
