// History events as GetDurableExecutionHistory returns them (durable.md §2.5): one details member
// per event type, named "<EventType>Details".

#include "emulator/durable/wire_codec.hpp"

namespace lemu::durable::wire {

using nlohmann::json;

namespace {

json payload_member(const HistoryEvent& e, bool include_data) {
    json j = json::object();
    if (include_data && e.payload) {
        j["Payload"] = *e.payload;
    }
    return j;
}

json error_member(const HistoryEvent& e, bool include_data) {
    json j = json::object();
    if (include_data && e.error) {
        j["Payload"] = error_to_json(*e.error);
    }
    return j;
}

json retry_details(const HistoryEvent& e) {
    json j = json::object();
    if (e.current_attempt) {
        j["CurrentAttempt"] = *e.current_attempt;
    }
    if (e.next_attempt_delay_seconds) {
        j["NextAttemptDelaySeconds"] = *e.next_attempt_delay_seconds;
    }
    return j;
}

json details(const HistoryEvent& e, bool data) {
    constexpr auto seconds = TimeFormat::EpochSeconds;
    json d = json::object();
    switch (e.type) {
        case EventType::ExecutionStarted:
            d["Input"] = payload_member(e, data);
            d["ExecutionTimeout"] = e.execution_timeout.value_or(0);
            break;
        case EventType::ExecutionSucceeded:
        case EventType::ContextSucceeded:
        case EventType::ChainedInvokeSucceeded:
        case EventType::CallbackSucceeded:
            d["Result"] = payload_member(e, data);
            break;
        case EventType::ExecutionFailed:
        case EventType::ExecutionStopped:
        case EventType::ContextFailed:
        case EventType::ChainedInvokeFailed:
        case EventType::ChainedInvokeTimedOut:
        case EventType::ChainedInvokeStopped:
        case EventType::CallbackFailed:
        case EventType::CallbackTimedOut:
            d["Error"] = error_member(e, data);
            break;
        case EventType::ExecutionTimedOut:
        case EventType::WaitCancelled:
            if (e.error) {
                d["Error"] = error_member(e, data);
            }
            break;
        case EventType::WaitStarted:
            d["Duration"] = e.duration.value_or(0);
            if (e.scheduled_end) {
                d["ScheduledEndTimestamp"] = timestamp(*e.scheduled_end, seconds);
            }
            break;
        case EventType::WaitSucceeded:
            if (e.duration) {
                d["Duration"] = *e.duration;
            }
            break;
        case EventType::StepSucceeded:
            d["Result"] = payload_member(e, data);
            d["RetryDetails"] = retry_details(e);
            break;
        case EventType::StepFailed:
            d["Error"] = error_member(e, data);
            d["RetryDetails"] = retry_details(e);
            break;
        case EventType::ChainedInvokeStarted:
            d["FunctionName"] = e.function_name.value_or("");
            if (e.tenant_id) {
                d["TenantId"] = *e.tenant_id;
            }
            if (e.payload) {
                d["Input"] = payload_member(e, data);
            }
            if (e.executed_version) {
                d["ExecutedVersion"] = *e.executed_version;
            }
            if (e.durable_execution_arn) {
                d["DurableExecutionArn"] = *e.durable_execution_arn;
            }
            break;
        case EventType::CallbackStarted:
            d["CallbackId"] = e.callback_id.value_or("");
            if (e.heartbeat_timeout) {
                d["HeartbeatTimeout"] = *e.heartbeat_timeout;
            }
            if (e.timeout) {
                d["Timeout"] = *e.timeout;
            }
            break;
        case EventType::InvocationCompleted:
            if (e.invocation_start) {
                d["StartTimestamp"] = timestamp(*e.invocation_start, seconds);
            }
            if (e.invocation_end) {
                d["EndTimestamp"] = timestamp(*e.invocation_end, seconds);
            }
            d["RequestId"] = e.request_id.value_or("");
            if (e.error) {
                d["Error"] = error_member(e, data);
            }
            break;
        case EventType::ContextStarted:
        case EventType::StepStarted:
            break;
    }
    return d;
}

}  // namespace

json event_to_json(const HistoryEvent& event, bool include_data) {
    json j = json::object();
    j["EventType"] = std::string(to_string(event.type));
    if (event.sub_type) {
        j["SubType"] = *event.sub_type;
    }
    j["EventId"] = event.event_id;
    j["Id"] = event.operation_id;
    if (event.name) {
        j["Name"] = *event.name;
    }
    j["EventTimestamp"] = timestamp(event.timestamp, TimeFormat::EpochSeconds);
    if (event.parent_id) {
        j["ParentId"] = *event.parent_id;
    }
    j[std::string(to_string(event.type)) + "Details"] = details(event, include_data);
    return j;
}

}  // namespace lemu::durable::wire
