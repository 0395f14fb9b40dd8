#include "sources/esm/event_source_mapping.hpp"

namespace lemu::sources::esm {

std::string_view to_string(MappingState state) {
    switch (state) {
        case MappingState::Creating:
            return "Creating";
        case MappingState::Enabling:
            return "Enabling";
        case MappingState::Enabled:
            return "Enabled";
        case MappingState::Disabling:
            return "Disabling";
        case MappingState::Disabled:
            return "Disabled";
        case MappingState::Updating:
            return "Updating";
        case MappingState::Deleting:
            return "Deleting";
    }
    return "Unknown";
}

MappingState settled(const EventSourceMapping& mapping) {
    switch (mapping.state) {
        case MappingState::Creating:
        case MappingState::Enabling:
        case MappingState::Disabling:
        case MappingState::Updating:
            return mapping.enabled ? MappingState::Enabled : MappingState::Disabled;
        case MappingState::Enabled:
        case MappingState::Disabled:
        case MappingState::Deleting:
            return mapping.state;
    }
    return mapping.state;
}

}  // namespace lemu::sources::esm
