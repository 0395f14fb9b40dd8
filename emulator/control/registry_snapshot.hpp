#pragma once
// Plain-value copy of the whole control-plane state, for persistence (the JSON encoding lives in the app).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/control/alias.hpp"
#include "emulator/control/event_invoke_config.hpp"
#include "emulator/control/policy.hpp"
#include "emulator/control/version.hpp"

namespace lemu::control {

struct FunctionSnapshot {
    Version latest;
    std::vector<Version> versions;   // ascending
    std::uint64_t last_version = 0;  // highest number ever published; numbers are never reused
    bool latest_changed = true;      // $LATEST changed since the last publish
    std::vector<Alias> aliases;
    std::map<std::string, Policy> policies;  // key: "" unqualified, "7", "live"
    std::optional<int> reserved_concurrency;
    std::map<std::string, std::string> tags;
    std::map<std::string, EventInvokeConfig> event_invoke_configs;  // key: "$LATEST", "7", "live"
};

struct RegistrySnapshot {
    std::vector<FunctionSnapshot> functions;
};

}  // namespace lemu::control
