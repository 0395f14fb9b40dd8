#pragma once
// One entry of an execution's history (GetDurableExecutionHistory). The codec decides, per event
// type, which details member carries which of these fields (durable.md §2.5).

#include <cstdint>
#include <optional>
#include <string>

#include "emulator/core/clock.hpp"
#include "emulator/durable/operation.hpp"
#include "emulator/durable/types.hpp"

namespace lemu::durable {

struct HistoryEvent {
    EventType type = EventType::ExecutionStarted;
    std::int64_t event_id = 0;  // 1, 2, ... per execution
    TimePoint timestamp{};
    std::string operation_id;
    std::optional<std::string> name;
    std::optional<std::string> sub_type;
    std::optional<std::string> parent_id;

    std::optional<std::string> payload;  // Input / Result payload
    std::optional<ErrorObject> error;    // Error payload
    std::optional<std::int64_t> execution_timeout;
    std::optional<std::int64_t> duration;  // WaitStarted / WaitSucceeded
    std::optional<TimePoint> scheduled_end;
    std::optional<int> current_attempt;  // RetryDetails
    std::optional<std::int64_t> next_attempt_delay_seconds;
    std::optional<std::string> callback_id;
    std::optional<std::int64_t> timeout;
    std::optional<std::int64_t> heartbeat_timeout;
    std::optional<std::string> function_name;  // ChainedInvokeStarted
    std::optional<std::string> tenant_id;
    std::optional<std::string> executed_version;
    std::optional<std::string> durable_execution_arn;
    std::optional<TimePoint> invocation_start;  // InvocationCompleted
    std::optional<TimePoint> invocation_end;
    std::optional<std::string> request_id;
};

}  // namespace lemu::durable
