#pragma once
// The API Gateway control planes on the edge port: `apigateway` (REST APIs, /restapis...) and
// `apigatewayv2` (HTTP APIs, /v2/apis...). Both sign with SigV4 scope "apigateway"; the router claims
// requests with that scope, or unsigned requests under those two prefixes, and nothing else.
// Errors are rest-json: {"message": ...} plus x-amzn-ErrorType (sources.md §5.A).

#include <string_view>

#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "emulator/invoke/function_invoker.hpp"
#include "routers/http/route_table.hpp"
#include "routers/http/router.hpp"
#include "sources/apigateway/http_api_store.hpp"
#include "sources/apigateway/rest_api_store.hpp"

namespace lemu::routers::apigateway {

class ApiGatewayRouter final : public http::Router {
  public:
    // `invoker` (may be null until wired) serves TestInvokeMethod, which calls the integration as the
    // console does, with stage "test-invoke-stage".
    ApiGatewayRouter(sources::apigateway::RestApiStore& rest, sources::apigateway::HttpApiStore& http,
                     invoke::FunctionInvoker* invoker, Clock& clock, Random& random);

    std::string_view name() const override { return "apigateway"; }
    bool matches(const http::Request& head) const override;
    boost::asio::awaitable<http::Response> handle(http::Request& request) override;
    http::Response render(const AwsError& error, const http::Request& request) const override;

  private:
    using Operation = http::Response (ApiGatewayRouter::*)(http::Request&);
    http::Handler op(Operation operation);
    void add_rest_routes();
    void add_http_routes();

    // REST APIs, resources, methods, integrations (rest_handlers.cpp)
    http::Response create_rest_api(http::Request& r);
    http::Response get_rest_apis(http::Request& r);
    http::Response get_rest_api(http::Request& r);
    http::Response delete_rest_api(http::Request& r);
    http::Response get_resources(http::Request& r);
    http::Response get_resource(http::Request& r);
    http::Response create_resource(http::Request& r);
    http::Response delete_resource(http::Request& r);
    http::Response put_method(http::Request& r);
    http::Response get_method(http::Request& r);
    http::Response delete_method(http::Request& r);
    http::Response put_integration(http::Request& r);
    http::Response get_integration(http::Request& r);
    http::Response delete_integration(http::Request& r);
    http::Response put_method_response(http::Request& r);
    http::Response get_method_response(http::Request& r);
    http::Response put_integration_response(http::Request& r);
    http::Response get_integration_response(http::Request& r);
    boost::asio::awaitable<http::Response> test_invoke_method(http::Request& r);  // rest_test_invoke.cpp
    // REST deployments and stages (rest_stage_handlers.cpp)
    http::Response create_deployment(http::Request& r);
    http::Response get_deployments(http::Request& r);
    http::Response get_deployment(http::Request& r);
    http::Response delete_deployment(http::Request& r);
    http::Response create_stage(http::Request& r);
    http::Response get_stages(http::Request& r);
    http::Response get_stage(http::Request& r);
    http::Response update_stage(http::Request& r);
    http::Response delete_stage(http::Request& r);
    // HTTP APIs (http_handlers.cpp)
    http::Response create_api(http::Request& r);
    http::Response get_apis(http::Request& r);
    http::Response get_api(http::Request& r);
    http::Response delete_api(http::Request& r);
    http::Response create_integration(http::Request& r);
    http::Response get_integrations(http::Request& r);
    http::Response get_http_integration(http::Request& r);
    http::Response delete_http_integration(http::Request& r);
    http::Response create_route(http::Request& r);
    http::Response get_routes(http::Request& r);
    http::Response get_route(http::Request& r);
    http::Response delete_route(http::Request& r);
    http::Response create_http_stage(http::Request& r);
    http::Response get_http_stages(http::Request& r);
    http::Response get_http_stage(http::Request& r);
    http::Response update_http_stage(http::Request& r);
    http::Response delete_http_stage(http::Request& r);
    http::Response create_http_deployment(http::Request& r);
    http::Response get_http_deployments(http::Request& r);

    sources::apigateway::RestApiStore& rest_;
    sources::apigateway::HttpApiStore& http_;
    invoke::FunctionInvoker* invoker_;
    Clock& clock_;
    Random& random_;
    http::RouteTable routes_;
};

}  // namespace lemu::routers::apigateway
