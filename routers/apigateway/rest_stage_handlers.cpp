// ApiGatewayRouter: REST API deployments and stages.

#include <nlohmann/json.hpp>

#include "routers/apigateway/api_gateway_router.hpp"
#include "routers/apigateway/rest_codec.hpp"

namespace lemu::routers::apigateway {
namespace {

using namespace lemu::sources::apigateway;

using http::Request;
using http::Response;
using nlohmann::json;

Response ok(int status, const json& body) {
    return Response::json(status, body.dump());
}

}  // namespace

Response ApiGatewayRouter::create_deployment(Request& r) {
    Deployment deployment = rest_.create_deployment(r.param("restapi_id"),
                                                    rest_codec::deployment_input(JsonInput::parse(r.body)));
    return ok(201, rest_codec::to_json(deployment));
}

Response ApiGatewayRouter::get_deployments(Request& r) {
    json items = json::array();
    for (const auto& deployment : rest_.list_deployments(r.param("restapi_id"))) {
        items.push_back(rest_codec::to_json(deployment));
    }
    return ok(200, json{{"item", items}});
}

Response ApiGatewayRouter::get_deployment(Request& r) {
    return ok(200,
              rest_codec::to_json(rest_.get_deployment(r.param("restapi_id"), r.param("deployment_id"))));
}

Response ApiGatewayRouter::delete_deployment(Request& r) {
    rest_.delete_deployment(r.param("restapi_id"), r.param("deployment_id"));
    return Response::empty(202);
}

Response ApiGatewayRouter::create_stage(Request& r) {
    Stage stage =
        rest_.create_stage(r.param("restapi_id"), rest_codec::stage_input(JsonInput::parse(r.body)));
    return ok(201, rest_codec::to_json(stage));
}

Response ApiGatewayRouter::get_stages(Request& r) {
    json items = json::array();
    for (const auto& stage : rest_.list_stages(r.param("restapi_id"), r.query_param("deploymentId"))) {
        items.push_back(rest_codec::to_json(stage));
    }
    return ok(200, json{{"item", items}});
}

Response ApiGatewayRouter::get_stage(Request& r) {
    return ok(200, rest_codec::to_json(rest_.get_stage(r.param("restapi_id"), r.param("stage_name"))));
}

Response ApiGatewayRouter::update_stage(Request& r) {
    auto operations = rest_codec::patch_operations(JsonInput::parse(r.body), "updateStageInput");
    return ok(200, rest_codec::to_json(
                       rest_.update_stage(r.param("restapi_id"), r.param("stage_name"), operations)));
}

Response ApiGatewayRouter::delete_stage(Request& r) {
    rest_.delete_stage(r.param("restapi_id"), r.param("stage_name"));
    return Response::empty(202);
}

}  // namespace lemu::routers::apigateway
