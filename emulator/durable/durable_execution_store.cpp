#include "emulator/durable/durable_execution_store.hpp"

#include <algorithm>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/log.hpp"
#include "emulator/core/qualifier.hpp"
#include "emulator/core/text.hpp"

namespace lemu::durable {
namespace {

constexpr int kDefaultMaxItems = 100;
constexpr std::string_view kAlreadyStarted =
    "The durable execution with the specified name has already been started. Each durable execution name must "
    "be unique within the function. Use a different name or check the status of the existing execution.";

template <typename T>
Page<T> paginate(std::vector<T> all, const std::optional<std::string>& marker, int max_items) {
    std::size_t start = 0;
    if (marker) {
        auto parsed = parse_version_number(*marker);  // a run of digits
        if (!parsed || *parsed > all.size()) {
            throw AwsError(ErrorCode::InvalidParameterValue, "The Marker is not valid: " + *marker);
        }
        start = static_cast<std::size_t>(*parsed);
    }
    std::size_t count = static_cast<std::size_t>(max_items <= 0 ? kDefaultMaxItems : max_items);
    std::size_t end = std::min(all.size(), start + count);
    Page<T> page;
    page.items.assign(std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(start)),
                      std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(end)));
    if (end < all.size()) {
        page.next_marker = std::to_string(end);
    }
    return page;
}

ExecutionSummary summarize(const DurableExecution& e) {
    const ExecutionRecord& r = e.record();
    return ExecutionSummary{r.identity.arn,  r.identity.name,          r.identity.function_arn,
                            r.status,        r.identity.start_timestamp, r.end_timestamp};
}

bool matches_qualifier(const ExecutionIdentity& id, const std::optional<std::string>& qualifier) {
    if (!qualifier) {
        return id.pinned_version == kLatest;
    }
    Qualifier q = classify_qualifier(*qualifier);
    if (is_alias(q)) {
        return id.start_qualifier == *qualifier;
    }
    return id.pinned_version == *qualifier;
}

}  // namespace

DurableExecutionStore::DurableExecutionStore(Clock& clock, Random& random, AccountRegion home,
                                             std::optional<std::filesystem::path> journal_dir)
    : clock_(clock), random_(random), home_(std::move(home)) {
    if (journal_dir) {
        journal_ = std::make_unique<ExecutionJournal>(*journal_dir);
    }
}

DurableExecutionStore::~DurableExecutionStore() = default;

void DurableExecutionStore::set_listener(StoreListener* listener) {
    std::lock_guard lock(mutex_);
    listener_ = listener;
}

void DurableExecutionStore::set_resolver(ChainedInvokeResolver* resolver) {
    std::lock_guard lock(mutex_);
    resolver_ = resolver;
}

TimePoint DurableExecutionStore::now() const {
    // Millisecond precision: what the journal and the wire carry is exactly what memory holds.
    return std::chrono::time_point_cast<Millis>(clock_.now());
}

DurableExecutionStore::Entry* DurableExecutionStore::find(const std::string& arn) const {
    auto it = executions_.find(arn);
    return it == executions_.end() ? nullptr : it->second.get();
}

DurableExecutionStore::Entry& DurableExecutionStore::get(const std::string& arn, ErrorCode missing) const {
    if (Entry* entry = find(arn)) {
        return *entry;
    }
    throw AwsError(missing, "Durable execution not found: " + arn);
}

DurableExecutionStore::Entry& DurableExecutionStore::find_callback(const std::string& callback_id) const {
    auto it = callbacks_.find(callback_id);
    Entry* entry = it == callbacks_.end() ? nullptr : find(it->second);
    if (entry == nullptr) {
        throw AwsError(ErrorCode::InvalidParameterValue, "The callback ID is not valid: " + callback_id);
    }
    return *entry;
}

void DurableExecutionStore::notify(const std::vector<std::string>& arns) {
    StoreListener* listener = nullptr;
    {
        std::lock_guard lock(mutex_);
        listener = listener_;
    }
    if (listener != nullptr) {
        for (const std::string& arn : arns) {
            listener->execution_changed(arn);
        }
    }
}

