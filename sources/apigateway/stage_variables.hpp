#pragma once
// Stage variable rules shared by REST stages and HTTP API stages: names are alphanumerics and
// underscores, values match [A-Za-z0-9-._~:/?#&=,]+ (so "$LATEST" can never be one, sources.md fact 46).

#include <map>
#include <string>

namespace lemu::sources::apigateway {

// Throws BadRequestException on the first bad name or value.
void validate_stage_variables(const std::map<std::string, std::string>& variables);

}  // namespace lemu::sources::apigateway
