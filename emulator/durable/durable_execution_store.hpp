#pragma once
// Every durable execution of one lemu instance (thread-safe). It owns the cross-execution rules the
// per-execution state machine cannot see: idempotent names (durable.md §1.5, key = unqualified
// function + name), the callback-id index, chained-invoke children (created when the parent's
// CHAINED_INVOKE START is applied; the parent's operation completes when the child closes),
// retention, listing (§2.6) and, with a journal, durability: every change is on disk before the
// call that made it returns.
//
// One mutex guards everything, including the journal's fdatasync: a checkpoint's state, its history
// and its child execution become durable together and in order. The listener hears about changed
// executions after the lock is released.

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "emulator/core/account_region.hpp"
#include "emulator/core/aws_error.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "emulator/durable/durable_execution.hpp"
#include "emulator/durable/execution_journal.hpp"

namespace lemu::durable {

// What the Invoke operation starts (after resolving the qualifier to a version).
struct StartRequest {
    std::string function_name;    // unqualified
    std::string start_qualifier;  // as invoked: alias, number or $LATEST
    std::string pinned_version;   // the resolved version: number or $LATEST, never an alias
    DurableSettings settings;     // the pinned version's DurableConfig
    std::string payload;
    std::optional<std::string> name;  // X-Amz-Durable-Execution-Name; generated when absent
    std::optional<std::string> trace_header;
};

struct StartResult {
    std::string arn;
    bool created = false;        // false: an execution with this name and payload already existed
    std::string pinned_version;  // of the execution returned (the existing one's on re-attach)
    ExecutionStatus status = ExecutionStatus::Running;
};

struct ExecutionOutcome {
    std::string arn;
    std::string pinned_version;
    ExecutionStatus status = ExecutionStatus::Running;
    std::optional<std::string> result;
    std::optional<ErrorObject> error;
};

struct ExecutionSummary {
    std::string arn;
    std::string name;
    std::string function_arn;
    ExecutionStatus status = ExecutionStatus::Running;
    TimePoint start_timestamp{};
    std::optional<TimePoint> end_timestamp;
};

struct ExecutionDescription {
    ExecutionSummary summary;
    std::string input;
    std::optional<std::string> result;
    std::optional<ErrorObject> error;
    std::string version;
    std::optional<std::string> trace_header;
};

struct ListQuery {
    std::string function_name;              // unqualified
    std::optional<std::string> qualifier;   // absent: executions pinned to $LATEST
    std::optional<std::string> name;
    std::vector<ExecutionStatus> statuses;  // empty: all
    std::optional<TimePoint> started_after;
    std::optional<TimePoint> started_before;
    bool reverse = false;
    std::optional<std::string> marker;
    int max_items = 0;  // 0: 100
};

template <typename T>
struct Page {
    std::vector<T> items;
    std::optional<std::string> next_marker;
};

// A chained invoke of a plain (non-durable) function, for the runner to perform.
struct ChainedLaunch {
    std::string parent_arn;
    std::string operation_id;
    std::string function_name;  // unqualified
    std::string version;        // resolved at START
    std::string payload;
    std::optional<std::string> tenant_id;
};

class StoreListener {
public:
    virtual ~StoreListener() = default;
    // An execution changed: it may want an invocation, a launch, or have closed.
    virtual void execution_changed(const std::string& arn) = 0;
};

class DurableExecutionStore {
public:
    DurableExecutionStore(Clock& clock, Random& random, AccountRegion home,
                          std::optional<std::filesystem::path> journal_dir = std::nullopt);
    ~DurableExecutionStore();

    // Recovers every journaled execution; invocations that were in flight are owed again.
    std::size_t load();
    void set_listener(StoreListener* listener);
    void set_resolver(ChainedInvokeResolver* resolver);

    // Throws DurableExecutionAlreadyStartedException (409) for a name reused with another payload and
    // ValidationException for a name outside [a-zA-Z0-9-_]{1,64}.
    StartResult start(const StartRequest& request);

    // The durable API. Unknown ARNs: InvalidParameterValueException for the two calls the SDK
    // makes (the model lists no ResourceNotFoundException there), ResourceNotFoundException otherwise.
    CheckpointResponse checkpoint(const std::string& arn, const CheckpointRequest& request);
    Page<Operation> state(const std::string& arn, const std::string& token, const std::optional<std::string>& marker,
                          int max_items);
    ExecutionDescription describe(const std::string& arn) const;
    Page<HistoryEvent> history(const std::string& arn, bool reverse, const std::optional<std::string>& marker,
                               int max_items) const;
    Page<ExecutionSummary> list(const ListQuery& query) const;
    TimePoint stop(const std::string& arn, std::optional<ErrorObject> error);
    void callback_success(const std::string& callback_id, std::string result);
    void callback_failure(const std::string& callback_id, std::optional<ErrorObject> error);
    void callback_heartbeat(const std::string& callback_id);

    // Driver side.
    std::optional<InvocationStart> begin_invocation(const std::string& arn);
    void finish_invocation(const std::string& arn, const std::string& request_id, const InvocationOutcome& outcome);
    // Applies every timer due now, purges executions past retention, and tells the listener about
    // every execution that changed or wants an invocation.
    void advance();
    std::optional<TimePoint> next_due() const;
    std::vector<ChainedLaunch> take_chained_launches(const std::string& arn);
    void complete_chained(const std::string& parent_arn, const std::string& operation_id,
                          const ChainedOutcome& outcome);
    // nullopt while RUNNING; throws ResourceNotFoundException for an unknown ARN.
    std::optional<ExecutionOutcome> outcome(const std::string& arn) const;
    std::vector<std::string> running_arns() const;

    // For DeleteFunction / DeleteFunction(Qualifier): RUNNING executions pinned to that version (an
    // empty version: to any version of the function).
    std::vector<std::string> running_pinned_to(const std::string& function_name, const std::string& version) const;

private:
    struct Entry {
        DurableExecution execution;
        bool journaled = false;  // the first (identity) record has been written
        std::uint64_t order = 0;
    };
    using Key = std::pair<std::string, std::string>;  // (function, name)

    TimePoint now() const;
    Entry& get(const std::string& arn, ErrorCode missing) const;
    Entry* find(const std::string& arn) const;
    Entry& find_callback(const std::string& callback_id) const;
    Entry& create_locked(ExecutionIdentity identity, std::optional<ParentLink> parent);
    void persist(Entry& entry);
    void settle(Entry& entry, std::vector<std::string>& notify);
    void notify(const std::vector<std::string>& arns);

    Clock& clock_;
    Random& random_;
    AccountRegion home_;
    std::unique_ptr<ExecutionJournal> journal_;
    StoreListener* listener_ = nullptr;
    ChainedInvokeResolver* resolver_ = nullptr;

    mutable std::mutex mutex_;
    std::map<std::string, std::unique_ptr<Entry>> executions_;  // by ARN
    std::map<Key, std::string> names_;
    std::map<std::string, std::string> callbacks_;  // callback id -> ARN
    std::uint64_t next_order_ = 0;
};

}  // namespace lemu::durable
