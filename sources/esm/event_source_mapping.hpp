#pragma once
// One event source mapping: a queue polled on behalf of a function ARN that keeps the exact qualifier
// form it was created with (control-plane.md fact 76). An alias is resolved per invocation by the
// Invoker, never here.
//
// States (sources.md fact 23, control-plane.md fact 77; LocalStack's esm_worker; the Create with
// Enabled=false answering Disabled at once is recorded against AWS in test_fifo_message_group_parallelism):
//
//   from \ event      Create   Update        Update         Update       Delete    poller step
//                              Enabled=false Enabled=true   (otherwise)
//   (none)            Creating (Enabled=false: Disabled)
//   Creating                   Disabling     Updating       Updating     Deleting  Enabled
//   Enabling                   Disabling     Updating       Updating     Deleting  Enabled
//   Enabled                    Disabling     Updating       Updating     Deleting  -
//   Updating                   Disabling     Updating       Updating     Deleting  Enabled | Disabled
//   Disabling                  Disabling     Enabling       Updating     Deleting  Disabled (no batch in
//   flight) Disabled                   Updating      Enabling       Updating     Deleting  - Deleting (Update
//   and Delete are refused: the mapping is going away)    removed
//
// Creating, Enabling, Disabling and Updating are transient: the mapping's poller settles them on its
// next step (settled()); Deleting ends with the mapping removed once no batch is in flight.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/clock.hpp"

namespace lemu::sources::esm {

enum class MappingState { Creating, Enabling, Enabled, Disabling, Disabled, Updating, Deleting };

std::string_view to_string(MappingState state);
std::optional<MappingState> parse_state(std::string_view text);

inline constexpr std::string_view kUserInitiated = "USER_INITIATED";
inline constexpr int kDefaultBatchSize = 10;

struct EventSourceMapping {
    std::string uuid;
    std::string source_arn;    // arn:aws:sqs:REGION:ACCOUNT:QUEUE
    std::string function_arn;  // qualifier kept as given: fn, fn:$LATEST, fn:7, fn:live
    int batch_size = kDefaultBatchSize;
    int maximum_batching_window_seconds = 0;
    bool report_batch_item_failures = false;
    std::optional<int> maximum_concurrency;  // ScalingConfig.MaximumConcurrency (2-1000)
    std::string filter_criteria;             // FilterCriteria as opaque JSON text, empty when unset
    bool enabled = true;
    MappingState state = MappingState::Creating;
    std::string state_transition_reason = std::string(kUserInitiated);
    TimePoint last_modified;
    // "PROBLEM: ..." while the poller cannot deliver (sources.md §9.1), else "OK" or the initial text.
    std::string last_processing_result = "No records processed";
    std::uint64_t revision = 0;  // bumped on every Update; pollers notice a retarget mid-batch with it

    bool polls() const { return enabled && state != MappingState::Deleting; }
};

// The state a Create leaves.
MappingState state_after_create(bool enabled);
// The state an Update leaves; `enabled` is the Enabled member of the request, if given.
MappingState state_after_update(MappingState current, bool was_enabled, std::optional<bool> enabled);
// The state a transient state settles into (the poller's step).
MappingState settled(const EventSourceMapping& mapping);
bool is_transient(MappingState state);

}  // namespace lemu::sources::esm
