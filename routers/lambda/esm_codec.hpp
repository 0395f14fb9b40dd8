#pragma once
// Wire shapes of event source mappings: Create/UpdateEventSourceMapping requests and
// EventSourceMappingConfiguration (sources.md fact 22: FunctionResponseTypes always present, ScalingConfig
// and FilterCriteria only when set, LastModified in epoch seconds).

#include <string>

#include "emulator/core/account_region.hpp"
#include "routers/lambda/json_input.hpp"
#include "sources/esm/mapping_registry.hpp"

namespace lemu::routers::lambda {

// Member ranges as botocore models them (ValidationException); the semantic rules are the registry's.
sources::esm::CreateMappingRequest decode_create_mapping(const JsonInput& in);
sources::esm::UpdateMappingRequest decode_update_mapping(const JsonInput& in, std::string uuid);

Json encode_mapping(const sources::esm::EventSourceMapping& mapping, const AccountRegion& home);
// {"EventSourceMappings": [...], "NextMarker": ...}
Json encode_mapping_page(const sources::esm::MappingPage& page, const AccountRegion& home);

}  // namespace lemu::routers::lambda
