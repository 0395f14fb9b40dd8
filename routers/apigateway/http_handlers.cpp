// ApiGatewayRouter: HTTP APIs (apigatewayv2) — APIs, integrations, routes, stages, deployments.

#include <nlohmann/json.hpp>

#include "routers/apigateway/api_gateway_router.hpp"
#include "routers/apigateway/http_codec.hpp"

namespace lemu::routers::apigateway {
namespace {

using namespace lemu::sources::apigateway;

using http::Request;
using http::Response;
using nlohmann::json;

Response ok(int status, const json& body) {
    return Response::json(status, body.dump());
}

template <typename T>
Response items(const std::vector<T>& values) {
    json list = json::array();
    for (const auto& value : values) {
        list.push_back(http_codec::to_json(value));
    }
    return ok(200, json{{"items", list}});
}

JsonInput body_of(const Request& r) {
    return JsonInput::parse(r.body);
}

}  // namespace

Response ApiGatewayRouter::create_api(Request& r) {
    return ok(201, http_codec::to_json(http_.create_api(http_codec::api_input(body_of(r)))));
}

Response ApiGatewayRouter::get_apis(Request&) {
    return items(http_.list_apis());
}

Response ApiGatewayRouter::get_api(Request& r) {
    return ok(200, http_codec::to_json(http_.get_api(r.param("apiId"))));
}

Response ApiGatewayRouter::delete_api(Request& r) {
    http_.delete_api(r.param("apiId"));
    return Response::empty(204);
}

Response ApiGatewayRouter::create_integration(Request& r) {
    return ok(201, http_codec::to_json(http_.create_integration(r.param("apiId"),
                                                                http_codec::integration_input(body_of(r)))));
}

Response ApiGatewayRouter::get_integrations(Request& r) {
    return items(http_.list_integrations(r.param("apiId")));
}

Response ApiGatewayRouter::get_http_integration(Request& r) {
    return ok(200, http_codec::to_json(http_.get_integration(r.param("apiId"), r.param("integrationId"))));
}

Response ApiGatewayRouter::delete_http_integration(Request& r) {
    http_.delete_integration(r.param("apiId"), r.param("integrationId"));
    return Response::empty(204);
}

Response ApiGatewayRouter::create_route(Request& r) {
    return ok(201,
              http_codec::to_json(http_.create_route(r.param("apiId"), http_codec::route_input(body_of(r)))));
}

Response ApiGatewayRouter::get_routes(Request& r) {
    return items(http_.list_routes(r.param("apiId")));
}

Response ApiGatewayRouter::get_route(Request& r) {
    return ok(200, http_codec::to_json(http_.get_route(r.param("apiId"), r.param("routeId"))));
}

Response ApiGatewayRouter::delete_route(Request& r) {
    http_.delete_route(r.param("apiId"), r.param("routeId"));
    return Response::empty(204);
}

Response ApiGatewayRouter::create_http_stage(Request& r) {
    return ok(201,
              http_codec::to_json(http_.create_stage(r.param("apiId"), http_codec::stage_input(body_of(r)))));
}

Response ApiGatewayRouter::get_http_stages(Request& r) {
    return items(http_.list_stages(r.param("apiId")));
}

Response ApiGatewayRouter::get_http_stage(Request& r) {
    return ok(200, http_codec::to_json(http_.get_stage(r.param("apiId"), r.param("stageName"))));
}

Response ApiGatewayRouter::update_http_stage(Request& r) {
    return ok(200, http_codec::to_json(http_.update_stage(r.param("apiId"), r.param("stageName"),
                                                          http_codec::stage_update(body_of(r)))));
}

Response ApiGatewayRouter::delete_http_stage(Request& r) {
    http_.delete_stage(r.param("apiId"), r.param("stageName"));
    return Response::empty(204);
}

Response ApiGatewayRouter::create_http_deployment(Request& r) {
    JsonInput body = body_of(r);
    return ok(201, http_codec::to_json(http_.create_deployment(r.param("apiId"), body.string("stageName"),
                                                               body.string("description"))));
}

Response ApiGatewayRouter::get_http_deployments(Request& r) {
    return items(http_.list_deployments(r.param("apiId")));
}

}  // namespace lemu::routers::apigateway
