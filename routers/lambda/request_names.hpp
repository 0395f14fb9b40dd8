#pragma once
// FunctionName / Qualifier / layer names as they arrive in a Lambda API request, parsed with the grammar
// of the operation (control-plane.md §2).

#include <optional>
#include <string>
#include <vector>

#include "emulator/core/function_ref.hpp"
#include "routers/http/request.hpp"

namespace lemu::routers::lambda {

// {FunctionName} path parameter plus the Qualifier query parameter.
FunctionRef function_ref(const http::Request& request, NameGrammar grammar, const AccountRegion& home);
// {FunctionName} without a Qualifier parameter (operations that have none).
FunctionRef function_ref_no_qualifier(const http::Request& request, NameGrammar grammar,
                                      const AccountRegion& home);
// Operations on the function itself (UpdateFunction*, PublishVersion, aliases): a `$LATEST` suffix is
// accepted, any other qualifier is rejected (a local decision: control-plane.md §6.7 is unverified).
std::string unqualified_function(const http::Request& request, const AccountRegion& home);
// CreateFunction's FunctionName: pattern, 140 characters, and 64 for a bare name (reported by AWS as an
// InvalidParameterValueException carrying the validation text).
std::string new_function_name(const std::optional<std::string>& function_name, const AccountRegion& home);
// {LayerName}: a name or a layer ARN of this account and region.
std::string layer_name(const http::Request& request, const AccountRegion& home);
// The {Resource} of the tag operations: a function ARN (TaggableResource pattern).
FunctionRef taggable_function(const http::Request& request, const AccountRegion& home);
// UntagResource's repeated tagKeys query parameter (required).
std::vector<std::string> tag_keys(const http::Request& request);
// A MaxItems query parameter, validated against [1, max]; 0 when absent.
std::size_t max_items(const http::Request& request, std::size_t max);
// The Marker query parameter; empty when absent.
std::string marker(const http::Request& request);
// ListFunctions' FunctionVersion: true for ALL, false when absent (anything else is a ValidationException).
bool list_all_versions(const http::Request& request);
// ListAliases' FunctionVersion filter.
std::optional<std::string> alias_version_filter(const http::Request& request);

}  // namespace lemu::routers::lambda
