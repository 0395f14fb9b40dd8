// The checkpoint half of DurableExecution: token fencing, ClientToken replay, validation of every
// update before any is applied, the per-type transitions of the table in the header, and the
// response (touched operations plus those the backend changed since the last delivery).

#include <fmt/format.h>

#include <map>
#include <set>
#include <unordered_map>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/digest.hpp"
#include "emulator/core/encoding.hpp"
#include "emulator/durable/durable_execution.hpp"

namespace lemu::durable {
namespace {

AwsError invalid(std::string message) { return AwsError(ErrorCode::InvalidParameterValue, std::move(message)); }

struct Simulated {
    OperationType type;
    std::optional<OperationStatus> status;  // nullopt: does not exist
};

bool allowed(OperationType type, OperationAction action, std::optional<OperationStatus> status) {
    using A = OperationAction;
    using S = OperationStatus;
    bool absent = !status.has_value();
    auto is = [&](S s) { return status == s; };
    switch (type) {
        case OperationType::Step:
            if (action == A::Start) {
                return absent || is(S::Ready);
            }
            if (action == A::Succeed || action == A::Fail || action == A::Retry) {
                return absent || is(S::Started) || is(S::Ready);
            }
            return false;
        case OperationType::Context:
            if (action == A::Start) {
                return absent;
            }
            return (action == A::Succeed || action == A::Fail) && (absent || is(S::Started));
        case OperationType::Wait:
        case OperationType::Callback:
        case OperationType::ChainedInvoke:
            if (action == A::Start) {
                return absent;
            }
            return action == A::Cancel && is(S::Started);
        case OperationType::Execution:
            return action == A::Succeed || action == A::Fail;
    }
    return false;
}

OperationStatus status_after(OperationAction action) {
    switch (action) {
        case OperationAction::Start:
            return OperationStatus::Started;
        case OperationAction::Succeed:
            return OperationStatus::Succeeded;
        case OperationAction::Fail:
            return OperationStatus::Failed;
        case OperationAction::Retry:
            return OperationStatus::Pending;
        case OperationAction::Cancel:
            break;
    }
    return OperationStatus::Cancelled;
}

void validate_shape(const OperationUpdate& u) {
    if (u.action == OperationAction::Succeed && u.error) {
        throw invalid(fmt::format("Operation {}: a SUCCEED update must not carry an Error.", u.id));
    }
    if (u.action == OperationAction::Fail && u.payload) {
        throw invalid(fmt::format("Operation {}: a FAIL update must not carry a Payload.", u.id));
    }
    if (u.action == OperationAction::Retry) {
        if (!u.has_step_options) {
            throw invalid(fmt::format("Operation {}: a RETRY update requires StepOptions.", u.id));
        }
        if (u.error && u.payload) {
            throw invalid(fmt::format("Operation {}: a RETRY update must not carry both Error and Payload.", u.id));
        }
    }
    if (u.action == OperationAction::Start && u.type == OperationType::Wait && !u.wait_seconds) {
        throw invalid(fmt::format("Operation {}: starting a WAIT requires WaitOptions.WaitSeconds.", u.id));
    }
    if (u.action == OperationAction::Start && u.type == OperationType::ChainedInvoke &&
        !u.chained_function_name) {
        throw invalid(
            fmt::format("Operation {}: starting a CHAINED_INVOKE requires ChainedInvokeOptions.FunctionName.", u.id));
    }
}

}  // namespace

void DurableExecution::validate(const std::vector<OperationUpdate>& updates) const {
    std::unordered_map<std::string, Simulated> overlay;
    std::map<std::string, std::vector<OperationAction>> seen;
    bool execution_seen = false;
    for (std::size_t i = 0; i < updates.size(); ++i) {
        const OperationUpdate& u = updates[i];
        validate_shape(u);
        if (u.type == OperationType::Execution) {
            if (execution_seen) {
                throw invalid(fmt::format("Operation {}: a checkpoint may carry at most one EXECUTION update.", u.id));
            }
            if (i + 1 != updates.size()) {
                throw invalid(fmt::format("Operation {}: an EXECUTION update must be the last update.", u.id));
            }
            if (!allowed(u.type, u.action, std::nullopt)) {
                throw invalid(fmt::format("Operation {}: {} is not a valid action for an EXECUTION operation.", u.id,
                                          to_string(u.action)));
            }
            execution_seen = true;
            continue;
        }
        std::vector<OperationAction>& earlier = seen[u.id];
        if (!earlier.empty()) {
            bool start_then_finish = earlier.size() == 1 && earlier.front() == OperationAction::Start &&
                                     u.action != OperationAction::Start &&
                                     (u.type == OperationType::Step || u.type == OperationType::Context);
            if (!start_then_finish) {
                throw invalid(fmt::format("Operation {} appears more than once in this checkpoint.", u.id));
            }
        }
        earlier.push_back(u.action);
        if (u.parent_id) {
            auto sim = overlay.find(*u.parent_id);
            const Operation* existing = find(*u.parent_id);
            bool parent_is_context = sim != overlay.end() ? sim->second.type == OperationType::Context
                                                          : existing != nullptr && existing->type == OperationType::Context;
            if (!parent_is_context) {
                throw invalid(
                    fmt::format("Operation {}: parent operation {} is not a CONTEXT operation of this execution.",
                                u.id, *u.parent_id));
            }
        }
        Simulated current{u.type, std::nullopt};
        if (auto it = overlay.find(u.id); it != overlay.end()) {
            current = it->second;
        } else if (const Operation* op = find(u.id)) {
            current = Simulated{op->type, op->status};
        }
        if (current.status && current.type != u.type) {
            throw invalid(fmt::format("Operation {} is a {} operation, not {}.", u.id, to_string(current.type),
                                      to_string(u.type)));
        }
        if (!allowed(u.type, u.action, current.status)) {
            throw invalid(fmt::format("Operation {}: cannot {} a {} operation {}.", u.id, to_string(u.action),
                                      to_string(u.type),
                                      current.status ? "in status " + std::string(to_string(*current.status))
                                                     : std::string("that does not exist")));
        }
        overlay[u.id] = Simulated{u.type, status_after(u.action)};
    }
}

CheckpointResponse DurableExecution::checkpoint(const CheckpointRequest& request, CheckpointContext& context) {
    // The AWS SDKs resend an identical body (same token, same ClientToken) when a response is lost.
    if (live_ && request.client_token && live_->last_response && live_->last_token == request.token &&
        live_->last_client_token == request.client_token) {
        return *live_->last_response;
    }
    if (!running() || !live_ || live_->current_token != request.token) {
        throw AwsError(ErrorCode::InvalidCheckpointToken,
                       std::string(kInvalidTokenPrefix) +
                           ": the token is not the latest token of a running invocation of this execution.");
    }
    validate(request.updates);

    std::set<std::string> ids;
    for (const OperationUpdate& update : request.updates) {
        apply(update, context);
        ids.insert(update.type == OperationType::Execution ? record_.identity.execution_operation_id : update.id);
    }
    ids.insert(record_.changed.begin(), record_.changed.end());
    if (!record_.changed.empty()) {
        record_.changed.clear();
        touch(record_.identity.execution_operation_id);  // journal the cleared delivery set
    }

    CheckpointResponse response;
    for (const Operation& op : record_.operations) {
        if (ids.contains(op.id)) {
            response.operations.push_back(op);
        }
    }
    response.token = mint_token(context.random);
    live_->tokens.push_back(response.token);
    if (running()) {
        live_->current_token = response.token;
    }
    live_->last_token = request.token;
    live_->last_client_token = request.client_token;
    live_->last_response = response;
    return response;
}

void DurableExecution::apply(const OperationUpdate& update, CheckpointContext& context) {
    if (update.type == OperationType::Execution) {
        apply_execution(update, context.now);
        return;
    }
    Operation* op = find_mutable(update.id);
    if (op == nullptr) {
        op = &add_operation(update, context.now);
    } else {
        touch(op->id);
        if (!op->name && update.name) {
            op->name = update.name;
        }
        if (!op->sub_type && update.sub_type) {
            op->sub_type = update.sub_type;
        }
    }
    switch (update.type) {
        case OperationType::Step:
            apply_step(*op, update, context.now);
            break;
        case OperationType::Context:
            apply_context(*op, update, context.now);
            break;
        case OperationType::Wait:
            apply_wait(*op, update, context.now);
            break;
        case OperationType::Callback:
            apply_callback(*op, update, context);
            break;
        case OperationType::ChainedInvoke:
            apply_chained(*op, update, context);
            break;
        case OperationType::Execution:
            break;
    }
}

void DurableExecution::apply_step(Operation& op, const OperationUpdate& u, TimePoint now) {
    switch (u.action) {
        case OperationAction::Start:
            op.status = OperationStatus::Started;
            op.next_attempt.reset();
            add_event(EventType::StepStarted, op, now);
            return;
        case OperationAction::Succeed:
        case OperationAction::Fail: {
            bool ok = u.action == OperationAction::Succeed;
            op.status = ok ? OperationStatus::Succeeded : OperationStatus::Failed;
            ++op.attempt;
            op.result = ok ? u.payload : std::nullopt;
            op.error = ok ? std::nullopt : std::optional(u.error.value_or(ErrorObject{}));
            op.next_attempt.reset();
            op.end_timestamp = now;
            HistoryEvent& event = add_event(ok ? EventType::StepSucceeded : EventType::StepFailed, op, now);
            event.payload = op.result;
            event.error = op.error;
            event.current_attempt = op.attempt;
            return;
        }
        case OperationAction::Retry: {
            std::int64_t delay = u.next_attempt_delay_seconds.value_or(0);
            op.status = OperationStatus::Pending;
            ++op.attempt;
            op.next_attempt = now + std::chrono::seconds{delay};
            op.error = u.error;
            op.result = u.payload;  // waitForCondition carries its polling state here
            HistoryEvent& event = add_event(EventType::StepFailed, op, now);
            event.error = u.error;
            event.current_attempt = op.attempt;
            event.next_attempt_delay_seconds = delay;
            return;
        }
        case OperationAction::Cancel:
            return;
    }
}

void DurableExecution::apply_context(Operation& op, const OperationUpdate& u, TimePoint now) {
    if (u.action == OperationAction::Start) {
        op.status = OperationStatus::Started;
        add_event(EventType::ContextStarted, op, now);
    } else if (u.action == OperationAction::Succeed) {
        op.status = OperationStatus::Succeeded;
        op.result = u.payload;
        op.replay_children = u.replay_children.value_or(false);
        op.end_timestamp = now;
        add_event(EventType::ContextSucceeded, op, now).payload = op.result;
    } else if (u.action == OperationAction::Fail) {
        op.status = OperationStatus::Failed;
        op.error = u.error.value_or(ErrorObject{});
        op.end_timestamp = now;
        add_event(EventType::ContextFailed, op, now).error = op.error;
    }
}

void DurableExecution::apply_wait(Operation& op, const OperationUpdate& u, TimePoint now) {
    if (u.action == OperationAction::Start) {
        op.status = OperationStatus::Started;
        op.wait_seconds = *u.wait_seconds;
        op.scheduled_end = now + std::chrono::seconds{op.wait_seconds};
        HistoryEvent& event = add_event(EventType::WaitStarted, op, now);
        event.duration = op.wait_seconds;
        event.scheduled_end = op.scheduled_end;
    } else if (u.action == OperationAction::Cancel) {
        op.status = OperationStatus::Cancelled;
        op.end_timestamp = now;
        add_event(EventType::WaitCancelled, op, now).error = u.error;
    }
}

void DurableExecution::apply_callback(Operation& op, const OperationUpdate& u, CheckpointContext& context) {
    TimePoint now = context.now;
    if (u.action == OperationAction::Cancel) {
        op.status = OperationStatus::Cancelled;
        op.end_timestamp = now;
        op.callback_deadline.reset();
        op.heartbeat_deadline.reset();
        return;
    }
    op.status = OperationStatus::Started;
    op.callback_id = mint_token(context.random);
    op.callback_timeout_seconds = u.callback_timeout_seconds.value_or(0);
    op.callback_heartbeat_seconds = u.callback_heartbeat_seconds.value_or(0);
    if (op.callback_timeout_seconds > 0) {
        op.callback_deadline = now + std::chrono::seconds{op.callback_timeout_seconds};
    }
    if (op.callback_heartbeat_seconds > 0) {
        op.heartbeat_deadline = now + std::chrono::seconds{op.callback_heartbeat_seconds};
    }
    HistoryEvent& event = add_event(EventType::CallbackStarted, op, now);
    event.callback_id = op.callback_id;
    event.timeout = u.callback_timeout_seconds;
    event.heartbeat_timeout = u.callback_heartbeat_seconds;
}

void DurableExecution::apply_chained(Operation& op, const OperationUpdate& u, CheckpointContext& context) {
    TimePoint now = context.now;
    if (u.action == OperationAction::Cancel) {
        op.status = OperationStatus::Cancelled;
        op.end_timestamp = now;
        return;
    }
    op.status = OperationStatus::Started;
    ChainedInvokeState state;
    state.function_name = *u.chained_function_name;
    state.tenant_id = u.chained_tenant_id;
    state.input = u.payload;
    std::optional<AwsError> failure;
    try {
        if (context.resolver == nullptr) {
            throw AwsError(ErrorCode::Service, "Chained invokes are not available in this emulator instance.");
        }
        ChainedTarget target = context.resolver->resolve(state.function_name);
        if (target.durable && target.qualifier.empty()) {
            throw AwsError(ErrorCode::InvalidParameterValue,
                           "You cannot invoke a durable function using an unqualified ARN.");
        }
        state.target_function = target.function_name;
        state.target_qualifier = target.qualifier;
        state.executed_version = target.executed_version;
        if (target.durable) {
            // A deterministic child name makes re-creating the child after a restart idempotent.
            state.durable = true;
            state.child_name = hex_encode(md5(arn() + "#" + op.id));
            state.child_id = new_uuid(context.random);
            state.child_arn = function_arn(context.home, target.function_name, target.executed_version) +
                              "/durable-execution/" + state.child_name + "/" + state.child_id;
            state.child_timeout_seconds = target.durable->execution_timeout_seconds;
            state.child_retention_days = target.durable->retention_days;
        }
    } catch (const AwsError& e) {
        failure = e;
    } catch (const std::exception& e) {
        failure = AwsError(ErrorCode::Service, e.what());  // a resolver bug must not half-apply the checkpoint
    }
    HistoryEvent& started = add_event(EventType::ChainedInvokeStarted, op, now);
    started.function_name = state.function_name;
    started.tenant_id = state.tenant_id;
    started.payload = state.input;
    if (!failure) {
        started.executed_version = state.executed_version;
        started.durable_execution_arn = state.child_arn;
    }
    op.chained = std::move(state);
    if (failure) {
        op.status = OperationStatus::Failed;
        op.error = ErrorObject{failure->message(), std::string(failure->name()), std::nullopt, std::nullopt};
        op.end_timestamp = now;
        op.chained->launched = true;  // nothing to launch
        add_event(EventType::ChainedInvokeFailed, op, now).error = op.error;
    }
}

void DurableExecution::apply_execution(const OperationUpdate& u, TimePoint now) {
    if (u.action == OperationAction::Succeed) {
        close(ExecutionStatus::Succeeded, u.payload, std::nullopt, now);
    } else {
        close(ExecutionStatus::Failed, std::nullopt, u.error.value_or(ErrorObject{}), now);
    }
}

}  // namespace lemu::durable