DurableExecutionStore::Entry& DurableExecutionStore::create_locked(ExecutionIdentity identity,
                                                                   std::optional<ParentLink> parent) {
    Key key{identity.function_name, identity.name};
    std::string arn = identity.arn;
    auto entry = std::make_unique<Entry>(
        Entry{DurableExecution::create(std::move(identity), std::move(parent), random_), false, next_order_++});
    Entry& ref = *entry;
    executions_[arn] = std::move(entry);
    names_[key] = arn;
    return ref;
}

StartResult DurableExecutionStore::start(const StartRequest& request) {
    if (request.name) {
        const std::string& name = *request.name;
        bool word = std::all_of(name.begin(), name.end(), [](char c) { return is_alnum(c) || c == '-' || c == '_'; });
        if (name.empty() || name.size() > 64) {
            throw validation_error(name, "durableExecutionName",
                                   name.empty() ? "Member must have length greater than or equal to 1"
                                                : "Member must have length less than or equal to 64");
        }
        if (!word) {
            throw validation_error(name, "durableExecutionName",
                                   "Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+");
        }
    }
    std::vector<std::string> changed;
    StartResult result;
    {
        std::lock_guard lock(mutex_);
        if (request.name) {
            auto it = names_.find(Key{request.function_name, *request.name});
            if (it != names_.end()) {
                const DurableExecution& existing = executions_.at(it->second)->execution;
                if (existing.identity().input != request.payload) {
                    throw AwsError(ErrorCode::DurableExecutionAlreadyStarted, std::string(kAlreadyStarted));
                }
                return StartResult{existing.arn(), false, existing.identity().pinned_version, existing.status()};
            }
        }
        ExecutionIdentity id;
        id.name = request.name.value_or(new_uuid(random_));
        id.id = new_uuid(random_);
        id.function_name = request.function_name;
        id.start_qualifier = request.start_qualifier;
        id.pinned_version = request.pinned_version;
        id.arn = function_arn(home_, request.function_name, request.pinned_version) + "/durable-execution/" + id.name +
                 "/" + id.id;
        id.function_arn = function_arn(home_, request.function_name, request.start_qualifier);
        id.input = request.payload;
        id.start_timestamp = now();
        id.settings = request.settings;
        id.trace_header = request.trace_header;
        Entry& entry = create_locked(std::move(id), std::nullopt);
        settle(entry, changed);
        result = StartResult{entry.execution.arn(), true, request.pinned_version, ExecutionStatus::Running};
    }
    log::get("durable")->info("started durable execution {} pinned to {}:{} (invoked as {})", result.arn,
                              request.function_name, request.pinned_version, request.start_qualifier);
    notify(changed);
    return result;
}

CheckpointResponse DurableExecutionStore::checkpoint(const std::string& arn, const CheckpointRequest& request) {
    std::vector<std::string> changed;
    CheckpointResponse response;
    {
        std::lock_guard lock(mutex_);
        Entry& entry = get(arn, ErrorCode::InvalidParameterValue);
        CheckpointContext context{now(), random_, home_, resolver_};
        response = entry.execution.checkpoint(request, context);
        settle(entry, changed);
    }
    notify(changed);
    return response;
}

Page<Operation> DurableExecutionStore::state(const std::string& arn, const std::string& token,
                                             const std::optional<std::string>& marker, int max_items) {
    std::lock_guard lock(mutex_);
    Entry& entry = get(arn, ErrorCode::InvalidParameterValue);
    entry.execution.check_state_token(token);
    return paginate(entry.execution.visible_operations(), marker, max_items);
}

ExecutionDescription DurableExecutionStore::describe(const std::string& arn) const {
    std::lock_guard lock(mutex_);
    const DurableExecution& e = get(arn, ErrorCode::ResourceNotFound).execution;
    const ExecutionRecord& r = e.record();
    return ExecutionDescription{summarize(e),           r.identity.input, r.result, r.error, r.identity.pinned_version,
                                r.identity.trace_header};
}

Page<HistoryEvent> DurableExecutionStore::history(const std::string& arn, bool reverse,
                                                  const std::optional<std::string>& marker, int max_items) const {
    std::vector<HistoryEvent> events;
    {
        std::lock_guard lock(mutex_);
        events = get(arn, ErrorCode::ResourceNotFound).execution.record().history;
    }
    if (reverse) {
        std::reverse(events.begin(), events.end());
    }
    return paginate(std::move(events), marker, max_items);
}

