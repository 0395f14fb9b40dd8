#pragma once
// Asynchronous-invocation settings, stored per qualifier (control-plane.md fact 85).

#include <optional>
#include <string>

#include "emulator/core/clock.hpp"

namespace lemu::control {

struct EventInvokeConfig {
    std::optional<int> maximum_retry_attempts;     // 0-2
    std::optional<int> maximum_event_age_seconds;  // 60-21600
    std::string on_success_destination;            // empty: none
    std::string on_failure_destination;            // empty: none
    TimePoint last_modified;

    bool operator==(const EventInvokeConfig&) const = default;
};

// Put replaces the whole config; Update merges the members that are set.
struct EventInvokeConfigPatch {
    std::optional<int> maximum_retry_attempts;
    std::optional<int> maximum_event_age_seconds;
    std::optional<std::string> on_success_destination;
    std::optional<std::string> on_failure_destination;

    bool empty() const {
        return !maximum_retry_attempts && !maximum_event_age_seconds && !on_success_destination &&
               !on_failure_destination;
    }
};

}  // namespace lemu::control
