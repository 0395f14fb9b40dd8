#pragma once
// A named pointer to a published version (or $LATEST without routing), with optional weighted routing.

#include <memory>
#include <string>

#include "emulator/control/routing_config.hpp"

namespace lemu::control {

struct Alias {
    std::string name;
    std::string function_version;  // "$LATEST" or a number as text (the primary version)
    std::string description;
    RoutingConfig routing;
    std::string revision_id;
};

using AliasPtr = std::shared_ptr<const Alias>;

}  // namespace lemu::control
