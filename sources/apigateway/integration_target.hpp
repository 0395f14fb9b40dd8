#pragma once
// From an integration's configuration to the exact function ARN and SourceArn of one invocation
// (sources.md §1 facts 4, 6, 7; §5 fact 45-46):
//   REST uri  arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION_ARN/invocations
//   HTTP API  IntegrationUri = FUNCTION_ARN (or the REST form)
// FUNCTION_ARN may be qualified (":6", ":live") and may hold ${stageVariables.NAME}, substituted per
// stage; an undefined variable becomes empty (AWS then fails the invocation, so do we).

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/account_region.hpp"

namespace lemu::sources::apigateway {

// Replaces every ${stageVariables.NAME} with the variable's value (empty when undefined).
std::string substitute_stage_variables(std::string_view text,
                                       const std::map<std::string, std::string>& variables);

// The FUNCTION_ARN of a Lambda integration URI in the REST form, or nullopt for any other URI.
std::optional<std::string> lambda_function_from_uri(std::string_view uri);
// The function of an HTTP API integration URI: a Lambda ARN as is, or the REST form unwrapped.
std::optional<std::string> lambda_function_from_http_uri(std::string_view uri);

// arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION_ARN/invocations
std::string lambda_integration_uri(std::string_view region, std::string_view function_arn);

// Checks a PutIntegration uri for type AWS or AWS_PROXY; throws BadRequestException with AWS's text.
void validate_aws_integration_uri(std::string_view uri, bool proxy);

// arn:aws:execute-api:REGION:ACCOUNT:API/STAGE/METHOD/RESOURCE_PATH with the configured method
// (ANY stays ANY) and the resource template: ".../prod/GET/items/{id}", root ".../prod/GET/".
std::string rest_source_arn(const AccountRegion& home, std::string_view api_id, std::string_view stage,
                            std::string_view method, std::string_view resource_path);
// HTTP APIs: ".../STAGE/METHOD/PATH" for route "METHOD /PATH", ".../STAGE/$default" for $default.
std::string http_source_arn(const AccountRegion& home, std::string_view api_id, std::string_view stage,
                            std::string_view route_key);

}  // namespace lemu::sources::apigateway
