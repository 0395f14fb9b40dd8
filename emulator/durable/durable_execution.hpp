#pragma once
// One durable execution and its pure state machine (durable.md §1.3-§1.5, §2.2, §6). No locks, no
// I/O, no Asio: every method takes the time it runs at, so tests drive it with fixed instants.
//
// Execution status
//   RUNNING --invocation SUCCEEDED / EXECUTION SUCCEED checkpoint--> SUCCEEDED
//   RUNNING --invocation FAILED / EXECUTION FAIL checkpoint-------> FAILED
//   RUNNING --execution deadline (advance_to)---------------------> TIMED_OUT
//   RUNNING --stop()----------------------------------------------> STOPPED
//   Closed executions accept no checkpoint and start no invocation; results arriving later are ignored.
//
// Operation transitions applied by checkpoint() ("-" = the operation does not exist yet)
//   Type            Action    Allowed from            To          History event
//   STEP            START     -, READY                STARTED     StepStarted
//   STEP            SUCCEED   -, STARTED, READY       SUCCEEDED   StepSucceeded (Attempt += 1)
//   STEP            FAIL      -, STARTED, READY       FAILED      StepFailed (Attempt += 1)
//   STEP            RETRY     -, STARTED, READY       PENDING     StepFailed + NextAttemptDelaySeconds
//   CONTEXT         START     -                       STARTED     ContextStarted
//   CONTEXT         SUCCEED   -, STARTED              SUCCEEDED   ContextSucceeded
//   CONTEXT         FAIL      -, STARTED              FAILED      ContextFailed
//   WAIT            START     -                       STARTED     WaitStarted
//   WAIT            CANCEL    STARTED                 CANCELLED   WaitCancelled
//   CALLBACK        START     -                       STARTED     CallbackStarted (CallbackId minted)
//   CALLBACK        CANCEL    STARTED                 CANCELLED   -
//   CHAINED_INVOKE  START     -                       STARTED     ChainedInvokeStarted (target resolved once)
//                                                     FAILED      + ChainedInvokeFailed if it cannot resolve
//   CHAINED_INVOKE  CANCEL    STARTED                 CANCELLED   -
//   EXECUTION       SUCCEED   (execution RUNNING)     SUCCEEDED   ExecutionSucceeded (closes the execution)
//   EXECUTION       FAIL      (execution RUNNING)     FAILED      ExecutionFailed (closes the execution)
//   Every other (type, action, status) combination is rejected with InvalidParameterValueException,
//   and a rejected request changes nothing (all updates are validated before any is applied).
//
// Backend-driven transitions (advance_to, callbacks, chained completions)
//   WAIT STARTED       --ScheduledEndTimestamp reached--> SUCCEEDED  WaitSucceeded
//   STEP PENDING       --NextAttemptTimestamp reached---> READY      (no event)
//   CALLBACK STARTED   --success / failure API----------> SUCCEEDED / FAILED  CallbackSucceeded / CallbackFailed
//   CALLBACK STARTED   --timeout or heartbeat timeout---> TIMED_OUT  CallbackTimedOut
//   CHAINED_INVOKE STARTED --target finished-----------> SUCCEEDED / FAILED / TIMED_OUT / STOPPED
//   Each marks the operation "changed since delivery": it rides on the next checkpoint response or,
//   when no invocation is running, triggers a re-invocation of the pinned version.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "emulator/core/account_region.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "emulator/durable/history_event.hpp"
#include "emulator/durable/operation.hpp"
#include "emulator/durable/types.hpp"

