#include "emulator/control/routing_config.hpp"

namespace lemu::control {

std::string RoutingConfig::pick(const std::string& primary, double u01) const {
    if (additional && u01 < additional->weight) {
        return std::to_string(additional->version);
    }
    return primary;
}

}  // namespace lemu::control
