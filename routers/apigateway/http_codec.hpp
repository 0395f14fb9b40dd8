#pragma once
// Wire shapes of the `apigatewayv2` (HTTP API) control plane, rest-json per botocore's model:
// camelCase member names, ISO 8601 timestamps, list outputs under "items".

#include <nlohmann/json.hpp>

#include "routers/apigateway/json_input.hpp"
#include "sources/apigateway/http_api.hpp"
#include "sources/apigateway/http_api_store.hpp"

namespace lemu::routers::apigateway::http_codec {

using namespace lemu::sources::apigateway;

nlohmann::json to_json(const HttpApi& api);
nlohmann::json to_json(const HttpIntegration& integration);
nlohmann::json to_json(const Route& route);
nlohmann::json to_json(const HttpStage& stage);
nlohmann::json to_json(const HttpDeployment& deployment);

HttpApiInput api_input(const JsonInput& body);
HttpIntegrationInput integration_input(const JsonInput& body);
RouteInput route_input(const JsonInput& body);
HttpStageInput stage_input(const JsonInput& body);
HttpStageUpdate stage_update(const JsonInput& body);

}  // namespace lemu::routers::apigateway::http_codec