namespace lemu::durable {

// Every stale-token rejection starts with this; the SDKs classify the error by this exact prefix.
inline constexpr std::string_view kInvalidTokenPrefix = "Invalid Checkpoint Token";
inline constexpr int kDefaultRetentionDays = 14;  // SAM/CDK default (durable.md §1.5)

// From the pinned version's DurableConfig.
struct DurableSettings {
    std::int64_t execution_timeout_seconds = 86'400;
    int retention_days = kDefaultRetentionDays;
};

// A chained-invoke child execution points back at the CHAINED_INVOKE operation that started it.
struct ParentLink {
    std::string arn;
    std::string operation_id;
    bool notified = false;  // the parent operation has been completed with this execution's outcome
};

// Fixed at start.
struct ExecutionIdentity {
    std::string arn;
    std::string name;
    std::string id;               // last ARN segment
    std::string function_name;    // unqualified
    std::string start_qualifier;  // as invoked: alias, number or $LATEST
    std::string pinned_version;   // number or $LATEST, never an alias
    std::string function_arn;     // function ARN with the start qualifier (GetDurableExecution.FunctionArn)
    std::string execution_operation_id;
    std::string input;
    TimePoint start_timestamp{};
    DurableSettings settings;
    std::optional<std::string> trace_header;
};

struct InFlightInvocation {
    std::string request_id;
    TimePoint started{};
};

// Everything that survives a restart; the journal writes and reads exactly this.
struct ExecutionRecord {
    ExecutionIdentity identity;
    ExecutionStatus status = ExecutionStatus::Running;
    std::optional<TimePoint> end_timestamp;
    std::optional<std::string> result;
    std::optional<ErrorObject> error;
    std::vector<Operation> operations;  // start order, EXECUTION first
    std::vector<HistoryEvent> history;
    std::vector<std::string> changed;  // operation ids changed since the last delivery, in order
    bool invoke_requested = false;     // an invocation is owed (first one, or after a restart)
    std::optional<TimePoint> retry_at;  // back-off after a failed invocation
    int consecutive_failures = 0;
    std::optional<InFlightInvocation> in_flight;
    std::uint64_t next_sequence = 0;
    std::optional<ParentLink> parent;
};

// What changed since the last take_delta(), for the append-only journal.
struct ExecutionDelta {
    std::vector<Operation> operations;
    std::vector<HistoryEvent> events;
};

struct InvocationStart {
    std::string arn;
    std::string function_name;
    std::string pinned_version;
    std::string request_id;
    std::string token;
    std::vector<Operation> operations;  // pruned, start order, EXECUTION first
    std::vector<std::string> updated_operation_ids;
};

// How one handler invocation ended (durable.md §3.2).
struct InvocationOutcome {
    enum class Kind { Succeeded, Failed, Pending, Crashed, Invalid };
    Kind kind = Kind::Pending;
    std::optional<std::string> result;
    std::optional<ErrorObject> error;
};

struct CheckpointRequest {
    std::string token;
    std::optional<std::string> client_token;
    std::vector<OperationUpdate> updates;
};

struct CheckpointResponse {
    std::string token;
    std::vector<Operation> operations;
};

// What a chained invoke's FunctionName resolves to, once, at START (Rule P7).
struct ChainedTarget {
    std::string function_name;  // unqualified
    std::string qualifier;      // as named (alias, number, $LATEST); empty when unqualified
    std::string executed_version;
    std::optional<DurableSettings> durable;  // set when the target is a durable function
};

class ChainedInvokeResolver {
public:
    virtual ~ChainedInvokeResolver() = default;
    // Throws AwsError (e.g. ResourceNotFoundException) when the target cannot be resolved.
    virtual ChainedTarget resolve(std::string_view function_name) = 0;
};

// Result of a chained invoke's target, applied to the parent's CHAINED_INVOKE operation.
struct ChainedOutcome {
    OperationStatus status = OperationStatus::Succeeded;  // SUCCEEDED, FAILED, TIMED_OUT or STOPPED
    std::optional<std::string> result;
    std::optional<ErrorObject> error;
};

struct CheckpointContext {
    TimePoint now{};
    Random& random;
    const AccountRegion& home;
    ChainedInvokeResolver* resolver = nullptr;
};

class DurableExecution {
public:
    // A new RUNNING execution with its EXECUTION operation and ExecutionStarted event; it owes its
    // first invocation.
    static DurableExecution create(ExecutionIdentity identity, std::optional<ParentLink> parent, Random& random);
    static DurableExecution restore(ExecutionRecord record);

    const ExecutionRecord& record() const { return record_; }
    const ExecutionIdentity& identity() const { return record_.identity; }
    const std::string& arn() const { return record_.identity.arn; }
    ExecutionStatus status() const { return record_.status; }
    bool running() const { return record_.status == ExecutionStatus::Running; }
    const Operation* find(std::string_view operation_id) const;
    const Operation* find_callback(std::string_view callback_id) const;
    // The operations a handler sees: children of a CONTEXT closed without ReplayChildren are pruned.
    std::vector<Operation> visible_operations() const;

