#include "emulator/durable/durable_execution.hpp"

#include <algorithm>
#include <unordered_set>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/encoding.hpp"

namespace lemu::durable {
namespace {

constexpr std::string_view kCallbackClosed =
    "The callback ID token has either expired or the callback associated with the token has already been "
    "closed.";

OperationStatus operation_status_for(ExecutionStatus s) {
    switch (s) {
        case ExecutionStatus::Succeeded:
            return OperationStatus::Succeeded;
        case ExecutionStatus::Failed:
            return OperationStatus::Failed;
        case ExecutionStatus::TimedOut:
            return OperationStatus::TimedOut;
        case ExecutionStatus::Stopped:
            return OperationStatus::Stopped;
        case ExecutionStatus::Running:
            break;
    }
    return OperationStatus::Started;
}

EventType closing_event(ExecutionStatus s) {
    switch (s) {
        case ExecutionStatus::Succeeded:
            return EventType::ExecutionSucceeded;
        case ExecutionStatus::Failed:
            return EventType::ExecutionFailed;
        case ExecutionStatus::TimedOut:
            return EventType::ExecutionTimedOut;
        case ExecutionStatus::Stopped:
        case ExecutionStatus::Running:
            break;
    }
    return EventType::ExecutionStopped;
}

EventType chained_event(OperationStatus s) {
    switch (s) {
        case OperationStatus::Succeeded:
            return EventType::ChainedInvokeSucceeded;
        case OperationStatus::TimedOut:
            return EventType::ChainedInvokeTimedOut;
        case OperationStatus::Stopped:
            return EventType::ChainedInvokeStopped;
        default:
            break;
    }
    return EventType::ChainedInvokeFailed;
}

}  // namespace

std::chrono::seconds invocation_backoff(int consecutive_failures) {
    int exponent = std::clamp(consecutive_failures - 1, 0, 6);
    return std::min(std::chrono::seconds{1LL << exponent}, std::chrono::seconds{60});
}

DurableExecution::DurableExecution(ExecutionRecord record) : record_(std::move(record)) { reindex(); }

DurableExecution DurableExecution::create(ExecutionIdentity identity, std::optional<ParentLink> parent,
                                          Random& random) {
    if (identity.execution_operation_id.empty()) {
        identity.execution_operation_id = random_hex(random, 32);
    }
    ExecutionRecord record;
    record.identity = std::move(identity);
    record.parent = std::move(parent);
    record.invoke_requested = true;
    const ExecutionIdentity& id = record.identity;

    Operation op;
    op.id = id.execution_operation_id;
    op.type = OperationType::Execution;
    op.status = OperationStatus::Started;
    op.start_timestamp = id.start_timestamp;
    op.input_payload = id.input;
    op.sequence = record.next_sequence++;
    record.operations.push_back(op);

    DurableExecution execution(std::move(record));
    HistoryEvent& started = execution.add_event(EventType::ExecutionStarted, op, op.start_timestamp);
    started.name = execution.identity().name;
    started.payload = execution.identity().input;
    started.execution_timeout = execution.identity().settings.execution_timeout_seconds;
    execution.touch(op.id);
    return execution;
}

DurableExecution DurableExecution::restore(ExecutionRecord record) {
    DurableExecution execution(std::move(record));
    execution.journaled_events_ = execution.record_.history.size();
    return execution;
}

void DurableExecution::reindex() {
    index_.clear();
    for (std::size_t i = 0; i < record_.operations.size(); ++i) {
        index_[record_.operations[i].id] = i;
    }
}

const Operation* DurableExecution::find(std::string_view operation_id) const {
    auto it = index_.find(std::string(operation_id));
    return it == index_.end() ? nullptr : &record_.operations[it->second];
}

Operation* DurableExecution::find_mutable(std::string_view operation_id) {
    auto it = index_.find(std::string(operation_id));
    return it == index_.end() ? nullptr : &record_.operations[it->second];
}

const Operation* DurableExecution::find_callback(std::string_view callback_id) const {
    for (const Operation& op : record_.operations) {
        if (op.type == OperationType::Callback && op.callback_id == callback_id) {
            return &op;
        }
    }
    return nullptr;
}

std::vector<Operation> DurableExecution::visible_operations() const {
    // Parents start before their children, so one pass in start order settles every ancestor first.
    std::unordered_set<std::string> hidden;
    std::vector<Operation> out;
    for (const Operation& op : record_.operations) {
        if (op.parent_id) {
            const Operation* parent = find(*op.parent_id);
            bool parent_hides = parent != nullptr &&
                                (parent->status == OperationStatus::Succeeded ||
                                 parent->status == OperationStatus::Failed) &&
                                !parent->replay_children;
            if (hidden.contains(*op.parent_id) || parent_hides) {
                hidden.insert(op.id);
                continue;
            }
        }
        out.push_back(op);
    }
    return out;
}

Operation& DurableExecution::add_operation(const OperationUpdate& update, TimePoint now) {
    Operation op;
    op.id = update.id;
    op.parent_id = update.parent_id;
    op.name = update.name;
    op.type = update.type;
    op.sub_type = update.sub_type;
    op.start_timestamp = now;
    op.status = OperationStatus::Started;
    op.sequence = record_.next_sequence++;
    record_.operations.push_back(std::move(op));
    index_[update.id] = record_.operations.size() - 1;
    touch(update.id);
    return record_.operations.back();
}

HistoryEvent& DurableExecution::add_event(EventType type, const Operation& op, TimePoint now) {
    HistoryEvent event;
    event.type = type;
    event.event_id = static_cast<std::int64_t>(record_.history.size()) + 1;
    event.timestamp = now;
    event.operation_id = op.id;
    event.name = op.name;
    event.sub_type = op.sub_type;
    event.parent_id = op.parent_id;
    record_.history.push_back(std::move(event));
    return record_.history.back();
}

void DurableExecution::touch(const std::string& operation_id) { dirty_.push_back(operation_id); }

void DurableExecution::mark_changed(const std::string& operation_id) {
    touch(operation_id);
    if (std::find(record_.changed.begin(), record_.changed.end(), operation_id) == record_.changed.end()) {
        record_.changed.push_back(operation_id);
    }
}

void DurableExecution::close(ExecutionStatus status, std::optional<std::string> result,
                             std::optional<ErrorObject> error, TimePoint now) {
    record_.status = status;
    record_.end_timestamp = now;
    record_.result = std::move(result);
    record_.error = std::move(error);
    record_.invoke_requested = false;
    record_.retry_at.reset();
    Operation& op = record_.operations.front();
    op.status = operation_status_for(status);
    op.end_timestamp = now;
    touch(op.id);
    HistoryEvent& event = add_event(closing_event(status), op, now);
    event.name = record_.identity.name;
    event.payload = record_.result;
    event.error = record_.error;
    if (live_) {
        live_->current_token.reset();  // fences every later checkpoint of the running handler
    }
}

std::string DurableExecution::mint_token(Random& random) {
    std::string bytes;
    for (int i = 0; i < 3; ++i) {
        std::uint64_t v = random.next_u64();
        for (int b = 0; b < 8; ++b) {
            bytes.push_back(static_cast<char>((v >> (8 * b)) & 0xFF));
        }
    }
    return base64_encode(bytes);
}

void DurableExecution::check_state_token(std::string_view token) const {
    bool issued = live_ && std::find(live_->tokens.begin(), live_->tokens.end(), token) != live_->tokens.end();
    if (!running() || !issued) {
        throw AwsError(ErrorCode::InvalidCheckpointToken,
                       std::string(kInvalidTokenPrefix) + ": the token does not belong to a running invocation.");
    }
}

TimePoint DurableExecution::stop(std::optional<ErrorObject> error, TimePoint now) {
    if (!running()) {
        return *record_.end_timestamp;
    }
    close(ExecutionStatus::Stopped, std::nullopt, std::move(error), now);
    return now;
}

Operation& DurableExecution::find_callback_started(std::string_view callback_id) {
    for (Operation& op : record_.operations) {
        if (op.type == OperationType::Callback && op.callback_id == callback_id) {
            if (!running() || op.status != OperationStatus::Started) {
                break;
            }
            return op;
        }
    }
    throw AwsError(ErrorCode::CallbackTimeout, std::string(kCallbackClosed));
}

void DurableExecution::callback_succeeded(std::string_view callback_id, std::string result, TimePoint now) {
    Operation& op = find_callback_started(callback_id);
    op.status = OperationStatus::Succeeded;
    op.result = std::move(result);
    op.end_timestamp = now;
    op.callback_deadline.reset();
    op.heartbeat_deadline.reset();
    add_event(EventType::CallbackSucceeded, op, now).payload = op.result;
    mark_changed(op.id);
}

void DurableExecution::callback_failed(std::string_view callback_id, std::optional<ErrorObject> error,
                                       TimePoint now) {
    Operation& op = find_callback_started(callback_id);
    op.status = OperationStatus::Failed;
    op.error = error.value_or(ErrorObject{});
    op.end_timestamp = now;
    op.callback_deadline.reset();
    op.heartbeat_deadline.reset();
    add_event(EventType::CallbackFailed, op, now).error = op.error;
    mark_changed(op.id);
}

void DurableExecution::callback_heartbeat(std::string_view callback_id, TimePoint now) {
    Operation& op = find_callback_started(callback_id);
    if (op.callback_heartbeat_seconds > 0) {
        op.heartbeat_deadline = now + std::chrono::seconds{op.callback_heartbeat_seconds};
        touch(op.id);
    }
}

bool DurableExecution::complete_chained(std::string_view operation_id, const ChainedOutcome& outcome,
                                        TimePoint now) {
    Operation* op = find_mutable(operation_id);
    if (!running() || op == nullptr || op->type != OperationType::ChainedInvoke ||
        op->status != OperationStatus::Started) {
        return false;
    }
    op->status = outcome.status;
    op->result = outcome.result;
    op->error = outcome.error;
    op->end_timestamp = now;
    HistoryEvent& event = add_event(chained_event(outcome.status), *op, now);
    event.payload = outcome.status == OperationStatus::Succeeded ? outcome.result : std::nullopt;
    event.error = outcome.error;
    mark_changed(op->id);
    return true;
}

void DurableExecution::mark_parent_notified() {
    if (record_.parent) {
        record_.parent->notified = true;
        touch(record_.operations.front().id);
    }
}

void DurableExecution::mark_chained_launched(std::string_view operation_id) {
    Operation* op = find_mutable(operation_id);
    if (op != nullptr && op->chained) {
        op->chained->launched = true;
        touch(op->id);
    }
}

ExecutionDelta DurableExecution::take_delta() {
    ExecutionDelta delta;
    std::unordered_set<std::string> seen;
    for (const std::string& id : dirty_) {
        if (seen.insert(id).second) {
            if (const Operation* op = find(id)) {
                delta.operations.push_back(*op);
            }
        }
    }
    dirty_.clear();
    delta.events.assign(record_.history.begin() + static_cast<std::ptrdiff_t>(journaled_events_),
                        record_.history.end());
    journaled_events_ = record_.history.size();
    return delta;
}

}  // namespace lemu::durable
