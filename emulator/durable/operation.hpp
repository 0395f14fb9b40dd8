#pragma once
// One durable operation as the backend records it, and one update as the SDK checkpoints it.
// Payloads are opaque strings (the SDK's serialized JSON); nothing here parses them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/clock.hpp"
#include "emulator/durable/types.hpp"

namespace lemu::durable {

struct ErrorObject {
    std::optional<std::string> message;
    std::optional<std::string> type;
    std::optional<std::string> data;
    std::optional<std::vector<std::string>> stack_trace;

    bool operator==(const ErrorObject&) const = default;
};

// What a CHAINED_INVOKE START resolved its target to (durable.md Rule P7), recorded once.
struct ChainedInvokeState {
    std::string function_name;  // as the SDK sent it (may name an alias)
    std::optional<std::string> tenant_id;
    std::optional<std::string> input;  // the update's Payload: the target's event
    std::string target_function;       // unqualified name of the resolved function
    std::string target_qualifier;      // the qualifier FunctionName named (empty when none)
    std::string executed_version;      // number or $LATEST, resolved at START and never again
    bool durable = false;              // the target is a durable function: it runs as a child execution
    std::string child_name;
    std::string child_id;
    std::optional<std::string> child_arn;
    std::int64_t child_timeout_seconds = 0;
    int child_retention_days = 0;
    bool launched = false;  // the runner (or the store, for a durable child) has started the target
};

struct Operation {
    std::string id;
    std::optional<std::string> parent_id;
    std::optional<std::string> name;
    OperationType type = OperationType::Step;
    std::optional<std::string> sub_type;
    TimePoint start_timestamp{};
    std::optional<TimePoint> end_timestamp;
    OperationStatus status = OperationStatus::Started;
    std::uint64_t sequence = 0;  // start order within the execution

    // Details; which ones a type uses is decided by the codec (ExecutionDetails, StepDetails, ...).
    std::optional<std::string> input_payload;  // EXECUTION
    std::optional<std::string> result;         // CONTEXT, STEP, CALLBACK, CHAINED_INVOKE
    std::optional<ErrorObject> error;          // CONTEXT, STEP, CALLBACK, CHAINED_INVOKE
    bool replay_children = false;              // CONTEXT
    int attempt = 0;                           // STEP: finished attempts
    std::optional<TimePoint> next_attempt;     // STEP, while PENDING
    std::int64_t wait_seconds = 0;             // WAIT
    std::optional<TimePoint> scheduled_end;    // WAIT
    std::optional<std::string> callback_id;    // CALLBACK
    std::int64_t callback_timeout_seconds = 0;    // CALLBACK, 0 = none
    std::int64_t callback_heartbeat_seconds = 0;  // CALLBACK, 0 = none
    std::optional<TimePoint> callback_deadline;   // CALLBACK, while STARTED
    std::optional<TimePoint> heartbeat_deadline;  // CALLBACK, while STARTED
    std::optional<ChainedInvokeState> chained;    // CHAINED_INVOKE
};

struct OperationUpdate {
    std::string id;
    std::optional<std::string> parent_id;
    std::optional<std::string> name;
    OperationType type = OperationType::Step;
    std::optional<std::string> sub_type;
    OperationAction action = OperationAction::Start;
    std::optional<std::string> payload;
    std::optional<ErrorObject> error;
    std::optional<bool> replay_children;                    // ContextOptions
    std::optional<std::int64_t> next_attempt_delay_seconds;  // StepOptions
    bool has_step_options = false;
    std::optional<std::int64_t> wait_seconds;  // WaitOptions
    bool has_wait_options = false;
    std::optional<std::int64_t> callback_timeout_seconds;  // CallbackOptions
    std::optional<std::int64_t> callback_heartbeat_seconds;
    std::optional<std::string> chained_function_name;  // ChainedInvokeOptions
    std::optional<std::string> chained_tenant_id;
};

}  // namespace lemu::durable
