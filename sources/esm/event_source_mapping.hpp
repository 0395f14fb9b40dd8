#pragma once
// One event source mapping: a queue polled on behalf of a function ARN that keeps the exact qualifier
// form it was created with (control-plane.md fact 76). An alias is resolved per invocation by the
// Invoker, never here.
//
// States (sources.md fact 23; LocalStack's esm_worker):
//   from \ to   Creating Enabling Enabled Disabling Disabled Updating Deleting
//   (create)       x
//   Creating                x      (poller up)           (Enabled=false)
//   Enabling                       x
//   Enabled                                 x                      x        x
//   Disabling                                       x
//   Disabled               x                                       x        x
//   Updating                       x                 x
// Creating/Enabling/Disabling/Updating are transient: the manager settles them on its next step.

#include <optional>
#include <string>
#include <vector>

#include "emulator/core/clock.hpp"

namespace lemu::sources::esm {

enum class MappingState { Creating, Enabling, Enabled, Disabling, Disabled, Updating, Deleting };

std::string_view to_string(MappingState state);

struct EventSourceMapping {
    std::string uuid;
    std::string source_arn;         // arn:aws:sqs:REGION:ACCOUNT:QUEUE
    std::string function_arn;       // qualifier kept as given: fn, fn:$LATEST, fn:7, fn:live
    int batch_size = 10;
    int maximum_batching_window_seconds = 0;
    bool report_batch_item_failures = false;
    std::optional<int> maximum_concurrency;  // ScalingConfig.MaximumConcurrency (2-1000)
    std::string filter_criteria;             // opaque JSON text, empty when unset
    bool enabled = true;
    MappingState state = MappingState::Creating;
    std::string state_transition_reason = "USER_INITIATED";
    TimePoint last_modified;
    std::string last_processing_result = "No records processed";

    bool polls() const { return state == MappingState::Enabled || state == MappingState::Enabling; }
};

// The state a transient state settles into.
MappingState settled(const EventSourceMapping& mapping);

}  // namespace lemu::sources::esm
