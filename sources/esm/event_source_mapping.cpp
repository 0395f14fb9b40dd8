#include "sources/esm/event_source_mapping.hpp"

#include <array>
#include <utility>

namespace lemu::sources::esm {
namespace {

constexpr std::array<std::pair<MappingState, std::string_view>, 7> kNames{{
    {MappingState::Creating, "Creating"},
    {MappingState::Enabling, "Enabling"},
    {MappingState::Enabled, "Enabled"},
    {MappingState::Disabling, "Disabling"},
    {MappingState::Disabled, "Disabled"},
    {MappingState::Updating, "Updating"},
    {MappingState::Deleting, "Deleting"},
}};

}  // namespace

std::string_view to_string(MappingState state) {
    for (const auto& [value, name] : kNames) {
        if (value == state) {
            return name;
        }
    }
    return "Unknown";
}

std::optional<MappingState> parse_state(std::string_view text) {
    for (const auto& [value, name] : kNames) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

MappingState state_after_create(bool enabled) {
    return enabled ? MappingState::Creating : MappingState::Disabled;
}

MappingState state_after_update(MappingState current, bool was_enabled, std::optional<bool> enabled) {
    if (current == MappingState::Deleting) {
        return current;
    }
    if (enabled && !*enabled && was_enabled) {
        return MappingState::Disabling;
    }
    if (enabled && *enabled && !was_enabled) {
        return MappingState::Enabling;
    }
    if (current == MappingState::Disabling && !(enabled && *enabled)) {
        return MappingState::Disabling;  // still winding down; settles to Disabled
    }
    return MappingState::Updating;
}

bool is_transient(MappingState state) {
    return state == MappingState::Creating || state == MappingState::Enabling ||
           state == MappingState::Disabling || state == MappingState::Updating;
}

MappingState settled(const EventSourceMapping& mapping) {
    if (!is_transient(mapping.state)) {
        return mapping.state;
    }
    return mapping.enabled ? MappingState::Enabled : MappingState::Disabled;
}

}  // namespace lemu::sources::esm
