#include "routers/apigateway/validation_errors.hpp"

#include <fmt/format.h>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"

namespace lemu::routers::apigateway {

void ValidationErrors::add(std::string_view value, std::string_view path, std::string_view constraint) {
    errors_.push_back(
        fmt::format("Value '{}' at '{}' failed to satisfy constraint: {}", value, path, constraint));
}

void ValidationErrors::throw_if_any() const {
    if (errors_.empty()) {
        return;
    }
    throw AwsError(ErrorCode::Validation, fmt::format("{} validation error{} detected: {}", errors_.size(),
                                                      errors_.size() == 1 ? "" : "s", join(errors_, "; ")));
}

}  // namespace lemu::routers::apigateway