    // CheckpointDurableExecution (durable.md §2.2). Throws AwsError; on a throw nothing changed.
    CheckpointResponse checkpoint(const CheckpointRequest& request, CheckpointContext& context);
    // GetDurableExecutionState's token check: any token issued to the running invocation.
    void check_state_token(std::string_view token) const;
    // StopDurableExecution; returns the stop (or earlier end) timestamp.
    TimePoint stop(std::optional<ErrorObject> error, TimePoint now);

    // Callback APIs; throw CallbackTimeoutException unless the callback is STARTED in a RUNNING execution.
    void callback_succeeded(std::string_view callback_id, std::string result, TimePoint now);
    void callback_failed(std::string_view callback_id, std::optional<ErrorObject> error, TimePoint now);
    void callback_heartbeat(std::string_view callback_id, TimePoint now);
    // A chained invoke's target finished. Ignored unless the operation is still STARTED.
    bool complete_chained(std::string_view operation_id, const ChainedOutcome& outcome, TimePoint now);

    // Driver side (durable.md §6).
    bool wants_invocation(TimePoint now) const;
    InvocationStart begin_invocation(TimePoint now, Random& random);
    // Ignored unless `request_id` is the invocation in flight.
    void finish_invocation(std::string_view request_id, const InvocationOutcome& outcome, TimePoint now);
    // Applies every timer due at `now`; true when anything changed.
    bool advance_to(TimePoint now);
    // The earliest instant at which advance_to or wants_invocation would change something.
    std::optional<TimePoint> next_due() const;
    // When a closed execution may be forgotten (retention).
    std::optional<TimePoint> purge_at() const;
    // After a restart: the invocation that was in flight is gone; owe a new one.
    void recover();

    bool has_pending_work() const;
    void mark_parent_notified();
    void mark_chained_launched(std::string_view operation_id);
    ExecutionDelta take_delta();

private:
    explicit DurableExecution(ExecutionRecord record);
    struct LiveInvocation {
        std::string request_id;
        std::vector<std::string> tokens;  // every token issued to this invocation
        std::optional<std::string> current_token;  // empty once revoked
        std::optional<std::string> last_token;      // the token of the last successful checkpoint
        std::optional<std::string> last_client_token;
        std::optional<CheckpointResponse> last_response;
    };

    Operation* find_mutable(std::string_view operation_id);
    Operation& find_callback_started(std::string_view callback_id);
    Operation& add_operation(const OperationUpdate& update, TimePoint now);
    HistoryEvent& add_event(EventType type, const Operation& op, TimePoint now);
    void mark_changed(const std::string& operation_id);
    void touch(const std::string& operation_id);
    void close(ExecutionStatus status, std::optional<std::string> result, std::optional<ErrorObject> error,
               TimePoint now);
    std::string mint_token(Random& random);
    void reindex();

    void validate(const std::vector<OperationUpdate>& updates) const;
    void apply(const OperationUpdate& update, CheckpointContext& context);
    void apply_step(Operation& op, const OperationUpdate& update, TimePoint now);
    void apply_context(Operation& op, const OperationUpdate& update, TimePoint now);
    void apply_wait(Operation& op, const OperationUpdate& update, TimePoint now);
    void apply_callback(Operation& op, const OperationUpdate& update, CheckpointContext& context);
    void apply_chained(Operation& op, const OperationUpdate& update, CheckpointContext& context);
    void apply_execution(const OperationUpdate& update, TimePoint now);

    ExecutionRecord record_;
    std::unordered_map<std::string, std::size_t> index_;
    std::optional<LiveInvocation> live_;
    std::vector<std::string> dirty_;  // operation ids to journal
    std::size_t journaled_events_ = 0;
};

// Back-off before re-invoking after the n-th consecutive failed invocation: 1 s, 2 s, 4 s, ... 60 s.
std::chrono::seconds invocation_backoff(int consecutive_failures);

}  // namespace lemu::durable
