// The store's driver side: persistence, recovery, timers, retention and chained invokes.

#include <algorithm>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/log.hpp"
#include "emulator/durable/durable_execution_store.hpp"

namespace lemu::durable {
namespace {

ChainedOutcome outcome_for_parent(const ExecutionRecord& child) {
    switch (child.status) {
        case ExecutionStatus::Succeeded:
            return ChainedOutcome{OperationStatus::Succeeded, child.result, std::nullopt};
        case ExecutionStatus::TimedOut:
            return ChainedOutcome{OperationStatus::TimedOut, std::nullopt, child.error.value_or(ErrorObject{})};
        case ExecutionStatus::Stopped:
            return ChainedOutcome{OperationStatus::Stopped, std::nullopt, child.error.value_or(ErrorObject{})};
        default:
            break;
    }
    return ChainedOutcome{OperationStatus::Failed, std::nullopt, child.error.value_or(ErrorObject{})};
}

}  // namespace

std::size_t DurableExecutionStore::load() {
    if (!journal_) {
        return 0;
    }
    std::vector<std::string> changed;
    std::size_t count = 0;
    {
        std::lock_guard lock(mutex_);
        std::vector<ExecutionRecord> records = journal_->load();
        std::sort(records.begin(), records.end(), [](const ExecutionRecord& a, const ExecutionRecord& b) {
            return a.identity.start_timestamp < b.identity.start_timestamp;
        });
        for (ExecutionRecord& record : records) {
            std::string arn = record.identity.arn;
            Key key{record.identity.function_name, record.identity.name};
            auto entry = std::make_unique<Entry>(Entry{DurableExecution::restore(std::move(record)), true, next_order_++});
            entry->execution.recover();
            for (const Operation& op : entry->execution.record().operations) {
                if (op.callback_id) {
                    callbacks_[*op.callback_id] = arn;
                }
            }
            names_[key] = arn;
            executions_[arn] = std::move(entry);
            ++count;
        }
        // Finish what a crash may have interrupted: children not yet created, parents not yet told.
        std::vector<std::string> arns;
        for (const auto& [arn, entry] : executions_) {
            arns.push_back(arn);
        }
        for (const std::string& arn : arns) {
            if (Entry* entry = find(arn)) {
                settle(*entry, changed);
            }
        }
    }
    log::get("durable")->info("recovered {} durable executions from {}", count, journal_->dir().string());
    notify(changed);
    return count;
}

void DurableExecutionStore::persist(Entry& entry) {
    ExecutionDelta delta = entry.execution.take_delta();
    for (const Operation& op : delta.operations) {
        if (op.callback_id) {
            callbacks_[*op.callback_id] = entry.execution.arn();
        }
    }
    bool nothing = delta.operations.empty() && delta.events.empty();
    if (!journal_ || (entry.journaled && nothing)) {
        return;
    }
    try {
        journal_->append(entry.execution.record(), delta, !entry.journaled);
        entry.journaled = true;
    } catch (const std::exception& e) {
        log::get("durable")->error("cannot journal durable execution {}: {}", entry.execution.arn(), e.what());
        throw AwsError(ErrorCode::Service, "The durable execution state could not be saved.");
    }
}

void DurableExecutionStore::settle(Entry& entry, std::vector<std::string>& notify) {
    persist(entry);
    DurableExecution& execution = entry.execution;
    std::vector<const Operation*> children;
    for (const Operation& op : execution.record().operations) {
        if (op.chained && op.chained->durable && !op.chained->launched && op.status == OperationStatus::Started) {
            children.push_back(&op);
        }
    }
    std::vector<std::string> launched;
    for (const Operation* op : children) {
        const ChainedInvokeState& c = *op->chained;
        if (!names_.contains(Key{c.target_function, c.child_name})) {
            ExecutionIdentity id;
            id.arn = *c.child_arn;
            id.name = c.child_name;
            id.id = c.child_id;
            id.function_name = c.target_function;
            id.start_qualifier = c.target_qualifier;
            id.pinned_version = c.executed_version;
            id.function_arn = function_arn(home_, c.target_function, c.target_qualifier);
            id.input = c.input.value_or("");
            id.start_timestamp = now();
            id.settings = DurableSettings{c.child_timeout_seconds, c.child_retention_days};
            Entry& child = create_locked(std::move(id), ParentLink{execution.arn(), op->id, false});
            persist(child);
            notify.push_back(child.execution.arn());
        }
        launched.push_back(op->id);
    }
    for (const std::string& id : launched) {
        execution.mark_chained_launched(id);
    }
    const std::optional<ParentLink>& parent = execution.record().parent;
    if (!execution.running() && parent && !parent->notified) {
        if (Entry* parent_entry = find(parent->arn)) {
            if (parent_entry->execution.complete_chained(parent->operation_id, outcome_for_parent(execution.record()),
                                                         now())) {
                settle(*parent_entry, notify);
            }
        }
        execution.mark_parent_notified();
    }
    persist(entry);
    notify.push_back(execution.arn());
}

std::optional<InvocationStart> DurableExecutionStore::begin_invocation(const std::string& arn) {
    std::vector<std::string> ignored;
    std::lock_guard lock(mutex_);
    Entry* entry = find(arn);
    TimePoint t = now();
    if (entry == nullptr || !entry->execution.wants_invocation(t)) {
        return std::nullopt;
    }
    InvocationStart start = entry->execution.begin_invocation(t, random_);
    settle(*entry, ignored);
    return start;
}

void DurableExecutionStore::finish_invocation(const std::string& arn, const std::string& request_id,
                                              const InvocationOutcome& outcome) {
    std::vector<std::string> changed;
    {
        std::lock_guard lock(mutex_);
        Entry* entry = find(arn);
        if (entry == nullptr) {
            return;
        }
        entry->execution.finish_invocation(request_id, outcome, now());
        settle(*entry, changed);
    }
    notify(changed);
}

void DurableExecutionStore::advance() {
    std::vector<std::string> changed;
    std::vector<std::string> expired;
    {
        std::lock_guard lock(mutex_);
        TimePoint t = now();
        for (auto& [arn, entry] : executions_) {
            DurableExecution& e = entry->execution;
            if (!e.running()) {
                if (auto purge = e.purge_at(); purge && *purge <= t) {
                    expired.push_back(arn);
                }
                continue;
            }
            bool moved = e.advance_to(t);
            if (moved) {
                settle(*entry, changed);
            } else if (e.wants_invocation(t)) {
                changed.push_back(arn);
            }
        }
        for (const std::string& arn : expired) {
            const ExecutionIdentity& id = executions_.at(arn)->execution.identity();
            names_.erase(Key{id.function_name, id.name});
            std::erase_if(callbacks_, [&](const auto& kv) { return kv.second == arn; });
            if (journal_) {
                journal_->remove(id.id);
            }
            executions_.erase(arn);
        }
    }
    for (const std::string& arn : expired) {
        log::get("durable")->info("purged durable execution {} (retention elapsed)", arn);
    }
    notify(changed);
}

std::optional<TimePoint> DurableExecutionStore::next_due() const {
    std::lock_guard lock(mutex_);
    std::optional<TimePoint> best;
    for (const auto& [arn, entry] : executions_) {
        auto due = entry->execution.next_due();
        if (due && (!best || *due < *best)) {
            best = due;
        }
    }
    return best;
}

std::vector<ChainedLaunch> DurableExecutionStore::take_chained_launches(const std::string& arn) {
    std::vector<std::string> ignored;
    std::lock_guard lock(mutex_);
    Entry* entry = find(arn);
    std::vector<ChainedLaunch> launches;
    if (entry == nullptr || !entry->execution.running()) {
        return launches;
    }
    for (const Operation& op : entry->execution.record().operations) {
        if (op.chained && !op.chained->durable && !op.chained->launched && op.status == OperationStatus::Started) {
            const ChainedInvokeState& c = *op.chained;
            launches.push_back(ChainedLaunch{arn, op.id, c.target_function, c.executed_version, c.input.value_or(""),
                                             c.tenant_id});
        }
    }
    for (const ChainedLaunch& launch : launches) {
        entry->execution.mark_chained_launched(launch.operation_id);
    }
    if (!launches.empty()) {
        settle(*entry, ignored);
    }
    return launches;
}

void DurableExecutionStore::complete_chained(const std::string& parent_arn, const std::string& operation_id,
                                             const ChainedOutcome& outcome) {
    std::vector<std::string> changed;
    {
        std::lock_guard lock(mutex_);
        Entry* entry = find(parent_arn);
        if (entry == nullptr || !entry->execution.complete_chained(operation_id, outcome, now())) {
            return;
        }
        settle(*entry, changed);
    }
    notify(changed);
}

}  // namespace lemu::durable