Page<ExecutionSummary> DurableExecutionStore::list(const ListQuery& query) const {
    std::vector<std::pair<std::uint64_t, ExecutionSummary>> found;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [arn, entry] : executions_) {
            const ExecutionRecord& r = entry->execution.record();
            const ExecutionIdentity& id = r.identity;
            bool status_ok = query.statuses.empty() ||
                             std::find(query.statuses.begin(), query.statuses.end(), r.status) != query.statuses.end();
            if (id.function_name != query.function_name || !matches_qualifier(id, query.qualifier) || !status_ok ||
                (query.name && id.name != *query.name) ||
                (query.started_after && id.start_timestamp < *query.started_after) ||
                (query.started_before && id.start_timestamp > *query.started_before)) {
                continue;
            }
            found.emplace_back(entry->order, summarize(entry->execution));
        }
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        if (a.second.start_timestamp != b.second.start_timestamp) {
            return a.second.start_timestamp < b.second.start_timestamp;
        }
        return a.first < b.first;
    });
    std::vector<ExecutionSummary> ordered;
    for (auto& [order, summary] : found) {
        ordered.push_back(std::move(summary));
    }
    if (query.reverse) {
        std::reverse(ordered.begin(), ordered.end());
    }
    return paginate(std::move(ordered), query.marker, query.max_items);
}

TimePoint DurableExecutionStore::stop(const std::string& arn, std::optional<ErrorObject> error) {
    std::vector<std::string> changed;
    TimePoint stopped;
    bool was_running = false;
    {
        std::lock_guard lock(mutex_);
        Entry& entry = get(arn, ErrorCode::ResourceNotFound);
        was_running = entry.execution.running();
        stopped = entry.execution.stop(std::move(error), now());
        settle(entry, changed);
    }
    if (was_running) {
        log::get("durable")->info("stopped durable execution {}", arn);
    }
    notify(changed);
    return stopped;
}

void DurableExecutionStore::callback_success(const std::string& callback_id, std::string result) {
    std::vector<std::string> changed;
    {
        std::lock_guard lock(mutex_);
        Entry& entry = find_callback(callback_id);
        entry.execution.callback_succeeded(callback_id, std::move(result), now());
        settle(entry, changed);
    }
    notify(changed);
}

void DurableExecutionStore::callback_failure(const std::string& callback_id, std::optional<ErrorObject> error) {
    std::vector<std::string> changed;
    {
        std::lock_guard lock(mutex_);
        Entry& entry = find_callback(callback_id);
        entry.execution.callback_failed(callback_id, std::move(error), now());
        settle(entry, changed);
    }
    notify(changed);
}

void DurableExecutionStore::callback_heartbeat(const std::string& callback_id) {
    std::vector<std::string> changed;
    {
        std::lock_guard lock(mutex_);
        Entry& entry = find_callback(callback_id);
        entry.execution.callback_heartbeat(callback_id, now());
        settle(entry, changed);
    }
    notify(changed);
}

std::vector<std::string> DurableExecutionStore::running_pinned_to(const std::string& function_name,
                                                                  const std::string& version) const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> arns;
    for (const auto& [arn, entry] : executions_) {
        const ExecutionIdentity& id = entry->execution.identity();
        if (entry->execution.running() && id.function_name == function_name &&
            (version.empty() || id.pinned_version == version)) {
            arns.push_back(arn);
        }
    }
    return arns;
}

std::vector<std::string> DurableExecutionStore::running_arns() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> arns;
    for (const auto& [arn, entry] : executions_) {
        if (entry->execution.running()) {
            arns.push_back(arn);
        }
    }
    return arns;
}

std::optional<ExecutionOutcome> DurableExecutionStore::outcome(const std::string& arn) const {
    std::lock_guard lock(mutex_);
    const DurableExecution& e = get(arn, ErrorCode::ResourceNotFound).execution;
    if (e.running()) {
        return std::nullopt;
    }
    const ExecutionRecord& r = e.record();
    return ExecutionOutcome{arn, r.identity.pinned_version, r.status, r.result, r.error};
}

}  // namespace lemu::durable
