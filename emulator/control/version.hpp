#pragma once
// One immutable version of a function: `$LATEST` or a published number. Every change to `$LATEST`
// produces a new Version object; readers hold VersionPtr snapshots that never change under them.
//
// State machine of a version as AWS shows it (control-plane.md facts 7, 11, 19, 20, 25, 29). lemu
// completes pending work on the next registry access to that function ("settling"):
//
//   event                               State     LastUpdateStatus   RevisionId
//   CreateFunction ($LATEST)            Pending   (absent)           new
//   settle after create                 Active    Successful         new
//   Update{Code,Configuration} accepted Active    InProgress         new
//   settle after update                 Active    Successful         new
//   PublishVersion (new number)         Active    Successful         new (own)
//   Publish=true on Create/UpdateCode   Pending   (absent)           new (own)
//   settle a pending published version  Active    Successful         unchanged
//
// No other transition exists; Inactive and Failed are never entered by lemu.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "emulator/control/function_config.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/qualifier.hpp"

namespace lemu::control {

enum class VersionState { Pending, Active };
enum class UpdateStatus { None, InProgress, Successful };

struct Version {
    std::string function_name;
    std::string version;  // "$LATEST" or the number as text
    FunctionConfig config;
    CodeInfo code;
    std::string revision_id;
    TimePoint last_modified;
    VersionState state = VersionState::Pending;
    UpdateStatus last_update = UpdateStatus::None;

    bool is_latest() const { return version == kLatest; }
    // The published number; nullopt for $LATEST.
    std::optional<std::uint64_t> number() const { return parse_version_number(version); }
};

using VersionPtr = std::shared_ptr<const Version>;

}  // namespace lemu::control
