#include "sources/apigateway/stage_variables.hpp"

#include <algorithm>
#include <string_view>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"

namespace lemu::sources::apigateway {

void validate_stage_variables(const std::map<std::string, std::string>& variables) {
    constexpr std::string_view kValueExtras = "-._~:/?#&=,";
    for (const auto& [name, value] : variables) {
        bool name_ok = !name.empty() &&
                       std::all_of(name.begin(), name.end(), [](char c) { return is_alnum(c) || c == '_'; });
        if (!name_ok) {
            throw AwsError(ErrorCode::BadRequest,
                           "Stage variable names may only contain alphanumeric characters and underscores");
        }
        bool value_ok = !value.empty() && std::all_of(value.begin(), value.end(), [&](char c) {
            return is_alnum(c) || kValueExtras.find(c) != std::string_view::npos;
        });
        if (!value_ok) {
            throw AwsError(ErrorCode::BadRequest,
                           "Stage variable values must match the regular expression [A-Za-z0-9-._~:/?#&=,]+");
        }
    }
}

}  // namespace lemu::sources::apigateway
