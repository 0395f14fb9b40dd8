#pragma once
// An alias's weighted routing (control-plane.md facts 45-52): at most one additional version that
// receives `weight` of the invocations; the primary version gets the rest.

#include <cstdint>
#include <optional>
#include <string>

namespace lemu::control {

struct WeightedVersion {
    std::uint64_t version = 0;
    double weight = 0.0;  // in [0, 1]

    bool operator==(const WeightedVersion&) const = default;
};

struct RoutingConfig {
    std::optional<WeightedVersion> additional;

    // Pure choice for one invocation given a uniform sample u01 in [0, 1): the additional version when
    // u01 < weight (so weight 0 never and weight 1 always picks it), else `primary`.
    std::string pick(const std::string& primary, double u01) const;

    bool empty() const { return !additional.has_value(); }
    bool operator==(const RoutingConfig&) const = default;
};

}  // namespace lemu::control
