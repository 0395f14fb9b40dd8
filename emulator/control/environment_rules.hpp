#pragma once
// The environment-variable rules of Create/UpdateFunctionConfiguration (runtime.md fact 18).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lemu::control {

inline constexpr std::size_t kMaxEnvironmentBytes = 4096;

// Keys the platform sets itself; users may not define them.
bool is_reserved_environment_key(std::string_view key);

// Throws InvalidParameterValueException with AWS's text when a key is reserved (all such keys, in request
// order, joined by ", ") or when the variables, measured as the JSON object AWS quotes, exceed 4 KB.
void validate_environment(const std::vector<std::pair<std::string, std::string>>& variables_in_request_order);

}  // namespace lemu::control
