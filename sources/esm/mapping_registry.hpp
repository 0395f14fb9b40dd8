#pragma once
// Every event source mapping of one lemu instance, with the validation AWS does when a mapping is
// created or updated (sources.md §3.A-B, control-plane.md facts 18, 76-78). Pure and thread-safe (one
// mutex, never held while asking the function registry or the queue store); no Asio: the EsmManager
// runs the pollers and calls the "poller side" members below.
//
// The target keeps the qualifier form it was given; only the checks resolve it: the timeout compared with
// the queue's visibility timeout is that of the version the target resolves to (an alias: its primary
// version), on Create and on every Update (sources.md fact 25). Mappings outlive their function
// (control-plane.md fact 18).

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/control/function_registry.hpp"
#include "emulator/core/account_region.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "sources/esm/event_source_mapping.hpp"
#include "sources/sqs/queue_store.hpp"

namespace lemu::sources::esm {

inline constexpr std::size_t kDefaultListPage = 100;

struct CreateMappingRequest {
    std::optional<std::string> event_source_arn;
    std::string function_name;  // name, partial or full ARN, optionally :qualifier
    std::optional<bool> enabled;
    std::optional<int> batch_size;
    std::optional<int> maximum_batching_window_seconds;
    bool report_batch_item_failures = false;
    std::optional<int> maximum_concurrency;
    std::string filter_criteria;  // opaque JSON text; empty: none
};

struct UpdateMappingRequest {
    std::string uuid;
    std::optional<std::string> function_name;
    std::optional<bool> enabled;
    std::optional<int> batch_size;
    std::optional<int> maximum_batching_window_seconds;
    std::optional<bool> report_batch_item_failures;
    std::optional<std::optional<int>> maximum_concurrency;  // outer: ScalingConfig given; inner: cleared
    std::optional<std::string> filter_criteria;             // given: replaces ("" clears)
};

struct ListMappingsRequest {
    std::optional<std::string> event_source_arn;
    std::optional<std::string> function_name;
    std::string marker;
    std::size_t max_items = kDefaultListPage;
};

struct MappingPage {
    std::vector<EventSourceMapping> items;
    std::string next_marker;  // empty: last page
};

class MappingRegistry {
  public:
    MappingRegistry(AccountRegion home, control::FunctionRegistry& functions, sqs::QueueStore& queues,
                    const Clock& clock, Random& random);

    const AccountRegion& home() const { return home_; }

    // --- the API -----------------------------------------------------------------------------------
    EventSourceMapping create(const CreateMappingRequest& request);
    EventSourceMapping get(std::string_view uuid) const;  // 404 when unknown
    EventSourceMapping update(const UpdateMappingRequest& request);
    // Marks the mapping Deleting; the poller removes it (erase) once no batch is in flight.
    EventSourceMapping remove(std::string_view uuid);
    // In creation order. An unknown FunctionName lists nothing (fact 78); an unqualified one lists the
    // mappings of every qualifier of that function, a qualified one only that exact ARN.
    MappingPage list(const ListMappingsRequest& request) const;

    // --- the poller side ---------------------------------------------------------------------------
    std::optional<EventSourceMapping> find(std::string_view uuid) const;
    // Settles a transient state (Creating/Enabling/Updating -> Enabled, Disabling -> Disabled); returns the
    // mapping as it is afterwards, nullopt once it is gone.
    std::optional<EventSourceMapping> settle(std::string_view uuid);
    void erase(std::string_view uuid);
    void record_result(std::string_view uuid, const std::string& result);
    std::vector<EventSourceMapping> all() const;

    // --- persistence -------------------------------------------------------------------------------
    // Restored mappings come back Creating (enabled) or Disabled; Deleting ones are dropped.
    void restore(std::vector<EventSourceMapping> mappings);
    // Called after every acknowledged Create/Update/Delete and every removal, outside the lock.
    void set_change_listener(std::function<void()> listener);

  private:
    struct Target {
        std::string function_arn;
        int timeout_seconds = 0;
    };
    Target resolve_target(const std::string& function_name) const;
    std::optional<int> target_timeout(const std::string& function_arn) const;
    int queue_visibility(const std::string& queue) const;
    const EventSourceMapping* find_locked(std::string_view uuid) const;
    EventSourceMapping* find_locked(std::string_view uuid);
    void check_duplicate_locked(const std::string& source_arn, const std::string& function_arn,
                                std::string_view except_uuid) const;
    void changed() const;

    AccountRegion home_;
    control::FunctionRegistry& functions_;
    sqs::QueueStore& queues_;
    const Clock& clock_;
    Random& random_;
    mutable std::mutex mutex_;
    std::vector<EventSourceMapping> mappings_;  // creation order
    std::function<void()> listener_;
};

}  // namespace lemu::sources::esm
