// The driver half of DurableExecution: invocations, their outcomes, and timers (durable.md §6).

#include <algorithm>

#include "emulator/durable/durable_execution.hpp"

namespace lemu::durable {
namespace {

void earliest(std::optional<TimePoint>& best, std::optional<TimePoint> candidate) {
    if (candidate && (!best || *candidate < *best)) {
        best = candidate;
    }
}

}  // namespace

bool DurableExecution::has_pending_work() const {
    if (!record_.changed.empty()) {
        return true;
    }
    return std::any_of(record_.operations.begin(), record_.operations.end(), [](const Operation& op) {
        switch (op.type) {
            case OperationType::Wait:
            case OperationType::Callback:
            case OperationType::ChainedInvoke:
                return op.status == OperationStatus::Started;
            case OperationType::Step:
                return op.status == OperationStatus::Pending || op.status == OperationStatus::Ready;
            default:
                return false;
        }
    });
}

bool DurableExecution::wants_invocation(TimePoint now) const {
    if (!running() || record_.in_flight) {
        return false;
    }
    if (record_.retry_at) {
        return *record_.retry_at <= now;
    }
    return record_.invoke_requested || !record_.changed.empty();
}

InvocationStart DurableExecution::begin_invocation(TimePoint now, Random& random) {
    InvocationStart start;
    start.arn = arn();
    start.function_name = record_.identity.function_name;
    start.pinned_version = record_.identity.pinned_version;
    start.request_id = new_uuid(random);
    start.token = mint_token(random);
    start.operations = visible_operations();
    start.updated_operation_ids = std::move(record_.changed);
    record_.changed.clear();
    record_.invoke_requested = false;
    record_.retry_at.reset();
    record_.in_flight = InFlightInvocation{start.request_id, now};
    live_ = LiveInvocation{start.request_id, {start.token}, start.token, {}, {}, {}};
    touch(record_.operations.front().id);
    return start;
}

void DurableExecution::finish_invocation(std::string_view request_id, const InvocationOutcome& outcome,
                                         TimePoint now) {
    if (!record_.in_flight || record_.in_flight->request_id != request_id) {
        return;
    }
    InvocationOutcome effective = outcome;
    if (running() && outcome.kind == InvocationOutcome::Kind::Pending && !has_pending_work()) {
        effective.kind = InvocationOutcome::Kind::Invalid;
        effective.error = ErrorObject{"Cannot return PENDING status with no pending operations.",
                                      "InvalidInvocationResult", std::nullopt, std::nullopt};
    }
    bool invocation_error = effective.kind == InvocationOutcome::Kind::Crashed ||
                            effective.kind == InvocationOutcome::Kind::Invalid;

    const Operation& execution_op = record_.operations.front();
    HistoryEvent& completed = add_event(EventType::InvocationCompleted, execution_op, now);
    completed.invocation_start = record_.in_flight->started;
    completed.invocation_end = now;
    completed.request_id = std::string(request_id);
    if (invocation_error) {
        completed.error = effective.error;
    }
    record_.in_flight.reset();
    live_.reset();
    touch(execution_op.id);
    if (!running()) {
        return;  // closed meanwhile (EXECUTION checkpoint, stop, timeout): the result is ignored
    }
    switch (effective.kind) {
        case InvocationOutcome::Kind::Succeeded:
            close(ExecutionStatus::Succeeded, effective.result, std::nullopt, now);
            break;
        case InvocationOutcome::Kind::Failed:
            close(ExecutionStatus::Failed, std::nullopt, effective.error.value_or(ErrorObject{}), now);
            break;
        case InvocationOutcome::Kind::Pending:
            record_.consecutive_failures = 0;
            break;
        case InvocationOutcome::Kind::Crashed:
        case InvocationOutcome::Kind::Invalid:
            // Retried on the same pinned version after a back-off (durable.md §1.5).
            ++record_.consecutive_failures;
            record_.retry_at = now + invocation_backoff(record_.consecutive_failures);
            break;
    }
}

bool DurableExecution::advance_to(TimePoint now) {
    if (!running()) {
        return false;
    }
    const ExecutionIdentity& id = record_.identity;
    TimePoint deadline = id.start_timestamp + std::chrono::seconds{id.settings.execution_timeout_seconds};
    if (now >= deadline) {
        close(ExecutionStatus::TimedOut, std::nullopt,
              ErrorObject{"Execution timed out after " + std::to_string(id.settings.execution_timeout_seconds) +
                              " seconds.",
                          "ExecutionTimedOut", std::nullopt, std::nullopt},
              now);
        return true;
    }
    bool changed = false;
    for (Operation& op : record_.operations) {
        if (op.type == OperationType::Wait && op.status == OperationStatus::Started && op.scheduled_end &&
            *op.scheduled_end <= now) {
            op.status = OperationStatus::Succeeded;
            op.end_timestamp = now;
            add_event(EventType::WaitSucceeded, op, now).duration = op.wait_seconds;
            mark_changed(op.id);
            changed = true;
        } else if (op.type == OperationType::Step && op.status == OperationStatus::Pending && op.next_attempt &&
                   *op.next_attempt <= now) {
            op.status = OperationStatus::Ready;  // no history event for PENDING -> READY
            mark_changed(op.id);
            changed = true;
        } else if (op.type == OperationType::Callback && op.status == OperationStatus::Started) {
            bool timed_out = op.callback_deadline && *op.callback_deadline <= now;
            bool heartbeat_missed = op.heartbeat_deadline && *op.heartbeat_deadline <= now;
            if (timed_out || heartbeat_missed) {
                op.status = OperationStatus::TimedOut;
                op.end_timestamp = now;
                op.error = ErrorObject{timed_out ? "Callback timed out" : "Callback heartbeat timed out",
                                       timed_out ? "CallbackTimeout" : "CallbackHeartbeatTimeout", std::nullopt,
                                       std::nullopt};
                op.callback_deadline.reset();
                op.heartbeat_deadline.reset();
                add_event(EventType::CallbackTimedOut, op, now).error = op.error;
                mark_changed(op.id);
                changed = true;
            }
        }
    }
    return changed;
}

std::optional<TimePoint> DurableExecution::purge_at() const {
    if (running() || !record_.end_timestamp) {
        return std::nullopt;
    }
    return *record_.end_timestamp + std::chrono::hours{24} * record_.identity.settings.retention_days;
}

std::optional<TimePoint> DurableExecution::next_due() const {
    if (!running()) {
        return purge_at();
    }
    const ExecutionIdentity& id = record_.identity;
    std::optional<TimePoint> best =
        id.start_timestamp + std::chrono::seconds{id.settings.execution_timeout_seconds};
    for (const Operation& op : record_.operations) {
        if (op.type == OperationType::Wait && op.status == OperationStatus::Started) {
            earliest(best, op.scheduled_end);
        } else if (op.type == OperationType::Step && op.status == OperationStatus::Pending) {
            earliest(best, op.next_attempt);
        } else if (op.type == OperationType::Callback && op.status == OperationStatus::Started) {
            earliest(best, op.callback_deadline);
            earliest(best, op.heartbeat_deadline);
        }
    }
    if (!record_.in_flight) {
        earliest(best, record_.retry_at);
    }
    return best;
}

void DurableExecution::recover() {
    live_.reset();
    for (Operation& op : record_.operations) {
        // A plain (non-durable) chained target that was running at the crash is invoked again.
        if (op.chained && !op.chained->durable && op.chained->launched && op.status == OperationStatus::Started) {
            op.chained->launched = false;
            touch(op.id);
        }
    }
    if (record_.in_flight) {
        record_.in_flight.reset();
        if (running()) {
            record_.invoke_requested = true;
        }
        touch(record_.operations.front().id);
    }
}

}  // namespace lemu::durable
