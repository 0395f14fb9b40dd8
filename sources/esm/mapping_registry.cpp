#include "sources/esm/mapping_registry.hpp"

#include <algorithm>

#include "emulator/core/function_ref.hpp"
#include "sources/esm/event_filter.hpp"
#include "sources/esm/mapping_rules.hpp"

namespace lemu::sources::esm {
namespace {

bool is_fifo(std::string_view queue) {
    return queue.ends_with(".fifo");
}

// An unqualified filter names every qualifier of the function; a qualified one that exact ARN.
bool function_matches(const std::string& mapping_arn, const FunctionRef& filter, const AccountRegion& home) {
    if (filter.qualifier) {
        return mapping_arn == filter.arn(home);
    }
    const std::string unqualified = filter.unqualified_arn(home);
    return mapping_arn == unqualified || mapping_arn.starts_with(unqualified + ":");
}

}  // namespace

MappingRegistry::MappingRegistry(AccountRegion home, control::FunctionRegistry& functions,
                                 sqs::QueueStore& queues, const Clock& clock, Random& random)
    : home_(std::move(home)), functions_(functions), queues_(queues), clock_(clock), random_(random) {}

MappingRegistry::Target MappingRegistry::resolve_target(const std::string& function_name) const {
    FunctionRef ref = parse_function_ref(function_name, std::nullopt, NameGrammar::Namespaced, home_);
    control::FunctionView view;
    try {
        view = functions_.get_function(ref);
    } catch (const AwsError& e) {
        if (e.code() == ErrorCode::ResourceNotFound) {
            throw function_does_not_exist();
        }
        throw;
    }
    return Target{ref.arn(home_), view.version->config.timeout_seconds};
}

std::optional<int> MappingRegistry::target_timeout(const std::string& function_arn) const {
    try {
        return resolve_target(function_arn).timeout_seconds;
    } catch (const AwsError&) {
        return std::nullopt;  // the function is gone: the mapping outlives it (fact 18)
    }
}

int MappingRegistry::queue_visibility(const std::string& queue) const {
    try {
        return queues_.visibility_timeout(queue);
    } catch (const AwsError&) {
        throw queue_does_not_exist();
    }
}

const EventSourceMapping* MappingRegistry::find_locked(std::string_view uuid) const {
    auto it = std::find_if(mappings_.begin(), mappings_.end(), [&](const auto& m) { return m.uuid == uuid; });
    return it == mappings_.end() ? nullptr : &*it;
}

EventSourceMapping* MappingRegistry::find_locked(std::string_view uuid) {
    auto it = std::find_if(mappings_.begin(), mappings_.end(), [&](const auto& m) { return m.uuid == uuid; });
    return it == mappings_.end() ? nullptr : &*it;
}

void MappingRegistry::check_duplicate_locked(const std::string& source_arn, const std::string& function_arn,
                                             std::string_view except_uuid) const {
    for (const EventSourceMapping& m : mappings_) {
        if (m.uuid != except_uuid && m.source_arn == source_arn && m.function_arn == function_arn &&
            m.state != MappingState::Deleting) {
            throw duplicate_mapping(source_arn, function_arn, m.uuid);
        }
    }
}

EventSourceMapping MappingRegistry::create(const CreateMappingRequest& request) {
    if (!request.event_source_arn || request.event_source_arn->empty()) {
        throw unrecognized_event_source();
    }
    const std::string& source_arn = *request.event_source_arn;
    const std::string queue = sqs_queue_name(source_arn);
    if (queue.empty()) {
        throw unrecognized_event_source();
    }
    const Target target = resolve_target(request.function_name);

    EventSourceMapping m;
    m.source_arn = source_arn;
    m.function_arn = target.function_arn;
    m.batch_size = request.batch_size.value_or(kDefaultBatchSize);
    m.maximum_batching_window_seconds = request.maximum_batching_window_seconds.value_or(0);
    m.report_batch_item_failures = request.report_batch_item_failures;
    m.maximum_concurrency = request.maximum_concurrency;
    m.filter_criteria = request.filter_criteria;
    (void)EventFilter::parse(m.filter_criteria);  // "Invalid filter pattern definition."
    m.enabled = request.enabled.value_or(true);
    check_batching(m.batch_size, m.maximum_batching_window_seconds, is_fifo(queue));
    if (!queues_.queue_name_for_arn(source_arn)) {
        throw queue_does_not_exist();
    }
    check_visibility(queue_visibility(queue), target.timeout_seconds);

    m.state = state_after_create(m.enabled);
    m.last_modified = clock_.now();
    {
        std::lock_guard lock(mutex_);
        check_duplicate_locked(m.source_arn, m.function_arn, "");
        m.uuid = new_uuid(random_);
        mappings_.push_back(m);
    }
    changed();
    return m;
}

EventSourceMapping MappingRegistry::get(std::string_view uuid) const {
    std::optional<EventSourceMapping> m = find(uuid);
    if (!m) {
        throw mapping_not_found();
    }
    return *m;
}

std::optional<EventSourceMapping> MappingRegistry::find(std::string_view uuid) const {
    std::lock_guard lock(mutex_);
    const EventSourceMapping* m = find_locked(uuid);
    return m ? std::optional<EventSourceMapping>(*m) : std::nullopt;
}

EventSourceMapping MappingRegistry::update(const UpdateMappingRequest& request) {
    EventSourceMapping next = get(request.uuid);
    if (next.state == MappingState::Deleting) {
        throw mapping_not_found();  // on its way out
    }
    std::optional<int> timeout;
    if (request.function_name) {
        Target target = resolve_target(*request.function_name);
        next.function_arn = target.function_arn;
        timeout = target.timeout_seconds;
    } else {
        timeout = target_timeout(next.function_arn);
    }
    next.batch_size = request.batch_size.value_or(next.batch_size);
    next.maximum_batching_window_seconds =
        request.maximum_batching_window_seconds.value_or(next.maximum_batching_window_seconds);
    next.report_batch_item_failures =
        request.report_batch_item_failures.value_or(next.report_batch_item_failures);
    if (request.maximum_concurrency) {
        next.maximum_concurrency = *request.maximum_concurrency;
    }
    if (request.filter_criteria) {
        (void)EventFilter::parse(*request.filter_criteria);
        next.filter_criteria = *request.filter_criteria;
    }
    const std::string queue = sqs_queue_name(next.source_arn);
    check_batching(next.batch_size, next.maximum_batching_window_seconds, is_fifo(queue));
    if (timeout && queues_.exists(queue)) {
        check_visibility(queue_visibility(queue), *timeout);
    }

    EventSourceMapping result;
    {
        std::lock_guard lock(mutex_);
        EventSourceMapping* current = find_locked(request.uuid);
        if (current == nullptr || current->state == MappingState::Deleting) {
            throw mapping_not_found();
        }
        if (next.function_arn != current->function_arn) {
            check_duplicate_locked(current->source_arn, next.function_arn, current->uuid);
        }
        next.state = state_after_update(current->state, current->enabled, request.enabled);
        next.enabled = request.enabled.value_or(current->enabled);
        next.state_transition_reason = std::string(kUserInitiated);
        next.last_modified = clock_.now();
        next.last_processing_result = current->last_processing_result;
        next.revision = current->revision + 1;
        *current = next;
        result = next;
    }
    changed();
    return result;
}

EventSourceMapping MappingRegistry::remove(std::string_view uuid) {
    EventSourceMapping result;
    {
        std::lock_guard lock(mutex_);
        EventSourceMapping* m = find_locked(uuid);
        if (m == nullptr) {
            throw mapping_not_found();
        }
        m->state = MappingState::Deleting;
        m->state_transition_reason = std::string(kUserInitiated);
        ++m->revision;
        result = *m;
    }
    changed();
    return result;
}

MappingPage MappingRegistry::list(const ListMappingsRequest& request) const {
    std::optional<FunctionRef> function;
    if (request.function_name) {
        function = parse_function_ref(*request.function_name, std::nullopt, NameGrammar::Namespaced, home_);
    }
    std::vector<EventSourceMapping> matching;
    {
        std::lock_guard lock(mutex_);
        for (const EventSourceMapping& m : mappings_) {
            if (request.event_source_arn && m.source_arn != *request.event_source_arn) {
                continue;
            }
            if (function && !function_matches(m.function_arn, *function, home_)) {
                continue;
            }
            matching.push_back(m);
        }
    }
    MappingPage page;
    auto begin = matching.begin();
    if (!request.marker.empty()) {
        begin = std::find_if(matching.begin(), matching.end(),
                             [&](const auto& m) { return m.uuid == request.marker; });
    }
    const std::size_t max = request.max_items == 0 ? kDefaultListPage : request.max_items;
    for (auto it = begin; it != matching.end(); ++it) {
        if (page.items.size() == max) {
            page.next_marker = it->uuid;
            break;
        }
        page.items.push_back(*it);
    }
    return page;
}

std::optional<EventSourceMapping> MappingRegistry::settle(std::string_view uuid) {
    std::lock_guard lock(mutex_);
    EventSourceMapping* m = find_locked(uuid);
    if (m == nullptr) {
        return std::nullopt;
    }
    m->state = settled(*m);
    return *m;
}

void MappingRegistry::erase(std::string_view uuid) {
    {
        std::lock_guard lock(mutex_);
        std::erase_if(mappings_, [&](const EventSourceMapping& m) { return m.uuid == uuid; });
    }
    changed();
}

void MappingRegistry::record_result(std::string_view uuid, const std::string& result) {
    std::lock_guard lock(mutex_);
    if (EventSourceMapping* m = find_locked(uuid)) {
        m->last_processing_result = result;
    }
}

std::vector<EventSourceMapping> MappingRegistry::all() const {
    std::lock_guard lock(mutex_);
    return mappings_;
}

void MappingRegistry::restore(std::vector<EventSourceMapping> mappings) {
    std::lock_guard lock(mutex_);
    mappings_.clear();
    for (EventSourceMapping& m : mappings) {
        if (m.state == MappingState::Deleting) {
            continue;
        }
        m.state = state_after_create(m.enabled);
        mappings_.push_back(std::move(m));
    }
}

void MappingRegistry::set_change_listener(std::function<void()> listener) {
    std::lock_guard lock(mutex_);
    listener_ = std::move(listener);
}

void MappingRegistry::changed() const {
    std::function<void()> listener;
    {
        std::lock_guard lock(mutex_);
        listener = listener_;
    }
    if (listener) {
        listener();
    }
}

}  // namespace lemu::sources::esm
