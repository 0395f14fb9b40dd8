#pragma once
// Wire shapes of aliases: Create/UpdateAlias requests and AliasConfiguration.

#include <string>

#include "emulator/control/function_registry.hpp"
#include "routers/lambda/json_input.hpp"

namespace lemu::routers::lambda {

// The {Name} path parameter or the Name member: 1-128, (?!^[0-9]+$)([a-zA-Z0-9-_]+) (fact 36).
void validate_alias_name(const std::optional<std::string>& name, Violations& violations);

// Create (Name and FunctionVersion required) or Update (everything optional; Name from the path).
control::AliasRequest decode_alias(const JsonInput& in, bool create);

Json encode_alias(const control::Alias& alias, const std::string& alias_arn);
// {"Aliases": [...], "NextMarker": ...}
Json encode_alias_page(const control::Page<control::AliasPtr>& page, const std::string& function,
                       const AccountRegion& home);

}  // namespace lemu::routers::lambda
