// ApiGatewayRouter: REST APIs, resources, methods, integrations and their responses.

#include <nlohmann/json.hpp>

#include "emulator/core/text.hpp"
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

// The `embed` query list of GetResources/GetResource ("embed=methods").
bool embeds_methods(const Request& r) {
    for (const auto& [key, value] : r.query_params()) {
        if (key == "embed") {
            for (std::string_view part : split(value, ',')) {
                if (part == "methods") {
                    return true;
                }
            }
        }
    }
    return false;
}

JsonInput body_of(const Request& r) {
    return JsonInput::parse(r.body);
}

}  // namespace

Response ApiGatewayRouter::create_rest_api(Request& r) {
    return ok(201, rest_codec::to_json(rest_.create_api(rest_codec::rest_api_input(body_of(r)))));
}

Response ApiGatewayRouter::get_rest_apis(Request&) {
    json items = json::array();
    for (const auto& api : rest_.list_apis()) {
        items.push_back(rest_codec::to_json(api));
    }
    return ok(200, json{{"item", items}});
}

Response ApiGatewayRouter::get_rest_api(Request& r) {
    return ok(200, rest_codec::to_json(rest_.get_api(r.param("restapi_id"))));
}

Response ApiGatewayRouter::delete_rest_api(Request& r) {
    rest_.delete_api(r.param("restapi_id"));
    return Response::empty(202);
}

Response ApiGatewayRouter::get_resources(Request& r) {
    bool embed = embeds_methods(r);
    json items = json::array();
    for (const auto& resource : rest_.list_resources(r.param("restapi_id"))) {
        items.push_back(rest_codec::to_json(resource, embed));
    }
    return ok(200, json{{"item", items}});
}

Response ApiGatewayRouter::get_resource(Request& r) {
    return ok(200, rest_codec::to_json(rest_.get_resource(r.param("restapi_id"), r.param("resource_id")),
                                       embeds_methods(r)));
}

Response ApiGatewayRouter::create_resource(Request& r) {
    JsonInput body = body_of(r);
    Resource resource = rest_.create_resource(r.param("restapi_id"), r.param("parent_id"),
                                              body.string("pathPart").value_or(""));
    return ok(201, rest_codec::to_json(resource, false));
}

Response ApiGatewayRouter::delete_resource(Request& r) {
    rest_.delete_resource(r.param("restapi_id"), r.param("resource_id"));
    return Response::empty(202);
}

Response ApiGatewayRouter::put_method(Request& r) {
    Method method = rest_.put_method(r.param("restapi_id"), r.param("resource_id"), r.param("http_method"),
                                     rest_codec::method_input(body_of(r)));
    return ok(201, rest_codec::to_json(method));
}

Response ApiGatewayRouter::get_method(Request& r) {
    return ok(200, rest_codec::to_json(rest_.get_method(r.param("restapi_id"), r.param("resource_id"),
                                                        r.param("http_method"))));
}

Response ApiGatewayRouter::delete_method(Request& r) {
    rest_.delete_method(r.param("restapi_id"), r.param("resource_id"), r.param("http_method"));
    return Response::empty(204);
}

Response ApiGatewayRouter::put_integration(Request& r) {
    Integration integration =
        rest_.put_integration(r.param("restapi_id"), r.param("resource_id"), r.param("http_method"),
                              rest_codec::integration_input(body_of(r)));
    return ok(201, rest_codec::to_json(integration));
}

Response ApiGatewayRouter::get_integration(Request& r) {
    return ok(200, rest_codec::to_json(rest_.get_integration(r.param("restapi_id"), r.param("resource_id"),
                                                             r.param("http_method"))));
}

Response ApiGatewayRouter::delete_integration(Request& r) {
    rest_.delete_integration(r.param("restapi_id"), r.param("resource_id"), r.param("http_method"));
    return Response::empty(204);
}

Response ApiGatewayRouter::put_method_response(Request& r) {
    MethodResponse response =
        rest_.put_method_response(r.param("restapi_id"), r.param("resource_id"), r.param("http_method"),
                                  rest_codec::method_response(body_of(r), r.param("status_code")));
    return ok(201, rest_codec::to_json(response));
}

Response ApiGatewayRouter::get_method_response(Request& r) {
    return ok(200,
              rest_codec::to_json(rest_.get_method_response(r.param("restapi_id"), r.param("resource_id"),
                                                            r.param("http_method"), r.param("status_code"))));
}

Response ApiGatewayRouter::put_integration_response(Request& r) {
    IntegrationResponse response =
        rest_.put_integration_response(r.param("restapi_id"), r.param("resource_id"), r.param("http_method"),
                                       rest_codec::integration_response(body_of(r), r.param("status_code")));
    return ok(201, rest_codec::to_json(response));
}

Response ApiGatewayRouter::get_integration_response(Request& r) {
    return ok(200, rest_codec::to_json(
                       rest_.get_integration_response(r.param("restapi_id"), r.param("resource_id"),
                                                      r.param("http_method"), r.param("status_code"))));
}

}  // namespace lemu::routers::apigateway
