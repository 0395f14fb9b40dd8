#pragma once
// Wire shapes of the `apigateway` (REST API) control plane, rest-json as botocore's model defines
// them: camelCase members, epoch-second timestamps, list outputs under "item".

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "routers/apigateway/json_input.hpp"
#include "sources/apigateway/rest_api.hpp"

namespace lemu::routers::apigateway::rest_codec {

using namespace lemu::sources::apigateway;

nlohmann::json to_json(const RestApi& api);
nlohmann::json to_json(const Resource& resource, bool embed_methods);
nlohmann::json to_json(const Method& method);
nlohmann::json to_json(const Integration& integration);
nlohmann::json to_json(const MethodResponse& response);
nlohmann::json to_json(const IntegrationResponse& response);
nlohmann::json to_json(const Deployment& deployment);
nlohmann::json to_json(const Stage& stage);

RestApiInput rest_api_input(const JsonInput& body);
MethodInput method_input(const JsonInput& body);
IntegrationInput integration_input(const JsonInput& body);
MethodResponse method_response(const JsonInput& body, std::string status_code);
IntegrationResponse integration_response(const JsonInput& body, std::string status_code);
DeploymentInput deployment_input(const JsonInput& body);
StageInput stage_input(const JsonInput& body);
// `input_name` is the operation's input in validation messages, e.g. "updateStageInput".
std::vector<PatchOperation> patch_operations(const JsonInput& body, std::string_view input_name);

}  // namespace lemu::routers::apigateway::rest_codec
